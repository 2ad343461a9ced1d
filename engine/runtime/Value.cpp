#include "engine/runtime/Value.h"

#include <cmath>
#include <cstring>

namespace sc {

bool valuesEqual(const Value& a, const Value& b) {
  if (a.isNullish() || b.isNullish()) return a.isNullish() && b.isNullish();
  if (a.isNumber() && b.isNumber()) {
    if (a.kind == Kind::Int && b.kind == Kind::Int) return a.i == b.i;
    return a.toDouble() == b.toDouble();
  }
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case Kind::Bool:
      return a.b == b.b;
    case Kind::String:
    case Kind::Json:
      return a.len == b.len && (a.len == 0 || std::memcmp(a.s, b.s, a.len) == 0);
    default:
      return false;
  }
}

namespace {
uint64_t mix(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}
}  // namespace

uint64_t valueHash(const Value& v) {
  switch (v.kind) {
    case Kind::Missing:
    case Kind::Null:
      return 0x9e3779b97f4a7c15ULL;
    case Kind::Bool:
      return mix(v.b ? 3 : 5);
    case Kind::Int:
    case Kind::Double: {
      double d = v.toDouble();
      // Integral values hash as integers so 1 and 1.0 collide, as valuesEqual requires.
      if (v.kind == Kind::Int) return mix(static_cast<uint64_t>(v.i));
      if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.2e18)
        return mix(static_cast<uint64_t>(static_cast<int64_t>(d)));
      uint64_t bits;
      std::memcpy(&bits, &d, sizeof bits);
      return mix(bits);
    }
    case Kind::String:
    case Kind::Json: {
      uint64_t h = 1469598103934665603ULL ^ (v.kind == Kind::Json ? 1 : 0);  // FNV-1a
      for (uint32_t n = 0; n < v.len; ++n)
        h = (h ^ static_cast<unsigned char>(v.s[n])) * 1099511628211ULL;
      return mix(h);
    }
  }
  return 0;
}

}  // namespace sc
