// core/client/kafka_producer.h — the producer client (Java's KafkaProducer).
//
// Send() partitions a record (once the topic's metadata is known — until
// then records wait, as Java's send() blocks for metadata), appends it to
// the accumulator and wakes the Sender. Each record carries the header
// "ksim.id" = the 8-byte big-endian RecordUid so checkers can follow it.
//
// Observations: ObsProduceSend when a record gets its partition (the moment
// Java's send() returns), ObsProduceError for every error response (with
// will_retry), ObsProduceResult per completed batch.
//
// The owner routes every message the node receives to OnMessage.
#pragma once

#include <deque>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/client/client_metadata.h"
#include "core/client/client_partitioner.h"
#include "core/client/record_accumulator.h"
#include "core/client/request_tracker.h"
#include "core/client/sender.h"

namespace kafkasim::client {

constexpr const char* kRecordUidHeader = "ksim.id";

// The 8-byte big-endian encoding of a uid, and back (nullopt if malformed).
void EncodeUid(RecordUid uid, uint8_t out[8]);
std::optional<RecordUid> DecodeUid(std::span<const uint8_t> bytes);

class KafkaProducer {
 public:
  KafkaProducer(Env& env, const config::ProducerConfig& cfg, std::vector<NodeId> bootstrap);
  ~KafkaProducer();
  KafkaProducer(const KafkaProducer&) = delete;
  KafkaProducer& operator=(const KafkaProducer&) = delete;

  // Fetches metadata (and a producer id when idempotent).
  void Start();
  // `cb` runs once with NONE and the record's offset (-1 with acks=0), or the
  // error it finally failed with (DELIVERY_TIMEOUT when delivery.timeout.ms expired).
  void Send(const std::string& topic, std::optional<std::string_view> key, std::span<const uint8_t> value,
            RecordUid uid, SendCallback cb);
  // Fetches a topic's metadata ahead of the first Send (Java: partitionsFor).
  void RequestMetadata(const std::string& topic) { metadata_.AddTopic(topic); }
  // Sends what is queued without waiting for linger.ms; accepts no more records.
  void Close();
  // Returns true when the message was a response for this client.
  bool OnMessage(NodeId from, const Message& m);
  // The connection to `peer` broke: its in-flight requests fail with
  // NETWORK_EXCEPTION (retriable; metadata is refreshed).
  void OnConnectionLost(NodeId peer) { tracker_.FailAll(peer, ErrorCode::NETWORK_EXCEPTION); }

  // Transactions (transactional.id set; else these fail with INVALID_TXN_STATE).
  void InitTransactions(TxnRequestManager::Done done);
  ErrorCode BeginTransaction();
  void SendOffsetsToTransaction(TxnOffsets offsets, TxnRequestManager::Done done);
  void CommitTransaction(TxnRequestManager::Done done);
  void AbortTransaction(TxnRequestManager::Done done);
  const TxnRequestManager* transactions() const { return sender_.transactions(); }

  // Correlation ids of this client start at `id` (RequestTracker); before Start.
  void set_first_correlation_id(int32_t id) { tracker_.set_next_correlation_id(id); }
  const config::ProducerConfig& config() const { return cfg_; }
  ProducerId producer_id() const { return sender_.producer_id(); }
  // The counts behind record-send-rate, record-retry-rate, record-error-rate.
  const Sender::RecordCounts& record_counts() const { return sender_.record_counts(); }
  size_t queued_records() const { return acc_.queued_records() + waiting_.size(); }

 private:
  struct WaitingRecord {  // sent before its topic's metadata was known
    std::string topic;
    std::optional<std::string> key;
    Bytes value;
    RecordUid uid;
    SendCallback cb;
    TimeNs enqueued_ns;
  };
  void Place(const std::string& topic, std::optional<std::string_view> key, std::span<const uint8_t> value,
             RecordUid uid, SendCallback cb, int32_t num_partitions);
  void OnMetadata();

  Env& env_;
  config::ProducerConfig cfg_;
  RequestTracker tracker_;
  ClientMetadata metadata_;
  ClientPartitioner partitioner_;
  RecordAccumulator acc_;
  Sender sender_;
  std::deque<WaitingRecord> waiting_;
  record::RecordHeader uid_header_;  // reused for every record: no per-record allocation
  bool closed_ = false;
};

}  // namespace kafkasim::client
