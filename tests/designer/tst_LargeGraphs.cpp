// Large diagrams in the designer window, driven with real mouse and keyboard events: Find zooms
// to the node it finds, a fitted 200-node diagram still shows its node titles and no grid, the
// minimap pans the view, and groups are created, collapsed, moved, undone, saved and loaded.
// SC_SCREENSHOT_DIR=<dir> saves what the tests looked at as PNG files.
#include <QInputDialog>
#include <QLineEdit>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

#include "app/designer/EdgeItem.h"
#include "app/designer/GraphScene.h"
#include "app/designer/GraphView.h"
#include "app/designer/GroupItem.h"
#include "app/designer/MainWindow.h"
#include "app/designer/Minimap.h"
#include "app/designer/NodeItem.h"
#include "app/designer/OverviewLabels.h"
#include "app/designer/PipelineDocument.h"
#include "engine/graph/NodeRegistry.h"

using namespace sc;
using namespace sc::designer;

namespace {

std::string nodeId(int chain, int stage) {
  return "n" + std::to_string(chain) + "_" + std::to_string(stage);
}

// `chains` chains generator -> filter -> map -> filter -> console.sink, ten chains a row, as
// tests/bench/bench_designer lays them out.
Pipeline chains(int count) {
  Pipeline p;
  p.name = "large";
  const char* types[] = {"generator", "filter", "map", "filter", "console.sink"};
  for (int chain = 0; chain < count; ++chain)
    for (int stage = 0; stage < 5; ++stage) {
      PipelineNode n;
      n.id = nodeId(chain, stage);
      n.type = types[stage];
      if (stage == 0) n.properties = {{"template", "sensors"}, {"rate", 10}};
      if (stage == 1 || stage == 3) n.properties = {{"condition", "temperature > 30"}};
      if (stage == 2) n.properties = {{"set", {{"temp_f", "temperature * 9 / 5 + 32"}}}};
      n.ui = {{"x", (chain % 10) * 1400 + stage * 260}, {"y", (chain / 10) * 160}};
      p.nodes.push_back(std::move(n));
    }
  for (int chain = 0; chain < count; ++chain)
    for (int stage = 0; stage < 4; ++stage)
      p.edges.push_back({EdgeEnd{nodeId(chain, stage), ""}, EdgeEnd{nodeId(chain, stage + 1), ""}});
  return p;
}

void saveShot(const QImage& image, const QString& name) {
  const QString dir = qEnvironmentVariable("SC_SCREENSHOT_DIR");
  if (!dir.isEmpty()) image.save(dir + '/' + name + QStringLiteral(".png"));
}

// Pixels in `area` of `image` that stand out from `fill` (text, lines), and differ from it.
// How many rows of `area` from the first to the last hold a pixel far lighter or darker than
// `fill`: the height of the text drawn there (0: none).
int inkHeight(const QImage& image, const QRect& area, const QColor& fill) {
  int top = -1, bottom = -1;
  for (int y = area.top(); y <= area.bottom(); ++y)
    for (int x = area.left(); x <= area.right(); ++x)
      if (std::abs(image.pixelColor(x, y).lightness() - fill.lightness()) > 60) {
        if (top < 0) top = y;
        bottom = y;
        break;
      }
  return top < 0 ? 0 : bottom - top + 1;
}
// Text 9 pt tall (12 px at 96 dpi) has digits about 9 px tall.
constexpr int kMinInk = 9;

int contrastingPixels(const QImage& image, const QRect& area, const QColor& fill) {
  int count = 0;
  for (int y = area.top(); y <= area.bottom(); ++y)
    for (int x = area.left(); x <= area.right(); ++x) {
      const QColor c = image.pixelColor(x, y);
      if (std::abs(c.lightness() - fill.lightness()) > 60) ++count;
    }
  return count;
}

}  // namespace

class tst_LargeGraphs : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase();
  void init();
  void cleanup();
  void findZoomsToTheNodeItFinds();
  void fittedDiagramShowsTitlesWithoutGrid();
  void minimapClickAndDragPan();
  void groupCreateCollapseMoveUndoSaveLoad();
  void groupsFollowNodeEdits();

 private:
  void open(const Pipeline& pipeline);
  QPoint viewPoint(const QPointF& scenePos) const {
    return window_->view()->mapFromScene(scenePos);
  }
  QPoint titlePoint(const std::string& id) const {
    NodeItem* item = window_->scene()->nodeItem(qstr(id));
    return viewPoint(item->mapToScene(QPointF(100, 14)));
  }
  // Answers the next QInputDialog with `text`.
  void answerNextDialog(const QString& text);

  QTemporaryDir dir_;
  MainWindow* window_ = nullptr;
};

