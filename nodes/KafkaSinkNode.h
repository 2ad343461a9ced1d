#pragma once
// kafka.sink's node class, private to its implementation files (other code reaches the node
// type through kafkaSinkSpec, nodes/NodeTypes.h):
//   KafkaSinkNode.cpp          producing, delivery reports, on_error, transactions, metrics
//                              and the spec
//   KafkaSinkRepartition.cpp   the writer of a repartition hop: message keys, projected
//                              messages, watermark markers
#include <librdkafka/rdkafka.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/expr/Expression.h"
#include "engine/graph/RepartitionPlan.h"
#include "engine/kafka/KafkaClient.h"
#include "engine/kafka/KafkaConnection.h"
#include "engine/kafka/ScaleOutRegistry.h"
#include "engine/kafka/TransactionalProducer.h"
#include "engine/runtime/Context.h"
#include "engine/runtime/Node.h"
#include "engine/runtime/StopGrace.h"
#include "nodes/RecordJson.h"
#include "nodes/state/KeyEncoder.h"
#include "nodes/window/RepartitionMarkers.h"

namespace sc::kafkasink {

using namespace sc::kafka;
using Clock = std::chrono::steady_clock;

constexpr int kStopGraceMs = 5000;  // how long a stopping run still waits for the cluster
constexpr int kCloseFlushMs = 10000;
constexpr int kTransactionTimeoutMs = 30000;
constexpr uint64_t kRefusedSamples = 5;  // refused records logged one by one, then only counted

enum class OnError { Fail, Skip, DeadLetter };
enum class HeaderMode { Keep, Drop, Expressions };

class KafkaSinkNode final : public Node {
 public:
  void configure(const NodeConfig& cfg, PlanContext& plan) override;
  void acquire(PlanContext& plan) override;
  void open(RunContext& ctx) override;
  void process(int, Batch* batch, Emitter& out) override;

  int64_t tickIntervalMs() const override { return 500; }

  void onTick(int64_t, Emitter&) override;
  void onBarrier(uint64_t id, Emitter&) override;
  void finish(Emitter&) override;

  bool hasState() const override { return exactlyOnce_; }

  void snapshotState(uint64_t id, state::StateWriter& w) override;
  void restoreState(state::StateReader& r) override;
  void notifyCheckpointComplete(uint64_t id) override;
  void close() override;

  ~KafkaSinkNode() override { close(); }

 private:
  // A record the cluster (or librdkafka, on the spot) refused, kept for on_error.
  struct Refused {
    std::string error;
    std::string value, key;
    bool hasKey = false;
    int64_t timestamp = 0;
    std::vector<std::pair<std::string, std::string>> headers;
  };

  // ---- repartition hop (engine/graph/RepartitionPlan.h, docs/scale-out.md) ----
  // KafkaSinkRepartition.cpp: the writer of a hop
  void configureHop(const NodeConfig& cfg, PlanContext& plan);
  void encodeHopKeys(const Batch& batch);
  void appendProjected(const Batch& batch, uint32_t r, std::string& out);
  std::string_view hopKey(uint32_t r);
  void takeHopEvents(uint64_t id);
  void writeMarkers(uint64_t id);
  int32_t countOf(const std::string& topic);

  bool stopping() const { return ctx_ && ctx_->stopRequested(); }
  // How long a wait for the cluster may take: capMs, or what is left of the stop grace.
  int waitMs(int capMs) { return stopGrace_.remainingMs(stopping(), capMs); }

  bool produce(const Batch& batch, uint32_t row, const std::string_view* key);
  void fillMessage(const Batch* batch, uint32_t row, const std::string_view* key,
                   rd_kafka_topic_t* rkt, std::string_view payload, const Refused* deadLetter);
  rd_kafka_resp_err_t send();
  void refuse(Refused r);
  void serveReports(int timeoutMs);
  std::string undelivered(uint64_t notProduced);
  void onDelivery(const rd_kafka_message_t* msg);
  void checkFailure();
  void flushAll(const char* when);
  void commitAfter(uint64_t id, bool wait);
  void maybeUpdateMetrics(bool force = false);

