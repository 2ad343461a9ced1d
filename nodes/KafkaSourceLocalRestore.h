#pragma once
// kafka.source in scale-out mode with local checkpoints (state::LocalCheckpoints): the offset
// metadata its commits carry, and the decision, on assignment, whether a partition's window
// state may come from a local checkpoint (docs/scale-out.md, "Local checkpoints").

#include <cstdint>
#include <optional>
#include <string>

#include "engine/state/LocalCheckpoints.h"

typedef struct rd_kafka_topic_partition_s rd_kafka_topic_partition_t;
typedef struct rd_kafka_topic_partition_list_s rd_kafka_topic_partition_list_t;

namespace sc {

// Sets `p`'s commit metadata to `note` (nothing when empty).
void setCommitMetadata(rd_kafka_topic_partition_t* p, const std::string& note);

// The offset that kafka.source's checkpoint part `part` holds for (topic, partition); nullopt
// when it holds none or cannot be read. The part's format is KafkaSourceNode::snapshotState's.
std::optional<int64_t> kafkaSourceOffsetIn(const std::string& part, const std::string& topic,
                                           int32_t partition);

// For every partition of `committed` (the group's commits, offsets and metadata as
// rd_kafka_committed returns them): restore from a local checkpoint only when the commit names
// checkpoint N of this runner's folder and the source `sourceNodeId`'s offset in N equals the
// committed offset; else from the changelog. Records each decision in `local`.
void decideLocalRestore(state::LocalCheckpoints& local, const std::string& sourceNodeId,
                        const rd_kafka_topic_partition_list_t* committed);

}  // namespace sc
