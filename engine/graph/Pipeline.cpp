#include "engine/graph/Pipeline.h"

namespace sc {

EdgeEnd EdgeEnd::parse(std::string_view text) {
  EdgeEnd e;
  size_t colon = text.find(':');
  if (colon == std::string_view::npos) {
    e.node = std::string(text);
  } else {
    e.node = std::string(text.substr(0, colon));
    e.port = std::string(text.substr(colon + 1));
  }
  return e;
}

const PipelineNode* Pipeline::node(std::string_view id) const {
  for (const auto& n : nodes)
    if (n.id == id) return &n;
  return nullptr;
}

PipelineNode* Pipeline::node(std::string_view id) {
  for (auto& n : nodes)
    if (n.id == id) return &n;
  return nullptr;
}

int Pipeline::nodeIndex(std::string_view id) const {
  for (size_t i = 0; i < nodes.size(); ++i)
    if (nodes[i].id == id) return static_cast<int>(i);
  return -1;
}

Json Pipeline::toJson() const {
  Json doc = Json::object();
  doc["streamcanvas"] = kFormatVersion;
  doc["name"] = name;
  doc["settings"] = settings.is_null() ? Json::object() : settings;
  doc["connections"] = connections.is_null() ? Json::object() : connections;
  Json ns = Json::array();
  for (const auto& n : nodes) {
    Json j = Json::object();
    j["id"] = n.id;
    j["type"] = n.type;
    j["properties"] = n.properties.is_null() ? Json::object() : n.properties;
    if (!n.ui.is_null()) j["ui"] = n.ui;
    ns.push_back(std::move(j));
  }
  doc["nodes"] = std::move(ns);
  Json es = Json::array();
  for (const auto& e : edges) {
    Json j = Json::object();
    j["from"] = e.from.text();
    j["to"] = e.to.text();
    es.push_back(std::move(j));
  }
  doc["edges"] = std::move(es);
  if (!ui.is_null()) doc["ui"] = ui;
  return doc;
}

}  // namespace sc
