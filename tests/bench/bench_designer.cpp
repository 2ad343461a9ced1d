// Designer benchmark: a 500-node, 600-edge pipeline. Prints the time to open it (load, validate,
// build the scene) and the frame time of a scripted pan and zoom sequence repainted through the
// view into an image (offscreen platform unless another is chosen).
#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QScrollBar>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>
#include <numeric>
#include <vector>

#include "app/designer/GraphScene.h"
#include "app/designer/GraphView.h"
#include "app/designer/PipelineDocument.h"

using namespace sc;
using namespace sc::designer;

namespace {

// 100 chains generator -> filter -> map -> filter -> console.sink (400 edges) plus 200 edges
// across neighbouring chains (still acyclic): 500 nodes, 600 edges, laid out in a grid.
Pipeline bigPipeline() {
  Pipeline p;
  p.name = "bench";
  const char* types[] = {"generator", "filter", "map", "filter", "console.sink"};
  for (int chain = 0; chain < 100; ++chain)
    for (int stage = 0; stage < 5; ++stage) {
      PipelineNode n;
      n.id = "n" + std::to_string(chain) + "_" + std::to_string(stage);
      n.type = types[stage];
      if (stage == 0) n.properties = {{"template", "sensors"}, {"rate", 10}};
      if (stage == 1 || stage == 3) n.properties = {{"condition", "temperature > 30"}};
      if (stage == 2) n.properties = {{"set", {{"temp_f", "temperature * 9 / 5 + 32"}}}};
      n.ui = {{"x", (chain % 10) * 1400 + stage * 260}, {"y", (chain / 10) * 160}};
      p.nodes.push_back(std::move(n));
    }
  auto id = [](int chain, int stage) {
    return "n" + std::to_string(chain) + "_" + std::to_string(stage);
  };
  for (int chain = 0; chain < 100; ++chain)
    for (int stage = 0; stage < 4; ++stage)
      p.edges.push_back({EdgeEnd{id(chain, stage), ""}, EdgeEnd{id(chain, stage + 1), ""}});
  for (int chain = 0; chain + 1 < 100; ++chain) {
    p.edges.push_back({EdgeEnd{id(chain, 1), "rejected"}, EdgeEnd{id(chain + 1, 2), ""}});
    p.edges.push_back({EdgeEnd{id(chain, 2), ""}, EdgeEnd{id(chain + 1, 4), ""}});
  }
  p.edges.push_back({EdgeEnd{id(99, 1), "rejected"}, EdgeEnd{id(0, 4), ""}});
  p.edges.push_back({EdgeEnd{id(99, 3), "rejected"}, EdgeEnd{id(0, 2), ""}});
  return p;
}

struct Stats {
  double mean = 0, p95 = 0, max = 0;
};

Stats stats(std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  Stats s;
  s.mean = std::accumulate(ms.begin(), ms.end(), 0.0) / static_cast<double>(ms.size());
  s.p95 = ms[static_cast<size_t>(static_cast<double>(ms.size() - 1) * 0.95)];
  s.max = ms.back();
  return s;
}

}  // namespace

int main(int argc, char* argv[]) {
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  QApplication app(argc, argv);
  const NodeRegistry& registry = NodeRegistry::builtin();

  QTemporaryDir dir;
  const QString path = dir.filePath("bench.json");
  {
    const Pipeline p = bigPipeline();
    QFile file(path);
    const std::string text = savePipeline(p);
    if (!file.open(QIODevice::WriteOnly) || file.write(text.data(), qint64(text.size())) < 0)
      return 1;
    std::printf("pipeline: %zu nodes, %zu edges, %zu bytes\n", p.nodes.size(), p.edges.size(),
                text.size());
  }

  // Open: load + validate + scene build + first full repaint of a fitted view.
  QElapsedTimer timer;
  timer.start();
  PipelineDocument doc(registry);
  QString errors;
  if (!doc.openFile(path, &errors)) {
    std::fprintf(stderr, "%s\n", qPrintable(errors));
    return 1;
  }
  const double loadMs = double(timer.nsecsElapsed()) / 1e6;
  GraphScene scene(&doc);
  const double sceneMs = double(timer.nsecsElapsed()) / 1e6 - loadMs;
  GraphView view(&scene);
  view.resize(1600, 1000);
  view.show();
  view.fitToView();
  {
    QImage first(view.viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    QPainter painter(&first);
    view.render(&painter, QRectF(), view.viewport()->rect());
  }
  const double openMs = double(timer.nsecsElapsed()) / 1e6;
  std::printf(
      "open: %.1f ms total (load+validate %.1f ms, scene build %.1f ms, first paint %.1f ms)\n",
      openMs, loadMs, sceneMs, openMs - loadMs - sceneMs);
  if (!doc.diagnostics().empty()) std::printf("note: %zu diagnostics\n", doc.diagnostics().size());

  // A frame is a full render of what the viewport shows (scene items through the view's
  // transform) into an image of the viewport's size: no caching, so this is the worst case.
  QImage target(view.viewport()->size(), QImage::Format_ARGB32_Premultiplied);
  auto frame = [&](std::vector<double>& out) {
    QElapsedTimer t;
    t.start();
    QPainter painter(&target);
    painter.setRenderHints(view.renderHints());
    view.render(&painter, QRectF(), view.viewport()->rect());
    painter.end();
    out.push_back(double(t.nsecsElapsed()) / 1e6);
  };

  // 1. Pan at 100% zoom over a busy region.
  std::vector<double> pan100;
  view.setZoom(1.0);
  view.centerOn(2000, 500);
  for (int i = 0; i < 120; ++i) {
    view.horizontalScrollBar()->setValue(view.horizontalScrollBar()->value() + (i < 60 ? 15 : -15));
    view.verticalScrollBar()->setValue(view.verticalScrollBar()->value() + (i % 20 < 10 ? 6 : -6));
    frame(pan100);
  }
  // 2. Zoom in and out around the centre, 100% <-> 400% <-> 25%.
  std::vector<double> zoom;
  for (int i = 0; i < 60; ++i) {
    view.setZoom(i < 30 ? view.zoom() * 1.05 : view.zoom() / 1.05);
    frame(zoom);
  }
  for (int i = 0; i < 60; ++i) {
    view.setZoom(i < 30 ? view.zoom() / 1.05 : view.zoom() * 1.05);
    frame(zoom);
  }
  // 3. Whole diagram in view (all 500 nodes and 600 edges on screen), panning.
  std::vector<double> panAll;
  view.fitToView();
  for (int i = 0; i < 120; ++i) {
    view.horizontalScrollBar()->setValue(view.horizontalScrollBar()->value() + (i < 60 ? 4 : -4));
    frame(panAll);
  }

  auto report = [](const char* name, const std::vector<double>& ms) {
    const Stats s = stats(ms);
    std::printf("%-34s frames %3zu  mean %6.2f ms  p95 %6.2f ms  max %6.2f ms  (%.0f fps mean)\n",
                name, ms.size(), s.mean, s.p95, s.max, 1000.0 / s.mean);
  };
  report("pan at 100%", pan100);
  report("zoom 25%..400%", zoom);
  report(qPrintable(QStringLiteral("pan, whole diagram (%1%)").arg(qRound(view.zoom() * 100))),
         panAll);
  return 0;
}
