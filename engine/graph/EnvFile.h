#pragma once
// Environment files (`streamcanvas-run --env-file FILE`): KEY=VALUE lines, as systemd's
// EnvironmentFile= reads them, so one file serves the runner, run.sh and the systemd unit.
//   # comment            (also ;) whole-line comments; blank lines are skipped
//   export KEY=value     "export " is allowed and ignored
//   KEY=value            the rest of the line, surrounding blanks trimmed; no inline comments
//   KEY="va\"lue"        double quotes: \" \\ \$ \` escape, may span lines
//   KEY='value'          single quotes: literal, may span lines
// Values are taken as written: no ${...} expansion inside the file.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "engine/graph/Pipeline.h"

namespace sc {

struct EnvFile {
  struct Entry {
    std::string key, value;
    int line = 0;
  };
  std::string path;
  std::vector<Entry> entries;       // file order; a later duplicate wins
  std::vector<std::string> errors;  // "FILE:LINE: what is wrong (what to do)"
  bool ok() const { return errors.empty(); }
  // Final values by key (later lines win).
  std::map<std::string, Entry> values() const;
};

EnvFile parseEnvFile(std::string_view text, const std::string& path);
EnvFile readEnvFile(const std::string& path);

// The process environment first, then `files` (a later file wins over an earlier one). The
// environment wins, as with docker compose's .env and dotenv: an operator can override one
// value for one run (KEY=x streamcanvas-run ...) without editing the file.
EnvLookup environmentWithFiles(const std::vector<EnvFile>& files,
                               EnvLookup environment = processEnvironment());

}  // namespace sc
