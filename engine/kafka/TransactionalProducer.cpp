#include "engine/kafka/TransactionalProducer.h"

#include <librdkafka/rdkafka.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>

#include "engine/kafka/OffsetLedger.h"
#include "engine/runtime/FaultPoint.h"

namespace sc::kafka {
namespace {

// Owns a partition list for the length of a call.
struct PartitionList {
  explicit PartitionList(int size) : list(rd_kafka_topic_partition_list_new(size)) {}
  ~PartitionList() { rd_kafka_topic_partition_list_destroy(list); }
  PartitionList(const PartitionList&) = delete;
  PartitionList& operator=(const PartitionList&) = delete;
  rd_kafka_topic_partition_list_t* list;
};

rd_kafka_error_t* sendOffsets(rd_kafka_t* rk, rd_kafka_topic_partition_list_t* list,
                              const std::string& group, int timeoutMs,
                              rd_kafka_consumer_group_metadata_t* consumerMeta = nullptr) {
  // The consumer's own metadata (scale-out) lets the broker fence a runner the group has moved
  // on from; else the group's name alone.
  rd_kafka_consumer_group_metadata_t* meta =
      consumerMeta ? consumerMeta : rd_kafka_consumer_group_metadata_new(group.c_str());
  rd_kafka_error_t* e = rd_kafka_send_offsets_to_transaction(rk, list, meta, timeoutMs);
  rd_kafka_consumer_group_metadata_destroy(meta);
  return e;
}

}  // namespace

TransactionalProducer::TransactionalProducer(ResolvedConnection connection,
                                             std::string transactionalId, Properties defaults,
                                             Properties overrides,
                                             std::shared_ptr<OffsetLedger> ledger)
    : connection_(std::move(connection)),
      transactionalId_(std::move(transactionalId)),
      defaults_(std::move(defaults)),
      overrides_(std::move(overrides)),
      ledger_(std::move(ledger)) {}

TransactionalProducer::~TransactionalProducer() {
  if (client_) client_->close(0);
}

rd_kafka_t* TransactionalProducer::attach(const std::shared_ptr<Member>& member, int timeoutMs) {
  std::lock_guard lock(mutex_);
  members_.push_back(member);
  ++attached_;
  if (client_) return client_->handle();
  ClientOptions o;
  o.kind = ClientKind::Producer;
  o.label = member->label;
  o.defaults = defaults_;
  o.overrides = overrides_;
  o.overrides.emplace_back("transactional.id", transactionalId_);
  o.overrides.emplace_back("enable.idempotence", "true");
  o.overrides.emplace_back("acks", "all");
  o.delivery = [this](const rd_kafka_message_t* m) { onDelivery(m); };
  auto made = KafkaClient::create(connection_, std::move(o));
  if (!made.ok()) throw std::runtime_error(made.error);
  client_ = std::move(made.value);
  live_.store(client_.get());
  // Fences an earlier producer with this id and aborts its open transaction.
  check(rd_kafka_init_transactions(client_->handle(), timeoutMs), member->label, "initialise");
  beginLocked(member->label);
  return client_->handle();
}

void TransactionalProducer::detach(int flushLimitMs) {
  std::lock_guard lock(mutex_);
  if (--attached_ > 0 || !client_) return;
  if (inTransaction_) {
    // Records no completed checkpoint covers: the next run produces them again.
    rd_kafka_error_t* e = rd_kafka_abort_transaction(client_->handle(), flushLimitMs);
    if (e) rd_kafka_error_destroy(e);
    inTransaction_ = false;
  }
  live_.store(nullptr);
  client_->close(flushLimitMs);
  client_.reset();
}

void TransactionalProducer::commitThrough(uint64_t covered, bool final, const std::string& who,
                                          int timeoutMs) {
  std::lock_guard lock(mutex_);
  if (committedThrough_ >= covered || !client_) return;
  rd_kafka_t* rk = client_->handle();
  if (!connection_.cluster) {  // the mock cluster drops transactional offsets
    // The markers: offset `covered` of each member's topic, partition 0, in the group named
    // after the transactional id, atomic with the records.
    PartitionList markers(static_cast<int>(members_.size()));
    static const char kNote[] = "streamcanvas checkpoint";
    for (const auto& m : members_) {
      if (rd_kafka_topic_partition_list_find(markers.list, m->topic.c_str(), 0)) continue;
      rd_kafka_topic_partition_t* p =
          rd_kafka_topic_partition_list_add(markers.list, m->topic.c_str(), 0);
      p->offset = static_cast<int64_t>(covered);
      p->metadata = rd_kafka_mem_malloc(nullptr, sizeof kNote);
      std::memcpy(p->metadata, kNote, sizeof kNote);
      p->metadata_size = sizeof kNote - 1;
    }
    check(sendOffsets(rk, markers.list, transactionalId_, timeoutMs), who,
          "record the checkpoint marker in");
    if (ledger_) {
      // The sources' offsets join the transaction (Kafka Streams' way).
      std::map<std::string, uint64_t> ids;
      for (const auto& [group, offsets] :
           ledger_->upTo(final ? OffsetLedger::kFinal : covered, &ids)) {
        if (offsets.empty()) continue;
        // Names the checkpoint the positions are from (scale-out's local restore).
        const std::string note = ledger_->commitMetadata(ids[group]);
        PartitionList list(static_cast<int>(offsets.size()));
        for (const auto& [topic, partition, offset] : offsets) {
          rd_kafka_topic_partition_t* p =
              rd_kafka_topic_partition_list_add(list.list, topic.c_str(), partition);
          p->offset = offset;
          if (!note.empty()) {
            p->metadata = rd_kafka_mem_malloc(nullptr, note.size());
            std::memcpy(p->metadata, note.data(), note.size());
            p->metadata_size = note.size();
          }
        }
        check(sendOffsets(rk, list.list, group, timeoutMs, ledger_->groupMetadata(group)), who,
              "commit the offsets of group '" + group + "' in");
      }
    }
  }
  check(rd_kafka_commit_transaction(rk, timeoutMs), who, "commit");
  faultPoint("kafka.transaction.committed");
  inTransaction_ = false;
  committedThrough_ = covered;
  if (ledger_) ledger_->noteCommitted(covered);
  beginLocked(who);
}

int64_t TransactionalProducer::committedMarker(const std::string& topic, const std::string& who) {
  ClientOptions o;
  o.kind = ClientKind::Consumer;
  o.label = who + " marker";
  o.overrides = {{"group.id", transactionalId_}, {"enable.auto.commit", "false"}};
  auto consumer = KafkaClient::create(connection_, std::move(o));
  if (!consumer.ok()) throw std::runtime_error(consumer.error);
  PartitionList q(1);
  rd_kafka_topic_partition_list_add(q.list, topic.c_str(), 0);
  rd_kafka_resp_err_t e = rd_kafka_committed(consumer.value->handle(), q.list, 10000);
  const int64_t offset = q.list->elems[0].offset;
  consumer.value->close(0);
  if (e)
    throw std::runtime_error(who + ": cannot read the transaction marker of group '" +
                             transactionalId_ + "': " + rd_kafka_err2str(e));
  return offset;
}

std::string TransactionalProducer::fatalError() const {
  KafkaClient* c = live_.load();
  return c ? c->fatalError() : std::string();
}

LinkState TransactionalProducer::state() const {
  KafkaClient* c = live_.load();
  return c ? c->state() : LinkState::Connecting;
}

int TransactionalProducer::outstanding() const {
  KafkaClient* c = live_.load();
  return c ? rd_kafka_outq_len(c->handle()) : 0;
}

void TransactionalProducer::check(rd_kafka_error_t* error, const std::string& who,
                                  const std::string& what) {
  if (!error) return;
  std::string text = rd_kafka_error_string(error);
  const bool fatal = rd_kafka_error_is_fatal(error);
  rd_kafka_error_destroy(error);
  throw std::runtime_error(who + ": cannot " + what + " the transaction ('" + transactionalId_ +
                           "'): " + text + (fatal ? " (fatal)" : ""));
}

void TransactionalProducer::beginLocked(const std::string& who) {
  check(rd_kafka_begin_transaction(client_->handle()), who, "begin");
  inTransaction_ = true;
}

void TransactionalProducer::onDelivery(const rd_kafka_message_t* message) {
  if (auto* member = static_cast<Member*>(message->_private); member && member->delivery)
    member->delivery(message);
}

}  // namespace sc::kafka
