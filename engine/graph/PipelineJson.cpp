// Reading and writing pipeline files: JSON syntax, structure, canonical printing, and the
// pointer -> line:column map used to place diagnostics.
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "engine/graph/NodeRegistry.h"
#include "engine/graph/Pipeline.h"

namespace sc {
namespace {

// Scans JSON text once, recording where every value starts. Tolerant: stops quietly at the first
// syntax error (the parser reports those).
class PositionScanner {
 public:
  PositionScanner(std::string_view text,
                  std::map<std::string, std::pair<int, int>, std::less<>>& out)
      : t_(text), out_(out) {}

  void run() {
    skipWs();
    value("", 0);
  }

 private:
  bool value(const std::string& ptr, int depth) {
    if (depth > 200 || i_ >= t_.size()) return false;
    out_.emplace(ptr, std::make_pair(line_, col()));
    char c = t_[i_];
    if (c == '{') {
      advance();
      skipWs();
      if (peek('}')) return advance(), true;
      while (i_ < t_.size()) {
        skipWs();
        std::string key;
        int kline = line_, kcol = col();
        if (!string(&key)) return false;
        skipWs();
        if (!peek(':')) return false;
        advance();
        skipWs();
        std::string child = ptr + "/" + pointerToken(key);
        out_.emplace(child + "#key", std::make_pair(kline, kcol));
        if (!value(child, depth + 1)) return false;
        skipWs();
        if (peek(',')) {
          advance();
          continue;
        }
        if (peek('}')) return advance(), true;
        return false;
      }
      return false;
    }
    if (c == '[') {
      advance();
      skipWs();
      if (peek(']')) return advance(), true;
      for (size_t n = 0; i_ < t_.size(); ++n) {
        skipWs();
        if (!value(ptr + "/" + std::to_string(n), depth + 1)) return false;
        skipWs();
        if (peek(',')) {
          advance();
          continue;
        }
        if (peek(']')) return advance(), true;
        return false;
      }
      return false;
    }
    if (c == '"') return string(nullptr);
    while (i_ < t_.size() && !std::strchr(",]} \t\r\n", t_[i_]))
      advance();
    return true;
  }

  bool string(std::string* out) {
    if (!peek('"')) return false;
    advance();
    while (i_ < t_.size()) {
      char c = t_[i_];
      if (c == '"') return advance(), true;
      if (c == '\\') {
        advance();
        if (i_ >= t_.size()) return false;
        char e = t_[i_];
        if (out) {
          switch (e) {
            case 'n':
              *out += '\n';
              break;
            case 't':
              *out += '\t';
              break;
            case 'r':
              *out += '\r';
              break;
            case 'b':
              *out += '\b';
              break;
            case 'f':
              *out += '\f';
              break;
            case 'u':
              *out += '?';
              break;  // keys with \u escapes are rare; position is what matters
            default:
              *out += e;
          }
        }
        advance();
        if (e == 'u') {
          for (int k = 0; k < 4 && i_ < t_.size(); ++k)
            advance();
        }
        continue;
      }
      if (out) *out += c;
      advance();
    }
    return false;
  }

  void skipWs() {
    while (i_ < t_.size() && (t_[i_] == ' ' || t_[i_] == '\t' || t_[i_] == '\n' || t_[i_] == '\r'))
      advance();
  }
  bool peek(char c) const { return i_ < t_.size() && t_[i_] == c; }
  void advance() {
    if (t_[i_] == '\n') {
      ++line_;
      lineStart_ = i_ + 1;
    }
    ++i_;
  }
  int col() const { return static_cast<int>(i_ - lineStart_) + 1; }

