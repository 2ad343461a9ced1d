#include "app/designer/LogPanel.h"

#include <QDateTime>
#include <QFontDatabase>
#include <QPlainTextEdit>
#include <QVBoxLayout>
#include <mutex>

#include "engine/runtime/Log.h"

namespace sc::designer {

// Filled by engine threads, emptied by the GUI thread; shared with the Logger's sink so a line
// logged while the panel goes away lands in memory that still exists.
struct LogPanel::Shared {
  std::mutex mutex;
  QStringList lines;
};

namespace {

const char* levelName(LogLevel level) {
  switch (level) {
    case LogLevel::Debug:
      return "DEBUG";
    case LogLevel::Info:
      return "INFO";
    case LogLevel::Warn:
      return "WARN";
    case LogLevel::Error:
      return "ERROR";
  }
  return "";
}

}  // namespace

LogPanel::LogPanel(QWidget* parent)
    : QWidget(parent), shared_(std::make_shared<Shared>()), text_(new QPlainTextEdit(this)) {
  text_->setObjectName(QStringLiteral("logText"));
  text_->setReadOnly(true);
  text_->setLineWrapMode(QPlainTextEdit::NoWrap);
  text_->setMaximumBlockCount(kMaxLines);
  text_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addWidget(text_);

  std::weak_ptr<Shared> weak = shared_;
  Logger::global().setSink([weak](LogLevel level, std::string_view component,
                                  std::string_view message) {
    const auto shared = weak.lock();
    if (!shared) return;
    const QString line = QStringLiteral("%1 %2 [%3] %4")
                             .arg(QDateTime::currentDateTime().toString(Qt::ISODateWithMs),
                                  QLatin1String(levelName(level)),
                                  QString::fromUtf8(component.data(), qsizetype(component.size())),
                                  QString::fromUtf8(message.data(), qsizetype(message.size())));
    std::lock_guard lock(shared->mutex);
    shared->lines << line;
  });
  flush_.setInterval(kFlushMs);
  connect(&flush_, &QTimer::timeout, this, &LogPanel::flush);
  flush_.start();
}

LogPanel::~LogPanel() {
  Logger::global().setSink({});
}

void LogPanel::flush() {
  QStringList lines;
  {
    std::lock_guard lock(shared_->mutex);
    lines.swap(shared_->lines);
  }
  if (lines.isEmpty()) return;
  // A flood (thousands of bad lines) keeps only what the view would keep anyway.
  if (lines.size() > kMaxLines) lines = lines.mid(lines.size() - kMaxLines);
  text_->appendPlainText(lines.join('\n'));
}

}  // namespace sc::designer
