// streamcanvas-run: runs a pipeline file headless (no Qt). Exit codes: 0 done, 1 runtime failure,
// 2 invalid pipeline or usage.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "app/runner/NodeDocs.h"
#include "engine/graph/NodeConfig.h"
#include "engine/graph/NodeRegistry.h"
#include "engine/graph/Pipeline.h"
#include "engine/graph/PipelineSettings.h"
#include "engine/runtime/Context.h"
#include "engine/runtime/Executor.h"
#include "engine/runtime/Log.h"
#include "engine/runtime/Planner.h"
#include "engine/state/CheckpointStore.h"

namespace {

std::atomic<int> g_signal{0};
extern "C" void onSignal(int sig) {
  // The first signal stops with a savepoint (or drains); a second one exits at once.
  if (g_signal.exchange(sig) != 0) _exit(130);
}

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;

const char* kUsage =
    "usage: streamcanvas-run PIPELINE.json [--validate] [--max-records N] [--duration 10s]\n"
    "                        [--set NODE.PROPERTY=VALUE]... [--log-format text|json]\n"
    "                        [--delivery at_least_once|exactly_once] [--checkpoint-interval 10s]\n"
    "                        [--checkpoint-dir DIR] [--restart none|fixed_delay|exponential|JSON]\n"
    "                        [--instance NAME] [--fresh] [--drain] [--allow-changed-graph]\n"
    "       streamcanvas-run --list-nodes [--format markdown|json]\n"
    "       streamcanvas-run --sandbox [--brokers N] [--partitions P] [--topic NAME]... "
    "[--bootstrap-file FILE]\n"
    "\n"
    "Runs a StreamCanvas pipeline without the designer. Console sinks write to stdout, logs go to "
    "stderr.\n"
    "A run resumes from the pipeline's last checkpoint when there is one (--fresh: start over).\n"
    "SIGINT/SIGTERM, --duration and --max-records stop with a savepoint that keeps open windows\n"
    "(--drain: fire them instead); a second signal exits at once (130).\n"
    "Exit codes: 0 done, 1 runtime failure, 2 invalid pipeline or usage.\n";

int usageError(const std::string& message) {
  std::cerr << "streamcanvas-run: " << message << "\n\n" << kUsage;
  return kExitUsage;
}

struct Override {
  std::string node, property;
  sc::Json value;
};

bool parseOverride(const std::string& text, Override& out, std::string& error) {
  size_t eq = text.find('=');
  size_t dot = text.find('.');
  if (eq == std::string::npos || dot == std::string::npos || dot > eq || dot == 0 ||
      dot + 1 == eq) {
    error = "--set takes NODE.PROPERTY=VALUE, got '" + text + "'";
    return false;
  }
  out.node = text.substr(0, dot);
  out.property = text.substr(dot + 1, eq - dot - 1);
  std::string raw = text.substr(eq + 1);
  // JSON when it parses as a number, boolean, list or object; a plain string otherwise.
  out.value = sc::Json::parse(raw, nullptr, false);
  if (out.value.is_discarded() || out.value.is_string() || out.value.is_null()) out.value = raw;
  return true;
}

std::string rate(uint64_t n, double secs) {
  char buf[32];
  double r = secs > 0 ? n / secs : 0;
  if (r >= 1e6)
    std::snprintf(buf, sizeof buf, "%.1fM/s", r / 1e6);
  else if (r >= 1e3)
    std::snprintf(buf, sizeof buf, "%.1fk/s", r / 1e3);
  else
    std::snprintf(buf, sizeof buf, "%.0f/s", r);
  return buf;
}

}  // namespace

