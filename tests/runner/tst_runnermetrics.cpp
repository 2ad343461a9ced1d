// streamcanvas-run --metrics-port as Prometheus and a Kubernetes probe see it: the real binary,
// scraped over HTTP with plain sockets, its exposition text parsed strictly (families declared
// before their samples, valid names and labels, counters ending in _total, cumulative histogram
// buckets), and /healthz and /readyz answering as the pipeline starts, runs, restarts and fails.
#include <QtTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmath>
#include <csignal>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace {

const QString kRunner = QStringLiteral(SC_BINARY_DIR "/app/runner/streamcanvas-run");
const QString kSource = QStringLiteral(SC_SOURCE_DIR);

struct HttpResponse {
  int status = 0;  // 0: no answer
  std::string headers, body;
};

// One GET over HTTP/1.0 (the server closes the connection after the answer).
HttpResponse httpGet(int port, const std::string& path) {
  HttpResponse r;
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return r;
  timeval timeout{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string raw;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
    const std::string request = "GET " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
    if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) ==
        static_cast<ssize_t>(request.size())) {
      char buf[65536];
      ssize_t n;
      while ((n = ::recv(fd, buf, sizeof buf, 0)) > 0)
        raw.append(buf, static_cast<size_t>(n));
    }
  }
  ::close(fd);
  const size_t end = raw.find("\r\n\r\n");
  if (raw.rfind("HTTP/1.", 0) != 0 || end == std::string::npos) return r;
  r.status = std::atoi(raw.c_str() + raw.find(' ') + 1);
  r.headers = raw.substr(0, end);
  r.body = raw.substr(end + 4);
  return r;
}

struct Sample {
  std::string name;
  std::map<std::string, std::string> labels;
  double value = 0;
};

struct Exposition {
  std::map<std::string, std::string> types;  // family -> counter, gauge, histogram, summary
  std::vector<Sample> samples;
  std::string error;  // first violation found, with its line

  std::vector<Sample> find(const std::string& name,
                           const std::map<std::string, std::string>& labels = {}) const {
    std::vector<Sample> out;
    for (const Sample& s : samples) {
      if (s.name != name) continue;
      bool match = true;
      for (const auto& [k, v] : labels)
        match &= s.labels.count(k) && s.labels.at(k) == v;
      if (match) out.push_back(s);
    }
    return out;
  }
  std::optional<double> value(const std::string& name,
                              const std::map<std::string, std::string>& labels = {}) const {
    auto found = find(name, labels);
    if (found.size() != 1) return std::nullopt;
    return found.front().value;
  }
};

// The family a sample name belongs to, given the declared types ("" when none).
std::string familyOf(const std::string& name, const std::map<std::string, std::string>& types) {
  if (types.count(name)) {
    const std::string& type = types.at(name);
    if (type != "histogram") return name;  // summary quantiles carry the family name too
  }
  for (const char* suffix : {"_bucket", "_sum", "_count"}) {
    const std::string s = suffix;
    if (name.size() <= s.size() || name.compare(name.size() - s.size(), s.size(), s) != 0) continue;
    const std::string base = name.substr(0, name.size() - s.size());
    if (!types.count(base)) continue;
    const std::string& type = types.at(base);
    if (type == "histogram" || (type == "summary" && s != "_bucket")) return base;
  }
  return "";
}

