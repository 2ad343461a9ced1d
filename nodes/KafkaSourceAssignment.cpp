// kafka.source (nodes/KafkaSourceNode.h): which partitions it reads and from where. Start
// offsets (checkpoint, group, `start`), the bounded assignment without a group, the group's
// rebalances (assign, revoke with its commit, a rebalance inside a batch read) and, in
// scale-out, pausing newly assigned partitions while a transaction is open on their changelogs.
#include <librdkafka/rdkafka.h>

#include <chrono>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/runtime/Context.h"
#include "nodes/KafkaSourceLocalRestore.h"
#include "nodes/KafkaSourceNode.h"

namespace sc::kafkasource {

// Bounded runs read every partition themselves: find the partitions and their end offsets,
// then assign. Retried on each poll until the cluster answers.
bool KafkaSourceNode::assignBounded() {
  const rd_kafka_metadata_t* md = nullptr;
  if (rd_kafka_metadata(rk_, 1, nullptr, &md, kMetadataTimeoutMs) != RD_KAFKA_RESP_ERR_NO_ERROR)
    return false;
  PartitionList ends;
  std::vector<std::string> found;
  for (int t = 0; t < md->topic_cnt; ++t) {
    std::string name = md->topics[t].topic;
    if (md->topics[t].err || !matches(name)) continue;
    found.push_back(name);
    for (int p = 0; p < md->topics[t].partition_cnt; ++p)
      ends.add(name, md->topics[t].partitions[p].id, RD_KAFKA_OFFSET_END);
  }
  rd_kafka_metadata_destroy(md);
  for (const auto& t : topics_)
    if (std::find(found.begin(), found.end(), t) == found.end())
      throw NodeFailure(label_ + ": topic '" + t + "' does not exist on " +
                        connection_.bootstrapServers);
  if (ends.get()->cnt == 0) {
    assigned_ = true;  // a pattern that matches nothing: nothing to read
    ctx_->metrics().ready.set(1);
    return true;
  }
  // -1 asks ListOffsets for the latest offset of every partition in one request.
  if (rd_kafka_offsets_for_times(rk_, ends.get(), 1000) != RD_KAFKA_RESP_ERR_NO_ERROR) return false;
  PartitionList starts;
  if (!startOffsets(ends.get(), starts)) return false;
  for (int i = 0; i < ends.get()->cnt; ++i) {
    const auto& e = ends.get()->elems[i];
    PartitionState p;
    p.topic = topicName(e.topic);
    p.partition = e.partition;
    p.end = e.offset;
    const std::optional<int64_t> restored = offsets_.restored(p.topic, p.partition);
    int64_t from = RD_KAFKA_OFFSET_INVALID;
    for (int k = 0; k < starts.get()->cnt; ++k)
      if (starts.get()->elems[k].partition == e.partition &&
          std::strcmp(starts.get()->elems[k].topic, e.topic) == 0)
        from = starts.get()->elems[k].offset;
    // Latest without a committed offset, or a committed offset at the end: nothing to read.
    p.done = from == RD_KAFKA_OFFSET_END || (from >= 0 && from >= e.offset) || e.offset <= 0;
    p.from = from;
    if (restored) {
      // The position is known before the first message arrives: a checkpoint taken before
      // then must still hold it.
      p.next = *restored;
      p.done = p.done || p.next >= e.offset;
    }
    p.lag = lagGauge(p.topic, p.partition);
    p.lagMs = lagMsGauge(p.topic, p.partition);
    partitions_.push_back(p);
    offsets_.assign(p.topic, p.partition);
    watermarks_.addPartition(p.topic, p.partition, nowMs());
  }
  if (rd_kafka_resp_err_t e = rd_kafka_assign(rk_, starts.get()))
    throw NodeFailure(label_ + ": cannot assign partitions: " + rd_kafka_err2str(e));
  assigned_ = true;
  assignedGauge_->set(static_cast<int64_t>(partitions_.size()));
  ctx_->metrics().ready.set(1);
  return true;
}

// Start offsets for partitions read for the first time in this run: the checkpoint's offset
// when the run was restored, else the group's committed offset, and only for a partition that
// has neither does `start` decide (as Kafka's auto.offset.reset), so a restart or a partition
// moving within the group never skips or repeats records, whatever `start` says.
bool KafkaSourceNode::startOffsets(const rd_kafka_topic_partition_list_t* partitions,
                                   PartitionList& out) {
  PartitionList byTime, committed;
  for (int i = 0; i < partitions->cnt; ++i) {
    const auto& e = partitions->elems[i];
    if (!offsets_.restored(e.topic, e.partition))
      committed.add(e.topic, e.partition, RD_KAFKA_OFFSET_INVALID);
  }
  if (committed.get()->cnt > 0 &&
      rd_kafka_committed(rk_, committed.get(), kCommittedTimeoutMs) != RD_KAFKA_RESP_ERR_NO_ERROR)
    return false;
  if (local_) decideLocalRestore(*local_, ctx_->nodeId(), committed.get());
  for (int i = 0; i < partitions->cnt; ++i) {
    const auto& e = partitions->elems[i];
    if (const auto restored = offsets_.restored(e.topic, e.partition)) {
      out.add(e.topic, e.partition, *restored);
      continue;
    }
    int64_t stored = RD_KAFKA_OFFSET_INVALID;
    for (int k = 0; k < committed.get()->cnt; ++k)
      if (committed.get()->elems[k].partition == e.partition &&
          std::strcmp(committed.get()->elems[k].topic, e.topic) == 0)
        stored = committed.get()->elems[k].offset;
    if (stored >= 0) {
      out.add(e.topic, e.partition, stored);
      continue;
    }
    // Concrete offsets, all in one ListOffsets request (-2: earliest, -1: latest): a logical
    // offset (BEGINNING, END) sends each partition through librdkafka's own offset query,
    // which waits half a second when the partition has not joined its broker thread yet.
    int64_t query = -2;  // earliest, and committed without an offset
    if (start_.kind == StartPosition::Kind::Latest) query = -1;
    if (start_.kind == StartPosition::Kind::Timestamp) query = start_.timestampMs;
    byTime.add(e.topic, e.partition, query);
  }
  if (byTime.get()->cnt == 0) return true;
  if (rd_kafka_offsets_for_times(rk_, byTime.get(), 5000) != RD_KAFKA_RESP_ERR_NO_ERROR)
    return false;
  for (int i = 0; i < byTime.get()->cnt; ++i) {
    const auto& e = byTime.get()->elems[i];
    out.add(e.topic, e.partition,
            e.offset < 0 ? RD_KAFKA_OFFSET_END : e.offset);  // none that late
  }
  return true;
}

void KafkaSourceNode::onRebalance(int err, rd_kafka_topic_partition_list_t* parts) {
  // Runs inside librdkafka's poll: exceptions must not cross the C frames.
  ++rebalances_;
  try {
    // Not strcmp on rd_kafka_rebalance_protocol() itself: it can be NULL while the consumer
    // closes, which crashed runners at the end of a scale-out run (cooperativeRebalance).
    const bool cooperative = cooperativeRebalance(rk_, cooperative_);
    if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
      assign(parts, cooperative);
      ctx_->metrics().ready.set(1);  // the group gave this member its share (maybe none)
    } else {
      if (scaleOut_)
        ctx_->log().info("kafka", label_ + ": " + std::to_string(parts->cnt) + " partition(s) " +
                                      (err == RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS
                                           ? "revoked"
                                           : std::string("lost: ") +
                                                 rd_kafka_err2str(rd_kafka_resp_err_t(err))));
      if (!cooperative) ctx_->metrics().ready.set(0);  // until the group assigns again
      revoke(parts);
      if (cooperative)
        rd_kafka_incremental_unassign(rk_, parts);
      else
        rd_kafka_assign(rk_, nullptr);
    }
    assignedGauge_->set(static_cast<int64_t>(partitions_.size()));
  } catch (const std::exception& e) {
    if (pendingError_.empty()) pendingError_ = e.what();
  } catch (...) {
    // The run failed while taking a checkpoint (recorded where it happened); poll ends it.
    if (pendingError_.empty()) pendingError_ = label_ + ": the run failed during a rebalance";
  }
}

