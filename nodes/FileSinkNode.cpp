// file.sink: writes records to a file as JSON lines or CSV, one write per batch, flushed and
// closed when the input ends (or at a checkpoint barrier, everything before it is written).
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>

#include "engine/graph/NodeConfig.h"
#include "engine/runtime/Context.h"
#include "engine/runtime/Node.h"
#include "nodes/NodeTypes.h"
#include "nodes/RecordJson.h"

namespace sc {
namespace {

class FileSinkNode final : public Node {
 public:
  ~FileSinkNode() override { closeQuietly(); }

  void configure(const NodeConfig& cfg, PlanContext&) override {
    path_ = cfg.getString("path");
    csv_ = cfg.getString("format") == "csv";
    const std::filesystem::path parent = std::filesystem::path(path_).parent_path();
    std::error_code ec;
    if (!parent.empty() && !std::filesystem::is_directory(parent, ec))
      throw NodeFailure("output directory '" + parent.string() + "' of '" + path_ +
                        "' does not exist; create it first or choose another path");
  }

  void open(RunContext& ctx) override {
    metrics_ = &ctx.metrics();
    if (csv_)
      csvWriter_ = std::make_unique<CsvRecordWriter>(ctx.slotTable());
    else
      jsonWriter_ = std::make_unique<JsonRecordWriter>(ctx.slotTable());
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd_ < 0) fail("cannot create");
  }

  void process(int, Batch* batch, Emitter& out) override {
    text_.clear();
    const uint32_t n = batch->size();
    for (uint32_t r = 0; r < n; ++r) {
      if (csv_) {
        csvWriter_->append(*batch, r, text_);
      } else {
        jsonWriter_->append(*batch, r, text_);
        text_ += '\n';
      }
    }
    out.release(batch);
    writeAll(text_);
    metrics_->recordsOut.add(n);
    metrics_->bytesOut.add(text_.size());
  }

  void finish(Emitter&) override {
    const int fd = fd_;
    fd_ = -1;
    if (fd >= 0 && ::close(fd) != 0) {
      errno_ = errno;
      fail("cannot close");
    }
  }

  void close() override { closeQuietly(); }

 private:
  void writeAll(std::string_view data) {
    while (!data.empty()) {
      ssize_t w = ::write(fd_, data.data(), data.size());
      if (w < 0 && errno == EINTR) continue;
      if (w <= 0) fail("cannot write to");
      data.remove_prefix(size_t(w));
    }
  }

  [[noreturn]] void fail(const char* what) {
    const int error = errno_ ? errno_ : errno;
    throw NodeFailure(std::string(what) + " output file '" + path_ + "': " + std::strerror(error));
  }

  void closeQuietly() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

  std::string path_;
  bool csv_ = false;
  int fd_ = -1;
  int errno_ = 0;
  NodeMetrics* metrics_ = nullptr;
  std::unique_ptr<JsonRecordWriter> jsonWriter_;
  std::unique_ptr<CsvRecordWriter> csvWriter_;
  std::string text_;
};

}  // namespace

NodeSpec fileSinkSpec() {
  NodeSpec s;
  s.type = "file.sink";
  s.category = "Sinks";
  s.title = "File sink";
  s.summary = "Writes records to a file as JSON lines or CSV.";
  s.description =
      "The file is created or replaced when the pipeline starts and closed when the input ends. "
      "CSV takes its header from the first record's fields; later fields not in it are left out.";
  s.inputs = {{"in", "Records to write"}};

  PropertySpec path = makeProperty(
      "path", PropKind::String, "File to write (replaced if it exists; its directory must exist)");
  path.required = true;
  path.placeholder = "out/results.jsonl";
  PropertySpec format = makeProperty(
      "format", PropKind::Enum,
      "jsonl: one JSON object per line; csv: header row, then one row per record", "jsonl");
  format.choices = {"jsonl", "csv"};
  s.properties = {path, format};
  s.create = [] { return std::make_unique<FileSinkNode>(); };
  return s;
}

}  // namespace sc
