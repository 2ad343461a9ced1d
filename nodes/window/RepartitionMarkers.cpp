#include "nodes/window/RepartitionMarkers.h"

#include <algorithm>

#include "engine/graph/Json.h"
#include "engine/state/StateCodec.h"

namespace sc::window {
namespace {

int64_t saturatingSub(int64_t a, int64_t b) {
  return a < INT64_MIN + b ? INT64_MIN : a - b;
}

}  // namespace

std::string RepartitionMarker::encode() const {
  Json up = Json::array();
  for (const auto& [key, mark] : upstream)
    up.push_back({{"topic", key.first},
                  {"partition", key.second},
                  {"watermark", mark.watermark},
                  {"ended", mark.ended}});
  Json counts = Json::object();
  for (const auto& [topic, n] : partitions)
    counts[topic] = n;
  return Json{{"upstream", up}, {"partitions", counts}}.dump();
}

std::optional<RepartitionMarker> RepartitionMarker::decode(std::string_view json,
                                                           std::string* error) {
  auto fail = [&](const std::string& why) -> std::optional<RepartitionMarker> {
    if (error) *error = why;
    return std::nullopt;
  };
  const Json j = Json::parse(json, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return fail("the marker is not a JSON object");
  RepartitionMarker m;
  const auto up = j.find("upstream");
  if (up == j.end() || !up->is_array()) return fail("the marker has no \"upstream\" array");
  for (const Json& e : *up) {
    if (!e.is_object() || !e.contains("topic") || !e["topic"].is_string() ||
        !e.contains("partition") || !e["partition"].is_number_integer() ||
        !e.contains("watermark") || !e["watermark"].is_number_integer() || !e.contains("ended") ||
        !e["ended"].is_boolean())
      return fail("an \"upstream\" entry lacks topic, partition, watermark or ended");
    UpstreamMark& mark = m.upstream[{e["topic"].get<std::string>(), e["partition"].get<int32_t>()}];
    mark.watermark = std::max(mark.watermark, e["watermark"].get<int64_t>());
    mark.ended = mark.ended || e["ended"].get<bool>();
  }
  const auto counts = j.find("partitions");
  if (counts == j.end() || !counts->is_object())
    return fail("the marker has no \"partitions\" object");
  for (const auto& [topic, n] : counts->items()) {
    if (!n.is_number_integer() || n.get<int64_t>() <= 0 || n.get<int64_t>() > INT32_MAX)
      return fail("the partition count of topic '" + topic + "' is not a positive integer");
    m.partitions[topic] = n.get<int32_t>();
  }
  return m;
}

// ---- writer ---------------------------------------------------------------------------------

void MarkerTracker::wrote(std::string_view topic, int32_t partition, int64_t newest) {
  if (!last_ || partition != lastPartition_ || topic != lastTopic_) {
    lastTopic_.assign(topic);
    lastPartition_ = partition;
    last_ = &owned_[{lastTopic_, partition}];
  }
  last_->newest = std::max(last_->newest, newest);
  last_->revoked = false;
}

void MarkerTracker::ended(const std::string& topic, int32_t partition) {
  Owned& o = owned_[{topic, partition}];
  o.ended = true;
  o.revoked = false;
}

void MarkerTracker::revoked(const std::string& topic, int32_t partition) {
  auto it = owned_.find({topic, partition});
  if (it != owned_.end()) it->second.revoked = true;
}

std::vector<std::string> MarkerTracker::topics() const {
  std::vector<std::string> out;
  for (const auto& [key, o] : owned_)
    if (std::find(out.begin(), out.end(), key.first) == out.end()) out.push_back(key.first);
  return out;
}

RepartitionMarker MarkerTracker::take(int64_t maxOutOfOrdernessMs) {
  RepartitionMarker m;
  for (const auto& [key, o] : owned_) {
    UpstreamMark& mark = m.upstream[key];
    mark.ended = o.ended;
    // Flink's bounded out-of-orderness: newest time - bound - 1.
    if (o.newest != INT64_MIN)
      mark.watermark = saturatingSub(saturatingSub(o.newest, maxOutOfOrdernessMs), 1);
  }
  for (const auto& [topic, n] : counts_)
    for (const auto& [key, o] : owned_)
      if (key.first == topic) {
        m.partitions[topic] = n;
        break;
      }
  std::erase_if(owned_, [](const auto& e) { return e.second.ended || e.second.revoked; });
  last_ = nullptr;  // map nodes may be gone
  return m;
}

// ---- reader ---------------------------------------------------------------------------------

void MarkerMerge::expectTopics(const std::vector<std::string>& topics) {
  for (const std::string& t : topics)
    partitions_.emplace(t, -1);
}

void MarkerMerge::add(const RepartitionMarker& marker) {
  for (const auto& [key, mark] : marker.upstream) {
    UpstreamMark& kept = upstream_[key];
    kept.watermark = std::max(kept.watermark, mark.watermark);
    kept.ended = kept.ended || mark.ended;
  }
  for (const auto& [topic, n] : marker.partitions) {
    int32_t& kept = partitions_[topic];
    kept = std::max(kept, n);
  }
}

int64_t MarkerMerge::eventTime() const {
  if (partitions_.empty()) return INT64_MIN;
  int64_t time = INT64_MAX;
  for (const auto& [topic, count] : partitions_) {
    if (count < 0) return INT64_MIN;  // a topic no marker has named yet
    for (int32_t p = 0; p < count; ++p) {
      auto it = upstream_.find({topic, p});
      if (it == upstream_.end()) return INT64_MIN;  // no marker from this partition yet
      if (!it->second.ended) time = std::min(time, it->second.watermark);
    }
  }
  return time;
}

void MarkerMerge::save(state::StateWriter& out) const {
  out.u32(static_cast<uint32_t>(partitions_.size()));
  for (const auto& [topic, n] : partitions_) {
    out.str(topic);
    out.i64(n);
  }
  out.u32(static_cast<uint32_t>(upstream_.size()));
  for (const auto& [key, mark] : upstream_) {
    out.str(key.first);
    out.i64(key.second);
    out.i64(mark.watermark);
    out.boolean(mark.ended);
  }
}

void MarkerMerge::load(state::StateReader& in) {
  std::map<std::string, int32_t> partitions;
  for (uint32_t i = in.count(12); i > 0; --i) {
    std::string topic = in.str();
    const int64_t n = in.i64();
    if (n < -1 || n > INT32_MAX) in.fail("a partition count");
    partitions[std::move(topic)] = static_cast<int32_t>(n);
  }
  std::map<UpstreamPartition, UpstreamMark> upstream;
  for (uint32_t i = in.count(21); i > 0; --i) {
    std::string topic = in.str();
    const int64_t p = in.i64();
    if (p < 0 || p > INT32_MAX) in.fail("a partition number");
    UpstreamMark& mark = upstream[{std::move(topic), static_cast<int32_t>(p)}];
    mark.watermark = in.i64();
    mark.ended = in.boolean();
  }
  // What the plan expects stays expected; the snapshot's knowledge is added to it.
  for (auto& [topic, n] : partitions) {
    int32_t& kept = partitions_[topic];
    kept = std::max(kept, n);
  }
  for (auto& [key, mark] : upstream) {
    UpstreamMark& kept = upstream_[key];
    kept.watermark = std::max(kept.watermark, mark.watermark);
    kept.ended = kept.ended || mark.ended;
  }
}

}  // namespace sc::window
