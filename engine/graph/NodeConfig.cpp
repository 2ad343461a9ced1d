#include "engine/graph/NodeConfig.h"

#include <charconv>
#include <stdexcept>

#include "engine/graph/Diagnostics.h"

namespace sc {

NodeConfig::NodeConfig(const NodeSpec& spec, std::string id, size_t index, Json properties)
    : spec_(&spec), id_(std::move(id)), index_(index), properties_(std::move(properties)) {
  if (!properties_.is_object()) properties_ = Json::object();
}

const PropertySpec& NodeConfig::declared(std::string_view name) const {
  if (const PropertySpec* p = spec_->property(name)) return *p;
  throw std::logic_error("node type '" + spec_->type + "' reads property '" + std::string(name) +
                         "', which its spec does not declare");
}

std::string NodeConfig::pointer(std::string_view property) const {
  std::string p = "/nodes/" + std::to_string(index_);
  if (!property.empty()) p += "/properties/" + pointerToken(declared(property).name);
  return p;
}

bool NodeConfig::has(std::string_view name) const {
  return properties_.contains(declared(name).name);
}

const Json& NodeConfig::value(std::string_view name) const {
  const PropertySpec& p = declared(name);
  auto it = properties_.find(p.name);
  return it != properties_.end() ? *it : p.defaultValue;
}

std::string NodeConfig::getString(std::string_view name) const {
  const Json& v = value(name);
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return {};
  return v.dump();
}

int64_t NodeConfig::getInt(std::string_view name) const {
  const Json& v = value(name);
  if (v.is_number_integer()) return v.get<int64_t>();
  if (v.is_number()) return static_cast<int64_t>(v.get<double>());
  if (v.is_string()) {
    const std::string s = v.get<std::string>();
    int64_t out = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    if (ec == std::errc() && ptr == s.data() + s.size()) return out;
  }
  throw std::invalid_argument("property '" + std::string(name) + "' of node '" + id_ +
                              "' is not an integer");
}

double NodeConfig::getNumber(std::string_view name) const {
  const Json& v = value(name);
  if (v.is_number()) return v.get<double>();
  if (v.is_string()) {
    const std::string s = v.get<std::string>();
    try {
      size_t used = 0;
      double d = std::stod(s, &used);
      if (used == s.size()) return d;
    } catch (const std::exception&) {
    }
  }
  throw std::invalid_argument("property '" + std::string(name) + "' of node '" + id_ +
                              "' is not a number");
}

bool NodeConfig::getBool(std::string_view name) const {
  const Json& v = value(name);
  if (v.is_boolean()) return v.get<bool>();
  if (v.is_string()) {
    const std::string s = v.get<std::string>();
    if (s == "true") return true;
    if (s == "false") return false;
  }
  if (v.is_null()) return false;
  throw std::invalid_argument("property '" + std::string(name) + "' of node '" + id_ +
                              "' is not a boolean");
}

int64_t NodeConfig::getDurationMs(std::string_view name) const {
  const Json& v = value(name);
  if (v.is_null()) return 0;
  if (v.is_number_integer()) return v.get<int64_t>();
  if (v.is_string()) {
    if (auto ms = parseDurationMs(v.get<std::string>())) return *ms;
  }
  throw std::invalid_argument("property '" + std::string(name) + "' of node '" + id_ +
                              "' is not a duration like 250ms, 10s, 5m or 1h");
}

std::vector<std::string> NodeConfig::getStringList(std::string_view name) const {
  const Json& v = value(name);
  std::vector<std::string> out;
  if (v.is_string()) {
    out.push_back(v.get<std::string>());
  } else if (v.is_array()) {
    for (const auto& item : v)
      out.push_back(item.is_string() ? item.get<std::string>() : item.dump());
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> NodeConfig::getStringMap(
    std::string_view name) const {
  const Json& v = value(name);
  std::vector<std::pair<std::string, std::string>> out;
  if (!v.is_object()) return out;
  for (auto it = v.begin(); it != v.end(); ++it)
    out.emplace_back(it.key(), it->is_string() ? it->get<std::string>() : it->dump());
  return out;
}

std::optional<int64_t> parseDurationMs(std::string_view text) {
  if (text == "0") return 0;
  size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9')
    ++digits;
  if (digits == 0 || digits > 15) return std::nullopt;
  int64_t n = 0;
  std::from_chars(text.data(), text.data() + digits, n);
  std::string_view unit = text.substr(digits);
  int64_t factor = 0;
  if (unit == "ms")
    factor = 1;
  else if (unit == "s")
    factor = 1000;
  else if (unit == "m")
    factor = 60'000;
  else if (unit == "h")
    factor = 3'600'000;
  else if (unit == "d")
    factor = 86'400'000;
  else
    return std::nullopt;
  return n * factor;
}

std::string formatDurationMs(int64_t ms) {
  if (ms == 0) return "0";
  struct Unit {
    int64_t factor;
    const char* suffix;
  };
  for (Unit u : {Unit{86'400'000, "d"}, Unit{3'600'000, "h"}, Unit{60'000, "m"}, Unit{1000, "s"}}) {
    if (ms % u.factor == 0) return std::to_string(ms / u.factor) + u.suffix;
  }
  return std::to_string(ms) + "ms";
}

}  // namespace sc