void tst_LargeGraphs::initTestCase() {
  QSettings::setDefaultFormat(QSettings::IniFormat);
  QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir_.filePath("settings"));
  QCoreApplication::setOrganizationName("StreamCanvasTest");
  QCoreApplication::setApplicationName("tst_LargeGraphs");
}

void tst_LargeGraphs::init() {
  window_ = new MainWindow(NodeRegistry::builtin());
  window_->setUnsavedChangesPrompt([] { return QMessageBox::Discard; });
  window_->setErrorReporter(
      [](const QString& title, const QString& text) { QFAIL(qPrintable(title + ": " + text)); });
  window_->resize(1400, 900);
  window_->show();
  window_->activateWindow();
  QVERIFY(QTest::qWaitForWindowActive(window_));
}

void tst_LargeGraphs::cleanup() {
  window_->close();
  delete window_;
  window_ = nullptr;
}

void tst_LargeGraphs::open(const Pipeline& pipeline) {
  const QString path = dir_.filePath(QStringLiteral("large.json"));
  QFile file(path);
  QVERIFY(file.open(QIODevice::WriteOnly));
  file.write(QByteArray::fromStdString(savePipeline(pipeline)));
  file.close();
  QVERIFY(window_->openFile(path));
  QCoreApplication::processEvents();
}

void tst_LargeGraphs::answerNextDialog(const QString& text) {
  QTimer::singleShot(0, this, [text] {
    auto* dialog = qobject_cast<QInputDialog*>(QApplication::activeModalWidget());
    QVERIFY(dialog);
    auto* edit = dialog->findChild<QLineEdit*>();
    QVERIFY(edit);
    edit->selectAll();
    QTest::keyClicks(edit, text);
    QTest::keyClick(edit, Qt::Key_Return);
  });
}

void tst_LargeGraphs::findZoomsToTheNodeItFinds() {
  open(chains(100));  // 500 nodes
  GraphView* view = window_->view();
  QVERIFY2(view->zoom() < NodeItem::kFullDetailLod, "the opened file is fitted, zoomed far out");

  view->setFocus();
  QTest::keyClick(view, Qt::Key_F, Qt::ControlModifier);
  QCOMPARE(QApplication::focusWidget(), window_->findEdit());
  QTest::keyClicks(window_->findEdit(), "n73_2");
  QTest::keyClick(window_->findEdit(), Qt::Key_Return);

  QCOMPARE(window_->document()->selectedNodes(), std::set<std::string>{"n73_2"});
  // Readable: every detail of the node is painted at this zoom, and the node is in view.
  QVERIFY2(view->zoom() >= GraphView::kRevealZoom, qPrintable(QString::number(view->zoom())));
  NodeItem* found = window_->scene()->nodeItem("n73_2");
  const QRect onScreen = view->mapFromScene(found->sceneBoundingRect()).boundingRect();
  QVERIFY(view->viewport()->rect().contains(onScreen));
  saveShot(view->viewport()->grab().toImage(), QStringLiteral("find-500"));
}

