#include "nodes/FixtureReplay.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <unistd.h>

#include "engine/expr/Expression.h"  // complete types for WatermarkGenerator's members
#include "engine/graph/NodeConfig.h"
#include "engine/runtime/Context.h"
#include "engine/runtime/Node.h"
#include "engine/runtime/Planner.h"
#include "engine/runtime/WatermarkGenerator.h"
#include "nodes/RecordJson.h"

namespace sc {
namespace {

namespace fs = std::filesystem;

constexpr const char* kManifest = "manifest.json";
constexpr int kFormat = 1;

int64_t wallMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// ---- fixture.source ----------------------------------------------------------------------------

class FixtureSourceNode final : public SourceNode {
 public:
  void configure(const NodeConfig& cfg, PlanContext&) override {
    path_ = cfg.getString("path");
    recordedSpeed_ = cfg.getString("speed") == "recorded";
    hold_ = cfg.getBool("hold");
    // A missing file fails the plan; a malformed line fails the run with file and line (--test
    // and the designer read the whole fixture before they run it).
    std::string error;
    FixtureReader reader;
    if (!reader.open(path_, error)) throw NodeFailure(error);
  }

  void setWatermarkStrategy(const WatermarkStrategy& s) override {
    strategy_ = s;
    hasStrategy_ = true;
  }

  void open(RunContext& ctx) override {
    ctx_ = &ctx;
    std::string error;
    if (!reader_.open(path_, error)) throw NodeFailure(error);
    extractor_ = std::make_unique<JsonFieldExtractor>(ctx.slotTable());
    if (hasStrategy_) {
      watermarks_ = WatermarkGenerator(strategy_);
      if (!watermarks_.compile(ctx.slotTable(), &error)) throw NodeFailure(error);
      watermarks_.setTimestampErrorHandling({TimestampErrorPolicy::Late,
                                             ctx.nodeId(),
                                             "record",
                                             &ctx.metrics().gauge("timestamp_errors"),
                                             {}});
    }
    startMs_ = wallMs();
  }

  Poll poll(Emitter& out) override {
    if (stop_.load(std::memory_order_relaxed)) return Poll::Done;
    const int64_t now = wallMs();
    Batch* batch = out.acquire();
    const uint64_t budget = out.budget();
    bool ended = false;
    while (!batch->full() && batch->size() < budget) {
      if (!pending_) {
        std::string error;
        switch (reader_.next(next_, error)) {
          case FixtureReader::Status::Error:
            out.release(batch);
            throw NodeFailure(error);
          case FixtureReader::Status::End:
            ended = true;
            break;
          case FixtureReader::Status::Record:
            pending_ = true;
            if (firstAt_ < 0) firstAt_ = next_.arrivalMs;
            break;
        }
        if (ended) break;
      }
      // Recorded speed: a record is due as long after the first as it was recorded.
      if (recordedSpeed_ && now - startMs_ < next_.arrivalMs - firstAt_) break;
      append(*batch, reader_.lineNumber());
      pending_ = false;
    }
    const bool any = !batch->empty();
    if (any) {
      ctx_->metrics().bytesIn.add(bytes_);
      bytes_ = 0;
      if (watermarks_.enabled()) watermarks_.stampAndObserve(*batch, now);
      out.emit(0, batch);
    } else {
      out.release(batch);
    }
    int64_t wm;
    if (watermarks_.enabled() && watermarks_.advance(now, wm)) out.emitWatermark(wm);
    if (any) return Poll::Produced;
    return ended && !hold_ ? Poll::Done : Poll::Idle;
  }

  void requestStop() override { stop_.store(true, std::memory_order_relaxed); }