void KafkaSourceNode::assign(rd_kafka_topic_partition_list_t* parts, bool cooperative) {
  PartitionList fresh, positioned;
  for (int i = 0; i < parts->cnt; ++i) {
    const auto& e = parts->elems[i];
    std::string_view topic = topicName(e.topic);
    // A partition that comes back in this run resumes from the group's committed offset.
    // Scale-out looks that offset up itself (startOffsets): a batch read that a rebalance
    // interrupted seeks back to the concrete start (pollScaleOut).
    if (!scaleOut_ && seen_.count({std::string(topic), e.partition}))
      positioned.add(topic, e.partition, RD_KAFKA_OFFSET_STORED);
    else
      fresh.add(topic, e.partition, 0);
  }
  // Scale-out: offsets a runner that died committed in a transaction are unstable until the
  // broker aborts it (transaction.timeout.ms): keep asking, a while.
  const auto giveUp = std::chrono::steady_clock::now() +
                      std::chrono::milliseconds(scaleOut_ ? kScaleOutStartTimeoutMs : 0);
  auto found = std::make_unique<PartitionList>();
  while (!startOffsets(fresh.get(), *found)) {
    if (std::chrono::steady_clock::now() >= giveUp || ctx_->stopRequested())
      throw NodeFailure(label_ + ": cannot find the start offsets of the assigned partitions");
    found = std::make_unique<PartitionList>();
  }
  PartitionList& starts = *found;
  std::map<std::pair<std::string, int32_t>, int64_t> ends;
  const bool endsKnown = !repartitionReader_;  // learnRepartitionEnds
  if (bounded_ && scaleOut_ && endsKnown) ends = endOffsets(parts);
  for (int i = 0; i < positioned.get()->cnt; ++i)
    starts.add(positioned.get()->elems[i].topic, positioned.get()->elems[i].partition,
               RD_KAFKA_OFFSET_STORED);
  for (int i = 0; i < starts.get()->cnt; ++i) {
    const auto& e = starts.get()->elems[i];
    PartitionState p;
    p.topic = topicName(e.topic);
    p.partition = e.partition;
    p.lag = lagGauge(p.topic, p.partition);
    p.lagMs = lagMsGauge(p.topic, p.partition);
    p.from = e.offset;  // negative (logical) for a partition that comes back
    if (const auto restored = offsets_.restored(p.topic, p.partition))
      p.next = *restored;  // held by checkpoints until the first message arrives
    if (bounded_ && scaleOut_ && !endsKnown) {
      p.end = INT64_MAX;  // a repartition topic: learnRepartitionEnds
    } else if (bounded_ && scaleOut_) {
      p.end = ends[{std::string(p.topic), p.partition}];
      p.done =
          p.end <= 0 || e.offset == RD_KAFKA_OFFSET_END || (e.offset >= 0 && e.offset >= p.end);
    }
    if (scaleOutRegistry_)
      scaleOutRegistry_->setSource(std::string(p.topic), {connection_, settings_.name, groupId_});
    offsets_.assign(p.topic, p.partition);
    partitions_.push_back(p);
    seen_.insert({std::string(p.topic), p.partition});
    watermarks_.addPartition(p.topic, p.partition, nowMs());
  }
  rd_kafka_resp_err_t e = RD_KAFKA_RESP_ERR_NO_ERROR;
  if (cooperative) {
    if (rd_kafka_error_t* error = rd_kafka_incremental_assign(rk_, starts.get())) {
      std::string text = rd_kafka_error_string(error);
      rd_kafka_error_destroy(error);
      throw NodeFailure(label_ + ": cannot take the assigned partitions: " + text);
    }
  } else {
    e = rd_kafka_assign(rk_, starts.get());
  }
  if (e)
    throw NodeFailure(label_ + ": cannot take the assigned partitions: " + rd_kafka_err2str(e));
  ctx_->log().info("kafka", label_ + ": assigned " + std::to_string(parts->cnt) + " partition(s)" +
                                describeStarts(starts.get()));
  if (scaleOut_ && scaleOutRegistry_ && !scaleOutRegistry_->changelogs().empty()) {
    // Read nothing of a partition while a transaction is open on its changelog partitions
    // (see releaseStablePartitions). Only those are paused: librdkafka 2.0.x fetches a
    // resumed partition again only at its broker thread's next wake-up, up to a second later.
    // librdkafka keeps a partition's pause across assignments: one revoked while it waited
    // is resumed when it comes back stable.
    PartitionList busy, stale;
    const int64_t now = nowMs();
    for (int i = 0; i < starts.get()->cnt; ++i) {
      const auto& part = starts.get()->elems[i];
      const bool wasPaused =
          pausedWhenRevoked_.erase({std::string(part.topic), part.partition}) > 0;
      if (busyChangelog(part.partition).empty()) {
        if (wasPaused) stale.add(part.topic, part.partition, RD_KAFKA_OFFSET_INVALID);
        continue;
      }
      busy.add(part.topic, part.partition, RD_KAFKA_OFFSET_INVALID);
      waitingForChangelog_.push_back({std::string(part.topic), part.partition, now});
    }
    if (busy.get()->cnt > 0) rd_kafka_pause_partitions(rk_, busy.get());
    if (stale.get()->cnt > 0) rd_kafka_resume_partitions(rk_, stale.get());
    nextStableCheckMs_ = now + 100;
  }
}

