#include "engine/runtime/Fixture.h"

#include <cctype>
#include <cerrno>
#include <cstring>
#include <limits>

#include <nlohmann/json.hpp>

#include "engine/runtime/JsonString.h"

namespace sc {
namespace {

constexpr int kMaxDepth = 256;
constexpr size_t kSampleBytes = 80;

// A key or header value: a JSON string when it is UTF-8, else {"hex":"..."}.
void appendBytes(std::string& out, std::string_view bytes) {
  if (isValidUtf8(bytes)) {
    appendJsonString(out, bytes);
    return;
  }
  static const char* kHex = "0123456789abcdef";
  out += "{\"hex\":\"";
  for (unsigned char c : bytes) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  out += "\"}";
}

bool readBytes(const nlohmann::json& j, std::string& out) {
  if (j.is_string()) {
    out = j.get<std::string>();
    return true;
  }
  if (!j.is_object() || j.size() != 1 || !j.contains("hex") || !j["hex"].is_string()) return false;
  const std::string& hex = j["hex"].get_ref<const std::string&>();
  if (hex.size() % 2) return false;
  out.clear();
  auto digit = [](char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (size_t i = 0; i < hex.size(); i += 2) {
    int hi = digit(hex[i]), lo = digit(hex[i + 1]);
    if (hi < 0 || lo < 0) return false;
    out += static_cast<char>(hi * 16 + lo);
  }
  return true;
}

std::string sample(std::string_view text) {
  std::string out(text.substr(0, kSampleBytes));
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  if (text.size() > kSampleBytes) out += "...";
  return out;
}

// Skips one JSON value starting at s[i] (after whitespace), checking only its structure;
// nlohmann checks the text afterwards. Returns the position after it, or npos.
size_t skipValue(std::string_view s, size_t i, int depth);

size_t skipSpace(std::string_view s, size_t i) {
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
    ++i;
  return i;
}

size_t skipString(std::string_view s, size_t i) {
  if (i >= s.size() || s[i] != '"') return std::string_view::npos;
  for (++i; i < s.size(); ++i) {
    if (s[i] == '\\')
      ++i;
    else if (s[i] == '"')
      return i + 1;
  }
  return std::string_view::npos;
}

size_t skipValue(std::string_view s, size_t i, int depth) {
  if (depth > kMaxDepth) return std::string_view::npos;
  i = skipSpace(s, i);
  if (i >= s.size()) return std::string_view::npos;
  const char open = s[i];
  if (open == '"') return skipString(s, i);
  if (open == '{' || open == '[') {
    const char close = open == '{' ? '}' : ']';
    i = skipSpace(s, i + 1);
    if (i < s.size() && s[i] == close) return i + 1;
    for (;;) {
      if (open == '{') {
        i = skipString(s, skipSpace(s, i));
        if (i == std::string_view::npos) return i;
        i = skipSpace(s, i);
        if (i >= s.size() || s[i] != ':') return std::string_view::npos;
        ++i;
      }
      i = skipValue(s, i, depth + 1);
      if (i == std::string_view::npos) return i;
      i = skipSpace(s, i);
      if (i >= s.size()) return std::string_view::npos;
      if (s[i] == close) return i + 1;
      if (s[i] != ',') return std::string_view::npos;
      ++i;
    }
  }
  const size_t start = i;
  while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '-' ||
                          s[i] == '+' || s[i] == '.'))
    ++i;
  return i > start ? i : std::string_view::npos;
}

bool getInt(const nlohmann::json& j, const char* name, int64_t lo, int64_t hi, int64_t& out,
            std::string& error) {
  if (!j.is_number_integer() || (j.is_number_unsigned() && j.get<uint64_t>() > uint64_t(hi)) ||
      (!j.is_number_unsigned() && (j.get<int64_t>() < lo || j.get<int64_t>() > hi))) {
    error = std::string("\"") + name + "\" must be a whole number from " + std::to_string(lo) +
            " to " + std::to_string(hi) + ", got " + sample(j.dump());
    return false;
  }
  out = j.get<int64_t>();
  return true;
}

}  // namespace

