#pragma once
// A record field value: 16 bytes, never owns memory. Strings and raw JSON text
// (objects and arrays kept unparsed) point into a batch arena, an expression's
// scratch arena or a compiled constant, all of which outlive the value's use.

#include <cstdint>
#include <string_view>

namespace sc {

enum class Kind : uint8_t {
  Missing,  // field absent (or dropped): serialised as nothing, reads as null
  Null,
  Bool,
  Int,
  Double,
  String,
  Json,  // raw JSON text of an object or array
};

enum ValueFlag : uint8_t {
  // Set by a node (generator, map, window) rather than mirrored from the raw payload; the
  // serialiser writes owned slots over the payload. An owned Missing value deletes a field.
  kOwned = 1,
};

struct Value {
  Kind kind = Kind::Missing;
  uint8_t flags = 0;
  uint32_t len = 0;  // bytes of String / Json
  union {
    int64_t i = 0;
    double d;
    bool b;
    const char* s;
  };

  static Value missing() { return Value{}; }
  static Value null() {
    Value v;
    v.kind = Kind::Null;
    return v;
  }
  static Value boolean(bool x) {
    Value v;
    v.kind = Kind::Bool;
    v.b = x;
    return v;
  }
  static Value integer(int64_t x) {
    Value v;
    v.kind = Kind::Int;
    v.i = x;
    return v;
  }
  static Value number(double x) {
    Value v;
    v.kind = Kind::Double;
    v.d = x;
    return v;
  }
  static Value string(std::string_view x) {
    Value v;
    v.kind = Kind::String;
    v.s = x.data();
    v.len = static_cast<uint32_t>(x.size());
    return v;
  }
  static Value json(std::string_view x) {
    Value v;
    v.kind = Kind::Json;
    v.s = x.data();
    v.len = static_cast<uint32_t>(x.size());
    return v;
  }

  bool isNullish() const { return kind == Kind::Missing || kind == Kind::Null; }
  bool isNumber() const { return kind == Kind::Int || kind == Kind::Double; }
  bool isTrue() const { return kind == Kind::Bool && b; }
  bool owned() const { return flags & kOwned; }
  double toDouble() const { return kind == Kind::Int ? static_cast<double>(i) : d; }
  std::string_view str() const { return {s, len}; }
};

static_assert(sizeof(Value) == 16, "Value must stay 16 bytes: batches hold millions of them");

// Strict equality used by grouping and tests: numbers compare by value (1 == 1.0), strings by
// bytes, Missing equals Null.
bool valuesEqual(const Value& a, const Value& b);
// Hash consistent with valuesEqual.
uint64_t valueHash(const Value& v);

}  // namespace sc
