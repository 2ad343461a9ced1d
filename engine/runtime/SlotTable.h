#pragma once
// The fields a pipeline reads or writes, each given a slot (a column of every batch) when the
// pipeline is planned. Sources parse only these paths out of their payloads.

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sc {

struct PathSegment {
  std::string key;     // object member (used when index < 0)
  int32_t index = -1;  // array element
  bool operator==(const PathSegment&) const = default;
};

struct FieldPath {
  std::vector<PathSegment> segments;
  // Canonical text: a.b[0].`odd name` (backquotes where a key is not an identifier).
  std::string text() const;
  // JSON Pointer form, /a/b/0
  std::string pointer() const;
  bool operator==(const FieldPath&) const = default;
  // Parses the canonical text form; returns false on malformed text.
  static bool parse(std::string_view text, FieldPath& out);
};

class SlotTable {
 public:
  // Returns the slot of `path`, adding it if new.
  uint32_t intern(const FieldPath& path);
  uint32_t intern(std::string_view canonicalText);  // path text as FieldPath::parse accepts
  // -1 when the path has no slot.
  int32_t find(std::string_view canonicalText) const;
  uint32_t size() const { return static_cast<uint32_t>(paths_.size()); }
  const FieldPath& path(uint32_t slot) const { return paths_[slot]; }
  const std::string& text(uint32_t slot) const { return texts_[slot]; }
  // Slots whose path lies strictly below top-level field `name` (a.b, a[0] for name a).
  std::vector<uint32_t> descendantsOf(std::string_view name) const;

 private:
  std::vector<FieldPath> paths_;
  std::vector<std::string> texts_;
  std::unordered_map<std::string, uint32_t> byText_;
};

}  // namespace sc