 private:
  void append(Batch& batch, int64_t line) {
    const uint32_t row = batch.append();
    RecordMeta& meta = batch.meta(row);
    Arena& arena = batch.arena();
    meta.payload = arena.copyPadded(next_.value);
    if (next_.key) {
      meta.key = arena.copy(*next_.key);
      meta.hasKey = true;
    }
    meta.topic = *topics_.insert(next_.topic).first;
    meta.partition = next_.partition;
    meta.offset = next_.offset;
    meta.timestamp = next_.timestamp;
    meta.noEventTime = next_.noEventTime;
    if (!next_.headers.empty()) {
      Header* headers = arena.allocateArray<Header>(next_.headers.size());
      for (size_t h = 0; h < next_.headers.size(); ++h)
        headers[h] =
            Header{arena.copy(next_.headers[h].first), arena.copy(next_.headers[h].second)};
      meta.headers = headers;
      meta.headerCount = static_cast<uint32_t>(next_.headers.size());
    }
    if (watermarks_.enabled() && seen_.insert({next_.topic, next_.partition}).second)
      watermarks_.addPartition(*topics_.find(next_.topic), next_.partition, wallMs());
    bytes_ += next_.value.size();
    if (!extractor_->extract(batch, row))
      throw NodeFailure(path_ + ":" + std::to_string(line) + ": the record is not a JSON object (" +
                        std::string(extractor_->error()) + "); fix or remove the line");
  }

  std::string path_;
  bool recordedSpeed_ = false;
  bool hold_ = false;  // after the last record, wait for a stop instead of ending the input
  RunContext* ctx_ = nullptr;
  FixtureReader reader_;
  FixtureRecord next_;
  bool pending_ = false;
  int64_t firstAt_ = -1;
  int64_t startMs_ = 0;
  uint64_t bytes_ = 0;
  std::set<std::string, std::less<>> topics_;  // stable storage for RecordMeta::topic
  std::set<std::pair<std::string, int32_t>> seen_;
  std::unique_ptr<JsonFieldExtractor> extractor_;
  std::atomic<bool> stop_{false};
  WatermarkStrategy strategy_;
  bool hasStrategy_ = false;
  WatermarkGenerator watermarks_;
};

NodeSpec fixtureSourceSpec() {
  NodeSpec s;
  s.type = "fixture.source";
  s.category = "Sources";
  s.title = "Fixture";
  s.summary = "Replays a recorded wire fixture (internal to replay and --test).";
  s.outputs = {{"out", "The recorded records"}};
  PropertySpec path = makeProperty("path", PropKind::String, "Fixture file (JSONL)");
  path.required = true;
  PropertySpec speed = makeProperty(
      "speed", PropKind::Enum, "max: as fast as possible; recorded: with the recorded gaps", "max");
  speed.choices = {"max", "recorded"};
  s.properties = {path, speed,
                  makeProperty("hold", PropKind::Boolean,
                               "After the last record, wait for a stop (a recorded run that was "
                               "stopped) instead of ending the input (one that finished)",
                               false)};
  s.create = [] { return std::make_unique<FixtureSourceNode>(); };
  return s;
}

// ---- fixture.capture ---------------------------------------------------------------------------

// What one replaced sink received, as JSON lines (shared through the run's ResourceRegistry).
struct CaptureCollector {
  std::mutex mutex;
  std::vector<std::string> lines;
};

std::string collectorKey(const std::string& sink) {
  return "fixture.capture:" + sink;
}

class FixtureCaptureNode final : public Node {
 public:
  void configure(const NodeConfig& cfg, PlanContext&) override { sink_ = cfg.getString("sink"); }
  void open(RunContext& ctx) override {
    collector_ =
        std::static_pointer_cast<CaptureCollector>(ctx.resources().find(collectorKey(sink_)));
    if (!collector_) throw NodeFailure("no collector for sink '" + sink_ + "'");
    writer_ = std::make_unique<JsonRecordWriter>(ctx.slotTable());
  }
  void process(int, Batch* batch, Emitter& out) override {
    std::lock_guard lock(collector_->mutex);
    for (uint32_t r = 0; r < batch->size(); ++r) {
      std::string line;
      appendRecordLine(*writer_, *batch, r, line);
      collector_->lines.push_back(std::move(line));
    }
    out.release(batch);
  }

