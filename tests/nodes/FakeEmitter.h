#pragma once
// A test Emitter: hands out batches sized for a slot table and records, in order, what a node
// emits (data batches per port, watermarks), so tests drive nodes through the Node API alone.
// The emitter owns every batch it creates; batches handed to another node (its process())
// may be emitted or released through that node's emitter, so keep all emitters alive until the
// test ends.

#include <cstdint>
#include <memory>
#include <set>
#include <vector>

#include "engine/runtime/Node.h"

namespace sc::test {

class FakeEmitter final : public Emitter {
 public:
  struct Event {
    bool isWatermark = false;
    int port = 0;
    const Batch* batch = nullptr;  // data events
    int64_t watermark = 0;         // watermark events
  };

  explicit FakeEmitter(uint32_t slotCount, uint32_t capacity = Batch::kDefaultCapacity)
      : slotCount_(slotCount), capacity_(capacity) {}

  Batch* acquire() override {
    ++acquired_;
    if (!free_.empty()) {
      Batch* b = free_.back();
      free_.pop_back();
      return b;
    }
    owned_.push_back(std::make_unique<Batch>(capacity_, slotCount_));
    owned_.back()->serial = owned_.size();
    return owned_.back().get();
  }

  void emit(int port, Batch* batch) override {
    ++handedBack_;
    if (batch->empty()) {
      batch->clear();
      free_.push_back(batch);
      return;
    }
    events_.push_back({false, port, batch, 0});
  }

  void release(Batch* batch) override {
    ++handedBack_;
    batch->clear();
    free_.push_back(batch);
  }

  bool connected(int port) const override { return !disconnected_.count(port); }
  void setConnected(int port, bool on) {
    if (on)
      disconnected_.erase(port);
    else
      disconnected_.insert(port);
  }

  void emitWatermark(int64_t watermarkMs) override {
    events_.push_back({true, -1, nullptr, watermarkMs});
  }

  const std::vector<Event>& events() const { return events_; }

  std::vector<const Batch*> batches(int port = 0) const {
    std::vector<const Batch*> out;
    for (const auto& e : events_)
      if (!e.isWatermark && e.port == port) out.push_back(e.batch);
    return out;
  }

  // Emitted batches of `port` handed over for a downstream node's process(); they leave the
  // event list (watermarks stay).
  std::vector<Batch*> takeBatches(int port = 0) {
    std::vector<Batch*> out;
    std::vector<Event> rest;
    for (const auto& e : events_) {
      if (!e.isWatermark && e.port == port)
        out.push_back(const_cast<Batch*>(e.batch));
      else
        rest.push_back(e);
    }
    events_ = std::move(rest);
    return out;
  }

  uint64_t records(int port = 0) const {
    uint64_t n = 0;
    for (const Batch* b : batches(port))
      n += b->size();
    return n;
  }

  std::vector<int64_t> watermarks() const {
    std::vector<int64_t> out;
    for (const auto& e : events_)
      if (e.isWatermark) out.push_back(e.watermark);
    return out;
  }

  // Forgets the recorded events and recycles their batches.
  void clear() {
    for (const auto& e : events_) {
      if (e.isWatermark) continue;
      auto* b = const_cast<Batch*>(e.batch);
      b->clear();
      free_.push_back(b);
    }
    events_.clear();
  }

  // Batches acquired here minus batches emitted or released here: 0 when a node that only
  // emits batches it acquired from this emitter leaked none (batches passed in from another
  // emitter and released here count negative).
  int64_t outstanding() const { return int64_t(acquired_) - int64_t(handedBack_); }

 private:
  uint32_t slotCount_;
  uint32_t capacity_;
  std::vector<std::unique_ptr<Batch>> owned_;
  std::vector<Batch*> free_;
  std::vector<Event> events_;
  std::set<int> disconnected_;
  uint64_t acquired_ = 0;
  uint64_t handedBack_ = 0;
};

}  // namespace sc::test
