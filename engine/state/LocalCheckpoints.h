#pragma once
// Scale-out mode: this runner's local checkpoints as a fast path for restoring the window state
// of the partitions it gets back after a restart (docs/scale-out.md, "Local checkpoints").
//
// Kafka holds the truth (group offsets, changelog topics). A local checkpoint may serve a
// partition only when it is exactly the state the group committed: the sources' offset commits
// carry the checkpoint id and this folder's token in their metadata ("sc:chk=<id>;dir=<token>"),
// and a partition is restored locally only when the group's commit names checkpoint <id> of this
// folder and that checkpoint's offset for the partition equals the committed one. The source
// decides on assignment (it reads the commits); the window asks for the decision when it creates
// the partition's state. Thread-safe.

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/state/CheckpointStore.h"

namespace sc::state {

class LocalCheckpoints {
 public:
  static constexpr const char* kKey = "state.local-checkpoints";

  // `dir` holds the checkpoint files; its token (file `token`, 16 hex digits) is read, or made
  // when missing. A folder that cannot be written leaves error() set and the token empty.
  explicit LocalCheckpoints(std::string dir);

  const std::string& dir() const { return dir_; }
  const std::string& token() const { return token_; }
  const std::string& error() const { return error_; }

  // The offset metadata of a commit that checkpoint `id` covers (empty without a token).
  // Remembers `id` as named by a commit (see committed()).
  std::string commitMetadata(uint64_t id);
  struct Mark {
    std::string token;
    uint64_t id = 0;
  };
  // "sc:chk=<id>;dir=<token>" -> mark; anything else (a commit by an older version, by another
  // tool, by a plain consumer) -> nullopt.
  static std::optional<Mark> parseMetadata(std::string_view metadata);

  // Checkpoint `id` of this folder, decoded once (the last two asked for stay in memory);
  // nullptr when it is not there (removed, never written) or damaged.
  std::shared_ptr<const Checkpoint> load(uint64_t id);
  // The newest checkpoint a commit of this process named (commitMetadata) and that is known
  // to have committed (`through`: every checkpoint up to it committed); 0: none yet. The folder
  // keeps it and every newer one (CheckpointStore::write's keepFrom): commits lag behind
  // checkpoints, by several under load, and the one the group has is the one a restart uses.
  // A commit that carried no offsets (no partitions yet) names nothing, so a restarted runner
  // keeps the previous process's checkpoints until it commits offsets itself.
  void noteCommitted(uint64_t through);
  uint64_t committed() const;

  // Ids present, oldest first.
  std::vector<uint64_t> ids() const { return CheckpointStore(dir_).ids(); }

  // How a partition's state is to be restored, decided by its source on assignment.
  struct Decision {
    std::optional<uint64_t> local;  // restore from this local checkpoint; else the changelog
    std::string why;                // for the log: "matches the group's commit", "group ..."
  };
  void decide(const std::string& topic, int32_t partition, Decision decision);
  // The decision of the partition's newest assignment (nullopt: none made, e.g. no source
  // looked: the changelog).
  std::optional<Decision> decision(const std::string& topic, int32_t partition) const;

 private:
  std::string dir_, token_, error_;
  mutable std::mutex mutex_;
  std::vector<std::pair<uint64_t, std::shared_ptr<const Checkpoint>>> cache_;  // newest last
  std::map<std::pair<std::string, int32_t>, Decision> decisions_;
  std::set<uint64_t> named_;  // by commits not known to have committed yet
  uint64_t committed_ = 0;
};

}  // namespace sc::state