// Parses the text exposition format 0.0.4 strictly; Exposition::error names the first problem.
Exposition parseExposition(const std::string& text) {
  static const std::regex metricName("[a-zA-Z_:][a-zA-Z0-9_:]*");
  static const std::regex labelName("[a-zA-Z_][a-zA-Z0-9_]*");
  static const std::regex number(
      R"([+-]?(Inf|NaN|[0-9]+(\.[0-9]*)?([eE][+-]?[0-9]+)?|\.[0-9]+([eE][+-]?[0-9]+)?))");
  Exposition x;
  auto fail = [&](const std::string& line, const std::string& why) {
    if (x.error.empty()) x.error = why + " in line: " + line;
  };
  if (text.empty() || text.back() != '\n') fail(text.substr(0, 80), "text must end in a newline");
  std::set<std::string> helped, finished, series;
  std::string current;  // family whose samples are being read
  size_t pos = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string::npos) eol = text.size();
    const std::string line = text.substr(pos, eol - pos);
    pos = eol + 1;
    if (line.empty()) continue;
    if (line[0] == '#') {
      std::smatch m;
      static const std::regex help("# HELP ([^ ]+) (.*)");
      static const std::regex type("# TYPE ([^ ]+) (counter|gauge|histogram|summary|untyped)");
      if (std::regex_match(line, m, help)) {
        const std::string name = m[1];
        if (!std::regex_match(name, metricName)) fail(line, "bad metric name");
        if (!helped.insert(name).second) fail(line, "second HELP");
        const std::string doc = m[2];
        for (size_t i = 0; i < doc.size(); ++i)
          if (doc[i] == '\\' && (i + 1 == doc.size() || !std::strchr("\\n", doc[++i])))
            fail(line, "bad escape in HELP");
      } else if (std::regex_match(line, m, type)) {
        const std::string name = m[1];
        if (!std::regex_match(name, metricName)) fail(line, "bad metric name");
        if (x.types.count(name)) fail(line, "second TYPE");
        if (finished.count(name) || name == current) fail(line, "TYPE after samples");
        x.types[name] = m[2];
      } else {
        fail(line, "a comment that is neither HELP nor TYPE");
      }
      continue;
    }
    // name{label="value",...} value [timestamp]
    Sample s;
    size_t i = 0;
    while (i < line.size() && line[i] != '{' && line[i] != ' ')
      ++i;
    s.name = line.substr(0, i);
    if (!std::regex_match(s.name, metricName)) fail(line, "bad metric name");
    if (i < line.size() && line[i] == '{') {
      ++i;
      while (i < line.size() && line[i] != '}') {
        size_t eq = line.find('=', i);
        if (eq == std::string::npos) {
          fail(line, "label without =");
          break;
        }
        const std::string key = line.substr(i, eq - i);
        if (!std::regex_match(key, labelName) || key.rfind("__", 0) == 0)
          fail(line, "bad label name '" + key + "'");
        i = eq + 1;
        if (i >= line.size() || line[i] != '"') {
          fail(line, "label value not quoted");
          break;
        }
        std::string value;
        for (++i; i < line.size() && line[i] != '"'; ++i) {
          if (line[i] != '\\') {
            value += line[i];
            continue;
          }
          if (++i >= line.size()) break;
          if (line[i] == 'n')
            value += '\n';
          else if (line[i] == '\\' || line[i] == '"')
            value += line[i];
          else
            fail(line, "bad escape in label value");
        }
        if (i >= line.size()) {
          fail(line, "unterminated label value");
          break;
        }
        ++i;  // closing quote
        if (!s.labels.emplace(key, value).second) fail(line, "label twice: " + key);
        if (i < line.size() && line[i] == ',') ++i;
      }
      if (i >= line.size()) {
        fail(line, "unterminated label set");
        continue;
      }
      ++i;  // }
    }
    if (i >= line.size() || line[i] != ' ') {
      fail(line, "no space before the value");
      continue;
    }
    std::string rest = line.substr(i + 1);
    const size_t space = rest.find(' ');
    const std::string value = rest.substr(0, space);
    if (space != std::string::npos &&
        !std::regex_match(rest.substr(space + 1), std::regex("-?[0-9]+")))
      fail(line, "bad timestamp");
    if (!std::regex_match(value, number)) {
      fail(line, "bad value '" + value + "'");
      continue;
    }
    s.value = value.find("Inf") != std::string::npos
                  ? (value[0] == '-' ? -INFINITY : INFINITY)
                  : (value.find("NaN") != std::string::npos ? NAN : std::stod(value));
    const std::string family = familyOf(s.name, x.types);
    if (family.empty()) fail(line, "sample of no declared family");
    if (family != current) {
      if (!current.empty()) finished.insert(current);
      if (finished.count(family)) fail(line, "samples of a family are not together");
      current = family;
    }
    std::string key = s.name;
    for (const auto& [k, v] : s.labels)
      key += "|" + k + "=" + v;
    if (!series.insert(key).second) fail(line, "the same series twice");
    x.samples.push_back(std::move(s));
  }
  for (const auto& [name, type] : x.types) {
    if (!helped.count(name)) fail(name, "family without HELP");
    if (type == "counter" && name.size() > 6 && name.compare(name.size() - 6, 6, "_total") != 0)
      fail(name, "counter without _total");
    if (type != "counter" && name.size() > 6 && name.compare(name.size() - 6, 6, "_total") == 0)
      fail(name, "_total on a " + type);
    if (name.rfind("streamcanvas_", 0) != 0) fail(name, "no streamcanvas_ prefix");
    for (const char* unit : {"_ms", "_millis", "_milliseconds", "_kb", "_mb", "_percent"})
      if (name.find(unit) != std::string::npos) fail(name, "not a base unit");
    if (type != "histogram") continue;
    // Buckets are cumulative per label set and end with le="+Inf", equal to _count.
    double last = -1;
    bool sawInf = false;
    for (const Sample& s : x.find(name + "_bucket")) {
      if (!s.labels.count("le")) fail(name, "bucket without le");
      if (s.value < last) fail(name, "buckets not cumulative");
      last = s.value;
      sawInf |= s.labels.count("le") && s.labels.at("le") == "+Inf";
    }
    auto count = x.value(name + "_count");
    if (!sawInf || !count || *count != last) fail(name, "+Inf bucket missing or not _count");
  }
  return x;
}

