// streamcanvas-run --bundle DIR PIPELINE.json, PIPELINE.json --check-env, and --env-file: the
// commands that take a pipeline from the designer to a server.
#include "app/runner/HeadlessCommands.h"

#include <algorithm>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "engine/export/FlinkSql.h"
#include "engine/graph/EnvFile.h"
#include "engine/graph/HeadlessBundle.h"
#include "engine/graph/NodeRegistry.h"
#include "engine/graph/Pipeline.h"
#include "engine/graph/Variables.h"
#include "engine/runtime/Log.h"

namespace sc::runner {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;

int usage(const std::string& command, const std::string& message) {
  std::cerr << "streamcanvas-run: " << message << "\nusage: " << command << "\n";
  return kExitUsage;
}

std::optional<Pipeline> loadOrReport(const std::string& path, SourceMap* map = nullptr) {
  LoadResult loaded = loadPipelineFile(path);
  if (!loaded.pipeline || loaded.diagnostics.hasErrors()) {
    std::cerr << loaded.diagnostics.format();
    return std::nullopt;
  }
  if (map) *map = loaded.sourceMap;
  return std::move(loaded.pipeline);
}

}  // namespace

std::optional<EnvLookup> loadEnvironment(const std::vector<std::string>& envFiles,
                                         std::vector<EnvFile>* loadedOut) {
  std::vector<EnvFile> files;
  bool ok = true;
  for (const std::string& path : envFiles) {
    files.push_back(readEnvFile(path));
    for (const std::string& e : files.back().errors) {
      std::cerr << "streamcanvas-run: " << e << "\n";
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  // Say when the environment overrides a file, so a value exported in a shell does not
  // silently replace the staging file's (values are never printed).
  EnvLookup process = processEnvironment();
  for (const EnvFile& f : files)
    for (const auto& [key, entry] : f.values())
      if (process(key))
        Logger::global().info("runner", key + " is set in the environment and in " + f.path + ":" +
                                            std::to_string(entry.line) +
                                            "; the environment's value is used");
  EnvLookup env = environmentWithFiles(files, process);
  if (loadedOut) *loadedOut = std::move(files);
  return env;
}

int runBundleCommand(const std::vector<std::string>& args) {
  const std::string command = "streamcanvas-run --bundle DIR PIPELINE.json";
  std::string dir, pipelinePath;
  HeadlessBundleOptions options;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--bundle") {
      if (i + 1 >= args.size() || args[i + 1].empty())
        return usage(command, "--bundle needs a folder");
      dir = args[++i];
    } else if (!a.empty() && a[0] == '-') {
      return usage(command, "unknown option '" + a + "' for --bundle");
    } else if (pipelinePath.empty()) {
      pipelinePath = a;
    } else {
      return usage(command, "only one pipeline file, got '" + pipelinePath + "' and '" + a + "'");
    }
  }
  if (pipelinePath.empty()) return usage(command, "no pipeline file given");
  SourceMap map;
  std::optional<Pipeline> pipeline = loadOrReport(pipelinePath, &map);
  if (!pipeline) return kExitUsage;
  const NodeRegistry& registry = NodeRegistry::builtin();
  HeadlessBundle bundle = makeHeadlessBundle(*pipeline, registry, options);
  if (!bundle.ok()) {
    locateDiagnostics(bundle.diagnostics, map, pipelinePath);
    std::cerr << bundle.diagnostics.format() << "streamcanvas-run: nothing was exported\n";
    return kExitUsage;
  }
  if (std::string error = writeHeadlessBundle(bundle, dir); !error.empty()) {
    std::cerr << "streamcanvas-run: " << error << "\n";
    return kExitFailed;
  }
  std::cout << "Exported '" << pipeline->name << "' for headless runs to " << dir << ":\n";
  for (const HeadlessBundle::File& f : bundle.files)
    std::cout << "  " << f.name << "\n";
  for (const HeadlessBundle::Replacement& r : bundle.replaced)
    std::cout << (r.field.exportAs == ExportAs::Secret ? "Secret at " : "Setting at ")
              << r.field.pointer << " is now ${" << r.variable << "}\n";
  if (bundle.variables.empty()) {
    std::cout << "The pipeline needs no variables.\n";
  } else {
    std::cout << "Variables it needs (see " << dir << "/.env.example):\n";
    for (const PipelineVariable& v : bundle.variables) {
      const bool required = v.secret || !v.defaultValue();
      std::cout << "  " << v.name << (v.secret ? " (secret)" : "")
                << (required ? " required" : " has a default") << "\n";
    }
  }
  return kExitOk;
}

