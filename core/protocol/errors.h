// core/protocol/errors.h — Kafka's error codes, as values.
//
// Numbers and names are Kafka's own (clients/src/main/java/org/apache/kafka/
// common/protocol/Errors.java), so a trace line reading NOT_ENOUGH_REPLICAS
// means exactly what it means in a broker log.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace kafkasim {

enum class ErrorCode : int16_t {
  UNKNOWN_SERVER_ERROR = -1,
  NONE = 0,
  OFFSET_OUT_OF_RANGE = 1,
  CORRUPT_MESSAGE = 2,
  UNKNOWN_TOPIC_OR_PARTITION = 3,
  LEADER_NOT_AVAILABLE = 5,
  NOT_LEADER_OR_FOLLOWER = 6,
  REQUEST_TIMED_OUT = 7,
  BROKER_NOT_AVAILABLE = 8,
  REPLICA_NOT_AVAILABLE = 9,
  MESSAGE_TOO_LARGE = 10,
  STALE_CONTROLLER_EPOCH = 11,
  NETWORK_EXCEPTION = 13,
  COORDINATOR_LOAD_IN_PROGRESS = 14,
  COORDINATOR_NOT_AVAILABLE = 15,
  NOT_COORDINATOR = 16,
  NOT_ENOUGH_REPLICAS = 19,
  NOT_ENOUGH_REPLICAS_AFTER_APPEND = 20,
  ILLEGAL_GENERATION = 22,
  INCONSISTENT_GROUP_PROTOCOL = 23,
  UNKNOWN_MEMBER_ID = 25,
  INVALID_SESSION_TIMEOUT = 26,
  REBALANCE_IN_PROGRESS = 27,
  INVALID_PRODUCER_EPOCH = 47,
  INVALID_TXN_STATE = 48,
  INVALID_PRODUCER_ID_MAPPING = 49,
  INVALID_TRANSACTION_TIMEOUT = 50,
  CONCURRENT_TRANSACTIONS = 51,
  TRANSACTION_COORDINATOR_FENCED = 52,
  NOT_CONTROLLER = 41,
  STALE_BROKER_EPOCH = 77,
  INVALID_UPDATE_VERSION = 95,
  DUPLICATE_BROKER_REGISTRATION = 101,
  BROKER_ID_NOT_REGISTERED = 102,
  INELIGIBLE_REPLICA = 107,
  OUT_OF_ORDER_SEQUENCE_NUMBER = 45,
  DUPLICATE_SEQUENCE_NUMBER = 46,
  KAFKA_STORAGE_ERROR = 56,
  UNKNOWN_PRODUCER_ID = 59,
  FENCED_LEADER_EPOCH = 74,
  UNKNOWN_LEADER_EPOCH = 75,
  OFFSET_NOT_AVAILABLE = 78,
  MEMBER_ID_REQUIRED = 79,
  INVALID_RECORD = 87,
  UNSTABLE_OFFSET_COMMIT = 88,
  PRODUCER_FENCED = 90,
  UNSUPPORTED_VERSION = 35,
  INVALID_REQUEST = 42,
  // Client-side outcomes that Kafka reports as exceptions, not wire codes.
  // Negative and below Kafka's range so they never collide with a wire code.
  DELIVERY_TIMEOUT = -100,     // TimeoutException: delivery.timeout.ms expired
  TRANSACTION_ABORTED = -101,  // TransactionAbortedException: its transaction was aborted before it was sent
};