std::string formatFixtureLine(const FixtureRecord& r) {
  std::string out;
  out.reserve(r.value.size() + 128);
  // Embedded as JSON when that keeps its bytes exactly: one line, nothing around the object.
  const bool oneLine = !r.value.empty() && r.value.front() == '{' && r.value.back() == '}' &&
                       r.value.find_first_of("\r\n") == std::string::npos;
  out += oneLine ? "{\"value\":" : "{\"value_text\":";
  if (oneLine)
    out += r.value;
  else
    appendJsonString(out, r.value);
  if (r.key) {
    out += ",\"key\":";
    appendBytes(out, *r.key);
  }
  if (!r.topic.empty()) {
    out += ",\"topic\":";
    appendJsonString(out, r.topic);
  }
  if (r.partition >= 0) out += ",\"partition\":" + std::to_string(r.partition);
  if (r.offset >= 0) out += ",\"offset\":" + std::to_string(r.offset);
  out += ",\"timestamp\":" + std::to_string(r.timestamp);
  if (r.noEventTime) out += ",\"no_event_time\":true";
  out += ",\"at\":" + std::to_string(r.arrivalMs);
  if (!r.headers.empty()) {
    out += ",\"headers\":[";
    for (size_t h = 0; h < r.headers.size(); ++h) {
      if (h) out += ',';
      out += '[';
      appendBytes(out, r.headers[h].first);
      out += ',';
      appendBytes(out, r.headers[h].second);
      out += ']';
    }
    out += ']';
  }
  out += '}';
  return out;
}

