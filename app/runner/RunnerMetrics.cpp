#include "app/runner/RunnerMetrics.h"

#include <charconv>
#include <limits>
#include <utility>

namespace sc {
namespace {

using Labels = std::vector<std::pair<std::string, std::string>>;

// Label values escape backslash, double quote and line feed; HELP text backslash and line feed.
std::string escape(const std::string& text, bool quote) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '\n')
      out += "\\n";
    else if (c == '"' && quote)
      out += "\\\"";
    else
      out += c;
  }
  return out;
}

std::string number(double v) {
  if (v == std::numeric_limits<double>::infinity()) return "+Inf";
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, end) : "NaN";
}

// Builds the exposition text one family at a time: HELP and TYPE, then its samples together.
// Families without samples are left out.
class Exposition {
 public:
  explicit Exposition(std::string pipeline) : pipeline_(std::move(pipeline)) {}

  void family(const char* name, const char* type, const char* help) {
    flush();
    name_ = name;
    header_ = std::string("# HELP ") + name + " " + escape(help, false) + "\n# TYPE " + name + " " +
              type + "\n";
  }
  // A sample of the current family; `suffix` for histogram and summary parts (_bucket, _sum).
  void sample(const Labels& labels, double value, const char* suffix = "") {
    samples_ += name_ + suffix + "{pipeline=\"" + escape(pipeline_, true) + "\"";
    for (const auto& [k, v] : labels)
      samples_ += "," + k + "=\"" + escape(v, true) + "\"";
    samples_ += "} " + number(value) + "\n";
  }
  std::string take() {
    flush();
    return std::move(text_);
  }

 private:
  void flush() {
    if (!samples_.empty()) text_ += header_ + samples_;
    samples_.clear();
  }
  std::string pipeline_, name_, header_, samples_, text_;
};

double seconds(int64_t ms) {
  return static_cast<double>(ms) / 1000.0;
}

// Node-specific gauges worth exporting, by the name the node registers them under.
struct NamedGauge {
  const char* gauge;
  const char* family;
  const char* help;
};
constexpr NamedGauge kNamedGauges[] = {
    {"assigned_partitions", "streamcanvas_kafka_assigned_partitions",
     "Kafka partitions assigned to a kafka.source."},
    {"window_keys", "streamcanvas_window_keys", "Keys with open windows in a window node."},
    {"window_state_bytes", "streamcanvas_window_state_bytes",
     "Memory held by a window node's open windows."},
    {"in_flight", "streamcanvas_kafka_producer_in_flight",
     "Records a kafka.sink handed to the producer and not yet acknowledged."},
};

}  // namespace

RunnerMetrics::RunnerMetrics(std::string pipelineName) : pipeline_(std::move(pipelineName)) {}

void RunnerMetrics::attach(const Execution& run) {
  std::lock_guard lock(mutex_);
  run_ = &run;
  live_.assign(nodes_.size(), nullptr);
  for (const NodeMetrics* m : run.metrics()) {
    size_t i = 0;
    while (i < nodes_.size() && nodes_[i].id != m->nodeId)
      ++i;
    if (i == nodes_.size()) {
      nodes_.push_back(NodeTotals{m->nodeId, m->type, m->isSource});
      live_.push_back(nullptr);
    }
    live_[i] = m;
  }
  health_ = Health::Running;
}

void RunnerMetrics::detach(const Execution& run) {
  const CheckpointStats stats = run.checkpointStats();
  const RunResult result = run.result();
  std::lock_guard lock(mutex_);
  if (run_ != &run) return;
  for (size_t i = 0; i < nodes_.size(); ++i) {
    const NodeMetrics* m = live_[i];
    if (!m) continue;
    NodeTotals& t = nodes_[i];
    t.recordsIn += m->recordsIn.get();
    t.recordsOut += m->recordsOut.get();
    t.bytesIn += m->bytesIn.get();
    t.bytesOut += m->bytesOut.get();
    t.errors += m->errors.get();
    t.busyNanos += m->busyNanos.get();
  }
  live_.assign(nodes_.size(), nullptr);
  CheckpointStats& c = checkpoints_;
  c.completed += stats.completed;
  c.failed += stats.failed;
  for (size_t b = 0; b < c.durationCounts.size(); ++b)
    c.durationCounts[b] += stats.durationCounts[b];
  c.totalDurationMs += stats.totalDurationMs;
  c.totalBytes += stats.totalBytes;
  if (stats.completed > 0) {
    c.lastId = stats.lastId;
    c.lastCompletedMs = stats.lastCompletedMs;
    c.lastDurationMs = stats.lastDurationMs;
    c.lastBytes = stats.lastBytes;
  }
  // A run that only found its checkpoint's output uncommitted is retried from an older one at
  // once: choosing where to start, not a failure of the pipeline.
  if (!result.ok && result.restoreOlderThan == 0) {
    ++failures_;
    reason_ =
        (result.failedNode.empty() ? "" : "node '" + result.failedNode + "': ") + result.message;
  }
  run_ = nullptr;
}

