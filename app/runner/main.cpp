// streamcanvas-run: runs a pipeline file headless (no Qt). Exit codes: 0 done, 1 runtime failure,
// 2 invalid pipeline or usage.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "app/runner/NodeDocs.h"
#include "engine/graph/NodeConfig.h"
#include "engine/graph/NodeRegistry.h"
#include "engine/graph/Pipeline.h"
#include "engine/runtime/Executor.h"
#include "engine/runtime/Log.h"
#include "engine/runtime/Planner.h"

namespace {

std::atomic<int> g_signal{0};
extern "C" void onSignal(int sig) {
  g_signal.store(sig);
}

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;

const char* kUsage =
    "usage: streamcanvas-run PIPELINE.json [--validate] [--max-records N] [--duration 10s]\n"
    "                        [--set NODE.PROPERTY=VALUE]... [--log-format text|json]\n"
    "       streamcanvas-run --list-nodes [--format markdown|json]\n"
    "       streamcanvas-run --sandbox [--brokers N] [--partitions P] [--topic NAME]... "
    "[--bootstrap-file FILE]\n"
    "\n"
    "Runs a StreamCanvas pipeline without the designer. Console sinks write to stdout, logs go to "
    "stderr.\n"
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
  bool validateOnly = false, listNodes = false;
  sc::RunOptions options;
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

  // --validate makes every check the run makes before it starts, and acquires nothing.
  sc::PlannedPipeline planned = sc::planPipeline(
      pipeline, registry, validateOnly ? sc::PlanPurpose::Check : sc::PlanPurpose::Run,
      sc::processEnvironment(), options);
  for (auto& s : planned.secrets)
    log.addSecret(s);
  sc::locateDiagnostics(planned.diagnostics, loaded.sourceMap, pipelinePath);
  if (!planned.diagnostics.empty()) std::cerr << log.redact(planned.diagnostics.format());
  if (!planned.ok()) return kExitUsage;
  if (validateOnly) {
    std::cerr << pipelinePath << ": pipeline '" << pipeline.name << "' is valid ("
              << pipeline.nodes.size() << " nodes, " << pipeline.edges.size() << " edges)\n";
    return kExitOk;
  }
  std::unique_ptr<sc::Execution> run = std::move(planned.execution);

  std::signal(SIGINT, onSignal);
  std::signal(SIGTERM, onSignal);
  std::signal(SIGPIPE, SIG_IGN);
  const bool progress = isatty(STDERR_FILENO);
  auto t0 = std::chrono::steady_clock::now();
  run->start();
  bool stopping = false;
  auto lastProgress = t0;
  std::vector<uint64_t> lastCounts;
  while (!run->wait(200)) {
    if (g_signal.load() && !stopping) {
      stopping = true;
      log.info("runner", std::string("received ") +
                             (g_signal.load() == SIGINT ? "SIGINT" : "SIGTERM") +
                             ": stopping sources, draining and flushing sinks");
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
  char elapsed[32];
  std::snprintf(elapsed, sizeof elapsed, "%.2fs", secs);
  if (!result.ok) {
    log.error("runner", "pipeline failed in node '" + result.failedNode + "': " + result.message);
    return kExitFailed;
  }
  log.info("runner", "done in " + std::string(elapsed) + "; records in/out:" + summary);
  return kExitOk;
}
