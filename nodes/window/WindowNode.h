#pragma once
// What every window node does, whatever its kind: read properties, request watermarks, turn
// each batch's keys into key ids, fold values into aggregate records column by column, route
// late records, and build output records in place. The kind (panes for tumbling and hopping,
// merging sessions) decides which record each row folds into and when windows fire.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "engine/runtime/Node.h"
#include "engine/runtime/WatermarkGenerator.h"
#include "nodes/state/KeyEncoder.h"
#include "nodes/state/KeyTable.h"
#include "nodes/window/AggregateLayout.h"
#include "nodes/window/WindowOptions.h"

namespace sc {
struct Gauge;
namespace expr {
class Expression;
class EvalScratch;
}  // namespace expr
}  // namespace sc

namespace sc::window {

// Keyed state lives in nodes/state, for any stateful node.
using keyed::hashKey;
using keyed::KeyEncoder;
using keyed::KeyTable;
using keyed::KeyView;

class WindowNode : public Node {
 public:
  explicit WindowNode(WindowKind kind);
  ~WindowNode() override;

  void configure(const NodeConfig& config, PlanContext& plan) override;
  // Chained after another window: stamp input records with `timestamp` here (see Node).
  void setInputEventTime(const WatermarkStrategy& strategy) override;
  void open(RunContext& ctx) override;
  void process(int port, Batch* batch, Emitter& out) override;
  void onWatermark(int64_t watermarkMs, Emitter& out) override;
  int64_t tickIntervalMs() const override;
  void onTick(int64_t nowMs, Emitter& out) override;
  void finish(Emitter& out) override;

  // Checkpoints. onBarrier() flushes pending output, so a snapshot never holds output: only
  // keys, windows with their aggregates (side objects included), time reached, sequence
  // numbers, late counts and early-emission bookkeeping. The encoding is deterministic: the same
  // state gives the same bytes, and a restored node snapshots to the bytes it was restored from.
  void onBarrier(uint64_t checkpointId, Emitter& out) override;
  bool hasState() const override { return true; }
  void snapshotState(uint64_t checkpointId, state::StateWriter& out) override;
  // Replaces all state; refuses (state::StateError) snapshots of another configuration (see
  // stateFingerprint) and damaged ones, leaving the node empty.
  void restoreState(state::StateReader& in) override;

  // Wall clock (epoch ms) for processing time; tests substitute their own.
  void setClock(std::function<int64_t()> clock) { clock_ = std::move(clock); }
  const WindowOptions& options() const { return options_; }
  // Bytes held by window state (keys, records, side objects) and the number of keys in it.
  size_t stateBytes() const;
  void publishGauges();  // window_state_bytes, open_windows, window_keys
  std::chrono::steady_clock::time_point bytesPublished_{};  // per batch: bytes at most every 250 ms
  uint32_t keyCount() const { return keys_.held(); }
  uint64_t lateDropped() const { return lateDropped_; }

 protected:
  // Reads kind-specific options (sizes are in options()).
  virtual void configureKind() {}
  // Points recs[r] at the record row r folds into, or marks late[r] = 1 (recs[r] = null) when
  // every window of the row is past its allowed lateness at time().
  virtual void assign(uint32_t n, const uint32_t* keyIds, const int64_t* times, uint8_t** recs,
                      uint8_t* late) = 0;
  // After the batch's values are folded in: re-emit fired windows that late rows updated.
  virtual void afterBatch() {}
  // Time (the watermark, or the clock) reached `to` (> time()): fire windows whose end - 1 <= to
  // and drop state past end - 1 + allowed lateness. time() still returns the previous value.
  virtual void advanceTo(int64_t to) = 0;
  // Current results of open windows updated since the last call (emit: <interval>).
  virtual void emitUpdates() = 0;
  virtual size_t kindStateBytes() const = 0;
  // Windows currently open (panes of tumbling and hopping windows, live sessions): shown by
  // the designer.
  virtual size_t openWindows() const = 0;
  // The kind's windows for checkpoints (keys() is saved before and loaded before loadKind, which
  // retains the keys its records refer to).
  virtual void saveKind(state::StateWriter& out) const = 0;
  virtual void loadKind(state::StateReader& in) = 0;
  // Forgets the kind's windows without releasing their records (the layout is replaced next).
  virtual void clearKind() = 0;

  // The time windows have fired up to: the last watermark or clock reading (INT64_MIN at first).
  int64_t time() const { return time_; }
  bool earlyResults() const { return options_.emitIntervalMs > 0; }
  AggregateLayout& layout() { return *layout_; }
  const AggregateLayout& layout() const { return *layout_; }
  KeyTable& keys() { return keys_; }
  const KeyTable& keys() const { return keys_; }
  // A new record for `keyId`: initialised, and the key retained.
  void initRecord(uint8_t* rec, uint32_t keyId) {
    layout_->init(rec);
    keys_.retain(keyId);
  }
  // Gives back a record's side objects and its key reference.
  void releaseRecord(uint8_t* rec, uint32_t keyId) {
    layout_->release(rec);
    keys_.release(keyId);
  }
  // Appends one output record {window_start, window_end, key, aggregates...}.
  void writeResult(int64_t start, int64_t end, uint32_t keyId, const uint8_t* rec);

  WindowOptions options_;

 private:
  void advance(int64_t to);
  // Sends the rows marked noEventTime to `late` (or counts them); the rest, or null when none.
  Batch* separateUntimed(Batch* batch, uint32_t untimed, Emitter& out);
  void countLateDropped(uint32_t count);
  // process() once every row has its time in times_.
  void processTimed(Batch* batch, Emitter& out);
  void flush();
  void clearState();
  void updateGauges();
  const Value* column(const expr::Expression& e, int32_t fieldSlot, expr::EvalScratch& scratch,
                      const Batch& b);
  void ensureScratch(uint32_t n);

  struct Compiled {
    std::unique_ptr<expr::Expression> expr;
    int32_t fieldSlot = -1;  // a bare field reads the batch column directly
    std::unique_ptr<expr::EvalScratch> scratch;
  };

  WatermarkGenerator inputTime_;  // enabled when chained after another window
  KeyTable keys_;
  KeyEncoder encoder_;
  std::unique_ptr<AggregateLayout> layout_;
  std::vector<Compiled> keyExprs_;
  std::vector<Compiled> inputExprs_;
  uint32_t startSlot_ = 0, endSlot_ = 0, keySlot_ = 0;
  std::vector<uint32_t> outputSlots_;

  int64_t time_ = INT64_MIN;
  uint64_t seq_ = 0;
  int64_t lastUpdatesMs_ = INT64_MIN;
  uint64_t lateDropped_ = 0;
  bool warnedLate_ = false;
  std::string nodeId_;
  std::string fingerprint_;
  std::function<int64_t()> clock_;

  Emitter* out_ = nullptr;
  Batch* pending_ = nullptr;

  std::vector<uint32_t> keyIds_;
  std::vector<uint64_t> hashes_;
  std::vector<int64_t> times_;
  std::vector<uint8_t*> recs_;
  std::vector<uint8_t> late_;
  std::vector<const Value*> keyColumns_;

  Gauge* lateGauge_ = nullptr;
  Gauge* keysGauge_ = nullptr;
  Gauge* bytesGauge_ = nullptr;
  Gauge* openGauge_ = nullptr;
};

}  // namespace sc::window
