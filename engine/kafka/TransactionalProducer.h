#pragma once
// One Kafka transaction per run and connection, shared by every transactional kafka.sink that
// writes through that connection (delivery: exactly_once).
//
// Sinks with transactions of their own would commit one after the other when a checkpoint
// completes; a crash between two commits leaves one sink's records of that checkpoint committed
// and the other's aborted, and the restore (from the checkpoint before) repeats the first
// sink's records. With one producer and one transaction, the records of all sinks, the sources'
// offsets (send_offsets_to_transaction) and the checkpoint markers commit atomically.
//
// Threads: each sink calls from its own task thread; librdkafka's produce calls are thread-safe,
// and the transaction calls are serialised here. Delivery reports are routed to the member that
// produced the message (the message's opaque is its Member).

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "engine/kafka/KafkaClient.h"
#include "engine/kafka/KafkaConnection.h"

typedef struct rd_kafka_error_s rd_kafka_error_t;

namespace sc::kafka {

class OffsetLedger;

class TransactionalProducer {
 public:
  // A sink writing through the shared producer. Its delivery reports reach `delivery`, from
  // whichever member's thread serves them: it must be thread-safe.
  struct Member {
    std::string label;  // "kafka.sink 'out'"
    std::string topic;  // where the sink writes; its partition 0 carries the checkpoint marker
    std::function<void(const rd_kafka_message_t* message)> delivery;
  };

  // The resource key: one producer per run and connection.
  static std::string key(const std::string& connectionName) {
    return "kafka.transactional-producer:" + connectionName;
  }
  // Stable per pipeline, connection and runner instance, so a restarted run fences the
  // previous one and aborts its open transaction.
  static std::string transactionalId(const std::string& pipeline, const std::string& connection,
                                     const std::string& instance) {
    return "streamcanvas-" + pipeline + "-" + connection + "-" + instance;
  }

  // `defaults` and `overrides` go around the connection's properties (see ClientOptions).
  TransactionalProducer(ResolvedConnection connection, std::string transactionalId,
                        Properties defaults, Properties overrides,
                        std::shared_ptr<OffsetLedger> ledger);
  ~TransactionalProducer();
  TransactionalProducer(const TransactionalProducer&) = delete;
  TransactionalProducer& operator=(const TransactionalProducer&) = delete;

  const std::string& id() const { return transactionalId_; }
  // True when a sink configured with these properties can share this producer.
  bool sameProperties(const Properties& defaults, const Properties& overrides) const {
    return defaults == defaults_ && overrides == overrides_;
  }

  // Joins the transaction: the first member creates the producer, fences earlier producers
  // with this id (aborting their open transaction) and begins the first transaction. Messages
  // the member produces carry it as their opaque (RD_KAFKA_V_OPAQUE). Throws
  // std::runtime_error with a message naming `member->label`.
  // timeoutMs bounds the initialisation (a stopping run waits less).
  rd_kafka_t* attach(const std::shared_ptr<Member>& member, int timeoutMs);
  // Leaves it; the last member aborts a transaction no checkpoint covered and closes the
  // producer (a stopping run waits at most flushLimitMs for acknowledgements).
  void detach(int flushLimitMs);

  // Commits the open transaction as the one of checkpoint `covered`, unless a member already
  // did: the markers of every member, the sources' offsets up to `covered` (all of them when
  // `final`), then the commit, and a new transaction begins. Throws std::runtime_error.
  void commitThrough(uint64_t covered, bool final, const std::string& who, int timeoutMs);
  // The checkpoint id of the last committed transaction, as the marker of `topic` in the
  // group named after the transactional id records it (-1: none). Throws std::runtime_error.
  int64_t committedMarker(const std::string& topic, const std::string& who);

  std::string fatalError() const;
  LinkState state() const;
  // Every member's messages acknowledged or failed; serves delivery reports.
  int outstanding() const;

 private:
  void check(rd_kafka_error_t* error, const std::string& who, const std::string& what);
  void beginLocked(const std::string& who);
  void onDelivery(const rd_kafka_message_t* message);

  ResolvedConnection connection_;
  std::string transactionalId_;
  Properties defaults_, overrides_;
  std::shared_ptr<OffsetLedger> ledger_;

  mutable std::mutex mutex_;  // serialises attach/detach and the transaction calls
  std::unique_ptr<KafkaClient> client_;
  std::atomic<KafkaClient*> live_{nullptr};  // client_, for the readers that must not wait
  // Every member that ever attached: delivery reports may name one that has left.
  std::vector<std::shared_ptr<Member>> members_;
  int attached_ = 0;
  bool inTransaction_ = false;
  uint64_t committedThrough_ = 0;
};

}  // namespace sc::kafka
