#include "app/designer/WireWatch.h"

#include <algorithm>
#include <chrono>
#include <iterator>

#include "app/designer/RecordFilter.h"
#include "nodes/RecordJson.h"

namespace sc::designer {

namespace {

int64_t nowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

TapRecord copyRecord(JsonRecordWriter& writer, const Batch& batch, uint32_t row, int64_t now) {
  TapRecord out;
  writer.append(batch, row, out.json);
  const RecordMeta& m = batch.meta(row);
  out.topic = std::string(m.topic);
  out.partition = m.partition;
  out.offset = m.offset;
  if (m.hasKey) out.key = std::string(m.key);
  if (m.headerCount > 0) {
    out.headers.push_back('{');
    for (uint32_t h = 0; h < m.headerCount; ++h) {
      if (h > 0) out.headers.push_back(',');
      appendJsonString(out.headers, m.headers[h].name);
      out.headers.push_back(':');
      appendJsonString(out.headers, m.headers[h].value);
    }
    out.headers.push_back('}');
  }
  out.eventTime = m.timestamp;
  out.arrivalTime = now;
  return out;
}

// (Re)compiles `filter` when the text or the run (its slot table) changed; null: no condition
// or one that does not compile for this run.
void refreshFilter(const std::string& text, const SlotTable& slots,
                   std::unique_ptr<RecordFilter>& filter, const SlotTable*& compiledFor) {
  if (text.empty()) {
    filter.reset();
    compiledFor = nullptr;
    return;
  }
  if (filter && compiledFor == &slots && filter->text() == text) return;
  filter = RecordFilter::compile(text, slots, nullptr);
  compiledFor = &slots;
}

}  // namespace

WireTap::WireTap(int perBatch, int keep, int perTenth)
    : perBatch_(perBatch), keep_(keep), perTenth_(perTenth) {}

WireTap::~WireTap() = default;

void WireTap::onBatch(const Batch& batch, const SlotTable& slots) {
  const uint32_t n = batch.size();
  seen_.fetch_add(n, std::memory_order_relaxed);
  if (paused_.load(std::memory_order_relaxed) || n == 0) return;
  std::lock_guard lock(mutex_);
  const int64_t now = nowMs();
  int budget = std::min(perBatch_, keep_);
  if (perTenth_ > 0) {
    if (now - tenthStart_ >= 100) tenthStart_ = now, copiedInTenth_ = 0;
    budget = std::min(budget, perTenth_ - copiedInTenth_);
    if (budget <= 0) {  // enough shown for this 0.1 s: not even the filter runs
      sampled_.store(true, std::memory_order_relaxed);
      return;
    }
  }
  refreshFilter(filterText_, slots, filter_, filterSlots_);
  if (!filterText_.empty() && !filter_) return;  // does not compile for this run: shows nothing
  if (!writer_ || writerSlots_ != &slots) {
    writer_ = std::make_unique<JsonRecordWriter>(slots);
    writerSlots_ = &slots;
  }
  const std::vector<uint8_t>* verdict = filter_ ? &filter_->evaluate(batch) : nullptr;
  // Without a filter only the rows that can stay in the ring are copied.
  const uint32_t limit = uint32_t(budget);
  uint32_t r = !verdict && n > limit && perBatch_ >= keep_ ? n - limit : 0;
  bool left = r > 0;  // records the limits kept from being copied
  for (uint32_t copied = 0; r < n; ++r) {
    if (verdict && !(*verdict)[r]) continue;
    if (copied == limit) {
      left = true;
      break;
    }
    records_.push_back(copyRecord(*writer_, batch, r, now));
    ++copied;
    ++copiedInTenth_;
    if (records_.size() > size_t(keep_)) records_.pop_front();
  }
  if (left) sampled_.store(true, std::memory_order_relaxed);
}

std::vector<TapRecord> WireTap::take() {
  std::lock_guard lock(mutex_);
  std::vector<TapRecord> out(std::make_move_iterator(records_.begin()),
                             std::make_move_iterator(records_.end()));
  records_.clear();
  return out;
}

void WireTap::setFilter(const std::string& text) {
  std::lock_guard lock(mutex_);
  filterText_ = text;
}

std::string WireTap::filter() const {
  std::lock_guard lock(mutex_);
  return filterText_;
}

void WireTap::reset() {
  std::lock_guard lock(mutex_);
  records_.clear();
  seen_ = 0;
  sampled_ = false;
  filter_.reset();  // compiled for the slots of a run that is gone
  filterSlots_ = nullptr;
  writer_.reset();
  writerSlots_ = nullptr;
}

WireBreakpoint::WireBreakpoint() = default;

WireBreakpoint::~WireBreakpoint() = default;

void WireBreakpoint::setCondition(const std::string& text) {
  std::lock_guard lock(mutex_);
  conditionText_ = text;
}

std::string WireBreakpoint::condition() const {
  std::lock_guard lock(mutex_);
  return conditionText_;
}

void WireBreakpoint::reset() {
  std::lock_guard lock(mutex_);
  condition_.reset();
  conditionSlots_ = nullptr;
  verdict_ = nullptr;
  writer_.reset();
  writerSlots_ = nullptr;
  held_.reset();
}

std::optional<TapRecord> WireBreakpoint::heldRecord() const {
  std::lock_guard lock(mutex_);
  return held_;
}

int64_t WireBreakpoint::firstMatch(const Batch& batch, uint32_t from, bool firstInBatch,
                                   const SlotTable& slots) {
  std::lock_guard lock(mutex_);
  const RecordFilter* before = condition_.get();
  refreshFilter(conditionText_, slots, condition_, conditionSlots_);
  if (condition_.get() != before) verdict_ = nullptr;
  if (conditionText_.empty()) return from;
  if (!condition_) return -1;  // does not compile for this run: never holds
  if (firstInBatch || !verdict_) verdict_ = &condition_->evaluate(batch);
  for (uint32_t r = from; r < batch.size() && r < verdict_->size(); ++r)
    if ((*verdict_)[r]) return r;
  return -1;
}

void WireBreakpoint::onHold(const Batch& batch, uint32_t row, const SlotTable& slots) {
  std::lock_guard lock(mutex_);
  if (!writer_ || writerSlots_ != &slots) {
    writer_ = std::make_unique<JsonRecordWriter>(slots);
    writerSlots_ = &slots;
  }
  held_ = copyRecord(*writer_, batch, row, nowMs());
}

}  // namespace sc::designer
