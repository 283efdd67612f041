// core/record/crc32c.h — CRC-32C (Castagnoli), the checksum of RecordBatch v2.
#pragma once

#include <cstdint>
#include <span>

namespace kafkasim::record {

uint32_t Crc32c(std::span<const uint8_t> data, uint32_t crc = 0);

}  // namespace kafkasim::record
