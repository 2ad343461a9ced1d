#include "engine/runtime/Metrics.h"

#include <tuple>

namespace sc {

Gauge& NodeMetrics::gauge(const std::string& name) {
  std::lock_guard lock(namedMutex_);
  for (auto& [n, g] : named_)
    if (n == name) return g;
  named_.emplace_back(std::piecewise_construct, std::forward_as_tuple(name),
                      std::forward_as_tuple());
  return named_.back().second;
}

std::vector<std::pair<std::string, int64_t>> NodeMetrics::gaugeValues() const {
  std::lock_guard lock(namedMutex_);
  std::vector<std::pair<std::string, int64_t>> values;
  values.reserve(named_.size());
  for (const auto& [n, g] : named_)
    values.emplace_back(n, g.get());
  return values;
}

std::optional<int64_t> NodeMetrics::gaugeValue(const std::string& name) const {
  std::lock_guard lock(namedMutex_);
  for (const auto& [n, g] : named_)
    if (n == name) return g.get();
  return std::nullopt;
}

std::string partitionGaugeName(const std::string& name, const std::string& topic,
                               int32_t partition) {
  return name + " " + topic + "[" + std::to_string(partition) + "]";
}

bool parsePartitionGaugeName(const std::string& gaugeName, std::string& name, std::string& topic,
                             int32_t& partition) {
  // Topic names hold no spaces or brackets (Kafka allows [a-zA-Z0-9._-]).
  const size_t space = gaugeName.find(' ');
  const size_t open = gaugeName.rfind('[');
  if (space == std::string::npos || open == std::string::npos || open <= space + 1 ||
      gaugeName.back() != ']')
    return false;
  const std::string digits = gaugeName.substr(open + 1, gaugeName.size() - open - 2);
  if (digits.empty() || digits.size() > 9 ||
      digits.find_first_not_of("0123456789") != std::string::npos)
    return false;
  name = gaugeName.substr(0, space);
  topic = gaugeName.substr(space + 1, open - space - 1);
  partition = static_cast<int32_t>(std::stol(digits));
  return true;
}

}  // namespace sc
