// console.sink: writes every record as one JSON line on stdout, one write and flush per batch
// so a pipe downstream sees results as they come.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>

#include "engine/graph/NodeConfig.h"
#include "engine/runtime/Context.h"
#include "engine/runtime/Node.h"
#include "nodes/NodeTypes.h"
#include "nodes/RecordJson.h"

namespace sc {
namespace {

class ConsoleSinkNode final : public Node {
 public:
  void configure(const NodeConfig&, PlanContext&) override {}

  void open(RunContext& ctx) override {
    metrics_ = &ctx.metrics();
    writer_ = std::make_unique<JsonRecordWriter>(ctx.slotTable());
  }

  void process(int, Batch* batch, Emitter& out) override {
    text_.clear();
    const uint32_t n = batch->size();
    for (uint32_t r = 0; r < n; ++r) {
      writer_->append(*batch, r, text_);
      text_ += '\n';
    }
    out.release(batch);
    if (std::fwrite(text_.data(), 1, text_.size(), stdout) != text_.size() ||
        std::fflush(stdout) != 0) {
      const int error = errno;
      std::clearerr(stdout);
      throw NodeFailure(std::string("cannot write to standard output: ") + std::strerror(error) +
                        (error == EPIPE ? " (the reading end of the pipe was closed)" : ""));
    }
    metrics_->recordsOut.add(n);
    metrics_->bytesOut.add(text_.size());
  }

 private:
  NodeMetrics* metrics_ = nullptr;
  std::unique_ptr<JsonRecordWriter> writer_;
  std::string text_;
};

}  // namespace

NodeSpec consoleSinkSpec() {
  NodeSpec s;
  s.type = "console.sink";
  s.category = "Sinks";
  s.title = "Console";
  s.summary = "Prints every record as one JSON line on standard output.";
  s.description =
      "Records read from JSON keep their text as it came, with the fields set or dropped by "
      "map applied; generated records list their fields in order.";
  s.inputs = {{"in", "Records to print"}};
  s.create = [] { return std::make_unique<ConsoleSinkNode>(); };
  return s;
}

}  // namespace sc
