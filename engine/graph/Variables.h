#pragma once
// The ${VAR} references of a pipeline and the string fields that may hold them: what the
// headless export writes into .env.example, what `streamcanvas-run --check-env` checks, and how
// each field is exported (kept, a variable with a default, or a secret). The substitution itself
// is substituteVariables() in Pipeline.h.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/graph/Json.h"
#include "engine/graph/NodeRegistry.h"

namespace sc {

struct Pipeline;

// One ${NAME} or ${NAME:-default} in a text, [begin, end) its span.
struct VariableReference {
  std::string name;
  std::optional<std::string> defaultValue;
  size_t begin = 0, end = 0;
};
// Every well-formed reference in `text`, in order ($${ escapes and malformed ones skipped).
std::vector<VariableReference> findVariableReferences(std::string_view text);
// True when a variable's name says it holds a credential (…PASSWORD, …TOKEN, …SECRET, …).
bool variableNameLooksSecret(std::string_view name);

// A string (or scalar) field of a pipeline, with what an operator needs to know about it.
struct PipelineField {
  std::string pointer;  // JSON Pointer, e.g. /connections/local/properties/sasl.password
  std::string nodeId;   // the node it belongs to; empty for settings and connections
  std::string purpose;  // "Kafka connection 'local': SASL password (librdkafka sasl.password)"
  ExportAs exportAs = ExportAs::Keep;
  // A short name for generated variables: "KAFKA_LOCAL_SASL_PASSWORD", "ALERTS_TOKEN".
  std::string variableStem;
};

// Calls `visit` for every scalar (string, number, boolean) under settings, connections and node
// properties, in document order. `value` may be changed (the export replaces secrets).
void forEachPipelineField(Pipeline& pipeline, const NodeRegistry& registry,
                          const std::function<void(Json& value, const PipelineField&)>& visit);

// Where a variable is used.
struct VariableUse {
  PipelineField field;
  std::optional<std::string> defaultValue;  // of this use's ${NAME:-default}
};

struct PipelineVariable {
  std::string name;
  std::vector<VariableUse> uses;  // document order
  // Used in a secret field, or named like a credential: its value is never shown, and an export
  // never carries a default for it.
  bool secret = false;
  // The first use's default (the runner falls back to it when the variable is unset or empty).
  std::optional<std::string> defaultValue() const;
  // "used at /connections/local/bootstrap_servers" or "used by node 'in' at /nodes/0/...".
  static std::string describeUse(const VariableUse& use);
};

// The variables `pipeline` reads, in order of first use.
std::vector<PipelineVariable> pipelineVariables(const Pipeline& pipeline,
                                                const NodeRegistry& registry);

}  // namespace sc
