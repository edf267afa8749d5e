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

// Grows the memory in one step so that `more` bytes beyond those allocated now fit. Left to
// itself the memory grows a fifth at a time while a collection loads, and one of those steps
// can take the engine 20 ms (a 200 MB bundle, Node 20: once the old memory's buffer is given
// up). Memory not yet used is only address space. If growing fails, the memory grows as it
// is needed, as before.
inline void grow_memory_for(double more) {
  const double used = static_cast<double>(mallinfo().uordblks);
  const double size = static_cast<double>(emscripten_get_heap_size());
  const double wanted = std::min(static_cast<double>(emscripten_get_heap_max()), used + more);
  if (wanted > size) emscripten_resize_heap(static_cast<size_t>(wanted));
}

}  // namespace ps
