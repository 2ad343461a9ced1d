// Pipeline -> Flink SQL. Two passes over the graph in topological order:
//  1. backwards: which fields (and metadata) every node's input must carry, with the SQL type the
//     expressions that read them imply, and the event time every window asks of its sources;
//  2. forwards: one CREATE TABLE per source and sink, one CREATE TEMPORARY VIEW per transform and
//     window, and the INSERT INTO statements (an EXECUTE STATEMENT SET when there are several).
#include "engine/export/FlinkSql.h"

#include <sstream>

#include "engine/export/FlinkSqlTranslator.h"
#include "engine/graph/NodeRegistry.h"
#include "engine/graph/Pipeline.h"
#include "engine/graph/PipelineSettings.h"

namespace sc {
namespace flinksql {

std::vector<const PipelineEdge*> Translator::incoming(const std::string& id) const {
  std::vector<const PipelineEdge*> out;
  for (const PipelineEdge& e : pipeline_.edges)
    if (e.to.node == id) out.push_back(&e);
  return out;
}

std::vector<const PipelineEdge*> Translator::outgoing(const std::string& id) const {
  std::vector<const PipelineEdge*> out;
  for (const PipelineEdge& e : pipeline_.edges)
    if (e.from.node == id) out.push_back(&e);
  return out;
}

std::vector<int> Translator::topologicalOrder() const {
  const size_t n = pipeline_.nodes.size();
  std::vector<int> indegree(n, 0), order;
  for (const PipelineEdge& e : pipeline_.edges) {
    const int to = pipeline_.nodeIndex(e.to.node);
    if (to >= 0) ++indegree[static_cast<size_t>(to)];
  }
  std::vector<int> ready;
  for (size_t i = 0; i < n; ++i)
    if (indegree[i] == 0) ready.push_back(static_cast<int>(i));
  while (!ready.empty()) {
    const int i = ready.front();
    ready.erase(ready.begin());
    order.push_back(i);
    for (const PipelineEdge* e : outgoing(pipeline_.nodes[static_cast<size_t>(i)].id)) {
      const int to = pipeline_.nodeIndex(e->to.node);
      if (to >= 0 && --indegree[static_cast<size_t>(to)] == 0) ready.push_back(to);
    }
  }
  return order;  // the validator has refused cycles
}

NodeConfig Translator::config(int index) const {
  const PipelineNode& n = pipeline_.nodes[static_cast<size_t>(index)];
  return NodeConfig(*registry_.find(n.type), n.id, static_cast<size_t>(index), n.properties);
}

void Translator::createTable(const std::string& relation, const std::vector<std::string>& lines,
                             const Options& options) {
  ddl_.push_back("CREATE TABLE " + relation + " (\n" + joinLines(lines) + ") " +
                 withClause(options) + ";");
}

void Translator::emitNode(int index) {
  const NodeConfig cfg = config(index);
  const std::string& type = cfg.spec().type;
  if (type == "kafka.source") return emitKafkaSource(cfg);
  if (type == "file.source") return emitFileSource(cfg);
  if (cfg.spec().isSource()) {
    refuse(cfg, "", "node type '" + type + "' has no Flink equivalent",
           type == "generator" ? "Flink's datagen connector makes other records; write them to "
                                 "Kafka and read them with kafka.source"
                               : "");
    return;
  }
  const Stream* in = inputOf(cfg);
  if (!in) return;
  const Stream input = *in;
  if (type == "filter") return emitFilter(cfg, input);
  if (type == "map") return emitMap(cfg, input);
  if (isWindow(type)) return emitWindow(cfg, input);
  return emitSink(cfg, input);
}

std::string Translator::settingsStatements() {
  const PipelineSettings s = readSettings(pipeline_.settings);
  Options set = {
      {"pipeline.name", pipeline_.name},
      // Windows align to the epoch in UTC, as in StreamCanvas (not to local midnight).
      {"table.local-time-zone", "UTC"},
      {"execution.checkpointing.interval", formatDurationMs(s.checkpointIntervalMs)},
      {"execution.checkpointing.mode", s.exactlyOnce ? "EXACTLY_ONCE" : "AT_LEAST_ONCE"}};
  if (!s.checkpointDir.empty()) {
    if (s.checkpointDir[0] != '/' && s.checkpointDir.find("://") == std::string::npos &&
        !hasVariable(s.checkpointDir)) {
      Diagnostic& d =
          diags_.error("/settings/checkpoint_dir", "a relative checkpoint_dir is not translated",
                       "Flink needs an absolute path or a URI (file://, s3://)");
      d.property = "checkpoint_dir";
    }
    set.emplace_back("execution.checkpointing.dir",
                     s.checkpointDir[0] == '/' ? "file://" + s.checkpointDir : s.checkpointDir);
  }
  switch (s.restart.kind) {
    case RestartStrategy::Kind::None:
      set.emplace_back("restart-strategy.type", "none");
      break;
    case RestartStrategy::Kind::FixedDelay:
      set.emplace_back("restart-strategy.type", "fixed-delay");
      set.emplace_back("restart-strategy.fixed-delay.attempts", std::to_string(s.restart.attempts));
      set.emplace_back("restart-strategy.fixed-delay.delay", formatDurationMs(s.restart.delayMs));
      break;
    case RestartStrategy::Kind::Exponential:
      set.emplace_back("restart-strategy.type", "exponential-delay");
      set.emplace_back("restart-strategy.exponential-delay.initial-backoff",
                       formatDurationMs(s.restart.delayMs));
      set.emplace_back("restart-strategy.exponential-delay.max-backoff",
                       formatDurationMs(s.restart.maxDelayMs));
      set.emplace_back("restart-strategy.exponential-delay.backoff-multiplier", "2.0");
      set.emplace_back("restart-strategy.exponential-delay.attempts-before-reset-backoff",
                       std::to_string(s.restart.attempts));
      break;
  }
  std::string out;
  for (const auto& [k, v] : set)
    out += "SET " + quoteString(k) + " = " + quoteString(v) + ";\n";
  return out;
}

std::string Translator::run() {
  exactlyOnce_ = readSettings(pipeline_.settings).exactlyOnce;
  const std::vector<int> order = topologicalOrder();
  for (auto it = order.rbegin(); it != order.rend(); ++it)
    demandOf(*it);
  for (int i : order)
    emitNode(i);
  if (inserts_.empty() && !diags_.hasErrors())
    diags_.error("/nodes", "the pipeline has no sink; a Flink job needs an INSERT INTO");
  if (diags_.hasErrors()) return {};
  std::ostringstream out;
  out << "-- Flink SQL for StreamCanvas pipeline '" << pipeline_.name
      << "', written by streamcanvas-run --export flink-sql.\n"
      << "-- ${VAR} references are left as written: substitute them before submitting\n"
      << "-- (see docs/flink.md).\n";
  for (const std::string& n : notes_)
    out << n << "\n";
  out << "\n" << settingsStatements() << "\n";
  for (const std::string& d : ddl_)
    out << d << "\n\n";
  if (inserts_.size() == 1) {
    out << inserts_[0] << "\n";
  } else {
    out << "EXECUTE STATEMENT SET\nBEGIN\n\n";
    for (const std::string& i : inserts_)
      out << i << "\n\n";
    out << "END;\n";
  }
  return out.str();
}

}  // namespace flinksql

FlinkSqlExport exportFlinkSql(const Pipeline& pipeline, const NodeRegistry& registry) {
  FlinkSqlExport result;
  result.diagnostics = validatePipeline(pipeline, registry);
  // The job's Java client logs in, not this machine's librdkafka: a connection setting this
  // librdkafka was built without (OAuth/OIDC without libcurl) does not stop the export.
  for (Diagnostic& d : result.diagnostics.items())
    if (d.severity == Severity::Error && d.pointer.rfind("/connections/", 0) == 0 &&
        d.message.find("not supported in this build") != std::string::npos) {
      d.severity = Severity::Warning;
      d.hint = "the Flink job's Java client reads it; this machine's librdkafka cannot";
    }
  if (result.diagnostics.hasErrors()) return result;
  flinksql::Translator t(pipeline, registry, result.diagnostics);
  result.script = t.run();
  return result;
}

}  // namespace sc
