#pragma once
// Checkpoint files: one file per completed checkpoint in the pipeline's checkpoint directory,
// written atomically (temporary file, fsync, rename, fsync of the directory) so a crash leaves
// either the old set or the new one. Each file carries a format version, the pipeline's name,
// a hash of its graph, the checkpoint id and every participating node's snapshot, and ends with
// a CRC-32 of everything before it, so a damaged or partial file is detected and skipped.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sc::state {

struct Checkpoint {
  uint64_t id = 0;
  std::string pipelineName;
  uint64_t graphHash = 0;
  int64_t createdMs = 0;   // wall clock when it completed
  bool savepoint = false;  // taken by a stop: open windows are in it, nothing was drained
  bool finished = false;   // every source had reached its end
  std::vector<std::pair<std::string, std::string>> parts;  // node id -> snapshot bytes

  const std::string* part(const std::string& nodeId) const {
    for (const auto& [id, bytes] : parts)
      if (id == nodeId) return &bytes;
    return nullptr;
  }
  size_t bytes() const;
};

// Encoding (exposed for tests): throws StateError on a damaged image.
std::string encodeCheckpoint(const Checkpoint& c);
Checkpoint decodeCheckpoint(const std::string& image, const std::string& what = "checkpoint");

uint32_t crc32(const void* data, size_t size, uint32_t crc = 0);

class CheckpointStore {
 public:
  static constexpr int kKeep = 3;
  static constexpr int kMaxKeep = 20;  // with keepFrom

  explicit CheckpointStore(std::string dir) : dir_(std::move(dir)) {}
  const std::string& dir() const { return dir_; }

  // Writes `c` as chk-<id>.sc atomically and removes all but the newest kKeep, except those at
  // or after `keepFrom` (up to kMaxKeep in all). Returns an error message (empty on success);
  // the directory is created when missing.
  std::string write(const Checkpoint& c, size_t* bytesWritten = nullptr,
                    uint64_t keepFrom = UINT64_MAX);

  struct Loaded {
    std::optional<Checkpoint> checkpoint;
    std::string path;
    std::vector<std::string> warnings;  // damaged files that were skipped, newest first
  };
  // The newest checkpoint that decodes, skipping damaged ones with a warning each; `maxId`
  // (when set) skips newer ones (a sink may know that the newest was never committed).
  Loaded loadLatest(std::optional<uint64_t> maxId = std::nullopt) const;
  // Checkpoint ids present, oldest first (damaged files included).
  std::vector<uint64_t> ids() const;

  // A run that read every input to its end. Its record (the file `finished` in the directory)
  // stays until --fresh: a later start finds it and leaves the run's output alone instead of
  // starting over, even when the process died during the removal of the checkpoints or before
  // its exit (a start cannot tell that from a clean exit).
  struct FinishedRun {
    std::string pipelineName;
    uint64_t graphHash = 0;  // of the graph that ran (a changed graph is another run)
    uint64_t lastCheckpoint = 0;
    int64_t finishedMs = 0;  // wall clock
  };
  // Records `run` durably, then removes every checkpoint file: a crash at any step leaves the
  // final checkpoint (whose restore reads nothing new) or the record. Returns an error message.
  std::string markFinished(const FinishedRun& run) const;
  // The record of a finished run, if there is one (an unreadable one counts, with its fields
  // 0: the run finished, its graph unknown).
  std::optional<FinishedRun> finishedRun() const;
  // Removes every checkpoint file, keeping the record of a finished run (completes a removal a
  // crash interrupted).
  std::string removeCheckpoints() const;
  // Removes every checkpoint file and the record of a finished run (--fresh).
  std::string removeAll() const;

  std::string pathOf(uint64_t id) const;

 private:
  std::string dir_;
};

// Where checkpoints of `pipelineName` go by default: $XDG_STATE_HOME/streamcanvas/<name>, else
// ~/.local/state/streamcanvas/<name> (the name made safe for a file name).
std::string defaultCheckpointDir(const std::string& pipelineName);

}  // namespace sc::state