int runCheckEnvCommand(const std::vector<std::string>& args) {
  const std::string command = "streamcanvas-run PIPELINE.json --check-env [--env-file FILE]...";
  std::string pipelinePath;
  std::vector<std::string> envFiles;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--check-env") {
      continue;
    } else if (a == "--env-file") {
      if (i + 1 >= args.size() || args[i + 1].empty())
        return usage(command, "--env-file needs a file");
      envFiles.push_back(args[++i]);
    } else if (!a.empty() && a[0] == '-') {
      return usage(command, "unknown option '" + a + "' for --check-env");
    } else if (pipelinePath.empty()) {
      pipelinePath = a;
    } else {
      return usage(command, "only one pipeline file, got '" + pipelinePath + "' and '" + a + "'");
    }
  }
  if (pipelinePath.empty()) return usage(command, "no pipeline file given");
  std::optional<Pipeline> pipeline = loadOrReport(pipelinePath);
  if (!pipeline) return kExitUsage;
  std::vector<EnvFile> files;
  std::optional<EnvLookup> env = loadEnvironment(envFiles, &files);
  if (!env) return kExitUsage;
  const EnvLookup process = processEnvironment();

  const std::vector<PipelineVariable> variables =
      pipelineVariables(*pipeline, NodeRegistry::builtin());
  int missing = 0;
  for (const PipelineVariable& v : variables) {
    const std::optional<std::string> value = (*env)(v.name);
    const std::optional<std::string> def = v.defaultValue();
    std::string status;
    if (value && !value->empty()) {
      status = "set";
      if (!process(v.name))
        for (const EnvFile& f : files)
          if (auto e = f.values(); e.count(v.name))
            status = "set in " + f.path + ":" + std::to_string(e.at(v.name).line);
    } else if (def) {
      status = "default";
    } else if (value) {
      status = "set, but empty";
    } else {
      status = "MISSING";
      ++missing;
    }
    std::cout << v.name << ": " << status << (v.secret ? " (secret)" : "") << "\n";
    for (const VariableUse& u : v.uses)
      std::cout << "    " << PipelineVariable::describeUse(u) << ": " << u.field.purpose << "\n";
  }
  const std::string total =
      std::to_string(variables.size()) + " variable" + (variables.size() == 1 ? "" : "s");
  if (missing > 0) {
    std::cout << pipelinePath << ": " << missing << " of " << total << " missing; set "
              << (missing == 1 ? "it" : "them")
              << " in the environment or in a file given with --env-file\n";
    return kExitUsage;
  }
  std::cout << pipelinePath << ": "
            << (variables.empty() ? "no variables needed" : "all " + total + " set") << "\n";
  return kExitOk;
}

int runExportCommand(const std::vector<std::string>& args) {
  const std::string command = "streamcanvas-run --export flink-sql PIPELINE.json [-o FILE]";
  std::string format, pipelinePath, outputPath;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--export") {
      if (i + 1 >= args.size()) return usage(command, "--export needs a format: flink-sql");
      format = args[++i];
    } else if (a == "-o" || a == "--output") {
      if (i + 1 >= args.size() || args[i + 1].empty()) return usage(command, a + " needs a file");
      outputPath = args[++i];
    } else if (!a.empty() && a[0] == '-') {
      return usage(command, "unknown option '" + a + "' for --export");
    } else if (pipelinePath.empty()) {
      pipelinePath = a;
    } else {
      return usage(command, "only one pipeline file, got '" + pipelinePath + "' and '" + a + "'");
    }
  }
  if (format != "flink-sql")
    return usage(command, "--export takes flink-sql, got '" + format + "'");
  if (pipelinePath.empty()) return usage(command, "no pipeline file given");
  SourceMap map;
  std::optional<Pipeline> pipeline = loadOrReport(pipelinePath, &map);
  if (!pipeline) return kExitUsage;
  FlinkSqlExport exported = exportFlinkSql(*pipeline, NodeRegistry::builtin());
  locateDiagnostics(exported.diagnostics, map, pipelinePath);
  // The pipeline is not resolved, so messages hold ${VAR} text, never a secret's value.
  std::cerr << exported.diagnostics.format();
  if (!exported.ok()) {
    std::cerr << "streamcanvas-run: nothing was exported: the pipeline uses what Flink SQL "
                 "cannot express (see docs/flink.md)\n";
    return kExitUsage;
  }
  if (outputPath.empty()) {
    std::cout << exported.script;
    return kExitOk;
  }
  std::ofstream out(outputPath, std::ios::binary | std::ios::trunc);
  out << exported.script;
  out.close();
  if (!out) {
    std::cerr << "streamcanvas-run: cannot write " << outputPath << "\n";
    return kExitFailed;
  }
  std::cerr << "streamcanvas-run: wrote the Flink SQL job of '" << pipeline->name << "' to "
            << outputPath << "\n";
  return kExitOk;
}

}  // namespace sc::runner
