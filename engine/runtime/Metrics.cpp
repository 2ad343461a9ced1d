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

}  // namespace sc
