// Semantic validation of a pipeline against the node specs: every problem at once, each with a
// JSON Pointer, the node id and a hint.
#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "engine/expr/Expression.h"
#include "engine/graph/FieldSchema.h"
#include "engine/graph/NodeConfig.h"
#include "engine/graph/NodeRegistry.h"
#include "engine/graph/Pipeline.h"
#include "engine/graph/PipelineSettings.h"
#include "engine/runtime/SlotTable.h"

namespace sc {
namespace {

bool hasVariable(const Json& v) {
  return v.is_string() && v.get_ref<const std::string&>().find("${") != std::string::npos;
}

bool validId(const std::string& id) {
  if (id.empty()) return false;
  for (char c : id)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-')) return false;
  return true;
}

class Validator {
 public:
  Validator(const Pipeline& p, const NodeRegistry& r) : p_(p), registry_(r) {}

  Diagnostics run() {
    connections();
    nodes();
    edges();
    return std::move(diags_);
  }

 private:
  Diagnostic& error(const std::string& ptr, const std::string& node, std::string msg,
                    std::string hint = {}, const std::string& property = {}) {
    Diagnostic& d = diags_.error(ptr, std::move(msg), std::move(hint));
    d.nodeId = node;
    d.property = property;
    return d;
  }

  void connections() {
    if (!p_.connections.is_object()) return;
    for (auto it = p_.connections.begin(); it != p_.connections.end(); ++it) {
      std::string ptr = "/connections/" + pointerToken(it.key());
      if (!it->is_object()) {
        error(ptr, "", "connection '" + it.key() + "' must be an object with a \"type\"");
        continue;
      }
      auto type = it->find("type");
      if (type == it->end() || !type->is_string()) {
        error(ptr, "", "connection '" + it.key() + "' needs a \"type\"",
              "known types: " + join(registry_.connectionTypeNames()));
        continue;
      }
      const ConnectionType* ct = registry_.connectionType(type->get<std::string>());
      if (!ct) {
        std::string hint = didYouMean(type->get<std::string>(), registry_.connectionTypeNames());
        error(ptr + "/type", "", "unknown connection type '" + type->get<std::string>() + "'",
              hint.empty() ? "known types: " + join(registry_.connectionTypeNames()) : hint);
        continue;
      }
      if (ct->validate) ct->validate(*it, ptr, diags_);
    }
  }

  static std::string join(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v)
      out += (out.empty() ? "" : ", ") + s;
    return out.empty() ? "(none)" : out;
  }

  void nodes() {
    std::map<std::string, size_t> seen;
    std::vector<std::string> typeNames;
    for (const NodeSpec* s : registry_.all())
      typeNames.push_back(s->type);
    for (size_t i = 0; i < p_.nodes.size(); ++i) {
      const PipelineNode& n = p_.nodes[i];
      std::string ptr = "/nodes/" + std::to_string(i);
      if (!validId(n.id)) {
        error(ptr + "/id", n.id, "invalid node id '" + n.id + "'",
              "ids use letters, digits, '_' and '-' only");
      } else if (auto [it, fresh] = seen.emplace(n.id, i); !fresh) {
        error(ptr + "/id", n.id, "duplicate node id '" + n.id + "'",
              "already used by /nodes/" + std::to_string(it->second) + "; rename one of them");
      }
      const NodeSpec* spec = registry_.find(n.type);
      if (!spec) {
        std::string hint = didYouMean(n.type, typeNames);
        error(ptr + "/type", n.id, "unknown node type '" + n.type + "'",
              hint.empty() ? "streamcanvas-run --list-nodes lists the node types" : hint);
        continue;
      }
      properties(*spec, n, i);
    }
  }

