// Kafka throughput against its limit, the way a user runs a pipeline: the whole streamcanvas-run
// process (start to exit) of bounded kafka.source -> filter (temperature > 30) -> kafka.sink, over
// a topic of deterministic sensor readings, against a bare librdkafka consume loop on the same
// cluster timed from its first message to its last (BareConsumeLoop.h, the honest baseline).
// The two alternate, each round with a fresh consumer group; the ratio is the pipeline's rate
// N / wall time over the bare loop's rate N / (first-to-last time). Each run's CPU time and page
// faults are printed too: on a shared machine they hold where wall times swing. The bare loop
// runs inside this process, so its page faults after the first round may be fewer (its freed
// heap is reused); the pipeline's are a fresh process's every time.
//
// By default the cluster is librdkafka's mock in a separate process (as ../shared/bench/
// mockcluster.c), so the pipeline does not share its process with the brokers:
//
//   bench_kafka [MESSAGES [PARTITIONS [ROUNDS]]] [--bootstrap HOST:PORT] [--drop-headers]
//
// (defaults 1000000, 32, 5). --drop-headers gives the sink `headers: drop`: then nothing reads
// Kafka headers and the source skips parsing them (engine/graph/HeaderUse.h). SC_BENCH_RUNNER=PATH
// times another runner binary. --bootstrap uses an existing cluster instead, e.g. the real Apache
// Kafka broker of tests/kafka/kafka-fixture.sh; the topics are created there with a unique name.
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "BareConsumeLoop.h"
#include "StateHome.h"

#ifndef SC_RUNNER
#error "SC_RUNNER (the streamcanvas-run binary) must be defined by the build"
#endif

using Clock = std::chrono::steady_clock;

namespace {

struct Options {
  long messages = 1000000;
  int partitions = 32;
  int rounds = 5;
  std::string bootstrap;  // empty: start the mock cluster in a child process
  bool dropHeaders = false;
};

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "bench_kafka: %s\n", what.c_str());
  std::exit(1);
}

// The mock cluster in a child process: creates the topics, reports its bootstrap list on `fd`,
// then serves until killed.
pid_t startMockCluster(const std::string& in, const std::string& out, int partitions,
                       std::string& bootstrap) {
  int fds[2];
  if (pipe(fds) != 0) die("pipe failed");
  pid_t pid = fork();
  if (pid < 0) die("fork failed");
  if (pid == 0) {
    close(fds[0]);
    char err[512];
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    rd_kafka_conf_set(conf, "log_level", "0", err, sizeof err);
    rd_kafka_t* owner = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
    rd_kafka_mock_cluster_t* mc = rd_kafka_mock_cluster_new(owner, 1);
    rd_kafka_mock_topic_create(mc, in.c_str(), partitions, 1);
    rd_kafka_mock_topic_create(mc, out.c_str(), partitions, 1);
    const std::string boot = std::string(rd_kafka_mock_cluster_bootstraps(mc)) + "\n";
    if (write(fds[1], boot.data(), boot.size()) < 0) _exit(1);
    close(fds[1]);
    for (;;)
      pause();
  }
  close(fds[1]);
  char buf[256] = {0};
  ssize_t n = read(fds[0], buf, sizeof buf - 1);
  close(fds[0]);
  if (n <= 1) die("the mock cluster did not start");
  bootstrap.assign(buf, static_cast<size_t>(n - 1));
  return pid;
}

void createTopics(const std::string& boot, const std::vector<std::string>& names, int partitions) {
  char err[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  rd_kafka_conf_set(conf, "bootstrap.servers", boot.c_str(), err, sizeof err);
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
  if (!rk) die(err);
  std::vector<rd_kafka_NewTopic_t*> topics;
  for (const auto& name : names)
    topics.push_back(rd_kafka_NewTopic_new(name.c_str(), partitions, 1, err, sizeof err));
  rd_kafka_queue_t* q = rd_kafka_queue_new(rk);
  rd_kafka_CreateTopics(rk, topics.data(), topics.size(), nullptr, q);
  rd_kafka_event_t* ev = rd_kafka_queue_poll(q, 30000);
  if (!ev) die("CreateTopics timed out");
  size_t count = 0;
  const rd_kafka_topic_result_t** results =
      rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(ev), &count);
  for (size_t i = 0; i < count; ++i)
    if (rd_kafka_topic_result_error(results[i]) &&
        rd_kafka_topic_result_error(results[i]) != RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS)
      die(std::string("cannot create topic: ") + rd_kafka_topic_result_error_string(results[i]));
  rd_kafka_event_destroy(ev);
  for (auto* t : topics)
    rd_kafka_NewTopic_destroy(t);
  rd_kafka_queue_destroy(q);
  rd_kafka_destroy(rk);
}

