// The runner's record, replay and test commands (docs/testing.md):
//   streamcanvas-run --test FIXTURE_DIR PIPELINE.json          replays and compares; 0 equal,
//                                                              1 different (diff on stdout),
//                                                              2 bad fixture or pipeline
//   streamcanvas-run --replay FILE --into NODE[:PORT] [--speed max|recorded] PIPELINE.json
//   streamcanvas-run --new-test DIR PIPELINE.json              records a run into a test folder
//   streamcanvas-run --record NODE[:PORT]=FILE PIPELINE.json   records wires during a run
#include <atomic>
#include <csignal>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/runner/HeadlessCommands.h"
#include "engine/graph/NodeConfig.h"
#include "engine/graph/NodeRegistry.h"
#include "engine/graph/Pipeline.h"
#include "engine/graph/PipelineSettings.h"
#include "engine/runtime/Executor.h"
#include "engine/runtime/Planner.h"
#include "nodes/FixtureReplay.h"

namespace sc::runner {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;

std::atomic<bool> g_stop{false};
extern "C" void onStopSignal(int) {
  g_stop = true;
}

int usage(const std::string& message) {
  std::cerr << "streamcanvas-run: " << message
            << "\nusage: streamcanvas-run --test FIXTURE_DIR PIPELINE.json [--env-file FILE]...\n"
               "       streamcanvas-run --replay FIXTURE.jsonl --into NODE[:PORT] "
               "[--speed max|recorded] PIPELINE.json\n"
               "       streamcanvas-run --new-test DIR PIPELINE.json [--max-records N] "
               "[--duration 10s]\n"
               "       streamcanvas-run --record NODE[:PORT]=FILE... PIPELINE.json "
               "[--max-records N] [--duration 10s]\n"
               "(docs/testing.md describes fixtures and test folders)\n";
  return kExitUsage;
}

struct Arguments {
  std::string pipeline, testDir, replayFile, into, newTestDir;
  ReplaySpeed speed = ReplaySpeed::Max;
  std::vector<std::pair<std::string, std::string>> records;  // NODE[:PORT], FILE
  std::vector<std::string> envFiles;
  RunOptions options;
};

std::optional<Arguments> parse(const std::vector<std::string>& args, int& code) {
  Arguments a;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& flag = args[i];
    std::string v;
    auto next = [&](const char* what) {
      if (i + 1 >= args.size() || args[i + 1].empty()) {
        code = usage(flag + " needs " + what);
        return false;
      }
      v = args[++i];
      return true;
    };
    if (flag == "--test") {
      if (!next("a fixture folder")) return std::nullopt;
      a.testDir = v;
    } else if (flag == "--replay") {
      if (!next("a fixture file")) return std::nullopt;
      a.replayFile = v;
    } else if (flag == "--into") {
      if (!next("a node id (NODE or NODE:PORT)")) return std::nullopt;
      a.into = v;
    } else if (flag == "--speed") {
      if (!next("max or recorded")) return std::nullopt;
      if (v != "max" && v != "recorded") {
        code = usage("--speed takes max or recorded, got '" + v + "'");
        return std::nullopt;
      }
      a.speed = v == "max" ? ReplaySpeed::Max : ReplaySpeed::Recorded;
    } else if (flag == "--new-test") {
      if (!next("a folder")) return std::nullopt;
      a.newTestDir = v;
    } else if (flag == "--record") {
      if (!next("NODE[:PORT]=FILE")) return std::nullopt;
      const size_t eq = v.find('=');
      if (eq == std::string::npos || eq == 0 || eq + 1 == v.size()) {
        code = usage("--record takes NODE[:PORT]=FILE, got '" + v + "'");
        return std::nullopt;
      }
      a.records.emplace_back(v.substr(0, eq), v.substr(eq + 1));
    } else if (flag == "--env-file") {
      if (!next("a file")) return std::nullopt;
      a.envFiles.push_back(v);
    } else if (flag == "--max-records") {
      if (!next("a number")) return std::nullopt;
      try {
        size_t used = 0;
        const long long n = std::stoll(v, &used);
        if (used != v.size() || n <= 0) throw std::invalid_argument(v);
        a.options.maxRecords = static_cast<uint64_t>(n);
      } catch (const std::exception&) {
        code = usage("--max-records takes a positive whole number, got '" + v + "'");
        return std::nullopt;
      }
    } else if (flag == "--duration") {
      if (!next("a duration like 10s")) return std::nullopt;
      const auto ms = parseDurationMs(v);
      if (!ms || *ms <= 0) {
        code = usage("--duration takes a duration like 500ms, 10s or 5m, got '" + v + "'");
        return std::nullopt;
      }
      a.options.durationMs = *ms;
    } else if (!flag.empty() && flag[0] == '-') {
      code =
          usage("option '" + flag + "' does not go with --test, --replay, --new-test or --record");
      return std::nullopt;
    } else if (a.pipeline.empty()) {
      a.pipeline = flag;
    } else {
      code = usage("only one pipeline file, got '" + a.pipeline + "' and '" + flag + "'");
      return std::nullopt;
    }
  }
  if (a.pipeline.empty()) {
    code = usage("no pipeline file given");
    return std::nullopt;
  }
  return a;
}

