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
//
// A record the cluster refuses (too large, invalid) follows on_error: fail the run, skip it
// (counted), or write it to dead_letter_topic with the reason in the "sc.error" header, through
// the same producer and so in the same transaction. Once the run is stopping, every wait for the
// cluster (back-pressure, flushes, transactions, close) shares one StopGrace, so a cluster that
// went away delays the stop by at most kStopGraceMs.
#include "nodes/KafkaSinkNode.h"

#include <librdkafka/rdkafka.h>

#include <array>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/expr/Expression.h"
#include "engine/graph/Diagnostics.h"
#include "engine/graph/NodeConfig.h"
#include "engine/graph/RepartitionPlan.h"
#include "engine/kafka/Changelog.h"
#include "engine/kafka/KafkaClient.h"
#include "engine/kafka/KafkaConnection.h"
#include "engine/kafka/OffsetLedger.h"
#include "engine/kafka/ScaleOutRegistry.h"
#include "engine/kafka/TransactionalProducer.h"
#include "engine/runtime/Context.h"
#include "engine/runtime/JsonString.h"
#include "engine/runtime/Node.h"
#include "engine/runtime/StopGrace.h"
#include "engine/state/StateCodec.h"
#include "nodes/NodeTypes.h"
#include "nodes/RecordJson.h"
#include "nodes/state/KeyEncoder.h"
#include "nodes/window/RepartitionMarkers.h"

