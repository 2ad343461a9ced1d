// file.source: reads JSON lines or CSV with a header from a file, once or following appended
// lines like tail -f. Each JSON line is kept as the record's payload and only the fields the
// pipeline reads are extracted; a CSV row becomes a JSON payload first, then the same.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "engine/expr/Expression.h"  // complete types for WatermarkGenerator's members
#include "engine/graph/NodeConfig.h"
#include "engine/runtime/Context.h"
#include "engine/runtime/Node.h"
#include "engine/runtime/WatermarkGenerator.h"
#include "engine/state/StateCodec.h"
#include "nodes/FileSample.h"
#include "nodes/NodeTypes.h"
#include "nodes/RecordJson.h"

namespace sc {
namespace {

constexpr size_t kLoggedBadLines = 5;
constexpr size_t kSampleBytes = 120;
constexpr size_t kReadChunk = 256 * 1024;

std::string sample(std::string_view text) {
  std::string out(text.substr(0, kSampleBytes));
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  if (text.size() > kSampleBytes) out += "...";
  return out;
}

std::string cannotOpen(const std::string& path, int error) {
  std::string where = "'" + path + "'";
  if (std::filesystem::path(path).is_relative()) {
    std::error_code ec;
    where += " (relative to " + std::filesystem::current_path(ec).string() + ")";
  }
  return "cannot open input file " + where + ": " + std::strerror(error) +
         "; check the path, or set the ${VARIABLE} the pipeline takes it from";
}

// Whether `s` is a JSON number (so a CSV cell can be written into JSON as it is).
bool isJsonNumber(std::string_view s) {
  size_t i = 0;
  auto digits = [&] {
    size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9')
      ++i;
    return i > start;
  };
  if (i < s.size() && s[i] == '-') ++i;
  if (i < s.size() && s[i] == '0') {
    ++i;
  } else if (!digits()) {
    return false;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == s.size();
}

// Splits one CSV record (RFC 4180: quoted fields may hold commas, doubled quotes and line
// breaks). Incomplete: a quoted field runs past the end of `text` (the record continues on the
// next line).
enum class CsvParse { Complete, Incomplete, Malformed };

CsvParse splitCsv(std::string_view text, std::vector<std::string>& fields, size_t& count) {
  count = 0;
  size_t i = 0;
  for (;;) {
    if (fields.size() <= count) fields.emplace_back();
    std::string& field = fields[count++];
    field.clear();
    if (i < text.size() && text[i] == '"') {
      ++i;
      for (;;) {
        if (i >= text.size()) return CsvParse::Incomplete;
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        field += text[i++];
      }
      if (i < text.size() && text[i] != ',') return CsvParse::Malformed;
    } else {
      size_t end = text.find(',', i);
      if (end == std::string_view::npos) end = text.size();
      std::string_view cell = text.substr(i, end - i);
      if (cell.find('"') != std::string_view::npos) return CsvParse::Malformed;
      field.assign(cell);
      i = end;
    }
    if (i >= text.size()) return CsvParse::Complete;
    ++i;  // the comma
  }
}

// One CSV row as file.source turns it into a record: cells typed like JSON values.
std::string csvRecordJson(const std::vector<std::string>& header,
                          const std::vector<std::string>& cells, size_t count) {
  std::string json = "{";
  for (size_t i = 0; i < count; ++i) {
    if (i > 0) json += ',';
    appendJsonString(json, header[i]);
    json += ':';
    const std::string& cell = cells[i];
    if (cell.empty())
      json += "null";
    else if (cell == "true" || cell == "false" || isJsonNumber(cell))
      json += cell;
    else
      appendJsonString(json, cell);
  }
  return json + '}';
}

class FileSourceNode final : public SourceNode {
 public:
  void configure(const NodeConfig& cfg, PlanContext&) override {
    nodeId_ = cfg.id();
    path_ = cfg.getString("path");
    csv_ = cfg.getString("format") == "csv";
    follow_ = cfg.getBool("follow");
    failOnError_ = cfg.getString("on_error") == "fail";
    parseTimestampErrorPolicy(cfg.getString("on_timestamp_error"), timestampErrors_);
    // Fail at plan time, before anything runs, when the file cannot be read.
    int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw NodeFailure(cannotOpen(path_, errno));
    struct stat st;
    bool directory = ::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode);
    ::close(fd);
    if (directory) throw NodeFailure("input path '" + path_ + "' is a directory, not a file");
  }

  void setWatermarkStrategy(const WatermarkStrategy& s) override {
    strategy_ = s;
    hasStrategy_ = true;
  }

  void open(RunContext& ctx) override {
    ctx_ = &ctx;
    fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) throw NodeFailure(cannotOpen(path_, errno));
    buffer_.resize(kReadChunk);
    extractor_ = std::make_unique<JsonFieldExtractor>(ctx.slotTable());
    if (hasStrategy_) {
      watermarks_ = WatermarkGenerator(strategy_);
      std::string error;
      if (!watermarks_.compile(ctx.slotTable(), &error)) throw NodeFailure(error);
      watermarks_.addPartition(-1, wallMs());
      watermarks_.setTimestampErrorHandling(
          {timestampErrors_, ctx.nodeId(), "line", &ctx.metrics().gauge("timestamp_errors"), {}});
      watermarks_.publishTo(ctx.metrics());
    }
  }