// Scale-out: the changelog with a transaction open on partition `partition` (its last stable
// offset below its high watermark, or not known), or "" when none has one. A changelog that
// does not exist yet holds no state to wait for.
std::string KafkaSourceNode::busyChangelog(int32_t partition) {
  openChangelogProbe();
  for (const auto& changelog : scaleOutRegistry_->changelogs()) {
    int64_t low = 0, lso = -1, high = -1;
    rd_kafka_resp_err_t err = rd_kafka_query_watermark_offsets(rk_, changelog.c_str(), partition,
                                                               &low, &lso, kStableQueryTimeoutMs);
    if (err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART ||
        err == RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION || err == RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC)
      continue;
    if (!err)
      err = rd_kafka_query_watermark_offsets(changelogProbe_->handle(), changelog.c_str(),
                                             partition, &low, &high, kStableQueryTimeoutMs);
    if (err || lso < high) return changelog;
  }
  return {};
}

// Scale-out: a newly assigned partition stays paused until no transaction is open on its
// changelog partitions (their last stable offset reached their high watermark). A runner that
// died leaves its open transaction there until the broker aborts it (transaction.timeout.ms
// plus the abort cleanup interval, 10-20 s); a window restoring the partition's state at its
// first record would wait that long inside its own runner's open transaction, which the
// broker then aborts too (fencing the runner). Waiting here, before any record of the
// partition is read, holds no transaction open: the other partitions, checkpoints and commits
// go on (as Kafka Streams keeps a task in RESTORING). Checked every 100 ms.
void KafkaSourceNode::openChangelogProbe() {
  if (changelogProbe_) return;
  ClientOptions c;
  c.kind = ClientKind::Consumer;
  c.label = label_ + " changelog probe";
  c.overrides = {{"group.id", groupId_ + "-changelog-probe"},
                 {"enable.auto.commit", "false"},
                 {"isolation.level", "read_uncommitted"}};
  auto probe = KafkaClient::create(connection_, std::move(c));
  if (!probe.ok()) throw NodeFailure(probe.error);
  changelogProbe_ = std::move(probe.value);
}

