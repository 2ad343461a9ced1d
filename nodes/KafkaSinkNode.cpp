// kafka.sink: writes each record as a JSON message to one topic. Before a checkpoint barrier
// passes, every message produced so far is acknowledged by the cluster, so the sources never
// commit offsets of records that could still be lost.
//
// Under delivery: exactly_once it writes inside Kafka transactions, through one transactional
// producer per run and connection that every such sink of the run shares
// (engine/kafka/TransactionalProducer.h), so their records commit together. The transaction
// holding the records before barrier N is committed only after checkpoint N is durable; records
// after the barrier wait for that commit. With the commit goes a marker, the offset N committed
// for the group "<transactional.id>" (send_offsets_to_transaction, atomic with the records), so
// a restore can tell whether the transaction of its checkpoint committed: if not (a crash
// between the checkpoint and the commit, init_transactions aborted it), the run restores from
// the checkpoint before instead.
#include <librdkafka/rdkafka.h>

#include <atomic>
#include <charconv>
#include <chrono>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "engine/expr/Expression.h"
#include "engine/graph/Diagnostics.h"
#include "engine/graph/NodeConfig.h"
#include "engine/kafka/KafkaClient.h"
#include "engine/kafka/KafkaConnection.h"
#include "engine/kafka/OffsetLedger.h"
#include "engine/kafka/TransactionalProducer.h"
#include "engine/runtime/Context.h"
#include "engine/runtime/Node.h"
#include "engine/state/StateCodec.h"
#include "nodes/NodeTypes.h"
#include "nodes/RecordJson.h"

namespace sc {
namespace {

using namespace sc::kafka;
using Clock = std::chrono::steady_clock;

constexpr int kStopFlushLimitMs = 10000;  // how long a stopping run waits for acknowledgements

// The bytes a key or header value is written as: strings as they are, numbers and booleans as
// text, objects and arrays as JSON; null and missing mean "none".
bool valueBytes(const Value& v, std::string& scratch, std::string_view& out) {
  switch (v.kind) {
    case Kind::Missing:
    case Kind::Null:
      return false;
    case Kind::String:
    case Kind::Json:
      out = v.str();
      return true;
    default:
      scratch.clear();
      appendJsonValue(scratch, v);
      out = scratch;
      return true;
  }
}

class KafkaSinkNode final : public Node {
 public:
  void configure(const NodeConfig& cfg, PlanContext& plan) override {
    label_ = "kafka.sink '" + cfg.id() + "'";
    topic_ = cfg.getString("topic");
    auto settings = ConnectionSettings::fromPipeline(plan.pipeline(), cfg.getString("connection"));
    if (!settings.ok()) throw NodeFailure(settings.error);
    expr::CompileError err;
    if (std::string key = cfg.getString("key"); !key.empty()) {
      key_ = expr::Expression::compile(key, plan.slotTable(), expr::Type::Any, &err);
      if (!key_)
        throw NodeFailure("key does not compile at column " + std::to_string(err.column) + ": " +
                          err.message);
    }
    for (const auto& [name, text] : cfg.getStringMap("headers")) {
      auto e = expr::Expression::compile(text, plan.slotTable(), expr::Type::Any, &err);
      if (!e)
        throw NodeFailure("header '" + name + "' does not compile at column " +
                          std::to_string(err.column) + ": " + err.message);
      headers_.emplace_back(name, std::move(e));
      headerScratch_.push_back(std::make_unique<expr::EvalScratch>());
    }
    headerColumns_.resize(headers_.size());
    // Node settings win over the connection's properties only where the file sets them.
    auto put = [&](const char* property, const char* key, std::string value) {
      (cfg.has(property) ? overrides_ : defaults_).emplace_back(key, std::move(value));
    };
    put("acks", "acks", cfg.getString("acks"));
    put("compression", "compression.type", cfg.getString("compression"));
    put("linger", "linger.ms", std::to_string(cfg.getDurationMs("linger")));
    put("idempotence", "enable.idempotence", cfg.getBool("idempotence") ? "true" : "false");
    const Json run = plan.pipeline().value("settings", Json::object());
    exactlyOnce_ = run.value("delivery", std::string()) == "exactly_once";
    if (exactlyOnce_) {
      if (cfg.getString("acks") != "all" || !cfg.getBool("idempotence"))
        throw NodeFailure("delivery exactly_once needs acks all and idempotence on");
      transactionalId_ = TransactionalProducer::transactionalId(
          plan.pipelineName(), settings.value.name, run.value("instance", std::string("0")));
    }
    settings_ = std::move(settings.value);
  }