void RunnerMetrics::countRestart() {
  ++restarts_;
  health_ = Health::Restarting;
}

void RunnerMetrics::setHealth(Health health, const std::string& reason) {
  std::lock_guard lock(mutex_);
  if (!reason.empty()) reason_ = reason;
  health_ = health;
}

bool RunnerMetrics::healthy(std::string& detail) const {
  std::lock_guard lock(mutex_);
  switch (health_.load()) {
    case Health::Starting:
      detail = "starting";
      return true;
    case Health::Running:
      detail = "running";
      return true;
    case Health::Restarting:
      detail = "restarting after a failure: " + reason_;
      return true;
    case Health::Finished:
      detail = "finished";
      return true;
    case Health::Failed:
      break;
  }
  detail = "failed: " + reason_;
  return false;
}

void RunnerMetrics::readyLocked(std::vector<std::string>& waiting, bool& ready) const {
  ready = run_ != nullptr && health_.load() == Health::Running;
  for (const NodeMetrics* m : live_)
    if (m && m->isSource && m->ready.get() == 0) {
      waiting.push_back(m->nodeId);
      ready = false;
    }
}

bool RunnerMetrics::ready(std::string& detail) const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> waiting;
  bool ready = false;
  readyLocked(waiting, ready);
  if (ready) {
    detail = "ready";
  } else if (!run_) {
    detail = "no run is going";
  } else {
    detail = "waiting for the input of";
    for (const auto& id : waiting)
      detail += " '" + id + "'";
  }
  return ready;
}

