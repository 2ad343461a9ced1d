#include "engine/state/CheckpointStore.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/runtime/FaultPoint.h"
#include "engine/state/StateCodec.h"

namespace sc::state {
namespace {

namespace fs = std::filesystem;

constexpr char kMagic[4] = {'S', 'C', 'C', 'K'};
constexpr uint32_t kFormatVersion = 1;
// The record of a finished run (CheckpointStore::markFinished); not a chk-<id>.sc name.
constexpr const char* kFinishedFile = "finished";

std::array<uint32_t, 256> makeCrcTable() {
  std::array<uint32_t, 256> t{};
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i;
    for (int k = 0; k < 8; ++k)
      c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    t[i] = c;
  }
  return t;
}

std::string errnoText(const std::string& what, const std::string& path) {
  return what + " '" + path + "': " + std::strerror(errno);
}

bool writeAllFd(int fd, const std::string& data) {
  size_t done = 0;
  while (done < data.size()) {
    ssize_t w = ::write(fd, data.data() + done, data.size() - done);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    done += size_t(w);
  }
  return true;
}

bool fsyncDir(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return false;
  bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

// chk-<id>.sc -> id
std::optional<uint64_t> idOf(const std::string& name) {
  if (name.rfind("chk-", 0) != 0 || name.size() < 8 || name.substr(name.size() - 3) != ".sc")
    return std::nullopt;
  std::string digits = name.substr(4, name.size() - 7);
  if (digits.empty() || digits.size() > 19 ||
      !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  return std::stoull(digits);
}

}  // namespace

uint32_t crc32(const void* data, size_t size, uint32_t crc) {
  static const std::array<uint32_t, 256> table = makeCrcTable();
  const auto* p = static_cast<const uint8_t*>(data);
  crc = ~crc;
  for (size_t i = 0; i < size; ++i)
    crc = table[(crc ^ p[i]) & 0xff] ^ (crc >> 8);
  return ~crc;
}

size_t Checkpoint::bytes() const {
  size_t n = 0;
  for (const auto& [id, b] : parts)
    n += id.size() + b.size();
  return n;
}

std::string encodeCheckpoint(const Checkpoint& c) {
  StateWriter w;
  w.raw(kMagic, 4);
  w.u32(kFormatVersion);
  w.u64(c.id);
  w.str(c.pipelineName);
  w.u64(c.graphHash);
  w.i64(c.createdMs);
  w.u8(static_cast<uint8_t>((c.savepoint ? 1 : 0) | (c.finished ? 2 : 0)));
  w.u32(static_cast<uint32_t>(c.parts.size()));
  for (const auto& [id, bytes] : c.parts) {
    w.str(id);
    w.u64(bytes.size());
    w.raw(bytes.data(), bytes.size());
  }
  std::string image = w.take();
  uint32_t crc = crc32(image.data(), image.size());
  image.append(reinterpret_cast<const char*>(&crc), 4);
  return image;
}

Checkpoint decodeCheckpoint(const std::string& image, const std::string& what) {
  if (image.size() < 4 + 4 + 4)
    throw StateError(what + ": too short to be a checkpoint (" + std::to_string(image.size()) +
                     " bytes)");
  if (std::memcmp(image.data(), kMagic, 4) != 0)
    throw StateError(what + ": not a StreamCanvas checkpoint (bad magic)");
  uint32_t stored;
  std::memcpy(&stored, image.data() + image.size() - 4, 4);
  if (crc32(image.data(), image.size() - 4) != stored)
    throw StateError(what + ": checksum mismatch (the file is damaged or was cut short)");
  StateReader r(std::string_view(image.data() + 4, image.size() - 8), what);
  uint32_t version = r.u32();
  if (version != kFormatVersion)
    throw StateError(what + ": format version " + std::to_string(version) +
                     " is not supported (this build reads version " +
                     std::to_string(kFormatVersion) + ")");
  Checkpoint c;
  c.id = r.u64();
  c.pipelineName = r.str();
  c.graphHash = r.u64();
  c.createdMs = r.i64();
  uint8_t flags = r.u8();
  c.savepoint = flags & 1;
  c.finished = flags & 2;
  uint32_t n = r.count(12);
  c.parts.reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    std::string id = r.str();
    uint64_t size = r.u64();
    if (size > r.remaining()) r.fail("a snapshot of " + std::to_string(size) + " bytes");
    c.parts.emplace_back(std::move(id), std::string(r.view(size)));
  }
  r.expectEnd();
  return c;
}

std::string CheckpointStore::pathOf(uint64_t id) const {
  return (fs::path(dir_) / ("chk-" + std::to_string(id) + ".sc")).string();
}

std::string CheckpointStore::write(const Checkpoint& c, size_t* bytesWritten, uint64_t keepFrom) {
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec) return "cannot create checkpoint directory '" + dir_ + "': " + ec.message();
  const std::string image = encodeCheckpoint(c);
  const std::string path = pathOf(c.id);
  const std::string tmp = path + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return errnoText("cannot create", tmp);
  if (!writeAllFd(fd, image) || ::fsync(fd) != 0) {
    std::string e = errnoText("cannot write", tmp);
    ::close(fd);
    ::unlink(tmp.c_str());
    return e;
  }
  if (::close(fd) != 0) {
    std::string e = errnoText("cannot close", tmp);
    ::unlink(tmp.c_str());
    return e;
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    std::string e = errnoText("cannot rename into", path);
    ::unlink(tmp.c_str());
    return e;
  }
  if (!fsyncDir(dir_)) return errnoText("cannot sync directory", dir_);
  if (bytesWritten) *bytesWritten = image.size();
  std::vector<uint64_t> all = ids();
  if (all.size() > size_t(kKeep))
    for (size_t i = 0; i + kKeep < all.size(); ++i)
      if (all[i] < c.id && (all[i] < keepFrom || i + kMaxKeep < all.size()))
        ::unlink(pathOf(all[i]).c_str());
  return {};
}

