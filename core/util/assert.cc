#include "core/util/assert.h"

#include <cstdio>
#include <cstdlib>

namespace kafkasim {
namespace {

// See ScopedAssertContext: diagnostics only.
const AssertContextSource* g_assert_context = nullptr;

}  // namespace

ScopedAssertContext::ScopedAssertContext(const AssertContextSource* source) : previous_(g_assert_context) {
  g_assert_context = source;
}

ScopedAssertContext::~ScopedAssertContext() { g_assert_context = previous_; }

void AssertFail(const char* condition, std::string_view what, const char* file, int line) noexcept {
  std::fprintf(stderr, "\nKSIM_ASSERT failed: %.*s\n  condition: %s\n  at %s:%d\n", static_cast<int>(what.size()),
               what.data(), condition, file, line);
  if (g_assert_context) {
    AssertContext c = g_assert_context->CurrentAssertContext();
    std::fprintf(stderr, "  seed=%llu event=%llu time=%lld.%06lld ms\n", static_cast<unsigned long long>(c.seed),
                 static_cast<unsigned long long>(c.event), static_cast<long long>(c.now / kNsPerMs),
                 static_cast<long long>(c.now % kNsPerMs));
    std::fprintf(stderr, "  replay: kafkasim run SCENARIO --seed %llu\n", static_cast<unsigned long long>(c.seed));
  } else {
    std::fprintf(stderr, "  (no simulation running: no seed, event or time to report)\n");
  }
  std::fflush(stderr);
  std::abort();
}

}  // namespace kafkasim
