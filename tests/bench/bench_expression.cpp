// Expression evaluation throughput on one core: pre-filled 1024-row batches, a whole column per
// evaluate() call, as the filter and map nodes use it. Prints records per second per expression.

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <random>
#include <vector>

#include "engine/expr/Expression.h"
#include "engine/runtime/Batch.h"
#include "engine/runtime/SlotTable.h"

using namespace sc;
using namespace sc::expr;

namespace {

constexpr uint32_t kRows = Batch::kDefaultCapacity;
constexpr int kBatches = 16;
constexpr double kSecondsPerCase = 1.5;

struct Result {
  double recordsPerSecond;
  uint64_t checksum;
};

Result measure(const Expression& e, const std::vector<std::unique_ptr<Batch>>& batches) {
  EvalScratch scratch;
  uint64_t checksum = 0;
  uint64_t records = 0;
  for (const auto& b : batches)
    e.evaluate(*b, scratch);  // warm-up: sizes the scratch
  const auto start = std::chrono::steady_clock::now();
  std::chrono::duration<double> elapsed{};
  do {
    for (int round = 0; round < 64; ++round) {
      for (const auto& b : batches) {
        const Value* out = e.evaluate(*b, scratch);
        for (uint32_t r = 0; r < kRows; ++r)
          checksum += out[r].kind == Kind::Bool ? out[r].b : out[r].len;
        records += kRows;
      }
    }
    elapsed = std::chrono::steady_clock::now() - start;
  } while (elapsed.count() < kSecondsPerCase);
  return {static_cast<double>(records) / elapsed.count(), checksum};
}

}  // namespace

int main() {
  SlotTable slots;
  const char* const cases[] = {
      R"(temperature > 30 && status == "ok")",
      "temperature > 30",
      R"(status == "ok")",
      "temperature * 1.8 + 32",
      R"(status in ["ok", "warn"] and not (temperature < 0))",
      R"(lower(name) + "-" + to_string(temperature))",
      R"(coalesce(humidity, 0) > 50 || starts_with(name, "sensor-1"))",
      R"(regex_match(name, "^sensor-[0-9]+7$"))",
  };
  std::vector<std::unique_ptr<Expression>> exprs;
  for (const char* text : cases) {
    CompileError error;
    exprs.push_back(Expression::compile(text, slots, Type::Any, &error));
    if (!exprs.back()) {
      std::fprintf(stderr, "%s: column %d: %s\n", text, error.column, error.message.c_str());
      return 1;
    }
  }
  const auto temperature = static_cast<uint32_t>(slots.find("temperature"));
  const auto status = static_cast<uint32_t>(slots.find("status"));
  const auto name = static_cast<uint32_t>(slots.find("name"));
  const auto humidity = static_cast<uint32_t>(slots.find("humidity"));
  static const char* const kStatus[] = {"ok", "ok", "ok", "warn", "fail"};
  static const char* const kNames[] = {"sensor-17", "Sensor-2", "sensor-1007", "probe-9"};
  std::mt19937_64 rng(42);
  std::vector<std::unique_ptr<Batch>> batches;
  for (int b = 0; b < kBatches; ++b) {
    auto batch = std::make_unique<Batch>(kRows, slots.size());
    for (uint32_t r = 0; r < kRows; ++r) {
      batch->append();
      int64_t t = static_cast<int64_t>(rng() % 60) - 10;
      batch->at(temperature, r) = rng() % 4 ? Value::integer(t) : Value::number(double(t) + 0.5);
      batch->at(status, r) = Value::string(kStatus[rng() % 5]);
      batch->at(name, r) = Value::string(kNames[rng() % 4]);
      if (rng() % 3) batch->at(humidity, r) = Value::integer(static_cast<int64_t>(rng() % 100));
    }
    batches.push_back(std::move(batch));
  }
  std::printf("expression evaluation, one core, %d batches of %u rows\n", kBatches, kRows);
  uint64_t checksum = 0;
  for (size_t k = 0; k < exprs.size(); ++k) {
    Result r = measure(*exprs[k], batches);
    checksum += r.checksum;
    std::printf("%12.1f M records/s  %6.2f ns/record  %s\n", r.recordsPerSecond / 1e6,
                1e9 / r.recordsPerSecond, cases[k]);
  }
  std::printf("(checksum %llu)\n", static_cast<unsigned long long>(checksum));
  return 0;
}
