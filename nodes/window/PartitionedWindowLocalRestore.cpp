// PartitionedWindowNode's fast path of a restart in scale-out mode: a partition's state from
// this runner's local checkpoint, when its source found that checkpoint to be exactly what the
// group committed (nodes/KafkaSourceLocalRestore.h); else from the changelog, as always.
#include <string>

#include "engine/state/LocalCheckpoints.h"
#include "engine/state/StateCodec.h"
#include "nodes/window/PartitionedWindowNode.h"

namespace sc::window {

void PartitionedWindowNode::restorePartition(const Key& key, Partition& p) {
  if (!local_) {
    restoreFromChangelog(key, p);
    return;
  }
  const std::string name = key.first + "[" + std::to_string(key.second) + "]";
  const auto decision = local_->decision(key.first, key.second);
  std::string why = decision ? decision->why : "its source decided nothing";
  if (decision && decision->local) {
    const std::string checkpoint = "local checkpoint " + std::to_string(*decision->local);
    if (const std::string* bytes = localState(*decision->local, key)) {
      prepareChangelog(key.first);  // the next checkpoints write to it
      restoreSnapshot(p, *bytes, checkpoint + ", state of " + name);
      // The changelog holds the same state (it committed with the same offsets).
      p.writtenHash = stateHash(*bytes);
      p.written = true;
      Gauge& restored = ctx_->metrics().gauge("restored_local");
      restored.set(restored.get() + 1);
      ctx_->log().info(nodeId_, name + ": restored from " + checkpoint + " (" + why + "; " +
                                    std::to_string(bytes->size()) +
                                    " bytes), the changelog is not read");
      return;
    }
    why = checkpoint + " holds no state of it";
  }
  Gauge& restored = ctx_->metrics().gauge("restored_changelog");
  restored.set(restored.get() + 1);
  restoreFromChangelog(key, p, why);
}

const std::string* PartitionedWindowNode::localState(uint64_t checkpointId, const Key& key) {
  if (localId_ != checkpointId) {
    localStates_.clear();
    localId_ = checkpointId;
    const auto c = local_->load(checkpointId);
    const std::string* part = c ? c->part(nodeId_) : nullptr;
    if (part) {
      try {
        state::StateReader r(*part, "local checkpoint " + std::to_string(checkpointId) +
                                        ", part of '" + nodeId_ + "'");
        const uint32_t n = r.count(12);
        for (uint32_t i = 0; i < n; ++i) {
          std::string topic = r.str();
          const auto partition = static_cast<int32_t>(r.u32());
          localStates_[{std::move(topic), partition}] = r.str();
        }
      } catch (const state::StateError& e) {
        ctx_->log().warn(nodeId_, std::string(e.what()) + "; restoring from the changelog");
        localStates_.clear();
      }
    }
  }
  auto it = localStates_.find(key);
  return it == localStates_.end() ? nullptr : &it->second;
}

}  // namespace sc::window