class RunnerProcess {
 public:
  explicit RunnerProcess(const QStringList& args) {
    p_.setWorkingDirectory(kSource);
    p_.start(kRunner, args);
    p_.waitForStarted(10000);
  }
  ~RunnerProcess() {
    if (p_.state() != QProcess::NotRunning) {
      p_.kill();
      p_.waitForFinished();
    }
  }
  QProcess& process() { return p_; }
  // Everything the runner logged so far.
  const QByteArray& err() {
    err_ += p_.readAllStandardError();
    return err_;
  }
  // The port from "serving http://127.0.0.1:PORT/metrics" in the log (text or JSON); 0 before.
  int port() {
    static const QRegularExpression serving(R"(serving http://127\.0\.0\.1:(\d+)/metrics)");
    auto m = serving.match(QString::fromUtf8(err()));
    return m.hasMatch() ? m.captured(1).toInt() : 0;
  }
  void terminate() { ::kill(static_cast<pid_t>(p_.processId()), SIGTERM); }

 private:
  QProcess p_;
  QByteArray err_;
};

QString writeTemp(QTemporaryDir& dir, const QString& name, const QByteArray& text) {
  const QString path = dir.filePath(name);
  QFile f(path);
  f.open(QIODevice::WriteOnly);
  f.write(text);
  return path;
}

// The test gives it a name that needs escaping in label values (see kEscapedName).
const char* const kMetricsPipeline = R"({"streamcanvas": 1,
  "settings": {"checkpoint_interval": "1s"},
  "connections": {"local": {"type": "kafka", "bootstrap_servers": "embedded"}},
  "nodes": [
    {"id": "gen", "type": "generator", "properties": {"template": "sensors", "rate": 500}},
    {"id": "to_kafka", "type": "kafka.sink",
     "properties": {"connection": "local", "topic": "readings", "key": "device"}},
    {"id": "from_kafka", "type": "kafka.source",
     "properties": {"connection": "local", "topics": ["readings"]}},
    {"id": "per-second", "type": "window.tumbling",
     "properties": {"size": "1s", "key": "device", "aggregates": [{"as": "n", "fn": "count"}]}},
    {"id": "out", "type": "discard.sink"}],
  "edges": [{"from": "gen", "to": "to_kafka"}, {"from": "from_kafka", "to": "per-second"},
            {"from": "per-second", "to": "out"}]})";

const char* const kFarPipeline = R"({"streamcanvas": 1, "name": "far",
  "connections": {"far": {"type": "kafka", "bootstrap_servers": "127.0.0.1:1"}},
  "nodes": [{"id": "in", "type": "kafka.source", "properties": {"connection": "far", "topics": ["t"]}},
            {"id": "out", "type": "discard.sink"}],
  "edges": [{"from": "in", "to": "out"}]})";

const char* const kFullPipeline = R"({"streamcanvas": 1, "name": "full",
  "nodes": [{"id": "gen", "type": "generator", "properties": {"template": "sensors", "rate": 100}},
            {"id": "disk", "type": "file.sink", "properties": {"path": "/dev/full"}}],
  "edges": [{"from": "gen", "to": "disk"}]})";

const char* const kTinyPipeline = R"({"streamcanvas": 1, "name": "tiny",
  "nodes": [{"id": "gen", "type": "generator", "properties": {"count": 1}},
            {"id": "out", "type": "discard.sink"}],
  "edges": [{"from": "gen", "to": "out"}]})";