constexpr std::string_view ErrorName(ErrorCode e) {
  switch (e) {
    case ErrorCode::UNKNOWN_SERVER_ERROR:
      return "UNKNOWN_SERVER_ERROR";
    case ErrorCode::NONE:
      return "NONE";
    case ErrorCode::OFFSET_OUT_OF_RANGE:
      return "OFFSET_OUT_OF_RANGE";
    case ErrorCode::CORRUPT_MESSAGE:
      return "CORRUPT_MESSAGE";
    case ErrorCode::UNKNOWN_TOPIC_OR_PARTITION:
      return "UNKNOWN_TOPIC_OR_PARTITION";
    case ErrorCode::LEADER_NOT_AVAILABLE:
      return "LEADER_NOT_AVAILABLE";
    case ErrorCode::NOT_LEADER_OR_FOLLOWER:
      return "NOT_LEADER_OR_FOLLOWER";
    case ErrorCode::REQUEST_TIMED_OUT:
      return "REQUEST_TIMED_OUT";
    case ErrorCode::BROKER_NOT_AVAILABLE:
      return "BROKER_NOT_AVAILABLE";
    case ErrorCode::REPLICA_NOT_AVAILABLE:
      return "REPLICA_NOT_AVAILABLE";
    case ErrorCode::MESSAGE_TOO_LARGE:
      return "MESSAGE_TOO_LARGE";
    case ErrorCode::STALE_CONTROLLER_EPOCH:
      return "STALE_CONTROLLER_EPOCH";
    case ErrorCode::NETWORK_EXCEPTION:
      return "NETWORK_EXCEPTION";
    case ErrorCode::COORDINATOR_LOAD_IN_PROGRESS:
      return "COORDINATOR_LOAD_IN_PROGRESS";
    case ErrorCode::COORDINATOR_NOT_AVAILABLE:
      return "COORDINATOR_NOT_AVAILABLE";
    case ErrorCode::NOT_COORDINATOR:
      return "NOT_COORDINATOR";
    case ErrorCode::NOT_ENOUGH_REPLICAS:
      return "NOT_ENOUGH_REPLICAS";
    case ErrorCode::NOT_ENOUGH_REPLICAS_AFTER_APPEND:
      return "NOT_ENOUGH_REPLICAS_AFTER_APPEND";
    case ErrorCode::ILLEGAL_GENERATION:
      return "ILLEGAL_GENERATION";
    case ErrorCode::INCONSISTENT_GROUP_PROTOCOL:
      return "INCONSISTENT_GROUP_PROTOCOL";
    case ErrorCode::UNKNOWN_MEMBER_ID:
      return "UNKNOWN_MEMBER_ID";
    case ErrorCode::INVALID_SESSION_TIMEOUT:
      return "INVALID_SESSION_TIMEOUT";
    case ErrorCode::REBALANCE_IN_PROGRESS:
      return "REBALANCE_IN_PROGRESS";
    case ErrorCode::INVALID_PRODUCER_EPOCH:
      return "INVALID_PRODUCER_EPOCH";
    case ErrorCode::INVALID_TXN_STATE:
      return "INVALID_TXN_STATE";
    case ErrorCode::INVALID_PRODUCER_ID_MAPPING:
      return "INVALID_PRODUCER_ID_MAPPING";
    case ErrorCode::INVALID_TRANSACTION_TIMEOUT:
      return "INVALID_TRANSACTION_TIMEOUT";
    case ErrorCode::CONCURRENT_TRANSACTIONS:
      return "CONCURRENT_TRANSACTIONS";
    case ErrorCode::TRANSACTION_COORDINATOR_FENCED:
      return "TRANSACTION_COORDINATOR_FENCED";
    case ErrorCode::NOT_CONTROLLER:
      return "NOT_CONTROLLER";
    case ErrorCode::STALE_BROKER_EPOCH:
      return "STALE_BROKER_EPOCH";
    case ErrorCode::INVALID_UPDATE_VERSION:
      return "INVALID_UPDATE_VERSION";
    case ErrorCode::DUPLICATE_BROKER_REGISTRATION:
      return "DUPLICATE_BROKER_REGISTRATION";
    case ErrorCode::BROKER_ID_NOT_REGISTERED:
      return "BROKER_ID_NOT_REGISTERED";
    case ErrorCode::INELIGIBLE_REPLICA:
      return "INELIGIBLE_REPLICA";
    case ErrorCode::OUT_OF_ORDER_SEQUENCE_NUMBER:
      return "OUT_OF_ORDER_SEQUENCE_NUMBER";
    case ErrorCode::DUPLICATE_SEQUENCE_NUMBER:
      return "DUPLICATE_SEQUENCE_NUMBER";
    case ErrorCode::KAFKA_STORAGE_ERROR:
      return "KAFKA_STORAGE_ERROR";
    case ErrorCode::UNKNOWN_PRODUCER_ID:
      return "UNKNOWN_PRODUCER_ID";
    case ErrorCode::FENCED_LEADER_EPOCH:
      return "FENCED_LEADER_EPOCH";
    case ErrorCode::UNKNOWN_LEADER_EPOCH:
      return "UNKNOWN_LEADER_EPOCH";
    case ErrorCode::OFFSET_NOT_AVAILABLE:
      return "OFFSET_NOT_AVAILABLE";
    case ErrorCode::MEMBER_ID_REQUIRED:
      return "MEMBER_ID_REQUIRED";
    case ErrorCode::INVALID_RECORD:
      return "INVALID_RECORD";
    case ErrorCode::UNSTABLE_OFFSET_COMMIT:
      return "UNSTABLE_OFFSET_COMMIT";
    case ErrorCode::PRODUCER_FENCED:
      return "PRODUCER_FENCED";
    case ErrorCode::UNSUPPORTED_VERSION:
      return "UNSUPPORTED_VERSION";
    case ErrorCode::INVALID_REQUEST:
      return "INVALID_REQUEST";
    case ErrorCode::DELIVERY_TIMEOUT:
      return "DELIVERY_TIMEOUT";
    case ErrorCode::TRANSACTION_ABORTED:
      return "TRANSACTION_ABORTED";
  }
  return "UNKNOWN_SERVER_ERROR";
}

// The inverse of ErrorName, for scenario files (`produce_errors: {NOT_ENOUGH_REPLICAS: ">0"}`).
std::optional<ErrorCode> ErrorFromName(std::string_view name);

// Kafka's RetriableException subclasses: the producer retries these.
constexpr bool IsRetriable(ErrorCode e) {
  switch (e) {
    case ErrorCode::NOT_LEADER_OR_FOLLOWER:
    case ErrorCode::LEADER_NOT_AVAILABLE:
    case ErrorCode::REQUEST_TIMED_OUT:
    case ErrorCode::NETWORK_EXCEPTION:
    case ErrorCode::NOT_ENOUGH_REPLICAS:
    case ErrorCode::NOT_ENOUGH_REPLICAS_AFTER_APPEND:
    case ErrorCode::UNKNOWN_TOPIC_OR_PARTITION:
    case ErrorCode::FENCED_LEADER_EPOCH:
    case ErrorCode::UNKNOWN_LEADER_EPOCH:
    case ErrorCode::COORDINATOR_NOT_AVAILABLE:
    case ErrorCode::NOT_COORDINATOR:
    case ErrorCode::COORDINATOR_LOAD_IN_PROGRESS:
    case ErrorCode::CORRUPT_MESSAGE:
    case ErrorCode::KAFKA_STORAGE_ERROR:
    case ErrorCode::OFFSET_NOT_AVAILABLE:
      return true;
    default:
      return false;
  }
}

}  // namespace kafkasim