// The readings of ../shared/bench/mockcluster.c: JSON of ~105 bytes keyed by device, a third
// with temperature > 30.
void preload(const std::string& boot, const std::string& topic, long count) {
  char err[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  rd_kafka_conf_set(conf, "bootstrap.servers", boot.c_str(), err, sizeof err);
  rd_kafka_conf_set(conf, "linger.ms", "20", err, sizeof err);
  rd_kafka_conf_set(conf, "batch.num.messages", "10000", err, sizeof err);
  rd_kafka_conf_set(conf, "queue.buffering.max.messages", "1000000", err, sizeof err);
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
  if (!rk) die(err);
  unsigned long long seed = 42;
  const long long t0 = 1700000000000LL;
  for (long i = 0; i < count; ++i) {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    const int dev = static_cast<int>((seed >> 33) % 1000);
    const double temp = 10.0 + static_cast<double>((seed >> 13) % 3000) / 100.0;
    const double hum = 20.0 + static_cast<double>((seed >> 23) % 6000) / 100.0;
    const char* status = (seed >> 40) % 50 == 0 ? "fault" : "ok";
    char key[16], val[160];
    const int kl = std::snprintf(key, sizeof key, "dev-%03d", dev);
    const int vl = std::snprintf(val, sizeof val,
                                 "{\"device\":\"dev-%03d\",\"ts\":%lld,\"temperature\":%.2f,"
                                 "\"humidity\":%.2f,\"status\":\"%s\",\"seq\":%ld}",
                                 dev, t0 + i, temp, hum, status, i);
    while (rd_kafka_producev(rk, RD_KAFKA_V_TOPIC(topic.c_str()),
                             RD_KAFKA_V_KEY(key, static_cast<size_t>(kl)),
                             RD_KAFKA_V_VALUE(val, static_cast<size_t>(vl)),
                             RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                             RD_KAFKA_V_END) == RD_KAFKA_RESP_ERR__QUEUE_FULL)
      rd_kafka_poll(rk, 10);
    rd_kafka_poll(rk, 0);
  }
  if (rd_kafka_flush(rk, 120000) != RD_KAFKA_RESP_ERR_NO_ERROR) die("preload not acknowledged");
  rd_kafka_destroy(rk);
}

std::string readFile(const std::string& path) {
  std::ifstream f(path);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

double cpuSeconds(const rusage& u) {
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// This process's CPU time so far (every thread, the bare loop's librdkafka threads included).
double selfCpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return cpuSeconds(u);
}

// This process's page faults so far (minor: memory touched for the first time, mostly).
long selfPageFaults() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_minflt + u.ru_majflt;
}

// Runs the runner on `pipeline` as its own process; returns its wall time from start to exit,
// its CPU time in `cpu` and its page faults in `faults`.
double runPipelineProcess(const std::string& pipeline, const std::string& boot,
                          const std::string& group, long expected, double& cpu, long& faults) {
  const std::string log = pipeline + ".log";
  const auto t0 = Clock::now();
  pid_t pid = fork();
  if (pid < 0) die("fork failed");
  if (pid == 0) {
    setenv("KAFKA_BOOTSTRAP", boot.c_str(), 1);
    FILE* f = std::freopen(log.c_str(), "w", stderr);
    (void)f;
    const std::string set = "src.group_id=" + group;
    // SC_BENCH_RUNNER: another build's runner, for before/after figures on one cluster.
    const char* runner =
        std::getenv("SC_BENCH_RUNNER") ? std::getenv("SC_BENCH_RUNNER") : SC_RUNNER;
    execl(runner, runner, pipeline.c_str(), "--fresh", "--set", set.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  const double s = std::chrono::duration<double>(Clock::now() - t0).count();
  cpu = cpuSeconds(usage);
  faults = usage.ru_minflt + usage.ru_majflt;
  const std::string text = readFile(log);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) die("the pipeline failed:\n" + text);
  if (text.find("src=0/" + std::to_string(expected) + " ") == std::string::npos)
    die("the pipeline did not read all " + std::to_string(expected) + " messages:\n" + text);
  return s;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  const sc::bench::PrivateStateHome stateHome;  // the runners' checkpoints
  int positional = 0;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--bootstrap" && i + 1 < argc) {
      o.bootstrap = argv[++i];
    } else if (a == "--drop-headers") {
      o.dropHeaders = true;
    } else if (positional == 0) {
      o.messages = std::atol(argv[i]), ++positional;
    } else if (positional == 1) {
      o.partitions = std::atoi(argv[i]), ++positional;
    } else if (positional == 2) {
      o.rounds = std::atoi(argv[i]), ++positional;
    } else {
      positional = -1;
    }
  }
  if (positional < 0 || o.messages <= 0 || o.partitions <= 0 || o.rounds <= 0)
    return std::fprintf(stderr,
                        "usage: bench_kafka [MESSAGES [PARTITIONS [ROUNDS]]] "
                        "[--bootstrap HOST:PORT] [--drop-headers]\n"),
           2;
  // The mock keeps the newest 5 MiB per partition.
  if (o.bootstrap.empty() && o.messages / o.partitions > 40000)
    return std::fprintf(stderr,
                        "bench_kafka: the mock cluster keeps ~40,000 readings per "
                        "partition; use more partitions\n"),
           2;

  const std::string tag = std::to_string(getpid());
  const std::string in = "bench-sensors-" + tag, out = "bench-out-" + tag;
  std::string boot = o.bootstrap;
  pid_t cluster = 0;
  if (boot.empty())
    cluster = startMockCluster(in, out, o.partitions, boot);
  else
    createTopics(boot, {in, out}, o.partitions);
  preload(boot, in, o.messages);

  const std::string pipeline = "/tmp/bench_kafka-" + tag + ".json";
  {
    std::ofstream f(pipeline);
    f << R"({"streamcanvas":1,"name":"bench-kafka-)" << tag << R"(",
  "connections":{"k":{"type":"kafka","bootstrap_servers":"${KAFKA_BOOTSTRAP}"}},
  "nodes":[
    {"id":"src","type":"kafka.source","properties":{"connection":"k","topics":[")"
      << in << R"("],"bounded":true,"start":"earliest"}},
    {"id":"hot","type":"filter","properties":{"condition":"temperature > 30"}},
    {"id":"out","type":"kafka.sink","properties":{"connection":"k","topic":")"
      << out << (o.dropHeaders ? R"(","headers":"drop"}}],)" : R"("}}],)") << R"(
  "edges":[{"from":"src","to":"hot"},{"from":"hot","to":"out"}]})";
  }

  std::printf("%s, %ld readings of ~105 bytes in %d partitions, %d rounds alternating%s\n",
              o.bootstrap.empty() ? "mock cluster in its own process" : o.bootstrap.c_str(),
              o.messages, o.partitions, o.rounds, o.dropHeaders ? ", sink headers: drop" : "");
  std::printf(
      "round  bare loop (first-to-last)     pipeline (start-to-exit)      ratio   CPU s bare / "
      "pipeline\n");
  std::vector<double> ratios, walls, bareCpus, pipelineCpus, bareFaults, pipelineFaults;
  for (int r = 0; r < o.rounds; ++r) {
    // Alternate which goes first, so neither always meets the warmer cluster.
    double bare = 0, wall = 0, bareCpu = 0, pipelineCpu = 0;
    long bareFault = 0, pipelineFault = 0;
    const std::string group = "bench-" + tag + "-" + std::to_string(r);
    auto runBare = [&] {
      const double before = selfCpuSeconds();
      const long faultsBefore = selfPageFaults();
      bare = sc::bench::bareConsumeLoop(boot, in.c_str(), o.partitions, o.messages);
      bareCpu = selfCpuSeconds() - before;
      bareFault = selfPageFaults() - faultsBefore;
    };
    if (r % 2 == 0) {
      runBare();
      wall = runPipelineProcess(pipeline, boot, group, o.messages, pipelineCpu, pipelineFault);
    } else {
      wall = runPipelineProcess(pipeline, boot, group, o.messages, pipelineCpu, pipelineFault);
      runBare();
    }
    bareCpus.push_back(bareCpu);
    pipelineCpus.push_back(pipelineCpu);
    bareFaults.push_back(static_cast<double>(bareFault));
    pipelineFaults.push_back(static_cast<double>(pipelineFault));
    const double rate = static_cast<double>(o.messages) / wall;
    ratios.push_back(rate / bare);
    walls.push_back(wall);
    std::printf(
        "%5d  %7.2f M msg/s (%6.3f s)    %7.2f M msg/s (%6.3f s)    %5.1f %%   %.2f / %.2f\n",
        r + 1, bare / 1e6, static_cast<double>(o.messages) / bare, rate / 1e6, wall,
        100.0 * rate / bare, bareCpu, pipelineCpu);
    std::fflush(stdout);
  }
  std::remove(pipeline.c_str());
  std::remove((pipeline + ".log").c_str());
  if (cluster > 0) kill(cluster, SIGKILL), waitpid(cluster, nullptr, 0);

  const auto [lo, hi] = std::minmax_element(ratios.begin(), ratios.end());
  std::printf("ratio: %.1f-%.1f %% (median %.1f %%) of the bare loop; target >= 85 %%\n",
              100.0 * *lo, 100.0 * *hi, 100.0 * median(ratios));
  // On a shared machine wall time swings with the load; CPU time per run does not.
  std::printf("CPU time: bare loop median %.2f s (whole process), pipeline median %.2f s\n",
              median(bareCpus), median(pipelineCpus));
  // Page faults: librdkafka's prefetch queue is memory touched for the first time.
  std::printf("page faults: bare loop median %.0f (%.0f MB), pipeline median %.0f (%.0f MB)\n",
              median(bareFaults), median(bareFaults) * 4096 / 1e6, median(pipelineFaults),
              median(pipelineFaults) * 4096 / 1e6);
  if (std::ifstream load("/proc/loadavg"); load) {
    double one = 0;
    load >> one;
    std::printf("load average at the end: %.2f\n", one);
  }
  if (walls.size() > 1) {
    const double later = median(std::vector<double>(walls.begin() + 1, walls.end()));
    std::printf(
        "first run %.3f s, later runs median %.3f s (first/later %.2f; target within 20 %%)\n",
        walls.front(), later, walls.front() / later);
  }
  return 0;
}
