#pragma once
// A pipeline's Kafka connection ("connections": {"local": {"type": "kafka", ...}}): where the
// cluster is (a bootstrap list or "embedded"), and librdkafka properties passed through as-is.

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/graph/Json.h"
#include "engine/kafka/KafkaResult.h"

typedef struct rd_kafka_conf_s rd_kafka_conf_t;

namespace sc {
struct ConnectionType;
class ResourceRegistry;
}  // namespace sc

namespace sc::kafka {

class EmbeddedCluster;

struct ConnectionSettings {
  static constexpr const char* kEmbedded = "embedded";

  std::string name;  // the key under "connections"
  std::string bootstrapServers = kEmbedded;
  std::vector<std::pair<std::string, std::string>> properties;  // librdkafka, file order
  int embeddedBrokers = 1;
  int embeddedPartitions = 4;

  bool embedded() const { return bootstrapServers == kEmbedded; }
  // Reads one entry of "connections" (already ${VAR}-substituted).
  static Result<ConnectionSettings> fromJson(const std::string& name, const Json& entry);
  // The connection named `name` in a resolved pipeline document.
  static Result<ConnectionSettings> fromPipeline(const Json& pipeline, const std::string& name);
};

// A connection ready for clients: the bootstrap list to use and, for "embedded", the running
// cluster (kept alive as long as any holder needs it).
struct ResolvedConnection {
  ConnectionSettings settings;
  std::string bootstrapServers;
  std::shared_ptr<EmbeddedCluster> cluster;  // null for a real cluster
  // Creates `topic` on the embedded cluster with the connection's partition count (no-op for a
  // real cluster, whose topics come from its own admin or auto-creation).
  Result<bool> ensureTopic(const std::string& topic) const;
};

// Starts (or reuses, within one run) the embedded cluster of an "embedded" connection; resources
// are keyed by connection name so every node of a run shares one cluster per connection.
Result<ResolvedConnection> resolveConnection(const ConnectionSettings& settings,
                                             ResourceRegistry& resources);

// The embedded clusters started in `resources`: connection name and bootstrap list.
std::vector<std::pair<std::string, std::string>> embeddedClusters(
    const ResourceRegistry& resources);

// True for properties whose values must never be printed (sasl.password, ssl.key.password,
// anything naming a password or secret).
bool isSecretProperty(std::string_view key);
// "key=value, ..." with secret values masked, for log lines.
std::string describeProperties(const std::vector<std::pair<std::string, std::string>>& properties);

// Applies properties to `conf`; on the first failure returns librdkafka's message, prefixed
// with the key (values are never echoed: they may be secret).
std::string applyProperties(rd_kafka_conf_t* conf,
                            const std::vector<std::pair<std::string, std::string>>& properties);
// Sets one property; librdkafka's error text on failure, empty on success.
std::string setProperty(rd_kafka_conf_t* conf, const std::string& key, const std::string& value);

// The "kafka" connection type: checks fields and runs every property through librdkafka.
ConnectionType kafkaConnectionType();

}  // namespace sc::kafka
