#pragma once
// Allocator for the big, randomly accessed window arrays (key index and entries, per-pane
// indexes, record chunks): blocks of 2 MiB and more are 2 MiB aligned and marked for
// transparent huge pages, so a million keys do not cost a TLB miss on top of every cache miss.

#include <sys/mman.h>

#include <cstddef>
#include <cstdlib>
#include <new>

namespace sc::keyed {

inline constexpr size_t kHugePage = size_t{2} << 20;

inline void* allocateLarge(size_t bytes) {
  if (bytes < kHugePage) return ::operator new(bytes);
  const size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
  void* p = std::aligned_alloc(kHugePage, rounded);
  if (!p) throw std::bad_alloc();
  madvise(p, rounded, MADV_HUGEPAGE);
  return p;
}

inline void freeLarge(void* p, size_t bytes) {
  if (bytes < kHugePage)
    ::operator delete(p);
  else
    std::free(p);
}

template <typename T>
struct HugePageAllocator {
  using value_type = T;
  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) {}
  T* allocate(size_t n) { return static_cast<T*>(allocateLarge(n * sizeof(T))); }
  void deallocate(T* p, size_t n) { freeLarge(p, n * sizeof(T)); }
  template <typename U>
  bool operator==(const HugePageAllocator<U>&) const {
    return true;
  }
};

}  // namespace sc::keyed
