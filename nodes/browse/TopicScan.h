#pragma once
// Reading a topic for a person debugging it, the designer's topic browser's engine: where to
// start and stop (kcat's offset syntax and readable times), a filter in the pipeline's
// expression language over value, key, headers and metadata, and a scan of the whole range
// asked for with progress and cancel. What it keeps is bounded: the first `keep` matches in
// memory, the rest streamed to a file on request. Export of messages as JSONL (kcat -J's
// envelope) and CSV. No Qt: the runner or a test can scan the same way.

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/kafka/ClusterAdmin.h"
#include "engine/kafka/KafkaConnection.h"
#include "engine/kafka/KafkaResult.h"

namespace sc::kafka {

// Where a scan starts in every partition, and where it stops. Parsed from text, tokens
// separated by spaces:
//   beginning | end | N (offset N) | -N (the last N of each partition)
//   s@TIME (first message at or after TIME) | e@TIME (stop before messages at or after TIME)
//   -10m | -2h | -1d | -30s (a bare relative time: s@ that long ago)
// TIME: epoch milliseconds, ISO 8601 UTC (2026-06-01T12:00:00Z, seconds optional) or a relative
// time as above. Without an end token the scan stops at each partition's end when it started.
struct ScanRange {
  enum class From { Beginning, End, Offset, Last, Time };
  From from = From::Beginning;
  int64_t fromValue = 0;               // the offset, N, or epoch ms
  std::optional<int64_t> untilTimeMs;  // e@

  // Fails with a message naming the token and the accepted forms.
  static Result<ScanRange> parse(std::string_view text, int64_t nowMs);
  // Parses a TIME as s@/e@ take it; false when it is none.
  static bool parseTime(std::string_view text, int64_t nowMs, int64_t& ms);
};

struct ScanProgress {
  int64_t scanned = 0;  // messages read
  int64_t total = 0;    // messages in the range (an upper bound when it ends at a time)
  int64_t matched = 0;
};

struct ScanOptions {
  std::string topic;
  std::vector<int32_t> partitions;  // empty: every partition
  ScanRange range;
  // When set, a scan that continues an earlier one (ScanResult::nextOffsets): each listed
  // partition starts at its offset instead of `range`'s start; partitions not listed (new ones)
  // start at their beginning.
  std::map<int32_t, int64_t> startOffsets;
  std::string filter;     // expression; empty keeps every message
  size_t keep = 10000;    // matches kept in memory (the first ones)
  std::string spillPath;  // when set, matches past `keep` are written there as JSONL
  // The cluster answers ListOffsets by time. librdkafka's mock cluster (the embedded one) does
  // not: then a start time is found by scanning from the beginning.
  bool offsetsByTime = true;
  int timeoutMs = 5000;  // for each metadata call and for the consumer to make progress
  const std::atomic<bool>* cancel = nullptr;
  // Called from the scanning thread about 10 times a second, and once at the end.
  std::function<void(const ScanProgress&)> progress;
};

struct ScanResult {
  std::vector<KafkaMessage> messages;  // the first `keep` matches, by partition then offset
  ScanProgress progress;
  int64_t spilled = 0;             // matches written to spillPath
  bool cancelled = false;          // stopped by the cancel flag; the counts say how far it got
  std::vector<std::string> notes;  // e.g. that a start time was found by scanning
  // Per partition, where a scan continuing this one starts: after the last message this one
  // looked at (for a cancelled scan, at the end of its range: the rest is skipped).
  std::map<int32_t, int64_t> nextOffsets;
  // A scan from a time that matched nothing: the time of the topic's newest message, to say why
  // (-1: the topic has none).
  std::optional<int64_t> newestTimestampMs;
};

// Checks a filter expression without a cluster; empty when it compiles, else the message with
// its column.
std::string checkScanFilter(const std::string& filter);

// Scans `options.topic` on `connection`. Failure: the topic does not exist, the filter does
// not compile, the spill file cannot be written, the cluster is not reachable in time.
Result<ScanResult> scanTopic(const ResolvedConnection& connection, const ScanOptions& options);

// One message as a JSON line in kcat -J's envelope: topic, partition, offset, tstype, ts,
// broker (-1: not known here), headers (["name","value",...], left out when none), key, payload.
// Key and payload are strings (null when absent). A key or value that is not UTF-8 is read as
// Latin-1, so the line stays JSON (kcat writes such bytes as they are, and its line is then no
// JSON). No newline.
std::string messageJsonLine(const KafkaMessage& m);
// CSV with header topic,partition,offset,timestamp,key,value,headers (RFC 4180 quoting;
// headers as a JSON object). headerLine() is the first line.
std::string messageCsvHeader();
std::string messageCsvLine(const KafkaMessage& m);

}  // namespace sc::kafka