  // Starts the embedded cluster (if the connection asks for one) and creates its topic.
  void acquire(PlanContext& plan) override {
    auto resolved = resolveConnection(settings_, plan.resources());
    if (!resolved.ok()) throw NodeFailure(resolved.error);
    connection_ = std::move(resolved.value);
    if (auto made = connection_.ensureTopic(topic_); !made.ok()) throw NodeFailure(made.error);
    if (!exactlyOnce_) return;
    std::shared_ptr<OffsetLedger> ledger;
    if (!connection_.cluster) {
      // The sources on this cluster commit their offsets inside the sinks' transactions.
      ledger = plan.resources().getOrCreate<OffsetLedger>(
          OffsetLedger::key(connection_.bootstrapServers),
          [] { return std::make_shared<OffsetLedger>(); });
      ledger->setTransactionalCommitter();
    }
    txn_ = plan.resources().getOrCreate<TransactionalProducer>(
        TransactionalProducer::key(settings_.name), [&] {
          return std::make_shared<TransactionalProducer>(connection_, transactionalId_, defaults_,
                                                         overrides_, ledger);
        });
    if (!txn_->sameProperties(defaults_, overrides_))
      throw NodeFailure(label_ +
                        " writes in the same Kafka transaction as the other kafka.sink "
                        "nodes of connection '" +
                        settings_.name +
                        "' (delivery exactly_once), so they share one producer: give them the "
                        "same acks, compression, linger and idempotence");
    hasLedger_ = ledger != nullptr;
  }

  void open(RunContext& ctx) override {
    ctx_ = &ctx;
    writer_ = std::make_unique<JsonRecordWriter>(ctx.slotTable());
    NodeMetrics& m = ctx.metrics();
    produceRate_ = &m.gauge("produce_rate");
    inFlight_ = &m.gauge("in_flight");
    deliveryErrors_ = &m.gauge("delivery_errors");
    deliveredGauge_ = &m.gauge("delivered");
    connectedGauge_ = &m.gauge("connected");

    if (txn_) {
      member_ = std::make_shared<TransactionalProducer::Member>();
      member_->label = label_;
      member_->topic = topic_;
      member_->delivery = [this](const rd_kafka_message_t* msg) { onDelivery(msg); };
      try {
        rk_ = txn_->attach(member_);
      } catch (const std::runtime_error& e) {
        throw NodeFailure(e.what());
      }
    } else {
      ClientOptions o;
      o.kind = ClientKind::Producer;
      o.label = label_;
      o.defaults = defaults_;
      o.overrides = overrides_;
      o.delivery = [this](const rd_kafka_message_t* msg) { onDelivery(msg); };
      auto producer = KafkaClient::create(connection_, std::move(o));
      if (!producer.ok()) throw NodeFailure(producer.error);
      producer_ = std::move(producer.value);
      rk_ = producer_->handle();
    }
    rkt_ = rd_kafka_topic_new(rk_, topic_.c_str(), nullptr);
    if (!rkt_)
      throw NodeFailure(label_ + ": cannot open topic '" + topic_ +
                        "': " + rd_kafka_err2str(rd_kafka_last_error()));
    lastMetrics_ = Clock::now();
    ctx.log().info(
        "kafka",
        label_ + ": writing to topic '" + topic_ + "' on " + connection_.bootstrapServers +
            (exactlyOnce_ ? " in transactions ('" + transactionalId_ + "')" : std::string()));
  }

  void process(int, Batch* batch, Emitter& out) override {
    // Records after barrier N must not join N's transaction: commit it first.
    if (awaiting_) commitAfter(awaiting_, true);
    const uint32_t n = batch->size();
    const Value* keys = key_ ? key_->evaluate(*batch, keyScratch_) : nullptr;
    for (size_t h = 0; h < headers_.size(); ++h)
      headerColumns_[h] = headers_[h].second->evaluate(*batch, *headerScratch_[h]);
    uint64_t bytes = 0;
    for (uint32_t r = 0; r < n; ++r) {
      payload_.clear();
      writer_->append(*batch, r, payload_);
      std::string_view key;
      bool hasKey;
      if (keys) {
        hasKey = valueBytes(keys[r], keyText_, key);
      } else {
        hasKey = batch->meta(r).hasKey;  // no key expression: keep the record's own key
        key = batch->meta(r).key;
      }
      produce(r, hasKey ? &key : nullptr);
      bytes += payload_.size();
    }
    out.release(batch);
    produced_ += n;
    dirty_ = dirty_ || n > 0;
    ctx_->metrics().bytesOut.add(bytes);
    rd_kafka_poll(rk_, 0);
    checkFailure();
    maybeUpdateMetrics();
  }

