#pragma once
// Wire fixtures: the records that passed one wire, one JSON object per line (JSONL), with their
// metadata and event times, so they can be replayed into a node later (docs/testing.md has the
// format). Qt-free; the reader never throws and names file and line in every error.
//
//   {"value":{"id":1},"key":"k","topic":"t","partition":0,"offset":17,"timestamp":1700000000000,
//    "at":1764640000123,"headers":[["trace","abc"]]}
//
// `value` is the record's JSON text byte for byte (a record whose text spans lines is stored as
// the string `value_text` instead); `timestamp` is its event time ($timestamp, epoch ms); `at` is
// the wall clock when it passed the wire (replay at recorded speed keeps these gaps). Keys and
// header values that are not UTF-8 are written as {"hex":"0a1b"}.

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sc {

struct FixtureRecord {
  std::string value;               // JSON text of the record
  std::optional<std::string> key;  // none: the record had no key
  std::string topic;
  int32_t partition = -1;
  int64_t offset = -1;
  int64_t timestamp = 0;     // event time, epoch ms
  bool noEventTime = false;  // the source could not compute an event time (windows: late)
  int64_t arrivalMs = 0;     // wall clock when the record passed the wire, epoch ms
  std::vector<std::pair<std::string, std::string>> headers;
  bool operator==(const FixtureRecord&) const = default;
};

// One record as one fixture line, without the line break.
std::string formatFixtureLine(const FixtureRecord& record);
// Parses one fixture line. False with `error` saying what is wrong and how to fix it (no file or
// line: the caller adds them).
bool parseFixtureLine(std::string_view line, FixtureRecord& out, std::string& error);

// Appends records to a fixture file. Not thread-safe: one writer thread (or a lock around it).
class FixtureWriter {
 public:
  FixtureWriter() = default;
  ~FixtureWriter();
  FixtureWriter(const FixtureWriter&) = delete;
  FixtureWriter& operator=(const FixtureWriter&) = delete;

  // Creates (truncates) `path`. False with `error` when it cannot.
  bool open(const std::string& path, std::string& error);
  bool isOpen() const { return file_ != nullptr; }
  void write(const FixtureRecord& record);
  // The line as formatFixtureLine() made it (avoids a copy when the caller formats itself).
  void writeLine(std::string_view line);
  // Flushes and closes; false with `error` when something could not be written.
  bool close(std::string& error);
  uint64_t records() const { return records_; }

 private:
  std::FILE* file_ = nullptr;
  std::string path_;
  uint64_t records_ = 0;
  bool failed_ = false;
};

// Reads a fixture file line by line. Blank lines are skipped.
class FixtureReader {
 public:
  enum class Status { Record, End, Error };
  FixtureReader() = default;
  ~FixtureReader();
  FixtureReader(const FixtureReader&) = delete;
  FixtureReader& operator=(const FixtureReader&) = delete;

  bool open(const std::string& path, std::string& error);
  // The next record; Error with "FILE:LINE: what; what to do" in `error`.
  Status next(FixtureRecord& out, std::string& error);
  int64_t lineNumber() const { return line_; }

 private:
  std::FILE* file_ = nullptr;
  std::string path_;
  std::string buffer_;
  int64_t line_ = 0;
};

// Every record of a fixture file, or nothing with `error` naming the file and line.
std::optional<std::vector<FixtureRecord>> readFixtureFile(const std::string& path,
                                                          std::string& error);

}  // namespace sc
