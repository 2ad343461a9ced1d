#include "engine/kafka/ClusterAdmin.h"

#include <librdkafka/rdkafka.h>

#include <algorithm>
#include <chrono>
#include <map>

#include "engine/kafka/EmbeddedCluster.h"
#include "engine/kafka/KafkaClient.h"

namespace sc::kafka {

namespace {

using Clock = std::chrono::steady_clock;

struct PartitionList {
  rd_kafka_topic_partition_list_t* list;
  explicit PartitionList(int size = 8) : list(rd_kafka_topic_partition_list_new(size)) {}
  ~PartitionList() { rd_kafka_topic_partition_list_destroy(list); }
  PartitionList(const PartitionList&) = delete;
  PartitionList& operator=(const PartitionList&) = delete;
};

struct Queue {
  rd_kafka_queue_t* q;
  explicit Queue(rd_kafka_t* rk) : q(rd_kafka_queue_new(rk)) {}
  ~Queue() { rd_kafka_queue_destroy(q); }
  Queue(const Queue&) = delete;
  Queue& operator=(const Queue&) = delete;
};

struct Event {
  rd_kafka_event_t* ev;
  explicit Event(rd_kafka_event_t* e) : ev(e) {}
  ~Event() {
    if (ev) rd_kafka_event_destroy(ev);
  }
  Event(const Event&) = delete;
  Event& operator=(const Event&) = delete;
};

// Outcome of one produce() call, reached through the message's opaque pointer.
struct Delivery {
  bool done = false;
  std::string error;
  int32_t partition = -1;
  int64_t offset = -1;
  int64_t timestamp = -1;
};

std::string errText(rd_kafka_resp_err_t e) {
  return rd_kafka_err2str(e);
}

int remainingMs(Clock::time_point deadline) {
  auto left =
      std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return left > 0 ? static_cast<int>(left) : 0;
}

}  // namespace

KafkaMessage toKafkaMessage(const rd_kafka_message_t* m) {
  KafkaMessage out;
  out.topic = rd_kafka_topic_name(m->rkt);
  out.partition = m->partition;
  out.offset = m->offset;
  rd_kafka_timestamp_type_t tsType;
  out.timestamp = rd_kafka_message_timestamp(m, &tsType);
  if (m->key) out.key = std::string(static_cast<const char*>(m->key), m->key_len);
  if (m->payload) out.value = std::string(static_cast<const char*>(m->payload), m->len);
  rd_kafka_headers_t* hdrs = nullptr;
  if (rd_kafka_message_headers(m, &hdrs) == RD_KAFKA_RESP_ERR_NO_ERROR) {
    const char* name;
    const void* value;
    size_t size;
    for (size_t i = 0;
         rd_kafka_header_get_all(hdrs, i, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR;
         ++i) {
      MessageHeader h;
      h.name = name;
      if (value) h.value = std::string(static_cast<const char*>(value), size);
      out.headers.push_back(std::move(h));
    }
  }
  return out;
}

int64_t TopicInfo::messages() const {
  int64_t n = 0;
  for (const auto& p : partitions)
    n += p.messages();
  return n;
}

int64_t GroupInfo::totalLag() const {
  int64_t n = 0;
  for (const auto& o : offsets)
    n += o.lag;
  return n;
}

ClusterAdmin::ClusterAdmin(ResolvedConnection connection) : connection_(std::move(connection)) {}

ClusterAdmin::~ClusterAdmin() = default;

Result<KafkaClient*> ClusterAdmin::client() {
  std::lock_guard lock(mutex_);
  if (!client_) {
    ClientOptions o;
    o.kind = ClientKind::Consumer;
    o.label = "cluster admin '" + connection_.settings.name + "'";
    // Never polled: no statistics piling up, and looking at a topic must not create it.
    o.overrides = {{"allow.auto.create.topics", "false"}, {"statistics.interval.ms", "0"}};
    auto made = KafkaClient::create(connection_, std::move(o));
    if (!made.ok()) return Result<KafkaClient*>::failure(made.error);
    client_ = std::move(made.value);
  }
  return Result<KafkaClient*>::success(client_.get());
}

Result<KafkaClient*> ClusterAdmin::producer() {
  std::lock_guard lock(mutex_);
  if (!producer_) {
    ClientOptions o;
    o.kind = ClientKind::Producer;
    o.label = "cluster admin '" + connection_.settings.name + "' producer";
    o.overrides = {{"statistics.interval.ms", "0"}};
    o.delivery = [](const rd_kafka_message_t* m) {
      auto* d = static_cast<Delivery*>(m->_private);
      if (!d) return;
      d->done = true;
      if (m->err) d->error = errText(m->err);
      d->partition = m->partition;
      d->offset = m->offset;
      rd_kafka_timestamp_type_t t;
      d->timestamp = rd_kafka_message_timestamp(m, &t);
    };
    auto made = KafkaClient::create(connection_, std::move(o));
    if (!made.ok()) return Result<KafkaClient*>::failure(made.error);
    producer_ = std::move(made.value);
  }
  return Result<KafkaClient*>::success(producer_.get());
}

Result<bool> ClusterAdmin::fillWatermarks(std::vector<TopicInfo>& topics, int timeoutMs) {
  auto c = client();
  if (!c.ok()) return Result<bool>::failure(c.error);
  PartitionList low, high;
  for (const auto& t : topics)
    for (const auto& p : t.partitions) {
      rd_kafka_topic_partition_list_add(low.list, t.name.c_str(), p.partition)->offset =
          RD_KAFKA_OFFSET_BEGINNING;
      rd_kafka_topic_partition_list_add(high.list, t.name.c_str(), p.partition)->offset =
          RD_KAFKA_OFFSET_END;
    }
  if (low.list->cnt == 0) return Result<bool>::success(true);
  auto deadline = Clock::now() + std::chrono::milliseconds(timeoutMs);
  // A timestamp of -2/-1 asks ListOffsets for the earliest/latest offset: two requests in all.
  rd_kafka_resp_err_t e =
      rd_kafka_offsets_for_times(c.value->handle(), low.list, remainingMs(deadline));
  if (!e)
    e = rd_kafka_offsets_for_times(c.value->handle(), high.list,
                                   std::max(1, remainingMs(deadline)));
  if (e) return Result<bool>::failure("cannot read partition offsets: " + errText(e));
  std::map<std::pair<std::string, int32_t>, std::pair<int64_t, int64_t>> marks;
  for (int i = 0; i < low.list->cnt; ++i)
    marks[{low.list->elems[i].topic, low.list->elems[i].partition}] = {low.list->elems[i].offset,
                                                                       high.list->elems[i].offset};
  for (auto& t : topics)
    for (auto& p : t.partitions) {
      auto it = marks.find({t.name, p.partition});
      if (it != marks.end()) p.low = it->second.first, p.high = it->second.second;
    }
  return Result<bool>::success(true);
}

Result<std::vector<TopicInfo>> ClusterAdmin::listTopics(int timeoutMs, bool includeInternal) {
  using R = Result<std::vector<TopicInfo>>;
  auto c = client();
  if (!c.ok()) return R::failure(c.error);
  auto deadline = Clock::now() + std::chrono::milliseconds(timeoutMs);
  const rd_kafka_metadata_t* md = nullptr;
  rd_kafka_resp_err_t e = rd_kafka_metadata(c.value->handle(), 1, nullptr, &md, timeoutMs);
  if (e)
    return R::failure("cannot list topics of " + connection_.bootstrapServers + ": " + errText(e));
  std::vector<TopicInfo> topics;
  for (int i = 0; i < md->topic_cnt; ++i) {
    const auto& mt = md->topics[i];
    std::string name = mt.topic;
    if (!includeInternal && name.rfind("__", 0) == 0) continue;
    if (mt.err) continue;
    TopicInfo t;
    t.name = name;
    for (int p = 0; p < mt.partition_cnt; ++p)
      t.partitions.push_back({mt.partitions[p].id, mt.partitions[p].leader, -1, -1});
    std::sort(
        t.partitions.begin(), t.partitions.end(),
        [](const PartitionInfo& a, const PartitionInfo& b) { return a.partition < b.partition; });
    topics.push_back(std::move(t));
  }
  rd_kafka_metadata_destroy(md);
  std::sort(topics.begin(), topics.end(),
            [](const TopicInfo& a, const TopicInfo& b) { return a.name < b.name; });
  auto filled = fillWatermarks(topics, std::max(1, remainingMs(deadline)));
  if (!filled.ok()) return R::failure(filled.error);
  return R::success(std::move(topics));
}

Result<TopicInfo> ClusterAdmin::describeTopic(const std::string& topic, int timeoutMs) {
  using R = Result<TopicInfo>;
  auto c = client();
  if (!c.ok()) return R::failure(c.error);
  auto deadline = Clock::now() + std::chrono::milliseconds(timeoutMs);
  // Ask for all topics: a request naming the topic would make the embedded cluster create it.
  const rd_kafka_metadata_t* md = nullptr;
  rd_kafka_resp_err_t e = rd_kafka_metadata(c.value->handle(), 1, nullptr, &md, timeoutMs);
  if (e) return R::failure("cannot describe topic '" + topic + "': " + errText(e));
  std::vector<TopicInfo> one(1);
  one[0].name = topic;
  rd_kafka_resp_err_t topicErr = RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART;
  for (int t = 0; t < md->topic_cnt; ++t) {
    if (topic != md->topics[t].topic) continue;
    topicErr = md->topics[t].err;
    for (int p = 0; p < md->topics[t].partition_cnt; ++p)
      one[0].partitions.push_back(
          {md->topics[t].partitions[p].id, md->topics[t].partitions[p].leader, -1, -1});
  }
  rd_kafka_metadata_destroy(md);
  if (topicErr) return R::failure("topic '" + topic + "': " + errText(topicErr));
  std::sort(
      one[0].partitions.begin(), one[0].partitions.end(),
      [](const PartitionInfo& a, const PartitionInfo& b) { return a.partition < b.partition; });
  auto filled = fillWatermarks(one, std::max(1, remainingMs(deadline)));
  if (!filled.ok()) return R::failure(filled.error);
  return R::success(std::move(one[0]));
}

Result<GroupInfo> ClusterAdmin::describeGroup(const std::string& groupId,
                                              const std::vector<std::string>& topics,
                                              int timeoutMs) {
  using R = Result<GroupInfo>;
  if (groupId.empty()) return R::failure("no consumer group given");
  auto c = client();
  if (!c.ok()) return R::failure(c.error);
  auto deadline = Clock::now() + std::chrono::milliseconds(timeoutMs);

  // The committed-offsets request needs explicit partitions (the embedded cluster does not answer
  // "all topics"), so list the topics first.
  std::vector<TopicInfo> infos;
  if (topics.empty()) {
    auto all = listTopics(timeoutMs, false);
    if (!all.ok()) return R::failure(all.error);
    infos = std::move(all.value);
  } else {
    for (const auto& t : topics) {
      auto d = describeTopic(t, std::max(1, remainingMs(deadline)));
      if (!d.ok()) return R::failure(d.error);
      infos.push_back(std::move(d.value));
    }
  }

  GroupInfo info;
  info.groupId = groupId;
  rd_kafka_t* rk = c.value->handle();
  Queue queue(rk);
  char err[512];

  PartitionList wanted;
  for (const auto& t : infos)
    for (const auto& p : t.partitions)
      rd_kafka_topic_partition_list_add(wanted.list, t.name.c_str(), p.partition);
  if (wanted.list->cnt > 0) {
    rd_kafka_ListConsumerGroupOffsets_t* request =
        rd_kafka_ListConsumerGroupOffsets_new(groupId.c_str(), wanted.list);
    rd_kafka_AdminOptions_t* options =
        rd_kafka_AdminOptions_new(rk, RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPOFFSETS);
    rd_kafka_AdminOptions_set_request_timeout(options, std::max(1, remainingMs(deadline)), err,
                                              sizeof err);
    rd_kafka_ListConsumerGroupOffsets(rk, &request, 1, options, queue.q);
    rd_kafka_AdminOptions_destroy(options);
    rd_kafka_ListConsumerGroupOffsets_destroy(request);
    Event ev(rd_kafka_queue_poll(queue.q, std::max(1, remainingMs(deadline)) + 100));
    if (!ev.ev) return R::failure("timed out reading the offsets of group '" + groupId + "'");
    if (rd_kafka_event_error(ev.ev))
      return R::failure("cannot read the offsets of group '" + groupId +
                        "': " + rd_kafka_event_error_string(ev.ev));
    size_t n = 0;
    const rd_kafka_group_result_t** groups = rd_kafka_ListConsumerGroupOffsets_result_groups(
        rd_kafka_event_ListConsumerGroupOffsets_result(ev.ev), &n);
    for (size_t g = 0; g < n; ++g) {
      if (const rd_kafka_error_t* ge = rd_kafka_group_result_error(groups[g]))
        return R::failure("cannot read the offsets of group '" + groupId +
                          "': " + rd_kafka_error_string(ge));
      const rd_kafka_topic_partition_list_t* parts = rd_kafka_group_result_partitions(groups[g]);
      for (int i = 0; parts && i < parts->cnt; ++i) {
        const auto& e = parts->elems[i];
        if (e.err || e.offset < 0) continue;
        GroupPartitionOffset o;
        o.topic = e.topic;
        o.partition = e.partition;
        o.committed = e.offset;
        info.offsets.push_back(std::move(o));
      }
    }
  }
  for (auto& o : info.offsets)
    for (const auto& t : infos)
      if (t.name == o.topic)
        for (const auto& p : t.partitions)
          if (p.partition == o.partition) {
            o.high = p.high;
            o.lag = p.high > o.committed ? p.high - o.committed : 0;
          }
  std::sort(info.offsets.begin(), info.offsets.end(), [](const auto& a, const auto& b) {
    return a.topic != b.topic ? a.topic < b.topic : a.partition < b.partition;
  });

  return R::success(std::move(info));
}

namespace {

// The consumer protocol's assignment: int16 version, [string topic, [int32 partition]], bytes.
std::string decodeAssignment(const void* data, int size) {
  const auto* p = static_cast<const unsigned char*>(data);
  int at = 0;
  auto need = [&](int n) { return p && at + n <= size; };
  auto i16 = [&] {
    int v = (p[at] << 8) | p[at + 1];
    at += 2;
    return int16_t(v);
  };
  auto i32 = [&] {
    uint32_t v = (uint32_t(p[at]) << 24) | (uint32_t(p[at + 1]) << 16) |
                 (uint32_t(p[at + 2]) << 8) | uint32_t(p[at + 3]);
    at += 4;
    return int32_t(v);
  };
  if (!need(6)) return {};
  i16();  // version
  int32_t topics = i32();
  std::string out;
  for (int32_t t = 0; t < topics && t < 10000; ++t) {
    if (!need(2)) return out;
    const int16_t len = i16();
    if (len < 0 || !need(len + 4)) return out;
    std::string topic(reinterpret_cast<const char*>(p + at), size_t(len));
    at += len;
    const int32_t count = i32();
    if (!out.empty()) out += ' ';
    out += topic + '[';
    for (int32_t i = 0; i < count && need(4); ++i)
      out += (i ? "," : "") + std::to_string(i32());
    out += ']';
  }
  return out;
}

}  // namespace

Result<std::vector<GroupSummary>> ClusterAdmin::listGroups(int timeoutMs) {
  using R = Result<std::vector<GroupSummary>>;
  if (connection_.cluster)
    return R::failure("the embedded cluster does not describe consumer groups");
  auto c = client();
  if (!c.ok()) return R::failure(c.error);
  const rd_kafka_group_list* list = nullptr;
  if (rd_kafka_resp_err_t e = rd_kafka_list_groups(c.value->handle(), nullptr, &list, timeoutMs))
    return R::failure("cannot list consumer groups: " + errText(e));
  std::vector<GroupSummary> out;
  for (int g = 0; g < list->group_cnt; ++g) {
    const rd_kafka_group_info& gi = list->groups[g];
    GroupSummary s;
    s.groupId = gi.group ? gi.group : "";
    s.state = gi.state ? gi.state : "";
    s.protocol = gi.protocol ? gi.protocol : "";
    for (int m = 0; m < gi.member_cnt; ++m) {
      const rd_kafka_group_member_info& mi = gi.members[m];
      s.members.push_back({mi.member_id ? mi.member_id : "", mi.client_id ? mi.client_id : "",
                           mi.client_host ? mi.client_host : "",
                           decodeAssignment(mi.member_assignment, mi.member_assignment_size)});
    }
    out.push_back(std::move(s));
  }
  rd_kafka_group_list_destroy(list);
  std::sort(out.begin(), out.end(),
            [](const GroupSummary& a, const GroupSummary& b) { return a.groupId < b.groupId; });
  return R::success(std::move(out));
}

Result<std::vector<std::pair<std::string, std::string>>> ClusterAdmin::topicConfig(
    const std::string& topic, int timeoutMs) {
  using R = Result<std::vector<std::pair<std::string, std::string>>>;
  if (connection_.cluster) return R::failure("the embedded cluster keeps no topic configuration");
  auto c = client();
  if (!c.ok()) return R::failure(c.error);
  rd_kafka_t* rk = c.value->handle();
  Queue queue(rk);
  char err[512];
  rd_kafka_ConfigResource_t* resource =
      rd_kafka_ConfigResource_new(RD_KAFKA_RESOURCE_TOPIC, topic.c_str());
  rd_kafka_AdminOptions_t* options =
      rd_kafka_AdminOptions_new(rk, RD_KAFKA_ADMIN_OP_DESCRIBECONFIGS);
  rd_kafka_AdminOptions_set_request_timeout(options, timeoutMs, err, sizeof err);
  rd_kafka_DescribeConfigs(rk, &resource, 1, options, queue.q);
  rd_kafka_AdminOptions_destroy(options);
  rd_kafka_ConfigResource_destroy(resource);
  Event ev(rd_kafka_queue_poll(queue.q, timeoutMs + 100));
  if (!ev.ev) return R::failure("timed out reading the configuration of '" + topic + "'");
  if (rd_kafka_event_error(ev.ev))
    return R::failure("cannot read the configuration of '" + topic +
                      "': " + rd_kafka_event_error_string(ev.ev));
  size_t n = 0;
  const rd_kafka_ConfigResource_t** resources =
      rd_kafka_DescribeConfigs_result_resources(rd_kafka_event_DescribeConfigs_result(ev.ev), &n);
  std::vector<std::pair<std::string, std::string>> out;
  for (size_t r = 0; r < n; ++r) {
    if (rd_kafka_ConfigResource_error(resources[r]))
      return R::failure("cannot read the configuration of '" + topic +
                        "': " + rd_kafka_ConfigResource_error_string(resources[r]));
    size_t count = 0;
    const rd_kafka_ConfigEntry_t** entries = rd_kafka_ConfigResource_configs(resources[r], &count);
    for (size_t i = 0; i < count; ++i) {
      // Secrets are never shown; librdkafka gives no value for them anyway.
      if (rd_kafka_ConfigEntry_is_sensitive(entries[i])) continue;
      const char* value = rd_kafka_ConfigEntry_value(entries[i]);
      out.emplace_back(rd_kafka_ConfigEntry_name(entries[i]), value ? value : "");
    }
  }
  std::sort(out.begin(), out.end());
  return R::success(std::move(out));
}

Result<bool> ClusterAdmin::createTopic(const std::string& topic, int partitions,
                                       int replicationFactor, int timeoutMs) {
  using R = Result<bool>;
  if (topic.empty()) return R::failure("topic name is empty");
  if (partitions < 1) return R::failure("a topic needs at least 1 partition");
  if (connection_.cluster) {
    // The embedded cluster does not implement CreateTopics; it has its own call.
    if (describeTopic(topic, timeoutMs).ok())
      return R::failure("topic '" + topic + "' already exists");
    auto made = connection_.cluster->ensureTopic(topic, partitions);
    if (!made.ok()) return made;
    if (!made.value) return R::failure("topic '" + topic + "' already exists");
    return R::success(true);
  }
  auto c = client();
  if (!c.ok()) return R::failure(c.error);
  rd_kafka_t* rk = c.value->handle();
  char err[512] = {0};
  rd_kafka_NewTopic_t* nt =
      rd_kafka_NewTopic_new(topic.c_str(), partitions, replicationFactor, err, sizeof err);
  if (!nt) return R::failure("cannot create topic '" + topic + "': " + err);
  Queue queue(rk);
  rd_kafka_AdminOptions_t* options = rd_kafka_AdminOptions_new(rk, RD_KAFKA_ADMIN_OP_CREATETOPICS);
  rd_kafka_AdminOptions_set_operation_timeout(options, timeoutMs, err, sizeof err);
  rd_kafka_AdminOptions_set_request_timeout(options, timeoutMs, err, sizeof err);
  rd_kafka_CreateTopics(rk, &nt, 1, options, queue.q);
  rd_kafka_AdminOptions_destroy(options);
  rd_kafka_NewTopic_destroy(nt);
  Event ev(rd_kafka_queue_poll(queue.q, timeoutMs + 500));
  if (!ev.ev) return R::failure("timed out creating topic '" + topic + "'");
  if (rd_kafka_event_error(ev.ev))
    return R::failure("cannot create topic '" + topic + "': " + rd_kafka_event_error_string(ev.ev));
  size_t n = 0;
  const rd_kafka_topic_result_t** results =
      rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(ev.ev), &n);
  for (size_t i = 0; i < n; ++i)
    if (rd_kafka_topic_result_error(results[i])) {
      const char* text = rd_kafka_topic_result_error_string(results[i]);
      return R::failure("cannot create topic '" + topic +
                        "': " + (text ? text : errText(rd_kafka_topic_result_error(results[i]))));
    }
  return R::success(true);
}

Result<std::vector<KafkaMessage>> ClusterAdmin::readMessages(const std::string& topic,
                                                             int32_t partition, ReadPosition from,
                                                             size_t maxMessages, int timeoutMs) {
  using R = Result<std::vector<KafkaMessage>>;
  auto deadline = Clock::now() + std::chrono::milliseconds(timeoutMs);
  auto described = describeTopic(topic, timeoutMs);
  if (!described.ok()) return R::failure(described.error);
  const PartitionInfo* info = nullptr;
  for (const auto& p : described.value.partitions)
    if (p.partition == partition) info = &p;
  if (!info)
    return R::failure("topic '" + topic + "' has no partition " + std::to_string(partition) +
                      " (it has " + std::to_string(described.value.partitions.size()) + ")");
  std::vector<KafkaMessage> out;
  if (maxMessages == 0) return R::success(std::move(out));

  int64_t start = info->low;
  switch (from.kind) {
    case ReadPosition::Kind::Beginning:
      break;
    case ReadPosition::Kind::Offset:
      start = std::clamp(from.value, info->low, info->high);
      break;
    case ReadPosition::Kind::Last:
      start = std::max(info->low, info->high - std::max<int64_t>(from.value, 0));
      break;
    case ReadPosition::Kind::Timestamp: {
      auto c = client();
      if (!c.ok()) return R::failure(c.error);
      PartitionList query;
      rd_kafka_topic_partition_list_add(query.list, topic.c_str(), partition)->offset = from.value;
      rd_kafka_resp_err_t e = rd_kafka_offsets_for_times(c.value->handle(), query.list,
                                                         std::max(1, remainingMs(deadline)));
      if (e || query.list->elems[0].err)
        return R::failure("cannot find the offset at that time: " +
                          errText(e ? e : query.list->elems[0].err));
      start = query.list->elems[0].offset < 0 ? info->high : query.list->elems[0].offset;
      break;
    }
  }
  if (start >= info->high) return R::success(std::move(out));

  ClientOptions o;
  o.kind = ClientKind::Consumer;
  o.label = "topic browser '" + connection_.settings.name + "'";
  o.overrides = {{"group.id", "streamcanvas-browser"},
                 {"enable.auto.commit", "false"},
                 {"enable.auto.offset.store", "false"},
                 {"enable.partition.eof", "true"}};
  auto made = KafkaClient::create(connection_, std::move(o));
  if (!made.ok()) return R::failure(made.error);
  rd_kafka_t* rk = made.value->handle();
  PartitionList assignment;
  rd_kafka_topic_partition_list_add(assignment.list, topic.c_str(), partition)->offset = start;
  if (rd_kafka_resp_err_t e = rd_kafka_assign(rk, assignment.list))
    return R::failure("cannot read " + topic + "[" + std::to_string(partition) +
                      "]: " + errText(e));
  std::string error;
  while (out.size() < maxMessages) {
    int left = remainingMs(deadline);
    if (left <= 0) break;
    rd_kafka_message_t* m = rd_kafka_consumer_poll(rk, std::min(left, 100));
    if (!m) continue;
    bool stop = false;
    if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
      stop = m->offset >= info->high;
    } else if (m->err) {
      error = rd_kafka_message_errstr(m);
      stop = true;
    } else {
      out.push_back(toKafkaMessage(m));
      stop = m->offset + 1 >= info->high;
    }
    rd_kafka_message_destroy(m);
    if (stop) break;
  }
  made.value->close();
  if (!error.empty() && out.empty())
    return R::failure("cannot read " + topic + "[" + std::to_string(partition) + "]: " + error);
  return R::success(std::move(out));
}

