// kafka.source (nodes/KafkaSourceNode.h) in scale-out: local checkpoints, the partition events
// the windows get with each checkpoint, a bounded group's end offsets and its end
// (checkpointAtTheEnd, groupFinished), and the reader of a repartition hop (its ends, its
// markers).
#include <librdkafka/rdkafka.h>

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "engine/runtime/Context.h"
#include "nodes/KafkaSourceNode.h"
#include "nodes/window/RepartitionMarkers.h"

namespace sc::kafkasource {

// Scale-out: this runner's local checkpoints (state::LocalCheckpoints), when it keeps them.
// Commits then name their checkpoint, and assignments decide per partition whether a window
// may restore its state from one (KafkaSourceLocalRestore.h).
void KafkaSourceNode::useLocalCheckpoints(RunContext& ctx) {
  local_ = std::static_pointer_cast<state::LocalCheckpoints>(
      ctx.resources().find(state::LocalCheckpoints::kKey));
  if (local_ && local_->token().empty()) local_.reset();
  if (!local_ || !ledger_) return;
  ledger_->setCommitMetadata([local = local_](uint64_t id) { return local->commitMetadata(id); });
}

// Scale-out: tells the windows, with checkpoint `id`, which partitions went to another runner
// and which a bounded read finished (see ScaleOutRegistry).
void KafkaSourceNode::reportScaleOutEvents(uint64_t id) {
  for (auto& [topic, partition] : revoked_)
    scaleOutRegistry_->addEvent({ScaleOutRegistry::EventKind::Revoked, topic, partition, id});
  revoked_.clear();
  if (!bounded_) return;
  for (auto& p : partitions_)
    if (p.done && !p.endReported && !waitsForChangelog(p.topic, p.partition)) {
      p.endReported = true;
      scaleOutRegistry_->addEvent(
          {ScaleOutRegistry::EventKind::Ended, std::string(p.topic), p.partition, id});
    }
}

// Bounded scale-out: the end offset (read_committed) of each partition, the first time it is
// assigned in this run; later assignments keep it.
std::map<std::pair<std::string, int32_t>, int64_t> KafkaSourceNode::endOffsets(
    const rd_kafka_topic_partition_list_t* parts) {
  PartitionList query;
  for (int i = 0; i < parts->cnt; ++i)
    if (!ends_.count({parts->elems[i].topic, parts->elems[i].partition}))
      query.add(parts->elems[i].topic, parts->elems[i].partition, -1);
  if (query.get()->cnt > 0) {
    const auto giveUp =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(kScaleOutStartTimeoutMs);
    auto answered = [&] {
      if (rd_kafka_offsets_for_times(rk_, query.get(), 5000) != RD_KAFKA_RESP_ERR_NO_ERROR)
        return false;
      for (int i = 0; i < query.get()->cnt; ++i)
        if (query.get()->elems[i].err || query.get()->elems[i].offset < 0) return false;
      return true;
    };
    while (!answered()) {
      for (int i = 0; i < query.get()->cnt; ++i)
        query.get()->elems[i].offset = -1, query.get()->elems[i].err = RD_KAFKA_RESP_ERR_NO_ERROR;
      if (std::chrono::steady_clock::now() >= giveUp || ctx_->stopRequested())
        throw NodeFailure(label_ + ": cannot find the end offsets of the assigned partitions");
    }
    for (int i = 0; i < query.get()->cnt; ++i) {
      const auto& e = query.get()->elems[i];
      ends_[{e.topic, e.partition}] = e.offset;
    }
  }
  return ends_;
}

// Bounded scale-out: once every partition of this runner is read to its end, a checkpoint now
// rather than at the next interval tells the windows (Ended), which fire what they hold, and
// commits the results with the end offsets, so the group, and a repartition hop's readers,
// learn of the end at once (with the default 10 s interval each stage waited up to 10 s).
void KafkaSourceNode::checkpointAtTheEnd(int64_t now) {
  if (partitions_.empty() || now < nextEndCheckpointMs_) return;
  bool unreported = false;
  for (const auto& p : partitions_) {
    if (!p.done) return;
    unreported = unreported || (!p.endReported && !waitsForChangelog(p.topic, p.partition));
  }
  if (!unreported) return;
  nextEndCheckpointMs_ = now + 500;  // until this checkpoint's barrier reported the ends
  if (const uint64_t id = ctx_->checkpointNow(); id != 0)
    ctx_->log().info("kafka", label_ +
                                  ": every partition of this runner is read to its end; "
                                  "checkpoint " +
                                  std::to_string(id) + " now");
}

// Bounded scale-out: this runner ends once its own partitions are done and the group has
// committed the end offset of every partition of its topics, so partitions of a runner that
// died are never left without a reader by runners that finished first. Since a partition's
// last results commit with its end offset (ScaleOutRegistry: Ended), a committed end means
// they are written. Asks the cluster at most every 250 ms.
bool KafkaSourceNode::groupFinished(int64_t now) {
  if (repartitionReader_ && !readerEndsKnown_) return false;
  for (const auto& p : partitions_)
    if (!p.done) return false;
  if (now - lastGroupCheckMs_ < 250) return false;
  lastGroupCheckMs_ = now;
  const rd_kafka_metadata_t* md = nullptr;
  if (rd_kafka_metadata(rk_, 1, nullptr, &md, kMetadataTimeoutMs) != RD_KAFKA_RESP_ERR_NO_ERROR)
    return false;
  PartitionList all;
  for (int t = 0; t < md->topic_cnt; ++t) {
    std::string name = md->topics[t].topic;
    if (md->topics[t].err || !matches(name)) continue;
    for (int p = 0; p < md->topics[t].partition_cnt; ++p)
      all.add(name, md->topics[t].partitions[p].id, RD_KAFKA_OFFSET_INVALID);
  }
  rd_kafka_metadata_destroy(md);
  if (all.get()->cnt == 0) return false;
  std::map<std::pair<std::string, int32_t>, int64_t> ends;
  if (repartitionReader_) {
    auto stable = stableEnds(all.get());
    if (!stable) return false;
    ends = std::move(*stable);
  } else {
    ends = endOffsets(all.get());
  }
  if (rd_kafka_committed(rk_, all.get(), 2000) != RD_KAFKA_RESP_ERR_NO_ERROR) return false;
  for (int i = 0; i < all.get()->cnt; ++i) {
    const auto& e = all.get()->elems[i];
    const int64_t end = ends.at({e.topic, e.partition});
    if (end > 0 && (e.err || e.offset < end)) return false;
  }
  ctx_->log().info("kafka", label_ + ": every partition of group '" + groupId_ +
                                "' is read to its end; this runner ends");
  return true;
}

// Bounded scale-out, the reader of a repartition topic: once every upstream source of the run
// has finished (the group committed the end of every upstream partition, and with it every
// record and "ended" marker of the hop), each partition's end is known as soon as no
// transaction is open on it (stableEnds); until then it reads on. Checked every 100 ms.
void KafkaSourceNode::learnRepartitionEnds(int64_t now) {
  if (now < nextEndCheckMs_ || !scaleOutRegistry_->upstreamFinished()) return;
  nextEndCheckMs_ = now + 100;
  if (!readerEndsKnown_)
    ctx_->log().info("kafka", label_ +
                                  ": the upstream finished; reading the repartition topic "
                                  "to its end");
  readerEndsKnown_ = true;
  PartitionList open;
  for (const auto& p : partitions_)
    if (p.end == INT64_MAX) open.add(p.topic, p.partition, -1);
  if (open.get()->cnt == 0) return;
  const auto ends = stableEnds(open.get());
  if (!ends) return;
  for (auto& p : partitions_) {
    if (p.end != INT64_MAX) continue;
    p.end = ends->at({std::string(p.topic), p.partition});
    p.done = p.end <= 0 || (p.position() >= 0 && p.position() >= p.end);
  }
}

// A repartition topic's ends: each partition's high watermark, once no transaction is open on
// it (its last stable offset reached the high watermark). An open transaction (a dead
// runner's, until the broker aborts it) holds the last stable offset back below records
// other runners committed after it. nullopt: some partition is not stable yet.
std::optional<std::map<std::pair<std::string, int32_t>, int64_t>> KafkaSourceNode::stableEnds(
    const rd_kafka_topic_partition_list_t* parts) {
  openChangelogProbe();
  std::map<std::pair<std::string, int32_t>, int64_t> ends;
  for (int i = 0; i < parts->cnt; ++i) {
    const auto& e = parts->elems[i];
    int64_t low = 0, lso = -1, high = -1;
    if (rd_kafka_query_watermark_offsets(rk_, e.topic, e.partition, &low, &lso,
                                         kStableQueryTimeoutMs) ||
        rd_kafka_query_watermark_offsets(changelogProbe_->handle(), e.topic, e.partition, &low,
                                         &high, kStableQueryTimeoutMs) ||
        lso < high)
      return std::nullopt;
    ends[{e.topic, e.partition}] = high;
  }
  return ends;
}

// The reader of a repartition topic: a watermark marker goes to the window (ScaleOutRegistry,
// applied at the next barrier, after the records read before it), not downstream as a record.
bool KafkaSourceNode::takeMarker(PartitionState& p, const rd_kafka_message_t* m) {
  rd_kafka_headers_t* headers = nullptr;
  const void* value = nullptr;
  size_t size = 0;
  if (rd_kafka_message_headers(m, &headers) != RD_KAFKA_RESP_ERR_NO_ERROR ||
      rd_kafka_header_get_last(headers, window::kRepartitionMarkerHeader, &value, &size) !=
          RD_KAFKA_RESP_ERR_NO_ERROR)
    return false;
  scaleOutRegistry_->addEvent(
      {ScaleOutRegistry::EventKind::Marker, std::string(p.topic), m->partition, lastCheckpoint_ + 1,
       std::string(static_cast<const char*>(m->payload), m->payload ? m->len : 0)});
  p.next = m->offset + 1;
  p.caughtUp = false;
  if (bounded_ && p.next >= p.end) p.done = true;
  return true;
}

}  // namespace sc::kafkasource
