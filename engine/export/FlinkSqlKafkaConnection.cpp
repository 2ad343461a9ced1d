// A pipeline connection's librdkafka settings -> the Flink Kafka connector's (Java client)
// options: security, SASL logins, key stores; secrets must be ${VAR} references.
#include "engine/export/FlinkSqlTranslator.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "engine/graph/Pipeline.h"

namespace sc::flinksql {

std::optional<std::vector<std::string>> Translator::kafkaConnection(const NodeConfig& cfg) {
  // Returns 'key' = 'value' pairs flattened: even entries keys, odd entries values.
  const std::string name = cfg.getString("connection");
  const Json& entry = pipeline_.connections.contains(name) ? pipeline_.connections[name] : Json();
  const std::string where = "/connections/" + pointerToken(name);
  std::vector<std::string> out;
  bool ok = true;
  const std::string servers = entry.value("bootstrap_servers", "");
  if (servers.empty() || servers == "embedded") {
    refuse(cfg, "connection",
           "connection '" + name +
               "' uses StreamCanvas's embedded cluster, which Flink cannot "
               "reach",
           "set bootstrap_servers to a real cluster, e.g. \"${KAFKA_BOOTSTRAP}\"");
    return std::nullopt;
  }
  out.insert(out.end(), {"properties.bootstrap.servers", servers});
  const Json props = entry.contains("properties") && entry["properties"].is_object()
                         ? entry["properties"]
                         : Json::object();
  // librdkafka properties whose Java client name and meaning are the same.
  static const std::set<std::string> same = {"security.protocol",
                                             "sasl.mechanism",
                                             "client.id",
                                             "session.timeout.ms",
                                             "heartbeat.interval.ms",
                                             "max.poll.interval.ms",
                                             "request.timeout.ms",
                                             "socket.connection.setup.timeout.ms",
                                             "metadata.max.age.ms",
                                             "fetch.min.bytes",
                                             "fetch.max.bytes",
                                             "max.partition.fetch.bytes",
                                             "ssl.endpoint.identification.algorithm",
                                             "sasl.kerberos.service.name"};
  std::string mechanism, user, password;
  std::map<std::string, std::string> oauth;      // sasl.oauthbearer.* by librdkafka name
  std::map<std::string, std::string> clientPem;  // ssl.certificate.location, ssl.key.location
  std::string keystoreType, keystoreKey;         // the client certificate's form, and from where
  // A client certificate comes in one form: a PKCS#12 key store or PEM (files or text).
  auto keystore = [&](const std::string& type, const std::string& key, const std::string& at) {
    if (keystoreType.empty() || keystoreType == type) {
      keystoreType = type;
      keystoreKey = key;
      return true;
    }
    refuseAt(at, cfg.id(), "'" + key + "' and '" + keystoreKey + "' both give a client certificate",
             "keep one: ssl.keystore.location (PKCS#12) or the PEM certificate and key");
    ok = false;
    return false;
  };
  for (const auto& [key, value] : props.items()) {
    const std::string pointer = where + "/properties/" + pointerToken(key);
    const std::string v = value.is_string() ? value.get<std::string>() : value.dump();
    const bool secret = key.find("password") != std::string::npos ||
                        key.find("secret") != std::string::npos || key == "ssl.key.pem" ||
                        key == "sasl.oauthbearer.config";
    if (secret && !hasVariable(v)) {
      refuseAt(pointer, cfg.id(), "'" + key + "' is written in the pipeline file",
               "write it as ${VAR} so the exported script never holds the secret");
      ok = false;
      continue;
    }
    if (key == "sasl.mechanism") mechanism = v;
    if (key == "sasl.username") {
      user = v;
    } else if (key == "sasl.password") {
      password = v;
    } else if (key.rfind("sasl.oauthbearer.", 0) == 0 && key != "sasl.oauthbearer.config") {
      oauth[key] = v;
    } else if (key == "ssl.ca.location") {
      out.insert(out.end(), {"properties.ssl.truststore.type", "PEM",
                             "properties.ssl.truststore.location", v});
    } else if (key == "ssl.ca.pem") {
      out.insert(out.end(), {"properties.ssl.truststore.type", "PEM",
                             "properties.ssl.truststore.certificates", v});
    } else if (key == "ssl.keystore.location") {
      // librdkafka's key store is PKCS#12.
      if (keystore("PKCS12", key, pointer))
        out.insert(out.end(), {"properties.ssl.keystore.type", "PKCS12",
                               "properties.ssl.keystore.location", v});
    } else if (key == "ssl.keystore.password" || key == "ssl.key.password") {
      out.insert(out.end(), {"properties." + key, v});
    } else if (key == "ssl.certificate.location" || key == "ssl.key.location") {
      if (keystore("PEM", key, pointer)) clientPem[key] = v;
    } else if (key == "ssl.certificate.pem" || key == "ssl.key.pem") {
      if (keystore("PEM", key, pointer))
        out.insert(out.end(), {key == "ssl.key.pem" ? "properties.ssl.keystore.key"
                                                    : "properties.ssl.keystore.certificate.chain",
                               v});
    } else if (same.count(key)) {
      out.insert(out.end(), {"properties." + key, v});
    } else {
      refuseAt(pointer, cfg.id(),
               "librdkafka property '" + key + "' is not translated to the Java client",
               "set the Java client's property in the exported script by hand");
      ok = false;
    }
  }
  if (keystoreType == "PEM") {
    if (!clientPem.empty()) {
      // The Java client reads a PEM key store from one file holding the key and the chain.
      const std::string cert = clientPem["ssl.certificate.location"],
                        key = clientPem["ssl.key.location"];
      if (cert != key) {
        refuseAt(where + "/properties/ssl.key.location", cfg.id(),
                 "a client certificate and its key in two files are not translated",
                 "the Java client reads a PEM key store from one file: put the private key and "
                 "the certificate chain into one file and give it as both "
                 "ssl.certificate.location and ssl.key.location (or use a PKCS#12 "
                 "ssl.keystore.location)");
        ok = false;
      } else {
        out.insert(out.end(), {"properties.ssl.keystore.location", key});
      }
    }
    out.insert(out.end(), {"properties.ssl.keystore.type", "PEM"});
  }
  const bool login = mechanism == "PLAIN" || mechanism.rfind("SCRAM-", 0) == 0;
  if (mechanism == "OAUTHBEARER") {
    // librdkafka's OIDC client credentials are the Java client's OAuthBearerLoginModule with its
    // login callback handler; the unsecured JWT builder (a test aid) has no equivalent.
    const bool hasMethod = oauth.count("sasl.oauthbearer.method") > 0;
    const std::string method = oauth["sasl.oauthbearer.method"];
    std::string lowerMethod = method;
    for (char& c : lowerMethod)
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lowerMethod != "oidc") {
      refuseAt(where + "/properties" + (hasMethod ? "/sasl.oauthbearer.method" : ""), cfg.id(),
               "SASL OAUTHBEARER without sasl.oauthbearer.method 'oidc' is not translated",
               "Flink's Kafka client logs in with OIDC client credentials: set "
               "sasl.oauthbearer.method to oidc with sasl.oauthbearer.client.id, "
               "client.secret and token.endpoint.url");
      return std::nullopt;
    }
    for (const char* needed : {"sasl.oauthbearer.client.id", "sasl.oauthbearer.client.secret",
                               "sasl.oauthbearer.token.endpoint.url"})
      if (oauth[needed].empty()) {
        refuseAt(where + "/properties", cfg.id(),
                 std::string("SASL OAUTHBEARER (oidc) without ") + needed + " is not translated",
                 std::string("set ") + needed);
        ok = false;
      }
    std::string jaas =
        "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required"
        " clientId=\"" +
        oauth["sasl.oauthbearer.client.id"] + "\" clientSecret=\"" +
        oauth["sasl.oauthbearer.client.secret"] + "\"";
    if (!oauth["sasl.oauthbearer.scope"].empty())
      jaas += " scope=\"" + oauth["sasl.oauthbearer.scope"] + "\"";
    // librdkafka's "k1=v1,k2=v2" extensions are the login module's extension_k1="v1" options.
    std::string extensions = oauth["sasl.oauthbearer.extensions"];
    for (size_t at = 0; !extensions.empty() && at <= extensions.size();) {
      const size_t comma = std::min(extensions.find(',', at), extensions.size());
      const std::string item = extensions.substr(at, comma - at);
      const size_t eq = item.find('=');
      if (eq == std::string::npos || eq == 0) {
        refuseAt(where + "/properties/sasl.oauthbearer.extensions", cfg.id(),
                 "extension '" + item + "' is not key=value",
                 "write the extensions as key1=value1,key2=value2");
        ok = false;
        break;
      }
      jaas += " extension_" + item.substr(0, eq) + "=\"" + item.substr(eq + 1) + "\"";
      at = comma + 1;
    }
    out.insert(
        out.end(),
        {"properties.sasl.login.callback.handler.class",
         "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler",
         "properties.sasl.oauthbearer.token.endpoint.url",
         oauth["sasl.oauthbearer.token.endpoint.url"], "properties.sasl.jaas.config", jaas + ";"});
  } else if (!user.empty() || !password.empty() || (!mechanism.empty() && !login)) {
    if (!login) {
      refuseAt(where + "/properties/sasl.mechanism", cfg.id(),
               "SASL mechanism '" + mechanism + "' is not translated",
               "PLAIN, SCRAM-SHA-256/512 and OAUTHBEARER (oidc) are");
      return std::nullopt;
    }
    const std::string module = mechanism == "PLAIN"
                                   ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                                   : "org.apache.kafka.common.security.scram.ScramLoginModule";
    out.insert(out.end(), {"properties.sasl.jaas.config", module + " required username=\"" + user +
                                                              "\" password=\"" + password + "\";"});
  }
  if (!ok) return std::nullopt;
  return out;
}

}  // namespace sc::flinksql