  Poll poll(Emitter& out) override {
    if (stop_.load(std::memory_order_relaxed)) return Poll::Done;
    const int64_t now = wallMs();
    Batch* batch = out.acquire();
    bool ended = false;
    const uint64_t budget = out.budget();  // --max-records: read no line past it
    while (!batch->full() && batch->size() < budget) {
      std::string_view line;
      Read r = nextLine(line);
      if (r == Read::Wait) break;
      if (r == Read::End) {
        ended = true;
        break;
      }
      if (csv_)
        csvLine(*batch, line);
      else
        record(*batch, line, lineNumber_);
    }
    if (ended && csv_ && !pending_.empty()) {
      fail(pendingLine_, "unterminated quoted field", pending_);
      pending_.clear();
    }
    const bool any = !batch->empty();
    if (any) {
      for (uint32_t r = 0; r < batch->size(); ++r)
        batch->meta(r).timestamp = now;
      if (watermarks_.enabled()) watermarks_.stampAndObserve(*batch, now);
      out.emit(0, batch);
    } else {
      out.release(batch);
    }
    int64_t wm;
    if (watermarks_.enabled() && watermarks_.advance(now, wm)) out.emitWatermark(wm);
    if (any) return Poll::Produced;
    return ended ? Poll::Done : Poll::Idle;
  }

  void requestStop() override { stop_.store(true, std::memory_order_relaxed); }

  // The byte position after the last line handed out, with what parsing carries across lines
  // (CSV header, a quoted field still open): a restored run continues at the next line.
  bool hasState() const override { return true; }
  void snapshotState(uint64_t, state::StateWriter& w) override {
    w.u64(consumed_);
    w.i64(lineNumber_);
    w.boolean(headerDone_);
    w.u32(static_cast<uint32_t>(header_.size()));
    for (const auto& h : header_)
      w.str(h);
    w.str(pending_);
    w.i64(pendingLine_);
    w.boolean(watermarks_.enabled());
    if (watermarks_.enabled()) watermarks_.save(w);
  }
  void restoreState(state::StateReader& r) override {
    consumed_ = r.u64();
    lineNumber_ = r.i64();
    headerDone_ = r.boolean();
    header_.resize(r.count(4));
    for (auto& h : header_)
      h = r.str();
    pending_ = r.str();
    pendingLine_ = r.i64();
    if (r.boolean()) {
      if (!watermarks_.enabled()) r.fail("no watermark state (this source feeds no window)");
      watermarks_.load(r, wallMs());
    }
    r.expectEnd();
    struct stat st {};
    if (::fstat(fd_, &st) == 0 && uint64_t(st.st_size) < consumed_)
      throw NodeFailure("'" + path_ + "' is shorter (" + std::to_string(st.st_size) +
                        " bytes) than the checkpoint's position (" + std::to_string(consumed_) +
                        "); the file was replaced. Start fresh (--fresh) to read it again");
    if (::lseek(fd_, static_cast<off_t>(consumed_), SEEK_SET) < 0)
      throw NodeFailure("cannot seek in '" + path_ + "': " + std::strerror(errno));
    begin_ = end_ = 0;
    eof_ = false;
  }

  void close() override {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    if (ctx_ && badLines_ > kLoggedBadLines)
      ctx_->log().warn(
          nodeId_, path_ + ": skipped " + std::to_string(badLines_) + " invalid lines in total");
  }