void KafkaSourceNode::releaseStablePartitions(int64_t now) {
  if (now < nextStableCheckMs_) return;
  nextStableCheckMs_ = now + 100;
  PartitionList resume;
  for (auto it = waitingForChangelog_.begin(); it != waitingForChangelog_.end();) {
    const std::string busy = busyChangelog(it->partition);
    const bool stable = busy.empty();
    const int64_t waited = now - it->sinceMs;
    if (!stable && waited < kScaleOutStartTimeoutMs) {
      ++it;
      continue;
    }
    // After a minute it goes on anyway: the window's restore then names the open transaction.
    if (waited >= 1000)
      ctx_->log().info("kafka", label_ + ": " + it->topic + "[" + std::to_string(it->partition) +
                                    "] waited " + std::to_string(waited) +
                                    " ms for a transaction open on its changelog partition" +
                                    (busy.empty() ? std::string() : " ('" + busy + "')"));
    resume.add(it->topic, it->partition, RD_KAFKA_OFFSET_INVALID);
    it = waitingForChangelog_.erase(it);
  }
  if (resume.get()->cnt > 0) rd_kafka_resume_partitions(rk_, resume.get());
}

bool KafkaSourceNode::waitsForChangelog(std::string_view topic, int32_t partition) const {
  for (const auto& h : waitingForChangelog_)
    if (h.partition == partition && h.topic == topic) return true;
  return false;
}

