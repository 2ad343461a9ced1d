#pragma once
// Tumbling and hopping windows over panes: time is cut into panes of gcd(size, slide); each
// record folds into exactly one pane record per key, and a window's result merges the
// size/pane panes it covers when it fires. Work per record does not grow with size/slide.
// A tumbling window is the case pane == size (results come straight from the pane).

#include <map>
#include <memory>
#include <vector>

#include "nodes/window/RecordStore.h"
#include "nodes/window/WindowNode.h"

namespace sc::window {

class PaneWindowNode : public WindowNode {
 public:
  using WindowNode::WindowNode;
  ~PaneWindowNode() override;

 protected:
  void configureKind() override;
  void assign(uint32_t n, const uint32_t* keyIds, const int64_t* times, uint8_t** recs,
              uint8_t* late) override;
  void afterBatch() override;
  void advanceTo(int64_t to) override;
  void emitUpdates() override;
  size_t kindStateBytes() const override;
  size_t openWindows() const override { return panes_.size(); }
  void saveKind(state::StateWriter& out) const override;
  void loadKind(state::StateReader& in) override;
  void clearKind() override;

 private:
  struct Pane {
    explicit Pane(uint32_t stride) : records(stride) {}
    int64_t start = 0;
    uint64_t id = 0;  // unique per pane ever opened (keys cache the last pane they touched)
    RecordStore records;
    SlotIndex index;              // key id -> slot
    std::vector<uint32_t> keys;   // slot -> key id
    std::vector<uint32_t> dirty;  // slots updated since the last early emission
    std::vector<uint8_t> isDirty;
  };

  Pane* openPane(int64_t start);
  void dropPane(std::map<int64_t, std::unique_ptr<Pane>>::iterator it);
  // Window starts (multiples of slide) whose window contains time t: [firstStart, lastStart].
  int64_t firstStart(int64_t t) const;
  int64_t lastStart(int64_t t) const;
  // Emits every key of window [start, start + size).
  void fireWindow(int64_t start);
  // Emits the current result of one key in window [start, start + size).
  void emitKey(int64_t start, uint32_t keyId);

  int64_t size_ = 0, slide_ = 0, pane_ = 0;
  std::map<int64_t, std::unique_ptr<Pane>> panes_;
  std::vector<std::unique_ptr<Pane>> spare_;
  uint64_t nextPaneId_ = 0;

  // Pane of the previous row and what its time range implies.
  Pane* cachedPane_ = nullptr;
  int64_t cachedFrom_ = 1, cachedTo_ = 0;  // [from, to) of the cached pane
  bool cachedLate_ = false, cachedRefire_ = false;
  int64_t cachedAt_ = INT64_MIN;  // time() the flags were computed at

  std::vector<std::pair<int64_t, uint32_t>>
      refires_;  // (window start, key id) updated after firing

  // Scratch for merging panes into window results.
  std::unique_ptr<RecordStore> merged_;
  SlotIndex mergedIndex_;
  std::vector<uint32_t> mergedKeys_;
};

}  // namespace sc::window
