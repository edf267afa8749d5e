// Little-endian binary writing and bounds-checked reading, for the chunked collection's
// files (docs/bundle-format.md, "Chunked collections"). The reader never reads past its
// range: the first problem (truncation, an over-long varint, a value out of range) stops it
// and leaves a message naming the place ("POST at byte 1234: ..."), and every later read
// fails too, so decoders can read a whole record and check once.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace ps {

class ByteWriter {
 public:
  void u8(uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void u32(uint32_t v) {
    for (int i = 0; i < 4; ++i) u8(static_cast<uint8_t>(v >> (8 * i)));
  }
  void u64(uint64_t v) {
    for (int i = 0; i < 8; ++i) u8(static_cast<uint8_t>(v >> (8 * i)));
  }
  void f32(float v) {
    uint32_t bits;
    std::memcpy(&bits, &v, 4);
    u32(bits);
  }
  // Unsigned LEB128: 7 bits a byte, low bits first, high bit set on all but the last byte.
  void varint(uint64_t v) {
    while (v >= 0x80) {
      u8(static_cast<uint8_t>(v | 0x80));
      v >>= 7;
    }
    u8(static_cast<uint8_t>(v));
  }
  void bytes(const void* data, size_t length) {
    out_.append(static_cast<const char*>(data), length);
  }
  void bytes(std::string_view s) { out_.append(s.data(), s.size()); }
  // A string: its length as a varint, then its bytes.
  void str(std::string_view s) {
    varint(s.size());
    bytes(s);
  }
  void patch_u64(size_t at, uint64_t v) {
    for (int i = 0; i < 8; ++i) out_[at + static_cast<size_t>(i)] = static_cast<char>(v >> (8 * i));
  }
  size_t size() const { return out_.size(); }
  std::string& data() { return out_; }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

class ByteReader {
 public:
  ByteReader() = default;
  // where: what the bytes are, for messages ("POST"); base: their offset in the file.
  ByteReader(const char* data, size_t size, std::string where, size_t base = 0)
      : data_(reinterpret_cast<const unsigned char*>(data)),
        size_(size),
        where_(std::move(where)),
        base_(base) {}

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  size_t offset() const { return pos_; }
  size_t remaining() const { return ok() ? size_ - pos_ : 0; }
  bool at_end() const { return pos_ == size_; }

  // Records a problem at the current place (keeps the first one).
  bool fail(const std::string& message) {
    if (error_.empty()) {
      error_ = where_ + " at byte " + std::to_string(base_ + pos_) + ": " + message;
      pos_ = size_;
    }
    return false;
  }

  bool u8(uint8_t& v) {
    if (!need(1)) return false;
    v = data_[pos_++];
    return true;
  }
  bool u32(uint32_t& v) {
    if (!need(4)) return false;
    v = uint32_t(data_[pos_]) | uint32_t(data_[pos_ + 1]) << 8 | uint32_t(data_[pos_ + 2]) << 16 |
        uint32_t(data_[pos_ + 3]) << 24;
    pos_ += 4;
    return true;
  }
  bool u64(uint64_t& v) {
    if (!need(8)) return false;
    v = 0;
    for (int i = 7; i >= 0; --i) v = (v << 8) | data_[pos_ + static_cast<size_t>(i)];
    pos_ += 8;
    return true;
  }
  bool f32(float& v) {
    uint32_t bits;
    if (!u32(bits)) return false;
    std::memcpy(&v, &bits, 4);
    return true;
  }
  bool varint(uint64_t& v) {
    // Fast path: with ten bytes left no byte needs its own bounds check (most numbers of a
    // resident part are read here, tens of millions of them).
    if (size_ - pos_ >= 10) {
      const unsigned char* p = data_ + pos_;
      if (p[0] < 0x80) {
        v = p[0];
        ++pos_;
        return true;
      }
      v = p[0] & 0x7f;
      for (int i = 1; i < 10; ++i) {
        if (i == 9 && p[i] > 1) break;
        v |= uint64_t(p[i] & 0x7f) << (7 * i);
        if (!(p[i] & 0x80)) {
          pos_ += static_cast<size_t>(i) + 1;
          return true;
        }
      }
      pos_ += 9;
      return fail("a number does not fit in 64 bits");
    }
    v = 0;
    if (!ok()) return false;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= size_) return fail("the data ends inside a number");
      const unsigned char b = data_[pos_++];
      if (shift == 63 && b > 1) return fail("a number does not fit in 64 bits");
      v |= uint64_t(b & 0x7f) << shift;
      if (!(b & 0x80)) return true;
    }
    return fail("a number does not fit in 64 bits");
  }
  // A varint that must be at most max (and so fits in 32 bits when max does).
  bool varint_max(uint32_t& v, uint64_t max, const char* what) {
    uint64_t wide;
    if (!varint(wide)) return false;
    if (wide > max) {
      return fail(std::string(what) + " " + std::to_string(wide) + " is out of range (at most " +
                  std::to_string(max) + ")");
    }
    v = static_cast<uint32_t>(wide);
    return true;
  }
  // Raw access for hot loops that check their own bounds: where reading stands, and moving
  // on by n <= remaining() bytes.
  const unsigned char* here() const { return data_ + pos_; }
  void advance(size_t n) { pos_ += n; }
  bool bytes(size_t length, const char*& out) {
    if (!need(length)) return false;
    out = reinterpret_cast<const char*>(data_ + pos_);
    pos_ += length;
    return true;
  }
  bool str(std::string_view& out) {
    uint64_t length;
    if (!varint(length)) return false;
    if (length > size_ - pos_)
      return fail("a string of " + std::to_string(length) + " bytes goes past the end");
    out =
        std::string_view(reinterpret_cast<const char*>(data_ + pos_), static_cast<size_t>(length));
    pos_ += static_cast<size_t>(length);
    return true;
  }

 private:
  bool need(size_t n) {
    if (!ok()) return false;
    if (n > size_ - pos_) {
      return fail("the data ends early (" + std::to_string(n) + " bytes needed, " +
                  std::to_string(size_ - pos_) + " left)");
    }
    return true;
  }

  const unsigned char* data_ = nullptr;
  size_t size_ = 0;
  size_t pos_ = 0;
  std::string where_;
  size_t base_ = 0;
  std::string error_;
};

}  // namespace ps
