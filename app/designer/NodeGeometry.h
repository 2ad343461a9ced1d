#pragma once
// Sizes of a node on the canvas, shared by the node item, the layout and the document.

#include <algorithm>
#include <cstddef>

namespace sc::designer::geometry {

inline constexpr double kNodeWidth = 200;
inline constexpr double kHeaderHeight = 46;  // icon, id and type
inline constexpr double kPortSpacing = 22;
inline constexpr double kPortRadius = 5;
inline constexpr double kGrid = 10;
inline constexpr double kRunLineHeight = 16;  // run counters under a node

inline double nodeHeight(size_t inputs, size_t outputs) {
  return kHeaderHeight +
         static_cast<double>(std::max<size_t>(1, std::max(inputs, outputs))) * kPortSpacing + 8;
}

}  // namespace sc::designer::geometry
