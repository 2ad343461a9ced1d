#pragma once
// The headless export: a folder an operator copies to a server to run a pipeline there, written
// by `streamcanvas-run --bundle DIR PIPELINE.json` and the designer's File > Export for Headless
// Run. It holds
//   pipeline.json                   every secret and credential a ${VARIABLE} reference
//   .env.example                    every variable the pipeline reads: purpose, where, default
//   run.sh                          checks the variables, then starts streamcanvas-run
//   streamcanvas-<name>.service     a hardened systemd unit (state directory for checkpoints)
//   README.md                       what to do with it
// A value typed into a secret field is replaced by a generated variable and written to no file
// of the folder; the export checks every file for it before anything is written.

#include <string>
#include <vector>

#include "engine/graph/Diagnostics.h"
#include "engine/graph/Pipeline.h"
#include "engine/graph/Variables.h"

namespace sc {

struct HeadlessBundleOptions {
  int metricsPort = 9464;                        // run.sh's default for --metrics-port
  std::string installDir = "/opt/streamcanvas";  // where the unit expects the folder
  std::string envDir = "/etc/streamcanvas";      // where the unit reads <name>.env
  std::string generator = "StreamCanvas";        // named in the files' headers
};

struct HeadlessBundle {
  struct File {
    std::string name;  // relative to the folder
    std::string text;
    bool executable = false;
  };
  // A variable the export made from a value typed in clear.
  struct Replacement {
    std::string variable;
    PipelineField field;
  };

  Pipeline pipeline;                        // as exported
  std::vector<PipelineVariable> variables;  // every variable it reads
  std::vector<Replacement> replaced;        // secrets and credentials made variables
  std::string serviceName;                  // "streamcanvas-payments.service"
  std::vector<File> files;                  // empty when diagnostics has errors
  Diagnostics diagnostics;  // why nothing can be exported (pointers into the pipeline)
  bool ok() const { return !diagnostics.hasErrors() && !files.empty(); }
};

// Builds the bundle in memory; refuses (errors in diagnostics) a pipeline that does not validate.
HeadlessBundle makeHeadlessBundle(const Pipeline& pipeline, const NodeRegistry& registry,
                                  const HeadlessBundleOptions& options = {});

// Writes the files into `dir`, creating it if needed. A folder that holds anything but an earlier
// export (its files, an operator's .env, checkpoints/) is refused, so an export never scatters
// files into a home folder or overwrites someone's work. Returns an error message, or empty.
std::string writeHeadlessBundle(const HeadlessBundle& bundle, const std::string& dir);

// The file-system-safe name of a pipeline: "Payments EU" -> "payments-eu".
std::string pipelineSlug(const std::string& name);

}  // namespace sc
