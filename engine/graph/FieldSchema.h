#pragma once
// The fields of the records on every wire, as far as they can be known before a run: from a
// generator's template, from fields sampled off a file or topic (kept in the node's "ui" data
// as "sampled_fields"; never needed to run), and through each node type's spec
// (NodeSpec::outputFields: filter passes them on, map sets and drops, windows write their own).
// With them the validator warns about expressions that read a field the input does not have
// ("did you mean") or compare a field with a value of another type. Warnings only: where the
// fields are not known nothing is guessed and nothing is reported.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/graph/Json.h"

namespace sc {

class Diagnostics;
class NodeRegistry;
struct Pipeline;
struct PipelineNode;

enum class FieldType { Unknown, Number, String, Bool, Object, Array };

// "number", "string", "bool", "object", "array", "unknown"; and back (unknown for other text).
const char* fieldTypeName(FieldType type);
FieldType fieldTypeFromName(std::string_view name);
// The type of one JSON value (null: Unknown).
FieldType fieldTypeOf(const Json& value);

struct Field {
  std::string name;  // top-level field name
  FieldType type = FieldType::Unknown;
  bool operator==(const Field&) const = default;
};

// The top-level fields of the records on one wire.
class FieldSet {
 public:
  // Nothing known: no field is offered and none is reported as unknown.
  FieldSet() = default;
  // Exactly these fields: a name not listed is reported as unknown.
  static FieldSet exactly(std::vector<Field> fields, std::string origin);

  // True when every field is listed (a generator's template, a sample); false when only some
  // are (a map's "set" after an unknown input) or none.
  bool complete() const { return complete_; }
  const std::vector<Field>& fields() const { return fields_; }
  std::vector<std::string> names() const;
  const Field* find(std::string_view name) const;
  // What the list is, for messages: "the fields of template 'sensors' of generator 'gen'".
  const std::string& origin() const { return origin_; }

  // Adds the field, or gives an existing one the new type (it keeps its place).
  void set(const std::string& name, FieldType type);
  void remove(std::string_view name);
  void setOrigin(std::string origin) { origin_ = std::move(origin); }

  // The fields of records arriving from several wires at once: complete when every wire's set
  // is; a field whose type differs between wires is Unknown.
  static FieldSet merge(const std::vector<FieldSet>& wires);

  bool operator==(const FieldSet&) const = default;

 private:
  std::vector<Field> fields_;
  bool complete_ = false;
  std::string origin_;
};

// ---- sampled fields ---------------------------------------------------------------------------

// The key in a node's "ui" object: {"sampled_fields": {"device": "string", "temperature":
// "number"}} in the order the fields were first seen.
inline constexpr const char* kSampledFieldsKey = "sampled_fields";
// The fields of sampled records (JSON objects; other values are ignored): every name seen in
// any of them, typed by the values seen (null values say nothing; differing types: Unknown).
FieldSet fieldsOfRecords(const std::vector<Json>& records, std::string origin);
Json sampledFieldsToJson(const FieldSet& fields);
// The sample stored in a node's "ui" data; an incomplete (empty) set when there is none.
FieldSet sampledFields(const Json& ui, const std::string& nodeId);

// ---- inference over a pipeline ----------------------------------------------------------------

class PipelineFields {
 public:
  // Follows every wire from the sources down. Tolerant of any document the validator accepts
  // or rejects: nodes it cannot read, cycles and unknown types give unknown fields.
  static PipelineFields infer(const Pipeline& pipeline, const NodeRegistry& registry);

  // The fields arriving at `port` of the node (all wires into it merged); the node's first input
  // when `port` is empty.
  FieldSet input(std::string_view nodeId, std::string_view port = {}) const;
  // The fields leaving `port` ("out" when empty).
  FieldSet output(std::string_view nodeId, std::string_view port = {}) const;
  // The fields the node's expressions read: its input's, or a source's own records'.
  FieldSet seenBy(std::string_view nodeId) const;

 private:
  struct NodeFields {
    std::string id;
    std::vector<std::string> inputPorts, outputPorts;
    std::vector<FieldSet> inputs, outputs;
  };
  const NodeFields* find(std::string_view id) const;
  std::vector<NodeFields> nodes_;
};

// ---- expressions ------------------------------------------------------------------------------

struct FieldWarning {
  int column = 0;  // 1-based column in the expression text
  std::string message;
  std::string hint;
};

// What an expression that compiles says about `fields`: reads of fields the input lacks (when
// the set is complete) and comparisons of a field with a value of another type. Expressions
// that do not compile give no warnings (the compiler reports them).
std::vector<FieldWarning> checkExpressionFields(std::string_view text, const FieldSet& fields);
// The static type of an expression's result over `fields` (Unknown when it cannot be told).
FieldType expressionFieldType(std::string_view text, const FieldSet& fields);

// The top-level fields that the node's expressions (every expression property its spec
// declares, in lists and objects too) read, sorted and without repeats; metadata ($key,
// $timestamp, ...) is not a field. nullopt when that cannot be told exactly: an expression that
// does not compile or holds a ${VAR}, or one that reads a nested path or an array element (the
// whole field, not one name, would then be needed). Used to project what a repartition hop
// carries (engine/graph/RepartitionPlan.h).
std::optional<std::vector<std::string>> topLevelFieldsRead(const PipelineNode& node,
                                                           const NodeRegistry& registry);

// The validator's pass: every expression property of every node checked against its input's
// fields; warnings with the node id, the property and its JSON Pointer.
void checkPipelineFields(const Pipeline& pipeline, const NodeRegistry& registry,
                         Diagnostics& diags);

}  // namespace sc
