// CheckpointOffsets without a broker: what a checkpoint holds, what a completed checkpoint
// lets a source commit, and what a revoked partition commits and forgets.
#include <QtTest>

#include "engine/kafka/CheckpointOffsets.h"

using namespace sc::kafka;

namespace {

using Offsets = std::vector<PartitionOffset>;

char* describe(const Offsets& offsets) {
  std::string s;
  for (const auto& o : offsets)
    s += o.topic + "/" + std::to_string(o.partition) + "@" + std::to_string(o.offset) + " ";
  return qstrdup(s.c_str());
}

}  // namespace

namespace QTest {
template <>
char* toString(const Offsets& offsets) {
  return describe(offsets);
}
}  // namespace QTest

class TestCheckpointOffsets : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void commitsOnlyWhatADurableCheckpointHolds() {
    CheckpointOffsets o;
    o.assign("a", 0);
    o.assign("b", 0);
    QCOMPARE(o.take(1, {{"a", 0, 10}, {"b", 0, 5}}), (Offsets{{"a", 0, 10}, {"b", 0, 5}}));
    QCOMPARE(o.take(2, {{"a", 0, 20}, {"b", 0, 5}}), (Offsets{{"a", 0, 20}, {"b", 0, 5}}));
    // Nothing before a checkpoint completes.
    QCOMPARE(CheckpointOffsets().complete(1), Offsets{});
    QCOMPARE(o.complete(1), (Offsets{{"a", 0, 10}, {"b", 0, 5}}));
    // b did not move: only a is committed again.
    QCOMPARE(o.complete(2), (Offsets{{"a", 0, 20}}));
    QCOMPARE(o.complete(2), Offsets{});
  }

  // Scale-out with local checkpoints: a commit names its checkpoint, and the state may change
  // without new records (an ended partition fires), so unchanged offsets are committed again
  // with the newer checkpoint; `from` says which.
  void againCommitsUnchangedOffsetsAndNamesTheirCheckpoint() {
    CheckpointOffsets o;
    o.assign("a", 0);
    o.assign("b", 0);
    o.take(1, {{"a", 0, 10}, {"b", 0, 5}});
    o.take(2, {{"a", 0, 20}, {"b", 0, 5}});
    uint64_t from = 0;
    QCOMPARE(o.complete(1, true, &from), (Offsets{{"a", 0, 10}, {"b", 0, 5}}));
    QCOMPARE(from, uint64_t(1));
    QCOMPARE(o.complete(2, true, &from), (Offsets{{"a", 0, 20}, {"b", 0, 5}}));
    QCOMPARE(from, uint64_t(2));
    // Never backwards.
    o.take(3, {{"a", 0, 15}});
    QCOMPARE(o.complete(3, true, &from), Offsets{});
  }

  void aLaterCompletionCoversEveryEarlierCheckpoint() {
    CheckpointOffsets o;
    o.assign("a", 0);
    o.take(1, {{"a", 0, 10}});
    o.take(2, {{"a", 0, 20}});
    o.take(3, {{"a", 0, 30}});
    QCOMPARE(o.complete(2), (Offsets{{"a", 0, 20}}));
    // The final part (id 0, at the end of input) completes with any later id.
    o.take(0, {{"a", 0, 40}});
    QCOMPARE(o.complete(7), (Offsets{{"a", 0, 40}}));
  }

  void topicsWithTheSamePartitionNumberAreDistinct() {
    CheckpointOffsets o;
    o.assign("c", 0);
    o.assign("d", 0);
    o.take(1, {{"c", 0, 100}, {"d", 0, 7}});
    QCOMPARE(o.revoke("c", 0), std::optional<int64_t>());  // nothing committed yet
    QCOMPARE(o.complete(1), (Offsets{{"d", 0, 7}}));
  }

  void revokedPartitionsCommitWhatCompletedAndForgetPendingPositions() {
    CheckpointOffsets o;
    o.assign("a", 0);
    o.assign("a", 1);
    o.take(1, {{"a", 0, 10}, {"a", 1, 10}});
    QCOMPARE(o.complete(1), (Offsets{{"a", 0, 10}, {"a", 1, 10}}));
    o.take(2, {{"a", 0, 20}, {"a", 1, 20}});
    // a/1 moves away before checkpoint 2 completes: it commits 10, never 20.
    QCOMPARE(o.revoke("a", 1), std::optional<int64_t>(10));
    QCOMPARE(o.complete(2), (Offsets{{"a", 0, 20}}));
    QCOMPARE(o.revoke("a", 1), std::optional<int64_t>());  // not owned any more
    // Owned again: it starts over, so the next checkpoint's position commits.
    o.assign("a", 1);
    o.take(3, {{"a", 1, 15}});
    QCOMPARE(o.complete(3), (Offsets{{"a", 1, 15}}));
  }

  void restoredPartitionsKeepTheirPlaceUntilReadAgain() {
    CheckpointOffsets o;
    o.restore("a", 0, 50);
    o.restore("a", 1, 60);
    QCOMPARE(o.restored("a", 0), std::optional<int64_t>(50));
    QCOMPARE(o.restored("b", 0), std::optional<int64_t>());
    o.assign("a", 0);
    // a/1 is not assigned back yet: the checkpoint still holds its restored offset.
    QCOMPARE(o.take(4, {{"a", 0, 55}}), (Offsets{{"a", 0, 55}, {"a", 1, 60}}));
    // Only positions the source read are committed.
    QCOMPARE(o.complete(4), (Offsets{{"a", 0, 55}}));
  }
};

QTEST_GUILESS_MAIN(TestCheckpointOffsets)
#include "tst_checkpointoffsets.moc"
