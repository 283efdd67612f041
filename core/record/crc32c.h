// core/record/crc32c.h — CRC-32C (Castagnoli), the checksum of RecordBatch v2.
#pragma once

#include <cstdint>
#include <span>

namespace kafkasim::record {

// `crc` continues an earlier value: Crc32c(b, Crc32c(a)) == Crc32c(a ++ b).
uint32_t Crc32c(std::span<const uint8_t> data, uint32_t crc = 0);
// The table-driven path alone (what machines without a crc32 instruction
// run); the same value as Crc32c.
uint32_t Crc32cPortable(std::span<const uint8_t> data, uint32_t crc = 0);

}  // namespace kafkasim::record