  int64_t tickIntervalMs() const override { return 500; }

  void onTick(int64_t, Emitter&) override {
    rd_kafka_poll(rk_, 0);
    checkFailure();
    maybeUpdateMetrics();
  }

  void onBarrier(uint64_t id, Emitter&) override {
    flushAll("before a checkpoint");
    barrierDirty_ = dirty_;
    // Records after the barrier must not join the transaction of checkpoint `id`, which another
    // sink of the shared transaction may commit: wait for it even with nothing to commit here.
    if (exactlyOnce_) awaiting_ = id;
  }

  void finish(Emitter&) override {
    flushAll("at the end of input");
    barrierDirty_ = dirty_;
    // The run's last checkpoint follows; notifyCheckpointComplete commits then.
    if (exactlyOnce_ && (dirty_ || hasLedger_)) awaiting_ = UINT64_MAX;
  }

  bool hasState() const override { return exactlyOnce_; }

  void snapshotState(uint64_t id, state::StateWriter& w) override {
    w.str(transactionalId_);
    w.boolean(barrierDirty_);  // this checkpoint's transaction holds records
    w.u64(id);
  }

  void restoreState(state::StateReader& r) override {
    const std::string txid = r.str();
    const bool dirty = r.boolean();
    uint64_t id = r.u64();
    r.expectEnd();
    if (id == 0) id = ctx_->restoreId();  // the part taken at the end of input
    if (!exactlyOnce_ || !dirty || connection_.cluster) return;
    if (txid != transactionalId_)
      throw NodeFailure(label_ + ": the checkpoint's transactions used the id '" + txid +
                        "', this run uses '" + transactionalId_ + "'");
    int64_t marker;
    try {
      marker = txn_->committedMarker(topic_, label_);
    } catch (const std::runtime_error& e) {
      throw NodeFailure(e.what());
    }
    if (marker >= 0 && static_cast<uint64_t>(marker) >= id) return;
    throw state::CheckpointNotCommitted(
        id, label_ + ": the transaction of checkpoint " + std::to_string(id) +
                " was never committed (the last committed one is " +
                (marker < 0 ? std::string("none") : std::to_string(marker)) +
                "); its records were discarded, so the run restores an earlier checkpoint");
  }

  void notifyCheckpointComplete(uint64_t id) override {
    if (awaiting_ && (awaiting_ <= id || awaiting_ == UINT64_MAX)) commitAfter(id, false);
  }

  void close() override {
    if (rkt_) rd_kafka_topic_destroy(rkt_), rkt_ = nullptr;
    if (producer_) producer_->close(kStopFlushLimitMs), producer_.reset();
    // The last sink to leave aborts what no completed checkpoint covers: the next run produces
    // those records again.
    if (member_) txn_->detach(kStopFlushLimitMs), member_.reset();
    rk_ = nullptr;
  }

  ~KafkaSinkNode() override { close(); }

 private:
  void produce(uint32_t row, const std::string_view* key) {
    for (;;) {
      rd_kafka_resp_err_t e;
      if (headers_.empty()) {
        e = rd_kafka_produce(rkt_, RD_KAFKA_PARTITION_UA, RD_KAFKA_MSG_F_COPY, payload_.data(),
                             payload_.size(), key ? key->data() : nullptr, key ? key->size() : 0,
                             member_.get()) == 0
                ? RD_KAFKA_RESP_ERR_NO_ERROR
                : rd_kafka_last_error();
      } else {
        rd_kafka_headers_t* hdrs = rd_kafka_headers_new(headers_.size());
        for (size_t h = 0; h < headers_.size(); ++h) {
          std::string_view value;
          if (valueBytes(headerColumns_[h][row], headerText_, value))
            rd_kafka_header_add(hdrs, headers_[h].first.c_str(),
                                static_cast<ssize_t>(headers_[h].first.size()), value.data(),
                                static_cast<ssize_t>(value.size()));
        }
        const char* keyData = key ? key->data() : nullptr;
        const size_t keySize = key ? key->size() : 0;
        char* valueData = payload_.data();
        const size_t valueSize = payload_.size();
        e = rd_kafka_producev(rk_, RD_KAFKA_V_RKT(rkt_), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                              RD_KAFKA_V_VALUE(valueData, valueSize),
                              RD_KAFKA_V_KEY(keyData, keySize), RD_KAFKA_V_HEADERS(hdrs),
                              RD_KAFKA_V_OPAQUE(member_.get()), RD_KAFKA_V_END);
        if (e) rd_kafka_headers_destroy(hdrs);  // ownership passes only on success
      }
      if (!e) return;
      if (e != RD_KAFKA_RESP_ERR__QUEUE_FULL)
        throw NodeFailure(label_ + ": cannot produce to '" + topic_ + "': " + rd_kafka_err2str(e));
      // librdkafka's queue is full: serve delivery reports until there is room (back-pressure).
      rd_kafka_poll(rk_, 10);
      checkFailure();
    }
  }

