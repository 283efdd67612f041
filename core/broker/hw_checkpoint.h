// core/broker/hw_checkpoint.h — the broker's replication-offset-checkpoint
// file: the high watermark of every partition, written every 5 s and read
// at startup. A restarted follower trusts this HW; with
// log.truncation=high-watermark it truncates to it (the KIP-101 bug).
#pragma once

#include <map>

#include "core/env.h"

namespace kafkasim::broker {

constexpr const char* kHwCheckpointFile = "replication-offset-checkpoint";

Status WriteHighWatermarkCheckpoint(Disk& disk, const std::map<TopicPartition, Offset>& hws);
std::map<TopicPartition, Offset> ReadHighWatermarkCheckpoint(const Disk& disk);

}  // namespace kafkasim::broker
