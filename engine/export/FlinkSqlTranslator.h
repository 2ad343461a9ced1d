#pragma once
// Internal to the Flink SQL export (engine/export/FlinkSql*.cpp): the types the two passes share
// and the Translator that runs them. Pass 1 (FlinkSqlDemand.cpp) walks the graph backwards and
// records what every node's input must carry; pass 2 emits the statements: sources
// (FlinkSqlSources.cpp, FlinkSqlKafkaConnection.cpp), filter/map/merges (FlinkSqlTransforms.cpp),
// windows (FlinkSqlWindows.cpp), sinks (FlinkSqlSinks.cpp), expressions (FlinkSqlExpressions.cpp);
// FlinkSql.cpp assembles the script. SQL text helpers are in FlinkSqlText.cpp.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/graph/Diagnostics.h"
#include "engine/graph/NodeConfig.h"

namespace sc {

struct Pipeline;
struct PipelineEdge;
class NodeRegistry;
namespace expr {
struct Ast;
}

namespace flinksql {

using expr::Ast;

// What an expression implies about a field's type. Number fields are read as DOUBLE; Integer
// (epoch milliseconds of an event time) as BIGINT.
enum class Hint { Unknown, Number, Integer, String, Bool };

enum class SqlType { Null, Double, BigInt, Int, String, Boolean, TimestampLtz, Headers, Row };

// The type of a JSON object's fields read as a.b: a ROW column (Flink's json format maps an
// object to a ROW by field name).
struct Shape;
using Fields = std::map<std::string, Shape>;
struct Shape {
  SqlType type = SqlType::String;
  Fields fields;  // set when type is Row
};

struct FieldNeed {
  Hint hint = Hint::Unknown;
  std::string pointer;  // where the type was implied (for conflicts)
  std::string nodeId;
  std::map<std::string, FieldNeed> fields;  // read as a.b: the field is an object (a ROW)
  std::string objectPointer;                // where it was first read as an object
  std::string objectNodeId;
};

// Event time asked of a source by a window downstream of it.
struct TimeNeed {
  std::string timestamp;  // expression text; "$timestamp" by default
  bool processing = false;
  int64_t boundMs = 0;
  int64_t idleMs = 0;
  std::string pointer;
  std::string nodeId;
};

// What a node's input must carry.
struct Demand {
  std::map<std::string, FieldNeed> fields;  // top-level field names (with their sub-fields), "$key"
  std::vector<TimeNeed> time;
};

enum class Role { Value, Key, Timestamp, Topic, Partition, Offset, Headers, Rowtime };

struct Column {
  std::string name;
  SqlType type = SqlType::String;
  Role role = Role::Value;
  std::string rowType;  // a composite window key: its ROW<...> type (type is then Null)
  Fields fields;        // type Row: the object's fields
};

// A relation (table or view) and the columns it has.
struct Stream {
  std::string relation;  // quoted name
  std::vector<Column> columns;
  bool windowOutput = false;
  const Column* find(std::string_view name) const {
    for (const Column& c : columns)
      if (c.name == name) return &c;
    return nullptr;
  }
  const Column* byRole(Role role) const {
    for (const Column& c : columns)
      if (c.role == role) return &c;
    return nullptr;
  }
};

struct Sql {
  std::string text;
  SqlType type = SqlType::Null;
  Fields fields;  // type Row: the object's fields
};

// A table's WITH options, in order.
using Options = std::vector<std::pair<std::string, std::string>>;

// --- SQL text and types (FlinkSqlText.cpp) ---
const char* sqlTypeName(SqlType t);
bool numeric(SqlType t);
SqlType typeOfHint(Hint h);
const char* hintName(Hint h);
std::string quoteIdentifier(std::string_view name);
std::string quoteString(std::string_view text);
// The declaration of a type: `ROW<`b` DOUBLE, `c` ROW<...>>` for an object.
std::string typeName(SqlType type, const Fields& fields);
// A sink's (or a union's) declaration of a column.
std::string sinkColumnType(const Column& c);
// The shape of a field read as `f` asks (objects read as a.b become ROWs).
Shape shapeOf(const FieldNeed& f);
// An INTERVAL literal of exactly `ms` milliseconds.
std::string intervalLiteral(int64_t ms);
// Epoch milliseconds of a TIMESTAMP_LTZ(3) expression (Flink casts it to seconds only).
std::string epochMillis(const std::string& ltz);
// Epoch milliseconds of a window bound: a TIMESTAMP(3) in the session time zone (set to UTC).
std::string windowBoundMillis(const std::string& bound);
// A DOUBLE literal (1.5E0), never a DECIMAL.
std::string doubleLiteral(double v);
// Event time of records that have none: 0001-01-01, before any real one.
extern const std::string kNoEventTime;
// `lines` each prefixed with `indent`, separated by ",\n", ending with "\n".
std::string joinLines(const std::vector<std::string>& lines, const std::string& indent = {});
std::string withClause(const Options& options);
// A Kafka table's formats: JSON values, and the message key as raw text in column `$key`.
void addKafkaFormats(Options& with, bool key);
// Flattened key, value, key, value... as pairs.
Options pairs(const std::vector<std::string>& flat);
bool hasVariable(const std::string& text);
bool isWindow(std::string_view type);
// The node property a pointer is in (/nodes/1/properties/set/x -> set), else empty.
std::string propertyOf(const std::string& pointer);

class Translator {
 public:
  Translator(const Pipeline& p, const NodeRegistry& r, Diagnostics& d)
      : pipeline_(p), registry_(r), diags_(d) {}

