#pragma once
// Scale-out mode: the folder a runner keeps its local checkpoints in, one per runner instance:
// <pipeline's checkpoint folder>/scale-out/<instance>.
//
//  - An explicit instance (--instance, settings.instance) always has the same folder.
//  - The default instance (<hostname>-<pid>) changes with every start, so a starting runner
//    adopts the folder of a dead runner of the same pipeline on this host (a folder named
//    <hostname>-<pid> whose pid is not alive and whose lock is free), the one with the newest
//    checkpoint, and renames it after itself; else it makes its own.
//  - A lock (flock on the file `lock`, held while the process lives) keeps two live runners out
//    of one folder.
//  - Bound: a runner with the default instance makes a new folder only when every folder of a
//    default instance on this host belongs to a live runner, so there are never more of them
//    than runners of the pipeline ran at once on this host. Folders of dead default instances
//    whose newest file is older than 7 days are removed at a start (their state is stale).

#include <string>
#include <vector>

namespace sc::state {

class InstanceDirectory {
 public:
  InstanceDirectory() = default;
  InstanceDirectory(InstanceDirectory&& other) noexcept;
  InstanceDirectory& operator=(InstanceDirectory&& other) noexcept;
  InstanceDirectory(const InstanceDirectory&) = delete;
  InstanceDirectory& operator=(const InstanceDirectory&) = delete;
  ~InstanceDirectory();  // releases the lock

  // `pipelineDir`: the pipeline's checkpoint folder; `host`: this host's name (the default
  // instance is "<host>-<pid>"). On failure, error() says why and path() is empty.
  static InstanceDirectory open(const std::string& pipelineDir, const std::string& instance,
                                bool explicitInstance, const std::string& host, int pid);

  const std::string& path() const { return path_; }
  const std::string& error() const { return error_; }
  // For the log: which folder was adopted, which were removed.
  const std::vector<std::string>& notes() const { return notes_; }

  // Removes everything in the folder but the lock (--fresh): checkpoints and the token, so the
  // group's commits of earlier checkpoints never match the new ones.
  std::string clear() const;

  static constexpr int kStaleDays = 7;

 private:
  std::string path_, error_;
  std::vector<std::string> notes_;
  int lockFd_ = -1;
};

}  // namespace sc::state