bool parseFixtureLine(std::string_view line, FixtureRecord& out, std::string& error) {
  out = FixtureRecord{};
  const std::string kShape =
      "each line must be one JSON object like {\"value\":{...},\"timestamp\":1700000000000}";
  size_t i = skipSpace(line, 0);
  if (i >= line.size() || line[i] != '{') {
    error = "not a JSON object (" + sample(line) + "); " + kShape;
    return false;
  }
  bool hasValue = false;
  i = skipSpace(line, i + 1);
  if (i < line.size() && line[i] == '}') {
    error = "the object has no \"value\"; " + kShape;
    return false;
  }
  for (;;) {
    const size_t keyStart = skipSpace(line, i);
    const size_t keyEnd = skipString(line, keyStart);
    if (keyEnd == std::string_view::npos) {
      error = "malformed JSON (expected a member name in quotes at column " +
              std::to_string(keyStart + 1) + "); " + kShape;
      return false;
    }
    const auto keyJson =
        nlohmann::json::parse(line.substr(keyStart, keyEnd - keyStart), nullptr, false);
    if (keyJson.is_discarded() || !keyJson.is_string()) {
      error = "malformed member name at column " + std::to_string(keyStart + 1);
      return false;
    }
    const std::string key = keyJson.get<std::string>();
    i = skipSpace(line, keyEnd);
    if (i >= line.size() || line[i] != ':') {
      error = "malformed JSON (expected ':' after \"" + key + "\" at column " +
              std::to_string(i + 1) + ")";
      return false;
    }
    const size_t valueStart = skipSpace(line, i + 1);
    const size_t valueEnd = skipValue(line, valueStart, 0);
    if (valueEnd == std::string_view::npos) {
      error = "malformed JSON in \"" + key + "\" (from column " + std::to_string(valueStart + 1) +
              "; unbalanced brackets or quotes, or nested more than " + std::to_string(kMaxDepth) +
              " deep)";
      return false;
    }
    const std::string_view raw = line.substr(valueStart, valueEnd - valueStart);
    if (key == "value") {
      // Only checked, not built: the record's text is kept as it is.
      if (raw.front() != '{' || !nlohmann::json::accept(raw)) {
        error = raw.front() != '{'
                    ? "\"value\" must be the record as a JSON object, got " + sample(raw)
                    : "malformed JSON in \"value\": " + sample(raw);
        return false;
      }
      out.value.assign(raw);
      hasValue = true;
      i = skipSpace(line, valueEnd);
      if (i < line.size() && line[i] == ',') {
        ++i;
        continue;
      }
      if (i < line.size() && line[i] == '}') {
        if (skipSpace(line, i + 1) != line.size()) {
          error = "text after the object at column " + std::to_string(i + 2) +
                  "; put one record per line";
          return false;
        }
        break;
      }
      error = "malformed JSON (expected ',' or '}' at column " + std::to_string(i + 1) + ")";
      return false;
    }
    const auto value = nlohmann::json::parse(raw, nullptr, false);
    if (value.is_discarded()) {
      error = "malformed JSON in \"" + key + "\": " + sample(raw);
      return false;
    }
    int64_t n = 0;
    if (key == "value_text") {
      if (!value.is_string()) {
        error = "\"value_text\" must be the record's JSON text as a string";
        return false;
      }
      out.value = value.get<std::string>();
      const auto record = nlohmann::json::parse(out.value, nullptr, false);
      if (record.is_discarded() || !record.is_object()) {
        error = "\"value_text\" must hold the record as the text of a JSON object";
        return false;
      }
      hasValue = true;
    } else if (key == "key") {
      if (!value.is_null()) {
        out.key.emplace();
        if (!readBytes(value, *out.key)) {
          error = "\"key\" must be a string, {\"hex\":\"..\"} or null, got " + sample(raw);
          return false;
        }
      }
    } else if (key == "topic") {
      if (!value.is_string()) {
        error = "\"topic\" must be a string, got " + sample(raw);
        return false;
      }
      out.topic = value.get<std::string>();
    } else if (key == "partition") {
      if (!getInt(value, "partition", -1, std::numeric_limits<int32_t>::max(), n, error))
        return false;
      out.partition = static_cast<int32_t>(n);
    } else if (key == "offset") {
      if (!getInt(value, "offset", -1, std::numeric_limits<int64_t>::max(), n, error)) return false;
      out.offset = n;
    } else if (key == "timestamp") {
      if (!getInt(value, "timestamp", std::numeric_limits<int64_t>::min(),
                  std::numeric_limits<int64_t>::max(), n, error))
        return false;
      out.timestamp = n;
    } else if (key == "at") {
      if (!getInt(value, "at", 0, std::numeric_limits<int64_t>::max(), n, error)) return false;
      out.arrivalMs = n;
    } else if (key == "no_event_time") {
      if (!value.is_boolean()) {
        error = "\"no_event_time\" must be true or false";
        return false;
      }
      out.noEventTime = value.get<bool>();
    } else if (key == "headers") {
      if (!value.is_array()) {
        error = "\"headers\" must be a list of [name, value] pairs, got " + sample(raw);
        return false;
      }
      for (const auto& h : value) {
        std::pair<std::string, std::string> header;
        if (!h.is_array() || h.size() != 2 || !readBytes(h[0], header.first) ||
            !readBytes(h[1], header.second)) {
          error = "\"headers\" must be a list of [name, value] pairs of strings, got " +
                  sample(h.dump());
          return false;
        }
        out.headers.push_back(std::move(header));
      }
    } else {
      error = "unknown member \"" + key +
              "\" (known: value, value_text, key, topic, partition, offset, timestamp, "
              "no_event_time, at, headers)";
      return false;
    }
    i = skipSpace(line, valueEnd);
    if (i < line.size() && line[i] == ',') {
      ++i;
      continue;
    }
    if (i < line.size() && line[i] == '}') {
      if (skipSpace(line, i + 1) != line.size()) {
        error = "text after the object at column " + std::to_string(i + 2) +
                "; put one record per line";
        return false;
      }
      break;
    }
    error = "malformed JSON (expected ',' or '}' at column " + std::to_string(i + 1) + ")";
    return false;
  }
  if (!hasValue) {
    error = "the object has no \"value\"; " + kShape;
    return false;
  }
  return true;
}

