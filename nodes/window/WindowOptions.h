#pragma once
// Properties shared by window.tumbling, window.hopping and window.session: their spec entries,
// cross-property validation and the parsed form the nodes run with.

#include <cstdint>
#include <string>
#include <vector>

#include "engine/graph/NodeSpec.h"
#include "nodes/window/AggregateLayout.h"

namespace sc {
class Diagnostics;
class NodeConfig;
}  // namespace sc

namespace sc::window {

enum class WindowKind { Tumbling, Hopping, Session };

struct WindowOptions {
  WindowKind kind = WindowKind::Tumbling;
  int64_t sizeMs = 0;             // tumbling, hopping
  int64_t slideMs = 0;            // hopping (tumbling: = size)
  int64_t gapMs = 0;              // session
  std::vector<std::string> keys;  // key expression texts; empty: one global group
  bool processingTime = false;
  std::string timestamp = "$timestamp";
  int64_t maxOutOfOrdernessMs = 0;
  int64_t allowedLatenessMs = 0;
  int64_t idleTimeoutMs = 0;
  int64_t emitIntervalMs = 0;  // 0: emit final results only
  std::vector<AggregateSpec> aggregates;
};

// Output field names every window writes besides the aggregates.
inline constexpr const char* kWindowStartField = "window_start";
inline constexpr const char* kWindowEndField = "window_end";
inline constexpr const char* kKeyField = "key";

// The complete spec of one window node type (ports, properties, validation); `create` is left
// for the caller.
NodeSpec windowSpec(WindowKind kind);
// Reads validated properties; throws NodeFailure for what validation could not catch.
WindowOptions readWindowOptions(WindowKind kind, const NodeConfig& config);
// What a checkpoint of this window's state depends on, as text ("window.hopping size=10000ms
// slide=2000ms time=event key=[device] aggregates=[n=count(), avg=avg(value)]"): restoring
// state into a window whose description differs is refused. Allowed lateness and the emit
// interval are left out: state taken under other values is still valid state.
std::string stateFingerprint(const WindowOptions& options);
// Cross-property checks (sizes, aggregate names, `of` presence, emit), reported with pointers.
void validateWindow(WindowKind kind, const NodeConfig& config, Diagnostics& diags);

}  // namespace sc::window
