#include "nodes/state/KeyEncoder.h"

#include "nodes/RecordJson.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

#include "engine/runtime/Arena.h"

namespace sc::keyed {

using sc::appendJsonString;

namespace {

constexpr uint8_t tagOf(Kind k) {
  return static_cast<uint8_t>(k);
}

// Canonical scalar form of one value: integral doubles become integers, so 1 and 1.0 group
// together; Missing and Null are one key.
KeyView scalarView(const Value& v, int64_t& number) {
  switch (v.kind) {
    case Kind::String:
      return {v.s, v.len, tagOf(Kind::String)};
    case Kind::Json:
      return {v.s, v.len, tagOf(Kind::Json)};
    case Kind::Int:
      number = v.i;
      return {reinterpret_cast<const char*>(&number), 8, tagOf(Kind::Int)};
    case Kind::Double:
      if (std::isfinite(v.d) && v.d == std::floor(v.d) && std::fabs(v.d) < 9.2e18) {
        number = static_cast<int64_t>(v.d);
        return {reinterpret_cast<const char*>(&number), 8, tagOf(Kind::Int)};
      } else {
        double d = std::isnan(v.d) ? std::numeric_limits<double>::quiet_NaN() : v.d;
        std::memcpy(&number, &d, 8);
        return {reinterpret_cast<const char*>(&number), 8, tagOf(Kind::Double)};
      }
    case Kind::Bool:
      number = v.b ? 1 : 0;
      return {reinterpret_cast<const char*>(&number), 1, tagOf(Kind::Bool)};
    case Kind::Missing:
    case Kind::Null:
      break;
  }
  return {nullptr, 0, tagOf(Kind::Null)};
}

int64_t loadInt(const char* p) {
  int64_t x;
  std::memcpy(&x, p, 8);
  return x;
}

double loadDouble(const char* p) {
  double x;
  std::memcpy(&x, p, 8);
  return x;
}

// Splits a composite key into its parts; returns false at the end.
bool nextPart(const KeyView& key, size_t& pos, KeyView& part) {
  if (pos + 5 > key.len) return false;
  part.tag = static_cast<uint8_t>(key.data[pos]);
  std::memcpy(&part.len, key.data + pos + 1, 4);
  part.data = key.data + pos + 5;
  pos += 5 + part.len;
  return true;
}

}  // namespace

void appendJsonNumber(std::string& out, double d) {
  if (!std::isfinite(d)) {
    out += "null";
    return;
  }
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
  (void)ec;
  out.append(buf, end);
}

void KeyEncoder::setNames(std::vector<std::string> names) {
  names_ = std::move(names);
  quotedNames_.clear();
  for (const std::string& n : names_) {
    std::string q;
    appendJsonString(q, n);
    q.push_back(':');
    quotedNames_.push_back(std::move(q));
  }
}

void KeyEncoder::encode(const Value* const* columns, uint32_t n) {
  if (views_.size() < n) {
    views_.resize(n);
    numbers_.resize(n);
    offsets_.resize(n + 1);
  }
  if (names_.empty()) {
    for (uint32_t r = 0; r < n; ++r)
      views_[r] = {nullptr, 0, tagOf(Kind::Null)};
    return;
  }
  if (names_.size() == 1) {
    const Value* col = columns[0];
    for (uint32_t r = 0; r < n; ++r)
      views_[r] = scalarView(col[r], numbers_[r]);
    return;
  }
  bytes_.clear();
  for (uint32_t r = 0; r < n; ++r) {
    offsets_[r] = bytes_.size();
    for (size_t k = 0; k < names_.size(); ++k) {
      int64_t number;
      const KeyView part = scalarView(columns[k][r], number);
      bytes_.push_back(static_cast<char>(part.tag));
      bytes_.append(reinterpret_cast<const char*>(&part.len), 4);
      bytes_.append(part.data ? part.data : "", part.len);
    }
  }
  offsets_[n] = bytes_.size();
  // Pointers only once the buffer has stopped growing.
  for (uint32_t r = 0; r < n; ++r)
    views_[r] = {bytes_.data() + offsets_[r], static_cast<uint32_t>(offsets_[r + 1] - offsets_[r]),
                 kCompositeTag};
}

namespace {

bool validScalar(const KeyView& k) {
  switch (static_cast<Kind>(k.tag)) {
    case Kind::String:
    case Kind::Json:
      return true;
    case Kind::Int:
    case Kind::Double:
      return k.len == 8;
    case Kind::Bool:
      return k.len == 1 && static_cast<uint8_t>(k.data[0]) <= 1;
    case Kind::Null:
      return k.len == 0;
    default:
      return false;
  }
}

}  // namespace

bool KeyEncoder::validKey(const KeyView& key) const {
  if (names_.empty()) return key.tag == tagOf(Kind::Null) && key.len == 0;
  if (names_.size() == 1) return validScalar(key);
  if (key.tag != kCompositeTag) return false;
  size_t pos = 0, parts = 0;
  KeyView part;
  while (nextPart(key, pos, part)) {
    if (pos > key.len || !validScalar(part)) return false;
    ++parts;
  }
  return pos == key.len && parts == names_.size();
}

void KeyEncoder::appendJson(const KeyView& part, std::string& out) const {
  switch (static_cast<Kind>(part.tag)) {
    case Kind::String:
      appendJsonString(out, {part.data, part.len});
      break;
    case Kind::Json:
      out.append(part.data, part.len);
      break;
    case Kind::Int: {
      char buf[24];
      auto [end, ec] = std::to_chars(buf, buf + sizeof buf, loadInt(part.data));
      (void)ec;
      out.append(buf, end);
      break;
    }
    case Kind::Double:
      appendJsonNumber(out, loadDouble(part.data));
      break;
    case Kind::Bool:
      out += part.data[0] ? "true" : "false";
      break;
    default:
      out += "null";
      break;
  }
}

Value KeyEncoder::toValue(const KeyView& key, Arena& arena) {
  if (key.tag == kCompositeTag) {
    text_.assign("{");
    size_t pos = 0;
    KeyView part;
    for (size_t k = 0; nextPart(key, pos, part); ++k) {
      if (k) text_.push_back(',');
      text_ += quotedNames_[k];
      appendJson(part, text_);
    }
    text_.push_back('}');
    return Value::json(arena.copy(text_));
  }
  switch (static_cast<Kind>(key.tag)) {
    case Kind::String:
      return Value::string(arena.copy({key.data, key.len}));
    case Kind::Json:
      return Value::json(arena.copy({key.data, key.len}));
    case Kind::Int:
      return Value::integer(loadInt(key.data));
    case Kind::Double:
      return Value::number(loadDouble(key.data));
    case Kind::Bool:
      return Value::boolean(key.data[0] != 0);
    default:
      return Value::null();
  }
}

std::string_view KeyEncoder::toText(const KeyView& key, Arena& arena) {
  if (key.tag == tagOf(Kind::String)) return arena.copy({key.data, key.len});
  if (key.tag == kCompositeTag) {
    const Value v = toValue(key, arena);
    return v.str();
  }
  text_.clear();
  appendJson(key, text_);
  return arena.copy(text_);
}

}  // namespace sc::keyed
