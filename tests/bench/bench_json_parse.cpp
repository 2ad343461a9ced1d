// JSON parse + filter on one field of ~100-byte sensor messages: JsonFieldExtractor (its flat
// scan, then simdjson On-Demand alone; batch columns) against nlohmann/json doing the same work,
// in the same run.
//
//   bench_json_parse [seconds-per-measurement]
//
// Both sides read pre-built messages that already sit in padded buffers (as a source's batch
// arena holds them), keep `temperature > 30` and count the kept records; the counts must agree.
// The extractor sides filter a whole batch column with the compiled expression
// `temperature > 30`, as the filter node does. Rates are per CPU second of the measuring thread
// (what one core does, even on a busy machine); wall-clock rates are printed alongside.
#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/expr/Expression.h"
#include "engine/runtime/Batch.h"
#include "engine/runtime/SlotTable.h"
#include "nodes/RecordJson.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Messages {
  sc::Arena storage{1 << 20};
  std::vector<std::string_view> texts;
  size_t bytes = 0;
};

// Deterministic messages of 95..105 bytes, about a third of them above 30 degrees.
void makeMessages(size_t count, Messages& m) {
  static const char* const kStatus[] = {"ok", "ok", "ok", "ok", "warn", "error"};
  uint64_t x = 42;
  auto next = [&x] {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    return x;
  };
  char line[256];
  for (size_t i = 0; i < count; ++i) {
    double temperature = 15.0 + double(next() % 2400) / 100.0;
    int n =
        std::snprintf(line, sizeof line,
                      "{\"device\":\"d-%03u\",\"site\":\"plant-%u\",\"temperature\":%.2f,"
                      "\"humidity\":%u,\"status\":\"%s\",\"ts\":%llu}",
                      unsigned(next() % 64), unsigned(next() % 8), temperature,
                      unsigned(20 + next() % 60), kStatus[next() % 6], 1767225600000ULL + i * 100);
    m.texts.push_back(m.storage.copyPadded(std::string_view(line, size_t(n))));
    m.bytes += size_t(n);
  }
}

double threadCpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

struct Result {
  double seconds = 0;  // CPU time
  double wallSeconds = 0;
  uint64_t records = 0;
  uint64_t bytes = 0;
  uint64_t kept = 0;
};

template <typename Pass>
Result measure(const Messages& m, double minSeconds, Pass pass) {
  Result r;
  auto start = Clock::now();
  double cpuStart = threadCpuSeconds();
  do {
    r.kept += pass();
    r.records += m.texts.size();
    r.bytes += m.bytes;
    r.seconds = threadCpuSeconds() - cpuStart;
  } while (r.seconds < minSeconds);
  r.wallSeconds = std::chrono::duration<double>(Clock::now() - start).count();
  r.kept /= r.records / m.texts.size();
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  const double seconds = argc > 1 ? std::atof(argv[1]) : 2.0;
  const size_t count = 100'000;
  Messages messages;
  makeMessages(count, messages);
  std::printf("%zu messages, %.1f bytes on average, %.1f s per measurement\n", count,
              double(messages.bytes) / double(count), seconds);

  sc::SlotTable slots;
  sc::expr::CompileError error;
  auto filter =
      sc::expr::Expression::compile("temperature > 30", slots, sc::expr::Type::Bool, &error);
  if (!filter) {
    std::fprintf(stderr, "filter does not compile: %s\n", error.message.c_str());
    return 1;
  }
  sc::expr::EvalScratch scratch;
  sc::JsonFieldExtractor flatScan(slots);
  sc::JsonFieldExtractor simdjsonOnly(slots, false);
  sc::JsonFieldExtractor* extractor = &flatScan;
  sc::Batch batch(sc::Batch::kDefaultCapacity, slots.size());
  uint64_t invalid = 0;

  auto extractorPass = [&] {
    uint64_t kept = 0;
    size_t i = 0;
    while (i < messages.texts.size()) {
      batch.clear();
      while (!batch.full() && i < messages.texts.size()) {
        uint32_t row = batch.append();
        batch.meta(row).payload = messages.texts[i++];
        if (!extractor->extract(batch, row)) batch.truncate(row), ++invalid;
      }
      const sc::Value* keep = filter->evaluate(batch, scratch);
      for (uint32_t r = 0; r < batch.size(); ++r)
        kept += keep[r].isTrue();
    }
    return kept;
  };
  auto nlohmannPass = [&] {
    uint64_t kept = 0;
    for (std::string_view text : messages.texts) {
      nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
      if (doc.is_discarded()) {
        ++invalid;
        continue;
      }
      auto it = doc.find("temperature");
      kept += it != doc.end() && it->is_number() && it->get<double>() > 30;
    }
    return kept;
  };

  extractorPass();  // warm caches and the parser's buffers
  Result fast = measure(messages, seconds, extractorPass);
  extractor = &simdjsonOnly;
  extractorPass();
  Result onDemand = measure(messages, seconds, extractorPass);
  Result slow = measure(messages, seconds, nlohmannPass);
  std::printf("%-34s %9s %14s %14s   %s\n", "", "MB/s", "records/s", "wall MB/s", "kept");
  auto line = [](const char* name, const Result& r) {
    std::printf("%-34s %9.1f %14.0f %14.1f   %llu\n", name, double(r.bytes) / r.seconds / 1e6,
                double(r.records) / r.seconds, double(r.bytes) / r.wallSeconds / 1e6,
                static_cast<unsigned long long>(r.kept));
  };
  line("extractor (flat scan) + expression", fast);
  line("simdjson On-Demand + expression", onDemand);
  line("nlohmann::json::parse + lookup", slow);
  std::printf("speed-up: %.1fx\n",
              (double(fast.bytes) / fast.seconds) / (double(slow.bytes) / slow.seconds));
  if (fast.kept != slow.kept || onDemand.kept != slow.kept || invalid != 0) {
    std::fprintf(stderr, "results differ: %llu vs %llu kept, %llu invalid\n",
                 static_cast<unsigned long long>(fast.kept),
                 static_cast<unsigned long long>(slow.kept),
                 static_cast<unsigned long long>(invalid));
    return 1;
  }
  return 0;
}
