// ${VAR} and ${VAR:-default} substitution at load time; this is also how secrets stay out of
// pipeline files.
#include <cstdlib>

#include "engine/graph/NodeRegistry.h"
#include "engine/graph/Pipeline.h"

namespace sc {
namespace {

bool looksSecret(std::string_view name) {
  std::string upper;
  for (char c : name)
    upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (const char* w :
       {"SECRET", "PASSWORD", "PASSWD", "TOKEN", "API_KEY", "APIKEY", "CREDENTIAL", "PRIVATE"})
    if (upper.find(w) != std::string::npos) return true;
  return false;
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
      bool validName = !name.empty();
      for (char c : name)
        validName &= (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
      if (!validName) {
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
        if (secrets && !value->empty() && (secret || looksSecret(name))) secrets->push_back(*value);
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

}  // namespace sc
