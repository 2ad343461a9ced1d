// Scale-out's local checkpoints without a broker: the folder per runner instance (adoption of a
// dead runner's folder, the lock), the commit metadata, and the decision per partition whether
// a local checkpoint is exactly the group's committed state (KafkaSourceLocalRestore.h).
#include <librdkafka/rdkafka.h>
#include <sys/wait.h>
#include <unistd.h>

#include <QtTest>

#include <QTemporaryDir>

#include <filesystem>
#include <fstream>

#include "engine/state/CheckpointStore.h"
#include "engine/state/InstanceDirectory.h"
#include "engine/state/LocalCheckpoints.h"
#include "engine/state/StateCodec.h"
#include "nodes/KafkaSourceLocalRestore.h"

using namespace sc;
using state::InstanceDirectory;
using state::LocalCheckpoints;

namespace {

// kafka.source's checkpoint part: its offsets (topic, partition, next offset), then the
// watermarks (not read here).
std::string sourcePart(const std::vector<std::tuple<std::string, int32_t, int64_t>>& offsets) {
  state::StateWriter w;
  w.u32(static_cast<uint32_t>(offsets.size()));
  for (const auto& [topic, partition, offset] : offsets) {
    w.str(topic);
    w.u32(static_cast<uint32_t>(partition));
    w.i64(offset);
  }
  return w.take();
}

void writeCheckpoint(const std::string& dir, uint64_t id, const std::string& part) {
  state::Checkpoint c;
  c.id = id;
  c.pipelineName = "p";
  c.parts.emplace_back("in", part);
  QCOMPARE(QString::fromStdString(state::CheckpointStore(dir).write(c)), QString());
}

struct Committed {
  rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(4);
  ~Committed() { rd_kafka_topic_partition_list_destroy(list); }
  void add(int32_t partition, int64_t offset, const std::string& metadata) {
    rd_kafka_topic_partition_t* p = rd_kafka_topic_partition_list_add(list, "t", partition);
    p->offset = offset;
    setCommitMetadata(p, metadata);
  }
};

pid_t deadPid() {
  const pid_t child = fork();
  if (child == 0) _exit(0);
  int status = 0;
  waitpid(child, &status, 0);
  return child;
}

}  // namespace

