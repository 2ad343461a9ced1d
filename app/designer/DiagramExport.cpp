#include "app/designer/DiagramExport.h"

#include <QFile>
#include <QFileInfo>
#include <QPainter>
#include <QSvgGenerator>
#include <QTextStream>
#include <cmath>

#include "app/designer/GraphScene.h"
#include "app/designer/PipelineDocument.h"

namespace sc::designer {

namespace {

// Clears the selection and hides editor-only decorations while rendering.
class ExportScope {
 public:
  explicit ExportScope(GraphScene* scene) : scene_(scene), selected_(scene->selectedItems()) {
    scene_->clearSelection();
    scene_->setExporting(true);
  }
  ~ExportScope() {
    scene_->setExporting(false);
    for (QGraphicsItem* item : selected_)
      item->setSelected(true);
  }
  ExportScope(const ExportScope&) = delete;
  ExportScope& operator=(const ExportScope&) = delete;

 private:
  GraphScene* scene_;
  QList<QGraphicsItem*> selected_;
};

}  // namespace

QImage renderDiagram(GraphScene* scene, double pixelRatio) {
  ExportScope scope(scene);
  const QRectF source = scene->diagramRect(30);
  const QSize size(static_cast<int>(std::ceil(source.width() * pixelRatio)),
                   static_cast<int>(std::ceil(source.height() * pixelRatio)));
  QImage image(size, QImage::Format_ARGB32_Premultiplied);
  image.setDevicePixelRatio(pixelRatio);
  image.fill(scene->colors().background);
  QPainter painter(&image);
  painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing |
                         QPainter::SmoothPixmapTransform);
  scene->render(&painter, QRectF(QPointF(0, 0), source.size()), source);
  painter.end();
  return image;
}

bool exportDiagram(GraphScene* scene, const QString& path, QString* error, double pixelRatio) {
  const QString suffix = QFileInfo(path).suffix().toLower();
  if (suffix == QLatin1String("svg")) {
    ExportScope scope(scene);
    const QRectF source = scene->diagramRect(30);
    QSvgGenerator svg;
    svg.setFileName(path);
    svg.setSize(source.size().toSize());
    svg.setViewBox(QRectF(QPointF(0, 0), source.size()));
    svg.setTitle(QStringLiteral("StreamCanvas pipeline"));
    QPainter painter;
    if (!painter.begin(&svg)) {
      if (error) *error = QObject::tr("Could not write %1").arg(path);
      return false;
    }
    painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    painter.fillRect(QRectF(QPointF(0, 0), source.size()), scene->colors().background);
    scene->render(&painter, QRectF(QPointF(0, 0), source.size()), source);
    painter.end();
    if (!QFileInfo(path).exists()) {
      if (error) *error = QObject::tr("Could not write %1").arg(path);
      return false;
    }
    return true;
  }
  if (suffix != QLatin1String("png")) {
    if (error) *error = QObject::tr("Unsupported image type '%1': use .png or .svg").arg(suffix);
    return false;
  }
  const QImage image = renderDiagram(scene, pixelRatio);
  if (!image.save(path, "PNG")) {
    if (error) *error = QObject::tr("Could not write %1").arg(path);
    return false;
  }
  return true;
}

int exportPipelineImage(const QString& pipelinePath, const QString& imagePath, QTextStream& err) {
  const QString suffix = QFileInfo(imagePath).suffix().toLower();
  if (suffix != QLatin1String("png") && suffix != QLatin1String("svg")) {
    err << QObject::tr("streamcanvas: --export-image needs a .png or .svg file name, got '%1'")
               .arg(imagePath)
        << Qt::endl;
    return 2;
  }
  const NodeRegistry& registry = NodeRegistry::builtin();
  LoadResult loaded = loadPipelineFile(QFile::encodeName(pipelinePath).toStdString());
  if (!loaded.ok()) {
    err << qstr(loaded.diagnostics.format());
    if (loaded.diagnostics.empty())
      err << QObject::tr("%1: not a pipeline file").arg(pipelinePath) << Qt::endl;
    return 2;
  }
  Diagnostics problems = validatePipeline(*loaded.pipeline, registry);
  locateDiagnostics(problems, loaded.sourceMap, QFile::encodeName(pipelinePath).toStdString());
  if (problems.hasErrors()) {
    err << qstr(problems.format());
    return 2;
  }
  PipelineDocument document(registry);
  document.setPipeline(std::move(*loaded.pipeline), pipelinePath);
  GraphScene scene(&document);
  QString error;
  if (!exportDiagram(&scene, imagePath, &error)) {
    err << "streamcanvas: " << error << Qt::endl;
    return 1;
  }
  return 0;
}

}  // namespace sc::designer
