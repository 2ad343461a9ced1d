#include "translations/SpecStrings.h"

#include <map>
#include <utility>
#include <vector>

#include "engine/graph/NodeRegistry.h"
#include "engine/graph/PipelineSettings.h"

namespace sc {
namespace {

// A C++ string literal holding `text`.
std::string literal(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += c;
    }
  }
  return out + "\"";
}

// Each text once, in the order first met, with the places that use it (for the translators).
class Collector {
 public:
  // `disambiguation` tells a property's name from the same word used as a title.
  void add(const std::string& text, const std::string& where,
           const std::string& disambiguation = {}) {
    if (text.empty()) return;
    const auto key = std::make_pair(text, disambiguation);
    auto [it, inserted] = uses_.try_emplace(key);
    if (inserted) order_.push_back(key);
    if (it->second.size() < 3) it->second.push_back(where);
  }

  void addProperty(const PropertySpec& p, const std::string& owner) {
    add(p.name, owner + " property", "property name");
    add(p.description, owner + " property " + p.name);
    for (const PropertySpec& f : p.fields)
      addProperty(f, owner + " " + p.name);
  }

  void addSpec(const NodeSpec& s, const std::string& owner) {
    add(s.category, "category");
    add(s.title, owner + " title");
    add(s.summary, owner + " summary");
    add(s.description, owner + " description");
    for (const PortSpec& port : s.inputs)
      add(port.description, owner + " input " + port.name);
    for (const PortSpec& port : s.outputs)
      add(port.description, owner + " output " + port.name);
    for (const PropertySpec& p : s.properties)
      addProperty(p, owner);
  }

  std::string source() const {
    std::string out =
        "// Generated from the node specs by sc-spec-strings (cmake --build build --target\n"
        "// update_translations): do not edit. lupdate reads this file; the compiler does not.\n"
        "// The designer translates these texts where it shows them, with\n"
        "// QCoreApplication::translate(\"NodeSpec\", text) (app/designer/Translations.h).\n"
        "// clang-format off\n";
    for (const auto& key : order_) {
      std::string where;
      for (const std::string& w : uses_.at(key))
        where += (where.empty() ? "" : "; ") + w;
      out += "\n//: " + where + "\n";
      if (key.second.empty())
        out += "QT_TRANSLATE_NOOP(\"NodeSpec\", " + literal(key.first) + ")\n";
      else
        out += "QT_TRANSLATE_NOOP3(\"NodeSpec\", " + literal(key.first) + ", " +
               literal(key.second) + ")\n";
    }
    return out;
  }

 private:
  std::map<std::pair<std::string, std::string>, std::vector<std::string>> uses_;
  std::vector<std::pair<std::string, std::string>> order_;
};

}  // namespace

std::string nodeSpecStringsSource(const NodeRegistry& registry) {
  Collector strings;
  for (const NodeSpec* spec : registry.all())
    strings.addSpec(*spec, spec->type);
  strings.addSpec(pipelineSettingsSpec(), "pipeline settings");
  return strings.source();
}

}  // namespace sc
