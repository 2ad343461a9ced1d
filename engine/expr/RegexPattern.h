#pragma once
// The one place a user's regular expression (a regex_match pattern, a kafka.source
// topic_pattern) becomes a std::regex. libstdc++ compiles patterns recursively, one stack frame
// per term and several per nested group, so a long or deeply nested pattern overflows the stack
// in the validator: both are refused before std::regex sees them.

#include <cstddef>
#include <memory>
#include <regex>
#include <string>
#include <string_view>

namespace sc::expr {

// Well inside an 8 MiB stack (a thread's default) even in an unoptimised build: the
// compiler uses about 100 bytes of stack per character and 400 per nesting level at -O2.
constexpr size_t kMaxRegexLength = 4096;   // characters
constexpr int kMaxRegexNesting = 100;      // groups inside groups
constexpr int kMaxRegexRepetition = 9999;  // {n,m} counts

// Checks a pattern against the limits above and for back-references (which make matching
// exponential). Returns false and says why, naming the character (1-based) where it goes wrong.
bool checkRegexPattern(std::string_view pattern, std::string& error);

// Checks, then compiles an ECMAScript pattern in libstdc++'s polynomial (breadth-first) mode,
// whose stack use does not grow with the input. Null and a reason on failure.
std::shared_ptr<const std::regex> compileRegexPattern(std::string_view pattern, std::string& error);

}  // namespace sc::expr