 private:
  std::string sink_;
  std::shared_ptr<CaptureCollector> collector_;
  std::unique_ptr<JsonRecordWriter> writer_;
};

NodeSpec fixtureCaptureSpec() {
  NodeSpec s;
  s.type = "fixture.capture";
  s.category = "Sinks";
  s.title = "Capture";
  s.summary = "Keeps what a sink would receive (internal to --test).";
  s.inputs = {{"in", "Records"}};
  PropertySpec sink = makeProperty("sink", PropKind::String, "The sink it stands in for");
  sink.required = true;
  s.properties = {sink};
  s.create = [] { return std::make_unique<FixtureCaptureNode>(); };
  return s;
}

// ---- helpers -----------------------------------------------------------------------------------

std::string fileNameFor(const std::string& nodeId) {
  std::string out;
  for (char c : nodeId)
    out +=
        (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.') ? c : '_';
  return out.empty() || out[0] == '.' ? "_" + out : out;
}

std::vector<std::string> readLines(const std::string& path, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = path + ": cannot open expected output: " + std::strerror(errno);
    return {};
  }
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    lines.push_back(std::move(line));
  }
  return lines;
}

// A readable line diff (longest common subsequence; beyond a size where that costs too much,
// the first difference and the counts).
std::string diffLines(const std::vector<std::string>& expected,
                      const std::vector<std::string>& actual) {
  constexpr size_t kMaxCells = 4'000'000;
  constexpr size_t kMaxShown = 40;
  std::ostringstream out;
  size_t shown = 0;
  auto show = [&](char sign, size_t line, const std::string& text) {
    if (shown++ < kMaxShown)
      out << "    " << sign << " " << (sign == '-' ? "expected" : "actual  ") << " record "
          << line + 1 << ": " << text << "\n";
  };
  const size_t n = expected.size(), m = actual.size();
  if ((n + 1) * (m + 1) > kMaxCells) {
    size_t i = 0;
    while (i < n && i < m && expected[i] == actual[i])
      ++i;
    if (i < n) show('-', i, expected[i]);
    if (i < m) show('+', i, actual[i]);
  } else {
    std::vector<uint32_t> lcs((n + 1) * (m + 1), 0);
    auto at = [&](size_t i, size_t j) -> uint32_t& { return lcs[i * (m + 1) + j]; };
    for (size_t i = n; i-- > 0;)
      for (size_t j = m; j-- > 0;)
        at(i, j) =
            expected[i] == actual[j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
    size_t i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && expected[i] == actual[j]) {
        ++i, ++j;
      } else if (j < m && (i == n || at(i, j + 1) >= at(i + 1, j))) {
        show('+', j, actual[j]);
        ++j;
      } else {
        show('-', i, expected[i]);
        ++i;
      }
    }
  }
  if (shown > kMaxShown) out << "    ... and " << shown - kMaxShown << " more differing records\n";
  return out.str();
}

}  // namespace

void appendRecordLine(JsonRecordWriter& writer, const Batch& batch, uint32_t row,
                      std::string& out) {
  const size_t start = out.size();
  writer.append(batch, row, out);
  // Line breaks in a JSON text are whitespace (inside strings they are escaped): one line each.
  for (size_t i = start; i < out.size(); ++i)
    if (out[i] == '\n' || out[i] == '\r') out[i] = ' ';
}

const NodeRegistry& fixtureRegistry() {
  static const NodeRegistry registry = [] {
    NodeRegistry r;
    registerBuiltinNodes(r);
    r.add(fixtureSourceSpec());
    r.add(fixtureCaptureSpec());
    return r;
  }();
  return registry;
}

const NodeRegistry& fixtureRegistryFor(const NodeRegistry& base) {
  if (&base == &NodeRegistry::builtin() || &base == &fixtureRegistry()) return fixtureRegistry();
  static std::mutex mutex;
  static std::map<const NodeRegistry*, std::unique_ptr<NodeRegistry>> extended;
  std::lock_guard lock(mutex);
  auto& slot = extended[&base];
  if (!slot) {
    slot = std::make_unique<NodeRegistry>(base);
    if (!slot->find("fixture.source")) slot->add(fixtureSourceSpec());
    if (!slot->find("fixture.capture")) slot->add(fixtureCaptureSpec());
  }
  return *slot;
}

// ---- FixtureRecorder ---------------------------------------------------------------------------

FixtureRecorder::FixtureRecorder() = default;
FixtureRecorder::~FixtureRecorder() = default;

