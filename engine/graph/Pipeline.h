#pragma once
// The pipeline document, file format version 1: the contract between the designer, the runner
// and the tests. Load -> save -> load is the identity, and save is deterministic.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/graph/Diagnostics.h"
#include "engine/graph/Json.h"

namespace sc {

class NodeRegistry;

struct EdgeEnd {
  std::string node;
  std::string port;  // empty: the default port ("out" for a source end, "in" for a target end)
  // "node" or "node:port", as written in the file.
  std::string text() const { return port.empty() ? node : node + ':' + port; }
  static EdgeEnd parse(std::string_view text);
  bool operator==(const EdgeEnd&) const = default;
};

struct PipelineEdge {
  EdgeEnd from;
  EdgeEnd to;
  std::string fromPort() const { return from.port.empty() ? "out" : from.port; }
  std::string toPort() const { return to.port.empty() ? "in" : to.port; }
  bool operator==(const PipelineEdge&) const = default;
};

struct PipelineNode {
  std::string id;
  std::string type;
  Json properties = Json::object();
  // Editor data ({"x":..,"y":..}, "sampled_fields"); null when absent. A run never needs it; the
  // validator reads only "sampled_fields", for warnings (FieldSchema.h).
  Json ui;
  bool operator==(const PipelineNode&) const = default;
};

struct Pipeline {
  static constexpr int kFormatVersion = 1;
  std::string name;
  Json settings = Json::object();
  Json connections = Json::object();
  std::vector<PipelineNode> nodes;
  std::vector<PipelineEdge> edges;
  Json ui;  // editor data of the whole document (node groups); null when absent; ignored by the
            // engine

  const PipelineNode* node(std::string_view id) const;
  PipelineNode* node(std::string_view id);
  int nodeIndex(std::string_view id) const;  // -1 when absent
  // Whole document as JSON (what save() prints).
  Json toJson() const;
  bool operator==(const Pipeline&) const = default;
};

// Line and column (1-based) of every value in a JSON text, by JSON Pointer.
class SourceMap {
 public:
  static SourceMap build(std::string_view text);
  // The position of `pointer`, or of its closest ancestor present in the text.
  std::pair<int, int> locate(std::string_view pointer) const;
  bool empty() const { return positions_.empty(); }

 private:
  std::map<std::string, std::pair<int, int>, std::less<>> positions_;
};

struct LoadResult {
  std::optional<Pipeline> pipeline;  // set when the file is structurally a pipeline
  Diagnostics diagnostics;           // with file, line and column filled in
  SourceMap sourceMap;
  bool ok() const { return pipeline.has_value() && !diagnostics.hasErrors(); }
};

// Reads the structure: JSON syntax, the version, top-level keys, node and edge shapes. Property
// values are checked by validatePipeline(). `file` names the text in messages.
LoadResult parsePipeline(std::string_view text, const std::string& file = "<pipeline>");
LoadResult loadPipelineFile(const std::string& path);

// Canonical text: fixed key order (streamcanvas, name, settings, connections, nodes, edges, ui;
// id, type, properties, ui), properties and maps in document order (the designer adds them in
// spec order), 2-space indent, short scalar-only objects and arrays on one line, a trailing
// newline. Deterministic, so files diff cleanly.
std::string savePipeline(const Pipeline& p);
// The same printer for any JSON value (clipboard snippets, exports).
std::string formatJson(const Json& value);

// Environment lookup used for ${VAR}; defaults to getenv.
using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;
EnvLookup processEnvironment();

// Substitutes ${VAR} and ${VAR:-default} in every string property and connection field
// ($${ escapes a literal "${"). Unset variables without default are errors naming the variable
// and the pointer. Values substituted into secret properties or connection properties are
// added to `secrets` (for log redaction).
Pipeline substituteVariables(const Pipeline& p, const NodeRegistry& registry, const EnvLookup& env,
                             Diagnostics& diags, std::vector<std::string>* secrets = nullptr);

// Every semantic check, all problems at once: node ids and types, properties against specs
// (kinds, enums, durations, expressions type-checked), ports, dangling edges, cycles, required
// inputs, connections. Works on unsubstituted text too (a "${...}" string is accepted for any
// scalar kind), so the designer can validate as you type.
Diagnostics validatePipeline(const Pipeline& p, const NodeRegistry& registry);

// Fills file/line/column of diagnostics from their pointers.
void locateDiagnostics(Diagnostics& diags, const SourceMap& map, const std::string& file);

}  // namespace sc
