// streamcanvas-run: runs a pipeline file headless (no Qt). Exit codes: 0 done, 1 runtime failure,
// 2 invalid pipeline or usage.
#include <unistd.h>

#include <algorithm>
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

#include "app/runner/HeadlessCommands.h"
#include "app/runner/MetricsServer.h"
#include "app/runner/NodeDocs.h"
#include "app/runner/RunnerMetrics.h"
#include "engine/graph/NodeConfig.h"
#include "engine/graph/NodeRegistry.h"
#include "engine/graph/Pipeline.h"
#include "engine/graph/PipelineSettings.h"
#include "engine/runtime/Context.h"
#include "engine/runtime/Executor.h"
#include "engine/runtime/Log.h"
#include "engine/runtime/Planner.h"
#include "engine/runtime/Supervisor.h"
#include "engine/state/CheckpointStore.h"
#include "engine/state/InstanceDirectory.h"

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
    "                        [--log-level debug|info|warn|error]\n"
    "                        [--delivery at_least_once|exactly_once] [--checkpoint-interval 10s]\n"
    "                        [--checkpoint-dir DIR] [--restart none|fixed_delay|exponential|JSON]\n"
    "                        [--instance NAME] [--fresh] [--drain] [--allow-changed-graph]\n"
    "                        [--scale-out]\n"
    "                        [--metrics-port PORT] [--metrics-address ADDR]\n"
    "                        [--metrics-linger 30s]\n"
    "                        [--env-file FILE]...\n"
    "       streamcanvas-run PIPELINE.json --check-env [--env-file FILE]...\n"
    "       streamcanvas-run --bundle DIR PIPELINE.json\n"
    "       streamcanvas-run --export flink-sql PIPELINE.json [-o FILE]\n"
    "       streamcanvas-run --list-nodes [--format markdown|json]\n"
    "       streamcanvas-run --test FIXTURE_DIR PIPELINE.json\n"
    "       streamcanvas-run --replay FIXTURE.jsonl --into NODE[:PORT] [--speed max|recorded] "
    "PIPELINE.json\n"
    "       streamcanvas-run --new-test DIR | --record NODE[:PORT]=FILE... PIPELINE.json\n"
    "       streamcanvas-run --sandbox [--brokers N] [--partitions P] [--topic NAME]... "
    "[--bootstrap-file FILE]\n"
    "\n"
    "Runs a StreamCanvas pipeline without the designer. Console sinks write to stdout, logs go to "
    "stderr.\n"
    "A run resumes from the pipeline's last checkpoint when there is one (--fresh: start over).\n"
    "SIGINT/SIGTERM, --duration and --max-records stop with a savepoint that keeps open windows\n"
    "(--drain: fire them instead); a second signal exits at once (130).\n"
    "--metrics-port serves Prometheus metrics on /metrics, and /healthz and /readyz, on\n"
    "--metrics-address (default 0.0.0.0, every interface; port 0 picks a free one, logged);\n"
    "--metrics-linger keeps serving them that long after the pipeline ended or failed.\n"
    "--env-file loads KEY=VALUE lines for ${VAR} references; the process environment wins.\n"
    "--check-env lists the variables the pipeline needs; --bundle writes a folder to run it on a\n"
    "server (pipeline without secrets, .env.example, run.sh, systemd unit, README).\n"
    "--test replays a test folder's fixtures and compares every sink with its expectation (exit\n"
    "1 with a diff when they differ); --new-test and --record write them (docs/testing.md).\n"
    "Exit codes: 0 done, 1 runtime failure, 2 invalid pipeline, usage or missing variables.\n";

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
  std::string pipelinePath, logFormat = "text", logLevel = "info", listFormat;
  bool validateOnly = false, listNodes = false, fresh = false, drain = false;
  bool allowChangedGraph = false;
  sc::RunOptions options;
  sc::Json settingOverrides = sc::Json::object();
  int metricsPort = -1;  // -1: no metrics endpoint
  std::string metricsAddress = "0.0.0.0";
  int64_t metricsLingerMs = 0;
  std::vector<Override> overrides;

  if (!args.empty() && args[0] == "--sandbox")
    return runSandboxCommand({args.begin() + 1, args.end()});
  const auto given = [&](const char* flag) {
    return std::find(args.begin(), args.end(), flag) != args.end();
  };
  if (given("--bundle")) return sc::runner::runBundleCommand(args);
  if (given("--check-env")) return sc::runner::runCheckEnvCommand(args);
  if (given("--test") || given("--replay") || given("--new-test") || given("--record"))
    return sc::runner::runFixtureCommand(args);
  if (given("--export")) return sc::runner::runExportCommand(args);
  std::vector<std::string> envFiles;
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
    } else if (a == "--env-file") {
      if (!next(v) || v.empty()) return usageError("--env-file needs a file");
      envFiles.push_back(v);
    } else if (a == "--scale-out") {
      settingOverrides["scale_out"] = true;
    } else if (a == "--fresh") {
      fresh = true;
    } else if (a == "--drain") {
      drain = true;
    } else if (a == "--allow-changed-graph") {
      allowChangedGraph = true;
    } else if (a == "--metrics-port") {
      if (!next(v)) return usageError("--metrics-port needs a port number");
      try {
        size_t used = 0;
        const int port = std::stoi(v, &used);
        if (used != v.size() || port < 0 || port > 65535) throw std::invalid_argument(v);
        metricsPort = port;
      } catch (const std::exception&) {
        return usageError("--metrics-port takes a port from 0 to 65535, got '" + v + "'");
      }
    } else if (a == "--metrics-address") {
      if (!next(metricsAddress) || metricsAddress.empty())
        return usageError("--metrics-address needs an address like 127.0.0.1");
    } else if (a == "--metrics-linger") {
      if (!next(v)) return usageError("--metrics-linger needs a duration like 30s");
      auto ms = sc::parseDurationMs(v);
      if (!ms || *ms < 0)
        return usageError("--metrics-linger takes a duration like 30s or 0s, got '" + v + "'");
      metricsLingerMs = *ms;
    } else if (a == "--log-format") {
      if (!next(logFormat) || (logFormat != "text" && logFormat != "json"))
        return usageError("--log-format takes text or json");
    } else if (a == "--log-level") {
      if (!next(logLevel) ||
          (logLevel != "debug" && logLevel != "info" && logLevel != "warn" && logLevel != "error"))
        return usageError("--log-level takes debug, info, warn or error");
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
  // debug adds the Kafka clients' own lines (with a connection's `debug` property, librdkafka's
  // protocol traces: "debug": "cgrp,fetch").
  log.setLevel(logLevel == "debug"   ? sc::LogLevel::Debug
               : logLevel == "warn"  ? sc::LogLevel::Warn
               : logLevel == "error" ? sc::LogLevel::Error
                                     : sc::LogLevel::Info);
  const sc::NodeRegistry& registry = sc::NodeRegistry::builtin();

  if (listNodes) {
    std::cout << (listFormat == "json" ? sc::nodeDocsJson(registry)
                                       : sc::nodeDocsMarkdown(registry));
    return kExitOk;
  }
  if (pipelinePath.empty()) return usageError("no pipeline file given");

  const std::optional<sc::EnvLookup> environment = sc::runner::loadEnvironment(envFiles);
  if (!environment) return kExitUsage;
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

  // Scale-out: every runner needs its own transactional id. Without an explicit instance, one
  // unique to this process (a runner that dies is replaced by the group, not resumed by id).
  char host[256] = {0};
  if (gethostname(host, sizeof host - 1) != 0 || !host[0]) std::snprintf(host, sizeof host, "host");
  const bool explicitInstance =
      pipeline.settings.is_object() && pipeline.settings.contains("instance");
  if (pipeline.settings.is_object() && pipeline.settings.value("scale_out", false) == true &&
      !explicitInstance) {
    pipeline.settings["instance"] = std::string(host) + "-" + std::to_string(getpid());
    log.info("runner", "scale-out: this runner's instance is '" +
                           pipeline.settings["instance"].get<std::string>() + "'");
  }

  // --validate makes every check the run makes before it starts, and acquires nothing; so does
  // a run before it plans its first attempt.
  sc::PlannedPipeline checked =
      sc::planPipeline(pipeline, registry, sc::PlanPurpose::Check, *environment, options);
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
  // Scale-out: Kafka holds the state (group offsets, changelog topics); local checkpoints in the
  // instance's own folder are the fast path of a restart. The folder stays locked while this
  // process lives.
  sc::state::InstanceDirectory instanceDir;
  if (settings.scaleOut) {
    options.checkpoints.scaleOut = true;
    const std::string instance = resolved.settings.value("instance", std::string());
    instanceDir = sc::state::InstanceDirectory::open(options.checkpoints.dir, instance,
                                                     explicitInstance, host, getpid());
    options.checkpoints.dir.clear();
    if (!instanceDir.error().empty()) {
      log.error("runner", "scale-out: " + instanceDir.error());
      return kExitFailed;
    }
    for (const std::string& note : instanceDir.notes())
      log.info("runner", "scale-out: " + note);
    if (fresh)
      if (std::string error = instanceDir.clear(); !error.empty()) {
        log.error("runner", error);
        return kExitFailed;
      }
    options.checkpoints.scaleOutDir = instanceDir.path();
    log.info("runner", "scale-out: local checkpoints in '" + instanceDir.path() + "'");
  }
  options.stopMode = drain ? sc::StopMode::Drain : sc::StopMode::Savepoint;
  options.headersForTaps = false;  // no taps here: Kafka headers only where the pipeline reads them
  // The embedded cluster (and its topics) outlives restarts.
  options.resources = std::make_shared<sc::ResourceRegistry>();
  sc::state::CheckpointStore store(options.checkpoints.dir);
  if (options.checkpoints.dir.empty()) {
    // Scale-out: nothing is kept locally (Kafka holds the state and the group's progress).
  } else if (fresh) {
    std::string error = store.removeAll();
    if (!error.empty()) {
      log.error("runner", error);
      return kExitFailed;
    }
  } else if (const auto done = store.finishedRun()) {
    if (done->graphHash != 0 && done->graphHash != sc::Execution::graphHash(resolved)) {
      // Another graph (nodes, properties or edges changed, --set among them) is another run.
      log.info("runner", "pipeline '" + pipeline.name +
                             "' changed since it finished: starting over (" + store.dir() +
                             "/finished recorded the run of the earlier graph)");
      if (std::string error = store.removeAll(); !error.empty()) {
        log.error("runner", error);
        return kExitFailed;
      }
    } else {
      // Starting over would read what the group has not committed (nothing, for a finished
      // Kafka source) and truncate the finished run's output: only --fresh does that.
      if (std::string error = store.removeCheckpoints(); !error.empty()) log.warn("runner", error);
      log.info("runner", "pipeline '" + pipeline.name + "' already finished" +
                             (done->lastCheckpoint ? " (its last checkpoint was " +
                                                         std::to_string(done->lastCheckpoint) + ")"
                                                   : std::string()) +
                             "; its output is complete and is left as it is (" + store.dir() +
                             "/finished records it; --fresh starts over)");
      return kExitOk;
    }
  }

  std::signal(SIGINT, onSignal);
  std::signal(SIGTERM, onSignal);
  std::signal(SIGPIPE, SIG_IGN);
  sc::RunnerMetrics served(pipeline.name);  // what --metrics-port serves
  std::unique_ptr<sc::MetricsServer> metricsServer;
  if (metricsPort >= 0) {
    std::string error;
    metricsServer = sc::MetricsServer::start(served, metricsAddress, metricsPort, error);
    if (!metricsServer) {
      log.error("runner", error);
      return kExitFailed;
    }
    log.info("runner", "serving " + metricsServer->url() + "/metrics, /healthz and /readyz");
  }
  // The end of the pipeline: what /healthz reports, kept for --metrics-linger (or a signal).
  auto exitWith = [&](int code, const std::string& reason = {}) {
    served.setHealth(
        code == kExitOk ? sc::RunnerMetrics::Health::Finished : sc::RunnerMetrics::Health::Failed,
        reason);
    const auto until = std::chrono::steady_clock::now() +
                       std::chrono::milliseconds(metricsServer ? metricsLingerMs : 0);
    while (std::chrono::steady_clock::now() < until && !g_signal.load())
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    return code;
  };
  const bool progress = isatty(STDERR_FILENO);
  auto t0 = std::chrono::steady_clock::now();
  // The restart strategy runs in the engine (the designer uses the same); this loop watches
  // for signals, draws the progress line and feeds the metrics endpoint.
  auto supervisor = std::make_unique<sc::Supervisor>(pipeline, registry, options, settings.restart,
                                                     *environment, "runner");
  supervisor->setAttemptEnded([&](const sc::Execution& run) { served.detach(run); });
  supervisor->start();
  uint64_t attached = 0;  // the attempt `served` shows
  int restartsSeen = 0;
  bool stopping = false;
  auto lastProgress = std::chrono::steady_clock::now();
  std::vector<uint64_t> lastCounts;
  while (supervisor->phase() != sc::Supervisor::Phase::Done) {
    if (supervisor->phase() == sc::Supervisor::Phase::Running) {
      if (supervisor->attempt() != attached) {
        attached = supervisor->attempt();
        served.attach(*supervisor->execution());
        lastCounts.clear();
      }
      // A signal handler can only set a flag: look at it every 20 ms, so a stop is not delayed.
      supervisor->execution()->wait(20);
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (g_signal.load() && !stopping) {
      stopping = true;
      log.info("runner", std::string("received ") +
                             (g_signal.load() == SIGINT ? "SIGINT" : "SIGTERM") +
                             (drain ? ": stopping sources, draining and flushing sinks"
                                    : ": stopping sources and taking a savepoint (a second signal "
                                      "exits at once)"));
      supervisor->requestStop();
    }
    auto now = std::chrono::steady_clock::now();
    if (progress && supervisor->execution() && now - lastProgress >= std::chrono::seconds(1)) {
      double secs = std::chrono::duration<double>(now - lastProgress).count();
      std::string line;
      auto metrics = supervisor->execution()->metrics();
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
    supervisor->step();
    for (; restartsSeen < supervisor->restarts(); ++restartsSeen)
      served.countRestart();
  }
  if (progress) std::fprintf(stderr, "\r\033[K");
  const sc::Supervisor::Outcome outcome = supervisor->outcome();
  if (outcome.configurationError) {
    // Configuration errors (a checkpoint of another graph among them) are never retried.
    sc::Diagnostics errors = outcome.diagnostics;
    sc::locateDiagnostics(errors, loaded.sourceMap, pipelinePath);
    std::cerr << log.redact(errors.format());
    return exitWith(kExitUsage, "the pipeline could not be planned");
  }
  if (!outcome.ok) return exitWith(kExitFailed, outcome.message);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::string summary;
  for (const sc::NodeMetrics* m : supervisor->execution()->metrics()) {
    summary += " " + m->nodeId + "=" + std::to_string(m->recordsIn.get()) + "/" +
               std::to_string(m->recordsOut.get());
    if (m->errors.get()) summary += "(" + std::to_string(m->errors.get()) + " errors)";
  }
  char elapsed[32];
  std::snprintf(elapsed, sizeof elapsed, "%.2fs", secs);
  std::string how;
  if (outcome.result.finished)
    how = "; every input finished";
  else if (outcome.checkpoints.lastWasSavepoint)
    how = "; savepoint " + std::to_string(outcome.checkpoints.lastId) +
          " taken, the next run resumes there";
  log.info("runner", "done in " + std::string(elapsed) + how + "; records in/out:" + summary);
  const int code = exitWith(kExitOk);
  if (outcome.result.finished) {
    // Every input is done. Recorded, then the checkpoints removed, after everything has shut
    // down: a crash before the record leaves the final checkpoint, which the next start
    // restores (reading nothing new, leaving this run's output alone); after it, the record
    // tells every later start that the run finished. Only --fresh starts over. A run without
    // checkpoints has nothing to resume from, so it leaves no record either.
    supervisor.reset();
    options.resources.reset();
    metricsServer.reset();
    if (!options.checkpoints.dir.empty() && !store.ids().empty()) {
      const sc::state::CheckpointStore::FinishedRun run{
          pipeline.name, sc::Execution::graphHash(resolved), outcome.checkpoints.lastId,
          std::chrono::duration_cast<std::chrono::milliseconds>(
              std::chrono::system_clock::now().time_since_epoch())
              .count()};
      if (std::string error = store.markFinished(run); !error.empty()) log.warn("runner", error);
    }
    std::fflush(nullptr);
    std::_Exit(code);
  }
  return code;
}