  std::string_view t_;
  std::map<std::string, std::pair<int, int>, std::less<>>& out_;
  size_t i_ = 0;
  size_t lineStart_ = 0;
  int line_ = 1;
};

std::pair<int, int> lineColumnOf(std::string_view text, size_t byte) {
  int line = 1;
  size_t lineStart = 0;
  for (size_t i = 0; i < byte && i < text.size(); ++i) {
    if (text[i] == '\n') ++line, lineStart = i + 1;
  }
  return {line, static_cast<int>(byte - lineStart) + 1};
}

const char* jsonTypeName(const Json& v) {
  if (v.is_object()) return "an object";
  if (v.is_array()) return "an array";
  if (v.is_string()) return "a string";
  if (v.is_boolean()) return "a boolean";
  if (v.is_number()) return "a number";
  return "null";
}

void checkKeys(const Json& obj, const std::string& ptr, const std::vector<std::string>& allowed,
               const std::string& what, Diagnostics& diags) {
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    bool known = false;
    for (const auto& a : allowed)
      known |= (a == it.key());
    if (!known) {
      std::string hint = didYouMean(it.key(), allowed);
      if (hint.empty()) {
        hint = "allowed keys are";
        for (const auto& a : allowed)
          hint += " '" + a + "'";
      }
      diags.error(ptr + "/" + pointerToken(it.key()), "unknown key '" + it.key() + "' in " + what,
                  hint);
    }
  }
}

bool isInlineable(const Json& v) {
  if (!v.is_object() && !v.is_array()) return true;
  for (const auto& item : v)
    if (item.is_object() || item.is_array()) return false;
  return true;
}

void print(const Json& v, int indent, std::string& out) {
  if (!v.is_object() && !v.is_array()) {
    out += v.dump();
    return;
  }
  const bool obj = v.is_object();
  if (v.empty()) {
    out += obj ? "{}" : "[]";
    return;
  }
  if (isInlineable(v)) {
    std::string pretty = obj ? "{" : "[";
    bool first = true;
    for (auto it = v.begin(); it != v.end(); ++it) {
      if (!first) pretty += ", ";
      first = false;
      if (obj) pretty += Json(it.key()).dump() + ": ";
      pretty += it->dump();
    }
    pretty += obj ? "}" : "]";
    if (pretty.size() + static_cast<size_t>(indent) <= 100) {
      out += pretty;
      return;
    }
  }
  out += obj ? "{\n" : "[\n";
  bool first = true;
  std::string pad(static_cast<size_t>(indent + 2), ' ');
  for (auto it = v.begin(); it != v.end(); ++it) {
    if (!first) out += ",\n";
    first = false;
    out += pad;
    if (obj) out += Json(it.key()).dump() + ": ";
    print(*it, indent + 2, out);
  }
  out += '\n' + std::string(static_cast<size_t>(indent), ' ') + (obj ? "}" : "]");
}

}  // namespace

SourceMap SourceMap::build(std::string_view text) {
  SourceMap m;
  PositionScanner(text, m.positions_).run();
  return m;
}

std::pair<int, int> SourceMap::locate(std::string_view pointer) const {
  std::string p(pointer);
  while (true) {
    auto it = positions_.find(p);
    if (it != positions_.end()) return it->second;
    if (p.empty()) return {0, 0};
    size_t slash = p.rfind('/');
    p = slash == std::string::npos ? std::string() : p.substr(0, slash);
  }
}

void locateDiagnostics(Diagnostics& diags, const SourceMap& map, const std::string& file) {
  for (auto& d : diags.items()) {
    if (d.file.empty()) d.file = file;
    if (d.line == 0 && !map.empty()) {
      auto [line, col] = map.locate(d.pointer);
      d.line = line;
      d.column = col;
    }
  }
}

