#include "app/runner/NodeDocs.h"

#include "engine/graph/NodeRegistry.h"
#include "engine/graph/Pipeline.h"

namespace sc {
namespace {

std::string kindText(const PropertySpec& p) {
  std::string k = propKindName(p.kind);
  if (p.kind == PropKind::List || p.kind == PropKind::Map)
    k += " of " + std::string(propKindName(p.item));
  if (p.kind == PropKind::Enum || (p.item == PropKind::Enum && p.kind != PropKind::Enum)) {
    k += " (";
    for (size_t i = 0; i < p.choices.size(); ++i)
      k += (i ? " | " : "") + p.choices[i];
    k += ")";
  }
  if (p.kind == PropKind::Map && !p.choices.empty()) {  // a map that also takes a few words
    for (size_t i = 0; i < p.choices.size(); ++i)
      k += (i ? " | " : ", or ") + p.choices[i];
  }
  return k;
}

std::string cell(std::string s) {
  std::string out;
  for (char c : s) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n')
      out += ' ';
    else
      out += c;
  }
  return out;
}

Json propertyJson(const PropertySpec& p) {
  Json j = Json::object();
  j["name"] = p.name;
  j["kind"] = propKindName(p.kind);
  if (p.kind == PropKind::List || p.kind == PropKind::Map) j["item"] = propKindName(p.item);
  j["required"] = p.required;
  if (!p.defaultValue.is_null()) j["default"] = p.defaultValue;
  if (!p.choices.empty()) j["choices"] = p.choices;
  if (p.secret) j["secret"] = true;
  if (!p.connectionType.empty()) j["connection_type"] = p.connectionType;
  j["description"] = p.description;
  if (!p.fields.empty()) {
    Json fields = Json::array();
    for (const auto& f : p.fields)
      fields.push_back(propertyJson(f));
    j["fields"] = fields;
  }
  return j;
}

}  // namespace

std::string nodeDocsMarkdown(const NodeRegistry& registry) {
  std::string out =
      "# Node reference\n\nGenerated from the node specs by `streamcanvas-run --list-nodes "
      "--format markdown`; "
      "do not edit by hand.\n";
  std::string category;
  for (const NodeSpec* s : registry.all()) {
    if (s->category != category) {
      category = s->category;
      out += "\n## " + category + "\n";
    }
    out += "\n### `" + s->type + "`: " + s->title + "\n\n" + s->summary + "\n";
    if (!s->description.empty()) out += "\n" + s->description + "\n";
    auto ports = [&](const char* what, const std::vector<PortSpec>& ps) {
      if (ps.empty()) return;
      out += "\n" + std::string(what) + ":";
      for (size_t i = 0; i < ps.size(); ++i)
        out += (i ? "," : "") + std::string(" `") + ps[i].name + "` (" + ps[i].description +
               (ps[i].required ? "" : ", optional") + ")";
      out += "\n";
    };
    ports("Inputs", s->inputs);
    ports("Outputs", s->outputs);
    if (s->properties.empty()) continue;
    out += "\n| property | kind | required | default | description |\n|---|---|---|---|---|\n";
    for (const auto& p : s->properties) {
      std::string desc = p.description;
      if (!p.fields.empty()) {
        desc += " Fields:";
        for (const auto& f : p.fields)
          desc += " `" + f.name + "` (" + kindText(f) + ")";
      }
      if (p.secret) desc += " Secret: masked in the designer and logs.";
      out += "| `" + p.name + "` | " + cell(kindText(p)) + " | " + (p.required ? "yes" : "no") +
             " | " +
             (p.defaultValue.is_null() ? std::string() : "`" + cell(p.defaultValue.dump()) + "`") +
             " | " + cell(desc) + " |\n";
    }
  }
  return out;
}

std::string nodeDocsJson(const NodeRegistry& registry) {
  Json all = Json::array();
  for (const NodeSpec* s : registry.all()) {
    Json j = Json::object();
    j["type"] = s->type;
    j["category"] = s->category;
    j["title"] = s->title;
    j["summary"] = s->summary;
    auto ports = [](const std::vector<PortSpec>& ps) {
      Json a = Json::array();
      for (const auto& p : ps)
        a.push_back(
            Json{{"name", p.name}, {"description", p.description}, {"required", p.required}});
      return a;
    };
    j["inputs"] = ports(s->inputs);
    j["outputs"] = ports(s->outputs);
    Json props = Json::array();
    for (const auto& p : s->properties)
      props.push_back(propertyJson(p));
    j["properties"] = props;
    all.push_back(j);
  }
  return all.dump(2) + "\n";
}

}  // namespace sc
