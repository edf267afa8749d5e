// Looking at bytes eight at a time (SWAR: a 64-bit word holds eight bytes, and one
// subtraction flags a zero among them): finding a byte, the plain run of a JSON string, and
// the ASCII letters and digits of a word (text_fold.h's for_each_word). The
// wasm programs' memchr (src/platform/wasm_libc.cpp) is this; natively libc's vector memchr is
// faster still. Checked against memchr by tests/unit/test_byte_search.cpp.
#pragma once
#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#endif
#include <cstddef>
#include <cstdint>

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "find_byte reads words little-endian");

namespace ps {

namespace swar {
constexpr uint64_t kOnes = 0x0101010101010101ull, kHighs = 0x8080808080808080ull;
// The high bit of each byte of x that is below n (n at most 0x80): exact for the lowest such
// byte (a borrow only flags bytes above one); below 1 is zero.
constexpr uint64_t bytes_below(uint64_t x, unsigned n) {
  return (x - kOnes * n) & ~x & kHighs;
}
constexpr uint64_t zero_bytes(uint64_t x) {
  return bytes_below(x, 1);
}
// The high bit of each byte of x in [lo, hi], for bytes below 0x80 (no sum carries into the
// next byte); bytes with the high bit set are not flagged.
constexpr uint64_t bytes_in(uint64_t x, unsigned lo, unsigned hi) {
  const uint64_t low7 = x & ~kHighs;
  return (low7 + kOnes * (0x80 - lo)) & ~(low7 + kOnes * (0x7f - hi)) & ~x & kHighs;
}
// The high bit of each ASCII letter or digit of x (a word's bytes, text_fold.h), and in
// `folded` x with ASCII upper case made lower (at those bytes; the others are not meaningful).
inline uint64_t ascii_word_bytes(uint64_t x, uint64_t& folded) {
  folded = x | (kOnes * 0x20);  // 'A'-'Z' → 'a'-'z'; digits already have the bit
  return bytes_in(folded, 'a', 'z') | bytes_in(x, '0', '9');
}
}  // namespace swar

inline const unsigned char* find_byte(const unsigned char* p, unsigned char byte, size_t n) {
  const uint64_t pattern = swar::kOnes * byte;
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t word;
    __builtin_memcpy(&word, p, 8);  // one (unaligned) load, even where -fno-builtin
    // A zero byte where p holds `byte`; the lowest flagged is the first, as bytes are loaded
    // little-endian (x86, WebAssembly).
    if (const uint64_t zeros = swar::zero_bytes(word ^ pattern)) {
      return p + (__builtin_ctzll(zeros) >> 3);
    }
  }
  for (; n > 0; ++p, --n) {
    if (*p == byte) return p;
  }
  return nullptr;
}

// Steps over the bytes of a JSON string's contents eight at a time while none is a quote, a
// backslash or a control character (most of a string). Stops at a word that holds one, or with
// fewer than eight bytes left; the caller looks at the rest a byte at a time.
// `bytes_seen` gets every byte looked at ORed into it (the word it stops at too), so a caller
// can tell from its high bits whether any byte was non-ASCII.
inline const char* skip_plain_json_words(const char* p, const char* end, uint64_t& bytes_seen) {
  using swar::kOnes;
  uint64_t seen = 0;
#ifdef __wasm_simd128__
  // Sixteen bytes at a time first, with WebAssembly's SIMD (the build that has it), then
  // the words below finish the run.
  v128_t seen16 = wasm_i8x16_splat(0);
  for (; end - p >= 16; p += 16) {
    const v128_t v = wasm_v128_load(p);
    const v128_t stop = wasm_v128_or(wasm_v128_or(wasm_i8x16_eq(v, wasm_i8x16_splat('"')),
                                                  wasm_i8x16_eq(v, wasm_i8x16_splat('\\'))),
                                     wasm_u8x16_lt(v, wasm_i8x16_splat(0x20)));
    if (wasm_v128_any_true(stop)) break;
    seen16 = wasm_v128_or(seen16, v);
  }
  if (wasm_i8x16_bitmask(seen16)) seen |= swar::kHighs;
#endif
  for (uint64_t v; end - p >= 8; p += 8) {
    __builtin_memcpy(&v, p, 8);
    seen |= v;
    if (swar::zero_bytes(v ^ (kOnes * '"')) | swar::zero_bytes(v ^ (kOnes * '\\')) |
        swar::bytes_below(v, 0x20))
      break;
  }
  bytes_seen |= seen;
  return p;
}
inline const char* skip_plain_json_words(const char* p, const char* end) {
  uint64_t bytes_seen = 0;
  return skip_plain_json_words(p, end, bytes_seen);
}

}  // namespace ps
