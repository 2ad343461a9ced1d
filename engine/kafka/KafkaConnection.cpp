#include "engine/kafka/KafkaConnection.h"

#include <librdkafka/rdkafka.h>

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "engine/graph/Diagnostics.h"
#include "engine/graph/NodeRegistry.h"
#include "engine/kafka/EmbeddedCluster.h"
#include "engine/runtime/Context.h"
#include "engine/runtime/Log.h"

namespace sc::kafka {

namespace {

// Embedded clusters live in a run's resources under this prefix and the connection's name.
constexpr std::string_view kEmbeddedKeyPrefix = "kafka.embedded.";

const std::vector<std::string> kFields = {"type", "bootstrap_servers", "properties",
                                          "embedded_brokers", "embedded_partitions"};

// Property values may be written as JSON strings, numbers or booleans.
bool propertyText(const Json& v, std::string& out) {
  if (v.is_string()) {
    out = v.get<std::string>();
    return true;
  }
  if (v.is_boolean()) {
    out = v.get<bool>() ? "true" : "false";
    return true;
  }
  if (v.is_number_integer()) {
    out = std::to_string(v.get<int64_t>());
    return true;
  }
  if (v.is_number()) {
    out = v.dump();
    return true;
  }
  return false;
}

std::string lower(std::string_view s) {
  std::string r(s);
  std::transform(r.begin(), r.end(), r.begin(),
                 [](unsigned char c) { return char(std::tolower(c)); });
  return r;
}

bool readCount(const Json& entry, const char* field, int& out, std::string& error) {
  if (!entry.contains(field)) return true;
  const Json& v = entry[field];
  if (v.is_number_integer() && v.get<int64_t>() >= 1 && v.get<int64_t>() <= 1000) {
    out = static_cast<int>(v.get<int64_t>());
    return true;
  }
  if (v.is_string()) {
    try {
      size_t used = 0;
      int n = std::stoi(v.get<std::string>(), &used);
      if (used == v.get<std::string>().size() && n >= 1 && n <= 1000) {
        out = n;
        return true;
      }
    } catch (const std::exception&) {
    }
  }
  error = std::string(field) + " must be a whole number from 1 to 1000";
  return false;
}

// Security settings that librdkafka accepts one by one but that cannot work together (SASL
// credentials on a protocol without SASL, half a client certificate, an OAUTHBEARER login
// without a token source, certificate files that are not there). Values still holding ${VAR}
// are checked after substitution.
void checkSecurity(const Json& props, const std::string& pointer, Diagnostics& diags) {
  std::map<std::string, std::string> v;  // lower-case key -> value, literal values only
  for (auto it = props.begin(); it != props.end(); ++it) {
    std::string text;
    if (propertyText(it.value(), text) && text.find("${") == std::string::npos)
      v[lower(it.key())] = text;
  }
  auto has = [&](const char* key) { return props.contains(key); };
  auto where = [&](const char* key) { return pointer + "/properties/" + pointerToken(key); };
  const std::string protocol = v.count("security.protocol") ? lower(v["security.protocol"]) : "";
  const bool protocolKnown = has("security.protocol") ? v.count("security.protocol") > 0 : true;
  const bool sasl = protocol == "sasl_ssl" || protocol == "sasl_plaintext";
  const std::string mechanism = v.count("sasl.mechanism") ? v["sasl.mechanism"] : "";
  if (protocolKnown && !sasl)
    for (const char* key : {"sasl.mechanism", "sasl.username", "sasl.password"})
      if (has(key)) {
        diags.error(where(key),
                    std::string(key) + " is set but security.protocol is '" +
                        (protocol.empty() ? "plaintext" : protocol) +
                        "', so no SASL login happens and the setting is ignored",
                    "set security.protocol to SASL_SSL (or SASL_PLAINTEXT), or remove the SASL "
                    "settings");
        break;
      }
  if (sasl && (mechanism == "PLAIN" || mechanism.rfind("SCRAM-", 0) == 0))
    for (const char* key : {"sasl.username", "sasl.password"})
      if (!has(key))
        diags.error(
            pointer + "/properties",
            "sasl.mechanism " + mechanism + " needs " + key + " but it is not set",
            R"(e.g. "sasl.username": "${KAFKA_USER}", "sasl.password": "${KAFKA_PASSWORD}")");
  auto unresolved = [&](const char* key) { return has(key) && !v.count(key); };  // ${VAR}
  if (sasl && mechanism == "OAUTHBEARER" &&
      lower(v["enable.sasl.oauthbearer.unsecure.jwt"]) != "true" &&
      lower(v["sasl.oauthbearer.method"]) != "oidc" &&
      !unresolved("enable.sasl.oauthbearer.unsecure.jwt") && !unresolved("sasl.oauthbearer.method"))
    diags.error(pointer + "/properties", "sasl.mechanism OAUTHBEARER has no token source",
                "set sasl.oauthbearer.method to oidc (with sasl.oauthbearer.client.id, "
                "client.secret and token.endpoint.url), or for testing "
                "enable.sasl.oauthbearer.unsecure.jwt=true with sasl.oauthbearer.config");
  if (has("ssl.certificate.location") != has("ssl.key.location"))
    diags.error(
        where(has("ssl.certificate.location") ? "ssl.certificate.location" : "ssl.key.location"),
        "a client certificate needs both ssl.certificate.location and ssl.key.location",
        "set the other one, or remove both for TLS without a client certificate");
  for (const char* key : {"ssl.ca.location", "ssl.certificate.location", "ssl.key.location"}) {
    auto it = v.find(key);
    if (it == v.end() || it->second.empty() || it->second == "probe") continue;
    if (::access(it->second.c_str(), R_OK) != 0)
      diags.error(where(key), std::string(key) + " '" + it->second + "' cannot be read",
                  "check the path (relative paths start from the working directory)");
  }
}

}  // namespace

bool isSecretProperty(std::string_view key) {
  std::string k = lower(key);
  return k.find("password") != std::string::npos || k.find("secret") != std::string::npos ||
         k == "sasl.oauthbearer.config" || k == "ssl.key.pem" || k == "ssl_key" ||
         k == "ssl.keystore.password";
}

std::string describeProperties(const std::vector<std::pair<std::string, std::string>>& properties) {
  std::string out;
  for (const auto& [k, v] : properties) {
    if (!out.empty()) out += ", ";
    out += k + '=' + (isSecretProperty(k) ? std::string("***") : v);
  }
  return out;
}

std::string setProperty(rd_kafka_conf_t* conf, const std::string& key, const std::string& value) {
  char err[512] = {0};
  if (rd_kafka_conf_set(conf, key.c_str(), value.c_str(), err, sizeof err) != RD_KAFKA_CONF_OK)
    return err[0] ? std::string(err) : "invalid value for \"" + key + '"';
  return {};
}

std::string applyProperties(rd_kafka_conf_t* conf,
                            const std::vector<std::pair<std::string, std::string>>& properties) {
  for (const auto& [k, v] : properties) {
    std::string e = setProperty(conf, k, v);
    if (!e.empty()) return "connection property '" + k + "': " + e;
  }
  return {};
}

Result<ConnectionSettings> ConnectionSettings::fromJson(const std::string& name,
                                                        const Json& entry) {
  using R = Result<ConnectionSettings>;
  if (!entry.is_object()) return R::failure("connection '" + name + "' must be an object");
  ConnectionSettings s;
  s.name = name;
  if (entry.contains("type") && entry["type"] != "kafka")
    return R::failure("connection '" + name + "' is not a Kafka connection");
  if (entry.contains("bootstrap_servers")) {
    if (!entry["bootstrap_servers"].is_string())
      return R::failure("connection '" + name + "': bootstrap_servers must be a string");
    s.bootstrapServers = entry["bootstrap_servers"].get<std::string>();
    if (s.bootstrapServers.empty()) s.bootstrapServers = kEmbedded;
  }
  std::string error;
  if (!readCount(entry, "embedded_brokers", s.embeddedBrokers, error) ||
      !readCount(entry, "embedded_partitions", s.embeddedPartitions, error))
    return R::failure("connection '" + name + "': " + error);
  if (entry.contains("properties")) {
    const Json& props = entry["properties"];
    if (!props.is_object())
      return R::failure("connection '" + name + "': properties must be an object");
    for (auto it = props.begin(); it != props.end(); ++it) {
      std::string text;
      if (!propertyText(it.value(), text))
        return R::failure("connection '" + name + "': property '" + it.key() +
                          "' must be a string, number or boolean");
      if (isSecretProperty(it.key()) && !text.empty()) Logger::global().addSecret(text);
      s.properties.emplace_back(it.key(), std::move(text));
    }
  }
  return R::success(std::move(s));
}

Result<ConnectionSettings> ConnectionSettings::fromPipeline(const Json& pipeline,
                                                            const std::string& name) {
  if (name.empty()) return Result<ConnectionSettings>::failure("no connection named");
  if (!pipeline.is_object() || !pipeline.contains("connections") ||
      !pipeline["connections"].is_object() || !pipeline["connections"].contains(name))
    return Result<ConnectionSettings>::failure("connection '" + name +
                                               "' is not defined under \"connections\"");
  return fromJson(name, pipeline["connections"][name]);
}

Result<bool> ResolvedConnection::ensureTopic(const std::string& topic) const {
  if (!cluster) return Result<bool>::success(false);
  return cluster->ensureTopic(topic, settings.embeddedPartitions);
}

Result<ResolvedConnection> resolveConnection(const ConnectionSettings& settings,
                                             ResourceRegistry& resources) {
  using R = Result<ResolvedConnection>;
  ResolvedConnection rc;
  rc.settings = settings;
  if (!settings.embedded()) {
    rc.bootstrapServers = settings.bootstrapServers;
    return R::success(std::move(rc));
  }
  std::string error;
  auto cluster =
      resources.getOrCreate<EmbeddedCluster>(std::string(kEmbeddedKeyPrefix) + settings.name, [&] {
        auto started = EmbeddedCluster::start(settings.embeddedBrokers, settings.embeddedPartitions,
                                              settings.name);
        if (!started.ok()) error = started.error;
        return started.value;
      });
  if (!cluster) return R::failure("connection '" + settings.name + "': " + error);
  rc.bootstrapServers = cluster->bootstrapServers();
  rc.cluster = std::move(cluster);
  return R::success(std::move(rc));
}

std::vector<std::pair<std::string, std::string>> embeddedClusters(
    const ResourceRegistry& resources) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const std::string& key : resources.keys()) {
    if (key.rfind(kEmbeddedKeyPrefix, 0) != 0) continue;
    auto cluster = std::static_pointer_cast<EmbeddedCluster>(resources.find(key));
    if (cluster)
      out.emplace_back(key.substr(kEmbeddedKeyPrefix.size()), cluster->bootstrapServers());
  }
  return out;
}

