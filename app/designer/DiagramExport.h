#pragma once
// Pictures of the diagram: PNG (at a chosen pixel ratio, crisp for READMEs) or SVG, without the
// grid and selection highlights. Node items never draw property values, so secrets stay out.

#include <QImage>
#include <QString>

class QTextStream;

namespace sc::designer {

class GraphScene;

QImage renderDiagram(GraphScene* scene, double pixelRatio = 2.0);
// Writes PNG or SVG by the file suffix; false with a message on failure.
bool exportDiagram(GraphScene* scene, const QString& path, QString* error, double pixelRatio = 2.0);

// `streamcanvas --export-image OUT PIPELINE`: loads and validates the pipeline with the
// built-in registry, then writes the picture. Returns the process exit code: 0 done, 2 invalid
// pipeline or unsupported output, 1 write failure; messages go to `err`.
int exportPipelineImage(const QString& pipelinePath, const QString& imagePath, QTextStream& err);

}  // namespace sc::designer
