#pragma once
// A node's properties after ${VAR} substitution, read through its spec: typed getters fall back
// to the spec's defaults. Pointers built here address the node's place in the pipeline file.
// Naming a property the spec does not declare throws std::logic_error: a typo in a node's code
// must not read as an unset property.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/graph/Json.h"

#include "engine/graph/NodeSpec.h"

namespace sc {

class NodeConfig {
 public:
  NodeConfig(const NodeSpec& spec, std::string id, size_t index, Json properties);

  const NodeSpec& spec() const { return *spec_; }
  const std::string& id() const { return id_; }
  size_t index() const { return index_; }  // position in the file's "nodes" array
  const Json& properties() const { return properties_; }

  // "/nodes/3/properties/<name>" (name may be empty: the node itself).
  std::string pointer(std::string_view property = {}) const;

  bool has(std::string_view name) const;  // set explicitly in the file
  // The explicit value, else the spec's default (null when neither).
  const Json& value(std::string_view name) const;
  std::string getString(std::string_view name) const;
  int64_t getInt(std::string_view name) const;
  double getNumber(std::string_view name) const;
  bool getBool(std::string_view name) const;
  int64_t getDurationMs(std::string_view name) const;  // throws on invalid text (validated first)
  std::vector<std::string> getStringList(std::string_view name) const;  // bare string -> {s}
  // Map property in file order.
  std::vector<std::pair<std::string, std::string>> getStringMap(std::string_view name) const;

 private:
  const PropertySpec& declared(std::string_view name) const;  // throws std::logic_error

  const NodeSpec* spec_;
  std::string id_;
  size_t index_;
  Json properties_;
};

// Parses "250ms", "10s", "5m", "1h", "2d", and "0"; nullopt on anything else.
std::optional<int64_t> parseDurationMs(std::string_view text);
// Formats milliseconds back into the shortest exact form ("1500ms", "90s", "5m").
std::string formatDurationMs(int64_t ms);

}  // namespace sc