const char* const kBadInputPipeline = R"({"streamcanvas": 1, "name": "bad-input",
  "nodes": [{"id": "src", "type": "file.source", "properties": {"path": "%1", "on_error": "fail"}},
            {"id": "out", "type": "discard.sink"}],
  "edges": [{"from": "src", "to": "out"}]})";

// Quote and backslash: label values escape both.
const std::string kEscapedName = "metrics \"demo\" \\ 1";

const QStringList kServe = {"--metrics-port", "0", "--metrics-address", "127.0.0.1", "--fresh"};

}  // namespace

class TestRunnerMetrics : public QObject {
  Q_OBJECT
  std::unique_ptr<QTemporaryDir> state_;

 private Q_SLOTS:
  void init() {
    state_ = std::make_unique<QTemporaryDir>();
    qputenv("XDG_STATE_HOME", state_->path().toUtf8());
  }

  // The parser itself refuses what Prometheus would refuse (so the checks below mean something).
  void parserIsStrict() {
    const std::string good =
        "# HELP streamcanvas_x_total X.\n# TYPE streamcanvas_x_total counter\n"
        "streamcanvas_x_total{pipeline=\"a\\\"b\"} 1\n";
    Exposition ok = parseExposition(good);
    QVERIFY2(ok.error.empty(), ok.error.c_str());
    QCOMPARE(ok.find("streamcanvas_x_total").front().labels.at("pipeline"), std::string("a\"b"));
    for (const char* bad : {
             "# HELP streamcanvas_x X.\n# TYPE streamcanvas_x counter\nstreamcanvas_x 1\n",
             "# HELP streamcanvas_x X.\n# TYPE streamcanvas_x gauge\nstreamcanvas_y 1\n",
             "# HELP streamcanvas_x X.\n# TYPE streamcanvas_x gauge\nstreamcanvas_x{a=\"1} 1\n",
             "# HELP streamcanvas_x X.\n# TYPE streamcanvas_x gauge\nstreamcanvas_x{a=\"\\t\"} 1\n",
             "# HELP streamcanvas_x X.\n# TYPE streamcanvas_x gauge\nstreamcanvas_x{1a=\"\"} 1\n",
             "# HELP streamcanvas_x X.\n# TYPE streamcanvas_x gauge\nstreamcanvas_x one\n",
             "# HELP streamcanvas_x X.\n# TYPE streamcanvas_x gauge\nstreamcanvas_x 1",
             "# TYPE streamcanvas_x gauge\nstreamcanvas_x 1\n",
             "# HELP streamcanvas_x_ms X.\n# TYPE streamcanvas_x_ms gauge\nstreamcanvas_x_ms 1\n",
         }) {
      Exposition x = parseExposition(bad);
      QVERIFY2(!x.error.empty(), bad);
    }
  }