  void properties(const NodeSpec& spec, const PipelineNode& n, size_t index) {
    std::string base = "/nodes/" + std::to_string(index) + "/properties";
    std::vector<std::string> names;
    for (const auto& ps : spec.properties)
      names.push_back(ps.name);
    bool typesOk = true;
    for (auto it = n.properties.begin(); it != n.properties.end(); ++it) {
      const PropertySpec* ps = spec.property(it.key());
      std::string ptr = base + "/" + pointerToken(it.key());
      if (!ps) {
        std::string hint = didYouMean(it.key(), names);
        error(ptr, n.id, "unknown property '" + it.key() + "' for a " + spec.type + " node",
              hint.empty() ? (names.empty() ? std::string("this node type has no properties")
                                            : "its properties are: " + join(names))
                           : hint,
              it.key());
        continue;
      }
      typesOk &= value(*ps, *it, ptr, n.id, ps->name);
    }
    for (const auto& ps : spec.properties) {
      if (ps.required && !n.properties.contains(ps.name))
        error(base, n.id, "missing required property '" + ps.name + "'",
              ps.description.empty() ? std::string() : ps.description, ps.name);
    }
    if (typesOk && spec.validate) {
      NodeConfig cfg(spec, n.id, index, n.properties);
      Diagnostics extra;
      spec.validate(cfg, extra);
      for (auto& d : extra.items()) {
        if (d.nodeId.empty()) d.nodeId = n.id;
        diags_.items().push_back(d);
      }
    }
  }

  // A property naming an entry of "connections" of the spec's connection type.
  void connection(const PropertySpec& ps, const std::string& name, const std::string& ptr,
                  const std::string& node, const std::string& prop) {
    std::vector<std::string> defined, ofType;
    if (p_.connections.is_object())
      for (auto it = p_.connections.begin(); it != p_.connections.end(); ++it) {
        defined.push_back(it.key());
        if (it->is_object() && it->value("type", std::string()) == ps.connectionType)
          ofType.push_back(it.key());
      }
    if (std::find(defined.begin(), defined.end(), name) == defined.end()) {
      std::string hint = didYouMean(name, ofType.empty() ? defined : ofType);
      const std::string list = defined.empty()
                                   ? "no connections are defined; add one under \"connections\""
                                   : "defined connections: " + join(defined);
      hint = hint.empty() ? list : hint + " " + list;
      error(ptr, node, "unknown connection '" + name + "'", hint, prop);
      return;
    }
    if (std::find(ofType.begin(), ofType.end(), name) == ofType.end())
      error(ptr, node, "connection '" + name + "' is not of type '" + ps.connectionType + "'",
            ofType.empty() ? "define a " + ps.connectionType + " connection under \"connections\""
                           : ps.connectionType + " connections: " + join(ofType),
            prop);
  }

