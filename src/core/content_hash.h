// Content hashes for chunked collections (docs/bundle-format.md, "Chunked collections"):
// XXH64 (seed 0), the 64-bit xxHash by Yann Collet, written out from its specification.
// Not a cryptographic hash: it names files by their content (so a changed file gets a new
// name and caches never serve a stale one) and catches damaged or mixed-up files, at several
// GB/s natively and over 1 GB/s in wasm, so checking a 200 MB resident part costs little.
// Incremental, so a big file can be checked a slice at a time.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace ps {

class Xxh64 {
 public:
  explicit Xxh64(uint64_t seed = 0);
  void update(const void* data, size_t length);
  uint64_t digest() const;

 private:
  uint64_t acc_[4];
  uint64_t seed_;
  uint64_t total_ = 0;
  unsigned char buffer_[32];
  size_t buffered_ = 0;
};

uint64_t xxh64(const void* data, size_t length, uint64_t seed = 0);
inline uint64_t xxh64(std::string_view bytes) {
  return xxh64(bytes.data(), bytes.size());
}

// 16 lower-case hexadecimal digits, and back (false unless exactly that).
std::string hash_hex(uint64_t hash);
bool parse_hash_hex(std::string_view text, uint64_t& hash);

}  // namespace ps