FixtureWriter::~FixtureWriter() {
  std::string ignored;
  close(ignored);
}

bool FixtureWriter::open(const std::string& path, std::string& error) {
  std::string ignored;
  close(ignored);
  file_ = std::fopen(path.c_str(), "wb");
  if (!file_) {
    error = "cannot create fixture file '" + path + "': " + std::strerror(errno) +
            "; choose a folder you can write to";
    return false;
  }
  path_ = path;
  records_ = 0;
  failed_ = false;
  return true;
}

void FixtureWriter::write(const FixtureRecord& record) {
  writeLine(formatFixtureLine(record));
}

void FixtureWriter::writeLine(std::string_view line) {
  if (!file_) return;
  if (std::fwrite(line.data(), 1, line.size(), file_) != line.size() ||
      std::fputc('\n', file_) == EOF)
    failed_ = true;
  ++records_;
}

bool FixtureWriter::close(std::string& error) {
  if (!file_) return true;
  bool ok = !failed_ && std::fflush(file_) == 0;
  const int saved = errno;
  ok = std::fclose(file_) == 0 && ok;
  file_ = nullptr;
  if (!ok)
    error = "cannot write fixture file '" + path_ + "': " + std::strerror(saved ? saved : EIO) +
            " (is the disk full?)";
  return ok;
}

FixtureReader::~FixtureReader() {
  if (file_) std::fclose(file_);
}

bool FixtureReader::open(const std::string& path, std::string& error) {
  if (file_) std::fclose(file_);
  file_ = std::fopen(path.c_str(), "rb");
  if (!file_) {
    error = path + ": cannot open fixture file: " + std::strerror(errno) +
            "; check the path (relative paths start at the fixture folder)";
    return false;
  }
  path_ = path;
  line_ = 0;
  return true;
}

FixtureReader::Status FixtureReader::next(FixtureRecord& out, std::string& error) {
  if (!file_) return Status::End;
  for (;;) {
    buffer_.clear();
    bool any = false;
    int c;
    while ((c = getc_unlocked(file_)) != EOF) {  // one reader per file: no locking needed
      any = true;
      if (c == '\n') break;
      buffer_ += static_cast<char>(c);
    }
    if (!any) {
      if (std::ferror(file_)) {
        error = path_ + ":" + std::to_string(line_ + 1) + ": cannot read: " + std::strerror(errno);
        return Status::Error;
      }
      return Status::End;
    }
    ++line_;
    if (!buffer_.empty() && buffer_.back() == '\r') buffer_.pop_back();
    if (line_ == 1 && buffer_.compare(0, 3, "\xEF\xBB\xBF") == 0) buffer_.erase(0, 3);
    if (buffer_.find_first_not_of(" \t") == std::string::npos) continue;
    std::string why;
    if (!parseFixtureLine(buffer_, out, why)) {
      error = path_ + ":" + std::to_string(line_) + ": " + why +
              " (fix or remove the line; docs/testing.md describes the format)";
      return Status::Error;
    }
    return Status::Record;
  }
}

std::optional<std::vector<FixtureRecord>> readFixtureFile(const std::string& path,
                                                          std::string& error) {
  FixtureReader reader;
  if (!reader.open(path, error)) return std::nullopt;
  std::vector<FixtureRecord> records;
  FixtureRecord r;
  for (;;) {
    switch (reader.next(r, error)) {
      case FixtureReader::Status::Record:
        records.push_back(std::move(r));
        break;
      case FixtureReader::Status::End:
        return records;
      case FixtureReader::Status::Error:
        return std::nullopt;
    }
  }
}

}  // namespace sc
