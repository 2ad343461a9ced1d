// The document's files: open, save (with the clear-secrets check), the recent files, and the
// exports that write files of their own (diagram image, headless bundle).
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>

#include "app/designer/DiagramExport.h"
#include "app/designer/GraphView.h"
#include "app/designer/MainWindow.h"
#include "app/designer/PipelineDocument.h"
#include "app/designer/Translations.h"
#include "engine/graph/HeadlessBundle.h"

namespace sc::designer {

namespace {
constexpr int kMaxRecentFiles = 8;
const char* const kRecentFilesKey = "recentFiles";
}  // namespace

bool MainWindow::maybeSave() {
  if (!doc_->isModified()) return true;
  const QString name =
      doc_->filePath().isEmpty() ? tr("Untitled") : QFileInfo(doc_->filePath()).fileName();
  const QMessageBox::StandardButton answer =
      prompt_
          ? prompt_()
          : QMessageBox::warning(
                this, tr("Unsaved changes"), tr("%1 has unsaved changes. Save them?").arg(name),
                QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
  if (answer == QMessageBox::Save) return save();
  return answer == QMessageBox::Discard;
}

void MainWindow::open() {
  if (!maybeSave()) return;
  const QString dir = doc_->filePath().isEmpty() ? QString() : QFileInfo(doc_->filePath()).path();
  const QString path = QFileDialog::getOpenFileName(this, tr("Open Pipeline"), dir,
                                                    tr("Pipelines (*.json);;All files (*)"));
  if (!path.isEmpty()) openFile(path);
}

bool MainWindow::openFile(const QString& path) {
  QString errors;
  if (!doc_->openFile(path, &errors)) {
    error(tr("Cannot open %1").arg(QFileInfo(path).fileName()), errors);
    return false;
  }
  addRecentFile(path);
  view_->fitToView();
  statusBar()->showMessage(tr("Opened %1").arg(path), 4000);
  return true;
}

bool MainWindow::save() {
  if (doc_->filePath().isEmpty()) return saveAs();
  return saveFile(doc_->filePath());
}

bool MainWindow::saveAs() {
  const QString path = QFileDialog::getSaveFileName(
      this, tr("Save Pipeline"),
      doc_->filePath().isEmpty() ? QStringLiteral("pipeline.json") : doc_->filePath(),
      tr("Pipelines (*.json)"));
  return !path.isEmpty() && saveFile(path);
}

bool MainWindow::confirmClearSecrets() {
  const QStringList secrets = doc_->clearSecrets();
  if (secrets.isEmpty()) return true;
  QMessageBox box(QMessageBox::Warning, tr("Secrets in clear"),
                  tr("The file would contain secrets in clear text:\n%1\n\nAnyone who reads the "
                     "file can read them. Use ${VARIABLE} references instead (the Connections "
                     "dock offers them). Save anyway?")
                      .arg(secrets.join('\n')),
                  QMessageBox::Save | QMessageBox::Cancel, this);
  box.setObjectName(QStringLiteral("clearSecretsWarning"));
  box.setDefaultButton(QMessageBox::Cancel);
  return box.exec() == QMessageBox::Save;
}

bool MainWindow::saveFile(const QString& path) {
  if (!confirmClearSecrets()) return false;
  QString message;
  if (!doc_->saveFile(path, &message)) {
    error(tr("Cannot save"), message);
    return false;
  }
  addRecentFile(path);
  statusBar()->showMessage(tr("Saved %1").arg(path), 4000);
  return true;
}

bool MainWindow::exportImage(const QString& path) {
  QString message;
  if (!exportDiagram(scene_, path, &message)) {
    error(tr("Cannot export"), message);
    return false;
  }
  statusBar()->showMessage(tr("Exported %1").arg(path), 4000);
  return true;
}

bool MainWindow::exportHeadless(const QString& dir) {
  const HeadlessBundle bundle = makeHeadlessBundle(doc_->pipeline(), registry_);
  if (!bundle.ok()) {
    error(tr("Cannot export for a headless run"),
          tr("Fix these problems first; nothing was written.\n\n%1")
              .arg(qstr(bundle.diagnostics.format())));
    return false;
  }
  if (const std::string why = writeHeadlessBundle(bundle, sstr(dir)); !why.empty()) {
    error(tr("Cannot export for a headless run"), qstr(why));
    return false;
  }
  QStringList needed;
  for (const PipelineVariable& v : bundle.variables) {
    const bool required = v.secret || !v.defaultValue();
    needed << (v.secret   ? tr("%1 (secret, required)")
               : required ? tr("%1 (required)")
                          : tr("%1 (has a default)"))
                  .arg(qstr(v.name));
  }
  int secrets = 0;
  for (const HeadlessBundle::Replacement& r : bundle.replaced)
    secrets += r.field.exportAs == ExportAs::Secret;
  QString text = tr("Exported to %1:\n%2").arg(QDir::toNativeSeparators(dir), [&] {
    QStringList files;
    for (const HeadlessBundle::File& f : bundle.files)
      files << QStringLiteral("  ") + qstr(f.name);
    return files.join(QLatin1Char('\n'));
  }());
  text += QStringLiteral("\n\n") +
          (needed.isEmpty() ? tr("The pipeline needs no variables.")
                            : tr("Variables the pipeline needs (listed in .env.example):\n  %1")
                                  .arg(needed.join(QStringLiteral("\n  "))));
  if (secrets > 0)
    text += QStringLiteral("\n\n") +
            tr("%n secret(s) typed into the pipeline became variables; their values are in no "
               "exported file. Give them to the operator another way.",
               nullptr, secrets);
  text += QStringLiteral("\n\n") +
          tr("Start it with run.sh, or install %1 (see README.md).").arg(qstr(bundle.serviceName));
  // Not modal: the summary stays open while the user goes on designing.
  auto* box = new QMessageBox(QMessageBox::Information, tr("Exported for a headless run"), text,
                              QMessageBox::Ok, this);
  box->setObjectName(QStringLiteral("headlessExportSummary"));
  box->setTextInteractionFlags(Qt::TextSelectableByMouse);
  box->setAttribute(Qt::WA_DeleteOnClose);
  box->open();
  statusBar()->showMessage(tr("Exported for a headless run to %1").arg(dir), 6000);
  return true;
}

QStringList MainWindow::recentFiles() const {
  return QSettings().value(QString::fromLatin1(kRecentFilesKey)).toStringList();
}

void MainWindow::addRecentFile(const QString& path) {
  QStringList files = recentFiles();
  const QString absolute = QFileInfo(path).absoluteFilePath();
  files.removeAll(absolute);
  files.prepend(absolute);
  while (files.size() > kMaxRecentFiles)
    files.removeLast();
  QSettings().setValue(QString::fromLatin1(kRecentFilesKey), files);
  updateRecentMenu();
}

void MainWindow::updateRecentMenu() {
  recentMenu_->clear();
  const QStringList files = recentFiles();
  for (int i = 0; i < files.size(); ++i) {
    QAction* a = recentMenu_->addAction(
        QStringLiteral("&%1 %2").arg(i + 1).arg(QFileInfo(files[i]).fileName()));
    a->setData(files[i]);
    a->setToolTip(files[i]);
    connect(a, &QAction::triggered, this, &MainWindow::openRecent);
  }
  recentMenu_->setEnabled(!files.isEmpty());
}

void MainWindow::openRecent() {
  auto* a = qobject_cast<QAction*>(sender());
  if (a && maybeSave()) openFile(a->data().toString());
}

}  // namespace sc::designer
