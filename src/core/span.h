// A read-only view of contiguous elements (C++17 has no std::span).
#pragma once
#include <cstddef>

namespace ps {

template <class T>
class Span {
 public:
  Span() = default;
  Span(const T* first, const T* last) : first_(first), last_(last) {}
  Span(const T* first, size_t count) : first_(first), last_(first + count) {}
  template <class Container>
  Span(const Container& c) : first_(c.data()), last_(c.data() + c.size()) {}  // NOLINT

  const T* begin() const { return first_; }
  const T* end() const { return last_; }
  size_t size() const { return static_cast<size_t>(last_ - first_); }
  bool empty() const { return first_ == last_; }
  const T& operator[](size_t i) const { return first_[i]; }

 private:
  const T* first_ = nullptr;
  const T* last_ = nullptr;
};

}  // namespace ps
