#pragma once
// Turns the key columns of a batch into canonical key bytes (KeyView per row) and turns interned
// keys back into output values. One key expression: the value itself (strings point into the
// batch, numbers into a per-batch scratch). Several: a tuple of (tag, length, bytes) parts; its
// output is a JSON object whose members are named after the key expressions, e.g.
// {"device":"d-1","site":"x"}.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/runtime/Value.h"
#include "nodes/state/KeyTable.h"

namespace sc {
class Arena;
}

namespace sc::keyed {

class KeyEncoder {
 public:
  // Member names of a composite key (one per key expression); empty: no key at all.
  void setNames(std::vector<std::string> names);
  size_t arity() const { return names_.size(); }

  // Fills views() for rows [0, n) from one column per key expression.
  void encode(const Value* const* columns, uint32_t n);
  const KeyView* views() const { return views_.data(); }

  // Whether `key` is bytes encode() could have made for these key expressions (checkpoints
  // vet restored keys with it: toValue() and toText() trust their input).
  bool validKey(const KeyView& key) const;

  // The key as an output field value (strings and objects copied into `arena`).
  Value toValue(const KeyView& key, Arena& arena);
  // The key as message-key text: a string key as is, anything else as JSON.
  std::string_view toText(const KeyView& key, Arena& arena);

 private:
  void appendJson(const KeyView& part, std::string& out) const;

  std::vector<std::string> names_;
  std::vector<std::string> quotedNames_;  // "\"name\":" per member
  std::vector<KeyView> views_;
  std::vector<int64_t> numbers_;
  std::string bytes_;
  std::vector<size_t> offsets_;
  std::string text_;
};

// Appends a double the way JSON serialisers print it (shortest round-trip form).
void appendJsonNumber(std::string& out, double d);

}  // namespace sc::keyed