bool FixtureRecorder::open(const std::string& path, std::string& error) {
  std::lock_guard lock(mutex_);
  return writer_.open(path, error);
}

void FixtureRecorder::onBatch(const Batch& batch, const SlotTable& slots) {
  std::lock_guard lock(mutex_);
  if (!writer_.isOpen()) return;
  if (!json_) json_ = std::make_unique<JsonRecordWriter>(slots);
  const int64_t now = wallMs();
  for (uint32_t r = 0; r < batch.size(); ++r) {
    const RecordMeta& m = batch.meta(r);
    record_.value.clear();
    json_->append(batch, r, record_.value);
    record_.key = m.hasKey ? std::optional<std::string>(std::string(m.key)) : std::nullopt;
    record_.topic.assign(m.topic);
    record_.partition = m.partition;
    record_.offset = m.offset;
    record_.timestamp = m.timestamp;
    record_.noEventTime = m.noEventTime;
    record_.arrivalMs = now;
    record_.headers.clear();
    for (uint32_t h = 0; h < m.headerCount; ++h)
      record_.headers.emplace_back(std::string(m.headers[h].name), std::string(m.headers[h].value));
    writer_.write(record_);
  }
}

bool FixtureRecorder::close(std::string& error) {
  std::lock_guard lock(mutex_);
  return writer_.close(error);
}

uint64_t FixtureRecorder::records() const {
  std::lock_guard lock(mutex_);
  return writer_.records();
}

// ---- buildReplayPipeline -----------------------------------------------------------------------

Pipeline buildReplayPipeline(const Pipeline& pipeline, const std::vector<ReplayInput>& inputs,
                             ReplaySpeed speed, const NodeRegistry& registry, Diagnostics& diags) {
  Pipeline out = pipeline;
  const std::string speedText = speed == ReplaySpeed::Recorded ? "recorded" : "max";
  std::set<std::string> roots;
  std::vector<PipelineNode> added;
  std::vector<PipelineEdge> addedEdges;
  std::set<std::pair<std::string, std::string>> replacedPorts;  // (node, input port)
  for (const ReplayInput& in : inputs) {
    PipelineNode* node = out.node(in.node);
    if (!node) {
      std::vector<std::string> ids;
      for (const auto& n : pipeline.nodes)
        ids.push_back(n.id);
      const std::string hint = didYouMean(in.node, ids);
      diags.error("",
                  "the fixture '" + in.file + "' feeds node '" + in.node +
                      "', which the pipeline does not have" + (hint.empty() ? "" : "; " + hint),
                  "name a node of the pipeline");
      continue;
    }
    const NodeSpec* spec = registry.find(node->type);
    if (!spec) {
      diags.error("", "node '" + in.node + "' has unknown type '" + node->type + "'");
      continue;
    }
    Json properties = Json::object();
    properties["path"] = in.file;
    properties["speed"] = speedText;
    if (spec->isSource()) {
      // The fixture stands in for the source: same id, so the wires stay.
      node->type = "fixture.source";
      node->properties = properties;
      roots.insert(in.node);
      continue;
    }
    const std::string port =
        in.port.empty() && !spec->inputs.empty() ? spec->inputs[0].name : in.port;
    if (spec->inputIndex(port) < 0) {
      diags.error("", "node '" + in.node + "' has no input port '" + port + "'",
                  "name one of its input ports");
      continue;
    }
    std::string id = in.node + "__fixture";
    for (int k = 2; out.node(id); ++k)
      id = in.node + "__fixture" + std::to_string(k);
    PipelineNode source;
    source.id = id;
    source.type = "fixture.source";
    source.properties = properties;
    out.nodes.push_back(source);
    PipelineEdge edge;
    edge.from = EdgeEnd{id, ""};
    edge.to = EdgeEnd{in.node, port};
    addedEdges.push_back(edge);
    replacedPorts.insert({in.node, port});
    roots.insert(in.node);
    roots.insert(id);
  }
  // The fixture replaces what arrived on its port.
  std::erase_if(out.edges, [&](const PipelineEdge& e) {
    return replacedPorts.count({e.to.node, e.toPort()}) > 0;
  });
  out.edges.insert(out.edges.end(), addedEdges.begin(), addedEdges.end());
  // Keep the roots and everything downstream of them.
  std::set<std::string> keep = roots;
  for (bool grew = true; grew;) {
    grew = false;
    for (const PipelineEdge& e : out.edges)
      if (keep.count(e.from.node) && keep.insert(e.to.node).second) grew = true;
  }
  std::erase_if(out.nodes, [&](const PipelineNode& n) { return !keep.count(n.id); });
  std::erase_if(out.edges, [&](const PipelineEdge& e) {
    return !keep.count(e.from.node) || !keep.count(e.to.node);
  });
  // Connections only the dropped nodes used (Kafka clusters upstream) are not needed offline.
  std::set<std::string> used;
  for (const PipelineNode& n : out.nodes)
    if (n.properties.contains("connection") && n.properties["connection"].is_string())
      used.insert(n.properties["connection"].get<std::string>());
  if (out.connections.is_object()) {
    Json connections = Json::object();
    for (const auto& [name, entry] : out.connections.items())
      if (used.count(name)) connections[name] = entry;
    out.connections = connections;
  }
  return out;
}