class TestLocalRestore : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void theTokenStaysAndTheMetadataRoundTrips() {
    QTemporaryDir tmp;
    const std::string dir = tmp.filePath("x").toStdString();
    LocalCheckpoints a(dir);
    QCOMPARE(QString::fromStdString(a.error()), QString());
    QCOMPARE(int(a.token().size()), 16);
    QCOMPARE(LocalCheckpoints(dir).token(), a.token());
    const auto mark = LocalCheckpoints::parseMetadata(a.commitMetadata(42));
    QVERIFY(mark);
    QCOMPARE(mark->id, uint64_t(42));
    QCOMPARE(mark->token, a.token());
    QVERIFY(a.commitMetadata(0).empty());  // the final part names no checkpoint
    QVERIFY(!LocalCheckpoints::parseMetadata(""));
    QVERIFY(!LocalCheckpoints::parseMetadata("sc:chk=0;dir=" + a.token()));
    QVERIFY(!LocalCheckpoints::parseMetadata("sc:chk=7;dir=xyz"));
    QVERIFY(!LocalCheckpoints::parseMetadata("sc:chk=7x;dir=" + a.token()));
  }

  void aPartitionIsLocalOnlyWhenTheCommitNamesTheCheckpointAndItsOffset() {
    QTemporaryDir tmp;
    const std::string dir = tmp.filePath("x").toStdString();
    LocalCheckpoints local(dir);
    writeCheckpoint(dir, 5, sourcePart({{"t", 0, 90}, {"t", 1, 50}}));
    writeCheckpoint(dir, 6, sourcePart({{"t", 0, 100}, {"t", 1, 50}, {"t", 3, 70}}));
    LocalCheckpoints other(tmp.filePath("y").toStdString());
    Committed c;
    c.add(0, 100, local.commitMetadata(6));  // exact: local
    c.add(1, 50, local.commitMetadata(5));   // an older kept checkpoint, same offset: local
    // A bounded partition that ended fires at the next checkpoint with the same offset: the
    // group committed 7, which this folder does not hold (the runner died before writing it,
    // or it is gone), so checkpoint 6's state (before the firing) must not serve.
    c.add(3, 70, local.commitMetadata(7));
    rd_kafka_topic_partition_list_add(c.list, "t", 4)->offset = 10;  // no metadata
    c.add(5, 100, other.commitMetadata(6));                          // another runner's
    decideLocalRestore(local, "in", c.list);

    auto d = local.decision("t", 0);
    QVERIFY(d && d->local);
    QCOMPARE(*d->local, uint64_t(6));
    QCOMPARE(QString::fromStdString(d->why), QString("matches the group's commit"));
    d = local.decision("t", 1);
    QVERIFY(d && d->local && *d->local == 5);
    d = local.decision("t", 3);
    QVERIFY(d && !d->local);
    QVERIFY2(d->why.find("group committed 7") != std::string::npos, d->why.c_str());
    d = local.decision("t", 4);
    QVERIFY(d && !d->local);
    d = local.decision("t", 5);
    QVERIFY(d && !d->local);
    QVERIFY2(d->why.find("another runner") != std::string::npos, d->why.c_str());
    QVERIFY(!local.decision("t", 9));

    // Offsets that differ: the changelog, whatever the checkpoint.
    Committed moved;
    moved.add(0, 101, local.commitMetadata(6));
    decideLocalRestore(local, "in", moved.list);
    d = local.decision("t", 0);
    QVERIFY(d && !d->local);
    QVERIFY2(d->why.find("at offset 100, group committed 101") != std::string::npos,
             d->why.c_str());

    // A partition checkpoint 6 has no offset for, and a source the checkpoint has no part of.
    Committed none;
    none.add(2, 100, local.commitMetadata(6));
    decideLocalRestore(local, "in", none.list);
    QVERIFY(!local.decision("t", 2)->local);
    Committed c2;
    c2.add(0, 100, local.commitMetadata(6));
    decideLocalRestore(local, "elsewhere", c2.list);
    QVERIFY(!local.decision("t", 0)->local);
  }

  // Commits lag behind checkpoints: the folder keeps the newest one a commit named and that
  // committed, and every newer one, beyond the usual 3 (up to 20).
  void theCommittedCheckpointStaysHoweverFarBehind() {
    QTemporaryDir tmp;
    const std::string dir = tmp.filePath("x").toStdString();
    LocalCheckpoints local(dir);
    QCOMPARE(local.committed(), uint64_t(0));
    local.noteCommitted(3);  // commits without offsets name nothing
    QCOMPARE(local.committed(), uint64_t(0));
    local.commitMetadata(2);
    local.commitMetadata(4);
    local.noteCommitted(3);
    QCOMPARE(local.committed(), uint64_t(2));
    local.noteCommitted(9);
    QCOMPARE(local.committed(), uint64_t(4));
    state::CheckpointStore store(dir);
    for (uint64_t id = 1; id <= 8; ++id) {
      state::Checkpoint c;
      c.id = id;
      QVERIFY(store.write(c, nullptr, local.committed()).empty());
    }
    QCOMPARE(store.ids(), (std::vector<uint64_t>{4, 5, 6, 7, 8}));
    for (uint64_t id = 9; id <= 30; ++id) {
      state::Checkpoint c;
      c.id = id;
      QVERIFY(store.write(c, nullptr, local.committed()).empty());
    }
    QCOMPARE(int(store.ids().size()), state::CheckpointStore::kMaxKeep);
    // Without keepFrom: the newest 3.
    state::Checkpoint c;
    c.id = 31;
    QVERIFY(store.write(c).empty());
    QCOMPARE(store.ids(), (std::vector<uint64_t>{29, 30, 31}));
  }

  void anExplicitInstanceHasItsFolderAndItsLock() {
    QTemporaryDir tmp;
    const std::string root = tmp.path().toStdString();
    InstanceDirectory a = InstanceDirectory::open(root, "r1", true, "host", getpid());
    QCOMPARE(QString::fromStdString(a.error()), QString());
    QCOMPARE(QString::fromStdString(a.path()), tmp.filePath("scale-out/r1"));
    InstanceDirectory twice = InstanceDirectory::open(root, "r1", true, "host", getpid());
    QVERIFY(twice.path().empty());
    QVERIFY2(twice.error().find("another runner with instance 'r1'") != std::string::npos,
             twice.error().c_str());
    a = InstanceDirectory();  // unlocked
    QCOMPARE(QString::fromStdString(InstanceDirectory::open(root, "r1", true, "host", 1).path()),
             tmp.filePath("scale-out/r1"));
  }

  void theDefaultInstanceAdoptsADeadRunnersFolder() {
    QTemporaryDir tmp;
    const std::string root = tmp.path().toStdString();
    namespace fs = std::filesystem;
    const pid_t dead = deadPid();
    const fs::path deadDir = fs::path(root) / "scale-out" / ("host-" + std::to_string(dead));
    writeCheckpoint(deadDir.string(), 3, sourcePart({}));
    const std::string me = "host-" + std::to_string(getpid());
    {
      InstanceDirectory d = InstanceDirectory::open(root, me, false, "host", getpid());
      QCOMPARE(QString::fromStdString(d.error()), QString());
      QCOMPARE(QString::fromStdString(d.path()),
               tmp.filePath(QString::fromStdString("scale-out/" + me)));
      QVERIFY(fs::exists(fs::path(d.path()) / "chk-3.sc"));
      QVERIFY(!fs::exists(deadDir));
      QCOMPARE(int(d.notes().size()), 1);
      QVERIFY2(d.notes()[0].find("pid " + std::to_string(dead)) != std::string::npos,
               d.notes()[0].c_str());
      // While this one lives, another runner (another pid) does not take its folder.
      const pid_t other = deadPid();
      const std::string otherName = "host-" + std::to_string(other);
      InstanceDirectory e = InstanceDirectory::open(root, otherName, false, "host", other);
      QCOMPARE(QString::fromStdString(e.path()),
               tmp.filePath(QString::fromStdString("scale-out/" + otherName)));
      QVERIFY(e.notes().empty());
    }
    // Both are unlocked now; their names' pids: this process (alive) and a dead one, which a
    // new runner adopts; other hosts' folders are never taken.
    fs::create_directories(fs::path(root) / "scale-out" / ("otherhost-" + std::to_string(dead)));
    InstanceDirectory f = InstanceDirectory::open(root, "host-1", false, "host", 1);
    QCOMPARE(int(f.notes().size()), 1);
    QVERIFY(fs::exists(fs::path(root) / "scale-out" / me));
    QVERIFY(fs::exists(fs::path(root) / "scale-out" / ("otherhost-" + std::to_string(dead))));
  }
};

QTEST_GUILESS_MAIN(TestLocalRestore)
#include "tst_localrestore.moc"
