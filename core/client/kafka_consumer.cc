// core/client/kafka_consumer.cc — Poll, Commit, Seek over the fetcher and
// the group coordinator.
#include "core/client/kafka_consumer.h"
#include "core/protocol/message.h"
#include "core/util/assert.h"

namespace kafkasim::client {

KafkaConsumer::KafkaConsumer(Env& env, const config::ConsumerConfig& cfg, std::vector<NodeId> bootstrap,
                             std::string group_id)
    : env_(env),
      cfg_(cfg),
      tracker_(env),
      metadata_(env, tracker_, std::move(bootstrap),
                MetadataTimeouts{cfg_.request_timeout_ms, 300000, cfg_.retry_backoff_ms}),
      fetcher_(env, cfg_, metadata_, tracker_, subs_),
      coordinator_(env, cfg_, metadata_, tracker_, subs_, std::move(group_id),
                   ConsumerCoordinator::Listener{[this](const std::vector<TopicPartition>& revoked) {
                                                   for (const auto& tp : revoked) fetcher_.Drop(tp);
                                                   if (user_listener_.on_revoked) user_listener_.on_revoked(revoked);
                                                 },
                                                 [this](const std::vector<TopicPartition>& added) {
                                                   if (user_listener_.on_assigned) user_listener_.on_assigned(added);
                                                 },
                                                 [this] { fetcher_.SendRequests(); },
                                                 [this](std::function<void()> done) {
                                                   if (!user_listener_.before_join) return done();
                                                   user_listener_.before_join(std::move(done));
                                                 }}) {
  fetcher_.set_on_data([this] { OnData(); });
  coordinator_.set_on_fatal([this] { OnData(); });  // the pending Poll raises it
}

KafkaConsumer::~KafkaConsumer() { env_.timers.Cancel(poll_timer_); }

void KafkaConsumer::Subscribe(std::vector<std::string> topics, RebalanceListener listener) {
  subs_.topics = std::move(topics);
  user_listener_ = std::move(listener);
}

void KafkaConsumer::Start() {
  for (const auto& t : subs_.topics) metadata_.AddTopic(t);
  metadata_.Start();
  coordinator_.Start();
}

void KafkaConsumer::Poll(TimeNs timeout_ns, PollCallback cb) {
  if (closed_) return;
  KSIM_ASSERT(!pending_poll_, "KafkaConsumer::Poll while another Poll is pending");
  pending_poll_ = std::move(cb);
  poll_error_ = ErrorCode::NONE;
  bool fatal = coordinator_.has_fatal_error();
  if (!fatal) {
    coordinator_.OnPoll();
    fetcher_.SendRequests();
  }
  if (fatal || fetcher_.HasBuffered()) {
    // Answer from a fresh event, never from inside the caller's stack.
    poll_timer_ = env_.timers.Schedule(0, [this] {
      poll_timer_ = 0;
      CompletePoll();
    });
    return;
  }
  coordinator_.set_in_poll(true);
  poll_timer_ = env_.timers.Schedule(timeout_ns, [this] {
    poll_timer_ = 0;
    CompletePoll();
  });
}

void KafkaConsumer::OnData() {
  if (!pending_poll_ || poll_timer_ == 0) return;
  env_.timers.Cancel(poll_timer_);
  poll_timer_ = env_.timers.Schedule(0, [this] {
    poll_timer_ = 0;
    CompletePoll();
  });
}

void KafkaConsumer::CompletePoll() {
  coordinator_.set_in_poll(false);
  if (!pending_poll_) return;
  PollCallback cb = std::move(pending_poll_);
  pending_poll_ = nullptr;
  poll_error_ = coordinator_.TakeFatalError();
  if (poll_error_ != ErrorCode::NONE) {
    cb({});
    return;
  }
  std::vector<ConsumerRecord> records = fetcher_.Drain(static_cast<size_t>(cfg_.max_poll_records));
  records_consumed_ += static_cast<int64_t>(records.size());
  cb(std::move(records));
}

void KafkaConsumer::Commit(const std::map<TopicPartition, Offset>& offsets, CommitCallback cb) {
  coordinator_.Commit(offsets, std::move(cb));
}

void KafkaConsumer::Seek(const TopicPartition& tp, Offset offset) {
  ConsumerPartitionState* st = subs_.Find(tp);
  if (st == nullptr) return;
  st->SetPosition(offset);
  st->awaiting_committed = false;
  st->awaiting_reset = false;
  st->reset_failed = false;
  fetcher_.Drop(tp);
  fetcher_.SendRequests();
}

void KafkaConsumer::Close() {
  if (closed_) return;
  closed_ = true;
  coordinator_.Leave();
  env_.timers.Cancel(poll_timer_);
  pending_poll_ = nullptr;
}

bool KafkaConsumer::OnMessage(NodeId from, const Message& m) { return tracker_.OnResponse(from, m); }

}  // namespace kafkasim::client
