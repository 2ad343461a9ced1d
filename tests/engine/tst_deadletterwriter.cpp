// DeadLetterWriter without a broker: the headers a dead letter carries, a write that is only
// queued (nothing listens at the bootstrap address), a flush that reports what was not
// acknowledged, and a full queue that gives up once the run stops instead of waiting forever.
#include <QtTest>

#include <librdkafka/rdkafka.h>

#include <map>
#include <string>

#include "engine/kafka/DeadLetterWriter.h"

using namespace sc::kafka;

namespace {

std::map<std::string, std::string> headerMap(const rd_kafka_headers_t* hdrs) {
  std::map<std::string, std::string> out;
  const char* name;
  const void* value;
  size_t size;
  for (size_t i = 0; !rd_kafka_header_get_all(hdrs, i, &name, &value, &size); ++i)
    out[name] = std::string(static_cast<const char*>(value), size);
  return out;
}

// Nothing listens on port 1: messages stay queued, and nothing is ever acknowledged.
ResolvedConnection nowhere() {
  ResolvedConnection c;
  c.settings.name = "nowhere";
  c.settings.bootstrapServers = "127.0.0.1:1";
  c.bootstrapServers = "127.0.0.1:1";
  c.settings.properties = {{"log_level", "0"}};
  return c;
}

DeadLetter letter(const rd_kafka_headers_t* original = nullptr) {
  DeadLetter d;
  d.payload = "not json";
  d.key = "dev-7";
  d.hasKey = true;
  d.headers = original;
  d.topic = "sensors";
  d.partition = 3;
  d.offset = 42;
  d.error = "expected an object";
  return d;
}

}  // namespace

class TestDeadLetterWriter : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void headersNameTheReasonAndTheOriginAfterTheOriginalOnes() {
    rd_kafka_headers_t* original = rd_kafka_headers_new(1);
    rd_kafka_header_add(original, "trace", -1, "t1", -1);
    rd_kafka_headers_t* hdrs = DeadLetterWriter::headersFor(letter(original));
    const auto got = headerMap(hdrs);
    QCOMPARE(got.at("trace"), std::string("t1"));
    QCOMPARE(got.at("sc.error"), std::string("expected an object"));
    QCOMPARE(got.at("sc.source.topic"), std::string("sensors"));
    QCOMPARE(got.at("sc.source.partition"), std::string("3"));
    QCOMPARE(got.at("sc.source.offset"), std::string("42"));
    QCOMPARE(got.size(), size_t(5));
    // The original message keeps its own headers.
    QCOMPARE(headerMap(original).size(), size_t(1));
    rd_kafka_headers_destroy(hdrs);
    rd_kafka_headers_destroy(original);
  }

  void headersWithoutOriginalOnes() {
    rd_kafka_headers_t* hdrs = DeadLetterWriter::headersFor(letter());
    QCOMPARE(headerMap(hdrs).size(), size_t(4));
    rd_kafka_headers_destroy(hdrs);
  }

  void unacknowledgedLettersAreReportedByFlush() {
    auto writer = DeadLetterWriter::create(nowhere(), "dlq", "kafka.source 'src'");
    QVERIFY2(writer.ok(), writer.error.c_str());
    QCOMPARE(writer.value->write(letter()), std::string());
    const std::string error = writer.value->flush(200);
    QVERIFY2(error.find("1 dead letters to 'dlq' were not acknowledged") != std::string::npos,
             error.c_str());
    QVERIFY2(error.find("kafka.source 'src'") == 0, error.c_str());
    writer.value->close(0);
  }

  void aFullQueueGivesUpWhenTheRunStops() {
    // Room for one message: the second write finds the queue full, and the run is stopping.
    auto writer = DeadLetterWriter::create(nowhere(), "dlq", "kafka.source 'src'",
                                           {{"queue.buffering.max.messages", "1"}});
    QVERIFY2(writer.ok(), writer.error.c_str());
    int asked = 0;
    auto stopping = [&] { return ++asked > 0; };
    QCOMPARE(writer.value->write(letter(), stopping), std::string());
    const std::string error = writer.value->write(letter(), stopping);
    QVERIFY2(error.find("cannot write dead letter to 'dlq'") != std::string::npos, error.c_str());
    QCOMPARE(asked, 1);
    writer.value->close(0);
  }
};

QTEST_GUILESS_MAIN(TestDeadLetterWriter)
#include "tst_deadletterwriter.moc"
