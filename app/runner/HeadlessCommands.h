#pragma once
// The runner's commands for headless deployment (kept apart from main.cpp's run loop):
//   streamcanvas-run --bundle DIR PIPELINE.json     writes the export folder (HeadlessBundle.h)
//   streamcanvas-run PIPELINE.json --check-env      lists the variables; exits 2 if any is missing
//   --env-file FILE                                 loads KEY=VALUE files (EnvFile.h); the
//                                                   process environment wins over them

#include <optional>
#include <string>
#include <vector>

#include "engine/graph/EnvFile.h"

namespace sc::runner {

int runBundleCommand(const std::vector<std::string>& args);
int runCheckEnvCommand(const std::vector<std::string>& args);
// --test, --replay, --new-test and --record (FixtureCommands.cpp).
int runFixtureCommand(const std::vector<std::string>& args);
// streamcanvas-run --export flink-sql PIPELINE.json [-o FILE] (engine/export/FlinkSql.h)
int runExportCommand(const std::vector<std::string>& args);

// The environment for ${VAR} substitution: the process environment over `envFiles`. Prints the
// files' errors (file:line) to stderr and returns nothing when any file is unreadable or wrong.
std::optional<EnvLookup> loadEnvironment(const std::vector<std::string>& envFiles,
                                         std::vector<EnvFile>* loaded = nullptr);

}  // namespace sc::runner
