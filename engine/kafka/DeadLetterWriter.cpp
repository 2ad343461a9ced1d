#include "engine/kafka/DeadLetterWriter.h"

#include <librdkafka/rdkafka.h>

namespace sc::kafka {

Result<std::unique_ptr<DeadLetterWriter>> DeadLetterWriter::create(
    const ResolvedConnection& connection, std::string topic, std::string label,
    Properties properties) {
  using R = Result<std::unique_ptr<DeadLetterWriter>>;
  std::unique_ptr<DeadLetterWriter> w(new DeadLetterWriter());
  w->topic_ = std::move(topic);
  w->label_ = std::move(label);
  ClientOptions o;
  o.kind = ClientKind::Producer;
  o.label = w->label_ + " dead letters";
  o.defaults = {{"enable.idempotence", "true"}};
  o.overrides = std::move(properties);
  DeadLetterWriter* self = w.get();
  // Delivery reports come from poll/flush on the thread that writes: no lock needed.
  o.delivery = [self](const rd_kafka_message_t* msg) {
    if (!msg->err || self->failed_.load()) return;
    self->failure_ = "dead letter to '" + self->topic_ + "' failed: " + rd_kafka_err2str(msg->err);
    self->failed_.store(true);
  };
  auto producer = KafkaClient::create(connection, std::move(o));
  if (!producer.ok()) return R::failure(producer.error);
  w->producer_ = std::move(producer.value);
  return R::success(std::move(w));
}

DeadLetterWriter::~DeadLetterWriter() {
  close(0);
}

rd_kafka_headers_t* DeadLetterWriter::headersFor(const DeadLetter& letter) {
  rd_kafka_headers_t* hdrs =
      letter.headers ? rd_kafka_headers_copy(letter.headers) : rd_kafka_headers_new(4);
  const std::string partition = std::to_string(letter.partition);
  const std::string offset = std::to_string(letter.offset);
  const std::string topic(letter.topic);
  rd_kafka_header_add(hdrs, "sc.error", -1, letter.error.data(),
                      static_cast<ssize_t>(letter.error.size()));
  rd_kafka_header_add(hdrs, "sc.source.topic", -1, topic.data(),
                      static_cast<ssize_t>(topic.size()));
  rd_kafka_header_add(hdrs, "sc.source.partition", -1, partition.data(),
                      static_cast<ssize_t>(partition.size()));
  rd_kafka_header_add(hdrs, "sc.source.offset", -1, offset.data(),
                      static_cast<ssize_t>(offset.size()));
  return hdrs;
}

std::string DeadLetterWriter::write(const DeadLetter& letter,
                                    const std::function<bool()>& stopping) {
  if (!producer_) return label_ + ": the dead-letter writer is closed";
  rd_kafka_t* rk = producer_->handle();
  rd_kafka_headers_t* hdrs = headersFor(letter);
  void* payload = const_cast<char*>(letter.payload.data());
  const void* key = letter.hasKey ? letter.key.data() : nullptr;
  const size_t keySize = letter.hasKey ? letter.key.size() : 0;
  rd_kafka_resp_err_t e;
  while ((e = rd_kafka_producev(
              rk, RD_KAFKA_V_TOPIC(topic_.c_str()), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
              RD_KAFKA_V_VALUE(payload, letter.payload.size()), RD_KAFKA_V_KEY(key, keySize),
              RD_KAFKA_V_HEADERS(hdrs), RD_KAFKA_V_END)) == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
    // A full queue means the cluster is slow or gone: wait for room, unless the run stops.
    if (stopping && stopping()) break;
    rd_kafka_poll(rk, 10);
  }
  if (e) {
    rd_kafka_headers_destroy(hdrs);  // ownership passes only on success
    return label_ + ": cannot write dead letter to '" + topic_ + "': " + rd_kafka_err2str(e);
  }
  rd_kafka_poll(rk, 0);
  return failure();
}

std::string DeadLetterWriter::flush(int timeoutMs) {
  if (!producer_) return {};
  const int left = producer_->flush(timeoutMs);
  if (std::string f = failure(); !f.empty()) return f;
  if (left > 0)
    return label_ + ": " + std::to_string(left) + " dead letters to '" + topic_ +
           "' were not acknowledged within " + std::to_string(timeoutMs / 1000) + " s";
  return {};
}

std::string DeadLetterWriter::failure() const {
  if (!failed_.load()) {
    std::string fatal = producer_ ? producer_->fatalError() : std::string();
    return fatal.empty() ? fatal : label_ + ": " + fatal;
  }
  return label_ + ": " + failure_;
}

void DeadLetterWriter::close(int flushTimeoutMs) {
  if (producer_) producer_->close(flushTimeoutMs), producer_.reset();
}

}  // namespace sc::kafka