  // configuration
  std::string label_;
  std::string topic_;
  ConnectionSettings settings_;
  ResolvedConnection connection_;
  std::unique_ptr<expr::Expression> key_;
  std::vector<std::pair<std::string, std::unique_ptr<expr::Expression>>> headers_;
  HeaderMode headerMode_ = HeaderMode::Keep;
  OnError onError_ = OnError::Fail;
  std::string deadLetterTopic_;
  Properties defaults_, overrides_;

  // run
  RunContext* ctx_ = nullptr;
  std::unique_ptr<KafkaClient> producer_;
  rd_kafka_t* rk_ = nullptr;
  rd_kafka_topic_t* rkt_ = nullptr;
  rd_kafka_topic_t* deadLetterRkt_ = nullptr;
  int64_t maxMessageBytes_ = 0;  // the producer's message.max.bytes
  StopGrace stopGrace_{kStopGraceMs};
  std::unique_ptr<JsonRecordWriter> writer_;
  expr::EvalScratch keyScratch_;
  std::vector<std::unique_ptr<expr::EvalScratch>> headerScratch_;
  std::vector<const Value*> headerColumns_;
  std::string payload_, keyText_, headerText_, valueText_;
  // the message being built (fillMessage): reused, so a record allocates nothing
  // The fields of the message being built: at most rkt, flags, value, key, timestamp, opaque
  // and headers. A fixed array: a vector's push_back cost more than the rest of fillMessage.
  std::array<rd_kafka_vu_t, 7> vus_{};
  size_t vuCount_ = 0;
  void addVu(const rd_kafka_vu_t& v) { vus_[vuCount_++] = v; }
  std::string headerNames_;                                        // NUL-terminated names
  std::vector<std::pair<size_t, std::string_view>> headerValues_;  // name offset, value
  std::vector<std::pair<size_t, size_t>> renderedHeaders_;         // value index, text offset
  rd_kafka_headers_t* pendingHeaders_ = nullptr;  // the message's headers until send()
  std::vector<Refused> refusedByCluster_;         // refused in delivery reports, for on_error
  std::mutex failureMutex_;
  std::string failure_;  // the first delivery failure
  std::atomic<uint64_t> delivered_{0}, failed_{0};
  uint64_t produced_ = 0, refused_ = 0;
  // repartition hop
  std::optional<RepartitionRole> hop_;  // set: this sink is the writer of a hop
  std::vector<std::unique_ptr<expr::Expression>> hopKeys_;
  std::vector<std::unique_ptr<expr::EvalScratch>> hopKeyScratch_;
  std::vector<const Value*> hopKeyColumns_;
  keyed::KeyEncoder hopEncoder_;
  std::string hopKeyText_;
  std::vector<uint32_t> hopSlots_;       // a projected hop's fields (RepartitionRole::fields)
  std::vector<std::string> hopMembers_;  // and their "name": texts
  int32_t hopPartitions_ = 0;
  window::MarkerTracker markers_;
  std::shared_ptr<ScaleOutRegistry> scaleOutRegistry_;
  size_t eventsRead_ = 0;
  std::vector<ScaleOutRegistry::Event> pendingEvents_;
  // exactly_once
  bool exactlyOnce_ = false;
  std::string transactionalId_;
  std::shared_ptr<TransactionalProducer> txn_;  // shared by the run's sinks of this connection
  // what the messages of this sink carry as their opaque (its records, its dead letters)
  std::shared_ptr<TransactionalProducer::Member> member_, deadLetterMember_;
  bool hasLedger_ = false;     // sources' offsets go in the transactions
  bool dirty_ = false;         // records not yet in a committed transaction
  bool barrierDirty_ = false;  // ... there were at the last barrier
  uint64_t awaiting_ = 0;      // barrier whose transaction waits for its checkpoint (0: none)

  // metrics
  Gauge* produceRate_ = nullptr;
  Gauge* inFlight_ = nullptr;
  Gauge* deliveryErrors_ = nullptr;
  Gauge* deliveredGauge_ = nullptr;
  Gauge* connectedGauge_ = nullptr;
  Gauge* refusedGauge_ = nullptr;
  Clock::time_point lastMetrics_;
};

}  // namespace sc::kafkasink