void tst_LargeGraphs::fittedDiagramShowsTitlesWithoutGrid() {
  open(chains(40));  // 200 nodes
  GraphView* view = window_->view();
  const double zoom = view->zoom();
  QVERIFY2(zoom < NodeItem::kFullDetailLod, qPrintable(QString::number(zoom)));
  QCOMPARE(NodeItem::detailFor(zoom), NodeItem::Detail::Title);
  QCOMPARE(GraphScene::gridOpacity(zoom, 20), 0.0);
  QCOMPARE(GraphScene::gridOpacity(zoom, 100), 0.0);
  QCOMPARE(GraphScene::gridOpacity(1.0, 20), 1.0);

  if (qEnvironmentVariableIsSet("SC_SCREENSHOT_DIR")) {
    for (const double level : {0.2, 0.3, 0.4}) {
      view->setZoom(level);
      saveShot(view->viewport()->grab().toImage(),
               QStringLiteral("zoom-%1").arg(qRound(level * 100)));
    }
    view->fitToView();
  }
  // A selected node in the crowd gets its label whatever its neighbours: one left out so far.
  view->viewport()->grab();
  QString crowded;
  for (NodeItem* item : window_->scene()->nodeItems()) {
    const QVector<OverviewLabel>& before = view->overviewLabels();
    if (!view->viewport()->rect().contains(
            view->mapFromScene(item->sceneBoundingRect()).boundingRect()) ||
        std::any_of(before.begin(), before.end(),
                    [&](const OverviewLabel& label) { return label.nodeId == item->id(); }))
      continue;
    crowded = item->id();
    break;
  }
  QVERIFY(!crowded.isEmpty());
  window_->document()->setSelection({sstr(crowded)});
  QCoreApplication::processEvents();
  const QImage image = view->viewport()->grab().toImage();
  saveShot(image, QStringLiteral("fit-200"));
  const double dpr = image.devicePixelRatio();
  const CanvasColors& colors = window_->scene()->colors();
  // Titles are drawn by the view at a fixed on-screen size: whole, at least kMinInk pixels of
  // ink tall (digits to underscore of "n12_3"), none overlapping another, in contrast with
  // their background.
  const QVector<OverviewLabel> labels = view->overviewLabels();
  QVERIFY2(labels.size() >= 20, qPrintable(QString::number(labels.size())));
  bool selectedShown = false;
  for (qsizetype i = 0; i < labels.size(); ++i) {
    const OverviewLabel& label = labels[i];
    QCOMPARE(label.text, label.nodeId);  // not cut short
    QVERIFY2(label.rect.height() >= 12, qPrintable(label.nodeId));
    for (qsizetype j = 0; j < i; ++j)
      QVERIFY2(!labels[j].rect.intersects(label.rect),
               qPrintable(label.nodeId + " overlaps " + labels[j].nodeId));
    const QRect pixels = QRectF(label.rect.topLeft() * dpr, label.rect.bottomRight() * dpr)
                             .toRect()
                             .adjusted(3, 3, -3, -3);  // inside the border
    QVERIFY2(contrastingPixels(image, pixels, colors.nodeBody) >= 20, qPrintable(label.nodeId));
    const int ink = inkHeight(image, pixels, colors.nodeBody);
    QVERIFY2(ink >= kMinInk * dpr,
             qPrintable(QStringLiteral("%1: %2 px").arg(label.nodeId).arg(ink / dpr)));
    selectedShown |= label.nodeId == crowded && label.mark == OverviewLabel::Mark::Selected;
  }
  QVERIFY(selectedShown);
  QRectF inView;  // scene rectangle of the nodes in view
  for (NodeItem* item : window_->scene()->nodeItems())
    if (view->viewport()->rect().contains(
            view->mapFromScene(item->sceneBoundingRect()).boundingRect()))
      inView |= item->sceneBoundingRect();
  // No grid: a row of background between two rows of chains is one colour.
  NodeItem* upper = window_->scene()->nodeItem(qstr(nodeId(0, 0)));
  const double gapY = upper->sceneBoundingRect().bottom() + 10;
  const int y = qRound(view->mapFromScene(QPointF(0, gapY)).y() * dpr);
  const int left = std::max(0, qRound(view->mapFromScene(inView.topLeft()).x() * dpr));
  const int right =
      std::min(image.width() - 1, qRound(view->mapFromScene(inView.topRight()).x() * dpr));
  QVERIFY(right > left + 100);
  for (int x = left; x < right; ++x) {
    const QPointF at(x / dpr, y / dpr);
    if (std::any_of(labels.begin(), labels.end(),
                    [&](const OverviewLabel& label) { return label.rect.contains(at); }))
      continue;  // a title over the gap
    QVERIFY2(image.pixel(x, y) == colors.background.rgb(), qPrintable(QString::number(x)));
  }
  // The check tells readable titles from the old ones drawn inside the boxes: at this zoom
  // those are shorter than kMinInk (and elided).
  {
    window_->scene()->setTitlesDrawnByView(false);
    for (NodeItem* item : window_->scene()->nodeItems())
      item->update();
    view->setZoom(zoom * 1.0001);  // below the label threshold still; repaints the cached nodes
    const QImage old = view->viewport()->grab().toImage();
    saveShot(old, QStringLiteral("fit-200-in-box-titles"));
    window_->scene()->setTitlesDrawnByView(true);
    NodeItem* item = nullptr;  // one in view
    for (NodeItem* candidate : window_->scene()->nodeItems())
      if (!candidate->isSelected() &&
          view->viewport()->rect().contains(
              view->mapFromScene(candidate->sceneBoundingRect()).boundingRect()))
        item = candidate;
    QVERIFY(item);
    const QRectF box = item->mapRectToScene(QRectF(36, 2, 160, 64));  // right of the stripe
    const QRect pixels = QRectF(QPointF(view->mapFromScene(box.topLeft())) * dpr,
                                QPointF(view->mapFromScene(box.bottomRight())) * dpr)
                             .toRect();
    const QColor fill = old.pixelColor(pixels.bottomRight() - QPoint(1, 1));
    const int ink = inkHeight(old, pixels, fill);
    QVERIFY2(ink > 0 && ink < kMinInk * dpr, qPrintable(QString::number(ink)));
    qInfo("ink height at %.0f%%: old in-box title %.1f px, label at least %d px", zoom * 100,
          ink / dpr, kMinInk);
  }
}

