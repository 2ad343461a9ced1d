#pragma once
// JSON string text, the one escaper every JSON writer uses (record sinks, fixture files, JSON
// logs), and the strict UTF-8 check for writers that must keep bytes that are not text exactly.

#include <string>
#include <string_view>

namespace sc {

// Appends `s` as a quoted JSON string: `"` and `\` escaped, the control characters below 0x20
// as \n \r \t \b \f or \u00XX. Every other byte is copied as it is: UTF-8 stays readable
// (U+2028 and U+2029 included, which JSON allows), and bytes that are not UTF-8 pass through
// unchanged, so a writer that must produce valid UTF-8 checks with isValidUtf8 first (the
// fixture writes such bytes as {"hex":"..."}).
void appendJsonString(std::string& out, std::string_view s);

// Strict UTF-8 (RFC 3629: no overlong forms, surrogates or code points above U+10FFFF), as a
// JSON reader expects it.
bool isValidUtf8(std::string_view s);

}  // namespace sc