std::string RunnerMetrics::render() const {
  std::lock_guard lock(mutex_);
  Exposition x(pipeline_);
  const Health health = health_.load();

  x.family("streamcanvas_pipeline_running", "gauge",
           "1 while a run of the pipeline is going, 0 while it starts, restarts or has ended.");
  x.sample({}, run_ && health == Health::Running ? 1 : 0);
  x.family("streamcanvas_pipeline_healthy", "gauge",
           "What /healthz answers: 1 unless the pipeline failed for good.");
  x.sample({}, health == Health::Failed ? 0 : 1);
  std::vector<std::string> waiting;
  bool ready = false;
  readyLocked(waiting, ready);
  x.family("streamcanvas_pipeline_ready", "gauge",
           "What /readyz answers: 1 while a run is going and every source has its input.");
  x.sample({}, ready ? 1 : 0);
  x.family("streamcanvas_restarts_total", "counter",
           "Times the restart strategy started the pipeline again after a failure.");
  x.sample({}, static_cast<double>(restarts_.load()));
  x.family("streamcanvas_pipeline_failures_total", "counter",
           "Runs of the pipeline that failed (restarted or not).");
  x.sample({}, static_cast<double>(failures_));

  // Per node: totals of ended runs plus the attached run's live counters.
  struct Counted {
    const char* family;
    const char* help;
    uint64_t NodeTotals::*total;
    Counter NodeMetrics::*live;
    double divisor;  // to the base unit
  };
  const Counted counted[] = {
      {"streamcanvas_node_records_in_total", "Records that entered the node.",
       &NodeTotals::recordsIn, &NodeMetrics::recordsIn, 1},
      {"streamcanvas_node_records_out_total", "Records the node emitted.", &NodeTotals::recordsOut,
       &NodeMetrics::recordsOut, 1},
      {"streamcanvas_node_bytes_in_total", "Bytes a source read from outside.",
       &NodeTotals::bytesIn, &NodeMetrics::bytesIn, 1},
      {"streamcanvas_node_bytes_out_total", "Bytes a sink wrote outside.", &NodeTotals::bytesOut,
       &NodeMetrics::bytesOut, 1},
      {"streamcanvas_node_errors_total",
       "Records the node could not handle (skipped, sent to dead letters, or failing the run).",
       &NodeTotals::errors, &NodeMetrics::errors, 1},
      {"streamcanvas_node_busy_seconds_total",
       "Time spent in the node's own code (a rate-limited generator's pauses included).",
       &NodeTotals::busyNanos, &NodeMetrics::busyNanos, 1e9},
  };
  for (const Counted& c : counted) {
    x.family(c.family, "counter", c.help);
    for (size_t i = 0; i < nodes_.size(); ++i) {
      const NodeTotals& t = nodes_[i];
      uint64_t v = t.*c.total;
      if (const NodeMetrics* m = live_[i]) v += (m->*c.live).get();
      x.sample({{"node", t.id}, {"type", t.type}}, static_cast<double>(v) / c.divisor);
    }
  }

  // Gauges exist only while a run is attached.
  x.family("streamcanvas_source_ready", "gauge",
           "1 once a source has its input (a kafka.source: partitions assigned), 0 before.");
  for (const NodeMetrics* m : live_)
    if (m && m->isSource) x.sample({{"node", m->nodeId}}, m->ready.get() ? 1 : 0);
  x.family("streamcanvas_node_watermark_seconds", "gauge",
           "Event-time watermark a node emitted last (Unix time), once it emitted one.");
  for (const NodeMetrics* m : live_)
    if (m && m->watermark.get() != std::numeric_limits<int64_t>::min() &&
        m->watermark.get() != std::numeric_limits<int64_t>::max())
      x.sample({{"node", m->nodeId}}, seconds(m->watermark.get()));
  if (run_) {
    const auto edges = run_->edgeMetrics();
    x.family("streamcanvas_queue_batches", "gauge",
             "Batches waiting in the queue from node `from` to input `input` of node `node`.");
    for (const EdgeMetrics* e : edges)
      x.sample({{"node", e->to}, {"input", e->toPort}, {"from", e->from}},
               static_cast<double>(e->fill.get()));
    x.family("streamcanvas_queue_capacity_batches", "gauge",
             "Batches the queue from node `from` to input `input` of node `node` holds at most.");
    for (const EdgeMetrics* e : edges)
      x.sample({{"node", e->to}, {"input", e->toPort}, {"from", e->from}},
               static_cast<double>(e->capacity));
  }
  std::vector<std::pair<const NodeMetrics*, std::vector<std::pair<std::string, int64_t>>>> named;
  for (const NodeMetrics* m : live_)
    if (m) named.emplace_back(m, m->gaugeValues());
  x.family("streamcanvas_kafka_consumer_lag", "gauge",
           "Records between a kafka.source's position and the end of a partition.");
  for (const auto& [m, gauges] : named)
    for (const auto& [gaugeName, value] : gauges) {
      std::string name, topic;
      int32_t partition = 0;
      if (parsePartitionGaugeName(gaugeName, name, topic, partition) && name == "lag")
        x.sample({{"node", m->nodeId}, {"topic", topic}, {"partition", std::to_string(partition)}},
                 static_cast<double>(value));
    }
  for (const NamedGauge& g : kNamedGauges) {
    x.family(g.family, "gauge", g.help);
    for (const auto& [m, gauges] : named)
      for (const auto& [gaugeName, value] : gauges)
        if (gaugeName == g.gauge) x.sample({{"node", m->nodeId}}, static_cast<double>(value));
  }

  // Checkpoints: ended runs plus the attached one.
  CheckpointStats c = checkpoints_;
  if (run_) {
    const CheckpointStats now = run_->checkpointStats();
    c.completed += now.completed;
    c.failed += now.failed;
    for (size_t b = 0; b < c.durationCounts.size(); ++b)
      c.durationCounts[b] += now.durationCounts[b];
    c.totalDurationMs += now.totalDurationMs;
    c.totalBytes += now.totalBytes;
    if (now.completed > 0) {
      c.lastCompletedMs = now.lastCompletedMs;
      c.lastDurationMs = now.lastDurationMs;
      c.lastBytes = now.lastBytes;
    }
  }
  x.family("streamcanvas_checkpoints_completed_total", "counter",
           "Checkpoints (and savepoints) written completely.");
  x.sample({}, static_cast<double>(c.completed));
  x.family("streamcanvas_checkpoints_failed_total", "counter",
           "Checkpoints that could not be written.");
  x.sample({}, static_cast<double>(c.failed));
  x.family("streamcanvas_checkpoint_duration_seconds", "histogram",
           "Time from triggering a checkpoint to its being durable.");
  uint64_t cumulative = 0;
  for (size_t b = 0; b < c.durationCounts.size(); ++b) {
    cumulative += c.durationCounts[b];
    const double le = b < CheckpointStats::kDurationBoundsMs.size()
                          ? seconds(CheckpointStats::kDurationBoundsMs[b])
                          : std::numeric_limits<double>::infinity();
    x.sample({{"le", number(le)}}, static_cast<double>(cumulative), "_bucket");
  }
  x.sample({}, seconds(c.totalDurationMs), "_sum");
  x.sample({}, static_cast<double>(c.completed), "_count");
  x.family("streamcanvas_checkpoint_size_bytes", "summary", "Size of the completed checkpoints.");
  x.sample({}, static_cast<double>(c.totalBytes), "_sum");
  x.sample({}, static_cast<double>(c.completed), "_count");
  if (c.completed > 0) {
    x.family("streamcanvas_checkpoint_last_duration_seconds", "gauge",
             "Duration of the newest completed checkpoint.");
    x.sample({}, seconds(c.lastDurationMs));
    x.family("streamcanvas_checkpoint_last_size_bytes", "gauge",
             "Size of the newest completed checkpoint.");
    x.sample({}, static_cast<double>(c.lastBytes));
    x.family("streamcanvas_checkpoint_last_completed_timestamp_seconds", "gauge",
             "When the newest checkpoint completed (Unix time).");
    x.sample({}, seconds(c.lastCompletedMs));
  }
  return x.take();
}

}  // namespace sc