void tst_LargeGraphs::minimapClickAndDragPan() {
  open(chains(2));
  GraphView* view = window_->view();
  Minimap* minimap = view->minimap();
  QCoreApplication::processEvents();
  QVERIFY(!minimap->isVisible());  // the whole diagram is in view: no need for it
  open(chains(100));
  window_->document()->setSelection({"n0_0"});
  view->setZoom(1.0);
  view->centreOn(window_->scene()->nodeItem("n0_0")->sceneBoundingRect().center());
  QTRY_VERIFY(minimap->isVisible());
  QVERIFY(view->viewport()->rect().contains(minimap->geometry()));
  saveShot(window_->grab().toImage(), QStringLiteral("minimap-window"));
  // It draws the nodes: the far node's spot on the map has its category colour.
  {
    const QImage map = minimap->grab().toImage();
    const QPoint spot =
        (minimap->toMap(window_->scene()->nodeItem("n99_4")->sceneBoundingRect().center()) *
         map.devicePixelRatio())
            .toPoint();
    QCOMPARE(map.pixelColor(spot).rgb(), window_->scene()->nodeItem("n99_4")->accent().rgb());
  }

  // A click centres the view on the point of the diagram under the cursor.
  NodeItem* far = window_->scene()->nodeItem("n99_4");
  const QPointF target = far->sceneBoundingRect().center();
  QTest::mouseClick(minimap, Qt::LeftButton, {}, minimap->toMap(target).toPoint());
  const double slack = 2 / (Minimap::kWidth / minimap->worldRect().width()) + 1;
  QVERIFY2(
      QLineF(view->visibleCentre(), target).length() <= slack,
      qPrintable(
          QStringLiteral("%1,%2").arg(view->visibleCentre().x()).arg(view->visibleCentre().y())));
  QVERIFY(view->viewport()->rect().contains(
      view->mapFromScene(far->sceneBoundingRect()).boundingRect()));

  // A drag follows the cursor.
  const QPointF middle = window_->scene()->nodeItem("n45_2")->sceneBoundingRect().center();
  QTest::mousePress(minimap, Qt::LeftButton, {}, minimap->toMap(target).toPoint());
  QTest::mouseMove(minimap, minimap->toMap((target + middle) / 2).toPoint());
  QTest::mouseMove(minimap, minimap->toMap(middle).toPoint());
  QTest::mouseRelease(minimap, Qt::LeftButton, {}, minimap->toMap(middle).toPoint());
  QVERIFY(QLineF(view->visibleCentre(), middle).length() <= slack);
  QCOMPARE(view->zoom(), 1.0);  // panning leaves the zoom alone
  saveShot(window_->grab().toImage(), QStringLiteral("minimap-dragged"));
}

