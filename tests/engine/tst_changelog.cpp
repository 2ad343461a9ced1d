// The changelog format of scale-out windows without a broker: a snapshot cut into chunks and a
// manifest, put together again from the records in log order; the newest complete snapshot
// wins; chunks of a write that never got its manifest are ignored; a manifest whose chunks do
// not match is an error naming the checkpoint.
#include <QtTest>

#include "engine/kafka/Changelog.h"

using namespace sc::kafka;

namespace {

std::string bytes(size_t n, char seed) {
  std::string s(n, '\0');
  for (size_t i = 0; i < n; ++i)
    s[i] = static_cast<char>(seed + static_cast<char>(i * 31));
  return s;
}

void feed(Changelog::Assembler& a, const std::vector<ChangelogRecord>& records) {
  for (const auto& r : records)
    a.add(r.key, r.value);
}

}  // namespace

class TestChangelog : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void roundTripInChunks() {
    const std::string snapshot = bytes(2500, 'a');
    const auto records = Changelog::encode("orders", 3, 7, 42, snapshot, 1000);
    QCOMPARE(records.size(), size_t(4));  // 3 chunks and the manifest
    QCOMPARE(QString::fromStdString(records.back().key), QStringLiteral("orders/3/m"));
    Changelog::Assembler a("orders", 3);
    feed(a, records);
    QVERIFY(a.snapshot());
    QVERIFY(*a.snapshot() == snapshot);
    QCOMPARE(a.checkpointId(), uint64_t(7));
  }

  void emptySnapshotIsOneEmptyChunk() {
    Changelog::Assembler a("t", 0);
    feed(a, Changelog::encode("t", 0, 1, 1, "", 1000));
    QVERIFY(a.snapshot());
    QVERIFY(a.snapshot()->empty());
  }

  void newestCompleteSnapshotWinsAndOtherPartitionsAreIgnored() {
    Changelog::Assembler a("t", 1);
    feed(a, Changelog::encode("t", 1, 5, 9, bytes(1500, 'x'), 1000));
    feed(a, Changelog::encode("t", 10, 6, 9, bytes(100, 'z'), 1000));  // "t/10/": another key
    feed(a, Changelog::encode("u", 1, 6, 9, bytes(100, 'z'), 1000));   // another topic
    const std::string newer = bytes(1200, 'y');
    feed(a, Changelog::encode("t", 1, 8, 9, newer, 1000));
    QVERIFY(*a.snapshot() == newer);
    QCOMPARE(a.checkpointId(), uint64_t(8));
  }

  void aWriteWithoutItsManifestIsIgnored() {
    Changelog::Assembler a("t", 0);
    const std::string kept = bytes(1500, 'k');
    feed(a, Changelog::encode("t", 0, 3, 1, kept, 1000));
    auto cut = Changelog::encode("t", 0, 4, 2, bytes(3000, 'c'), 1000);
    cut.pop_back();  // the writer died before the manifest
    feed(a, cut);
    QVERIFY(*a.snapshot() == kept);
    // The next writer's snapshot replaces the partial chunks and completes.
    const std::string next = bytes(800, 'n');
    feed(a, Changelog::encode("t", 0, 5, 3, next, 1000));
    QVERIFY(*a.snapshot() == next);
  }

  void aManifestWithoutItsChunksIsAnError() {
    Changelog::Assembler a("t", 0);
    auto records = Changelog::encode("t", 0, 9, 1, bytes(2500, 'q'), 1000);
    records.erase(records.begin() + 1);  // chunk 1 lost
    try {
      feed(a, records);
      QFAIL("a manifest without its chunks was accepted");
    } catch (const std::runtime_error& e) {
      QVERIFY2(std::string(e.what()).find("checkpoint 9") != std::string::npos, e.what());
    }
  }

  void aDamagedChunkFailsTheChecksum() {
    Changelog::Assembler a("t", 0);
    auto records = Changelog::encode("t", 0, 2, 1, bytes(1500, 'd'), 1000);
    records[0].value.back() ^= 1;
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, feed(a, records));
  }
};

QTEST_GUILESS_MAIN(TestChangelog)
#include "tst_changelog.moc"
