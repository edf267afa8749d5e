// memcpy as one memory.copy instruction (WebAssembly bulk memory; Chrome 75, Node 12.5 and
// every current browser have it). Emscripten 3.1.6's prebuilt libc copies anything of 512
// bytes or more by calling out to JavaScript (HEAPU8.copyWithin), and loading a bundle
// copies every abstract twice: about 185 ms of 3.3 s at 100,000 papers. Linked into the wasm
// programs only; this file alone is compiled with -mbulk-memory, so that the compiler lowers
// the copy below to the instruction instead of a call back into memcpy.
#include <cstddef>

extern "C" void* memcpy(void* __restrict dest, const void* __restrict src, size_t n) {
  __builtin_memcpy(dest, src, n);
  return dest;
}