void tst_LargeGraphs::groupCreateCollapseMoveUndoSaveLoad() {
  open(chains(3));
  window_->view()->setZoom(1.0);
  window_->view()->centreOn(window_->scene()->nodeItem("n0_2")->sceneBoundingRect().center());
  PipelineDocument* doc = window_->document();
  GraphScene* scene = window_->scene();
  QWidget* viewport = window_->view()->viewport();

  // Select three nodes with the mouse, group them with Ctrl+G.
  QTest::mouseClick(viewport, Qt::LeftButton, {}, titlePoint("n0_1"));
  QTest::mouseClick(viewport, Qt::LeftButton, Qt::ControlModifier, titlePoint("n0_2"));
  QTest::mouseClick(viewport, Qt::LeftButton, Qt::ControlModifier, titlePoint("n0_3"));
  QCOMPARE(doc->selectedNodes().size(), size_t(3));
  answerNextDialog(QStringLiteral("Cleanup"));
  QTest::keyClick(window_->view(), Qt::Key_G, Qt::ControlModifier);
  QCOMPARE(doc->groups().size(), size_t(1));
  // The dialog has gone; the offscreen platform does not hand activation back by itself.
  window_->activateWindow();
  QVERIFY(QTest::qWaitForWindowActive(window_));
  const auto group = doc->groups().front();
  QCOMPARE(group.name, QStringLiteral("Cleanup"));
  QCOMPARE(group.nodes, (std::vector<std::string>{"n0_1", "n0_2", "n0_3"}));
  GroupItem* frame = scene->groupItem(group.id);
  QVERIFY(frame);
  for (const char* id : {"n0_1", "n0_2", "n0_3"})
    QVERIFY(frame->sceneBoundingRect().contains(scene->nodeItem(id)->sceneBoundingRect()));
  QVERIFY(!frame->sceneBoundingRect().intersects(scene->nodeItem("n0_0")->sceneBoundingRect()));
  saveShot(viewport->grab().toImage(), QStringLiteral("group-expanded"));

  // Double-click on the title bar collapses it: its nodes and the wires among them hide, the
  // wires into and out of it stay.
  const QPoint titleBar = viewPoint(frame->mapToScene(frame->titleRect().center()));
  // (QTest's double-click on a widget is the second click alone: the first comes before it.)
  QTest::mouseClick(viewport, Qt::LeftButton, {}, titleBar);
  QTest::mouseDClick(viewport, Qt::LeftButton, {}, titleBar);
  QVERIFY(doc->group(group.id)->collapsed);
  QCOMPARE(scene->groupItem(group.id), frame);
  QVERIFY(!scene->nodeItem("n0_2")->isVisible());
  QVERIFY(!scene->edgeItem({EdgeEnd{"n0_1", ""}, EdgeEnd{"n0_2", ""}})->isVisible());
  QVERIFY(scene->edgeItem({EdgeEnd{"n0_0", ""}, EdgeEnd{"n0_1", ""}})->isVisible());
  QVERIFY(scene->nodeItem("n0_0")->isVisible());
  saveShot(viewport->grab().toImage(), QStringLiteral("group-collapsed"));

  // Undo expands it again; redo collapses.
  QTest::keyClick(window_->view(), Qt::Key_Z, Qt::ControlModifier);
  QVERIFY(!doc->group(group.id)->collapsed);
  QVERIFY(scene->nodeItem("n0_2")->isVisible());
  QTest::keyClick(window_->view(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
  QVERIFY(doc->group(group.id)->collapsed);

  // Dragging the frame moves every node in it, as one undo step.
  const QPointF before = doc->nodePosition("n0_2");
  const QPointF outsider = doc->nodePosition("n0_0");
  const int steps = doc->undoStack()->index();
  QTest::mousePress(viewport, Qt::LeftButton, {}, titleBar);
  QTest::mouseMove(viewport, titleBar + QPoint(40, 30));
  QTest::mouseMove(viewport, titleBar + QPoint(80, 60));
  QTest::mouseRelease(viewport, Qt::LeftButton, {}, titleBar + QPoint(80, 60));
  QCOMPARE(doc->undoStack()->index(), steps + 1);
  QCOMPARE(doc->nodePosition("n0_2"), before + QPointF(80, 60));
  QCOMPARE(doc->nodePosition("n0_0"), outsider);
  QVERIFY(frame->sceneBoundingRect().contains(scene->nodeItem("n0_3")->sceneBoundingRect()));
  QTest::keyClick(window_->view(), Qt::Key_Z, Qt::ControlModifier);
  QCOMPARE(doc->nodePosition("n0_2"), before);

  // Saved in the file's top-level "ui"; the loaded file has the same group, collapsed.
  const QString path = dir_.filePath(QStringLiteral("grouped.json"));
  QVERIFY(window_->saveFile(path));
  QFile file(path);
  QVERIFY(file.open(QIODevice::ReadOnly));
  const Json saved = Json::parse(file.readAll().toStdString());
  QCOMPARE(saved["ui"]["groups"][0]["name"].get<std::string>(), std::string("Cleanup"));
  QVERIFY(saved["ui"]["groups"][0]["collapsed"].get<bool>());
  PipelineDocument reloaded(NodeRegistry::builtin());
  QString errors;
  QVERIFY2(reloaded.openFile(path, &errors), qPrintable(errors));
  QCOMPARE(reloaded.groups().size(), size_t(1));
  QCOMPARE(reloaded.groups().front().nodes, group.nodes);
  QVERIFY(reloaded.groups().front().collapsed);
  QCOMPARE(reloaded.fileText(), doc->fileText());
  // The engine ignores it: the file plans without a problem about "ui".
  reloaded.validateNow();
  for (const auto& d : reloaded.diagnostics().items())
    QVERIFY2(d.pointer.rfind("/ui", 0) != 0, d.message.c_str());

  // Ungroup (Ctrl+Shift+G on a member) and undo.
  window_->document()->setSelection({"n0_0"});
  QTest::keyClick(window_->view(), Qt::Key_G, Qt::ControlModifier | Qt::ShiftModifier);
  QCOMPARE(doc->groups().size(), size_t(1));  // n0_0 is in no group
  doc->setGroupCollapsed(group.id, false);
  window_->document()->setSelection({"n0_2"});
  QTest::keyClick(window_->view(), Qt::Key_G, Qt::ControlModifier | Qt::ShiftModifier);
  QVERIFY(doc->groups().empty());
  QVERIFY(!scene->groupItem(group.id));
  QTest::keyClick(window_->view(), Qt::Key_Z, Qt::ControlModifier);
  QCOMPARE(doc->groups().size(), size_t(1));
  QVERIFY(scene->groupItem(group.id));
}

void tst_LargeGraphs::groupsFollowNodeEdits() {
  open(chains(2));
  PipelineDocument* doc = window_->document();
  doc->setSelection({"n0_1", "n0_2"});
  const std::string id = doc->groupSelection(QStringLiteral("Pair"));
  QVERIFY(!id.empty());
  // Renaming a group, and undoing it.
  doc->renameGroup(id, QStringLiteral("Filters"));
  QCOMPARE(doc->group(id)->name, QStringLiteral("Filters"));
  doc->undoStack()->undo();
  QCOMPARE(doc->group(id)->name, QStringLiteral("Pair"));
  // A renamed node stays in its group.
  QVERIFY(doc->renameNode("n0_1", "cleaner"));
  QCOMPARE(doc->group(id)->nodes, (std::vector<std::string>{"cleaner", "n0_2"}));
  doc->undoStack()->undo();
  QCOMPARE(doc->group(id)->nodes, (std::vector<std::string>{"n0_1", "n0_2"}));
  // A deleted node leaves its group in the same step; undo brings both back.
  doc->setSelection({"n0_1"});
  doc->removeSelection();
  QCOMPARE(doc->group(id)->nodes, std::vector<std::string>{"n0_2"});
  QVERIFY(doc->pipeline().ui.dump().find("n0_1") == std::string::npos);
  doc->undoStack()->undo();
  QCOMPARE(doc->group(id)->nodes, (std::vector<std::string>{"n0_1", "n0_2"}));
  QVERIFY(window_->scene()->groupItem(id)->sceneBoundingRect().contains(
      window_->scene()->nodeItem("n0_1")->sceneBoundingRect()));
  // Grouping a node again takes it out of its old group; a group left empty goes.
  doc->setSelection({"n0_1", "n0_2"});
  const std::string other = doc->groupSelection(QStringLiteral("Again"));
  QCOMPARE(doc->groups().size(), size_t(1));
  QCOMPARE(doc->group(other)->name, QStringLiteral("Again"));
  // Broken "ui" written by hand loads, shows no group and does not crash.
  Pipeline broken = chains(1);
  broken.ui = Json::parse(R"({"groups": [1, {"id": 2}, {"id": "g", "nodes": "n0_0"},
                                         {"id": "h", "nodes": ["nope", 3]}]})");
  doc->setPipeline(broken);
  QVERIFY(doc->groups().empty());
  QVERIFY(window_->scene()->groupItems().empty());
}

QTEST_MAIN(tst_LargeGraphs)
#include "tst_LargeGraphs.moc"