  // An unbounded generator writes to the embedded Kafka cluster; a kafka.source reads it into a
  // window with checkpoints every second. Everything the issue lists is scraped and non-zero.
  void scrapesARunningPipeline() {
    QTemporaryDir dir;
    nlohmann::json doc = nlohmann::json::parse(kMetricsPipeline);
    doc["name"] = kEscapedName;
    const QString path = writeTemp(dir, "metrics.json", QByteArray::fromStdString(doc.dump(2)));
    RunnerProcess runner(QStringList{path} + kServe);
    QTRY_VERIFY_WITH_TIMEOUT(runner.port() > 0 || runner.process().state() != QProcess::Running,
                             30000);
    const int port = runner.port();
    QVERIFY2(port > 0, runner.err().constData());

    // Wait until a checkpoint completed and the window fired; then everything must be there.
    const std::string pipeline = kEscapedName;
    const std::map<std::string, std::string> p{{"pipeline", pipeline}};
    auto value = [&](const Exposition& x, const std::string& name, const std::string& node) {
      return x.value(name, {{"pipeline", pipeline}, {"node", node}}).value_or(0);
    };
    Exposition x;
    HttpResponse scrape;
    QTRY_VERIFY_WITH_TIMEOUT(
        (scrape = httpGet(port, "/metrics"), x = parseExposition(scrape.body),
         x.value("streamcanvas_checkpoints_completed_total", p).value_or(0) >= 1 &&
             value(x, "streamcanvas_node_records_in_total", "out") > 0 &&
             value(x, "streamcanvas_node_watermark_seconds", "from_kafka") > 0 &&
             !x.find("streamcanvas_kafka_consumer_lag").empty()),
        60000);
    QCOMPARE(scrape.status, 200);
    QVERIFY2(scrape.headers.find("Content-Type: text/plain; version=0.0.4") != std::string::npos,
             scrape.headers.c_str());
    QVERIFY2(x.error.empty(), (x.error + "\n" + scrape.body).c_str());
    for (const Sample& s : x.samples)
      QVERIFY2(s.labels.count("pipeline") && s.labels.at("pipeline") == pipeline, s.name.c_str());

    // Records and bytes per node.
    for (const char* node : {"gen", "from_kafka", "per-second"})
      QVERIFY2(value(x, "streamcanvas_node_records_out_total", node) > 0, node);
    for (const char* node : {"to_kafka", "per-second", "out"})
      QVERIFY2(value(x, "streamcanvas_node_records_in_total", node) > 0, node);
    QVERIFY(value(x, "streamcanvas_node_bytes_in_total", "from_kafka") > 0);
    QVERIFY(value(x, "streamcanvas_node_bytes_out_total", "to_kafka") > 0);
    QCOMPARE(x.find("streamcanvas_node_errors_total").size(), size_t(5));
    QCOMPARE(x.types.at("streamcanvas_node_records_in_total"), std::string("counter"));

    // Lag per partition: every assigned partition of the topic, labelled.
    const auto lag = x.find("streamcanvas_kafka_consumer_lag");
    std::set<int> partitions;
    for (const Sample& s : lag) {
      QCOMPARE(s.labels.at("node"), std::string("from_kafka"));
      QCOMPARE(s.labels.at("topic"), std::string("readings"));
      partitions.insert(std::stoi(s.labels.at("partition")));
      QVERIFY(s.value >= 0);
    }
    const double assigned = value(x, "streamcanvas_kafka_assigned_partitions", "from_kafka");
    QVERIFY(assigned > 0);
    QCOMPARE(partitions.size(), size_t(assigned));
    QCOMPARE(*partitions.rbegin(), int(assigned) - 1);

    // Watermark per source, in Unix seconds (this year, not milliseconds).
    const double watermark = value(x, "streamcanvas_node_watermark_seconds", "from_kafka");
    QVERIFY2(watermark > 1.5e9 && watermark < 1e11, std::to_string(watermark).c_str());

    // Queues between threads.
    const auto queues = x.find("streamcanvas_queue_capacity_batches");
    QVERIFY(!queues.empty());
    for (const Sample& s : queues) {
      QVERIFY(s.labels.count("node") && s.labels.count("from") && s.labels.count("input"));
      QVERIFY(s.value > 0);
    }
    QCOMPARE(x.find("streamcanvas_queue_batches").size(), queues.size());

    // Checkpoints: a histogram of durations, sizes, and the last one.
    QCOMPARE(x.types.at("streamcanvas_checkpoint_duration_seconds"), std::string("histogram"));
    const double count = x.value("streamcanvas_checkpoint_duration_seconds_count", p).value();
    QVERIFY(count >= 1);
    QCOMPARE(x.value("streamcanvas_checkpoint_duration_seconds_bucket",
                     {{"pipeline", pipeline}, {"le", "+Inf"}}),
             std::optional<double>(count));
    QVERIFY(x.value("streamcanvas_checkpoint_size_bytes_sum", p).value() > 0);
    QVERIFY(x.value("streamcanvas_checkpoint_last_size_bytes", p).value() > 0);
    QVERIFY(x.value("streamcanvas_checkpoint_last_duration_seconds", p).has_value());
    QCOMPARE(x.value("streamcanvas_checkpoints_failed_total", p), std::optional<double>(0));
    QCOMPARE(x.value("streamcanvas_restarts_total", p), std::optional<double>(0));

    // Both sources have their input: the generator at once, the Kafka source once assigned.
    QCOMPARE(value(x, "streamcanvas_source_ready", "gen"), 1.0);
    QCOMPARE(value(x, "streamcanvas_source_ready", "from_kafka"), 1.0);
    QCOMPARE(httpGet(port, "/healthz").status, 200);
    QCOMPARE(httpGet(port, "/readyz").status, 200);
    QCOMPARE(httpGet(port, "/nothing-here").status, 404);

    // Counters only grow between scrapes.
    const double before = value(x, "streamcanvas_node_records_out_total", "gen");
    QTRY_VERIFY_WITH_TIMEOUT(value(parseExposition(httpGet(port, "/metrics").body),
                                   "streamcanvas_node_records_out_total", "gen") > before,
                             20000);

    runner.terminate();
    QVERIFY(runner.process().waitForFinished(30000));
    QCOMPARE(runner.process().exitCode(), 0);
  }

