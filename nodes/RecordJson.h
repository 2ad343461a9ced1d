#pragma once
// JSON record helpers shared by every JSON source and sink: one-pass field extraction from raw
// payloads into batch columns, and serialisation of rows back to JSON lines or CSV.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/runtime/Batch.h"
#include "engine/runtime/JsonString.h"  // appendJsonString, used with the writers here
#include "engine/runtime/SlotTable.h"
#include "engine/runtime/Value.h"

namespace sc {

// Parses a record's payload (RecordMeta::payload, padded by Arena::copyPadded) with simdjson
// On-Demand and writes the value of every slot path found into that row's columns, in one pass:
// the paths form a trie, the walk descends only into objects and arrays a path needs and skips
// everything else. Scalars become Null/Bool/Int/Double/String; an object or array a path selects
// becomes Kind::Json raw text. Strings without escapes point into the payload, others are
// unescaped into the batch arena. Values are mirrors (flags 0). Duplicate keys: the last wins.
// Skipped values are only checked for structure (brackets, strings, UTF-8), as On-Demand does.
// Reuses its parsers: no allocation per record in steady state. Not thread-safe: one per thread.
// When every slot is a top-level member, records of printable ASCII without escapes or nested
// values are read by a strict scanner first (about 3x faster); anything it does not accept
// goes to simdjson, so values and errors are the same either way (`flatScan` false: simdjson
// only, for tests that compare the two).
class JsonFieldExtractor {
 public:
  explicit JsonFieldExtractor(const SlotTable& slots, bool flatScan = true);
  ~JsonFieldExtractor();
  JsonFieldExtractor(const JsonFieldExtractor&) = delete;
  JsonFieldExtractor& operator=(const JsonFieldExtractor&) = delete;

  // Fills row `row` of `batch` from batch.meta(row).payload. Slots the payload lacks are left
  // as they are (Missing after Batch::append). Returns false for a payload that is not a valid
  // JSON object; error() then says why and the row may be partly written (drop it).
  bool extract(Batch& batch, uint32_t row);
  // Short reason for the last failed extract(), static text.
  std::string_view error() const { return error_; }

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
  std::string_view error_;
};

// Serialises rows as JSON objects. A row without owned slots (kOwned) is its raw payload,
// byte for byte. Otherwise the payload's members are written in order, a member with an owned
// slot replaced by the slot's value (an owned Missing deletes it, owned nested slots such as
// a.b edit inside the object), then owned slots the payload lacks are appended in slot order.
// Rows without payload (generator, window results) are their owned slots in slot order.
// Owned slots with array indexes in their path (tags[0]) are not written.
class JsonRecordWriter {
 public:
  explicit JsonRecordWriter(const SlotTable& slots);
  ~JsonRecordWriter();
  JsonRecordWriter(const JsonRecordWriter&) = delete;
  JsonRecordWriter& operator=(const JsonRecordWriter&) = delete;

  // Appends the row as one JSON object (no newline) to `out`.
  void append(const Batch& batch, uint32_t row, std::string& out);

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

// Serialises rows as CSV (RFC 4180 quoting, "\n" line ends). The header is the top-level field
// order of the first record; later records fill those columns by name (absent: empty cell) and
// fields not in the header are left out (counted in droppedFields()). Null is an empty cell,
// objects and arrays are their JSON text.
class CsvRecordWriter {
 public:
  explicit CsvRecordWriter(const SlotTable& slots);
  ~CsvRecordWriter();
  CsvRecordWriter(const CsvRecordWriter&) = delete;
  CsvRecordWriter& operator=(const CsvRecordWriter&) = delete;

  // Appends the row as one CSV line, preceded by the header line on the first call.
  void append(const Batch& batch, uint32_t row, std::string& out);
  // Fields seen in records but not in the header, summed over all records.
  uint64_t droppedFields() const;
  const std::vector<std::string>& header() const;
  // Continues a file whose header was written by an earlier run (checkpoint restore).
  void resume(std::vector<std::string> header);

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

// Appends a value as JSON: Int as an integer, Double in shortest round-trip form (always with a
// fraction or exponent so it reads back as a double; non-finite: null), Json raw, Missing: null.
void appendJsonValue(std::string& out, const Value& v);
// Appends `cell` as one CSV field, quoted when it holds a comma, quote, CR or LF.
void appendCsvField(std::string& out, std::string_view cell);

}  // namespace sc
