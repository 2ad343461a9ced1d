#pragma once
// The single declaration of a node type. The spec drives validation, the runner's --list-nodes,
// the generated docs, the designer's palette, ports and inspector forms.

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "engine/graph/FieldSchema.h"
#include "engine/graph/Json.h"

namespace sc::expr {
enum class Type;  // engine/expr/Expression.h
}

namespace sc {

class Node;
class NodeConfig;
class Diagnostics;

enum class PropKind {
  String,
  Integer,
  Number,
  Boolean,
  Duration,    // "250ms", "10s", "5m", "1h"
  Enum,        // one of `choices`
  Expression,  // expression language text, type-checked at load
  List,        // JSON array of `item` kind
  Map,         // JSON object: name -> `item` kind
  Object,      // only as a list/map item: JSON object with `fields`
};

// Static type an expression property must have.
enum class ExprType { Any, Bool, Number, String };

struct PropertySpec {
  std::string name;
  PropKind kind = PropKind::String;
  std::string description;
  bool required = false;
  Json defaultValue;                  // null: no default
  std::vector<std::string> choices;   // Enum; Map: words accepted instead of an object
  PropKind item = PropKind::String;   // List / Map element kind
  std::vector<PropertySpec> fields;   // Object (item == Object) members
  ExprType exprType = ExprType::Any;  // Expression, or List/Map of Expression
  bool secret = false;                // masked in the inspector and never logged
  bool acceptsSingle = false;         // List that also accepts one bare item
  int64_t minimum = INT64_MIN;        // Integer / Number lower bound
  std::string placeholder;            // example shown in empty editor fields
  std::string connectionType;         // non-empty: names an entry of "connections" of this type
};

struct PortSpec {
  std::string name;
  std::string description;
  bool required = true;  // inputs: must be wired; outputs: ignored
};

struct NodeSpec {
  std::string type;         // "filter", "kafka.source"
  std::string category;     // "Sources", "Transforms", "Windows", "Sinks"
  std::string title;        // human name shown in the palette
  std::string summary;      // one line
  std::string description;  // longer help (markdown), optional
  std::vector<PortSpec> inputs;
  std::vector<PortSpec> outputs;
  std::vector<PropertySpec> properties;
  // Stateless one-in nodes (filter, map) may be fused onto their upstream's thread.
  bool stateless = false;
  // Sinks: takes part in delivery: exactly_once (commits with checkpoints or rolls back to
  // them). A sink without it is at-least-once, and the validator warns under exactly_once.
  bool exactlyOnce = false;
  std::function<std::unique_ptr<Node>()> create;
  // Scale-out mode (settings.scale_out) runs this instead of `create` when set: windows keep
  // their state per input partition there (it gets this spec, to create one node per partition).
  std::function<std::unique_ptr<Node>(const NodeSpec&)> createForScaleOut;
  // Checks across properties beyond what the spec expresses; reports into diags with pointers
  // relative to the node (cfg.pointer(...) builds them).
  std::function<void(const NodeConfig&, Diagnostics&)> validate;
  // The fields of the records leaving each output port (in `outputs` order), given those
  // arriving at each input port (FieldSchema.h). Drives field completion in the designer and the
  // validator's unknown-field warnings. Unset: unknown (nothing is guessed).
  std::function<std::vector<FieldSet>(const NodeConfig&, const std::vector<FieldSet>& inputs)>
      outputFields;
  // Reads the Kafka headers of the records it gets (or emits) other than through `$headers` in
  // an expression, configured as `cfg` (HeaderUse.h). Unset: it does not.
  std::function<bool(const NodeConfig&)> readsHeaders;

  const PropertySpec* property(std::string_view name) const;
  int inputIndex(std::string_view port) const;   // -1 if unknown
  int outputIndex(std::string_view port) const;  // -1 if unknown
  bool isSource() const { return inputs.empty(); }
};

const char* propKindName(PropKind k);
// The expression language's type for what a property spec asks of an expression.
expr::Type expressionType(ExprType t);

// The common case of a property spec in one call; set further fields on the result.
PropertySpec makeProperty(std::string name, PropKind kind, std::string description,
                          Json defaultValue = nullptr);

}  // namespace sc
