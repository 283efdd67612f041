// sim/disk/byte_buffer.h — the bytes of one simulated file.
//
// A growable byte array on malloc/realloc rather than std::vector: a large
// buffer grows by remapping its pages (glibc's realloc uses mremap for big
// blocks) instead of copying the whole file into a fresh allocation at each
// doubling, so appending to a log file of hundreds of MiB costs what is
// appended — not a copy of the file and a page fault for every page of it.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>
#include <span>
#include <utility>

namespace kafkasim::sim {

class ByteBuffer {
 public:
  ByteBuffer() = default;
  ~ByteBuffer() { std::free(data_); }
  ByteBuffer(const ByteBuffer& other) { Append(other.span()); }
  ByteBuffer& operator=(const ByteBuffer& other) {
    if (this != &other) {
      size_ = 0;
      Append(other.span());
    }
    return *this;
  }
  ByteBuffer(ByteBuffer&& other) noexcept
      : data_(std::exchange(other.data_, nullptr)),
        size_(std::exchange(other.size_, 0)),
        capacity_(std::exchange(other.capacity_, 0)) {}
  ByteBuffer& operator=(ByteBuffer&& other) noexcept {
    std::swap(data_, other.data_);
    std::swap(size_, other.size_);
    std::swap(capacity_, other.capacity_);
    return *this;
  }

  void Append(std::span<const uint8_t> bytes) {
    if (bytes.empty()) return;
    Reserve(size_ + bytes.size());
    std::memcpy(data_ + size_, bytes.data(), bytes.size());
    size_ += bytes.size();
  }
  // Keeps the first n bytes (an n above size() keeps them all).
  void Truncate(size_t n) { size_ = n < size_ ? n : size_; }

  size_t size() const { return size_; }
  uint8_t& operator[](size_t i) { return data_[i]; }
  std::span<const uint8_t> span() const { return {data_, size_}; }
  std::span<const uint8_t> subspan(size_t from) const { return span().subspan(from); }

 private:
  void Reserve(size_t n) {
    if (n <= capacity_) return;
    size_t grown = capacity_ + capacity_ / 2;
    size_t c = n > grown ? n : grown;
    if (c < 256) c = 256;
    void* p = std::realloc(data_, c);
    if (p == nullptr) throw std::bad_alloc();
    data_ = static_cast<uint8_t*>(p);
    capacity_ = c;
  }

  uint8_t* data_ = nullptr;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

}  // namespace kafkasim::sim