std::optional<Pipeline> load(const std::string& path) {
  LoadResult loaded = loadPipelineFile(path);
  if (!loaded.pipeline || loaded.diagnostics.hasErrors()) {
    std::cerr << loaded.diagnostics.format();
    return std::nullopt;
  }
  return std::move(*loaded.pipeline);
}

// Plans and runs `pipeline` once, from the start, without checkpoints; a stop drains.
// `attach` sees the execution before it starts.
int runOnce(const Pipeline& pipeline, const NodeRegistry& registry, const EnvLookup& env,
            RunOptions options, const std::function<bool(Execution&)>& attach) {
  options.stopMode = StopMode::Drain;
  options.checkpoints.intervalMs = 0;
  options.checkpoints.dir.clear();
  PlannedPipeline planned = planPipeline(pipeline, registry, PlanPurpose::Run, env, options);
  if (!planned.ok() || !planned.execution) {
    std::cerr << planned.diagnostics.format();
    return kExitUsage;
  }
  if (!attach(*planned.execution)) return kExitFailed;
  std::signal(SIGINT, onStopSignal);
  std::signal(SIGTERM, onStopSignal);
  planned.execution->start();
  bool stopping = false;
  while (!planned.execution->wait(50)) {
    if (g_stop.load() && !stopping) {
      stopping = true;
      planned.execution->requestStop();
    }
  }
  const RunResult result = planned.execution->result();
  if (!result.ok) {
    std::cerr << "streamcanvas-run: node '" << result.failedNode << "' failed: " << result.message
              << "\n";
    return kExitFailed;
  }
  return kExitOk;
}

}  // namespace

int runFixtureCommand(const std::vector<std::string>& args) {
  int code = kExitUsage;
  std::optional<Arguments> a = parse(args, code);
  if (!a) return code;
  const std::optional<EnvLookup> env = loadEnvironment(a->envFiles);
  if (!env) return kExitUsage;
  std::optional<Pipeline> pipeline = load(a->pipeline);
  if (!pipeline) return kExitUsage;
  const NodeRegistry& registry = fixtureRegistry();

  if (!a->testDir.empty()) {
    const FixtureTestResult r = runFixtureTest(a->testDir, *pipeline, *env);
    switch (r.outcome) {
      case FixtureTestResult::Outcome::Passed:
        std::cout << r.report;
        return kExitOk;
      case FixtureTestResult::Outcome::Failed:
        std::cout << r.report;
        return kExitFailed;
      case FixtureTestResult::Outcome::Error:
        std::cerr << "streamcanvas-run --test: " << r.report;
        return kExitUsage;
    }
  }

  if (!a->replayFile.empty()) {
    if (a->into.empty()) return usage("--replay needs --into NODE[:PORT]");
    const EdgeEnd into = EdgeEnd::parse(a->into);
    Diagnostics diags;
    const Pipeline replay = buildReplayPipeline(
        *pipeline, {ReplayInput{into.node, into.port, a->replayFile}}, a->speed, registry, diags);
    if (diags.hasErrors()) {
      std::cerr << diags.format();
      return kExitUsage;
    }
    return runOnce(replay, registry, *env, a->options, [](Execution&) { return true; });
  }

  if (!a->newTestDir.empty() || !a->records.empty()) {
    RunRecorder recorder;
    std::vector<std::shared_ptr<FixtureRecorder>> wires;
    const int result = runOnce(*pipeline, registry, *env, a->options, [&](Execution& run) {
      std::string error;
      if (!a->newTestDir.empty() &&
          !recorder.attach(run, *pipeline, registry, a->newTestDir, error)) {
        std::cerr << "streamcanvas-run: " << error << "\n";
        return false;
      }
      for (const auto& [where, file] : a->records) {
        const EdgeEnd end = EdgeEnd::parse(where);
        auto wire = std::make_shared<FixtureRecorder>();
        if (!wire->open(file, error)) {
          std::cerr << "streamcanvas-run: " << error << "\n";
          return false;
        }
        if (!run.addTap(end.node, end.port, wire)) {
          std::cerr << "streamcanvas-run: --record: no output port '" << where << "' in "
                    << a->pipeline << "\n";
          return false;
        }
        wires.push_back(wire);
      }
      return true;
    });
    std::string error;
    bool written = true;
    for (const auto& wire : wires)
      written = wire->close(error) && written;
    if (!a->newTestDir.empty()) {
      written = recorder.finish(error) && written;
      if (written && result == kExitOk)
        std::cerr << "streamcanvas-run: wrote test folder " << a->newTestDir << " ("
                  << recorder.inputRecords() << " input records, " << recorder.expectedRecords()
                  << " expected); run it with streamcanvas-run --test " << a->newTestDir << " "
                  << a->pipeline << "\n";
    }
    if (!written) {
      std::cerr << "streamcanvas-run: " << error << "\n";
      return kExitFailed;
    }
    return result;
  }
  return usage("nothing to do");
}

}  // namespace sc::runner
