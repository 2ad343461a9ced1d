// Designer benchmark: a 500-node, 600-edge pipeline. Prints the time to open it (load, validate,
// build the scene) and the frame times of pan and zoom gestures: input events delivered to the
// view and the viewport repainted (offscreen platform unless another is chosen), and the same
// sequences rendered without any cache.
#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QTemporaryDir>
#include <QWheelEvent>
#include <algorithm>
#include <cstdio>
#include <functional>
#include <numeric>
#include <vector>

#include "app/designer/GraphScene.h"
#include "app/designer/GraphView.h"
#include "app/designer/NodeItem.h"
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

  QWidget* viewport = view.viewport();
  const QPoint centre = viewport->rect().center();
  // Lets timers (the end of a zoom gesture) and posted events run, as between two gestures.
  auto settle = [&] {
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < GraphView::kZoomSettleMs + 150)
      QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
  };

  // On screen: a frame is the user's input event delivered to the viewport (middle-button drag,
  // wheel notch) followed by the paint Qt schedules for it (the posted update request: a pan
  // scrolls the pixels it has and paints the uncovered strip), and, as an upper bound, the same
  // input followed by a repaint of the whole viewport. Both go through QGraphicsView::paintEvent
  // with the caches the designer uses.
  int paints = 0;
  struct PaintCounter : QObject {
    int* count;
    explicit PaintCounter(int* c) : count(c) {}
    bool eventFilter(QObject*, QEvent* event) override {
      if (event->type() == QEvent::Paint) ++*count;
      return false;
    }
  } counter(&paints);
  viewport->installEventFilter(&counter);
  bool fullRepaint = false;
  int paintedFrames = 0;  // frames in which the viewport got a paint event
  auto screenFrame = [&](const std::function<void()>& input, std::vector<double>& out) {
    const int before = paints;
    QElapsedTimer t;
    t.start();
    input();
    if (fullRepaint)
      viewport->repaint();
    else
      QCoreApplication::sendPostedEvents(nullptr, QEvent::UpdateRequest);
    out.push_back(double(t.nsecsElapsed()) / 1e6);
    paintedFrames += paints > before;
  };
  QPoint mouse = centre;
  auto sendMouse = [&](QEvent::Type type, QPoint pos, Qt::MouseButtons buttons) {
    QMouseEvent event(type, QPointF(pos), viewport->mapToGlobal(QPointF(pos)), Qt::MiddleButton,
                      buttons, Qt::NoModifier);
    QCoreApplication::sendEvent(viewport, &event);
  };
  auto dragTo = [&](QPoint pos) {
    mouse = pos;
    sendMouse(QEvent::MouseMove, pos, Qt::MiddleButton);
  };
  auto wheel = [&](int angle) {
    QWheelEvent event(QPointF(centre), viewport->mapToGlobal(QPointF(centre)), QPoint(),
                      QPoint(0, angle), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(viewport, &event);
  };

  struct Gestures {
    std::vector<double> pan100, zoom, panAll;
    int paints = 0;
  };
  int wholeZoom = 0;
  auto gestures = [&](bool full) {
    fullRepaint = full;
    paintedFrames = 0;
    std::vector<double> pan100, zoom, panAll;
    // 1. Pan at 100% zoom over a busy region (middle-button drag, 15 px right/left, 6 px up/down).
    view.setZoom(1.0);
    view.centerOn(2000, 500);
    settle();
    sendMouse(QEvent::MouseButtonPress, centre, Qt::MiddleButton);
    for (int i = 0; i < 120; ++i)
      screenFrame([&] { dragTo(mouse + QPoint(i < 60 ? -15 : 15, i % 20 < 10 ? -6 : 6)); }, pan100);
    sendMouse(QEvent::MouseButtonRelease, mouse, Qt::NoButton);
    settle();
    // 2. Wheel zoom around the cursor in quarter notches: 100% -> ~400% -> ~25% -> 100%.
    for (int i = 0; i < 120; ++i)
      screenFrame([&] { wheel(i < 30 || i >= 90 ? 30 : -30); }, zoom);
    settle();
    // 3. Whole diagram in view (all 500 nodes and 600 edges on screen), panning.
    view.fitToView();
    settle();
    sendMouse(QEvent::MouseButtonPress, centre, Qt::MiddleButton);
    for (int i = 0; i < 120; ++i)
      screenFrame([&] { dragTo(mouse + QPoint(i < 60 ? -4 : 4, 0)); }, panAll);
    sendMouse(QEvent::MouseButtonRelease, mouse, Qt::NoButton);
    wholeZoom = qRound(view.zoom() * 100);
    settle();
    return Gestures{pan100, zoom, panAll, paintedFrames};
  };
  const Gestures scheduled = gestures(false);
  const Gestures full = gestures(true);
  viewport->removeEventFilter(&counter);

  // Without caches: QGraphicsView::render() into an image of the viewport's size (the export
  // path: no background cache, every item painted), the same pan and zoom scripted.
  QImage target(viewport->size(), QImage::Format_ARGB32_Premultiplied);
  auto renderFrame = [&](std::vector<double>& out) {
    QElapsedTimer t;
    t.start();
    QPainter painter(&target);
    painter.setRenderHints(view.renderHints());
    view.render(&painter, QRectF(), viewport->rect());
    painter.end();
    out.push_back(double(t.nsecsElapsed()) / 1e6);
  };
  std::vector<double> renderPan, renderZoom;
  view.setZoom(1.0);
  view.centerOn(2000, 500);
  settle();
  for (int i = 0; i < 120; ++i) {
    view.horizontalScrollBar()->setValue(view.horizontalScrollBar()->value() + (i < 60 ? 15 : -15));
    view.verticalScrollBar()->setValue(view.verticalScrollBar()->value() + (i % 20 < 10 ? 6 : -6));
    renderFrame(renderPan);
  }
  for (int i = 0; i < 120; ++i) {
    view.setZoom(i < 30 || i >= 90 ? view.zoom() * 1.047 : view.zoom() / 1.047);
    renderFrame(renderZoom);
  }

  // Whole diagram at Fit, painted without caches: every node at its zoomed-out level of detail.
  std::vector<double> renderFit;
  view.fitToView();
  const int fitZoom = qRound(view.zoom() * 100);
  for (int i = 0; i < 60; ++i)
    renderFrame(renderFit);
  // The same on screen, the whole viewport repainted: node titles drawn by the view at a
  // readable size (OverviewLabels), and the old way, inside the tiny boxes, for comparison.
  std::vector<double> screenFitLabels, screenFitInBox;
  qsizetype labelCount = 0;
  for (const bool labels : {true, false}) {
    scene.setTitlesDrawnByView(labels);
    for (NodeItem* item : scene.nodeItems())
      item->update();
    viewport->repaint();  // refills the node caches
    auto& out = labels ? screenFitLabels : screenFitInBox;
    for (int i = 0; i < 60; ++i) {
      QElapsedTimer t;
      t.start();
      viewport->repaint();
      out.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    if (labels) labelCount = view.overviewLabels().size();
  }
  scene.setTitlesDrawnByView(true);

  auto report = [](const QString& name, const std::vector<double>& ms) {
    const Stats s = stats(ms);
    std::printf("%-44s frames %3zu  mean %6.2f ms  p95 %6.2f ms  max %6.2f ms  (%.0f fps mean)\n",
                qPrintable(name), ms.size(), s.mean, s.p95, s.max, 1000.0 / s.mean);
  };
  std::printf("on screen, as Qt paints it (%d of %zu frames painted), viewport %dx%d at %g dpr:\n",
              scheduled.paints, scheduled.pan100.size() * 3, viewport->width(), viewport->height(),
              viewport->devicePixelRatioF());
  report(QStringLiteral("  pan at 100%"), scheduled.pan100);
  report(QStringLiteral("  wheel zoom 25%..400%"), scheduled.zoom);
  report(QStringLiteral("  pan, whole diagram (%1%)").arg(wholeZoom), scheduled.panAll);
  std::printf("on screen, whole viewport repainted every frame (upper bound):\n");
  report(QStringLiteral("  pan at 100%"), full.pan100);
  report(QStringLiteral("  wheel zoom 25%..400%"), full.zoom);
  report(QStringLiteral("  pan, whole diagram (%1%)").arg(wholeZoom), full.panAll);
  std::printf("uncached (QGraphicsView::render, as for export):\n");
  report(QStringLiteral("  pan at 100%"), renderPan);
  report(QStringLiteral("  zoom 25%..400%"), renderZoom);
  report(QStringLiteral("  whole diagram at Fit (%1%)").arg(fitZoom), renderFit);
  std::printf("on screen at Fit, whole viewport repainted:\n");
  report(QStringLiteral("  titles as labels (%1 drawn)").arg(labelCount), screenFitLabels);
  report(QStringLiteral("  titles inside the boxes (old)"), screenFitInBox);
  return 0;
}
