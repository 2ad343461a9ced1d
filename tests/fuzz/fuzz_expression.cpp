// libFuzzer target for the expression compiler: compiles arbitrary text and, when it compiles,
// evaluates it over a small batch holding every kind of value. Checks that errors point inside
// the text and that results have the kind the compiler promised.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "engine/expr/Expression.h"
#include "engine/runtime/Batch.h"
#include "engine/runtime/SlotTable.h"

namespace {

using namespace sc;
using namespace sc::expr;

int characters(std::string_view text) {
  int n = 0;
  for (char c : text)
    n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

Value sampleValue(uint32_t which, uint32_t row) {
  switch (which % 9) {
    case 0:
      return Value::missing();
    case 1:
      return Value::null();
    case 2:
      return Value::boolean(row % 2 == 0);
    case 3:
      return Value::integer(static_cast<int64_t>(row) - 3);
    case 4:
      return Value::integer(row % 2 ? INT64_MIN : INT64_MAX);
    case 5:
      return Value::number(row % 2 ? 2.5 : -1e300);
    case 6:
      return Value::string(row % 2 ? "Ab c" : "");
    case 7:
      return Value::string("h\xC3\xA9llo w\xC3\xB6rld");
    default:
      return Value::json(R"([1, {"a": "x,]"}, []])");
  }
}

bool fitsType(const Value& v, Type type) {
  if (v.isNullish()) return true;
  switch (type) {
    case Type::Any:
      return true;
    case Type::Null:
      return false;
    case Type::Bool:
      return v.kind == Kind::Bool;
    case Type::Number:
      return v.isNumber();
    case Type::String:
      return v.kind == Kind::String;
  }
  return false;
}

void run(std::string_view text, Type expected) {
  SlotTable slots;
  CompileError error;
  auto expr = Expression::compile(text, slots, expected, &error);
  if (!expr) {
    if (error.message.empty() || error.column < 1 || error.column > characters(text) + 1)
      std::abort();
    return;
  }
  static const Header headers[] = {{"trace", "t-1"}, {"id", "42"}};
  constexpr uint32_t kRows = 8;
  Batch batch(kRows, slots.size());
  for (uint32_t r = 0; r < kRows; ++r) {
    batch.append();
    for (uint32_t s = 0; s < slots.size(); ++s)
      batch.at(s, r) = sampleValue(r + s, r);
    RecordMeta& m = batch.meta(r);
    m.hasKey = r % 3 != 0;
    m.key = "key";
    m.topic = "topic";
    m.partition = static_cast<int32_t>(r);
    m.offset = r * 10;
    m.timestamp = 1'700'000'000'000 + r;
    m.headers = headers;
    m.headerCount = r % 3;
  }
  EvalScratch scratch;
  const Value* column = expr->evaluate(batch, scratch);
  uint64_t checksum = 0;
  for (uint32_t r = 0; r < kRows; ++r) {
    if (!fitsType(column[r], expr->type())) std::abort();
    checksum += valueHash(column[r]);
  }
  for (uint32_t r = 0; r < kRows; ++r) {
    Value v = expr->evaluateRow(batch, r, scratch);
    if (!fitsType(v, expr->type())) std::abort();
    checksum += valueHash(v);
  }
  // Keeps the reads above from being optimised away.
  if (checksum == 0x5eed) batch.clear();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  run(text, Type::Any);
  run(text, Type::Bool);
  return 0;
}