 private:
  enum class Read { Line, Wait, End };

  static int64_t wallMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }

  // The next line without its line break (and without a trailing CR). Wait: no complete line
  // yet in follow mode; End: the bounded file is exhausted.
  Read nextLine(std::string_view& line) {
    for (;;) {
      const char* start = buffer_.data() + begin_;
      const void* nl = std::memchr(start, '\n', end_ - begin_);
      if (nl || (eof_ && !follow_ && end_ > begin_)) {
        size_t len = nl ? size_t(static_cast<const char*>(nl) - start) : end_ - begin_;
        begin_ += nl ? len + 1 : len;
        if (len > 0 && start[len - 1] == '\r') --len;
        line = {start, len};
        ++lineNumber_;
        consumed_ += nl ? len + 1 : len;
        if (lineNumber_ == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
        return Read::Line;
      }
      if (eof_ && !follow_) return Read::End;
      if (!fill() && follow_) return Read::Wait;  // bounded: loop once more for a last line
    }
  }

  // Reads more of the file; false when nothing new is there now.
  bool fill() {
    if (begin_ > 0) {
      std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
      end_ -= begin_;
      begin_ = 0;
    }
    if (end_ == buffer_.size()) buffer_.resize(buffer_.size() * 2);  // a very long line
    ssize_t n;
    do {
      n = ::read(fd_, buffer_.data() + end_, buffer_.size() - end_);
    } while (n < 0 && errno == EINTR);
    if (n < 0) throw NodeFailure("cannot read '" + path_ + "': " + std::strerror(errno));
    if (n == 0) {
      eof_ = true;
      if (follow_) checkTruncated();
      return false;
    }
    eof_ = false;
    end_ += size_t(n);
    ctx_->metrics().bytesIn.add(uint64_t(n));
    return true;
  }

  // A followed file that shrank was truncated or replaced (log rotation): start over.
  void checkTruncated() {
    struct stat st;
    if (::fstat(fd_, &st) != 0 || uint64_t(st.st_size) >= consumed_ + (end_ - begin_)) return;
    ctx_->log().info(nodeId_, path_ + " was truncated; reading it again from the start");
    ::lseek(fd_, 0, SEEK_SET);
    begin_ = end_ = 0;
    consumed_ = 0;
    lineNumber_ = 0;
    headerDone_ = false;
    pending_.clear();
  }

  void record(Batch& batch, std::string_view text, int64_t line) {
    if (text.find_first_not_of(" \t") == std::string_view::npos) return;  // blank line
    const uint32_t row = batch.append();
    RecordMeta& meta = batch.meta(row);
    meta.payload = batch.arena().copyPadded(text);
    meta.offset = line;
    if (!extractor_->extract(batch, row)) {
      batch.truncate(row);
      fail(line, extractor_->error(), text);
    }
  }

  void csvLine(Batch& batch, std::string_view line) {
    std::string_view text = line;
    if (!pending_.empty()) {
      pending_ += '\n';
      pending_ += line;
      text = pending_;
    } else {
      if (line.empty()) return;
      pendingLine_ = lineNumber_;
    }
    size_t count;
    CsvParse parsed = splitCsv(text, fields_, count);
    if (parsed == CsvParse::Incomplete) {
      if (pending_.empty()) pending_.assign(line);
      return;
    }
    std::string whole = std::move(pending_);  // keeps the text alive for error messages
    pending_.clear();
    if (!whole.empty()) text = whole;
    if (parsed == CsvParse::Malformed) {
      fail(pendingLine_, "malformed CSV (a quote inside an unquoted field or after a quoted one)",
           text);
      return;
    }
    if (!headerDone_) {
      header_.assign(fields_.begin(), fields_.begin() + std::ptrdiff_t(count));
      headerDone_ = true;
      return;
    }
    if (count > header_.size()) {
      fail(pendingLine_,
           "row has " + std::to_string(count) + " fields, the header " +
               std::to_string(header_.size()),
           text);
      return;
    }
    json_ = csvRecordJson(header_, fields_, count);
    record(batch, json_, pendingLine_);
  }

  // A bad line: counted, the first few logged, skipped (or the run stops with on_error=fail).
  void fail(int64_t line, std::string_view reason, std::string_view text) {
    ctx_->metrics().errors.add(1);
    std::string where = path_ + ":" + std::to_string(line);
    if (failOnError_)
      throw NodeFailure(where + ": " + std::string(reason) + ": " + sample(text) +
                        " (set on_error to skip to count and skip such lines)");
    if (++badLines_ <= kLoggedBadLines) {
      ctx_->log().warn(
          nodeId_, where + ": skipped invalid line (" + std::string(reason) + "): " + sample(text));
      if (badLines_ == kLoggedBadLines)
        ctx_->log().warn(nodeId_, "further invalid lines are counted but not logged");
    }
  }

  std::string nodeId_;
  std::string path_;
  bool csv_ = false;
  bool follow_ = false;
  bool failOnError_ = false;
  RunContext* ctx_ = nullptr;
  int fd_ = -1;
  std::string buffer_;
  size_t begin_ = 0;
  size_t end_ = 0;
  bool eof_ = false;
  uint64_t consumed_ = 0;  // bytes of complete lines handed out
  int64_t lineNumber_ = 0;
  std::unique_ptr<JsonFieldExtractor> extractor_;
  uint64_t badLines_ = 0;
  // CSV
  bool headerDone_ = false;
  std::vector<std::string> header_;
  std::vector<std::string> fields_;
  std::string pending_;  // a record whose quoted field continues on the next line
  int64_t pendingLine_ = 0;
  std::string json_;
  std::atomic<bool> stop_{false};
  WatermarkStrategy strategy_;
  bool hasStrategy_ = false;
  TimestampErrorPolicy timestampErrors_ = TimestampErrorPolicy::Late;
  WatermarkGenerator watermarks_;
};

}  // namespace