  // Thread-safe: with a shared producer, another sink's thread may serve this sink's reports.
  void onDelivery(const rd_kafka_message_t* msg) {
    if (!msg->err) {
      delivered_.fetch_add(1, std::memory_order_relaxed);
      return;
    }
    failed_.fetch_add(1, std::memory_order_relaxed);
    std::lock_guard lock(failureMutex_);
    if (failure_.empty())
      failure_ = label_ + ": delivery to topic '" + topic_ + "' partition " +
                 std::to_string(msg->partition) +
                 " failed after retries: " + rd_kafka_err2str(msg->err);
  }

  void checkFailure() {
    if (failed_.load(std::memory_order_relaxed)) {
      std::string failure;
      {
        std::lock_guard lock(failureMutex_);
        failure = failure_;
      }
      maybeUpdateMetrics(true);
      throw NodeFailure(failure);
    }
    if (std::string fatal = producer_ ? producer_->fatalError() : txn_->fatalError();
        !fatal.empty())
      throw NodeFailure(label_ + ": " + fatal);
  }

  // Waits until every message produced so far is acknowledged (or failed).
  void flushAll(const char* when) {
    auto started = Clock::now();
    while (rd_kafka_outq_len(rk_) > 0) {
      rd_kafka_flush(rk_, 100);
      checkFailure();
      maybeUpdateMetrics();
      if (ctx_->stopRequested() &&
          Clock::now() - started > std::chrono::milliseconds(kStopFlushLimitMs))
        throw NodeFailure(label_ + ": " + std::to_string(rd_kafka_outq_len(rk_)) +
                          " messages to '" + topic_ + "' were not acknowledged " + when +
                          " while stopping; their source offsets stay uncommitted, so the next run "
                          "reads them again");
    }
    rd_kafka_poll(rk_, 0);
    checkFailure();
  }

  // Commits the shared transaction once checkpoint `id` is durable (waiting for it when `wait`),
  // unless another sink already did. A checkpoint that failed leaves the transaction open: the
  // next one commits it.
  void commitAfter(uint64_t id, bool wait) {
    const bool final = awaiting_ == UINT64_MAX;
    const uint64_t covered = final ? id : awaiting_;
    if (wait && !ctx_->waitForCheckpoint(covered)) {
      awaiting_ = 0;
      return;
    }
    awaiting_ = 0;
    try {
      txn_->commitThrough(covered, final, label_);
    } catch (const std::runtime_error& e) {
      throw NodeFailure(e.what());
    }
    dirty_ = false;  // this sink's records so far are committed
  }

  void maybeUpdateMetrics(bool force = false) {
    auto now = Clock::now();
    auto elapsed =
        std::chrono::duration_cast<std::chrono::milliseconds>(now - lastMetrics_).count();
    if (!force && elapsed < 1000) return;
    produceRate_->set(static_cast<int64_t>(produced_ * 1000 /
                                           static_cast<uint64_t>(std::max<int64_t>(1, elapsed))));
    produced_ = 0;
    inFlight_->set(rk_ ? rd_kafka_outq_len(rk_) : 0);
    deliveryErrors_->set(static_cast<int64_t>(failed_.load(std::memory_order_relaxed)));
    deliveredGauge_->set(static_cast<int64_t>(delivered_.load(std::memory_order_relaxed)));
    const LinkState link = producer_ ? producer_->state()
                           : txn_    ? txn_->state()
                                     : LinkState::Connecting;
    connectedGauge_->set(link == LinkState::Up ? 1 : 0);
    lastMetrics_ = now;
  }