// ---- RunRecorder -------------------------------------------------------------------------------

namespace {

// The JSON lines one sink received, from every port that feeds it.
struct ExpectedFile {
  std::string sink;
  std::string relative;
  std::mutex mutex;
  std::FILE* file = nullptr;
  uint64_t records = 0;
  bool failed = false;
};

// One tap per recorded port: the source's fixture and/or the files of the sinks it feeds.
class RunTap final : public TapSink {
 public:
  std::shared_ptr<FixtureRecorder> fixture;
  std::vector<ExpectedFile*> sinks;

  void onBatch(const Batch& batch, const SlotTable& slots) override {
    if (fixture) fixture->onBatch(batch, slots);
    if (sinks.empty()) return;
    if (!json_) json_ = std::make_unique<JsonRecordWriter>(slots);
    text_.clear();
    for (uint32_t r = 0; r < batch.size(); ++r) {
      appendRecordLine(*json_, batch, r, text_);
      text_ += '\n';
    }
    for (ExpectedFile* f : sinks) {
      std::lock_guard lock(f->mutex);
      if (!f->file) continue;
      if (std::fwrite(text_.data(), 1, text_.size(), f->file) != text_.size()) f->failed = true;
      f->records += batch.size();
    }
  }

 private:
  std::unique_ptr<JsonRecordWriter> json_;  // a port emits on one thread
  std::string text_;
};

}  // namespace

struct RunRecorder::Impl {
  std::string dir;
  std::string pipelineName;
  std::vector<std::pair<std::string, std::shared_ptr<FixtureRecorder>>> inputs;  // source id
  std::vector<std::pair<std::string, std::string>> inputFiles;                   // id, relative
  std::deque<ExpectedFile> expected;
  std::vector<std::shared_ptr<RunTap>> taps;
};

RunRecorder::RunRecorder() : impl_(std::make_unique<Impl>()) {}
RunRecorder::~RunRecorder() {
  std::string ignored;
  if (impl_) finish(ignored);
}