// Scale-out: " (topic[p] from offset, ...)", for following partitions between runners in
// their logs. Logical offsets: "stored" (the group's), "end".
std::string KafkaSourceNode::describeStarts(const rd_kafka_topic_partition_list_t* starts) const {
  if (!scaleOut_ || starts->cnt == 0) return {};
  std::string text = " (";
  for (int i = 0; i < starts->cnt; ++i) {
    const auto& e = starts->elems[i];
    if (i) text += ", ";
    text += std::string(e.topic) + "[" + std::to_string(e.partition) + "] from ";
    text += e.offset == RD_KAFKA_OFFSET_STORED ? std::string("stored")
            : e.offset == RD_KAFKA_OFFSET_END  ? std::string("end")
                                               : std::to_string(e.offset);
  }
  return text + ")";
}

// Commits what every sink finished with for the revoked partitions, then forgets them:
// records of theirs still in flight will be read again by the new owner (at-least-once).
void KafkaSourceNode::revoke(rd_kafka_topic_partition_list_t* parts) {
  if (scaleOut_ && inPoll_) commitBeforeRevoke(parts);
  PartitionList commit;
  for (int i = 0; i < parts->cnt; ++i) {
    const auto& e = parts->elems[i];
    std::erase_if(waitingForChangelog_, [&](const ChangelogWait& h) {
      const bool match = h.partition == e.partition && h.topic == e.topic;
      if (match) pausedWhenRevoked_.insert({h.topic, h.partition});  // still paused
      return match;
    });
    PartitionState* p = find(std::string_view(e.topic), e.partition);
    if (!p) continue;
    if (const auto committed = offsets_.revoke(p->topic, p->partition))
      setCommitMetadata(commit.add(p->topic, p->partition, *committed), lastCommitNote_);
    watermarks_.removePartition(p->topic, p->partition);
    if (p->lag) p->lag->set(0);
    const size_t index = static_cast<size_t>(p - partitions_.data());
    partitions_.erase(partitions_.begin() + static_cast<std::ptrdiff_t>(index));
    last_ = partitions_.size();
  }
  // Scale-out with transactions: the offsets committed in them are the truth; a plain commit
  // of an older completed checkpoint here would move the group back.
  // With local checkpoints the commit repeats the metadata of the last one (which committed
  // every owned partition: CheckpointOffsets::complete with `again`).
  const bool transactional = scaleOut_ && ledger_ && ledger_->hasTransactionalCommitter();
  if (commit.get()->cnt > 0 && !transactional) rd_kafka_commit(rk_, commit.get(), 0);
}

