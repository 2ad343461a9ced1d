// Watermarks across a repartition hop without a broker (nodes/window/RepartitionMarkers.h): the
// reader takes the minimum over upstream partitions and the maximum per upstream partition, an
// upstream partition (or topic) without a marker holds time back, ended partitions stop counting,
// and the merged state survives a snapshot and restore (it moves with the partition through the
// changelog). The writer's side: watermark = newest - bound - 1, revoked and ended partitions get
// one last marker.
#include <QtTest>

#include "engine/state/StateCodec.h"
#include "nodes/window/RepartitionMarkers.h"

using namespace sc;
using namespace sc::window;

namespace {

RepartitionMarker marker(std::map<UpstreamPartition, UpstreamMark> upstream,
                         std::map<std::string, int32_t> partitions) {
  RepartitionMarker m;
  m.upstream = std::move(upstream);
  m.partitions = std::move(partitions);
  return m;
}

UpstreamMark at(int64_t watermark) {
  return {watermark, false};
}
UpstreamMark ended() {
  return {INT64_MIN, true};
}

}  // namespace

class TestRepartitionMarkers : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void timeIsTheMinimumOverUpstreamPartitions() {
    MarkerMerge m;
    m.expectTopics({"in"});
    m.add(marker({{{"in", 0}, at(100)}}, {{"in", 2}}));
    QCOMPARE(m.eventTime(), INT64_MIN);  // in[1] has said nothing yet
    m.add(marker({{{"in", 1}, at(50)}}, {{"in", 2}}));
    QCOMPARE(m.eventTime(), int64_t(50));
    m.add(marker({{{"in", 1}, at(200)}}, {{"in", 2}}));
    QCOMPARE(m.eventTime(), int64_t(100));
  }

  void eachUpstreamPartitionKeepsItsNewestMarker() {
    // A partition that moved: the old owner's last marker may come after the new owner's.
    MarkerMerge m;
    m.add(marker({{{"in", 0}, at(100)}}, {{"in", 1}}));
    m.add(marker({{{"in", 0}, at(80)}}, {{"in", 1}}));
    QCOMPARE(m.eventTime(), int64_t(100));
  }

  void anUpstreamTopicWithoutMarkersHoldsTimeBack() {
    MarkerMerge m;
    m.expectTopics({"in", "other"});
    m.add(marker({{{"in", 0}, at(100)}}, {{"in", 1}}));
    QCOMPARE(m.eventTime(), INT64_MIN);
    m.add(marker({{{"other", 0}, at(300)}}, {{"other", 1}}));
    QCOMPARE(m.eventTime(), int64_t(100));
    // A marker without any known count holds nothing.
    MarkerMerge none;
    QCOMPARE(none.eventTime(), INT64_MIN);
  }

  void endedPartitionsStopCountingAndAllEndedIsTheEnd() {
    MarkerMerge m;
    m.expectTopics({"in"});
    m.add(marker({{{"in", 0}, at(10)}, {{"in", 1}, at(70)}}, {{"in", 2}}));
    QCOMPARE(m.eventTime(), int64_t(10));
    m.add(marker({{{"in", 0}, ended()}}, {{"in", 2}}));
    QCOMPARE(m.eventTime(), int64_t(70));
    QVERIFY(!m.allEnded());
    // An older marker that does not say ended does not undo it.
    m.add(marker({{{"in", 0}, at(20)}}, {{"in", 2}}));
    QCOMPARE(m.eventTime(), int64_t(70));
    m.add(marker({{{"in", 1}, ended()}}, {{"in", 2}}));
    QVERIFY(m.allEnded());
    QCOMPARE(m.eventTime(), INT64_MAX);
  }

  void snapshotAndRestoreKeepTheMarkers() {
    MarkerMerge m;
    m.expectTopics({"in", "other"});
    m.add(marker({{{"in", 0}, at(100)}, {{"in", 1}, ended()}}, {{"in", 2}}));
    state::StateWriter w;
    m.save(w);
    const std::string bytes = w.take();

    MarkerMerge restored;
    restored.expectTopics({"in", "other"});
    state::StateReader r(bytes, "markers");
    restored.load(r);
    r.expectEnd();
    QVERIFY(restored == m);
    QCOMPARE(restored.eventTime(), INT64_MIN);  // "other" is still unknown after the move
    restored.add(marker({{{"other", 0}, at(500)}}, {{"other", 1}}));
    QCOMPARE(restored.eventTime(), int64_t(100));
    // ... and the restored maximum per upstream partition still holds.
    restored.add(marker({{{"in", 0}, at(40)}}, {{"in", 2}}));
    QCOMPARE(restored.eventTime(), int64_t(100));

    // Damaged bytes are refused, not trusted.
    MarkerMerge broken;
    state::StateReader cut(std::string_view(bytes).substr(0, bytes.size() - 3), "markers");
    QVERIFY_THROWS_EXCEPTION(state::StateError, broken.load(cut));
  }

  void markersRoundTripAsJson() {
    const RepartitionMarker m =
        marker({{{"in", 3}, at(-5)}, {{"b c", 0}, ended()}}, {{"in", 12}, {"b c", 1}});
    std::string error;
    const auto back = RepartitionMarker::decode(m.encode(), &error);
    QVERIFY2(back.has_value(), error.c_str());
    QVERIFY(back->upstream == m.upstream);
    QVERIFY(back->partitions == m.partitions);
    QVERIFY(!RepartitionMarker::decode("{\"upstream\": 3}", &error));
    QVERIFY(!RepartitionMarker::decode("not json", &error));
    QVERIFY(!RepartitionMarker::decode(R"({"upstream":[],"partitions":{"in":0}})",
                                       &error));  // no partitions
    QVERIFY(error.find("in") != std::string::npos);
  }

  void theWriterReportsWhatItWroteAndForgetsWhatWent() {
    MarkerTracker t;
    t.setPartitionCount("in", 4);
    t.wrote("in", 0, 1000);
    t.wrote("in", 0, 900);  // older record: the newest counts
    t.wrote("in", 1, 5000);
    RepartitionMarker m = t.take(100);
    QCOMPARE(m.upstream.size(), size_t(2));
    QCOMPARE(m.upstream[UpstreamPartition("in", 0)].watermark, int64_t(899));
    QCOMPARE(m.upstream[UpstreamPartition("in", 1)].watermark, int64_t(4899));
    QCOMPARE(m.partitions["in"], 4);

    // Revoked: one last marker, then nothing; ended: one marker saying so.
    t.revoked("in", 1);
    t.ended("in", 2);
    m = t.take(100);
    QCOMPARE(m.upstream.size(), size_t(3));
    QVERIFY(m.upstream[UpstreamPartition("in", 2)].ended);
    QCOMPARE(m.upstream[UpstreamPartition("in", 1)].watermark, int64_t(4899));
    m = t.take(100);
    QCOMPARE(m.upstream.size(), size_t(1));
    QVERIFY(m.upstream.count(UpstreamPartition("in", 0)));
    // A partition that comes back is reported again.
    t.wrote("in", 1, 6000);
    QCOMPARE(t.take(0).upstream[UpstreamPartition("in", 1)].watermark, int64_t(5999));
  }
};

QTEST_GUILESS_MAIN(TestRepartitionMarkers)
#include "tst_repartitionmarkers.moc"
