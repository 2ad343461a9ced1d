#pragma once
// The byte encoding of node state in checkpoints: little-endian fixed-width integers, doubles by
// bit pattern, strings with a 32-bit length. A reader never trusts its input: every read checks
// the bounds and throws StateError with what was expected, so a damaged snapshot is refused with
// a message instead of crashing or restoring garbage.

#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>

namespace sc::state {

struct StateError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Thrown by a node's restoreState() when checkpoint `id` cannot be used because what it covers
// never became visible (a Kafka transaction that was aborted): restore one older than `id`.
struct CheckpointNotCommitted : std::runtime_error {
  CheckpointNotCommitted(uint64_t checkpointId, const std::string& what)
      : std::runtime_error(what), id(checkpointId) {}
  uint64_t id;
};

class StateWriter {
 public:
  StateWriter() = default;
  // Writes into `buffer`'s memory (cleared first): reusing the buffer of the previous snapshot
  // spares a large state the page faults of a fresh allocation.
  explicit StateWriter(std::string buffer) : buf_(std::move(buffer)) { buf_.clear(); }
  void u8(uint8_t v) { buf_.push_back(static_cast<char>(v)); }
  void u32(uint32_t v) { raw(&v, 4); }
  void u64(uint64_t v) { raw(&v, 8); }
  void i64(int64_t v) { raw(&v, 8); }
  void f64(double v) { raw(&v, 8); }
  void boolean(bool v) { u8(v ? 1 : 0); }
  void str(std::string_view s) {
    u32(static_cast<uint32_t>(s.size()));
    buf_.append(s.data(), s.size());
  }
  // Raw bytes without a length (the reader must know how many).
  void raw(const void* p, size_t n) { buf_.append(static_cast<const char*>(p), n); }

  // Room for `n` more bytes (a big snapshot then grows its buffer once).
  void reserve(size_t n) { buf_.reserve(buf_.size() + n); }
  size_t size() const { return buf_.size(); }
  const std::string& data() const { return buf_; }
  std::string take() { return std::move(buf_); }

 private:
  static_assert(sizeof(double) == 8);
  std::string buf_;
};

class StateReader {
 public:
  explicit StateReader(std::string_view data, std::string what = "state")
      : data_(data), what_(std::move(what)) {}

  uint8_t u8() { return static_cast<uint8_t>(*take(1)); }
  uint32_t u32() { return load<uint32_t>(); }
  uint64_t u64() { return load<uint64_t>(); }
  int64_t i64() { return load<int64_t>(); }
  double f64() { return load<double>(); }
  bool boolean() {
    uint8_t v = u8();
    if (v > 1) fail("a boolean");
    return v == 1;
  }
  std::string str() {
    uint32_t n = u32();
    return std::string(take(n), n);
  }
  std::string_view view(size_t n) { return std::string_view(take(n), n); }
  void raw(void* p, size_t n) {
    const char* from = take(n);
    if (n > 0) std::memcpy(p, from, n);  // p may be null then (an empty vector's data())
  }
  // A count of items about to be read, each at least `minBytes` long: refuses counts the
  // remaining bytes cannot hold, so a damaged count never allocates gigabytes.
  uint32_t count(size_t minBytes = 1) {
    uint32_t n = u32();
    if (minBytes > 0 && n > remaining() / minBytes)
      fail("a count of at most " + std::to_string(remaining() / minBytes));
    return n;
  }

  size_t remaining() const { return data_.size() - pos_; }
  bool atEnd() const { return pos_ == data_.size(); }
  void expectEnd() const {
    if (!atEnd())
      throw StateError(what_ + ": " + std::to_string(remaining()) +
                       " unexpected bytes after the end of the snapshot");
  }
  [[noreturn]] void fail(const std::string& expected) const {
    throw StateError(what_ + ": damaged snapshot at byte " + std::to_string(pos_) + " (expected " +
                     expected + ")");
  }

 private:
  const char* take(size_t n) {
    if (n > remaining())
      throw StateError(what_ + ": snapshot ends at byte " + std::to_string(data_.size()) + " but " +
                       std::to_string(n) + " more bytes were expected at byte " +
                       std::to_string(pos_));
    const char* p = data_.data() + pos_;
    pos_ += n;
    return p;
  }
  template <typename T>
  T load() {
    T v;
    std::memcpy(&v, take(sizeof(T)), sizeof(T));
    return v;
  }

  std::string_view data_;
  size_t pos_ = 0;
  std::string what_;
};

}  // namespace sc::state
