// ${VAR} and ${VAR:-default} substitution at load time; this is also how secrets stay out of
// pipeline files.
#include "engine/graph/Variables.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "engine/graph/NodeRegistry.h"
#include "engine/graph/Pipeline.h"
#include "engine/graph/PipelineSettings.h"

namespace sc {
namespace {

bool validVariableName(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  return true;
}

struct Substituter {
  const EnvLookup& env;
  Diagnostics& diags;
  std::vector<std::string>* secrets;

  // Returns the substituted text; reports unset variables at `ptr`.
  std::string text(const std::string& in, const std::string& ptr, const std::string& nodeId,
                   bool secret) {
    std::string out;
    size_t i = 0;
    while (i < in.size()) {
      if (in.compare(i, 3, "$${") == 0) {
        out += "${";
        i += 3;
        continue;
      }
      if (in.compare(i, 2, "${") != 0) {
        out += in[i++];
        continue;
      }
      size_t close = in.find('}', i + 2);
      if (close == std::string::npos) {
        diags
            .error(ptr, "unterminated ${ in \"" + in + "\"",
                   "close it with } or write $${ for a literal ${")
            .nodeId = nodeId;
        return in;
      }
      std::string body = in.substr(i + 2, close - i - 2);
      std::string name = body;
      std::optional<std::string> fallback;
      if (size_t d = body.find(":-"); d != std::string::npos) {
        name = body.substr(0, d);
        fallback = body.substr(d + 2);
      }
      if (!validVariableName(name)) {
        diags
            .error(ptr, "invalid variable name '" + name + "' in ${" + body + "}",
                   "variable names use letters, digits and _")
            .nodeId = nodeId;
        out += in.substr(i, close - i + 1);
        i = close + 1;
        continue;
      }
      std::optional<std::string> value = env(name);
      if (!value || (value->empty() && fallback)) value = fallback;
      if (!value) {
        diags
            .error(ptr, "environment variable " + name + " is not set",
                   "set " + name + " or write ${" + name + ":-default}")
            .nodeId = nodeId;
      } else {
        if (secrets && !value->empty() && (secret || variableNameLooksSecret(name)))
          secrets->push_back(*value);
        out += *value;
      }
      i = close + 1;
    }
    return out;
  }

  void walk(Json& v, const std::string& ptr, const std::string& nodeId, bool secret) {
    if (v.is_string()) {
      const std::string& s = v.get_ref<const std::string&>();
      if (s.find('$') != std::string::npos) v = text(s, ptr, nodeId, secret);
    } else if (v.is_array()) {
      for (size_t i = 0; i < v.size(); ++i)
        walk(v[i], ptr + "/" + std::to_string(i), nodeId, secret);
    } else if (v.is_object()) {
      for (auto it = v.begin(); it != v.end(); ++it)
        walk(*it, ptr + "/" + pointerToken(it.key()), nodeId, secret);
    }
  }
};

}  // namespace

EnvLookup processEnvironment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* v = std::getenv(name.c_str());
    if (!v) return std::nullopt;
    return std::string(v);
  };
}

Pipeline substituteVariables(const Pipeline& p, const NodeRegistry& registry, const EnvLookup& env,
                             Diagnostics& diags, std::vector<std::string>* secrets) {
  Pipeline out = p;
  Substituter sub{env, diags, secrets};
  sub.walk(out.settings, "/settings", "", false);
  for (auto it = out.connections.begin(); it != out.connections.end(); ++it) {
    std::string base = "/connections/" + pointerToken(it.key());
    if (!it->is_object()) continue;
    for (auto f = it->begin(); f != it->end(); ++f) {
      // Every client property may carry a credential; treat them all as secret for logging.
      sub.walk(*f, base + "/" + pointerToken(f.key()), "", f.key() == "properties");
    }
  }
  for (size_t i = 0; i < out.nodes.size(); ++i) {
    PipelineNode& n = out.nodes[i];
    const NodeSpec* spec = registry.find(n.type);
    for (auto it = n.properties.begin(); it != n.properties.end(); ++it) {
      const PropertySpec* ps = spec ? spec->property(it.key()) : nullptr;
      // Expressions keep their text: "$" starts record metadata ($key) there, not a variable,
      // but ${VAR} inside an expression is still substituted.
      sub.walk(*it, "/nodes/" + std::to_string(i) + "/properties/" + pointerToken(it.key()), n.id,
               ps && ps->secret);
    }
  }
  return out;
}

namespace {

std::string upperSnake(std::string_view text) {
  std::string out;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u))
      out += static_cast<char>(std::toupper(u));
    else if (!out.empty() && out.back() != '_')
      out += '_';
  }
  while (!out.empty() && out.back() == '_')
    out.pop_back();
  return out;
}

std::string joinStem(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (std::string_view p : parts) {
    std::string s = upperSnake(p);
    if (s.empty()) continue;
    if (!out.empty()) out += '_';
    out += s;
  }
  if (!out.empty() && std::isdigit(static_cast<unsigned char>(out[0]))) out = "V_" + out;
  return out;
}

