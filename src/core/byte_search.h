// Looking at bytes eight at a time (SWAR: a 64-bit word holds eight bytes, and one
// subtraction flags a zero among them): finding a byte, and the plain run of a JSON string. The
// wasm programs' memchr (src/platform/wasm_libc.cpp) is this; natively libc's vector memchr is
// faster still. Checked against memchr by tests/unit/test_byte_search.cpp.
#pragma once
#include <cstddef>
#include <cstdint>

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "find_byte reads words little-endian");

namespace ps {

inline const unsigned char* find_byte(const unsigned char* p, unsigned char byte, size_t n) {
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHighs = 0x8080808080808080ull;
  const uint64_t pattern = kOnes * byte;
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t word;
    __builtin_memcpy(&word, p, 8);  // one (unaligned) load, even where -fno-builtin
    word ^= pattern;                // a zero byte where p holds `byte`
    // The lowest flagged byte is the first zero (a borrow only flags bytes above one), and
    // bytes are loaded little-endian (x86, WebAssembly).
    if (const uint64_t zeros = (word - kOnes) & ~word & kHighs) {
      return p + (__builtin_ctzll(zeros) >> 3);
    }
  }
  for (; n > 0; ++p, --n) {
    if (*p == byte) return p;
  }
  return nullptr;
}

// Steps over the bytes of a JSON string's contents eight at a time while none is a quote, a
// backslash or a control character (most of a string): the exact "has a zero byte" and "has
// a byte below n" word tricks. Stops at a word that holds one, or with fewer than eight bytes
// left; the caller looks at the rest a byte at a time.
inline const char* skip_plain_json_words(const char* p, const char* end) {
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHighs = 0x8080808080808080ull;
  auto has_zero = [](uint64_t x) { return (x - kOnes) & ~x & kHighs; };
  for (uint64_t v; end - p >= 8; p += 8) {
    __builtin_memcpy(&v, p, 8);
    if (has_zero(v ^ (kOnes * '"')) | has_zero(v ^ (kOnes * '\\')) |
        ((v - kOnes * 0x20) & ~v & kHighs))
      break;
  }
  return p;
}

}  // namespace ps
