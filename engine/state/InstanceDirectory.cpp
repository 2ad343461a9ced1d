#include "engine/state/InstanceDirectory.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <optional>
#include <utility>

#include "engine/runtime/Identifiers.h"

namespace sc::state {
namespace {

namespace fs = std::filesystem;

constexpr const char* kLockFile = "lock";

std::string safeName(const std::string& name) {
  std::string safe = portableName(name);
  if (safe.empty() || safe == "." || safe == "..") safe = "instance";
  return safe;
}

// The lock of `dir` (made when missing): its fd, or -1 when another process holds it (errno
// EWOULDBLOCK) or it cannot be opened.
int lockDir(const fs::path& dir) {
  const std::string path = (dir / kLockFile).string();
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return -1;
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int saved = errno;
    ::close(fd);
    errno = saved;
    return -1;
  }
  return fd;
}

// "<host>-<pid>" -> pid
std::optional<int> pidOf(const std::string& name, const std::string& host) {
  if (name.size() <= host.size() + 1 || name.compare(0, host.size(), host) != 0 ||
      name[host.size()] != '-')
    return std::nullopt;
  const std::string digits = name.substr(host.size() + 1);
  if (digits.size() > 9) return std::nullopt;
  for (char c : digits)
    if (c < '0' || c > '9') return std::nullopt;
  return std::stoi(digits);
}

bool alive(int pid) {
  return ::kill(pid, 0) == 0 || errno == EPERM;
}

// The newest modification time of a file in `dir` (its own when empty).
fs::file_time_type newest(const fs::path& dir) {
  std::error_code ec;
  fs::file_time_type t = fs::last_write_time(dir, ec);
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code e2;
    const auto w = it->last_write_time(e2);
    if (!e2 && w > t) t = w;
  }
  return t;
}

}  // namespace

InstanceDirectory::InstanceDirectory(InstanceDirectory&& other) noexcept
    : path_(std::move(other.path_)),
      error_(std::move(other.error_)),
      notes_(std::move(other.notes_)),
      lockFd_(std::exchange(other.lockFd_, -1)) {}

InstanceDirectory& InstanceDirectory::operator=(InstanceDirectory&& other) noexcept {
  if (this != &other) {
    if (lockFd_ >= 0) ::close(lockFd_);
    path_ = std::move(other.path_);
    error_ = std::move(other.error_);
    notes_ = std::move(other.notes_);
    lockFd_ = std::exchange(other.lockFd_, -1);
  }
  return *this;
}

InstanceDirectory::~InstanceDirectory() {
  if (lockFd_ >= 0) ::close(lockFd_);
}

InstanceDirectory InstanceDirectory::open(const std::string& pipelineDir,
                                          const std::string& instance, bool explicitInstance,
                                          const std::string& host, int pid) {
  InstanceDirectory out;
  const fs::path root = fs::path(pipelineDir) / "scale-out";
  std::error_code ec;
  fs::create_directories(root, ec);
  if (ec) {
    out.error_ = "cannot create '" + root.string() + "': " + ec.message();
    return out;
  }
  const fs::path own = root / safeName(instance);
  if (!explicitInstance) {
    // Dead runners of this pipeline on this host: adopt the one with the newest checkpoint.
    const std::string safeHost = safeName(host);
    struct Candidate {
      fs::path dir;
      int fd;
      int pid;
      fs::file_time_type newest;
    };
    std::vector<Candidate> dead;
    for (fs::directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
      if (!it->is_directory()) continue;
      const auto deadPid = pidOf(it->path().filename().string(), safeHost);
      if (!deadPid || *deadPid == pid || alive(*deadPid)) continue;
      const int fd = lockDir(it->path());
      if (fd < 0) continue;  // a live runner holds it (or it is not ours to take)
      dead.push_back({it->path(), fd, *deadPid, newest(it->path())});
    }
    const Candidate* best = nullptr;
    for (const Candidate& c : dead)
      if (!best || c.newest > best->newest) best = &c;
    const auto staleBefore = fs::file_time_type::clock::now() - std::chrono::hours(24 * kStaleDays);
    for (const Candidate& c : dead) {
      if (&c == best) continue;
      if (c.newest < staleBefore) {
        fs::remove_all(c.dir, ec);
        if (!ec)
          out.notes_.push_back("removed '" + c.dir.string() + "' (a dead runner's, unused for " +
                               std::to_string(kStaleDays) + " days)");
      }
      ::close(c.fd);
    }
    if (best) {
      // Renamed after this runner, so the name tells a live runner's folder (the lock goes
      // with the file).
      fs::rename(best->dir, own, ec);
      if (ec) {
        out.error_ =
            "cannot rename '" + best->dir.string() + "' to '" + own.string() + "': " + ec.message();
        ::close(best->fd);
        return out;
      }
      out.lockFd_ = best->fd;
      out.path_ = own.string();
      out.notes_.push_back("adopted the local checkpoints of pid " + std::to_string(best->pid) +
                           " (no longer running) from '" + best->dir.string() + "'");
      return out;
    }
  }
  fs::create_directories(own, ec);
  if (ec) {
    out.error_ = "cannot create '" + own.string() + "': " + ec.message();
    return out;
  }
  out.lockFd_ = lockDir(own);
  if (out.lockFd_ < 0) {
    out.error_ = errno == EWOULDBLOCK
                     ? "another runner with instance '" + instance +
                           "' is running on this host (it holds '" + (own / kLockFile).string() +
                           "'); give each runner its own --instance"
                     : "cannot lock '" + (own / kLockFile).string() + "': " + std::strerror(errno);
    return out;
  }
  out.path_ = own.string();
  return out;
}

std::string InstanceDirectory::clear() const {
  if (path_.empty()) return {};
  std::error_code ec;
  for (fs::directory_iterator it(path_, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().filename() == kLockFile) continue;
    std::error_code e2;
    fs::remove_all(it->path(), e2);
    if (e2) return "cannot remove '" + it->path().string() + "': " + e2.message();
  }
  return {};
}

}  // namespace sc::state
