// File > Export > Flink SQL...: the document, as its file text, through the runner's translation
// (engine/export/FlinkSql.h, the same as streamcanvas-run --export flink-sql), into a .sql file.
// Whatever cannot be translated is listed, nothing is written; ${VAR} references stay as written.
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QSaveFile>
#include <QStatusBar>

#include "app/designer/FlinkSqlProblems.h"
#include "app/designer/MainWindow.h"
#include "app/designer/PipelineDocument.h"
#include "engine/export/FlinkSql.h"
#include "engine/graph/HeadlessBundle.h"
#include "engine/graph/Pipeline.h"

namespace sc::designer {

void MainWindow::showFlinkSqlProblems(const QString& title, const QString& intro,
                                      const Diagnostics& diagnostics) {
  // One list at a time: a new export replaces the previous one's.
  for (FlinkSqlProblems* old : findChildren<FlinkSqlProblems*>())
    old->deleteLater();
  auto* dialog = new FlinkSqlProblems(title, intro, diagnostics, this);
  dialog->setObjectName(QStringLiteral("flinkSqlProblems"));
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &FlinkSqlProblems::problemChosen, this, &MainWindow::showProblem);
  // Not modal: the user fixes the nodes with the list open.
  dialog->show();
}

bool MainWindow::exportToFlinkSql() {
  const QString title = tr("Export to Flink SQL");
  // The file text, parsed as the runner parses a file: the export sees what a save would write.
  const QString file =
      doc_->filePath().isEmpty() ? tr("unsaved pipeline") : QFileInfo(doc_->filePath()).fileName();
  LoadResult loaded = parsePipeline(doc_->fileText(), sstr(file));
  if (!loaded.pipeline) {
    error(title, qstr(loaded.diagnostics.format()));
    return false;
  }
  FlinkSqlExport exported = sc::exportFlinkSql(*loaded.pipeline, registry_);
  for (Diagnostic& d : exported.diagnostics.items()) {
    d.file = sstr(file);
    std::tie(d.line, d.column) = loaded.sourceMap.locate(d.pointer);
  }
  if (!exported.ok()) {
    Diagnostics errors;
    for (const Diagnostic& d : exported.diagnostics.items())
      if (d.severity == Severity::Error) errors.items().push_back(d);
    showFlinkSqlProblems(
        tr("Cannot export to Flink SQL"),
        tr("Nothing was written: these parts of the pipeline cannot be translated to Flink "
           "SQL. Choose one to show its node."),
        errors);
    statusBar()->showMessage(tr("Nothing was exported to Flink SQL"), 6000);
    return false;
  }
  const QString start =
      (doc_->filePath().isEmpty() ? QDir::homePath() : QFileInfo(doc_->filePath()).path()) +
      QLatin1Char('/') +
      (doc_->filePath().isEmpty() ? qstr(pipelineSlug(loaded.pipeline->name))
                                  : QFileInfo(doc_->filePath()).completeBaseName()) +
      QStringLiteral(".sql");
  const QString path = chooseSaveFile_ ? chooseSaveFile_(title, start)
                                       : QFileDialog::getSaveFileName(
                                             this, title, start, tr("Flink SQL script (*.sql)"));
  if (path.isEmpty()) return false;
  QSaveFile out(path);
  if (!out.open(QIODevice::WriteOnly) ||
      out.write(exported.script.data(), qint64(exported.script.size())) !=
          qint64(exported.script.size()) ||
      !out.commit()) {
    error(title, tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), out.errorString()));
    return false;
  }
  statusBar()->showMessage(tr("Exported the Flink SQL job to %1").arg(path), 6000);
  if (!exported.diagnostics.empty())
    showFlinkSqlProblems(tr("Exported to Flink SQL"),
                         tr("The job was written to %1. Flink will run it with these "
                            "differences:")
                             .arg(QDir::toNativeSeparators(path)),
                         exported.diagnostics);
  return true;
}

}  // namespace sc::designer