Result<KafkaMessage> ClusterAdmin::produce(const std::string& topic, int32_t partition,
                                           const std::optional<std::string>& key,
                                           const std::string& value,
                                           const std::vector<MessageHeader>& headers,
                                           int timeoutMs) {
  using R = Result<KafkaMessage>;
  if (topic.empty()) return R::failure("topic name is empty");
  auto c = producer();
  if (!c.ok()) return R::failure(c.error);
  if (connection_.cluster) connection_.ensureTopic(topic);
  rd_kafka_t* rk = c.value->handle();
  rd_kafka_headers_t* hdrs = rd_kafka_headers_new(headers.size());
  for (const auto& h : headers)
    rd_kafka_header_add(hdrs, h.name.c_str(), -1, h.value ? h.value->data() : nullptr,
                        h.value ? static_cast<ssize_t>(h.value->size()) : 0);
  Delivery delivery;
  const char* keyData = key ? key->data() : nullptr;
  const size_t keySize = key ? key->size() : 0;
  char* valueData = const_cast<char*>(value.data());
  const size_t valueSize = value.size();
  const int32_t target = partition < 0 ? RD_KAFKA_PARTITION_UA : partition;
  rd_kafka_resp_err_t e =
      rd_kafka_producev(rk, RD_KAFKA_V_TOPIC(topic.c_str()), RD_KAFKA_V_PARTITION(target),
                        RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                        RD_KAFKA_V_VALUE(valueData, valueSize), RD_KAFKA_V_KEY(keyData, keySize),
                        RD_KAFKA_V_HEADERS(hdrs), RD_KAFKA_V_OPAQUE(&delivery), RD_KAFKA_V_END);
  if (e) {
    rd_kafka_headers_destroy(hdrs);  // still ours when producev fails
    return R::failure("cannot produce to '" + topic + "': " + errText(e));
  }
  auto deadline = Clock::now() + std::chrono::milliseconds(timeoutMs);
  while (!delivery.done && remainingMs(deadline) > 0)
    rd_kafka_poll(rk, std::min(remainingMs(deadline), 50));
  if (!delivery.done) {
    // The report still points at `delivery`: wait it out so the callback never sees a dead object.
    rd_kafka_purge(rk, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
    while (!delivery.done)
      rd_kafka_poll(rk, 50);
    return R::failure("timed out producing to '" + topic + "'");
  }
  if (!delivery.error.empty())
    return R::failure("cannot produce to '" + topic + "': " + delivery.error);
  KafkaMessage m;
  m.topic = topic;
  m.partition = delivery.partition;
  m.offset = delivery.offset;
  m.timestamp = delivery.timestamp;
  m.key = key;
  m.value = value;
  m.headers = headers;
  return R::success(std::move(m));
}

}  // namespace sc::kafka
