// find_byte (the wasm programs' memchr) answers as memchr does, at every alignment and length.
#include <doctest/doctest.h>

#include <cstring>
#include <random>
#include <vector>

#include "core/byte_search.h"

TEST_CASE("find_byte finds what memchr finds") {
  std::mt19937 rng(7);
  std::vector<unsigned char> buffer(300);
  for (int round = 0; round < 20000; ++round) {
    // Few distinct bytes, so hits are common; 0x80 and 0xFF test the high bit.
    static const unsigned char kBytes[] = {'a', '"', 0x80, 0xFF, 0x00, 0x01};
    for (unsigned char& b : buffer) b = kBytes[rng() % 6];
    const size_t begin = rng() % 40;
    const size_t length = rng() % (buffer.size() - begin);
    const unsigned char target = kBytes[rng() % 6];
    // Clear the target from a random prefix, so the first hit lands anywhere.
    const size_t clear = length ? rng() % length : 0;
    for (size_t i = begin; i < begin + clear; ++i) {
      if (buffer[i] == target) buffer[i] = 'z';
    }
    const void* expected = std::memchr(buffer.data() + begin, target, length);
    const void* found = ps::find_byte(buffer.data() + begin, target, length);
    REQUIRE(found == expected);
  }
}
