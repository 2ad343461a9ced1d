#pragma once
// Chunked bump allocator for strings of one batch (or one evaluation). Pointers stay valid
// until reset(); reset() keeps the chunks so a recycled batch allocates nothing.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

namespace sc {

class Arena {
 public:
  // Bytes that may be read past the end of any padded allocation (simdjson needs 64).
  static constexpr size_t kPadding = 64;

  explicit Arena(size_t chunkSize = 64 * 1024) : chunkSize_(chunkSize) {}
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  char* allocate(size_t n) { return allocatePadded(n, 0); }
  // n bytes followed by at least `padding` readable bytes (contents unspecified).
  char* allocatePadded(size_t n, size_t padding) {
    if (pos_ + n + padding > limit_) nextChunk(n + padding);
    char* p = base_ + pos_;
    pos_ += n;
    used_ += n;
    return p;
  }
  // Uninitialised storage for n objects of trivially destructible type T.
  template <typename T>
  T* allocateArray(size_t n) {
    size_t misalign = reinterpret_cast<uintptr_t>(base_ + pos_) % alignof(T);
    size_t skip = misalign ? alignof(T) - misalign : 0;
    if (pos_ + skip + sizeof(T) * n > limit_) {
      nextChunk(sizeof(T) * n + alignof(T));
      misalign = reinterpret_cast<uintptr_t>(base_ + pos_) % alignof(T);
      skip = misalign ? alignof(T) - misalign : 0;
    }
    pos_ += skip;
    return reinterpret_cast<T*>(allocate(sizeof(T) * n));
  }
  std::string_view copy(std::string_view s);
  // Copy followed by kPadding readable bytes, as simdjson's parser requires.
  std::string_view copyPadded(std::string_view s);
  void reset();
  size_t bytesUsed() const { return used_; }
  size_t bytesReserved() const;

 private:
  void nextChunk(size_t atLeast);

  struct Chunk {
    std::unique_ptr<char[]> data;
    size_t size;
  };
  std::vector<Chunk> chunks_;
  size_t chunkSize_;
  size_t current_ = 0;  // index of the chunk in use + 1 (0: none yet)
  char* base_ = nullptr;
  size_t pos_ = 0;
  size_t limit_ = 0;
  size_t used_ = 0;
};

}  // namespace sc