  // A source that never gets its partitions (no broker there): alive, running, never ready.
  void readyzWaitsForPartitions() {
    QTemporaryDir dir;
    const QString path = writeTemp(dir, "far.json", kFarPipeline);
    RunnerProcess runner(QStringList{path} + kServe);
    QTRY_VERIFY_WITH_TIMEOUT(runner.port() > 0 || runner.process().state() != QProcess::Running,
                             30000);
    const int port = runner.port();
    QVERIFY2(port > 0, runner.err().constData());
    const std::map<std::string, std::string> p{{"pipeline", "far"}};
    Exposition x;
    QTRY_VERIFY_WITH_TIMEOUT(
        (x = parseExposition(httpGet(port, "/metrics").body),
         x.value("streamcanvas_pipeline_running", p) == std::optional<double>(1) &&
             // polled at least once: open() has returned
             x.value("streamcanvas_node_busy_seconds_total", {{"node", "in"}}).value_or(0) > 0),
        30000);
    QVERIFY2(x.error.empty(), x.error.c_str());
    QCOMPARE(x.value("streamcanvas_source_ready", {{"node", "in"}}), std::optional<double>(0));
    const HttpResponse ready = httpGet(port, "/readyz");
    QCOMPARE(ready.status, 503);
    QVERIFY2(ready.body.find("'in'") != std::string::npos, ready.body.c_str());
    QCOMPARE(httpGet(port, "/healthz").status, 200);
    runner.terminate();
    QVERIFY(runner.process().waitForFinished(30000));
  }

  // A sink that cannot write (/dev/full). Restarting: still healthy, and the failed run's
  // counters stay. Out of restarts: /healthz says 503 for as long as --metrics-linger keeps the
  // endpoint up. Logs are JSON, one object per line, the metrics line among them.
  void healthzFailsOnceThePipelineFailed() {
    QTemporaryDir dir;
    const QString path = writeTemp(dir, "full.json", kFullPipeline);
    const std::map<std::string, std::string> p{{"pipeline", "full"}};
    {
      RunnerProcess runner(QStringList{path, "--restart",
                                       R"({"strategy":"fixed_delay","attempts":1,"delay":"10m"})"} +
                           kServe);
      QTRY_VERIFY_WITH_TIMEOUT(runner.err().contains("restart 1 of 1"), 30000);
      const int port = runner.port();
      QVERIFY2(port > 0, runner.err().constData());
      const HttpResponse health = httpGet(port, "/healthz");
      QCOMPARE(health.status, 200);
      QVERIFY2(health.body.find("restarting") != std::string::npos, health.body.c_str());
      QCOMPARE(httpGet(port, "/readyz").status, 503);
      const Exposition x = parseExposition(httpGet(port, "/metrics").body);
      QVERIFY2(x.error.empty(), x.error.c_str());
      QCOMPARE(x.value("streamcanvas_restarts_total", p), std::optional<double>(1));
      QCOMPARE(x.value("streamcanvas_pipeline_failures_total", p), std::optional<double>(1));
      QVERIFY(x.value("streamcanvas_node_records_out_total", {{"node", "gen"}}).value_or(0) > 0);
      runner.terminate();
      QVERIFY(runner.process().waitForFinished(30000));
      QCOMPARE(runner.process().exitCode(), 1);
    }

    RunnerProcess runner(
        QStringList{path, "--restart", "none", "--metrics-linger", "10m", "--log-format", "json"} +
        kServe);
    QTRY_VERIFY_WITH_TIMEOUT(runner.err().contains("pipeline failed"), 30000);
    const int port = runner.port();
    QVERIFY2(port > 0, runner.err().constData());
    const HttpResponse health = httpGet(port, "/healthz");
    QCOMPARE(health.status, 503);
    QVERIFY2(health.body.find("'disk'") != std::string::npos, health.body.c_str());
    QCOMPARE(httpGet(port, "/readyz").status, 503);
    const Exposition x = parseExposition(httpGet(port, "/metrics").body);
    QVERIFY2(x.error.empty(), x.error.c_str());
    QCOMPARE(x.value("streamcanvas_pipeline_healthy", p), std::optional<double>(0));
    QCOMPARE(x.value("streamcanvas_pipeline_failures_total", p), std::optional<double>(1));
    QCOMPARE(x.value("streamcanvas_restarts_total", p), std::optional<double>(0));
    QCOMPARE(runner.process().state(), QProcess::Running);  // lingering
    runner.terminate();                                     // a signal ends the wait
    QVERIFY(runner.process().waitForFinished(30000));
    QCOMPARE(runner.process().exitCode(), 1);
    int lines = 0;
    for (const QByteArray& line : runner.err().split('\n')) {
      if (line.trimmed().isEmpty()) continue;
      auto j = nlohmann::json::parse(line.toStdString(), nullptr, false);
      QVERIFY2(!j.is_discarded() && j.contains("level") && j.contains("message"), line);
      ++lines;
    }
    QVERIFY(lines >= 2);
  }

