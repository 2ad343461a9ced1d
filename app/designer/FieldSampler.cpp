#include "app/designer/FieldSampler.h"

#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <optional>
#include <regex>

#include "app/designer/ClusterCallPool.h"
#include "app/designer/PipelineDocument.h"
#include "engine/expr/RegexPattern.h"
#include "engine/kafka/ClusterAdmin.h"
#include "engine/kafka/KafkaConnection.h"
#include "engine/runtime/Context.h"
#include "nodes/FileSample.h"

namespace sc::designer {

namespace {

// What the worker needs, copied on the GUI thread (the document is not touched off it).
struct SampleRequest {
  std::string nodeId;
  std::string type;
  Json properties;  // ${VAR} substituted
  std::optional<kafka::ConnectionSettings> connection;
};

struct SampleResult {
  std::vector<Json> records;
  std::string error;
};

SampleResult sampleFile(const SampleRequest& r) {
  SampleResult out;
  const std::string path = r.properties.value("path", std::string());
  const bool csv = r.properties.value("format", std::string("jsonl")) == "csv";
  out.error = readFileSample(path, csv, FieldSampler::kSampleRecords, out.records);
  return out;
}

SampleResult sampleKafka(const SampleRequest& r, std::shared_ptr<ResourceRegistry> resources) {
  SampleResult out;
  kafka::ResolvedConnection connection;
  if (r.connection->embedded()) {
    if (!resources) {
      out.error = "the embedded cluster runs only inside the designer's window";
      return out;
    }
    auto started = kafka::resolveConnection(*r.connection, *resources);
    if (!started.ok()) {
      out.error = started.error;
      return out;
    }
    connection = started.value;
  } else {
    connection.settings = *r.connection;
    connection.bootstrapServers = r.connection->bootstrapServers;
  }
  kafka::ClusterAdmin admin(connection);
  std::vector<std::string> topics;
  const Json& listed = r.properties.value("topics", Json());
  if (listed.is_string()) topics.push_back(listed.get<std::string>());
  if (listed.is_array())
    for (const Json& t : listed)
      if (t.is_string()) topics.push_back(t.get<std::string>());
  if (topics.empty()) {
    std::string why;
    auto pattern = expr::compileRegexPattern(r.properties.value("topic_pattern", ""), why);
    if (!pattern) {
      out.error = "no topics to sample" + (why.empty() ? std::string() : ": " + why);
      return out;
    }
    auto all = admin.listTopics(FieldSampler::kTimeoutMs);
    if (!all.ok()) {
      out.error = all.error;
      return out;
    }
    for (const kafka::TopicInfo& t : all.value)
      if (std::regex_match(t.name, *pattern)) topics.push_back(t.name);
  }
  const bool text = r.properties.value("format", std::string("json")) == "text";
  constexpr size_t kMaxTopics = 8;  // every call is bounded; so is their number
  const size_t want = FieldSampler::kSampleRecords;
  for (size_t k = 0; k < topics.size() && k < kMaxTopics && out.records.size() < want; ++k) {
    auto info = admin.describeTopic(topics[k], FieldSampler::kTimeoutMs);
    if (!info.ok()) {
      out.error = info.error;
      return out;
    }
    for (const kafka::PartitionInfo& p : info.value.partitions) {
      if (out.records.size() >= want || p.messages() == 0) continue;
      auto read = admin.readMessages(topics[k], p.partition, kafka::ReadPosition::beginning(),
                                     want - out.records.size(), FieldSampler::kTimeoutMs);
      if (!read.ok()) {
        out.error = read.error;
        return out;
      }
      for (const kafka::KafkaMessage& m : read.value) {
        if (!m.value) continue;
        Json record = text ? Json{{"value", *m.value}} : Json::parse(*m.value, nullptr, false);
        if (record.is_object()) out.records.push_back(std::move(record));
      }
    }
  }
  return out;
}

}  // namespace

FieldSampler::FieldSampler(PipelineDocument* document, std::shared_ptr<ResourceRegistry> resources,
                           QObject* parent)
    : QObject(parent), doc_(document), resources_(std::move(resources)) {}

bool FieldSampler::canSample(const std::string& nodeId) const {
  const PipelineNode* node = doc_->pipeline().node(nodeId);
  return node && (node->type == "file.source" || node->type == "kafka.source");
}

void FieldSampler::sample(const QString& nodeId) {
  const std::string id = sstr(nodeId);
  const PipelineNode* node = doc_->pipeline().node(id);
  if (!node || !canSample(id) || busy_.contains(nodeId)) return;
  // ${VAR} substituted from the environment, as a run would.
  Pipeline only;
  only.connections = doc_->pipeline().connections;
  only.nodes.push_back(*node);
  Diagnostics diags;
  const Pipeline resolved =
      substituteVariables(only, doc_->registry(), processEnvironment(), diags);
  if (diags.hasErrors()) {
    Q_EMIT finished(nodeId, tr("Cannot sample: %1").arg(qstr(diags.items().front().message)),
                    false);
    return;
  }
  SampleRequest request{id, node->type, resolved.nodes.front().properties, std::nullopt};
  if (node->type == "kafka.source") {
    const std::string name = request.properties.value("connection", std::string());
    auto settings = kafka::ConnectionSettings::fromPipeline(resolved.toJson(), name);
    if (!settings.ok()) {
      Q_EMIT finished(nodeId, tr("Cannot sample: %1").arg(qstr(settings.error)), false);
      return;
    }
    request.connection = settings.value;
  }
  busy_.insert(nodeId);
  Q_EMIT started(nodeId);
  auto* watcher = new QFutureWatcher<SampleResult>(this);
  connect(watcher, &QFutureWatcher<SampleResult>::finished, this, [this, watcher, nodeId, request] {
    watcher->deleteLater();
    busy_.remove(nodeId);
    const SampleResult result = watcher->result();
    const PipelineNode* now = doc_->pipeline().node(request.nodeId);
    if (!now || now->type != request.type) return;  // removed or replaced meanwhile
    if (!result.error.empty()) {
      Q_EMIT finished(nodeId, tr("Sampling failed: %1").arg(qstr(result.error)), false);
      return;
    }
    if (result.records.empty()) {
      Q_EMIT finished(nodeId, tr("No records to sample: the fields stay as they were."), false);
      return;
    }
    const FieldSet fields = fieldsOfRecords(result.records, request.nodeId);
    doc_->setNodeUiEntry(request.nodeId, kSampledFieldsKey, sampledFieldsToJson(fields),
                         tr("Sample fields of %1").arg(nodeId));
    Q_EMIT finished(
        nodeId,
        tr("%n field(s) from %1 record(s).", nullptr, static_cast<int>(fields.fields().size()))
            .arg(result.records.size()),
        true);
  });
  // Off the GUI thread: every file read and cluster call is bounded, a lost broker costs a few
  // seconds of the worker, never the window.
  watcher->setFuture(QtConcurrent::run(clusterCallPool(), [request, resources = resources_] {
    return request.type == "file.source" ? sampleFile(request) : sampleKafka(request, resources);
  }));
}

QString fieldListText(const FieldSet& fields, bool links) {
  QStringList items;
  for (const Field& f : fields.fields()) {
    const QString name = qstr(f.name).toHtmlEscaped();
    const QString shown = links ? QStringLiteral("<a href=\"field:%1\">%1</a>").arg(name)
                                : QStringLiteral("%1").arg(name);
    items << (f.type == FieldType::Unknown
                  ? shown
                  : QStringLiteral("%1 <small>(%2)</small>").arg(shown, fieldTypeName(f.type)));
  }
  return items.join(QStringLiteral(", "));
}

NodeFieldsView::NodeFieldsView(PipelineDocument* document, FieldSampler* sampler,
                               const QString& nodeId, QWidget* parent)
    : QWidget(parent),
      doc_(document),
      sampler_(sampler),
      nodeId_(nodeId),
      fields_(new QLabel(this)) {
  setObjectName(QStringLiteral("nodeFields"));
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  fields_->setObjectName(QStringLiteral("outputFields"));
  fields_->setWordWrap(true);
  fields_->setTextFormat(Qt::RichText);
  layout->addWidget(fields_);
  if (sampler_ && sampler_->canSample(sstr(nodeId))) {
    auto* row = new QHBoxLayout;
    sample_ = new QPushButton(tr("Sample fields"), this);
    sample_->setObjectName(QStringLiteral("sampleFields"));
    sample_->setToolTip(
        tr("Reads the first %1 records and remembers their fields in the pipeline file, for "
           "completion and spelling checks. Runs never need them.")
            .arg(FieldSampler::kSampleRecords));
    status_ = new QLabel(this);
    status_->setObjectName(QStringLiteral("sampleStatus"));
    status_->setWordWrap(true);
    row->addWidget(sample_);
    row->addStretch();
    layout->addLayout(row);
    layout->addWidget(status_);
    connect(sample_, &QPushButton::clicked, this, [this] { sampler_->sample(nodeId_); });
    connect(sampler_, &FieldSampler::started, this, [this](const QString& id) {
      if (id != nodeId_) return;
      sample_->setEnabled(false);
      status_->setText(tr("Sampling…"));
    });
    connect(sampler_, &FieldSampler::finished, this,
            [this](const QString& id, const QString& message, bool) {
              if (id != nodeId_) return;
              sample_->setEnabled(true);
              status_->setText(message);
            });
    sample_->setEnabled(!sampler_->isBusy(nodeId_));
  }
  connect(doc_, &PipelineDocument::validated, this, &NodeFieldsView::refresh);
  refresh();
}

void NodeFieldsView::refresh() {
  const FieldSet out = doc_->outputFields(sstr(nodeId_));
  const QString list = fieldListText(out, false);
  if (list.isEmpty())
    fields_->setText(
        tr("Fields out: unknown") +
        (sample_ ? QStringLiteral(" — ") + tr("sample them to check expressions.") : QString()));
  else
    fields_->setText(
        (out.complete() ? tr("Fields out: %1") : tr("Fields out (at least): %1")).arg(list));
  fields_->setToolTip(qstr(out.origin()));
}

}  // namespace sc::designer