bool RunRecorder::attach(Execution& run, const Pipeline& pipeline, const NodeRegistry& registry,
                         const std::string& dir, std::string& error) {
  Impl& x = *impl_;
  x.dir = dir;
  x.pipelineName = pipeline.name;
  std::error_code ec;
  fs::create_directories(fs::path(dir) / "inputs", ec);
  if (!ec) fs::create_directories(fs::path(dir) / "expected", ec);
  if (ec) {
    error = "cannot create test folder '" + dir + "': " + ec.message();
    return false;
  }
  std::map<std::pair<std::string, std::string>, std::shared_ptr<RunTap>> taps;  // node, port
  auto tapFor = [&](const std::string& node, const std::string& port) {
    auto& tap = taps[{node, port}];
    if (!tap) tap = std::make_shared<RunTap>();
    return tap;
  };
  for (const PipelineNode& n : pipeline.nodes) {
    const NodeSpec* spec = registry.find(n.type);
    if (!spec) continue;
    if (spec->isSource()) {
      const std::string relative = "inputs/" + fileNameFor(n.id) + ".jsonl";
      auto recorder = std::make_shared<FixtureRecorder>();
      if (!recorder->open((fs::path(dir) / relative).string(), error)) return false;
      for (const PortSpec& port : spec->outputs)
        tapFor(n.id, port.name)->fixture = recorder;
      x.inputs.emplace_back(n.id, recorder);
      x.inputFiles.emplace_back(n.id, relative);
    }
    if (spec->outputs.empty()) {
      ExpectedFile& f = x.expected.emplace_back();
      f.sink = n.id;
      f.relative = "expected/" + fileNameFor(n.id) + ".jsonl";
      const std::string path = (fs::path(dir) / f.relative).string();
      f.file = std::fopen(path.c_str(), "wb");
      if (!f.file) {
        error = "cannot create '" + path + "': " + std::strerror(errno);
        return false;
      }
      for (const PipelineEdge& e : pipeline.edges)
        if (e.to.node == n.id) tapFor(e.from.node, e.fromPort())->sinks.push_back(&f);
    }
  }
  for (auto& [where, tap] : taps) {
    run.addTap(where.first, where.second, tap);
    x.taps.push_back(tap);
  }
  return true;
}

bool RunRecorder::finish(std::string& error, bool stopped) {
  Impl& x = *impl_;
  if (x.dir.empty()) return true;
  bool ok = true;
  for (auto& [id, recorder] : x.inputs)
    if (!recorder->close(error)) ok = false;
  for (ExpectedFile& f : x.expected) {
    std::lock_guard lock(f.mutex);
    if (!f.file) continue;
    if (std::fclose(f.file) != 0 || f.failed) {
      error = "cannot write '" + f.relative + "' in '" + x.dir + "' (is the disk full?)";
      ok = false;
    }
    f.file = nullptr;
  }
  Json manifest = Json::object();
  manifest["streamcanvas_test"] = kFormat;
  manifest["pipeline"] = x.pipelineName;
  manifest["end"] = stopped ? "stop" : "drain";
  manifest["inputs"] = Json::array();
  for (const auto& [id, relative] : x.inputFiles)
    manifest["inputs"].push_back(Json{{"node", id}, {"file", relative}});
  manifest["expected"] = Json::array();
  for (const ExpectedFile& f : x.expected)
    manifest["expected"].push_back(Json{{"sink", f.sink}, {"file", f.relative}});
  const std::string path = (fs::path(x.dir) / kManifest).string();
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << formatJson(manifest);
  if (!out.flush()) {
    error = "cannot write '" + path + "'";
    ok = false;
  }
  x.dir.clear();
  return ok;
}

uint64_t RunRecorder::inputRecords() const {
  uint64_t n = 0;
  for (const auto& [id, recorder] : impl_->inputs)
    n += recorder->records();
  return n;
}

uint64_t RunRecorder::expectedRecords() const {
  uint64_t n = 0;
  for (ExpectedFile& f : impl_->expected) {
    std::lock_guard lock(f.mutex);
    n += f.records;
  }
  return n;
}

// ---- runFixtureTest ----------------------------------------------------------------------------