int runSandboxCommand(const std::vector<std::string>& args);

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  std::string pipelinePath, logFormat = "text", listFormat;
  bool validateOnly = false, listNodes = false, fresh = false, drain = false;
  bool allowChangedGraph = false;
  sc::RunOptions options;
  sc::Json settingOverrides = sc::Json::object();
  std::vector<Override> overrides;

  if (!args.empty() && args[0] == "--sandbox")
    return runSandboxCommand({args.begin() + 1, args.end()});
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto next = [&](std::string& out) {
      if (i + 1 >= args.size()) return false;
      out = args[++i];
      return true;
    };
    std::string v;
    if (a == "--help" || a == "-h") {
      std::cout << kUsage;
      return kExitOk;
    } else if (a == "--version") {
      std::cout << "streamcanvas-run 0.1.0\n";
      return kExitOk;
    } else if (a == "--validate") {
      validateOnly = true;
    } else if (a == "--list-nodes") {
      listNodes = true;
    } else if (a == "--format") {
      if (!next(listFormat) || (listFormat != "markdown" && listFormat != "json"))
        return usageError("--format takes markdown or json");
    } else if (a == "--max-records") {
      if (!next(v)) return usageError("--max-records needs a number");
      try {
        size_t used = 0;
        long long n = std::stoll(v, &used);
        if (used != v.size() || n <= 0) throw std::invalid_argument(v);
        options.maxRecords = static_cast<uint64_t>(n);
      } catch (const std::exception&) {
        return usageError("--max-records takes a positive whole number, got '" + v + "'");
      }
    } else if (a == "--duration") {
      if (!next(v)) return usageError("--duration needs a value like 10s");
      auto ms = sc::parseDurationMs(v);
      if (!ms || *ms <= 0)
        return usageError("--duration takes a duration like 500ms, 10s or 5m, got '" + v + "'");
      options.durationMs = *ms;
    } else if (a == "--set") {
      Override o;
      std::string error;
      if (!next(v)) return usageError("--set needs NODE.PROPERTY=VALUE");
      if (!parseOverride(v, o, error)) return usageError(error);
      overrides.push_back(std::move(o));
    } else if (a == "--delivery") {
      if (!next(v) || (v != "at_least_once" && v != "exactly_once"))
        return usageError("--delivery takes at_least_once or exactly_once");
      settingOverrides["delivery"] = v;
    } else if (a == "--checkpoint-interval") {
      if (!next(v)) return usageError("--checkpoint-interval needs a duration like 10s");
      settingOverrides["checkpoint_interval"] = v;
    } else if (a == "--checkpoint-dir") {
      if (!next(v) || v.empty()) return usageError("--checkpoint-dir needs a folder");
      settingOverrides["checkpoint_dir"] = v;
    } else if (a == "--restart") {
      if (!next(v)) return usageError("--restart needs none, fixed_delay, exponential or JSON");
      sc::Json r = sc::Json::parse(v, nullptr, false);
      if (r.is_discarded() || !r.is_object()) r = sc::Json{{"strategy", v}};
      settingOverrides["restart"] = r;
    } else if (a == "--instance") {
      if (!next(v) || v.empty()) return usageError("--instance needs a name");
      settingOverrides["instance"] = v;
    } else if (a == "--fresh") {
      fresh = true;
    } else if (a == "--drain") {
      drain = true;
    } else if (a == "--allow-changed-graph") {
      allowChangedGraph = true;
    } else if (a == "--log-format") {
      if (!next(logFormat) || (logFormat != "text" && logFormat != "json"))
        return usageError("--log-format takes text or json");
    } else if (!a.empty() && a[0] == '-') {
      return usageError("unknown option '" + a + "'");
    } else if (pipelinePath.empty()) {
      pipelinePath = a;
    } else {
      return usageError("only one pipeline file, got '" + pipelinePath + "' and '" + a + "'");
    }
  }

  sc::Logger& log = sc::Logger::global();
  log.setFormat(logFormat == "json" ? sc::Logger::Format::Json : sc::Logger::Format::Text);
  const sc::NodeRegistry& registry = sc::NodeRegistry::builtin();

  if (listNodes) {
    std::cout << (listFormat == "json" ? sc::nodeDocsJson(registry)
                                       : sc::nodeDocsMarkdown(registry));
    return kExitOk;
  }
  if (pipelinePath.empty()) return usageError("no pipeline file given");

  sc::LoadResult loaded = sc::loadPipelineFile(pipelinePath);
  if (!loaded.pipeline || loaded.diagnostics.hasErrors()) {
    std::cerr << loaded.diagnostics.format();
    return kExitUsage;
  }
  sc::Pipeline pipeline = std::move(*loaded.pipeline);
  for (const auto& o : overrides) {
    sc::PipelineNode* n = pipeline.node(o.node);
    if (!n) {
      std::vector<std::string> ids;
      for (const auto& node : pipeline.nodes)
        ids.push_back(node.id);
      std::string hint = sc::didYouMean(o.node, ids);
      return usageError("--set: no node '" + o.node + "' in " + pipelinePath +
                        (hint.empty() ? "" : "; " + hint));
    }
    n->properties[o.property] = o.value;
  }
  for (const auto& [key, value] : settingOverrides.items()) {
    if (key == "restart" && pipeline.settings.contains("restart") &&
        pipeline.settings["restart"].is_object())
      pipeline.settings["restart"].update(value);  // --restart none keeps attempts etc.
    else
      pipeline.settings[key] = value;
  }

  // --validate makes every check the run makes before it starts, and acquires nothing; so does
  // a run before it plans its first attempt.
  sc::PlannedPipeline checked = sc::planPipeline(pipeline, registry, sc::PlanPurpose::Check,
                                                 sc::processEnvironment(), options);
  for (auto& s : checked.secrets)
    log.addSecret(s);
  sc::locateDiagnostics(checked.diagnostics, loaded.sourceMap, pipelinePath);
  if (!checked.diagnostics.empty()) std::cerr << log.redact(checked.diagnostics.format());
  if (!checked.ok()) return kExitUsage;
  const sc::Pipeline& resolved = checked.resolved;
  if (validateOnly) {
    std::cerr << pipelinePath << ": pipeline '" << pipeline.name << "' is valid ("
              << pipeline.nodes.size() << " nodes, " << pipeline.edges.size() << " edges)\n";
    return kExitOk;
  }

  const sc::PipelineSettings settings = sc::readSettings(resolved.settings);
  options.checkpoints.intervalMs = settings.checkpointIntervalMs;
  options.checkpoints.exactlyOnce = settings.exactlyOnce;
  options.checkpoints.dir = settings.checkpointDir.empty()
                                ? sc::state::defaultCheckpointDir(pipeline.name)
                                : settings.checkpointDir;
  options.checkpoints.allowChangedGraph = allowChangedGraph;
  options.stopMode = drain ? sc::StopMode::Drain : sc::StopMode::Savepoint;
  // The embedded cluster (and its topics) outlives restarts.
  options.resources = std::make_shared<sc::ResourceRegistry>();
  sc::state::CheckpointStore store(options.checkpoints.dir);
  if (fresh) {
    std::string error = store.removeAll();
    if (!error.empty()) {
      log.error("runner", error);
      return kExitFailed;
    }
  }

  std::signal(SIGINT, onSignal);
  std::signal(SIGTERM, onSignal);
  std::signal(SIGPIPE, SIG_IGN);
  const bool progress = isatty(STDERR_FILENO);
  auto t0 = std::chrono::steady_clock::now();
  std::optional<uint64_t> restoreAtMost;  // a sink found a newer checkpoint's output uncommitted
  // --duration covers the whole invocation, restarts included.
  const int64_t durationMs = options.durationMs;
  auto durationSpent = [&] {
    return durationMs > 0 &&
           std::chrono::steady_clock::now() - t0 >= std::chrono::milliseconds(durationMs);
  };
  for (int attempt = 0;; ++attempt) {
    if (durationMs > 0)
      options.durationMs =
          std::max<int64_t>(1, durationMs - std::chrono::duration_cast<std::chrono::milliseconds>(
                                                std::chrono::steady_clock::now() - t0)
                                                .count());
    // Resume from the newest readable checkpoint of this pipeline, if any.
    sc::state::CheckpointStore::Loaded latest = store.loadLatest(restoreAtMost);
    for (const auto& w : latest.warnings)
      log.warn("checkpoint", w);
    options.checkpoints.restore.reset();
    const std::vector<uint64_t> ids = store.ids();
    options.checkpoints.firstId = ids.empty() ? 1 : ids.back() + 1;
    if (latest.checkpoint) {
      const sc::state::Checkpoint& c = *latest.checkpoint;
      log.info("runner", "resuming from " + std::string(c.savepoint ? "savepoint" : "checkpoint") +
                             " " + std::to_string(c.id) + " in " + store.dir() + " (" +
                             std::to_string(c.bytes()) + " bytes of state; --fresh starts over)");
      options.checkpoints.restore = std::make_shared<sc::state::Checkpoint>(*latest.checkpoint);
    }

    sc::PlannedPipeline planned = sc::planPipeline(pipeline, registry, sc::PlanPurpose::Run,
                                                   sc::processEnvironment(), options);
    std::unique_ptr<sc::Execution> run = std::move(planned.execution);
    if (!planned.ok() || !run) {
      // Configuration errors (a checkpoint of another graph among them) are never retried.
      sc::Diagnostics errors;
      for (const sc::Diagnostic& d : planned.diagnostics.items())
        if (d.severity == sc::Severity::Error) errors.items().push_back(d);
      sc::locateDiagnostics(errors, loaded.sourceMap, pipelinePath);
      std::cerr << log.redact(errors.format());
      return kExitUsage;
    }
    run->start();
    bool stopping = false;
    auto lastProgress = std::chrono::steady_clock::now();
    std::vector<uint64_t> lastCounts;
    while (!run->wait(200)) {
      if (g_signal.load() && !stopping) {
        stopping = true;
        log.info("runner",
                 std::string("received ") + (g_signal.load() == SIGINT ? "SIGINT" : "SIGTERM") +
                     (drain ? ": stopping sources, draining and flushing sinks"
                            : ": stopping sources and taking a savepoint (a second signal "
                              "exits at once)"));
        run->requestStop();
      }
      auto now = std::chrono::steady_clock::now();
      if (progress && now - lastProgress >= std::chrono::seconds(1)) {
        double secs = std::chrono::duration<double>(now - lastProgress).count();
        std::string line;
        auto metrics = run->metrics();
        lastCounts.resize(metrics.size());
        for (size_t i = 0; i < metrics.size(); ++i) {
          const sc::NodeMetrics* m = metrics[i];
          bool source = m->recordsIn.get() == 0 && m->recordsOut.get() > 0;
          uint64_t count = source ? m->recordsOut.get() : m->recordsIn.get();
          if (source || m->type.find("sink") != std::string::npos)
            line += " " + m->nodeId + " " + rate(count - lastCounts[i], secs);
          lastCounts[i] = count;
        }
        std::fprintf(stderr, "\r\033[K[progress]%s", line.c_str());
        std::fflush(stderr);
        lastProgress = now;
      }
    }
    if (progress) std::fprintf(stderr, "\r\033[K");
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    sc::RunResult result = run->result();
    std::string summary;
    for (const sc::NodeMetrics* m : run->metrics()) {
      summary += " " + m->nodeId + "=" + std::to_string(m->recordsIn.get()) + "/" +
                 std::to_string(m->recordsOut.get());
      if (m->errors.get()) summary += "(" + std::to_string(m->errors.get()) + " errors)";
    }
    const sc::CheckpointStats stats = run->checkpointStats();
    run.reset();
    char elapsed[32];
    std::snprintf(elapsed, sizeof elapsed, "%.2fs", secs);
    if (result.ok) {
      std::string how;
      if (result.finished) {
        // Every input is done: a later run starts over, as Flink discards a finished job's
        // checkpoints.
        store.removeAll();
        how = "; every input finished";
      } else if (stats.lastWasSavepoint) {
        how = "; savepoint " + std::to_string(stats.lastId) + " taken, the next run resumes there";
      }
      log.info("runner", "done in " + std::string(elapsed) + how + "; records in/out:" + summary);
      return kExitOk;
    }
    const std::string where =
        result.failedNode.empty() ? "" : " in node '" + result.failedNode + "'";
    if (result.restoreOlderThan > 0 && !g_signal.load()) {
      restoreAtMost = result.restoreOlderThan - 1;
      log.warn("runner", result.message);
      --attempt;  // not a failure of the pipeline: choosing the checkpoint to start from
      continue;
    }
    // A run stopped on purpose (signal, --duration) that failed while stopping is not restarted.
    if (g_signal.load() || durationSpent() || result.restoreFailed) {
      log.error("runner", "pipeline failed" + where + ": " + result.message);
      return kExitFailed;
    }
    const int64_t delay = settings.restart.delayBefore(attempt + 1);
    if (delay < 0) {
      log.error("runner", "pipeline failed" + where + ": " + result.message +
                              (attempt > 0 ? " (after " + std::to_string(attempt) +
                                                 " restart(s); " + settings.restart.describe() + ")"
                                           : ""));
      return kExitFailed;
    }
    log.warn(
        "runner",
        "pipeline failed" + where + ": " + result.message + "; restarting from " +
            (stats.lastId || options.checkpoints.restore ? "the last checkpoint" : "the start") +
            " in " + sc::formatDurationMs(delay) + " (restart " + std::to_string(attempt + 1) +
            " of " + std::to_string(settings.restart.attempts) + ")");
    auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(delay);
    while (std::chrono::steady_clock::now() < until && !g_signal.load())
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    if (g_signal.load()) {
      log.error("runner", "stopped while waiting to restart; the last checkpoint is kept");
      return kExitFailed;
    }
  }
}
