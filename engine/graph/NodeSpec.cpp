#include "engine/graph/NodeSpec.h"

#include <algorithm>
#include <stdexcept>

#include "engine/expr/Expression.h"
#include "engine/graph/NodeRegistry.h"

namespace sc {

const PropertySpec* NodeSpec::property(std::string_view name) const {
  for (const auto& p : properties)
    if (p.name == name) return &p;
  return nullptr;
}

int NodeSpec::inputIndex(std::string_view port) const {
  for (size_t i = 0; i < inputs.size(); ++i)
    if (inputs[i].name == port) return static_cast<int>(i);
  return -1;
}

int NodeSpec::outputIndex(std::string_view port) const {
  for (size_t i = 0; i < outputs.size(); ++i)
    if (outputs[i].name == port) return static_cast<int>(i);
  return -1;
}

PropertySpec makeProperty(std::string name, PropKind kind, std::string description,
                          Json defaultValue) {
  PropertySpec p;
  p.name = std::move(name);
  p.kind = kind;
  p.description = std::move(description);
  p.defaultValue = std::move(defaultValue);
  return p;
}

expr::Type expressionType(ExprType t) {
  switch (t) {
    case ExprType::Bool:
      return expr::Type::Bool;
    case ExprType::Number:
      return expr::Type::Number;
    case ExprType::String:
      return expr::Type::String;
    case ExprType::Any:
      break;
  }
  return expr::Type::Any;
}

const char* propKindName(PropKind k) {
  switch (k) {
    case PropKind::String:
      return "string";
    case PropKind::Integer:
      return "integer";
    case PropKind::Number:
      return "number";
    case PropKind::Boolean:
      return "boolean";
    case PropKind::Duration:
      return "duration";
    case PropKind::Enum:
      return "enum";
    case PropKind::Expression:
      return "expression";
    case PropKind::List:
      return "list";
    case PropKind::Map:
      return "map";
    case PropKind::Object:
      return "object";
  }
  return "?";
}

void NodeRegistry::add(NodeSpec spec) {
  std::string type = spec.type;
  if (!specs_.emplace(type, std::move(spec)).second)
    throw std::logic_error("node type registered twice: " + type);
}

const NodeSpec* NodeRegistry::find(std::string_view type) const {
  auto it = specs_.find(type);
  return it == specs_.end() ? nullptr : &it->second;
}

std::vector<const NodeSpec*> NodeRegistry::all() const {
  std::vector<const NodeSpec*> out;
  for (const auto& [_, s] : specs_)
    out.push_back(&s);
  std::stable_sort(out.begin(), out.end(), [](const NodeSpec* a, const NodeSpec* b) {
    return a->category != b->category ? a->category < b->category : a->type < b->type;
  });
  return out;
}

std::vector<std::string> NodeRegistry::suggest(std::string_view type, size_t max) const {
  std::vector<std::pair<size_t, std::string>> scored;
  for (const auto& [name, _] : specs_)
    scored.emplace_back(editDistance(type, name), name);
  std::sort(scored.begin(), scored.end());
  std::vector<std::string> out;
  for (const auto& [d, name] : scored) {
    if (out.size() >= max || d > std::max<size_t>(2, type.size() / 3)) break;
    out.push_back(name);
  }
  return out;
}

void NodeRegistry::addConnectionType(ConnectionType type) {
  std::string name = type.type;
  if (!connectionTypes_.emplace(name, std::move(type)).second)
    throw std::logic_error("connection type registered twice: " + name);
}

const ConnectionType* NodeRegistry::connectionType(std::string_view type) const {
  auto it = connectionTypes_.find(type);
  return it == connectionTypes_.end() ? nullptr : &it->second;
}

std::vector<std::string> NodeRegistry::connectionTypeNames() const {
  std::vector<std::string> out;
  for (const auto& [name, _] : connectionTypes_)
    out.push_back(name);
  return out;
}

size_t editDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j)
    prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string didYouMean(std::string_view word, const std::vector<std::string>& candidates) {
  size_t best = SIZE_MAX;
  std::string bestName;
  for (const auto& c : candidates) {
    size_t d = editDistance(word, c);
    if (d < best) best = d, bestName = c;
  }
  if (bestName.empty() || best > std::max<size_t>(2, word.size() / 3)) return {};
  return "did you mean '" + bestName + "'?";
}

}  // namespace sc
