// file.sink: writes records to a file as JSON lines or CSV, one write per batch. At every
// checkpoint barrier the file is fsynced and its length goes into the checkpoint; a restored run
// truncates the file to that length and appends, so whatever crashed and when, the file holds
// every result exactly once. A fresh start replaces the file (mode: overwrite) or refuses to
// touch an existing one (mode: fail).
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>

#include "engine/graph/NodeConfig.h"
#include "engine/runtime/Context.h"
#include "engine/runtime/Node.h"
#include "engine/state/StateCodec.h"
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
    failIfExists_ = cfg.getString("mode") == "fail";
    const std::filesystem::path parent = std::filesystem::path(path_).parent_path();
    std::error_code ec;
    if (!parent.empty() && !std::filesystem::is_directory(parent, ec))
      throw NodeFailure("output directory '" + parent.string() + "' of '" + path_ +
                        "' does not exist; create it first or choose another path");
  }

  void open(RunContext& ctx) override {
    ctx_ = &ctx;
    metrics_ = &ctx.metrics();
    if (csv_)
      csvWriter_ = std::make_unique<CsvRecordWriter>(ctx.slotTable());
    else
      jsonWriter_ = std::make_unique<JsonRecordWriter>(ctx.slotTable());
    if (ctx.restoring()) {
      // restoreState() truncates to the checkpointed length; never wipe the file here.
      fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
      if (fd_ < 0) fail("cannot open");
      noteFileKind();
      return;
    }
    struct stat st {};
    if (failIfExists_ && ::stat(path_.c_str(), &st) == 0 && st.st_size > 0)
      throw NodeFailure("output file '" + path_ + "' exists (" + std::to_string(st.st_size) +
                        " bytes) and mode is fail; move it away, or set mode to overwrite");
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd_ < 0) fail("cannot create");
    noteFileKind();
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

  // Everything before the barrier reaches the disk before the checkpoint can complete.
  void onBarrier(uint64_t, Emitter&) override {
    if (fd_ >= 0 && regular_ && ::fdatasync(fd_) != 0) fail("cannot sync");
  }

  bool hasState() const override { return true; }

  void snapshotState(uint64_t, state::StateWriter& w) override {
    w.str(path_);
    w.u64(length_);
    w.u32(csv_ ? static_cast<uint32_t>(csvWriter_->header().size()) : 0);
    if (csv_)
      for (const auto& column : csvWriter_->header())
        w.str(column);
  }

  void restoreState(state::StateReader& r) override {
    const std::string path = r.str();
    const uint64_t length = r.u64();
    std::vector<std::string> header(r.count(4));
    for (auto& column : header)
      column = r.str();
    r.expectEnd();
    if (!regular_) return;  // a device or pipe: nothing to cut back
    if (path != path_) {
      // The graph was changed on purpose (--allow-changed-graph): a new file starts empty.
      ctx_->log().warn("file.sink",
                       "the checkpoint wrote to '" + path + "'; starting '" + path_ + "' afresh");
      if (::ftruncate(fd_, 0) != 0) fail("cannot truncate");
      return;
    }
    struct stat st {};
    if (::fstat(fd_, &st) != 0) fail("cannot inspect");
    if (static_cast<uint64_t>(st.st_size) < length)
      throw NodeFailure("output file '" + path_ + "' holds " + std::to_string(st.st_size) +
                        " bytes but the checkpoint says " + std::to_string(length) +
                        " were written and synced; it was truncated or replaced since, so "
                        "results would be lost. Restore the file, or start fresh (--fresh)");
    // Bytes after the checkpoint belong to records that will be processed again.
    if (::ftruncate(fd_, static_cast<off_t>(length)) != 0) fail("cannot truncate");
    if (::lseek(fd_, static_cast<off_t>(length), SEEK_SET) < 0) fail("cannot seek in");
    length_ = length;
    if (csv_ && !header.empty()) csvWriter_->resume(std::move(header));
  }

  void finish(Emitter&) override {
    const int fd = fd_;
    fd_ = -1;
    if (fd >= 0 && regular_ && ::fdatasync(fd) != 0) {
      errno_ = errno;
      ::close(fd);
      fail("cannot sync");
    }
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
      length_ += uint64_t(w);
    }
  }

  [[noreturn]] void fail(const char* what) {
    const int error = errno_ ? errno_ : errno;
    throw NodeFailure(std::string(what) + " output file '" + path_ + "': " + std::strerror(error));
  }

  // Devices and pipes (/dev/stdout) cannot be synced or truncated; only regular files are.
  void noteFileKind() {
    struct stat st {};
    regular_ = ::fstat(fd_, &st) == 0 && S_ISREG(st.st_mode);
  }

  void closeQuietly() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

  std::string path_;
  bool csv_ = false;
  bool failIfExists_ = false;
  bool regular_ = true;
  int fd_ = -1;
  int errno_ = 0;
  uint64_t length_ = 0;  // bytes of this file written so far (by this run and restored ones)
  RunContext* ctx_ = nullptr;
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
      "A fresh start creates the file, or replaces it (`mode: overwrite`) or refuses to touch "
      "an existing one (`mode: fail`). At every checkpoint the file is synced to disk and its "
      "length recorded; a run restored from a checkpoint cuts the file back to that length and "
      "appends, so every result is in it exactly once. CSV takes its header from the first "
      "record's fields; later fields not in it are left out.\n\n"
      "Unlike kafka.sink it has no `on_error`: a file refuses no single record, and a write "
      "error (disk full, I/O error) concerns every record after it, so skipping would lose them "
      "all silently. Such an error fails the run; a restart resumes from the last checkpoint and "
      "cuts the file back to it.";
  s.inputs = {{"in", "Records to write"}};

  PropertySpec path =
      makeProperty("path", PropKind::String, "File to write (its directory must exist)");
  path.required = true;
  path.placeholder = "out/results.jsonl";
  PropertySpec format = makeProperty(
      "format", PropKind::Enum,
      "jsonl: one JSON object per line; csv: header row, then one row per record", "jsonl");
  format.choices = {"jsonl", "csv"};
  PropertySpec mode = makeProperty(
      "mode", PropKind::Enum,
      "When the file exists at a fresh start (not a restore): overwrite it, or fail the run",
      "overwrite");
  mode.choices = {"overwrite", "fail"};
  s.properties = {path, format, mode};
  s.exactlyOnce = true;
  s.create = [] { return std::make_unique<FileSinkNode>(); };
  return s;
}

}  // namespace sc