  // Every run reads the whole input (one read of a small file) and fails on its second line:
  // three runs read it three times, and the counter says so after the last one.
  void countersKeepCountingAcrossRestarts() {
    QTemporaryDir dir;
    const QByteArray input = "{\"a\": 1}\nnot json\n{\"a\": 2}\n";
    const QString data = writeTemp(dir, "in.jsonl", input);
    const QString path =
        writeTemp(dir, "bad.json", QByteArray(kBadInputPipeline).replace("%1", data.toUtf8()));
    RunnerProcess runner(QStringList{path, "--restart",
                                     R"({"strategy":"fixed_delay","attempts":2,"delay":"10ms"})",
                                     "--metrics-linger", "10m"} +
                         kServe);
    QTRY_VERIFY_WITH_TIMEOUT(runner.err().contains("after 2 restart(s)"), 30000);
    const int port = runner.port();
    QVERIFY2(port > 0, runner.err().constData());
    const Exposition x = parseExposition(httpGet(port, "/metrics").body);
    QVERIFY2(x.error.empty(), x.error.c_str());
    const std::map<std::string, std::string> p{{"pipeline", "bad-input"}};
    QCOMPARE(x.value("streamcanvas_restarts_total", p), std::optional<double>(2));
    QCOMPARE(x.value("streamcanvas_pipeline_failures_total", p), std::optional<double>(3));
    QCOMPARE(x.value("streamcanvas_node_bytes_in_total", {{"node", "src"}}),
             std::optional<double>(3 * input.size()));
    QCOMPARE(httpGet(port, "/healthz").status, 503);
    runner.terminate();
    QVERIFY(runner.process().waitForFinished(30000));
    QCOMPARE(runner.process().exitCode(), 1);
  }

  void badMetricsOptions() {
    QTemporaryDir dir;
    const QString path = writeTemp(dir, "tiny.json", kTinyPipeline);
    for (const char* port : {"http", "-1", "65536"}) {
      QProcess p;
      p.start(kRunner, {path, "--metrics-port", port});
      QVERIFY(p.waitForFinished(30000));
      QCOMPARE(p.exitCode(), 2);
      QVERIFY(p.readAllStandardError().contains("--metrics-port takes a port"));
    }
    // A port already taken: exit 1, saying which and what to do.
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    QVERIFY(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    QVERIFY(::listen(fd, 1) == 0);
    QVERIFY(::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
    const QString taken = QString::number(ntohs(addr.sin_port));
    QProcess p;
    p.start(kRunner, {path, "--metrics-port", taken, "--metrics-address", "127.0.0.1"});
    QVERIFY(p.waitForFinished(30000));
    ::close(fd);
    QCOMPARE(p.exitCode(), 1);
    const QByteArray err = p.readAllStandardError();
    QVERIFY2(err.contains("cannot serve metrics on 127.0.0.1:" + taken.toUtf8()), err);
    QVERIFY2(err.contains("--metrics-port"), err);
  }
};

QTEST_GUILESS_MAIN(TestRunnerMetrics)
#include "tst_runnermetrics.moc"