  // configuration
  std::string label_;
  std::string topic_;
  ConnectionSettings settings_;
  ResolvedConnection connection_;
  std::unique_ptr<expr::Expression> key_;
  std::vector<std::pair<std::string, std::unique_ptr<expr::Expression>>> headers_;
  Properties defaults_, overrides_;

  // run
  RunContext* ctx_ = nullptr;
  std::unique_ptr<KafkaClient> producer_;
  rd_kafka_t* rk_ = nullptr;
  rd_kafka_topic_t* rkt_ = nullptr;
  std::unique_ptr<JsonRecordWriter> writer_;
  expr::EvalScratch keyScratch_;
  std::vector<std::unique_ptr<expr::EvalScratch>> headerScratch_;
  std::vector<const Value*> headerColumns_;
  std::string payload_, keyText_, headerText_;
  std::mutex failureMutex_;
  std::string failure_;  // the first delivery failure
  std::atomic<uint64_t> delivered_{0}, failed_{0};
  uint64_t produced_ = 0;
  // exactly_once
  bool exactlyOnce_ = false;
  std::string transactionalId_;
  std::shared_ptr<TransactionalProducer> txn_;  // shared by the run's sinks of this connection
  std::shared_ptr<TransactionalProducer::Member> member_;
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
  Clock::time_point lastMetrics_;
};

}  // namespace

NodeSpec kafkaSinkSpec() {
  NodeSpec s;
  s.type = "kafka.sink";
  s.category = "Sinks";
  s.title = "Kafka Sink";
  s.summary =
      "Writes records as JSON messages to a Kafka topic; idempotent, acknowledged before offsets "
      "commit.";
  s.description =
      "Produces every record as one JSON message to `topic`. `key` (an expression; default: the "
      "record's own "
      "Kafka key) and `headers` (name -> expression) are evaluated per record. `acks`, "
      "`compression` and "
      "`linger` set the matching librdkafka properties when given; `idempotence` is on by default. "
      "A message "
      "that cannot be delivered after librdkafka's retries fails the run, naming the topic, "
      "partition and reason.";
  s.inputs = {{"in", "Records to write"}};

  PropertySpec connection =
      makeProperty("connection", PropKind::String, "Name of a Kafka entry under \"connections\"");
  connection.required = true;
  connection.placeholder = "local";
  connection.connectionType = "kafka";
  PropertySpec topic = makeProperty("topic", PropKind::String, "Topic to write to");
  topic.required = true;
  topic.placeholder = "alerts";
  PropertySpec key = makeProperty("key", PropKind::Expression,
                                  "Message key (default: the record's own key, if any)");
  key.placeholder = "device";
  PropertySpec headers =
      makeProperty("headers", PropKind::Map, "Message headers: name -> expression");
  headers.item = PropKind::Expression;
  PropertySpec format = makeProperty("format", PropKind::Enum, "Message format", "json");
  format.choices = {"json"};
  PropertySpec acks =
      makeProperty("acks", PropKind::Enum,
                   "Acknowledgements to wait for (all is required by idempotence)", "all");
  acks.choices = {"all", "1", "0"};
  PropertySpec compression =
      makeProperty("compression", PropKind::Enum, "Compression codec", "none");
  compression.choices = {"none", "gzip", "snappy", "lz4", "zstd"};
  PropertySpec linger =
      makeProperty("linger", PropKind::Duration, "How long to wait to fill batches", "5ms");
  PropertySpec idempotence =
      makeProperty("idempotence", PropKind::Boolean,
                   "Exactly one copy per message in the topic despite retries", true);
  s.properties = {connection, topic, key, headers, format, acks, compression, linger, idempotence};
  s.exactlyOnce = true;

  s.validate = [](const NodeConfig& cfg, Diagnostics& diags) {
    std::string acksText = cfg.getString("acks");
    if (cfg.getBool("idempotence") && acksText != "all" && acksText.find("${") == std::string::npos)
      diags
          .error(cfg.pointer("acks"), "acks " + acksText + " does not go with idempotence",
                 "set acks to all, or idempotence to false")
          .property = "acks";
  };
  s.create = [] { return std::make_unique<KafkaSinkNode>(); };
  return s;
}

}  // namespace sc