  // Checks one value against its spec; returns false when its type is wrong.
  bool value(const PropertySpec& ps, const Json& v, const std::string& ptr, const std::string& node,
             const std::string& prop) {
    auto wrong = [&](const char* expected) {
      error(ptr, node, "property '" + prop + "' must be " + expected + ", not " + v.dump(), {},
            prop);
      return false;
    };
    if (hasVariable(v) && ps.kind != PropKind::List && ps.kind != PropKind::Map &&
        ps.kind != PropKind::Object && ps.kind != PropKind::Expression)
      return true;  // checked after substitution
    switch (ps.kind) {
      case PropKind::String:
        if (!v.is_string()) return wrong("a string");
        if (!ps.connectionType.empty()) connection(ps, v.get<std::string>(), ptr, node, prop);
        return true;
      case PropKind::Integer:
        if (!v.is_number_integer()) return wrong("an integer");
        if (v.get<int64_t>() < ps.minimum)
          error(ptr, node, "property '" + prop + "' must be at least " + std::to_string(ps.minimum),
                {}, prop);
        return true;
      case PropKind::Number:
        if (!v.is_number()) return wrong("a number");
        if (ps.minimum != INT64_MIN && v.get<double>() < static_cast<double>(ps.minimum))
          error(ptr, node, "property '" + prop + "' must be at least " + std::to_string(ps.minimum),
                {}, prop);
        return true;
      case PropKind::Boolean:
        if (!v.is_boolean()) return wrong("true or false");
        return true;
      case PropKind::Duration:
        if (!v.is_string() || !parseDurationMs(v.get<std::string>())) {
          error(ptr, node, "property '" + prop + "' must be a duration, not " + v.dump(),
                "write it like \"250ms\", \"10s\", \"5m\" or \"1h\"", prop);
          return false;
        }
        return true;
      case PropKind::Enum: {
        if (!v.is_string()) return wrong("a string");
        const std::string s = v.get<std::string>();
        for (const auto& c : ps.choices)
          if (c == s) return true;
        std::string hint = didYouMean(s, ps.choices);
        error(ptr, node, "'" + s + "' is not a valid " + prop,
              hint.empty() ? "choose one of: " + join(ps.choices) : hint, prop);
        return true;
      }
      case PropKind::Expression: {
        if (!v.is_string()) return wrong("an expression string");
        const std::string text = v.get<std::string>();
        if (text.find("${") != std::string::npos) return true;
        SlotTable scratch;
        expr::CompileError err;
        if (!expr::Expression::compile(text, scratch, expressionType(ps.exprType), &err)) {
          Diagnostic& d = error(
              ptr, node,
              "expression error" +
                  (err.column > 0 ? " at column " + std::to_string(err.column) : std::string()) +
                  ": " + err.message,
              {}, prop);
          (void)d;
        }
        return true;
      }
      case PropKind::List: {
        if (!v.is_array()) {
          if (ps.acceptsSingle) {
            PropertySpec item = ps;
            item.kind = ps.item;
            return value(item, v, ptr, node, prop);
          }
          return wrong("a list");
        }
        PropertySpec item = ps;
        item.kind = ps.item;
        bool ok = true;
        for (size_t i = 0; i < v.size(); ++i)
          ok &= value(item, v[i], ptr + "/" + std::to_string(i), node, prop);
        return ok;
      }
      case PropKind::Map: {
        if (v.is_string() && !ps.choices.empty()) {  // a map that also takes a few words
          const std::string s = v.get<std::string>();
          if (std::find(ps.choices.begin(), ps.choices.end(), s) != ps.choices.end()) return true;
          std::string hint = didYouMean(s, ps.choices);
          error(ptr, node, "'" + s + "' is not a valid " + prop,
                hint.empty() ? "write one of: " + join(ps.choices) + ", or an object" : hint, prop);
          return true;
        }
        if (!v.is_object())
          return wrong(ps.choices.empty()
                           ? "an object (a map)"
                           : ("an object (a map) or one of: " + join(ps.choices)).c_str());
        PropertySpec item = ps;
        item.kind = ps.item;
        bool ok = true;
        for (auto it = v.begin(); it != v.end(); ++it)
          ok &= value(item, *it, ptr + "/" + pointerToken(it.key()), node, prop);
        return ok;
      }
      case PropKind::Object: {
        if (!v.is_object()) return wrong("an object");
        std::vector<std::string> names;
        for (const auto& f : ps.fields)
          names.push_back(f.name);
        bool ok = true;
        for (auto it = v.begin(); it != v.end(); ++it) {
          const PropertySpec* f = nullptr;
          for (const auto& cand : ps.fields)
            if (cand.name == it.key()) f = &cand;
          if (!f) {
            std::string hint = didYouMean(it.key(), names);
            error(ptr + "/" + pointerToken(it.key()), node,
                  "unknown field '" + it.key() + "' in " + prop,
                  hint.empty() ? "fields are: " + join(names) : hint, prop);
            continue;
          }
          ok &= value(*f, *it, ptr + "/" + pointerToken(it.key()), node, prop);
        }
        for (const auto& f : ps.fields)
          if (f.required && !v.contains(f.name))
            error(ptr, node, "missing field '" + f.name + "' in " + prop, f.description, prop);
        return ok;
      }
    }
    return true;
  }

