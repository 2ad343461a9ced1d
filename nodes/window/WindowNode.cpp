#include "nodes/window/WindowNode.h"

#include <algorithm>
#include <chrono>

#include "engine/expr/Expression.h"
#include "engine/graph/NodeConfig.h"
#include "engine/runtime/Context.h"
#include "engine/runtime/SlotTable.h"
#include "engine/state/StateCodec.h"

namespace sc::window {

namespace {

int64_t systemNowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Value owned(Value v) {
  v.flags |= kOwned;
  return v;
}

uint32_t internField(SlotTable& slots, const std::string& name) {
  FieldPath path;
  path.segments.push_back(PathSegment{name, -1});
  return slots.intern(path);
}

}  // namespace

WindowNode::WindowNode(WindowKind kind) : clock_(systemNowMs) {
  options_.kind = kind;
}

WindowNode::~WindowNode() = default;

void WindowNode::configure(const NodeConfig& config, PlanContext& plan) {
  options_ = readWindowOptions(options_.kind, config);
  nodeId_ = config.id();
  layout_ = std::make_unique<AggregateLayout>(options_.aggregates);

  auto compile = [&](const std::string& text, const std::string& what) {
    Compiled c;
    expr::CompileError err;
    c.expr = expr::Expression::compile(text, plan.slotTable(), expr::Type::Any, &err);
    if (!c.expr)
      throw NodeFailure(
          what + " '" + text + "' does not compile" +
          (err.column > 0 ? " (column " + std::to_string(err.column) + ")" : std::string()) + ": " +
          err.message);
    uint32_t slot;
    if (c.expr->isField(&slot)) c.fieldSlot = static_cast<int32_t>(slot);
    c.scratch = std::make_unique<expr::EvalScratch>();
    return c;
  };
  keyExprs_.clear();
  for (const std::string& k : options_.keys)
    keyExprs_.push_back(compile(k, "key expression"));
  encoder_.setNames(options_.keys);
  inputExprs_.clear();
  for (const std::string& of : layout_->inputs())
    inputExprs_.push_back(compile(of, "aggregate expression"));

  SlotTable& slots = plan.slotTable();
  startSlot_ = internField(slots, kWindowStartField);
  endSlot_ = internField(slots, kWindowEndField);
  keySlot_ = internField(slots, kKeyField);
  outputSlots_.clear();
  for (const AggregateSpec& a : options_.aggregates)
    outputSlots_.push_back(internField(slots, a.as));

  WatermarkStrategy strategy;
  strategy.timestamp = options_.timestamp;
  strategy.maxOutOfOrdernessMs = options_.maxOutOfOrdernessMs;
  strategy.idleTimeoutMs = options_.idleTimeoutMs;
  strategy.processingTime = options_.processingTime;
  plan.requestWatermarks(strategy);
  configureKind();
  fingerprint_ = stateFingerprint(options_);
}

void WindowNode::setInputEventTime(const WatermarkStrategy& strategy) {
  inputTime_ = WatermarkGenerator(strategy);
}

void WindowNode::open(RunContext& ctx) {
  nodeId_ = ctx.nodeId();
  if (inputTime_.enabled()) {
    std::string error;
    if (!inputTime_.compile(ctx.slotTable(), &error)) throw NodeFailure(nodeId_ + ": " + error);
    // No source in between to apply on_timestamp_error: untimed records go to `late`.
    TimestampErrorHandling errors;
    errors.nodeId = nodeId_;
    errors.counter = &ctx.metrics().gauge("timestamp_errors");
    inputTime_.setTimestampErrorHandling(std::move(errors));
    inputTime_.publishTo(ctx.metrics());
  }
  lateGauge_ = &ctx.metrics().gauge("late_dropped");
  keysGauge_ = &ctx.metrics().gauge("window_keys");
  bytesGauge_ = &ctx.metrics().gauge("window_state_bytes");
  openGauge_ = &ctx.metrics().gauge("open_windows");
}

void WindowNode::ensureScratch(uint32_t n) {
  if (keyIds_.size() >= n) return;
  keyIds_.resize(n);
  hashes_.resize(n);
  times_.resize(n);
  recs_.resize(n);
  late_.resize(n);
  keyColumns_.resize(std::max<size_t>(1, keyExprs_.size()));
}

const Value* WindowNode::column(const expr::Expression& e, int32_t fieldSlot,
                                expr::EvalScratch& scratch, const Batch& b) {
  if (fieldSlot >= 0) return b.column(static_cast<uint32_t>(fieldSlot));
  return e.evaluate(b, scratch);
}

void WindowNode::process(int, Batch* batch, Emitter& out) {
  out_ = &out;
  const uint32_t n = batch->size();
  if (n == 0) {
    out.release(batch);
    return;
  }
  ensureScratch(n);

  if (options_.processingTime) {
    // The clock never runs backwards for windows: a record is never older than what fired.
    int64_t now = clock_();
    if (time_ != INT64_MIN && now <= time_) now = time_ + 1;
    std::fill_n(times_.begin(), n, now);
  } else {
    if (inputTime_.enabled()) inputTime_.stamp(*batch);
    uint32_t untimed = 0;
    for (uint32_t r = 0; r < n; ++r) {
      times_[r] = batch->meta(r).timestamp;
      untimed += batch->meta(r).noEventTime;
    }
    if (untimed > 0) {
      // Records the source could not time (on_timestamp_error: late) belong to no window.
      batch = separateUntimed(batch, untimed, out);
      if (!batch) return;
      for (uint32_t r = 0; r < batch->size(); ++r)
        times_[r] = batch->meta(r).timestamp;
    }
  }
  processTimed(batch, out);
}

Batch* WindowNode::separateUntimed(Batch* batch, uint32_t untimed, Emitter& out) {
  const uint32_t n = batch->size();
  if (out.connected(1)) {
    Batch* late = out.acquire();
    for (uint32_t r = 0; r < n; ++r)
      if (batch->meta(r).noEventTime) late->copyRowFrom(*batch, r);
    out.emit(1, late);
  } else {
    countLateDropped(untimed);
  }
  if (untimed == n) {
    out.release(batch);
    return nullptr;
  }
  for (uint32_t r = 0; r < n; ++r)
    late_[r] = !batch->meta(r).noEventTime;
  batch->keepRows(late_.data());
  return batch;
}

void WindowNode::countLateDropped(uint32_t count) {
  lateDropped_ += count;
  if (lateGauge_) lateGauge_->set(static_cast<int64_t>(lateDropped_));
  if (!warnedLate_) {
    warnedLate_ = true;
    Logger::global().warn(nodeId_,
                          "dropping records that arrived after their windows closed (counted in "
                          "late_dropped); wire the `late` port to keep them, or raise "
                          "allowed_lateness / max_out_of_orderness");
  }
}

void WindowNode::processTimed(Batch* batch, Emitter& out) {
  const uint32_t n = batch->size();

  bool created;
  if (keyExprs_.empty()) {
    const KeyView global{nullptr, 0, static_cast<uint8_t>(Kind::Null)};
    const uint32_t id = keys_.intern(global, hashKey(global), created);
    std::fill_n(keyIds_.begin(), n, id);
  } else {
    for (size_t k = 0; k < keyExprs_.size(); ++k)
      keyColumns_[k] =
          column(*keyExprs_[k].expr, keyExprs_[k].fieldSlot, *keyExprs_[k].scratch, *batch);
    encoder_.encode(keyColumns_.data(), n);
    const KeyView* views = encoder_.views();
    for (uint32_t r = 0; r < n; ++r)
      hashes_[r] = hashKey(views[r]);
    // With many keys the index and its entries miss the cache: fetch the index cell a few rows
    // ahead, and the entry it names a few rows after that, so probes find both in the cache.
    constexpr uint32_t kCellAhead = 24, kEntryAhead = 12;
    for (uint32_t r = 0; r < n && r < kCellAhead; ++r)
      keys_.prefetch(hashes_[r]);
    for (uint32_t r = 0; r < n; ++r) {
      if (r + kCellAhead < n) keys_.prefetch(hashes_[r + kCellAhead]);
      if (r + kEntryAhead < n) keys_.prefetchEntry(hashes_[r + kEntryAhead]);
      keyIds_[r] = keys_.intern(views[r], hashes_[r], created);
    }
  }

  std::fill_n(late_.begin(), n, 0);
  assign(n, keyIds_.data(), times_.data(), recs_.data(), late_.data());

  AggregateLayout::countRows(recs_.data(), n);
  for (size_t i = 0; i < inputExprs_.size(); ++i) {
    const Value* col =
        column(*inputExprs_[i].expr, inputExprs_[i].fieldSlot, *inputExprs_[i].scratch, *batch);
    layout_->update(i, col, recs_.data(), times_.data(), seq_, n);
  }
  seq_ += n;
  afterBatch();
  keys_.sweep();

  uint32_t lateCount = 0;
  for (uint32_t r = 0; r < n; ++r)
    lateCount += late_[r];
  if (lateCount > 0) {
    if (out.connected(1)) {
      batch->keepRows(late_.data());
      out.emit(1, batch);
      batch = nullptr;
    } else {
      countLateDropped(lateCount);
    }
  }
  if (batch) out.release(batch);
  // Per batch, not only per watermark: a window whose watermark stalls still shows what it
  // holds (the designer's stall hint is read next to it). Keys and open windows are counts;
  // the bytes walk the whole state (distinct counters, sketches, panes), so at most every
  // 250 ms.
  if (keysGauge_) keysGauge_->set(keys_.held());
  if (openGauge_) openGauge_->set(static_cast<int64_t>(openWindows()));
  if (bytesGauge_) {
    const auto now = std::chrono::steady_clock::now();
    if (now - bytesPublished_ >= std::chrono::milliseconds(250)) {
      bytesPublished_ = now;
      bytesGauge_->set(static_cast<int64_t>(stateBytes()));
    }
  }
  flush();
}

void WindowNode::advance(int64_t to) {
  if (to <= time_) return;
  advanceTo(to);
  time_ = to;
  if (to == INT64_MAX)
    keys_.collectAll();
  else
    keys_.collect();
}

void WindowNode::onWatermark(int64_t watermarkMs, Emitter& out) {
  out_ = &out;
  if (!options_.processingTime) advance(watermarkMs);
  flush();
  publishGauges();
  out.emitWatermark(watermarkMs);
}

int64_t WindowNode::tickIntervalMs() const {
  // Processing-time windows fire from ticks: their timing is as precise as the tick.
  if (options_.processingTime)
    return options_.emitIntervalMs > 0 ? std::min<int64_t>(options_.emitIntervalMs, 100) : 100;
  return options_.emitIntervalMs;
}

void WindowNode::onTick(int64_t nowMs, Emitter& out) {
  out_ = &out;
  if (options_.processingTime) advance(clock_());
  if (earlyResults() &&
      (lastUpdatesMs_ == INT64_MIN || nowMs - lastUpdatesMs_ >= options_.emitIntervalMs)) {
    lastUpdatesMs_ = nowMs;
    emitUpdates();
  }
  flush();
  publishGauges();
}

void WindowNode::finish(Emitter& out) {
  out_ = &out;
  advance(INT64_MAX);
  flush();
  // Every window fired: the designer shows the state as it is now, not as at the last watermark.
  publishGauges();
}

void WindowNode::writeResult(int64_t start, int64_t end, uint32_t keyId, const uint8_t* rec) {
  if (!pending_) pending_ = out_->acquire();
  Batch& b = *pending_;
  const uint32_t r = b.append();
  b.at(startSlot_, r) = owned(Value::integer(start));
  b.at(endSlot_, r) = owned(Value::integer(end));
  const KeyView key = keys_.view(keyId);
  const Value keyValue = encoder_.toValue(key, b.arena());
  b.at(keySlot_, r) = owned(keyValue);
  for (size_t i = 0; i < outputSlots_.size(); ++i)
    b.at(outputSlots_[i], r) = owned(layout_->result(i, rec, b.arena()));
  RecordMeta& m = b.meta(r);
  m.timestamp = end - 1;  // like Flink: a window result carries the window's last instant
  if (!keyExprs_.empty()) {
    m.hasKey = true;
    m.key = keyValue.kind == Kind::String || keyValue.kind == Kind::Json
                ? keyValue.str()
                : encoder_.toText(key, b.arena());
  }
  if (b.full()) flush();
}

void WindowNode::flush() {
  if (!pending_) return;
  Batch* b = pending_;
  pending_ = nullptr;
  out_->emit(0, b);
}

namespace {

constexpr uint32_t kStateMagic = 0x4e574353;  // "SCWN"
constexpr uint32_t kStateFormat = 1;

}  // namespace

void WindowNode::onBarrier(uint64_t, Emitter& out) {
  out_ = &out;
  flush();
}

void WindowNode::snapshotState(uint64_t, state::StateWriter& out) {
  // The state's memory is a little more than its snapshot: one allocation instead of a dozen
  // doublings, each copying and faulting in everything written so far (10 % of the time at 1 M
  // keys).
  out.reserve(stateBytes());
  out.u32(kStateMagic);
  out.u32(kStateFormat);
  out.str(fingerprint_);
  out.i64(time_);
  out.u64(seq_);
  out.i64(lastUpdatesMs_);
  out.u64(lateDropped_);
  keys_.save(out);
  saveKind(out);
}

void WindowNode::restoreState(state::StateReader& in) {
  clearState();
  try {
    if (in.remaining() < 8 || in.u32() != kStateMagic)
      throw state::StateError(nodeId_ + ": the checkpoint holds no window state here");
    const uint32_t format = in.u32();
    if (format != kStateFormat)
      throw state::StateError(nodeId_ + ": window state of format " + std::to_string(format) +
                              " cannot be read (this version reads format " +
                              std::to_string(kStateFormat) + ")");
    const std::string fingerprint = in.str();
    if (fingerprint != fingerprint_)
      throw state::StateError(
          nodeId_ + ": the checkpoint holds the state of a differently configured window:\n  " +
          "checkpoint: " + fingerprint + "\n  this node:  " + fingerprint_ +
          "\nRestore the configuration it was taken with, or start this node without state.");
    time_ = in.i64();
    seq_ = in.u64();
    lastUpdatesMs_ = in.i64();
    lateDropped_ = in.u64();
    keys_.load(in, [this](const KeyView& key) { return encoder_.validKey(key); });
    loadKind(in);
    in.expectEnd();
  } catch (...) {
    clearState();
    throw;
  }
  updateGauges();
}

void WindowNode::clearState() {
  clearKind();
  layout_ = std::make_unique<AggregateLayout>(options_.aggregates);
  keys_.clear();
  time_ = INT64_MIN;
  seq_ = 0;
  lastUpdatesMs_ = INT64_MIN;
  lateDropped_ = 0;
}

void WindowNode::updateGauges() {
  if (lateGauge_) lateGauge_->set(static_cast<int64_t>(lateDropped_));
  publishGauges();
}

void WindowNode::publishGauges() {
  if (bytesGauge_) bytesGauge_->set(static_cast<int64_t>(stateBytes()));
  if (openGauge_) openGauge_->set(static_cast<int64_t>(openWindows()));
  if (keysGauge_) keysGauge_->set(keys_.held());
}

size_t WindowNode::stateBytes() const {
  return keys_.bytes() + (layout_ ? layout_->sideBytes() : 0) + kindStateBytes();
}

}  // namespace sc::window
