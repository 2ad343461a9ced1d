// Scale-out throughput: one streamcanvas-run pinned to core 0 against two runners (scale-out
// mode, one consumer group) pinned to cores 0 and 1, on the same bounded input and a CPU-bound
// pipeline (kafka.source -> heavy map expressions -> keyed tumbling window -> kafka.sink); twice:
// the window keyed by the message key ($key, no hop) and by the field k (the same values, but
// the graph cannot know that: the runner repartitions through <pipeline>-win-repartition, which
// shows what the hop costs). Run on demand, never by ctest:
//
//   bench_scaleout [--bootstrap HOST:PORT] [RECORDS [PARTITIONS]]   (defaults 2000000, 12)
//
// Without --bootstrap it reads KAFKA_PLAINTEXT from the file named by SC_REAL_KAFKA_ENV (the real
// broker fixture: tests/kafka/kafka-fixture.sh start DIR). Prints the wall time from start to
// exit of all runners, the throughput and the ratio; `taskset` must be installed. It compares
// with two runners that share nothing, each on its own half of the input (its own topic and
// group), on the same two cores and broker: without the hop, the limit of the machine. With the
// fixture's env file it also prints the CPU seconds of the runners and of the broker (its process
// group, KAFKA_PID) per run: on a machine where the broker shares the runners' cores, that split
// says how much of the limit is the broker's. For the benchmark start the fixture with a
// production JVM: SC_KAFKA_JAVA_OPTS="-Xms1g -Xmx1g -XX:+UseG1GC" (tests use C1 only).
#include <dirent.h>
#include <librdkafka/rdkafka.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#ifndef SC_RUNNER
#define SC_RUNNER "streamcanvas-run"
#endif

#include "StateHome.h"