  std::string run();

 private:
  // --- graph (FlinkSql.cpp) ---
  std::vector<int> topologicalOrder() const;
  std::vector<const PipelineEdge*> incoming(const std::string& id) const;
  std::vector<const PipelineEdge*> outgoing(const std::string& id) const;
  NodeConfig config(int index) const;

  // --- errors ---
  void refuse(const NodeConfig& cfg, std::string_view property, const std::string& what,
              const std::string& hint = {}) {
    Diagnostic& d = diags_.error(cfg.pointer(property), what, hint);
    d.nodeId = cfg.id();
    d.property = std::string(property);
  }
  void refuseAt(const std::string& pointer, const std::string& nodeId, const std::string& what,
                const std::string& hint = {}) {
    Diagnostic& d = diags_.error(pointer, what, hint);
    d.nodeId = nodeId;
    d.property = propertyOf(pointer);
  }

  // --- pass 1 (FlinkSqlDemand.cpp) ---
  void demandOf(int index);
  void need(Demand& d, const std::string& field, Hint hint, const std::string& pointer,
            const std::string& nodeId);
  // `path` (a.b.c) read with `hint`; its parents become objects.
  void needPath(std::map<std::string, FieldNeed>& fields, const std::vector<std::string>& path,
                size_t at, Hint hint, const std::string& pointer, const std::string& nodeId);
  // Adds what `f` (at `path`) asks for, sub-fields included.
  void mergeNeed(std::map<std::string, FieldNeed>& fields, std::vector<std::string> path,
                 const FieldNeed& f);
  Hint sureHint(const Ast& a) const;
  void hints(const Ast& a, Hint expected, Demand& d, const std::string& pointer,
             const std::string& nodeId);
  void hintsOf(const std::string& text, Hint expected, Demand& d, const std::string& pointer,
               const std::string& nodeId);

  // --- pass 2 ---
  void emitNode(int index);
  void emitKafkaSource(const NodeConfig& cfg);
  void emitFileSource(const NodeConfig& cfg);
  std::vector<std::string> sourceTimeColumns(const NodeConfig& cfg, Stream& s, bool kafka);
  void emitFilter(const NodeConfig& cfg, const Stream& in);
  void emitMap(const NodeConfig& cfg, const Stream& in);
  void emitWindow(const NodeConfig& cfg, const Stream& in);
  void emitSink(const NodeConfig& cfg, const Stream& in);
  // CREATE TABLE `relation` with column `lines` and `options`.
  void createTable(const std::string& relation, const std::vector<std::string>& lines,
                   const Options& options);
  std::optional<std::vector<std::string>> kafkaConnection(const NodeConfig& cfg);
  const Stream* inputOf(const NodeConfig& cfg);
  const Stream* unionOf(const NodeConfig& cfg, const std::vector<const PipelineEdge*>& edges);

  // --- expressions (FlinkSqlExpressions.cpp) ---
  std::optional<Sql> translate(const std::string& text, const Stream& in, const NodeConfig& cfg,
                               const std::string& pointer);
  std::optional<Sql> translate(const Ast& a, const Stream& in, const NodeConfig& cfg,
                               const std::string& pointer, const std::string& text);
  std::optional<Sql> call(const Ast& a, const Stream& in, const NodeConfig& cfg,
                          const std::string& pointer, const std::string& text);

  std::string settingsStatements();

  const Pipeline& pipeline_;
  const NodeRegistry& registry_;
  Diagnostics& diags_;
  std::map<std::string, Demand> demand_;   // by node id: what its input must carry
  std::map<std::string, Stream> streams_;  // by "node:port"
  std::vector<std::string> ddl_;           // CREATE statements in order
  std::vector<std::string> inserts_;       // INSERT INTO statements
  std::vector<std::string> notes_;         // comments at the top of the script
  bool exactlyOnce_ = false;
};

}  // namespace flinksql
}  // namespace sc