ConnectionType kafkaConnectionType() {
  ConnectionType t;
  t.type = "kafka";
  t.title = "Kafka";
  t.describeField = [](const std::string& field) -> ConnectionField {
    if (field == "/bootstrap_servers")
      return {ExportAs::Variable,
              "bootstrap servers, host:port[,host:port...], or \"embedded\" for the "
              "in-process sandbox cluster"};
    if (field == "/embedded_brokers") return {ExportAs::Keep, "brokers of the embedded cluster"};
    if (field == "/embedded_partitions")
      return {ExportAs::Keep, "partitions of the embedded cluster's topics"};
    const std::string prefix = "/properties/";
    if (field.rfind(prefix, 0) != 0) return {ExportAs::Keep, field.substr(1)};
    std::string key;  // the JSON Pointer token unescaped
    for (size_t i = prefix.size(); i < field.size(); ++i) {
      if (field[i] == '~' && i + 1 < field.size())
        key += field[++i] == '1' ? '/' : '~';
      else
        key += field[i];
    }
    if (isSecretProperty(key)) return {ExportAs::Secret, "librdkafka " + key + " (secret)"};
    // Who connects and which files hold keys differ between environments.
    if (key == "sasl.username")
      return {ExportAs::Variable, "SASL user name (librdkafka sasl.username)"};
    if (key.size() > 9 && key.compare(key.size() - 9, 9, ".location") == 0)
      return {ExportAs::Variable, "file path (librdkafka " + key + ")"};
    return {ExportAs::Keep, "librdkafka property " + key};
  };
  t.summary =
      "A Kafka cluster: a bootstrap list, or \"embedded\" for an in-process sandbox cluster";
  t.validate = [](const Json& entry, const std::string& pointer, Diagnostics& diags) {
    if (!entry.is_object()) {
      diags.error(pointer, "a Kafka connection must be an object",
                  R"(e.g. {"type": "kafka", "bootstrap_servers": "embedded"})");
      return;
    }
    for (auto it = entry.begin(); it != entry.end(); ++it) {
      if (std::find(kFields.begin(), kFields.end(), it.key()) == kFields.end()) {
        std::string hint = didYouMean(it.key(), kFields);
        diags.error(pointer + '/' + pointerToken(it.key()),
                    "unknown Kafka connection field '" + it.key() + "'",
                    hint.empty() ? "known fields: type, bootstrap_servers, properties, "
                                   "embedded_brokers, embedded_partitions"
                                 : hint);
      }
    }
    if (entry.contains("bootstrap_servers") && !entry["bootstrap_servers"].is_string())
      diags.error(pointer + "/bootstrap_servers", "bootstrap_servers must be a string",
                  "a list like \"host1:9092,host2:9092\", or \"embedded\"");
    for (const char* field : {"embedded_brokers", "embedded_partitions"}) {
      if (!entry.contains(field)) continue;
      const Json& v = entry[field];
      if (v.is_string() && v.get<std::string>().find("${") != std::string::npos) continue;
      int n = 0;
      std::string error;
      if (!readCount(entry, field, n, error)) diags.error(pointer + '/' + field, error);
    }
    if (!entry.contains("properties")) return;
    const Json& props = entry["properties"];
    if (!props.is_object()) {
      diags.error(pointer + "/properties", "properties must be an object of librdkafka settings",
                  R"(e.g. {"security.protocol": "SASL_SSL"})");
      return;
    }
    rd_kafka_conf_t* scratch = rd_kafka_conf_new();
    for (auto it = props.begin(); it != props.end(); ++it) {
      std::string where = pointer + "/properties/" + pointerToken(it.key());
      std::string text;
      if (!propertyText(it.value(), text)) {
        diags.error(where, "property '" + it.key() + "' must be a string, number or boolean");
        continue;
      }
      if (it.key() == "bootstrap.servers") {
        diags.error(where,
                    "set the cluster with bootstrap_servers, not properties/bootstrap.servers",
                    "move the value to the connection's bootstrap_servers field");
        continue;
      }
      if (text.find("${") != std::string::npos) continue;
      std::string e = setProperty(scratch, it.key(), text);
      if (!e.empty())
        diags.error(where, "librdkafka rejects '" + it.key() + "': " + e,
                    "see librdkafka's CONFIGURATION.md for the accepted names and values");
    }
    rd_kafka_conf_destroy(scratch);
    checkSecurity(props, pointer, diags);
  };
  return t;
}

}  // namespace sc::kafka
