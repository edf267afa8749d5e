// Growing a wasm program's memory ahead of a load (the Emscripten side of the platform layer).
#pragma once
#include <emscripten/heap.h>
#include <malloc.h>

#include <algorithm>

namespace ps {

// The memory a collection needs while loading, per byte of input: the bytes, the papers read
// from them and their index (measured at 100,000 papers: a 203 MB bundle peaks between 1.9
// and 2.1 times its size, arXiv, Semantic Scholar and CSL-JSON files at most 2.3 times).
constexpr double kLoadMemoryPerInputByte = 2.5;

// Bytes allocated in the wasm heap now (malloc's count; the memory may be bigger).
inline double allocated_bytes() {
  return static_cast<double>(mallinfo().uordblks);
}

// Grows the memory in one step so that `more` bytes beyond those allocated now fit. Left to
// itself the memory grows a fifth at a time while a collection loads, six times for a 200 MB
// bundle, and one of those steps can take 20 ms (in Node 20, a garbage collection it sets
// off). Memory not yet used is only address space. Small loads (a chunk, a resident part of
// a few MB) are left alone. If growing fails, the memory grows as it is needed, as before.
inline void grow_memory_for(double more) {
  if (more < 64.0 * 1024 * 1024) return;
  const double used = allocated_bytes();
  const double size = static_cast<double>(emscripten_get_heap_size());
  const double wanted = std::min(static_cast<double>(emscripten_get_heap_max()), used + more);
  if (wanted > size) emscripten_resize_heap(static_cast<size_t>(wanted));
}

}  // namespace ps
