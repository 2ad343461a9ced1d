#pragma once
// Session windows (Flink's merging windows): each record opens the window [t, t + gap); windows
// of one key that overlap merge into one session, whose state is the merge of theirs. Unlike
// Flink, windows that merely touch do not merge (records exactly `gap` apart start a new
// session): Flink's rule would make the result depend on arrival order when such a record comes
// after the earlier session fired. A session [start, last + gap) fires when the time passes its end
// - 1 and is dropped after its allowed lateness; a record that extends a fired session (within the
// lateness) fires it again. Fire times sit in a min-heap with lazy re-scheduling: a session
// extended by in-order data does not touch the heap until its old fire time comes up.

#include <queue>
#include <vector>

#include "nodes/window/RecordStore.h"
#include "nodes/window/WindowNode.h"

namespace sc::window {

class MergingWindowNode : public WindowNode {
 public:
  using WindowNode::WindowNode;
  ~MergingWindowNode() override;

 protected:
  void configureKind() override;
  void assign(uint32_t n, const uint32_t* keyIds, const int64_t* times, uint8_t** recs,
              uint8_t* late) override;
  void afterBatch() override;
  void advanceTo(int64_t to) override;
  void emitUpdates() override;
  size_t kindStateBytes() const override;
  size_t openWindows() const override {
    return sessions_.size() > free_.size() ? sessions_.size() - free_.size() : 0;
  }
  void saveKind(state::StateWriter& out) const override;
  void loadKind(state::StateReader& in) override;
  void clearKind() override;

 private:
  static constexpr uint32_t kNil = UINT32_MAX;
  struct Session {
    int64_t start = 0;
    int64_t end = 0;      // exclusive: last event time + gap
    int64_t pending = 0;  // time of the session's one valid heap entry
    uint32_t keyId = 0;
    uint32_t next = kNil;     // next session of the same key, by start
    uint32_t forward = kNil;  // merged into this session during the current batch
    uint32_t gen = 0;
    bool live = false;
    bool updated = false;  // changed since its result was last emitted
    bool dirty = false;    // queued for the next early emission
    bool touched = false;  // changed in the current batch
  };
  struct Entry {
    int64_t time;
    uint32_t session;
    uint32_t gen;
    bool operator>(const Entry& o) const {
      return time != o.time         ? time > o.time
             : session != o.session ? session > o.session
                                    : gen > o.gen;
    }
  };

  uint32_t newSession(uint32_t keyId, int64_t start, int64_t end);
  void schedule(uint32_t s, int64_t at);
  void touch(uint32_t s);
  void unlink(uint32_t s);
  void free(uint32_t s);
  void emit(uint32_t s);

  int64_t gap_ = 0;
  std::vector<Session> sessions_;
  std::unique_ptr<RecordStore> records_;
  std::vector<uint32_t> free_;
  std::vector<uint32_t> merged_;  // merged away this batch; freed after the batch's updates
  std::vector<uint32_t> touched_;
  std::vector<uint32_t> dirty_;
  std::vector<uint32_t> rowSession_;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue_;
};

}  // namespace sc::window