namespace {

using Clock = std::chrono::steady_clock;

[[noreturn]] void die(const std::string& why) {
  std::fprintf(stderr, "bench_scaleout: %s\n", why.c_str());
  std::exit(1);
}

rd_kafka_t* client(rd_kafka_type_t type, const std::string& bootstrap) {
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  char err[512];
  rd_kafka_conf_set(conf, "bootstrap.servers", bootstrap.c_str(), err, sizeof err);
  rd_kafka_conf_set(conf, "linger.ms", "20", err, sizeof err);
  rd_kafka_conf_set(conf, "enable.idempotence", "true", err, sizeof err);
  rd_kafka_t* rk = rd_kafka_new(type, conf, err, sizeof err);
  if (!rk) die(err);
  return rk;
}

void createTopic(const std::string& bootstrap, const std::string& topic, int partitions) {
  rd_kafka_t* rk = client(RD_KAFKA_PRODUCER, bootstrap);
  char err[512];
  rd_kafka_NewTopic_t* nt = rd_kafka_NewTopic_new(topic.c_str(), partitions, 1, err, sizeof err);
  rd_kafka_queue_t* q = rd_kafka_queue_new(rk);
  rd_kafka_CreateTopics(rk, &nt, 1, nullptr, q);
  rd_kafka_NewTopic_destroy(nt);
  rd_kafka_event_t* ev = rd_kafka_queue_poll(q, 30000);
  if (!ev || rd_kafka_event_error(ev)) die("cannot create topic " + topic);
  rd_kafka_event_destroy(ev);
  rd_kafka_queue_destroy(q);
  rd_kafka_destroy(rk);
}

void produce(const std::string& bootstrap, const std::string& topic, long records) {
  rd_kafka_t* rk = client(RD_KAFKA_PRODUCER, bootstrap);
  char payload[160];
  const long keys = 5000;
  for (long i = 0; i < records; ++i) {
    const std::string key = "sensor-" + std::to_string(i % keys);
    const int len =
        std::snprintf(payload, sizeof payload,
                      "{\"k\":\"%s\",\"v\":%ld,\"name\":\"reading number %ld\",\"ts\":%ld}",
                      key.c_str(), (i * 7919) % 1000, i, 1'700'000'000'000L + (i / keys) * 100);
    while (rd_kafka_producev(rk, RD_KAFKA_V_TOPIC(topic.c_str()),
                             RD_KAFKA_V_KEY(key.data(), key.size()),
                             RD_KAFKA_V_VALUE(payload, static_cast<size_t>(len)),
                             RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                             RD_KAFKA_V_END) == RD_KAFKA_RESP_ERR__QUEUE_FULL)
      rd_kafka_poll(rk, 10);
  }
  if (rd_kafka_flush(rk, 300000)) die("the input was not acknowledged");
  rd_kafka_destroy(rk);
}

std::string pipeline(const std::string& name, const std::string& bootstrap, const std::string& in,
                     const std::string& out, bool hop) {
  // Heavy per-record work before the window: string building and arithmetic in map nodes.
  std::string set;
  for (int i = 0; i < 8; ++i) {
    const std::string n = std::to_string(i);
    set += std::string(i ? "," : "") + "\"f" + n + "\":\"upper(concat(name, to_string(v * " + n +
           " + 1), lower(substr(concat(k, name), " + n + ", 12))))\"";
    set += ",\"g" + n + "\":\"round(abs(v * " + n + ".5 - 321.25) / 3.7) + floor(v / (" + n +
           " + 2))\"";
  }
  const std::string q = "\"";
  auto str = [&](const std::string& v) { return q + v + q; };
  return "{\"streamcanvas\":1,\"name\":" + str(name) +
         ",\"settings\":{\"scale_out\":true,\"checkpoint_interval\":\"2s\","
         "\"restart\":{\"strategy\":\"none\"}},"
         "\"connections\":{\"k\":{\"type\":\"kafka\",\"bootstrap_servers\":" +
         str(bootstrap) +
         "}},\"nodes\":["
         "{\"id\":\"in\",\"type\":\"kafka.source\",\"properties\":{\"connection\":\"k\","
         "\"topics\":[" +
         str(in) + "],\"start\":\"earliest\",\"bounded\":true,\"group_id\":" + str(name) +
         "}},"
         "{\"id\":\"heavy\",\"type\":\"map\",\"properties\":{\"set\":{" +
         set +
         "}}},"
         "{\"id\":\"heavy2\",\"type\":\"map\",\"properties\":{\"set\":{"
         "\"h\":\"concat(f0, f1, f2, f3, f4, f5, f6, f7)\","
         "\"s\":\"g0 + g1 + g2 + g3 + g4 + g5 + g6 + g7\"}}},"
         "{\"id\":\"win\",\"type\":\"window.tumbling\",\"properties\":{\"size\":\"10s\","
         "\"key\":" +
         str(hop ? "k" : "$key") +
         ",\"timestamp\":\"ts\",\"aggregates\":["
         "{\"as\":\"n\",\"fn\":\"count\"},{\"as\":\"s\",\"fn\":\"sum\",\"of\":\"s\"},"
         "{\"as\":\"hi\",\"fn\":\"max\",\"of\":\"v\"}]}},"
         "{\"id\":\"out\",\"type\":\"kafka.sink\",\"properties\":{\"connection\":\"k\","
         "\"topic\":" +
         str(out) +
         "}}],"
         "\"edges\":[{\"from\":\"in\",\"to\":\"heavy\"},{\"from\":\"heavy\",\"to\":"
         "\"heavy2\"},{\"from\":\"heavy2\",\"to\":\"win\"},{\"from\":\"win\",\"to\":"
         "\"out\"}]}";
}

// CPU seconds (user + system) of every live process in process group `group`, from /proc.
double groupCpu(long group) {
  if (group <= 0) return 0;
  const double tick = static_cast<double>(sysconf(_SC_CLK_TCK));
  double total = 0;
  DIR* proc = opendir("/proc");
  if (!proc) return 0;
  while (dirent* e = readdir(proc)) {
    if (e->d_name[0] < '0' || e->d_name[0] > '9') continue;
    std::ifstream f(std::string("/proc/") + e->d_name + "/stat");
    std::string line;
    if (!std::getline(f, line)) continue;
    const auto close = line.rfind(')');  // the command may hold spaces and parentheses
    if (close == std::string::npos) continue;
    std::istringstream rest(line.substr(close + 2));
    std::string field;
    std::vector<std::string> fields;  // fields from 3 (state) on
    while (rest >> field)
      fields.push_back(field);
    if (fields.size() < 13 || std::atol(fields[2].c_str()) != group) continue;        // 5: pgrp
    total += (std::atof(fields[11].c_str()) + std::atof(fields[12].c_str())) / tick;  // 14, 15
  }
  closedir(proc);
  return total;
}

struct Cpu {
  double runners = 0;  // user + system of the runners (taskset execs them in place)
  double broker = 0;
};

pid_t start(const std::string& core, const std::string& file, const std::string& log) {
  std::fflush(nullptr);  // the child must not print the parent's buffered lines again
  pid_t pid = fork();
  if (pid == 0) {
    std::freopen(log.c_str(), "w", stderr);
    std::freopen("/dev/null", "w", stdout);
    execlp("taskset", "taskset", "-c", core.c_str(), SC_RUNNER, file.c_str(), "--instance",
           core.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  return pid;
}

// Runs one runner per core, runner i on files[i] (one file for all when only one is given).
double run(const std::vector<std::string>& cores, const std::vector<std::string>& files,
           const std::string& tag, long brokerGroup, Cpu& cpu) {
  const double broker0 = groupCpu(brokerGroup);
  const auto t0 = Clock::now();
  std::vector<pid_t> pids;
  for (size_t i = 0; i < cores.size(); ++i)
    pids.push_back(start(cores[i], files[std::min(i, files.size() - 1)],
                         "/tmp/bench_scaleout-" + tag + "-" + cores[i] + ".log"));
  cpu = {};
  for (pid_t p : pids) {
    int status = 0;
    rusage use{};
    wait4(p, &status, 0, &use);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
      die("a runner failed; see /tmp/bench_scaleout-" + tag + "-*.log");
    cpu.runners += static_cast<double>(use.ru_utime.tv_sec + use.ru_stime.tv_sec) +
                   static_cast<double>(use.ru_utime.tv_usec + use.ru_stime.tv_usec) / 1e6;
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  cpu.broker = groupCpu(brokerGroup) - broker0;
  return seconds;
}

}  // namespace

int main(int argc, char** argv) {
  const sc::bench::PrivateStateHome stateHome;  // the runners' checkpoints
  std::string bootstrap;
  long brokerGroup = 0;  // the fixture's KAFKA_PID: its process group holds the JVM
  std::vector<std::string> rest;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--bootstrap" && i + 1 < argc)
      bootstrap = argv[++i];
    else
      rest.push_back(a);
  }
  const long records = rest.size() > 0 ? std::atol(rest[0].c_str()) : 2'000'000;
  const int partitions = rest.size() > 1 ? std::atoi(rest[1].c_str()) : 12;
  if (bootstrap.empty()) {
    const char* env = std::getenv("SC_REAL_KAFKA_ENV");
    if (!env) die("give --bootstrap HOST:PORT or set SC_REAL_KAFKA_ENV");
    std::ifstream f(env);
    for (std::string line; std::getline(f, line);)
      if (line.rfind("KAFKA_PLAINTEXT=", 0) == 0)
        bootstrap = line.substr(16);
      else if (line.rfind("KAFKA_PID=", 0) == 0)
        brokerGroup = std::atol(line.c_str() + 10);
    if (bootstrap.empty()) die(std::string("no KAFKA_PLAINTEXT in ") + env);
  }
  const std::string id = std::to_string(::time(nullptr));
  const std::string in = "bench-scaleout-in-" + id;
  createTopic(bootstrap, in, partitions);
  std::printf("producing %ld records into %d partitions...\n", records, partitions);
  produce(bootstrap, in, records);
  // The reference: two runners that share nothing (each its own half of the input, its own
  // topic and group), so no rebalance, no coordination; only the cores and the broker. Without
  // the hop that is the limit of this machine. With it, each half repartitions its own half
  // through a hop topic of half the partitions, which measured slower than the group (session 9,
  // 16 M records: 59 s against 52 s): there it is a reference, not a bound.
  std::string halves[2];
  for (int h = 0; h < 2; ++h) {
    halves[h] = in + "-half" + std::to_string(h);
    createTopic(bootstrap, halves[h], std::max(1, partitions / 2));
    produce(bootstrap, halves[h], records / 2);
  }

  // [hop][0: 1 runner, 1: 2 runners in one group, 2: 2 independent runners on halves]
  double seconds[2][3];
  for (int hop = 0; hop <= 1; ++hop) {
    for (int shape = 0; shape < 3; ++shape) {
      const std::string name = "bench-scaleout-" + id + (hop ? "-hop-" : "-") +
                               (shape == 2 ? std::string("halves") : std::to_string(shape + 1));
      std::vector<std::string> files;
      for (int f = 0; f < (shape == 2 ? 2 : 1); ++f) {
        const std::string job = shape == 2 ? name + "-" + std::to_string(f) : name;
        const std::string out = job + "-out";
        createTopic(bootstrap, out, 1);
        files.push_back("/tmp/" + job + ".json");
        std::ofstream(files.back())
            << pipeline(job, bootstrap, shape == 2 ? halves[f] : in, out, hop);
      }
      std::vector<std::string> cores{"0"};
      if (shape > 0) cores.push_back("1");
      Cpu cpu;
      const std::string tag = std::string(hop ? "hop-" : "") +
                              (shape == 2 ? std::string("halves") : std::to_string(shape + 1));
      seconds[hop][shape] = run(cores, files, tag, brokerGroup, cpu);
      static const char* kShape[] = {"1 runner, pinned to core 0",
                                     "2 runners in one group, pinned to cores 0 and 1",
                                     "reference: 2 independent runners on halves, cores 0 and 1"};
      std::printf("%s, %s: %.2f s, %.0f records/s; CPU: runners %.2f s, broker %.2f s%s\n",
                  hop ? "with the repartition hop" : "no hop ($key)", kShape[shape],
                  seconds[hop][shape], static_cast<double>(records) / seconds[hop][shape],
                  cpu.runners, cpu.broker, brokerGroup ? "" : " (no KAFKA_PID: not measured)");
    }
    std::printf(
        "%s: 2 runners / 1 runner throughput: %.2fx (2 independent halves: %.2fx; scale-out "
        "reaches %.0f%% of that)\n",
        hop ? "with the repartition hop" : "no hop", seconds[hop][0] / seconds[hop][1],
        seconds[hop][0] / seconds[hop][2], 100.0 * seconds[hop][2] / seconds[hop][1]);
  }
  std::printf("the hop costs: %.2fx the time with 1 runner, %.2fx with 2\n",
              seconds[1][0] / seconds[0][0], seconds[1][1] / seconds[0][1]);
  return 0;
}
