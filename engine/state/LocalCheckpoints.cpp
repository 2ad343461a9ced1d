#include "engine/state/LocalCheckpoints.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <sstream>

#include "engine/state/StateCodec.h"

namespace sc::state {
namespace {

namespace fs = std::filesystem;

constexpr const char* kTokenFile = "token";
constexpr std::string_view kPrefix = "sc:chk=";
constexpr std::string_view kDir = ";dir=";

bool validToken(std::string_view t) {
  if (t.size() != 16) return false;
  for (char c : t)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

std::string makeToken() {
  std::random_device random;
  const uint64_t v =
      (uint64_t(random()) << 32) ^ random() ^
      static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
  static const char digits[] = "0123456789abcdef";
  std::string t(16, '0');
  for (int i = 0; i < 16; ++i)
    t[size_t(i)] = digits[(v >> (4 * i)) & 15];
  return t;
}

}  // namespace

LocalCheckpoints::LocalCheckpoints(std::string dir) : dir_(std::move(dir)) {
  const fs::path path = fs::path(dir_) / kTokenFile;
  {
    std::ifstream in(path);
    std::string t;
    if (in && std::getline(in, t) && validToken(t)) {
      token_ = t;
      return;
    }
  }
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec) {
    error_ = "cannot create '" + dir_ + "': " + ec.message();
    return;
  }
  const std::string t = makeToken();
  const std::string tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << t << "\n";
    out.flush();
    if (!out) {
      error_ = "cannot write '" + tmp + "'";
      return;
    }
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    error_ = "cannot rename '" + tmp + "' into '" + path.string() + "'";
    ::unlink(tmp.c_str());
    return;
  }
  token_ = t;
}

std::string LocalCheckpoints::commitMetadata(uint64_t id) {
  if (token_.empty() || id == 0) return {};
  {
    std::lock_guard lock(mutex_);
    named_.insert(id);
  }
  return std::string(kPrefix) + std::to_string(id) + std::string(kDir) + token_;
}

std::optional<LocalCheckpoints::Mark> LocalCheckpoints::parseMetadata(std::string_view m) {
  if (m.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  m.remove_prefix(kPrefix.size());
  const size_t sep = m.find(kDir);
  if (sep == std::string_view::npos) return std::nullopt;
  Mark mark;
  const auto [end, ec] = std::from_chars(m.data(), m.data() + sep, mark.id);
  if (ec != std::errc() || end != m.data() + sep || mark.id == 0) return std::nullopt;
  const std::string_view token = m.substr(sep + kDir.size());
  if (!validToken(token)) return std::nullopt;
  mark.token = std::string(token);
  return mark;
}

std::shared_ptr<const Checkpoint> LocalCheckpoints::load(uint64_t id) {
  std::lock_guard lock(mutex_);
  for (const auto& [cached, c] : cache_)
    if (cached == id) return c;
  const CheckpointStore store(dir_);
  const std::string path = store.pathOf(id);
  std::ifstream in(path, std::ios::binary);
  if (!in) return nullptr;
  std::stringstream buf;
  buf << in.rdbuf();
  std::shared_ptr<const Checkpoint> c;
  try {
    auto decoded = std::make_shared<Checkpoint>(decodeCheckpoint(buf.str(), path));
    if (decoded->id != id) return nullptr;
    c = std::move(decoded);
  } catch (const StateError&) {
    return nullptr;
  }
  cache_.emplace_back(id, c);
  if (cache_.size() > 2) cache_.erase(cache_.begin());
  return c;
}

void LocalCheckpoints::noteCommitted(uint64_t through) {
  std::lock_guard lock(mutex_);
  auto it = named_.upper_bound(through);
  if (it == named_.begin()) return;
  committed_ = std::max(committed_, *std::prev(it));
  named_.erase(named_.begin(), it);
}

uint64_t LocalCheckpoints::committed() const {
  std::lock_guard lock(mutex_);
  return committed_;
}

void LocalCheckpoints::decide(const std::string& topic, int32_t partition, Decision decision) {
  std::lock_guard lock(mutex_);
  decisions_[{topic, partition}] = std::move(decision);
}

std::optional<LocalCheckpoints::Decision> LocalCheckpoints::decision(const std::string& topic,
                                                                     int32_t partition) const {
  std::lock_guard lock(mutex_);
  auto it = decisions_.find({topic, partition});
  if (it == decisions_.end()) return std::nullopt;
  return it->second;
}

}  // namespace sc::state