  void edges() {
    std::map<std::string, std::vector<std::string>> out;
    std::set<std::pair<std::string, std::string>> connectedInputs;
    std::set<std::string> seenEdges;
    std::vector<std::string> ids;
    for (const auto& n : p_.nodes)
      ids.push_back(n.id);
    for (size_t i = 0; i < p_.edges.size(); ++i) {
      const PipelineEdge& e = p_.edges[i];
      std::string ptr = "/edges/" + std::to_string(i);
      const PipelineNode* from = p_.node(e.from.node);
      const PipelineNode* to = p_.node(e.to.node);
      bool ok = true;
      for (auto [end, n, key] : {std::tuple{&e.from, from, "from"}, std::tuple{&e.to, to, "to"}}) {
        if (n) continue;
        std::string hint = didYouMean(end->node, ids);
        error(ptr + "/" + key, "", "edge refers to unknown node '" + end->node + "'",
              hint.empty() ? "add the node or remove the edge" : hint);
        ok = false;
      }
      if (!ok) continue;
      const NodeSpec* fs = registry_.find(from->type);
      const NodeSpec* ts = registry_.find(to->type);
      if (fs && fs->outputIndex(e.fromPort()) < 0) {
        error(ptr + "/from", from->id,
              fs->outputs.empty()
                  ? "node '" + from->id + "' (" + from->type + ") has no outputs"
                  : "node '" + from->id + "' has no output port '" + e.fromPort() + "'",
              portHint(fs->outputs));
        ok = false;
      }
      if (ts && ts->inputIndex(e.toPort()) < 0) {
        error(ptr + "/to", to->id,
              ts->inputs.empty() ? "node '" + to->id + "' (" + to->type + ") has no inputs"
                                 : "node '" + to->id + "' has no input port '" + e.toPort() + "'",
              portHint(ts->inputs));
        ok = false;
      }
      if (!ok) continue;
      std::string key = e.from.node + ":" + e.fromPort() + "->" + e.to.node + ":" + e.toPort();
      if (!seenEdges.insert(key).second) {
        error(ptr, from->id, "duplicate edge " + e.from.text() + " -> " + e.to.text(),
              "remove one of them");
        continue;
      }
      if (e.from.node == e.to.node) {
        error(ptr, from->id, "edge connects node '" + from->id + "' to itself",
              "pipelines cannot have cycles");
        continue;
      }
      out[e.from.node].push_back(e.to.node);
      connectedInputs.insert({e.to.node, e.toPort()});
    }
    for (size_t i = 0; i < p_.nodes.size(); ++i) {
      const NodeSpec* spec = registry_.find(p_.nodes[i].type);
      if (!spec) continue;
      for (const auto& port : spec->inputs) {
        if (port.required && !connectedInputs.count({p_.nodes[i].id, port.name}))
          error("/nodes/" + std::to_string(i), p_.nodes[i].id,
                "input '" + port.name + "' of node '" + p_.nodes[i].id + "' is not connected",
                "wire an upstream node to it, or remove the node");
      }
    }
    cycles(out);
  }

  static std::string portHint(const std::vector<PortSpec>& ports) {
    if (ports.empty()) return {};
    std::string h = "ports:";
    for (const auto& p : ports)
      h += " '" + p.name + "'";
    return h;
  }

  void cycles(const std::map<std::string, std::vector<std::string>>& out) {
    std::map<std::string, int> state;  // 0 new, 1 on stack, 2 done
    std::vector<std::string> stack;
    std::set<std::string> reported;
    std::function<void(const std::string&)> dfs = [&](const std::string& n) {
      state[n] = 1;
      stack.push_back(n);
      auto it = out.find(n);
      if (it != out.end()) {
        for (const auto& m : it->second) {
          if (state[m] == 1) {
            std::string path;
            bool in = false;
            for (const auto& s : stack) {
              if (s == m) in = true;
              if (in) path += s + " -> ";
            }
            path += m;
            if (reported.insert(m).second)
              error("/nodes/" + std::to_string(p_.nodeIndex(m)), m, "cycle: " + path,
                    "pipelines are acyclic; remove one of these edges");
          } else if (state[m] == 0) {
            dfs(m);
          }
        }
      }
      stack.pop_back();
      state[n] = 2;
    };
    for (const auto& n : p_.nodes)
      if (state[n.id] == 0) dfs(n.id);
  }

  const Pipeline& p_;
  const NodeRegistry& registry_;
  Diagnostics diags_;
};

}  // namespace

Diagnostics validatePipeline(const Pipeline& p, const NodeRegistry& registry) {
  Diagnostics diags = Validator(p, registry).run();
  checkPipelineFields(p, registry, diags);  // warnings only
  validateSettings(p.settings, diags);
  validateDelivery(p, registry, diags);
  validateScaleOut(p, registry, diags);
  return diags;
}

}  // namespace sc
