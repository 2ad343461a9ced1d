#pragma once
// Record and replay of wires, and pipeline tests from fixtures (docs/testing.md):
//   - FixtureRecorder: a tap that writes what passes a wire into a fixture file (Fixture.h);
//   - buildReplayPipeline(): the part of a pipeline downstream of the nodes that fixtures feed,
//     with the fixtures as its sources (fixture.source), run offline;
//   - RunRecorder: records a whole run (what every source produced, what every sink received)
//     into a test folder, the designer's File > New Test From Run and the runner's --new-test;
//   - runFixtureTest(): streamcanvas-run --test, replays a test folder and compares every sink.
// The two internal node types (fixture.source, fixture.capture) live only in fixtureRegistry():
// they are not in the palette and not in pipeline files users write.

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "engine/graph/Diagnostics.h"
#include "engine/graph/NodeRegistry.h"
#include "engine/graph/Pipeline.h"
#include "engine/runtime/Executor.h"
#include "engine/runtime/Fixture.h"

namespace sc {

class JsonRecordWriter;

// The built-in node types plus fixture.source and fixture.capture.
const NodeRegistry& fixtureRegistry();
// `base` plus fixture.source and fixture.capture (kept for the process's lifetime).
const NodeRegistry& fixtureRegistryFor(const NodeRegistry& base);

// Writes every record passing the tapped port into a fixture file, with its metadata, event
// time and arrival time. Costs nothing on wires it is not attached to.
class FixtureRecorder final : public TapSink {
 public:
  FixtureRecorder();
  ~FixtureRecorder() override;
  bool open(const std::string& path, std::string& error);
  void onBatch(const Batch& batch, const SlotTable& slots) override;
  // Stops recording and closes the file; false with `error` if something was not written.
  bool close(std::string& error);
  uint64_t records() const;

 private:
  mutable std::mutex mutex_;
  FixtureWriter writer_;
  std::unique_ptr<JsonRecordWriter> json_;
  FixtureRecord record_;
};

// One fixture fed into a node: a source is replaced by it, any other node gets it on `port`
// (empty: its first input) instead of what its upstream sent.
struct ReplayInput {
  std::string node;
  std::string port;
  std::string file;
};

enum class ReplaySpeed { Max, Recorded };

// The replayed part of `pipeline`: the input nodes and everything downstream of them, with a
// fixture.source per input. Problems (unknown node or port) go to `diags`.
Pipeline buildReplayPipeline(const Pipeline& pipeline, const std::vector<ReplayInput>& inputs,
                             ReplaySpeed speed, const NodeRegistry& registry, Diagnostics& diags);

// Records a run into a test folder: dir/manifest.json, dir/inputs/SOURCE.jsonl (fixtures of what
// each source emitted) and dir/expected/SINK.jsonl (the JSON lines each sink received).
class RunRecorder {
 public:
  RunRecorder();
  ~RunRecorder();
  // Creates the folder's files and taps `run` (before run.start(), or nothing earlier is seen).
  bool attach(Execution& run, const Pipeline& pipeline, const NodeRegistry& registry,
              const std::string& dir, std::string& error);
  // After the run ended: closes the files and writes manifest.json. `stopped`: the run was
  // stopped with a savepoint (open windows kept, not fired), so the test stops its replay too.
  bool finish(std::string& error, bool stopped = false);
  uint64_t inputRecords() const;
  uint64_t expectedRecords() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

struct FixtureTestResult {
  enum class Outcome { Passed, Failed, Error };
  Outcome outcome = Outcome::Error;
  std::string report;  // what passed, the diff of what failed, or what went wrong and where
};

// Replays the test folder `dir` through `pipeline` (already loaded) and compares each sink's
// records with the expectation.
FixtureTestResult runFixtureTest(const std::string& dir, const Pipeline& pipeline,
                                 const EnvLookup& env);

// The JSON line a sink receives for each row (as console.sink prints it, on one line).
void appendRecordLine(JsonRecordWriter& writer, const Batch& batch, uint32_t row, std::string& out);

}  // namespace sc
