#include "engine/runtime/SlotTable.h"

#include <cctype>
#include <stdexcept>

namespace sc {
namespace {

bool isIdentStart(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
}
bool isIdentChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

bool isIdentifier(std::string_view s) {
  if (s.empty() || !isIdentStart(s[0])) return false;
  for (char c : s)
    if (!isIdentChar(c)) return false;
  return true;
}

}  // namespace

std::string FieldPath::text() const {
  std::string out;
  for (size_t n = 0; n < segments.size(); ++n) {
    const auto& seg = segments[n];
    if (seg.index >= 0) {
      out += '[' + std::to_string(seg.index) + ']';
      continue;
    }
    if (n > 0) out += '.';
    if (isIdentifier(seg.key)) {
      out += seg.key;
    } else {
      out += '`';
      for (char c : seg.key) {
        if (c == '`') out += '`';  // doubled backquote escapes itself
        out += c;
      }
      out += '`';
    }
  }
  return out;
}

std::string FieldPath::pointer() const {
  std::string out;
  for (const auto& seg : segments) {
    out += '/';
    if (seg.index >= 0) {
      out += std::to_string(seg.index);
      continue;
    }
    for (char c : seg.key) {
      if (c == '~')
        out += "~0";
      else if (c == '/')
        out += "~1";
      else
        out += c;
    }
  }
  return out;
}

bool FieldPath::parse(std::string_view t, FieldPath& out) {
  out.segments.clear();
  size_t i = 0;
  bool expectKey = true;
  while (i < t.size()) {
    if (t[i] == '[') {
      size_t close = t.find(']', i);
      if (close == std::string_view::npos || close == i + 1 || out.segments.empty()) return false;
      int64_t idx = 0;
      for (size_t k = i + 1; k < close; ++k) {
        if (!std::isdigit(static_cast<unsigned char>(t[k]))) return false;
        idx = idx * 10 + (t[k] - '0');
        if (idx > 1'000'000'000) return false;
      }
      out.segments.push_back({{}, static_cast<int32_t>(idx)});
      i = close + 1;
      expectKey = false;
      continue;
    }
    if (!expectKey) {
      if (t[i] != '.') return false;
      ++i;
      expectKey = true;
      continue;
    }
    PathSegment seg;
    if (t[i] == '`') {
      ++i;
      bool closed = false;
      while (i < t.size()) {
        if (t[i] == '`') {
          if (i + 1 < t.size() && t[i + 1] == '`') {
            seg.key += '`';
            i += 2;
            continue;
          }
          ++i;
          closed = true;
          break;
        }
        seg.key += t[i++];
      }
      if (!closed) return false;
    } else {
      size_t start = i;
      if (!isIdentStart(t[i])) return false;
      while (i < t.size() && isIdentChar(t[i]))
        ++i;
      seg.key = std::string(t.substr(start, i - start));
    }
    out.segments.push_back(std::move(seg));
    expectKey = false;
  }
  return !out.segments.empty() && !expectKey;
}

uint32_t SlotTable::intern(const FieldPath& path) {
  std::string t = path.text();
  auto it = byText_.find(t);
  if (it != byText_.end()) return it->second;
  auto slot = static_cast<uint32_t>(paths_.size());
  paths_.push_back(path);
  texts_.push_back(t);
  byText_.emplace(std::move(t), slot);
  return slot;
}

uint32_t SlotTable::intern(std::string_view canonicalText) {
  FieldPath p;
  if (!FieldPath::parse(canonicalText, p))
    throw std::invalid_argument("invalid field path '" + std::string(canonicalText) + "'");
  return intern(p);
}

int32_t SlotTable::find(std::string_view canonicalText) const {
  FieldPath p;
  if (!FieldPath::parse(canonicalText, p)) return -1;
  auto it = byText_.find(p.text());
  return it == byText_.end() ? -1 : static_cast<int32_t>(it->second);
}

std::vector<uint32_t> SlotTable::descendantsOf(std::string_view name) const {
  std::vector<uint32_t> out;
  for (uint32_t s = 0; s < paths_.size(); ++s) {
    const auto& segs = paths_[s].segments;
    if (segs.size() > 1 && segs[0].index < 0 && segs[0].key == name) out.push_back(s);
  }
  return out;
}

}  // namespace sc
