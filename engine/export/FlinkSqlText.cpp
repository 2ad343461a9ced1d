// SQL text and types for the Flink SQL export: quoting, type names, literals, WITH clauses.
#include "engine/export/FlinkSqlTranslator.h"

#include <charconv>
#include <cstdio>

namespace sc::flinksql {

const char* sqlTypeName(SqlType t) {
  switch (t) {
    case SqlType::Double:
      return "DOUBLE";
    case SqlType::BigInt:
      return "BIGINT";
    case SqlType::Int:
      return "INT";
    case SqlType::Boolean:
      return "BOOLEAN";
    case SqlType::TimestampLtz:
      return "TIMESTAMP_LTZ(3)";
    case SqlType::Headers:
      return "MAP<STRING, BYTES>";
    case SqlType::Row:
      return "ROW";  // a JSON object (messages; declarations spell out its fields)
    case SqlType::Null:
    case SqlType::String:
      break;
  }
  return "STRING";
}

bool numeric(SqlType t) {
  return t == SqlType::Double || t == SqlType::BigInt || t == SqlType::Int;
}

SqlType typeOfHint(Hint h) {
  switch (h) {
    case Hint::Number:
      return SqlType::Double;
    case Hint::Integer:
      return SqlType::BigInt;
    case Hint::Bool:
      return SqlType::Boolean;
    case Hint::String:
    case Hint::Unknown:
      break;
  }
  return SqlType::String;  // a field only grouped by or passed on: its JSON text
}

const char* hintName(Hint h) {
  switch (h) {
    case Hint::Number:
    case Hint::Integer:
      return "a number";
    case Hint::String:
      return "text";
    case Hint::Bool:
      return "a boolean";
    case Hint::Unknown:
      break;
  }
  return "any value";
}

std::string quoteIdentifier(std::string_view name) {
  std::string out = "`";
  for (char c : name) {
    if (c == '`') out += '`';
    out += c;
  }
  return out + "`";
}

std::string quoteString(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

// The type of a JSON object's fields read as a.b: a ROW column (Flink's json format maps an

std::string typeName(SqlType type, const Fields& fields) {
  if (type != SqlType::Row) return sqlTypeName(type);
  std::string out = "ROW<";
  for (auto it = fields.begin(); it != fields.end(); ++it)
    out += (it == fields.begin() ? "" : ", ") + quoteIdentifier(it->first) + " " +
           typeName(it->second.type, it->second.fields);
  return out + ">";
}

// An INTERVAL literal of exactly `ms` milliseconds.
std::string intervalLiteral(int64_t ms) {
  if (ms % 86'400'000 == 0) return "INTERVAL '" + std::to_string(ms / 86'400'000) + "' DAY";
  if (ms % 3'600'000 == 0) return "INTERVAL '" + std::to_string(ms / 3'600'000) + "' HOUR";
  if (ms % 60'000 == 0) return "INTERVAL '" + std::to_string(ms / 60'000) + "' MINUTE";
  if (ms % 1000 == 0) return "INTERVAL '" + std::to_string(ms / 1000) + "' SECOND";
  char buf[48];
  std::snprintf(buf, sizeof buf, "INTERVAL '%lld.%03lld' SECOND", static_cast<long long>(ms / 1000),
                static_cast<long long>(ms % 1000));
  return buf;
}

// Epoch milliseconds of a TIMESTAMP_LTZ(3) expression (Flink casts it to seconds only).
std::string epochMillis(const std::string& ltz) {
  return "(TIMESTAMPDIFF(SECOND, TO_TIMESTAMP_LTZ(0, 3), " + ltz +
         ") * CAST(1000 AS BIGINT) + EXTRACT(MILLISECOND FROM " + ltz + "))";
}

// Epoch milliseconds of a window bound: a TIMESTAMP(3) in the session time zone (set to UTC).
std::string windowBoundMillis(const std::string& bound) {
  return "(TIMESTAMPDIFF(SECOND, TIMESTAMP '1970-01-01 00:00:00', " + bound +
         ") * CAST(1000 AS BIGINT) + EXTRACT(MILLISECOND FROM " + bound + "))";
}

// Event time of records that have none: 0001-01-01, before any real one.
const std::string kNoEventTime = "TO_TIMESTAMP_LTZ(CAST(-62135596800000 AS BIGINT), 3)";

std::string doubleLiteral(double v) {
  char buf[40];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  std::string s(buf, ec == std::errc() ? end : buf);
  for (char& c : s)
    if (c == 'e') c = 'E';
  if (s.find('E') == std::string::npos) s += "E0";  // a DOUBLE literal, not a DECIMAL
  return s;
}

std::string joinLines(const std::vector<std::string>& lines, const std::string& indent) {
  std::string out;
  for (size_t i = 0; i < lines.size(); ++i)
    out += indent + lines[i] + (i + 1 < lines.size() ? ",\n" : "\n");
  return out;
}

std::string withClause(const Options& options) {
  std::string s = "WITH (\n";
  for (size_t i = 0; i < options.size(); ++i)
    s += "  " + quoteString(options[i].first) + " = " + quoteString(options[i].second) +
         (i + 1 < options.size() ? ",\n" : "\n");
  return s + ")";
}

bool hasVariable(const std::string& text) {
  return text.find("${") != std::string::npos;
}

Shape shapeOf(const FieldNeed& f) {
  Shape out;
  if (f.fields.empty()) {
    out.type = typeOfHint(f.hint);
    return out;
  }
  out.type = SqlType::Row;
  for (const auto& [name, sub] : f.fields)
    out.fields[name] = shapeOf(sub);
  return out;
}

std::string sinkColumnType(const Column& c) {
  return !c.rowType.empty() ? c.rowType : typeName(c.type, c.fields);
}

void addKafkaFormats(Options& with, bool key) {
  if (key) {
    with.emplace_back("key.format", "raw");
    with.emplace_back("key.fields", "$key");
  }
  with.emplace_back("value.format", "json");
  with.emplace_back("value.fields-include", key ? "EXCEPT_KEY" : "ALL");
}

Options pairs(const std::vector<std::string>& flat) {
  Options out;
  for (size_t i = 0; i + 1 < flat.size(); i += 2)
    out.emplace_back(flat[i], flat[i + 1]);
  return out;
}

bool isWindow(std::string_view type) {
  return type.rfind("window.", 0) == 0;
}

// The node property a pointer is in (/nodes/1/properties/set/x -> set), else empty.
std::string propertyOf(const std::string& pointer) {
  static const std::string nodes = "/nodes/";
  if (pointer.rfind(nodes, 0) != 0) return {};
  const size_t slash = pointer.find('/', nodes.size());
  static const std::string properties = "/properties/";
  if (slash == std::string::npos || pointer.compare(slash, properties.size(), properties) != 0)
    return {};
  const size_t start = slash + properties.size();
  std::string token = pointer.substr(start, pointer.find('/', start) - start);
  for (size_t at = 0; (at = token.find('~', at)) != std::string::npos; ++at)
    token.replace(at, 2, token.compare(at, 2, "~1") == 0 ? "/" : "~");
  return token;
}

}  // namespace sc::flinksql