FixtureTestResult runFixtureTest(const std::string& dir, const Pipeline& pipeline,
                                 const EnvLookup& env) {
  FixtureTestResult result;
  const NodeRegistry& registry = fixtureRegistry();
  const std::string manifestPath = (fs::path(dir) / kManifest).string();
  auto fail = [&](const std::string& where, const std::string& what) {
    result.outcome = FixtureTestResult::Outcome::Error;
    result.report = where + ": " + what + "\n";
    return result;
  };
  std::ifstream in(manifestPath, std::ios::binary);
  if (!in)
    return fail(manifestPath, std::string("cannot open the test manifest: ") +
                                  std::strerror(errno) +
                                  "; FIXTURE_DIR must hold manifest.json (docs/testing.md)");
  std::stringstream text;
  text << in.rdbuf();
  Json manifest;
  try {
    manifest = Json::parse(text.str());
  } catch (const std::exception& e) {
    return fail(manifestPath, std::string("not valid JSON: ") + e.what());
  }
  if (!manifest.is_object())
    return fail(manifestPath,
                "the manifest must be a JSON object with \"inputs\" and "
                "\"expected\" (docs/testing.md)");
  if (!manifest.contains("streamcanvas_test") || manifest["streamcanvas_test"] != kFormat)
    return fail(manifestPath + " /streamcanvas_test",
                "must be 1 (the format version this runner reads)");
  for (const char* list : {"inputs", "expected"})
    if (!manifest.contains(list) || !manifest[list].is_array())
      return fail(manifestPath + " /" + list, "must be a list (docs/testing.md)");
  ReplaySpeed speed = ReplaySpeed::Max;
  if (manifest.contains("speed")) {
    if (manifest["speed"] == "recorded")
      speed = ReplaySpeed::Recorded;
    else if (manifest["speed"] != "max")
      return fail(manifestPath + " /speed", "must be \"max\" or \"recorded\"");
  }
  bool stopAtEnd = false;  // the recorded run was stopped (savepoint): nothing fired at the end
  if (manifest.contains("end")) {
    if (manifest["end"] == "stop")
      stopAtEnd = true;
    else if (manifest["end"] != "drain")
      return fail(manifestPath + " /end", "must be \"drain\" or \"stop\"");
  }
  auto resolve = [&](const std::string& relative) {
    const fs::path p(relative);
    return (p.is_absolute() ? p : fs::path(dir) / p).string();
  };
  auto stringField = [&](const Json& entry, const std::string& pointer, const char* name,
                         std::string& out, std::string& error) {
    if (!entry.is_object() || !entry.contains(name) || !entry[name].is_string() ||
        entry[name].get<std::string>().empty()) {
      error = pointer + "/" + name + ": must be a non-empty string";
      return false;
    }
    out = entry[name].get<std::string>();
    return true;
  };

  std::vector<ReplayInput> inputs;
  uint64_t inputRecords = 0;
  for (size_t i = 0; i < manifest["inputs"].size(); ++i) {
    const Json& entry = manifest["inputs"][i];
    const std::string pointer = "/inputs/" + std::to_string(i);
    ReplayInput input;
    std::string error, file;
    if (!stringField(entry, pointer, "node", input.node, error) ||
        !stringField(entry, pointer, "file", file, error))
      return fail(manifestPath + " " + error.substr(0, error.find(':')),
                  error.substr(error.find(':') + 2));
    if (entry.contains("port")) {
      if (!entry["port"].is_string())
        return fail(manifestPath + " " + pointer + "/port", "must be a string");
      input.port = entry["port"].get<std::string>();
    }
    input.file = resolve(file);
    const auto records = readFixtureFile(input.file, error);
    if (!records) {
      result.outcome = FixtureTestResult::Outcome::Error;
      result.report = error + "\n";
      return result;
    }
    inputRecords += records->size();
    inputs.push_back(std::move(input));
  }
  if (inputs.empty())
    return fail(manifestPath + " /inputs", "lists no fixture; name at least one input");

  struct Expectation {
    std::string sink, file;
    std::vector<std::string> lines;
    std::shared_ptr<CaptureCollector> collector;
  };
  std::vector<Expectation> expectations;
  for (size_t i = 0; i < manifest["expected"].size(); ++i) {
    const Json& entry = manifest["expected"][i];
    const std::string pointer = "/expected/" + std::to_string(i);
    Expectation e;
    std::string error, file;
    if (!stringField(entry, pointer, "sink", e.sink, error) ||
        !stringField(entry, pointer, "file", file, error))
      return fail(manifestPath + " " + error.substr(0, error.find(':')),
                  error.substr(error.find(':') + 2));
    const PipelineNode* node = pipeline.node(e.sink);
    const NodeSpec* spec = node ? registry.find(node->type) : nullptr;
    if (!spec || !spec->outputs.empty())
      return fail(manifestPath + " " + pointer + "/sink",
                  "'" + e.sink + "' is not a sink of pipeline '" + pipeline.name +
                      "'; name a node without outputs");
    e.file = resolve(file);
    e.lines = readLines(e.file, error);
    if (!error.empty()) return fail(manifestPath + " " + pointer + "/file", error);
    expectations.push_back(std::move(e));
  }

  Diagnostics diags;
  Pipeline replay = buildReplayPipeline(pipeline, inputs, speed, registry, diags);
  if (diags.hasErrors()) return fail(manifestPath, diags.format());
  // Offline: every sink becomes a capture, so nothing is written anywhere.
  auto resources = std::make_shared<ResourceRegistry>();
  std::map<std::string, std::shared_ptr<CaptureCollector>> collectors;
  for (PipelineNode& n : replay.nodes) {
    if (n.type == "fixture.source") n.properties["hold"] = stopAtEnd;
    const NodeSpec* spec = registry.find(n.type);
    if (!spec || !spec->outputs.empty()) continue;
    auto collector = std::make_shared<CaptureCollector>();
    resources->getOrCreate<CaptureCollector>(collectorKey(n.id), [&] { return collector; });
    collectors[n.id] = collector;
    n.type = "fixture.capture";
    n.properties = Json{{"sink", n.id}};
  }
  for (Expectation& e : expectations) {
    auto it = collectors.find(e.sink);
    if (it == collectors.end())
      return fail(manifestPath, "sink '" + e.sink +
                                    "' is not downstream of any replayed input, so it receives "
                                    "nothing; replay into a node upstream of it");
    e.collector = it->second;
  }
  RunOptions options;
  options.resources = resources;
  options.stopMode = StopMode::Drain;
  options.checkpoints.intervalMs = 0;
  // A stopped run ended with a savepoint, which needs somewhere to go; it is thrown away.
  std::error_code ec;
  fs::path savepoints;
  if (stopAtEnd) {
    savepoints = fs::temp_directory_path(ec) / ("streamcanvas-test-" + std::to_string(::getpid()) +
                                                "-" + std::to_string(wallMs()));
    options.stopMode = StopMode::Savepoint;
    options.checkpoints.dir = savepoints.string();
  }
  struct RemoveDir {
    fs::path dir;
    ~RemoveDir() {
      std::error_code ignored;
      if (!dir.empty()) fs::remove_all(dir, ignored);
    }
  } removeSavepoints{savepoints};
  PlannedPipeline planned = planPipeline(replay, registry, PlanPurpose::Run, env, options);
  if (!planned.ok() || !planned.execution) {
    result.outcome = FixtureTestResult::Outcome::Error;
    result.report = "the replayed pipeline cannot run:\n" + planned.diagnostics.format();
    return result;
  }
  Execution& execution = *planned.execution;
  execution.start();
  if (stopAtEnd) {
    // Every fixture record emitted: stop as the recorded run was stopped.
    while (!execution.wait(20)) {
      uint64_t emitted = 0;
      for (const NodeMetrics* m : execution.metrics())
        if (m->type == "fixture.source") emitted += m->recordsOut.get();
      if (emitted >= inputRecords) {
        execution.requestStop();
        break;
      }
    }
  }
  execution.wait();
  const RunResult run = execution.result();
  planned.execution.reset();
  if (!run.ok) {
    result.outcome = FixtureTestResult::Outcome::Error;
    result.report = "the replay failed at node '" + run.failedNode + "': " + run.message + "\n";
    return result;
  }
  std::ostringstream report;
  size_t failed = 0;
  for (Expectation& e : expectations) {
    std::lock_guard lock(e.collector->mutex);
    const auto& actual = e.collector->lines;
    if (actual == e.lines) {
      report << "PASS " << e.sink << ": " << actual.size() << " records as expected\n";
      continue;
    }
    ++failed;
    report << "FAIL " << e.sink << ": expected " << e.lines.size() << " records (" << e.file
           << "), got " << actual.size() << "\n"
           << diffLines(e.lines, actual);
  }
  const std::string sinks =
      std::to_string(expectations.size()) + (expectations.size() == 1 ? " sink" : " sinks");
  report << (failed ? std::to_string(failed) + " of " + sinks + " differ from the expectation\n"
                    : "passed: " + sinks + " as expected\n");
  result.outcome = failed ? FixtureTestResult::Outcome::Failed : FixtureTestResult::Outcome::Passed;
  result.report = report.str();
  return result;
}

}  // namespace sc