std::string readFileSample(const std::string& path, bool csv, size_t maxRecords,
                           std::vector<Json>& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return cannotOpen(path, errno);
  if (std::filesystem::is_directory(path)) return "'" + path + "' is a directory, not a file";
  std::vector<std::string> header, cells;
  bool headerDone = false;
  std::string line, pending;
  // Bounded by lines read too, so a file of invalid lines is not read to its end.
  for (size_t lines = 0;
       out.size() < maxRecords && lines < maxRecords * 10 + 10 && std::getline(in, line); ++lines) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!csv) {
      Json record = Json::parse(line, nullptr, false);
      if (record.is_object()) out.push_back(std::move(record));
      continue;
    }
    if (pending.empty() && line.empty()) continue;
    pending = pending.empty() ? line : pending + '\n' + line;
    size_t count = 0;
    const CsvParse parsed = splitCsv(pending, cells, count);
    if (parsed == CsvParse::Incomplete) continue;
    pending.clear();
    if (parsed == CsvParse::Malformed) continue;
    if (!headerDone) {
      header.assign(cells.begin(), cells.begin() + std::ptrdiff_t(count));
      headerDone = true;
    } else if (count <= header.size()) {
      out.push_back(Json::parse(csvRecordJson(header, cells, count), nullptr, false));
    }
  }
  return {};
}

NodeSpec fileSourceSpec() {
  NodeSpec s;
  s.type = "file.source";
  s.category = "Sources";
  s.title = "File source";
  s.summary = "Reads JSON lines or CSV (with a header row) from a file, optionally following it.";
  s.description =
      "Each line is one record; $offset is its line number and $timestamp the time it was read. "
      "CSV cells become numbers, true/false or strings, and empty cells null. Invalid lines are "
      "counted as errors, the first few logged with file:line, and skipped (or, with "
      "on_error = fail, stop the run).";
  s.outputs = {{"out", "One record per line"}};

  PropertySpec path = makeProperty("path", PropKind::String,
                                   "File to read (relative paths from the working directory)");
  path.required = true;
  path.placeholder = "${INPUT:-resources/data/sensors.jsonl}";
  PropertySpec format = makeProperty(
      "format", PropKind::Enum,
      "jsonl: one JSON object per line; csv: comma-separated with a header row", "jsonl");
  format.choices = {"jsonl", "csv"};
  PropertySpec onError = makeProperty(
      "on_error", PropKind::Enum, "Invalid line: count, log and skip it, or stop the run", "skip");
  onError.choices = {"skip", "fail"};
  s.properties = {
      path, format,
      makeProperty("follow", PropKind::Boolean,
                   "Keep reading lines appended to the file, like tail -f (never ends)", false),
      onError, onTimestampErrorProperty(false)};
  s.create = [] { return std::make_unique<FileSourceNode>(); };
  return s;
}

}  // namespace sc
