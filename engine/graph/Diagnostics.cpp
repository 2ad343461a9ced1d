#include "engine/graph/Diagnostics.h"

namespace sc {

std::string Diagnostic::format() const {
  std::string out;
  if (!file.empty()) {
    out += file;
    if (line > 0) out += ':' + std::to_string(line) + ':' + std::to_string(column);
    out += ": ";
  }
  out += severity == Severity::Error ? "error: " : "warning: ";
  if (!nodeId.empty()) out += "node '" + nodeId + "' ";
  if (!pointer.empty()) out += "at " + pointer + ": ";
  out += message;
  if (!hint.empty()) out += " (" + hint + ")";
  return out;
}

Diagnostic& Diagnostics::error(std::string pointer, std::string message, std::string hint) {
  Diagnostic d;
  d.pointer = std::move(pointer);
  d.message = std::move(message);
  d.hint = std::move(hint);
  items_.push_back(std::move(d));
  return items_.back();
}

Diagnostic& Diagnostics::warning(std::string pointer, std::string message, std::string hint) {
  Diagnostic& d = error(std::move(pointer), std::move(message), std::move(hint));
  d.severity = Severity::Warning;
  return d;
}

bool Diagnostics::hasErrors() const {
  for (const auto& d : items_)
    if (d.severity == Severity::Error) return true;
  return false;
}

void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

std::string Diagnostics::format() const {
  std::string out;
  for (const auto& d : items_)
    out += d.format() + '\n';
  return out;
}

std::string pointerToken(std::string_view token) {
  std::string out;
  for (char c : token) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

}  // namespace sc