// "/properties/sasl.password" -> "properties", "sasl.password" (JSON Pointer unescaped).
std::vector<std::string> pointerTokens(std::string_view pointer) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < pointer.size() && pointer[i] == '/') {
    size_t next = pointer.find('/', i + 1);
    std::string token(pointer.substr(
        i + 1, next == std::string_view::npos ? std::string_view::npos : next - i - 1));
    std::string unescaped;
    for (size_t k = 0; k < token.size(); ++k) {
      if (token[k] == '~' && k + 1 < token.size()) {
        unescaped += token[k + 1] == '1' ? '/' : '~';
        ++k;
      } else {
        unescaped += token[k];
      }
    }
    out.push_back(std::move(unescaped));
    if (next == std::string_view::npos) break;
    i = next;
  }
  return out;
}

// The first sentence of a spec description: enough to say what a value is for.
std::string firstSentence(const std::string& text) {
  size_t end = text.find(". ");
  std::string s = end == std::string::npos ? text : text.substr(0, end);
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

template <typename Visit>
void walkScalars(Json& v, const std::string& pointer, const std::string& rel, Visit&& visit) {
  if (v.is_array()) {
    for (size_t i = 0; i < v.size(); ++i)
      walkScalars(v[i], pointer + "/" + std::to_string(i), rel + "/" + std::to_string(i), visit);
  } else if (v.is_object()) {
    for (auto it = v.begin(); it != v.end(); ++it) {
      const std::string token = "/" + pointerToken(it.key());
      walkScalars(*it, pointer + token, rel + token, visit);
    }
  } else if (!v.is_null()) {
    visit(v, pointer, rel);
  }
}

// A node property's value. Secrets are marked on the property, or on a field of the objects a
// list or map holds; `objectFields` describes `v`'s members when it is such an object.
void walkProperty(Json& v, const std::string& pointer, const std::string& stem, bool secret,
                  const PropertySpec* spec, const std::vector<PropertySpec>* objectFields,
                  const PipelineField& base,
                  const std::function<void(Json&, const PipelineField&)>& visit) {
  secret = secret || (spec && spec->secret);
  if (v.is_object() && objectFields) {
    for (auto it = v.begin(); it != v.end(); ++it) {
      const PropertySpec* field = nullptr;
      for (const PropertySpec& f : *objectFields)
        if (f.name == it.key()) field = &f;
      walkProperty(*it, pointer + "/" + pointerToken(it.key()), joinStem({stem, it.key()}), secret,
                   field, field && field->kind == PropKind::Object ? &field->fields : nullptr, base,
                   visit);
    }
    return;
  }
  if (v.is_object() || v.is_array()) {
    const std::vector<PropertySpec>* itemFields =
        spec && spec->item == PropKind::Object ? &spec->fields : nullptr;
    if (v.is_array()) {
      for (size_t i = 0; i < v.size(); ++i)
        walkProperty(v[i], pointer + "/" + std::to_string(i), joinStem({stem, std::to_string(i)}),
                     secret, nullptr, itemFields, base, visit);
    } else {
      for (auto it = v.begin(); it != v.end(); ++it)
        walkProperty(*it, pointer + "/" + pointerToken(it.key()), joinStem({stem, it.key()}),
                     secret, nullptr, itemFields, base, visit);
    }
    return;
  }
  if (v.is_null()) return;
  PipelineField field = base;
  field.pointer = pointer;
  field.variableStem = stem;
  field.exportAs = secret ? ExportAs::Secret : ExportAs::Keep;
  visit(v, field);
}

}  // namespace

std::vector<VariableReference> findVariableReferences(std::string_view text) {
  std::vector<VariableReference> out;
  size_t i = 0;
  while (i < text.size()) {
    if (text.compare(i, 3, "$${") == 0) {
      i += 3;
      continue;
    }
    if (text.compare(i, 2, "${") != 0) {
      ++i;
      continue;
    }
    size_t close = text.find('}', i + 2);
    if (close == std::string_view::npos) break;
    std::string_view body = text.substr(i + 2, close - i - 2);
    VariableReference ref;
    ref.begin = i;
    ref.end = close + 1;
    if (size_t d = body.find(":-"); d != std::string_view::npos) {
      ref.name = std::string(body.substr(0, d));
      ref.defaultValue = std::string(body.substr(d + 2));
    } else {
      ref.name = std::string(body);
    }
    if (validVariableName(ref.name)) out.push_back(std::move(ref));
    i = close + 1;
  }
  return out;
}

bool variableNameLooksSecret(std::string_view name) {
  std::string upper;
  for (char c : name)
    upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (const char* w :
       {"SECRET", "PASSWORD", "PASSWD", "TOKEN", "API_KEY", "APIKEY", "CREDENTIAL", "PRIVATE"})
    if (upper.find(w) != std::string::npos) return true;
  return false;
}

ConnectionField connectionField(const ConnectionType* type, const std::string& field) {
  if (type && type->describeField) return type->describeField(field);
  // An unknown type (or one that does not say): judge by the field's last name.
  const std::vector<std::string> tokens = pointerTokens(field);
  const std::string name = tokens.empty() ? field : tokens.back();
  ConnectionField f;
  f.purpose = name;
  if (variableNameLooksSecret(name)) f.exportAs = ExportAs::Secret;
  return f;
}