namespace sc {
namespace kafkasink {
namespace {

// Errors that refuse this one record (the cluster is fine): on_error decides what happens. All
// others (the cluster unreachable, timeouts, authorisation, fatal producer errors) fail the run.
bool refusesRecord(rd_kafka_resp_err_t e) {
  switch (e) {
    case RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE:
    case RD_KAFKA_RESP_ERR_INVALID_MSG:
    case RD_KAFKA_RESP_ERR_INVALID_MSG_SIZE:
    case RD_KAFKA_RESP_ERR_INVALID_RECORD:
    case RD_KAFKA_RESP_ERR_INVALID_TIMESTAMP:
    case RD_KAFKA_RESP_ERR_RECORD_LIST_TOO_LARGE:
    case RD_KAFKA_RESP_ERR_POLICY_VIOLATION:
      return true;
    default:
      return false;
  }
}

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

}  // namespace

void KafkaSinkNode::configure(const NodeConfig& cfg, PlanContext& plan) {
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
  const Json& headers = cfg.value("headers");
  headerMode_ = headers.is_object()       ? HeaderMode::Expressions
                : headers == Json("drop") ? HeaderMode::Drop
                                          : HeaderMode::Keep;
  for (const auto& [name, text] : cfg.getStringMap("headers")) {
    auto e = expr::Expression::compile(text, plan.slotTable(), expr::Type::Any, &err);
    if (!e)
      throw NodeFailure("header '" + name + "' does not compile at column " +
                        std::to_string(err.column) + ": " + err.message);
    headers_.emplace_back(name, std::move(e));
    headerScratch_.push_back(std::make_unique<expr::EvalScratch>());
  }
  headerColumns_.resize(headers_.size());
  configureHop(cfg, plan);
  const std::string onError = cfg.getString("on_error");
  onError_ = onError == "skip"          ? OnError::Skip
             : onError == "dead_letter" ? OnError::DeadLetter
                                        : OnError::Fail;
  deadLetterTopic_ = cfg.getString("dead_letter_topic");
  if (onError_ == OnError::DeadLetter && deadLetterTopic_.empty())
    throw NodeFailure("on_error is dead_letter but dead_letter_topic is not set");
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
  // Scale-out: the open transaction of a runner that died aborts within seconds, so its
  // partitions' new owners are not held up long (the connection's properties may say otherwise).
  if (exactlyOnce_ && run.is_object() && run.value("scale_out", false) == true)
    defaults_.emplace_back("transaction.timeout.ms", "10000");
  if (exactlyOnce_) {
    if (cfg.getString("acks") != "all" || !cfg.getBool("idempotence"))
      throw NodeFailure("delivery exactly_once needs acks all and idempotence on");
    transactionalId_ = TransactionalProducer::transactionalId(
        plan.pipelineName(), settings.value.name, run.value("instance", std::string("0")));
  }
  settings_ = std::move(settings.value);
}

// Starts the embedded cluster (if the connection asks for one) and creates its topic.
void KafkaSinkNode::acquire(PlanContext& plan) {
  auto resolved = resolveConnection(settings_, plan.resources());
  if (!resolved.ok()) throw NodeFailure(resolved.error);
  connection_ = std::move(resolved.value);
  if (hop_ && hop_->upstreamTopics.empty())
    throw NodeFailure(label_ + ": window '" + hop_->window +
                      "' needs a repartition hop (scale-out), whose topic gets as many "
                      "partitions as the largest input topic; its kafka.source reads a "
                      "topic_pattern, so list the topics in `topics` instead");
  if (hop_) {
    // Not compacted, and nothing deleted by age: event times far in the past would make
    // time-based retention delete records before they are read (docs/kafka.md).
    auto made = Changelog::ensureInternalTopic(
        connection_, topic_, hop_->upstreamTopics,
        {{"cleanup.policy", "delete"}, {"retention.ms", "-1"}}, label_);
    if (!made.ok()) throw NodeFailure(made.error);
    hopPartitions_ = made.value;
    scaleOutRegistry_ = plan.resources().getOrCreate<ScaleOutRegistry>(
        ScaleOutRegistry::kKey, [] { return std::make_shared<ScaleOutRegistry>(); });
    eventsRead_ = 0;
  } else if (auto made = connection_.ensureTopic(topic_); !made.ok()) {
    throw NodeFailure(made.error);
  }
  if (onError_ == OnError::DeadLetter)
    if (auto made = connection_.ensureTopic(deadLetterTopic_); !made.ok())
      throw NodeFailure(made.error);
  if (!exactlyOnce_) return;
  std::shared_ptr<OffsetLedger> ledger;
  if (!connection_.cluster) {
    // The sources on this cluster commit their offsets inside the sinks' transactions.
    ledger =
        plan.resources().getOrCreate<OffsetLedger>(OffsetLedger::key(connection_.bootstrapServers),
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

void KafkaSinkNode::open(RunContext& ctx) {
  ctx_ = &ctx;
  writer_ = std::make_unique<JsonRecordWriter>(ctx.slotTable());
  NodeMetrics& m = ctx.metrics();
  produceRate_ = &m.gauge("produce_rate");
  inFlight_ = &m.gauge("in_flight");
  deliveryErrors_ = &m.gauge("delivery_errors");
  deliveredGauge_ = &m.gauge("delivered");
  connectedGauge_ = &m.gauge("connected");
  refusedGauge_ = &m.gauge("refused");

  // Every message carries the member it belongs to as its opaque: with a shared producer
  // that routes its delivery report here, and it tells dead letters from records.
  for (auto* member : {&member_, &deadLetterMember_}) {
    *member = std::make_shared<TransactionalProducer::Member>();
    (*member)->label = label_;
    (*member)->topic = topic_;
    (*member)->delivery = [this](const rd_kafka_message_t* msg) { onDelivery(msg); };
  }
  if (txn_) {
    try {
      rk_ = txn_->attach(member_, waitMs(kTransactionTimeoutMs));
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
  if (onError_ == OnError::DeadLetter)
    deadLetterRkt_ = rd_kafka_topic_new(rk_, deadLetterTopic_.c_str(), nullptr);
  if (!rkt_ || (onError_ == OnError::DeadLetter && !deadLetterRkt_))
    throw NodeFailure(label_ + ": cannot open topic '" + (rkt_ ? deadLetterTopic_ : topic_) +
                      "': " + rd_kafka_err2str(rd_kafka_last_error()));
  char maxBytes[32];
  size_t maxBytesLen = sizeof maxBytes;
  if (rd_kafka_conf_get(rd_kafka_conf(rk_), "message.max.bytes", maxBytes, &maxBytesLen) ==
      RD_KAFKA_CONF_OK)
    maxMessageBytes_ = std::strtoll(maxBytes, nullptr, 10);
  lastMetrics_ = Clock::now();
  ctx.log().info(
      "kafka",
      label_ + ": writing to topic '" + topic_ + "' on " + connection_.bootstrapServers +
          (exactlyOnce_ ? " in transactions ('" + transactionalId_ + "')" : std::string()));
}

void KafkaSinkNode::process(int, Batch* batch, Emitter& out) {
  // Records after barrier N must not join N's transaction: commit it first.
  if (awaiting_) commitAfter(awaiting_, true);
  const uint32_t n = batch->size();
  const Value* keys = key_ ? key_->evaluate(*batch, keyScratch_) : nullptr;
  if (hop_) encodeHopKeys(*batch);
  for (size_t h = 0; h < headers_.size(); ++h)
    headerColumns_[h] = headers_[h].second->evaluate(*batch, *headerScratch_[h]);
  uint64_t bytes = 0;
  for (uint32_t r = 0; r < n; ++r) {
    payload_.clear();
    if (hop_ && hop_->projected)
      appendProjected(*batch, r, payload_);
    else
      writer_->append(*batch, r, payload_);
    std::string_view key;
    bool hasKey;
    if (hop_) {
      hasKey = true;
      key = hopKey(r);
      if (!batch->meta(r).noEventTime)
        markers_.wrote(batch->meta(r).topic, batch->meta(r).partition, batch->meta(r).timestamp);
    } else if (keys) {
      hasKey = valueBytes(keys[r], keyText_, key);
    } else {
      hasKey = batch->meta(r).hasKey;  // no key expression: keep the record's own key
      key = batch->meta(r).key;
    }
    if (!produce(*batch, r, hasKey ? &key : nullptr)) throw NodeFailure(undelivered(n - r));
    bytes += payload_.size();
  }
  out.release(batch);
  produced_ += n;
  dirty_ = dirty_ || n > 0;
  ctx_->metrics().bytesOut.add(bytes);
  serveReports(0);
  maybeUpdateMetrics();
}

void KafkaSinkNode::onTick(int64_t, Emitter&) {
  serveReports(0);
  maybeUpdateMetrics();
}

void KafkaSinkNode::onBarrier(uint64_t id, Emitter&) {
  if (hop_) {
    if (awaiting_) commitAfter(awaiting_, true);  // the markers belong to checkpoint `id`
    writeMarkers(id);
  }
  flushAll("before a checkpoint");
  barrierDirty_ = dirty_;
  // Records after the barrier must not join the transaction of checkpoint `id`, which another
  // sink of the shared transaction may commit: wait for it even with nothing to commit here.
  if (exactlyOnce_) awaiting_ = id;
}

void KafkaSinkNode::finish(Emitter&) {
  flushAll("at the end of input");
  barrierDirty_ = dirty_;
  // The run's last checkpoint follows; notifyCheckpointComplete commits then. Not a hop's
  // writer: its input ends while the run goes on (the window still reads the hop), and the
  // checkpoints after commit what it wrote.
  if (exactlyOnce_ && !hop_ && (dirty_ || hasLedger_)) awaiting_ = UINT64_MAX;
}

void KafkaSinkNode::snapshotState(uint64_t id, state::StateWriter& w) {
  w.str(transactionalId_);
  w.boolean(barrierDirty_);  // this checkpoint's transaction holds records
  w.u64(id);
}

void KafkaSinkNode::restoreState(state::StateReader& r) {
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

void KafkaSinkNode::notifyCheckpointComplete(uint64_t id) {
  if (awaiting_ && (awaiting_ <= id || awaiting_ == UINT64_MAX)) commitAfter(id, false);
}

void KafkaSinkNode::close() {
  if (rkt_) rd_kafka_topic_destroy(rkt_), rkt_ = nullptr;
  if (deadLetterRkt_) rd_kafka_topic_destroy(deadLetterRkt_), deadLetterRkt_ = nullptr;
  if (producer_) producer_->close(waitMs(kCloseFlushMs)), producer_.reset();
  // The last sink to leave the shared producer aborts what no completed checkpoint covers:
  // the next run produces those records again.
  if (txn_ && rk_) txn_->detach(waitMs(kCloseFlushMs));
  rk_ = nullptr;
}

// Hands row `row` (its JSON in payload_) to librdkafka; false when the run is stopping and
// the cluster took nothing for longer than the grace. A record refused on the spot follows
// on_error.
bool KafkaSinkNode::produce(const Batch& batch, uint32_t row, const std::string_view* key) {
  for (;;) {
    fillMessage(&batch, row, key, rkt_, payload_, nullptr);
    const rd_kafka_resp_err_t e = send();
    if (!e) return true;
    if (e == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
      // librdkafka's queue is full: serve delivery reports until there is room
      // (back-pressure), unless the run is stopping and the cluster does not answer.
      serveReports(10);
      if (stopGrace_.expired(stopping())) return false;
      continue;
    }
    if (onError_ == OnError::Fail || !refusesRecord(e))
      throw NodeFailure(label_ + ": cannot produce to '" + topic_ + "': " + rd_kafka_err2str(e) +
                        (refusesRecord(e) ? "; set on_error to skip or dead_letter to go on "
                                            "past such records"
                                          : ""));
    Refused r;
    r.error = rd_kafka_err2str(e);
    r.value = payload_;
    if (key) r.key = std::string(*key), r.hasKey = true;
    const RecordMeta& meta = batch.meta(row);
    r.timestamp = meta.timestamp;
    for (uint32_t h = 0; h < meta.headerCount; ++h)
      r.headers.emplace_back(meta.headers[h].name, meta.headers[h].value);
    refuse(std::move(r));
    return true;
  }
}

// Builds the message in vus_: value, key, the record's event time and its headers as the
// headers property says; or, with `deadLetter` (batch null), the dead letter of a record.
void KafkaSinkNode::fillMessage(const Batch* batch, uint32_t row, const std::string_view* key,
                                rd_kafka_topic_t* rkt, std::string_view payload,
                                const Refused* deadLetter) {
  vuCount_ = 0;
  rd_kafka_vu_t v{};
  v.vtype = RD_KAFKA_VTYPE_RKT, v.u.rkt = rkt, addVu(v);
  v.vtype = RD_KAFKA_VTYPE_MSGFLAGS, v.u.i = RD_KAFKA_MSG_F_COPY, addVu(v);
  v.vtype = RD_KAFKA_VTYPE_VALUE, v.u.mem = {const_cast<char*>(payload.data()), payload.size()};
  addVu(v);
  if (key)
    v.vtype = RD_KAFKA_VTYPE_KEY, v.u.mem = {const_cast<char*>(key->data()), key->size()}, addVu(v);
  // The record's event time becomes the message timestamp (0: none, librdkafka stamps now).
  const int64_t timestamp = deadLetter ? deadLetter->timestamp : batch->meta(row).timestamp;
  if (timestamp > 0) v.vtype = RD_KAFKA_VTYPE_TIMESTAMP, v.u.i64 = timestamp, addVu(v);
  v.vtype = RD_KAFKA_VTYPE_OPAQUE;
  v.u.ptr = deadLetter ? deadLetterMember_.get() : member_.get();
  addVu(v);
  // Header names must end in NUL for librdkafka: they are collected in headerNames_ first and
  // pointed at once it stops growing.
  headerNames_.clear();
  headerValues_.clear();
  auto header = [&](std::string_view name, std::string_view value) {
    headerValues_.push_back({headerNames_.size(), value});
    headerNames_.append(name);
    headerNames_.push_back('\0');
  };
  if (deadLetter) {
    for (const auto& [name, value] : deadLetter->headers)
      header(name, value);
    header("sc.error", deadLetter->error);
    header("sc.topic", topic_);
  } else if (headerMode_ == HeaderMode::Keep) {
    const RecordMeta& meta = batch->meta(row);
    for (uint32_t h = 0; h < meta.headerCount; ++h)
      header(meta.headers[h].name, meta.headers[h].value);
  } else if (headerMode_ == HeaderMode::Expressions) {
    // Values rendered as text (numbers, objects) go to headerText_, which may grow: they
    // become views once it is complete.
    headerText_.clear();
    renderedHeaders_.clear();
    for (size_t h = 0; h < headers_.size(); ++h) {
      std::string_view value;
      if (!valueBytes(headerColumns_[h][row], valueText_, value)) continue;
      if (value.data() == valueText_.data()) {
        renderedHeaders_.push_back({headerValues_.size(), headerText_.size()});
        headerText_.append(value);
      }
      header(headers_[h].first, value);
    }
    for (const auto& [index, offset] : renderedHeaders_)
      headerValues_[index].second =
          std::string_view(headerText_.data() + offset, headerValues_[index].second.size());
  }
  // A header list of our own (VTYPE_HEADERS) rather than VTYPE_HEADER entries: for those,
  // librdkafka 2.0.2's produceva frees the list it builds twice when partitioning fails
  // (confluentinc/librdkafka#4627), a crash seen when the cluster refused the topic. Ours
  // passes to the message only on success; send() frees it otherwise.
  pendingHeaders_ = nullptr;
  if (!headerValues_.empty()) {
    pendingHeaders_ = rd_kafka_headers_new(headerValues_.size());
    for (const auto& [offset, value] : headerValues_)
      rd_kafka_header_add(pendingHeaders_, headerNames_.data() + offset, -1, value.data(),
                          static_cast<ssize_t>(value.size()));
    v.vtype = RD_KAFKA_VTYPE_HEADERS;
    v.u.headers = pendingHeaders_;
    addVu(v);
  }
}

rd_kafka_resp_err_t KafkaSinkNode::send() {
  rd_kafka_error_t* error = rd_kafka_produceva(rk_, vus_.data(), vuCount_);
  rd_kafka_headers_t* headers = std::exchange(pendingHeaders_, nullptr);
  if (!error) return RD_KAFKA_RESP_ERR_NO_ERROR;
  if (headers) rd_kafka_headers_destroy(headers);  // still ours after a failure
  const rd_kafka_resp_err_t e = rd_kafka_error_code(error);
  rd_kafka_error_destroy(error);
  return e;
}

// Skips a refused record or writes it to the dead-letter topic (in the open transaction
// under exactly_once, through the same producer). Counted in the errors metric either way.
void KafkaSinkNode::refuse(Refused r) {
  ++refused_;
  ctx_->metrics().errors.add(1);
  if (refused_ <= kRefusedSamples)
    ctx_->log().warn(
        "kafka",
        label_ + ": '" + topic_ + "' refused a record (" + r.error + "); " +
            (onError_ == OnError::Skip ? "skipped it" : "wrote it to '" + deadLetterTopic_ + "'") +
            (refused_ == kRefusedSamples ? " (further ones are only counted)" : ""));
  if (onError_ == OnError::Skip) return;
  // A dead letter too large for the cluster keeps the start of the value (and says so).
  if (maxMessageBytes_ > 0 && r.value.size() + r.key.size() + 1024 > size_t(maxMessageBytes_)) {
    r.headers.emplace_back("sc.value.bytes", std::to_string(r.value.size()));
    r.value.resize(size_t(maxMessageBytes_) / 2);
  }
  const std::string_view key(r.key);
  for (;;) {
    fillMessage(nullptr, 0, r.hasKey ? &key : nullptr, deadLetterRkt_, r.value, &r);
    const rd_kafka_resp_err_t e = send();
    if (!e) break;
    if (e != RD_KAFKA_RESP_ERR__QUEUE_FULL)
      throw NodeFailure(label_ + ": cannot write a dead letter to '" + deadLetterTopic_ +
                        "': " + rd_kafka_err2str(e));
    rd_kafka_poll(rk_, 10);
    if (stopGrace_.expired(stopping())) throw NodeFailure(undelivered(1));
  }
  dirty_ = true;
}

// Serves delivery reports for up to timeoutMs, then deals with records the cluster refused.
void KafkaSinkNode::serveReports(int timeoutMs) {
  rd_kafka_poll(rk_, timeoutMs);
  while (!refusedByCluster_.empty()) {
    std::vector<Refused> refused = std::move(refusedByCluster_);
    refusedByCluster_.clear();
    for (auto& r : refused)
      refuse(std::move(r));
  }
  checkFailure();
}

// Why a stopping run gave up on the cluster, counting what was not delivered.
std::string KafkaSinkNode::undelivered(uint64_t notProduced) {
  const uint64_t queued = rk_ ? static_cast<uint64_t>(rd_kafka_outq_len(rk_)) : 0;
  failed_.fetch_add(queued + notProduced, std::memory_order_relaxed);
  maybeUpdateMetrics(true);
  return label_ + ": stopped with " + std::to_string(queued + notProduced) +
         " records not delivered to '" + topic_ + "' (" + std::to_string(queued) +
         " unacknowledged, " + std::to_string(notProduced) + " not sent): Kafka at " +
         connection_.bootstrapServers + " did not answer for " +
         std::to_string(kStopGraceMs / 1000) +
         " s while stopping. Their source offsets stay uncommitted, so the next run writes them "
         "again";
}

// With a shared producer (exactly_once), another sink's thread may serve this sink's reports:
// what it touches then is atomic or locked (refusals are only collected without transactions).
void KafkaSinkNode::onDelivery(const rd_kafka_message_t* msg) {
  if (!msg->err) {
    delivered_.fetch_add(1, std::memory_order_relaxed);
    if (stopping()) stopGrace_.progress();
    return;
  }
  const bool deadLetter = msg->_private == deadLetterMember_.get();
  // Refused by the cluster after sending: on_error decides, except inside a transaction,
  // which librdkafka makes abortable on any failed delivery (see the spec's description).
  if (!deadLetter && onError_ != OnError::Fail && !exactlyOnce_ && refusesRecord(msg->err)) {
    Refused r;
    r.error = rd_kafka_err2str(msg->err);
    r.value.assign(static_cast<const char*>(msg->payload), msg->payload ? msg->len : 0);
    if (msg->key) r.key.assign(static_cast<const char*>(msg->key), msg->key_len), r.hasKey = true;
    rd_kafka_timestamp_type_t type;
    r.timestamp = rd_kafka_message_timestamp(msg, &type);
    rd_kafka_headers_t* hdrs = nullptr;
    if (rd_kafka_message_headers(msg, &hdrs) == RD_KAFKA_RESP_ERR_NO_ERROR) {
      const char* name;
      const void* value;
      size_t size;
      for (size_t i = 0; !rd_kafka_header_get_all(hdrs, i, &name, &value, &size); ++i)
        r.headers.emplace_back(name, std::string(static_cast<const char*>(value), size));
    }
    refusedByCluster_.push_back(std::move(r));
    return;
  }
  failed_.fetch_add(1, std::memory_order_relaxed);
  std::lock_guard lock(failureMutex_);
  if (failure_.empty())
    failure_ = label_ + ": delivery " +
               (deadLetter ? "of a dead letter to '" + deadLetterTopic_ : "to topic '" + topic_) +
               "' partition " + std::to_string(msg->partition) +
               " failed after retries: " + rd_kafka_err2str(msg->err) +
               (refusesRecord(msg->err) && !deadLetter && onError_ == OnError::Fail
                    ? "; set on_error to skip or dead_letter to go on past such records"
                    : "");
}

void KafkaSinkNode::checkFailure() {
  std::string failure;
  {
    std::lock_guard lock(failureMutex_);
    failure = failure_;
  }
  if (!failure.empty()) {
    maybeUpdateMetrics(true);
    throw NodeFailure(failure);
  }
  if (std::string fatal = producer_ ? producer_->fatalError() : txn_->fatalError(); !fatal.empty())
    throw NodeFailure(label_ + ": " + fatal);
}

// Waits until every message produced so far is acknowledged (or refused and dealt with);
// once stopping, for at most what is left of the stop grace.
void KafkaSinkNode::flushAll(const char* when) {
  while (rd_kafka_outq_len(rk_) > 0 || !refusedByCluster_.empty()) {
    rd_kafka_flush(rk_, 100);
    serveReports(0);
    maybeUpdateMetrics();
    if (stopGrace_.expired(stopping()))
      throw NodeFailure(undelivered(0) + " (while flushing " + when + ")");
  }
  serveReports(0);
}

// Commits the shared transaction once checkpoint `id` is durable (waiting for it when `wait`),
// unless another sink already did. A checkpoint that failed leaves the transaction open: the
// next one commits it.
void KafkaSinkNode::commitAfter(uint64_t id, bool wait) {
  const bool final = awaiting_ == UINT64_MAX;
  const uint64_t covered = final ? id : awaiting_;
  if (wait && !ctx_->waitForCheckpoint(covered)) {
    awaiting_ = 0;
    return;
  }
  awaiting_ = 0;
  try {
    txn_->commitThrough(covered, final, label_, waitMs(kTransactionTimeoutMs));
  } catch (const std::runtime_error& e) {
    throw NodeFailure(e.what());
  }
  dirty_ = false;  // this sink's records so far are committed
}

void KafkaSinkNode::maybeUpdateMetrics(bool force) {
  auto now = Clock::now();
  auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(now - lastMetrics_).count();
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
  refusedGauge_->set(static_cast<int64_t>(refused_));
  lastMetrics_ = now;
}

}  // namespace kafkasink

using kafkasink::KafkaSinkNode;

NodeSpec kafkaSinkSpec() {
  NodeSpec s;
  s.type = "kafka.sink";
  s.category = "Sinks";
  s.title = "Kafka Sink";
  s.summary =
      "Writes records as JSON messages to a Kafka topic; idempotent, acknowledged before offsets "
      "commit.";
  s.description =
      "Produces every record as one JSON message to `topic`, with the record's event time as the "
      "message timestamp. `key` is an expression (default: the record's own Kafka key). "
      "`headers`: `keep` (default) passes the record's incoming Kafka headers through, `drop` "
      "writes none, and an object of name -> expression writes exactly those (an expression "
      "reads an incoming header as `$headers.NAME`). `acks`, `compression` and `linger` set the "
      "matching librdkafka properties when given; `idempotence` is on by default.\n\n"
      "A record the cluster refuses (larger than `message.max.bytes`, invalid) follows "
      "`on_error`: `fail` stops the run naming the topic and reason; `skip` drops it; "
      "`dead_letter` writes it to `dead_letter_topic` with its key, timestamp and headers plus "
      "`sc.error` (the reason) and `sc.topic` (where it was meant to go); a dead letter too large "
      "itself keeps the start of the value and its size in `sc.value.bytes`. Skipped and "
      "dead-lettered records count as errors (`refused` gauge). A message that cannot be "
      "delivered because the cluster is unreachable always fails the run after librdkafka's "
      "retries: nothing is lost, its source offsets stay uncommitted.\n\n"
      "Under `delivery: exactly_once` a dead letter is written in the same transaction as the "
      "records, so it commits or aborts with them. librdkafka refuses too-large records before "
      "sending them, which `skip` and `dead_letter` handle inside the transaction; a record the "
      "broker refuses after sending makes the whole transaction abortable, so the run fails and "
      "restarts from its last checkpoint: keep the producer's `message.max.bytes` at or below "
      "the topic's `max.message.bytes` to have every refusal handled per record.\n\n"
      "When the run stops while the cluster does not answer, the sink waits at most 5 s for "
      "acknowledgements, then ends the run with an error counting the records not delivered.";
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
  PropertySpec headers = makeProperty(
      "headers", PropKind::Map,
      "Message headers: keep the incoming ones, drop them, or name -> expression", "keep");
  headers.item = PropKind::Expression;
  headers.choices = {"keep", "drop"};
  PropertySpec onError = makeProperty(
      "on_error", PropKind::Enum,
      "A record the cluster refuses (too large, invalid): fail the run, skip it, or write it to "
      "dead_letter_topic",
      "fail");
  onError.choices = {"fail", "skip", "dead_letter"};
  PropertySpec deadLetter = makeProperty(
      "dead_letter_topic", PropKind::String,
      "Topic for refused records (on_error: dead_letter), with the reason in header sc.error");
  deadLetter.placeholder = "alerts-dead-letters";
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
  s.properties = {connection,  topic,  key,         headers, format,    acks,
                  compression, linger, idempotence, onError, deadLetter};
  s.exactlyOnce = true;

  s.validate = [](const NodeConfig& cfg, Diagnostics& diags) {
    if (cfg.getString("on_error") == "dead_letter" && cfg.getString("dead_letter_topic").empty())
      diags
          .error(cfg.pointer("dead_letter_topic"),
                 "on_error is dead_letter but no dead_letter_topic is set",
                 "name the topic for refused records, or set on_error to skip or fail")
          .property = "dead_letter_topic";
    std::string acksText = cfg.getString("acks");
    if (cfg.getBool("idempotence") && acksText != "all" && acksText.find("${") == std::string::npos)
      diags
          .error(cfg.pointer("acks"), "acks " + acksText + " does not go with idempotence",
                 "set acks to all, or idempotence to false")
          .property = "acks";
  };
  // headers "keep" (the default) forwards the incoming ones; dead letters carry them too.
  s.readsHeaders = [](const NodeConfig& cfg) {
    const Json& mode = cfg.value("headers");
    return (!mode.is_object() && mode != Json("drop")) ||
           cfg.getString("on_error") == "dead_letter";
  };
  s.create = [] { return std::make_unique<KafkaSinkNode>(); };
  return s;
}

}  // namespace sc
