#include "engine/runtime/Metrics.h"

#include <tuple>

namespace sc {

Gauge& NodeMetrics::gauge(const std::string& name) {
  for (auto& [n, g] : named_)
    if (n == name) return g;
  named_.emplace_back(std::piecewise_construct, std::forward_as_tuple(name),
                      std::forward_as_tuple());
  return named_.back().second;
}

}  // namespace sc