// Scale-out: a batch read, as without scale-out, unless a rebalance callback ran inside the
// batch call: messages taken before the callback belong to the assignment it ended (their
// offsets were not in the checkpoint it committed), those after it to the new one, and the
// array does not tell which is which. Appending an old one would move the partition's
// position past records not read yet, or repeat them. So all of them are dropped, and each
// partition they came from that is still assigned is sought back to this runner's position
// in it (for one just assigned: its concrete start), which fetches the new ones again.
// A callback inside the first call comes before the message it returns.
size_t KafkaSourceNode::pollScaleOut(uint32_t capacity) {
  rd_kafka_message_t* first = rd_kafka_consumer_poll(rk_, 50);
  if (!first) return 0;
  messages_[0] = first;
  const uint64_t before = rebalances_;
  const ssize_t more =
      capacity > 1 ? rd_kafka_consume_batch_queue(queue_, 0, messages_.data() + 1, capacity - 1)
                   : 0;
  const size_t n = 1 + (more > 0 ? static_cast<size_t>(more) : 0);
  if (rebalances_ == before) return n;
  PartitionList seekTo;
  for (size_t i = 0; i < n; ++i) {
    const rd_kafka_message_t* m = messages_[i];
    if (!m->err && m->rkt) {
      if (const PartitionState* p = find(m)) {
        // No concrete position (a start at the end): from the oldest message dropped.
        const int64_t to = p->position() >= 0 ? p->position() : m->offset;
        rd_kafka_topic_partition_t* e = rd_kafka_topic_partition_list_find(
            seekTo.get(), rd_kafka_topic_name(m->rkt), m->partition);
        if (!e)
          seekTo.add(p->topic, p->partition, to);
        else if (to < e->offset)
          e->offset = to;
      }
    }
    rd_kafka_message_destroy(messages_[i]);
  }
  if (seekTo.get()->cnt > 0) {
    if (rd_kafka_error_t* error = rd_kafka_seek_partitions(rk_, seekTo.get(), 5000)) {
      std::string text = rd_kafka_error_string(error);
      rd_kafka_error_destroy(error);
      throw NodeFailure(label_ + ": cannot go back to the positions after a rebalance: " + text);
    }
    for (int i = 0; i < seekTo.get()->cnt; ++i)
      if (seekTo.get()->elems[i].err)
        throw NodeFailure(label_ + ": cannot go back to the position of " +
                          std::string(seekTo.get()->elems[i].topic) + "[" +
                          std::to_string(seekTo.get()->elems[i].partition) +
                          "] after a rebalance: " + rd_kafka_err2str(seekTo.get()->elems[i].err));
  }
  ctx_->log().info("kafka", label_ + ": a rebalance came in the middle of a read; " +
                                std::to_string(n) + " message(s) dropped, " +
                                std::to_string(seekTo.get()->cnt) +
                                " partition(s) read again from their position");
  return 0;
}

// Scale-out (inside poll, on the source's thread): what this runner did with the revoked
// partitions commits before they go: a checkpoint now, whose snapshot tells the windows to
// write and drop their state, and whose transaction (or offset commit) completes before the
// new owner starts reading (Kafka Streams commits in onPartitionsRevoked the same way).
void KafkaSourceNode::commitBeforeRevoke(rd_kafka_topic_partition_list_t* parts) {
  bool owned = false;
  for (int i = 0; i < parts->cnt; ++i)
    if (find(std::string_view(parts->elems[i].topic), parts->elems[i].partition)) {
      revoked_.emplace_back(parts->elems[i].topic, parts->elems[i].partition);
      owned = true;
    }
  if (!owned) return;
  const uint64_t id = ctx_->checkpointNow();
  if (id == 0) return;  // the run is stopping: its savepoint commits instead
  if (!ctx_->waitForCheckpoint(id)) {
    ctx_->log().warn("kafka", label_ + ": checkpoint " + std::to_string(id) +
                                  " before giving up partitions did not complete; the new owner "
                                  "repeats what it does not cover");
    return;
  }
  if (ledger_ && ledger_->hasTransactionalCommitter()) {
    if (!ledger_->waitCommitted(id, std::chrono::milliseconds(kRevokeCommitTimeoutMs),
                                [this] { return ctx_->stopRequested(); }))
      ctx_->log().warn("kafka", label_ + ": the transaction of checkpoint " + std::to_string(id) +
                                    " did not commit before the partitions went");
  } else {
    notifyCheckpointComplete(id);
  }
  std::string positions;
  for (const auto& p : partitions_)
    positions += (positions.empty() ? " (" : ", ") + std::string(p.topic) + "[" +
                 std::to_string(p.partition) + "] at " + std::to_string(p.position());
  if (!positions.empty()) positions += ")";
  ctx_->log().info("kafka", label_ + ": committed checkpoint " + std::to_string(id) +
                                " before giving up " + std::to_string(parts->cnt) +
                                " partition(s)" + positions);
}

}  // namespace sc::kafkasource
