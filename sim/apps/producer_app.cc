// sim/apps/producer_app.cc — the workload loop of a simulated producer.
#include "sim/apps/producer_app.h"

#include <algorithm>
#include <utility>

#include "core/config/config_checks.h"
#include "core/observe/observation.h"
#include "core/protocol/message.h"

namespace kafkasim::sim {

config::ProducerConfig ProducerConfigFromSpec(const scenario::ConfigMap& m, Env* env, config::ProducerConfig base) {
  config::ProducerConfig cfg = std::move(base);
  config::Originals originals;
  for (const auto& [k, v] : m) {
    auto st = cfg.Set(k, v);
    if (!st.ok() && env != nullptr)
      env->observer.Observe(ObsNote{env->self, "bad producer config: " + st.error().message});
    originals.insert(k);
  }
  // What Kafka's producer does with its config before it starts: the loader
  // refused the contradictions, so only Kafka's silent adjustments are left.
  config::CheckResult checked = config::PostProcess(cfg, originals);
  if (env != nullptr) {
    for (const std::string& a : checked.adjustments) env->observer.Observe(ObsNote{env->self, "producer config: " + a});
    for (const auto& e : checked.errors) env->observer.Observe(ObsNote{env->self, "bad producer config: " + e.message});
  }
  return cfg;
}

ProducerApp::ProducerApp(Env& env, const scenario::ProducerSpec& spec, uint32_t index, std::vector<NodeId> bootstrap)
    : env_(env),
      spec_(spec),
      index_(index),
      cfg_(ProducerConfigFromSpec(spec.config, &env)),
      producer_(std::make_unique<client::KafkaProducer>(env, cfg_, std::move(bootstrap))),
      value_(static_cast<size_t>(std::max(0, spec.workload.value_bytes)), static_cast<uint8_t>('v')) {}

ProducerApp::~ProducerApp() { env_.timers.Cancel(timer_); }

TimeNs ProducerApp::DueNs(int64_t i) const {
  double rate = spec_.workload.rate_per_sec;
  if (rate <= 0) return spec_.workload.start_ns;
  return spec_.workload.start_ns + static_cast<TimeNs>(static_cast<double>(i) * 1e9 / rate);
}

void ProducerApp::Start() {
  producer_->RequestMetadata(spec_.workload.topic);
  producer_->Start();
  // A restart resumes at the first record due from now on.
  TimeNs now = env_.Now();
  const int64_t total = spec_.workload.messages;
  int64_t lo = 0;
  int64_t hi = total;
  while (lo < hi) {  // first i with DueNs(i) >= now (DueNs is monotonic)
    int64_t mid = lo + (hi - lo) / 2;
    if (DueNs(mid) < now)
      lo = mid + 1;
    else
      hi = mid;
  }
  next_ = lo;
  if (next_ > 0) {
    env_.observer.Observe(ObsNote{env_.self, "producer restarted: resuming the workload at record " +
                                                 std::to_string(next_) + " of " + std::to_string(total)});
  }
  if (transactional()) {
    // The application calls initTransactions when it starts: at
    // workload.start (a second instance of a transactional.id starting
    // later fences the first only then), or at once after a restart.
    timer_ = env_.timers.Schedule(std::max<TimeNs>(0, spec_.workload.start_ns - now), [this] {
      timer_ = 0;
      InitTransactions();
    });
    return;
  }
  ScheduleNext();
}

void ProducerApp::ScheduleNext() {
  if (next_ >= spec_.workload.messages) return;
  TimeNs delay = std::max<TimeNs>(0, DueNs(next_) - env_.Now());
  timer_ = env_.timers.Schedule(delay, [this] {
    timer_ = 0;
    SendDue();
  });
}

void ProducerApp::SendDue() {
  if (transactional()) return SendDueInTransaction();
  const auto& w = spec_.workload;
  TimeNs now = env_.Now();
  while (next_ < w.messages && DueNs(next_) <= now) {
    RecordUid uid = MakeRecordUid(index_, static_cast<uint64_t>(next_));
    if (w.keys > 0) {
      std::string key = "k" + std::to_string(next_ % w.keys);
      producer_->Send(w.topic, key, value_, uid, nullptr);
    } else {
      producer_->Send(w.topic, std::nullopt, value_, uid, nullptr);
    }
    ++next_;
  }
  ScheduleNext();
}

void ProducerApp::OnMessage(NodeId from, const Message& message) { producer_->OnMessage(from, message); }

}  // namespace kafkasim::sim
