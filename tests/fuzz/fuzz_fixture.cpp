// Fuzz target for the wire fixture reader (engine/runtime/Fixture.h): arbitrary bytes, split
// into lines as the reader splits a file, must never crash or hang; a line that fails names
// why, and a line that parses round-trips through the writer to the same record.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "engine/runtime/Fixture.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  while (!text.empty()) {
    const size_t end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    sc::FixtureRecord record;
    std::string error;
    if (!sc::parseFixtureLine(line, record, error)) {
      if (error.empty()) std::abort();
      continue;
    }
    const std::string written = sc::formatFixtureLine(record);
    if (written.find('\n') != std::string::npos) std::abort();  // one record, one line
    sc::FixtureRecord again;
    if (!sc::parseFixtureLine(written, again, error) || !(again == record)) std::abort();
  }
  return 0;
}
