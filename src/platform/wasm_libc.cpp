// Faster versions of three libc functions for the wasm programs, which spend much of a load in
// them. Linked into the wasm programs only (they take the place of Emscripten's libc ones);
// this file alone is compiled with -mbulk-memory and -fno-builtin, so that the compiler lowers
// the builtins below to instructions instead of calls back into these functions.
#include <cstddef>

#include "core/byte_search.h"

// memcpy as one memory.copy instruction (WebAssembly bulk memory; Chrome 75, Node 12.5 and
// every current browser have it). Emscripten 3.1.6's prebuilt libc copies anything of 512
// bytes or more by calling out to JavaScript (HEAPU8.copyWithin), and loading a bundle
// copies every abstract twice: about 185 ms of 3.3 s at 100,000 papers.
extern "C" void* memcpy(void* __restrict dest, const void* __restrict src, size_t n) {
  __builtin_memcpy(dest, src, n);
  return dest;
}

// memset as one memory.fill instruction, which the engine runs as its own native memset
// (musl's stores eight bytes a step). The big one is the buffer each file is read into (as
// big as the file, zeroed first); most of that time is the first touch of fresh memory, which
// this does not change, so no saving is claimed for it.
extern "C" void* memset(void* dest, int value, size_t n) {
  __builtin_memset(dest, value, n);
  return dest;
}

// memchr eight bytes at a time (64-bit words are native in wasm32; core/byte_search.h). The
// JSON scanner finds every string's closing quote with it; musl's looks at 4 bytes a step
// and measured 1.1 s of a 7.6 s import of a 522 MB Hugging Face file.
extern "C" void* memchr(const void* source, int value, size_t n) {
  return const_cast<unsigned char*>(ps::find_byte(static_cast<const unsigned char*>(source),
                                                  static_cast<unsigned char>(value), n));
}