LoadResult parsePipeline(std::string_view text, const std::string& file) {
  LoadResult r;
  Diagnostics& diags = r.diagnostics;
  Json doc;
  try {
    doc = Json::parse(text.begin(), text.end());
  } catch (const Json::parse_error& e) {
    auto [line, col] = lineColumnOf(text, e.byte > 0 ? e.byte - 1 : 0);
    std::string msg = e.what();
    // Drop nlohmann's "[json.exception.parse_error.101] parse error at line 1, column 2: " prefix.
    if (size_t c = msg.find(": "); c != std::string::npos && msg.rfind("[json", 0) == 0)
      msg = msg.substr(c + 2);
    Diagnostic& d = diags.error("", "invalid JSON: " + msg, "fix the JSON syntax at this position");
    d.file = file;
    d.line = line;
    d.column = col;
    return r;
  } catch (const Json::exception& e) {
    // Valid syntax the parser still refuses, e.g. a number beyond the range of a double.
    std::string msg = e.what();
    if (size_t c = msg.find("] "); c != std::string::npos && msg.rfind("[json", 0) == 0)
      msg = msg.substr(c + 2);
    Diagnostic& d = diags.error("", "invalid JSON: " + msg, "fix the value the message names");
    d.file = file;
    return r;
  }
  r.sourceMap = SourceMap::build(text);

  if (!doc.is_object()) {
    diags.error("", std::string("a pipeline file is a JSON object, this is ") + jsonTypeName(doc),
                "start from an example in resources/examples/");
    locateDiagnostics(diags, r.sourceMap, file);
    return r;
  }
  checkKeys(doc, "", {"streamcanvas", "name", "settings", "connections", "nodes", "edges", "ui"},
            "the pipeline", diags);

  Pipeline p;
  auto version = doc.find("streamcanvas");
  if (version == doc.end()) {
    diags.error("", "missing \"streamcanvas\": 1 (the format version)",
                "add \"streamcanvas\": 1 as the first key");
  } else if (!version->is_number_integer() || version->get<int64_t>() != Pipeline::kFormatVersion) {
    diags.error("/streamcanvas", "unsupported format version " + version->dump(),
                "this StreamCanvas reads version 1 files");
  }
  if (auto n = doc.find("name"); n != doc.end()) {
    if (n->is_string())
      p.name = n->get<std::string>();
    else
      diags.error("/name", std::string("\"name\" must be a string, not ") + jsonTypeName(*n));
  }
  for (const char* key : {"settings", "connections"}) {
    auto it = doc.find(key);
    if (it == doc.end()) continue;
    if (!it->is_object()) {
      diags.error(std::string("/") + key,
                  std::string("\"") + key + "\" must be an object, not " + jsonTypeName(*it));
      continue;
    }
    (std::string(key) == "settings" ? p.settings : p.connections) = *it;
  }

  if (auto ns = doc.find("nodes"); ns != doc.end()) {
    if (!ns->is_array()) {
      diags.error("/nodes", std::string("\"nodes\" must be an array, not ") + jsonTypeName(*ns));
    } else {
      for (size_t i = 0; i < ns->size(); ++i) {
        const Json& n = (*ns)[i];
        std::string ptr = "/nodes/" + std::to_string(i);
        if (!n.is_object()) {
          diags.error(ptr, std::string("a node must be an object, not ") + jsonTypeName(n));
          continue;
        }
        checkKeys(n, ptr, {"id", "type", "properties", "ui"}, "a node", diags);
        PipelineNode node;
        auto id = n.find("id");
        auto type = n.find("type");
        if (id == n.end() || !id->is_string())
          diags.error(ptr + (id == n.end() ? "" : "/id"), "a node needs a string \"id\"");
        else
          node.id = id->get<std::string>();
        if (type == n.end() || !type->is_string())
          diags.error(ptr + (type == n.end() ? "" : "/type"), "a node needs a string \"type\"")
              .nodeId = node.id;
        else
          node.type = type->get<std::string>();
        if (auto props = n.find("properties"); props != n.end()) {
          if (props->is_object())
            node.properties = *props;
          else
            diags
                .error(ptr + "/properties",
                       std::string("\"properties\" must be an object, not ") + jsonTypeName(*props))
                .nodeId = node.id;
        }
        if (auto ui = n.find("ui"); ui != n.end()) node.ui = *ui;
        p.nodes.push_back(std::move(node));
      }
    }
  } else {
    diags.error("", "missing \"nodes\"", "add \"nodes\": [] with at least a source and a sink");
  }

  // Editor data (the designer's node groups): kept as written, never read by the engine.
  if (auto ui = doc.find("ui"); ui != doc.end()) p.ui = *ui;

  if (auto es = doc.find("edges"); es != doc.end()) {
    if (!es->is_array()) {
      diags.error("/edges", std::string("\"edges\" must be an array, not ") + jsonTypeName(*es));
    } else {
      for (size_t i = 0; i < es->size(); ++i) {
        const Json& e = (*es)[i];
        std::string ptr = "/edges/" + std::to_string(i);
        if (!e.is_object()) {
          diags.error(
              ptr,
              std::string("an edge must be an object like {\"from\": \"a\", \"to\": \"b\"}, not ") +
                  jsonTypeName(e));
          continue;
        }
        checkKeys(e, ptr, {"from", "to"}, "an edge", diags);
        auto from = e.find("from");
        auto to = e.find("to");
        bool ok = true;
        for (auto [it, key] : {std::pair{from, "from"}, std::pair{to, "to"}}) {
          if (it == e.end() || !it->is_string() || it->get<std::string>().empty()) {
            diags.error(ptr + (it == e.end() ? "" : std::string("/") + key),
                        std::string("an edge needs \"") + key + "\": \"node\" or \"node:port\"");
            ok = false;
          }
        }
        if (ok)
          p.edges.push_back(
              {EdgeEnd::parse(from->get<std::string>()), EdgeEnd::parse(to->get<std::string>())});
      }
    }
  }

  locateDiagnostics(diags, r.sourceMap, file);
  r.pipeline = std::move(p);
  return r;
}

LoadResult loadPipelineFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    LoadResult r;
    Diagnostic& d = r.diagnostics.error(
        "", "cannot open the pipeline file: " + std::string(std::strerror(errno)),
        "check the path");
    d.file = path;
    return r;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return parsePipeline(ss.str(), path);
}

std::string formatJson(const Json& value) {
  std::string out;
  print(value, 0, out);
  out += '\n';
  return out;
}

std::string savePipeline(const Pipeline& p) {
  return formatJson(p.toJson());
}

}  // namespace sc
