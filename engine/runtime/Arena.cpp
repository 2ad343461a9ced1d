#include "engine/runtime/Arena.h"

#include <algorithm>
#include <cstring>

namespace sc {

std::string_view Arena::copy(std::string_view s) {
  if (s.empty()) return {};
  char* p = allocate(s.size());
  std::memcpy(p, s.data(), s.size());
  return {p, s.size()};
}

std::string_view Arena::copyPadded(std::string_view s) {
  char* p = allocatePadded(s.size(), kPadding);
  if (!s.empty()) std::memcpy(p, s.data(), s.size());
  return {p, s.size()};
}

void Arena::reset() {
  current_ = 0;
  base_ = nullptr;
  pos_ = limit_ = 0;
  used_ = 0;
  // Keep at most a few chunks so one huge batch does not pin memory forever.
  if (chunks_.size() > 8) chunks_.resize(8);
}

size_t Arena::bytesReserved() const {
  size_t n = 0;
  for (const auto& c : chunks_)
    n += c.size;
  return n;
}

void Arena::nextChunk(size_t atLeast) {
  // Reuse the next kept chunk if it is large enough, else insert a fresh one.
  while (current_ < chunks_.size() && chunks_[current_].size < atLeast) {
    chunks_.erase(chunks_.begin() + static_cast<std::ptrdiff_t>(current_));
  }
  if (current_ == chunks_.size()) {
    size_t size = std::max(chunkSize_, atLeast);
    chunks_.push_back({std::make_unique<char[]>(size), size});
  }
  base_ = chunks_[current_].data.get();
  limit_ = chunks_[current_].size;
  pos_ = 0;
  ++current_;
}

}  // namespace sc