std::vector<uint64_t> CheckpointStore::ids() const {
  std::vector<uint64_t> out;
  std::error_code ec;
  for (fs::directory_iterator it(dir_, ec), end; !ec && it != end; it.increment(ec))
    if (auto id = idOf(it->path().filename().string())) out.push_back(*id);
  std::sort(out.begin(), out.end());
  return out;
}

CheckpointStore::Loaded CheckpointStore::loadLatest(std::optional<uint64_t> maxId) const {
  Loaded out;
  std::vector<uint64_t> all = ids();
  for (auto it = all.rbegin(); it != all.rend(); ++it) {
    if (maxId && *it > *maxId) continue;
    const std::string path = pathOf(*it);
    std::ifstream in(path, std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    if (!in) {
      out.warnings.push_back("cannot read checkpoint '" + path + "'; using an older one");
      continue;
    }
    try {
      Checkpoint c = decodeCheckpoint(buf.str(), path);
      if (c.id != *it) throw StateError(path + ": holds checkpoint " + std::to_string(c.id));
      out.checkpoint = std::move(c);
      out.path = path;
      return out;
    } catch (const StateError& e) {
      out.warnings.push_back(std::string(e.what()) + "; using an older checkpoint");
    }
  }
  return out;
}

std::string CheckpointStore::removeCheckpoints() const {
  std::error_code ec;
  const std::vector<uint64_t> all = ids();
  for (uint64_t id : all) {
    fs::remove(pathOf(id), ec);
    if (ec) return "cannot remove checkpoints in '" + dir_ + "': " + ec.message();
    faultPoint("checkpoint.removed");
  }
  // Nothing removed, nothing to make durable: a directory fsync costs up to tens of ms on a
  // busy disk, at every --fresh start.
  if (!all.empty()) fsyncDir(dir_);
  faultPoint("checkpoints.removed");
  return {};
}

std::string CheckpointStore::removeAll() const {
  if (std::string error = removeCheckpoints(); !error.empty()) return error;
  // The record goes last: a crash before it leaves a finished run, output untouched.
  const fs::path marker = fs::path(dir_) / kFinishedFile;
  std::error_code ec;
  if (fs::remove(marker, ec)) fsyncDir(dir_);
  if (ec) return "cannot remove '" + marker.string() + "': " + ec.message();
  return {};
}

std::string CheckpointStore::markFinished(const FinishedRun& run) const {
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec) return "cannot create checkpoint directory '" + dir_ + "': " + ec.message();
  const std::string path = (fs::path(dir_) / kFinishedFile).string();
  const std::string tmp = path + ".tmp";
  std::string name = run.pipelineName;
  std::replace(name.begin(), name.end(), '\n', ' ');
  const std::string text = "pipeline=" + name + "\ngraph=" + std::to_string(run.graphHash) +
                           "\ncheckpoint=" + std::to_string(run.lastCheckpoint) +
                           "\nfinished_ms=" + std::to_string(run.finishedMs) + "\n";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return errnoText("cannot create", tmp);
  const bool written = writeAllFd(fd, text) && ::fsync(fd) == 0;
  std::string error = written ? "" : errnoText("cannot write", tmp);
  if (::close(fd) != 0 && error.empty()) error = errnoText("cannot close", tmp);
  if (error.empty() && ::rename(tmp.c_str(), path.c_str()) != 0)
    error = errnoText("cannot rename into", path);
  if (!error.empty()) {
    ::unlink(tmp.c_str());
    return error;
  }
  // The record must be on disk before the first checkpoint goes.
  if (!fsyncDir(dir_)) return errnoText("cannot sync directory", dir_);
  faultPoint("run.finished.recorded");
  return removeCheckpoints();
}

std::optional<CheckpointStore::FinishedRun> CheckpointStore::finishedRun() const {
  const fs::path path = fs::path(dir_) / kFinishedFile;
  std::error_code ec;
  if (!fs::exists(path, ec)) return std::nullopt;
  FinishedRun run;
  std::ifstream in(path);
  std::string line;
  // A number that does not parse (damage) stays 0: the run counts as finished all the same.
  auto number = [](const std::string& text, auto& into) {
    auto parsed = into;
    const char* end = text.data() + text.size();
    const auto result = std::from_chars(text.data(), end, parsed);
    if (result.ec == std::errc() && result.ptr == end) into = parsed;
  };
  while (std::getline(in, line)) {
    const auto eq = line.find('=');
    if (eq == std::string::npos) continue;
    const std::string key = line.substr(0, eq), value = line.substr(eq + 1);
    if (key == "pipeline")
      run.pipelineName = value;
    else if (key == "graph")
      number(value, run.graphHash);
    else if (key == "checkpoint")
      number(value, run.lastCheckpoint);
    else if (key == "finished_ms")
      number(value, run.finishedMs);
  }
  return run;
}

std::string defaultCheckpointDir(const std::string& pipelineName) {
  std::string base;
  if (const char* xdg = std::getenv("XDG_STATE_HOME"); xdg && *xdg)
    base = xdg;
  else if (const char* home = std::getenv("HOME"); home && *home)
    base = std::string(home) + "/.local/state";
  else
    base = "/tmp";
  std::string safe;
  for (char ch : pipelineName)
    safe += (std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_' || ch == '.')
                ? ch
                : '_';
  if (safe.empty() || safe == "." || safe == "..") safe = "pipeline";
  return base + "/streamcanvas/" + safe;
}

}  // namespace sc::state
