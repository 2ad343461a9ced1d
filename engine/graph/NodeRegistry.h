#pragma once

#include <map>
#include <string>
#include <vector>

#include "engine/graph/NodeSpec.h"

namespace sc {

// How a value travels into a headless export (engine/graph/HeadlessBundle.h).
enum class ExportAs {
  Keep,      // as written
  Variable,  // ${VAR:-value as written}: the operator may change it per environment
  Secret,    // ${VAR} without a default: the value never leaves the designer's machine
};

// One field of a connection entry as an operator sees it.
struct ConnectionField {
  ExportAs exportAs = ExportAs::Keep;
  std::string purpose;  // what the value is for, e.g. "SASL password (librdkafka sasl.password)"
};

// A kind of entry in a pipeline's "connections" (e.g. "kafka"): checks one entry's fields.
// `pointer` is the entry's JSON Pointer (/connections/NAME). Values may still hold ${VAR} text.
struct ConnectionType {
  std::string type;
  std::string title;  // "Kafka"
  std::string summary;
  std::function<void(const Json& connection, const std::string& pointer, Diagnostics& diags)>
      validate;
  // The field at `field`, a JSON Pointer inside one entry ("/properties/sasl.password"). Unset:
  // connectionField() guesses from the field's name.
  std::function<ConnectionField(const std::string& field)> describeField;
};

// What `field` of an entry of `type` (null: an unknown type) is and how it is exported.
ConnectionField connectionField(const ConnectionType* type, const std::string& field);

class NodeRegistry {
 public:
  // The registry with every built-in node type (nodes/register_all.cpp fills it).
  static const NodeRegistry& builtin();

  void add(NodeSpec spec);  // throws std::logic_error on a duplicate type
  const NodeSpec* find(std::string_view type) const;
  std::vector<const NodeSpec*> all() const;  // sorted by category, then type
  // Closest known type names by edit distance, best first (for "did you mean").
  std::vector<std::string> suggest(std::string_view type, size_t max = 1) const;

  void addConnectionType(ConnectionType type);
  const ConnectionType* connectionType(std::string_view type) const;
  std::vector<std::string> connectionTypeNames() const;

 private:
  std::map<std::string, NodeSpec, std::less<>> specs_;
  std::map<std::string, ConnectionType, std::less<>> connectionTypes_;
};

// Defined in nodes/register_all.cpp, like NodeRegistry::builtin().
void registerBuiltinNodes(NodeRegistry& registry);

// Levenshtein distance, used for suggestions everywhere.
size_t editDistance(std::string_view a, std::string_view b);
// "did you mean 'x'?" for the closest of candidates within a sensible distance, else empty.
std::string didYouMean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace sc
