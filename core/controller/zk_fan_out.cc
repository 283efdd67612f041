// core/controller/zk_fan_out.cc — FanOut and ReadAll.
#include "core/controller/zk_fan_out.h"

#include <memory>
#include <utility>

#include "core/util/assert.h"

namespace kafkasim::controller {

void FanOut(size_t n, const FanOutIssue& issue, FanOutEach each, std::function<void()> done) {
  if (n == 0) {
    done();
    return;
  }
  struct State {
    size_t left;
    FanOutEach each;
    std::function<void()> done;
  };
  auto state = std::make_shared<State>(State{n, std::move(each), std::move(done)});
  for (size_t i = 0; i < n; ++i) {
    issue(i, [state, i](const ZkResponse& r) {
      KSIM_ASSERT(state->left > 0, "a fanned-out ZooKeeper request was answered after the last one");
      if (state->each) state->each(i, r);
      if (--state->left == 0) state->done();
    });
  }
}

void ReadAll(ZkClient& zk, const std::vector<std::string>& paths,
             std::function<void(const std::vector<ZkResponse>&)> fn) {
  auto answers = std::make_shared<std::vector<ZkResponse>>(paths.size());
  FanOut(
      paths.size(),
      [&zk, &paths](size_t i, ZkClient::ResponseCallback cb) { zk.GetData(paths[i], nullptr, std::move(cb)); },
      [answers](size_t i, const ZkResponse& r) { (*answers)[i] = r; }, [answers, fn = std::move(fn)] { fn(*answers); });
}

}  // namespace kafkasim::controller
