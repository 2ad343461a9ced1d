#pragma once
// Problems found in a pipeline, reported all at once: where (file, line:column, JSON Pointer,
// node id) and what to do.

#include <string>
#include <vector>

namespace sc {

enum class Severity { Error, Warning };

struct Diagnostic {
  Severity severity = Severity::Error;
  std::string pointer;   // JSON Pointer into the pipeline file, e.g. /nodes/2/properties/condition
  std::string nodeId;    // empty when not about a node
  std::string message;   // what is wrong
  std::string hint;      // what to do (may be empty)
  std::string file;      // filled by the loader
  int line = 0;          // 1-based; 0 when unknown
  int column = 0;        // 1-based; 0 when unknown
  std::string property;  // property name when about one (lets the designer focus the field)

  // "file:line:col: error: node 'hot' /nodes/1/properties/condition: message (hint)"
  std::string format() const;
};

class Diagnostics {
 public:
  Diagnostic& error(std::string pointer, std::string message, std::string hint = {});
  Diagnostic& warning(std::string pointer, std::string message, std::string hint = {});
  bool hasErrors() const;
  bool empty() const { return items_.empty(); }
  size_t size() const { return items_.size(); }
  const std::vector<Diagnostic>& items() const { return items_; }
  std::vector<Diagnostic>& items() { return items_; }
  void append(const Diagnostics& other);
  std::string format() const;  // one line per diagnostic

 private:
  std::vector<Diagnostic> items_;
};

// JSON Pointer escaping of one reference token.
std::string pointerToken(std::string_view token);

}  // namespace sc