void forEachPipelineField(Pipeline& pipeline, const NodeRegistry& registry,
                          const std::function<void(Json& value, const PipelineField&)>& visit) {
  if (pipeline.settings.is_object()) {
    const NodeSpec& settingsSpec = pipelineSettingsSpec();
    for (auto it = pipeline.settings.begin(); it != pipeline.settings.end(); ++it) {
      const PropertySpec* ps = settingsSpec.property(it.key());
      const std::string purpose =
          "pipeline setting " + it.key() + (ps ? ": " + firstSentence(ps->description) : "");
      const std::string stem = joinStem({"PIPELINE", it.key()});
      walkScalars(*it, "/settings/" + pointerToken(it.key()), "",
                  [&](Json& v, const std::string& pointer, const std::string& rel) {
                    PipelineField f;
                    f.pointer = pointer;
                    f.purpose = purpose;
                    std::string s = stem;
                    for (const std::string& t : pointerTokens(rel))
                      s = joinStem({s, t});
                    f.variableStem = s;
                    visit(v, f);
                  });
    }
  }
  if (pipeline.connections.is_object()) {
    for (auto entry = pipeline.connections.begin(); entry != pipeline.connections.end(); ++entry) {
      if (!entry->is_object()) continue;
      const std::string typeName = entry->value("type", std::string());
      const ConnectionType* type = registry.connectionType(typeName);
      const std::string title = type && !type->title.empty() ? type->title : typeName;
      const std::string base = "/connections/" + pointerToken(entry.key());
      for (auto it = entry->begin(); it != entry->end(); ++it) {
        if (it.key() == "type") continue;
        walkScalars(*it, base + "/" + pointerToken(it.key()), "/" + pointerToken(it.key()),
                    [&](Json& v, const std::string& pointer, const std::string& rel) {
                      const ConnectionField cf = connectionField(type, rel);
                      PipelineField f;
                      f.pointer = pointer;
                      f.purpose =
                          (title.empty() ? std::string("connection") : title + " connection") +
                          " '" + entry.key() + "': " + cf.purpose;
                      f.exportAs = cf.exportAs;
                      std::vector<std::string> tokens = pointerTokens(rel);
                      // "properties" says nothing to an operator: KAFKA_LOCAL_SASL_PASSWORD.
                      if (!tokens.empty() && tokens.front() == "properties")
                        tokens.erase(tokens.begin());
                      std::string stem = joinStem({typeName, entry.key()});
                      for (const std::string& t : tokens)
                        stem = joinStem({stem, t});
                      f.variableStem = stem;
                      visit(v, f);
                    });
      }
    }
  }
  for (size_t i = 0; i < pipeline.nodes.size(); ++i) {
    PipelineNode& node = pipeline.nodes[i];
    if (!node.properties.is_object()) continue;
    const NodeSpec* spec = registry.find(node.type);
    const std::string title = spec && !spec->title.empty() ? spec->title : node.type;
    for (auto it = node.properties.begin(); it != node.properties.end(); ++it) {
      const PropertySpec* ps = spec ? spec->property(it.key()) : nullptr;
      PipelineField base;
      base.nodeId = node.id;
      base.purpose = title + " '" + node.id + "': " +
                     (ps && !ps->description.empty() ? firstSentence(ps->description) : it.key());
      walkProperty(*it, "/nodes/" + std::to_string(i) + "/properties/" + pointerToken(it.key()),
                   joinStem({node.id, it.key()}), false, ps,
                   ps && ps->kind == PropKind::Object ? &ps->fields : nullptr, base, visit);
    }
  }
}

std::optional<std::string> PipelineVariable::defaultValue() const {
  for (const VariableUse& u : uses)
    if (u.defaultValue) return u.defaultValue;
  return std::nullopt;
}

std::string PipelineVariable::describeUse(const VariableUse& use) {
  return (use.field.nodeId.empty() ? "used at " : "used by node '" + use.field.nodeId + "' at ") +
         use.field.pointer;
}

std::vector<PipelineVariable> pipelineVariables(const Pipeline& pipeline,
                                                const NodeRegistry& registry) {
  std::vector<PipelineVariable> out;
  Pipeline copy = pipeline;  // forEachPipelineField hands out mutable values
  forEachPipelineField(copy, registry, [&](Json& value, const PipelineField& field) {
    if (!value.is_string()) return;
    for (VariableReference& ref : findVariableReferences(value.get<std::string>())) {
      auto it = std::find_if(out.begin(), out.end(),
                             [&](const PipelineVariable& v) { return v.name == ref.name; });
      if (it == out.end()) {
        out.push_back({ref.name, {}, variableNameLooksSecret(ref.name)});
        it = out.end() - 1;
      }
      it->secret = it->secret || field.exportAs == ExportAs::Secret;
      it->uses.push_back({field, std::move(ref.defaultValue)});
    }
  });
  return out;
}

}  // namespace sc
