#include "app/designer/MainWindow.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QCloseEvent>
#include <QCompleter>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QStringListModel>
#include <QTimer>
#include <QToolBar>

#include "app/designer/CanvasStyle.h"
#include "app/designer/ConnectionsPanel.h"
#include "app/designer/FieldSampler.h"
#include "app/designer/GraphScene.h"
#include "app/designer/GraphView.h"
#include "app/designer/HelpMenus.h"
#include "app/designer/LogPanel.h"
#include "app/designer/Minimap.h"
#include "app/designer/NodeGeometry.h"
#include "app/designer/NodeItem.h"
#include "app/designer/NodePalette.h"
#include "app/designer/NodePlacement.h"
#include "app/designer/PipelineDocument.h"
#include "app/designer/ProblemsPanel.h"
#include "app/designer/PropertyInspector.h"
#include "app/designer/RunController.h"
#include "app/designer/RunOverlay.h"
#include "app/designer/RunPanel.h"
#include "app/designer/TapPanel.h"
#include "app/designer/Theme.h"
#include "app/designer/TopicBrowser.h"
#include "app/designer/Translations.h"
#include "app/designer/WireView.h"
#include "engine/graph/HeadlessBundle.h"
#include "engine/state/CheckpointStore.h"
#include "nodes/FixtureReplay.h"

namespace sc::designer {

MainWindow::MainWindow(const NodeRegistry& registry, QWidget* parent)
    : QMainWindow(parent),
      registry_(registry),
      doc_(new PipelineDocument(registry, this)),
      scene_(new GraphScene(doc_, this)),
      view_(new GraphView(scene_, this)),
      runner_(new RunController(fixtureRegistryFor(registry), this)) {
  setObjectName(QStringLiteral("MainWindow"));
  setCentralWidget(view_);
  createDocks();
  setUpRecording();
  createActions();
  createMenus();

  zoomLabel_ = new QLabel(this);
  problemLabel_ = new QLabel(this);
  runLabel_ = new QLabel(this);
  runLabel_->setObjectName(QStringLiteral("runStatus"));
  statusBar()->addPermanentWidget(runLabel_);
  statusBar()->addPermanentWidget(problemLabel_);
  statusBar()->addPermanentWidget(zoomLabel_);
  auto showZoom = [this](double zoom) { zoomLabel_->setText(tr("%1%").arg(qRound(zoom * 100))); };
  connect(view_, &GraphView::zoomChanged, this, showZoom);
  showZoom(view_->zoom());

  connect(scene_, &GraphScene::statusMessage, this,
          [this](const QString& message) { statusBar()->showMessage(message, 6000); });
  connect(inspector_, &PropertyInspector::statusMessage, this,
          [this](const QString& message) { statusBar()->showMessage(message, 6000); });
  connect(problems_, &ProblemsPanel::problemActivated, this, &MainWindow::showProblem);
  connect(problems_, &ProblemsPanel::countChanged, this, [this](int errors, int warnings) {
    problemLabel_->setText(errors + warnings == 0
                               ? tr("No problems")
                               : tr("%n error(s)", nullptr, errors) + QStringLiteral(", ") +
                                     tr("%n warning(s)", nullptr, warnings));
  });
  connect(doc_, &PipelineDocument::modifiedChanged, this, &MainWindow::updateTitle);
  connect(doc_, &PipelineDocument::filePathChanged, this, &MainWindow::updateTitle);
  connect(doc_, &PipelineDocument::selectionChanged, this, &MainWindow::updateActions);
  connect(doc_, &PipelineDocument::documentReset, this,
          [this] { QTimer::singleShot(0, view_, &GraphView::fitAfterLoad); });
  connect(runner_, &RunController::started, this, &MainWindow::updateActions);
  connect(scene_, &GraphScene::wireActivated, this, [this](const PipelineEdge& edge) {
    doc_->setSelection({}, {edge});
    tapSelectedWire();
  });
  connect(runner_, &RunController::statsUpdated, this, &MainWindow::showRunStats);
  // Whether a breakpoint holds a record (Step and Continue) is seen at each poll.
  connect(runner_, &RunController::statsUpdated, this, &MainWindow::updateActions);
  connect(runner_, &RunController::tapsChanged, this, &MainWindow::updateActions);
  connect(runner_, &RunController::finished, this, &MainWindow::runFinished);
  // Another document replaces the one running: its run stops, and no run view keeps its state.
  connect(doc_, &PipelineDocument::documentReset, runner_, &RunController::discardRun);
  connect(runner_, &RunController::cleared, this, &MainWindow::showRunStats);
  connect(runner_, &RunController::tapsChanged, this, [this] {
    scene_->setTappedPorts(runner_->tappedPorts());
    RunOverlay::showBreakpoints(*scene_, *runner_);
  });
  connect(palette_, &NodePalette::addRequested, this,
          [this, previous = std::string()](const QString& type) mutable {
            const QPointF grip(geometry::kNodeWidth / 2, geometry::kHeaderHeight / 2);
            const QRectF visible = view_->mapToScene(view_->viewport()->rect()).boundingRect();
            previous = doc_->addNode(sstr(type), placeNewNode(*doc_, sstr(type), previous, visible,
                                                              view_->visibleCentre() - grip));
            // A row that grows past the edge of the view brings its new node into view.
            if (NodeItem* item = scene_->nodeItem(qstr(previous)))
              view_->ensureVisible(item->sceneBoundingRect(), 40, 40);
            view_->setFocus();
          });

  QSettings settings;
  restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
  restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
  if (!settings.contains(QStringLiteral("window/geometry"))) resize(1400, 860);
  updateRecentMenu();
  updateTitle();
  updateActions();
  doc_->validateNow();
  view_->setFocus();
}

MainWindow::~MainWindow() {
  // The view and scene refer to the document: they go first.
  delete view_;
  delete scene_;
}

QAction* MainWindow::addAction(const QString& name, const QString& text, const QString& icon,
                               const QList<QKeySequence>& shortcuts, std::function<void()> slot) {
  auto* action = new QAction(text, this);
  action->setObjectName(name);
  if (!icon.isEmpty()) action->setIcon(actionIcon(icon));
  action->setShortcuts(shortcuts);
  action->setShortcutContext(Qt::WindowShortcut);
  if (!shortcuts.isEmpty())
    action->setToolTip(QStringLiteral("%1 (%2)").arg(
        QString(text).remove('&'), shortcuts.first().toString(QKeySequence::NativeText)));
  connect(action, &QAction::triggered, this, [slot = std::move(slot)] { slot(); });
  QWidget::addAction(action);
  return action;
}

QAction* MainWindow::action(const QString& name) const {
  return findChild<QAction*>(name, Qt::FindDirectChildrenOnly);
}

void MainWindow::createActions() {
  using K = QKeySequence;
  auto keys = [](K::StandardKey key) { return K::keyBindings(key); };
  QList<K> redoKeys{K(Qt::CTRL | Qt::SHIFT | Qt::Key_Z)};
  for (const K& k : K::keyBindings(K::Redo))
    if (!redoKeys.contains(k)) redoKeys << k;
  QList<K> deleteKeys{K(Qt::Key_Delete)};
  if (!deleteKeys.contains(K(Qt::Key_Backspace))) deleteKeys << K(Qt::Key_Backspace);

  addAction(QStringLiteral("new"), tr("&New"), QStringLiteral("document-new"), keys(K::New),
            [this] {
              if (maybeSave()) doc_->newDocument();
            });
  addAction(QStringLiteral("open"), tr("&Open…"), QStringLiteral("document-open"), keys(K::Open),
            [this] { open(); });
  addAction(QStringLiteral("save"), tr("&Save"), QStringLiteral("document-save"), keys(K::Save),
            [this] { save(); });
  addAction(QStringLiteral("saveAs"), tr("Save &As…"), {}, keys(K::SaveAs), [this] { saveAs(); });
  addAction(QStringLiteral("exportImage"), tr("&Export Diagram…"), QStringLiteral("export"),
            {K(Qt::CTRL | Qt::Key_E)}, [this] {
              const QString base = doc_->filePath().isEmpty()
                                       ? QStringLiteral("pipeline")
                                       : QFileInfo(doc_->filePath()).completeBaseName();
              const QString path = QFileDialog::getSaveFileName(
                  this, tr("Export Diagram"), base + QStringLiteral(".png"),
                  tr("PNG image (*.png);;SVG image (*.svg)"));
              if (!path.isEmpty()) exportImage(path);
            });
  addAction(QStringLiteral("exportHeadless"), tr("Export for &Headless Run…"), {}, {}, [this] {
    const QString title = tr("Export for Headless Run");
    // Next to the pipeline file by default, in a folder named after the pipeline.
    const QString start =
        (doc_->filePath().isEmpty() ? QDir::homePath() : QFileInfo(doc_->filePath()).path()) +
        QLatin1Char('/') + qstr(pipelineSlug(doc_->pipeline().name)) + QStringLiteral("-headless");
    const QString dir =
        chooseDirectory_ ? chooseDirectory_(title, start)
                         : QFileDialog::getExistingDirectory(this, title, QFileInfo(start).path());
    if (!dir.isEmpty()) exportHeadless(dir);
  });
  addAction(QStringLiteral("exportFlinkSql"), tr("&Flink SQL…"), {}, {},
            [this] { exportToFlinkSql(); });
  addAction(QStringLiteral("newTestFromRun"), tr("New &Test From Run…"), {}, {},
            [this] { newTestFromRun(); });
  addAction(QStringLiteral("quit"), tr("&Quit"), {}, keys(K::Quit), [this] { close(); });

  QAction* undo = doc_->undoStack()->createUndoAction(this, tr("&Undo"));
  undo->setObjectName(QStringLiteral("undo"));
  undo->setIcon(actionIcon(QStringLiteral("undo")));
  undo->setShortcuts(keys(K::Undo));
  QWidget::addAction(undo);
  QAction* redo = doc_->undoStack()->createRedoAction(this, tr("&Redo"));
  redo->setObjectName(QStringLiteral("redo"));
  redo->setIcon(actionIcon(QStringLiteral("redo")));
  redo->setShortcuts(redoKeys);
  QWidget::addAction(redo);

  addAction(QStringLiteral("cut"), tr("Cu&t"), QStringLiteral("cut"), keys(K::Cut), [this] {
    copy();
    doc_->removeSelection();
  });
  addAction(QStringLiteral("copy"), tr("&Copy"), QStringLiteral("copy"), keys(K::Copy),
            [this] { copy(); });
  addAction(QStringLiteral("paste"), tr("&Paste"), QStringLiteral("paste"), keys(K::Paste),
            [this] { paste(); });
  addAction(QStringLiteral("delete"), tr("&Delete"), QStringLiteral("delete"), deleteKeys,
            [this] { doc_->removeSelection(); });
  addAction(QStringLiteral("selectAll"), tr("Select &All"), {}, keys(K::SelectAll),
            [this] { doc_->selectAll(); });
  addAction(QStringLiteral("find"), tr("&Find Node…"), QStringLiteral("find"), keys(K::Find),
            [this] {
              findEdit_->setFocus(Qt::ShortcutFocusReason);
              findEdit_->selectAll();
            });
  addAction(QStringLiteral("group"), tr("&Group Selection…"), {}, {K(Qt::CTRL | Qt::Key_G)},
            [this] { groupSelection(); });
  addAction(QStringLiteral("ungroup"), tr("U&ngroup"), {}, {K(Qt::CTRL | Qt::SHIFT | Qt::Key_G)},
            [this] {
              for (const auto& id : doc_->selectedNodes())
                doc_->ungroup(doc_->groupOf(id));
            });

  addAction(QStringLiteral("zoomIn"), tr("Zoom &In"), QStringLiteral("zoom-in"),
            {K(Qt::CTRL | Qt::Key_Plus), K(Qt::CTRL | Qt::Key_Equal)}, [this] { view_->zoomIn(); });
  addAction(QStringLiteral("zoomOut"), tr("Zoom &Out"), QStringLiteral("zoom-out"),
            {K(Qt::CTRL | Qt::Key_Minus)}, [this] { view_->zoomOut(); });
  addAction(QStringLiteral("fit"), tr("&Fit to View"), QStringLiteral("zoom-fit"),
            {K(Qt::CTRL | Qt::Key_0)}, [this] { view_->fitToView(); });
  addAction(QStringLiteral("autoLayout"), tr("Auto-&Layout"), QStringLiteral("layout"),
            {K(Qt::CTRL | Qt::Key_L)}, [this] {
              doc_->autoLayout();
              view_->fitToView();
            });

  addAction(QStringLiteral("run"), tr("&Run"), QStringLiteral("run"), {K(Qt::Key_F5)},
            [this] { runPipeline(); });
  addAction(QStringLiteral("stop"), tr("St&op"), QStringLiteral("stop"),
            {K(Qt::SHIFT | Qt::Key_F5)}, [this] { runner_->stop(); });
  // The debugger keys act on a held record: the shown Tap tab's, else the first tab's that
  // holds one. Continue shares F5 with Run, as in Visual Studio and Qt Creator: Run is
  // disabled while a run is active and Continue while nothing is held, so never both.
  auto debug = [this](void (WireView::*what)()) {
    if (WireView* view = tapPanel_->holdingView()) {
      tapPanel_->tabs()->setCurrentWidget(view);
      (view->*what)();
    }
    updateActions();
  };
  addAction(QStringLiteral("continue"), tr("Co&ntinue"), {}, {WireView::continueKey()},
            [debug] { debug(&WireView::continueRun); });
  addAction(QStringLiteral("step"), tr("&Step"), {}, {WireView::stepKey()},
            [debug] { debug(&WireView::step); });
  addAction(QStringLiteral("stepBatch"), tr("Step &Batch"), {}, {WireView::stepBatchKey()},
            [debug] { debug(&WireView::stepBatch); });
  addAction(QStringLiteral("tapWire"), tr("&Tap Selected Wire"), {}, {K(Qt::CTRL | Qt::Key_T)},
            [this] { tapSelectedWire(); });
  addAction(QStringLiteral("recordWire"), tr("Recor&d Selected Wire…"), {}, {},
            [this] { recordSelectedWire(); });
  addAction(QStringLiteral("replayFixture"), tr("Re&play Fixture into Selected Node…"), {}, {},
            [this] { replayIntoSelectedNode(); });
  addAction(QStringLiteral("replayAtRecordedSpeed"), tr("Replay at Re&corded Speed"), {}, {}, [] {
  })->setCheckable(true);
  addAction(QStringLiteral("forgetResumeChoice"), tr("Ask Again &Whether to Resume"), {}, {},
            [this] {
              setResumeChoice(ResumeChoice::Ask);
              statusBar()->showMessage(
                  tr("Run asks again whether to resume from a savepoint of this file"), 4000);
            });

  findEdit_ = new QLineEdit(this);
  findEdit_->setObjectName(QStringLiteral("findNode"));
  findEdit_->setPlaceholderText(tr("Find node (%1)").arg(K(K::Find).toString(K::NativeText)));
  findEdit_->setClearButtonEnabled(true);
  findEdit_->setMaximumWidth(220);
  auto* completer = new QCompleter(new QStringListModel(findEdit_), findEdit_);
  completer->setCaseSensitivity(Qt::CaseInsensitive);
  completer->setFilterMode(Qt::MatchContains);
  findEdit_->setCompleter(completer);
  auto refreshIds = [this, completer] {
    QStringList ids;
    for (const auto& node : doc_->pipeline().nodes)
      ids << qstr(node.id);
    static_cast<QStringListModel*>(completer->model())->setStringList(ids);
  };
  connect(doc_, &PipelineDocument::nodeAdded, this, refreshIds);
  connect(doc_, &PipelineDocument::nodeRemoved, this, refreshIds);
  connect(doc_, &PipelineDocument::nodeRenamed, this, refreshIds);
  connect(doc_, &PipelineDocument::documentReset, this, refreshIds);
  connect(findEdit_, &QLineEdit::returnPressed, this, &MainWindow::findNode);
}

void MainWindow::createMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  file->addAction(action(QStringLiteral("new")));
  file->addAction(action(QStringLiteral("open")));
  recentMenu_ = file->addMenu(tr("Open &Recent"));
  file->addMenu(createExamplesMenu(this, [this](const QString& path) {
    if (maybeSave()) openFile(path);
  }));
  file->addAction(action(QStringLiteral("save")));
  file->addAction(action(QStringLiteral("saveAs")));
  file->addSeparator();
  file->addAction(action(QStringLiteral("exportImage")));
  file->addAction(action(QStringLiteral("exportHeadless")));
  QMenu* exportMenu = file->addMenu(tr("Ex&port"));
  exportMenu->setObjectName(QStringLiteral("exportMenu"));
  exportMenu->addAction(action(QStringLiteral("exportFlinkSql")));
  file->addAction(action(QStringLiteral("newTestFromRun")));
  file->addSeparator();
  file->addAction(action(QStringLiteral("quit")));

  QMenu* edit = menuBar()->addMenu(tr("&Edit"));
  for (const char* name : {"undo", "redo", "", "cut", "copy", "paste", "delete", "", "selectAll",
                           "find", "", "group", "ungroup"}) {
    if (!*name)
      edit->addSeparator();
    else
      edit->addAction(action(QString::fromLatin1(name)));
  }

  QMenu* viewMenu = menuBar()->addMenu(tr("&View"));
  for (const char* name : {"zoomIn", "zoomOut", "fit", "autoLayout"})
    viewMenu->addAction(action(QString::fromLatin1(name)));
  QAction* minimap = viewMenu->addAction(tr("&Minimap"));
  minimap->setObjectName(QStringLiteral("minimap"));
  minimap->setCheckable(true);
  minimap->setChecked(true);
  connect(minimap, &QAction::toggled, view_->minimap(), &Minimap::setEnabledByUser);
  viewMenu->addSeparator();
  for (QDockWidget* dock : findChildren<QDockWidget*>())
    viewMenu->addAction(dock->toggleViewAction());
  viewMenu->addSeparator();
  QMenu* themeMenu = viewMenu->addMenu(tr("&Theme"));
  auto* themes = new QActionGroup(this);
  const std::pair<Theme, QString> choices[] = {{Theme::System, tr("Follow &System")},
                                               {Theme::Light, tr("&Light")},
                                               {Theme::Dark, tr("&Dark")}};
  for (const auto& [theme, text] : choices) {
    QAction* a = themeMenu->addAction(text);
    a->setObjectName(QStringLiteral("theme-") + themeName(theme));
    a->setCheckable(true);
    a->setChecked(theme == currentTheme());
    themes->addAction(a);
    connect(a, &QAction::triggered, this, [theme] {
      applyTheme(theme);
      QSettings().setValue(QStringLiteral("appearance/theme"), themeName(theme));
    });
  }

  QMenu* languageMenu = viewMenu->addMenu(tr("L&anguage"));
  languageMenu->setObjectName(QStringLiteral("languageMenu"));
  auto* languages = new QActionGroup(this);
  QList<Language> languageChoices = shippedLanguages();
  languageChoices.prepend({QString(), tr("&System Language")});
  for (const Language& language : languageChoices) {
    // Language names stay in their own language, so a user lost in a foreign UI finds theirs.
    QAction* a = languageMenu->addAction(
        language.code.isEmpty() ? language.name : QStringLiteral("&") + language.name);
    a->setObjectName(QStringLiteral("language-") +
                     (language.code.isEmpty() ? QStringLiteral("system") : language.code));
    a->setCheckable(true);
    a->setChecked(language.code == languageSetting());
    languages->addAction(a);
    connect(a, &QAction::triggered, this, [this, code = language.code] {
      if (code == languageSetting()) return;
      setLanguageSetting(code);
      // Texts are set once, when the widgets are built: the new language shows after a restart.
      statusBar()->showMessage(tr("The language changes when StreamCanvas starts again."), 8000);
    });
  }

  QMenu* runMenu = menuBar()->addMenu(tr("&Run"));
  runMenu->addAction(action(QStringLiteral("run")));
  runMenu->addAction(action(QStringLiteral("stop")));
  runMenu->addAction(action(QStringLiteral("forgetResumeChoice")));
  runMenu->addSeparator();
  runMenu->addAction(action(QStringLiteral("continue")));
  runMenu->addAction(action(QStringLiteral("step")));
  runMenu->addAction(action(QStringLiteral("stepBatch")));
  runMenu->addSeparator();
  runMenu->addAction(action(QStringLiteral("tapWire")));
  runMenu->addAction(action(QStringLiteral("recordWire")));
  runMenu->addAction(action(QStringLiteral("replayFixture")));
  runMenu->addAction(action(QStringLiteral("replayAtRecordedSpeed")));

  QToolBar* tools = addToolBar(tr("Main"));
  tools->setObjectName(QStringLiteral("mainToolBar"));
  tools->setIconSize(QSize(20, 20));
  for (const char* name :
       {"new",  "open",        "save",   "",    "undo",   "redo",    "",    "cut",
        "copy", "paste",       "delete", "",    "zoomIn", "zoomOut", "fit", "autoLayout",
        "",     "exportImage", "",       "run", "stop"}) {
    if (!*name)
      tools->addSeparator();
    else
      tools->addAction(action(QString::fromLatin1(name)));
  }
  tools->addSeparator();
  tools->addWidget(findEdit_);

  menuBar()->addMenu(createHelpMenu(this, registry_));
}

void MainWindow::createDocks() {
  setDockOptions(AnimatedDocks | AllowTabbedDocks);
  auto dock = [this](QWidget* widget, const QString& title, const QString& name,
                     Qt::DockWidgetArea area) {
    auto* d = new QDockWidget(title, this);
    d->setObjectName(name);
    d->setWidget(widget);
    addDockWidget(area, d);
    return d;
  };
  palette_ = new NodePalette(registry_, this);
  inspector_ = new PropertyInspector(doc_, this);
  inspector_->setFieldSampler(new FieldSampler(doc_, runner_->sharedResources(), inspector_));
  problems_ = new ProblemsPanel(doc_, this);
  dock(palette_, tr("Nodes"), QStringLiteral("paletteDock"), Qt::LeftDockWidgetArea);
  QDockWidget* inspectorDock =
      dock(inspector_, tr("Properties"), QStringLiteral("inspectorDock"), Qt::RightDockWidgetArea);
  QDockWidget* problemsDock =
      dock(problems_, tr("Problems"), QStringLiteral("problemsDock"), Qt::BottomDockWidgetArea);
  runPanel_ = new RunPanel(runner_, registry_, this);
  QDockWidget* runDock =
      dock(runPanel_, tr("Run"), QStringLiteral("runDock"), Qt::BottomDockWidgetArea);
  tabifyDockWidget(problemsDock, runDock);
  tapPanel_ = new TapPanel(runner_, this);
  QDockWidget* tapDock =
      dock(tapPanel_, tr("Tap"), QStringLiteral("tapDock"), Qt::BottomDockWidgetArea);
  tabifyDockWidget(runDock, tapDock);
  topics_ = new TopicBrowser(doc_, runner_, this);
  QDockWidget* topicsDock =
      dock(topics_, tr("Topics"), QStringLiteral("topicsDock"), Qt::BottomDockWidgetArea);
  tabifyDockWidget(tapDock, topicsDock);
  log_ = new LogPanel(this);
  QDockWidget* logDock = dock(log_, tr("Log"), QStringLiteral("logDock"), Qt::BottomDockWidgetArea);
  tabifyDockWidget(topicsDock, logDock);
  problemsDock->raise();
  // A run brings its charts to the front, or the tap when a wire is tapped.
  connect(runner_, &RunController::started, this, [this, runDock, tapDock] {
    QDockWidget* front = runner_->hasTap() || runner_->consoleSinks() > 0 ? tapDock : runDock;
    front->show();
    front->raise();
  });
  createConnectionsDock(inspectorDock);
  resizeDocks({inspectorDock}, {360}, Qt::Horizontal);
  resizeDocks({problemsDock}, {150}, Qt::Vertical);
}

void MainWindow::updateTitle() {
  const QString name =
      doc_->filePath().isEmpty() ? tr("Untitled") : QFileInfo(doc_->filePath()).fileName();
  setWindowTitle(tr("%1[*] — StreamCanvas").arg(name));
  setWindowModified(doc_->isModified());
}

void MainWindow::updateActions() {
  const bool nodes = !doc_->selectedNodes().empty();
  action(QStringLiteral("cut"))->setEnabled(nodes);
  action(QStringLiteral("copy"))->setEnabled(nodes);
  action(QStringLiteral("delete"))->setEnabled(doc_->hasSelection());
  action(QStringLiteral("run"))->setEnabled(!runner_->isActive());
  action(QStringLiteral("tapWire"))->setEnabled(doc_->selectedEdges().size() == 1);
  action(QStringLiteral("stop"))->setEnabled(runner_->state() == RunController::State::Running);
  const bool holding = tapPanel_ && tapPanel_->holdingView();
  for (const char* name : {"continue", "step", "stepBatch"})
    action(QLatin1String(name))->setEnabled(holding);
  action(QStringLiteral("forgetResumeChoice"))->setEnabled(resumeChoice() != ResumeChoice::Ask);
}

namespace {

constexpr char kResumeChoicesKey[] = "run/resumeChoices";  // file path -> "resume" | "fresh"

QString ageText(qint64 ms) {
  const qint64 s = std::max<qint64>(0, ms / 1000);
  if (s < 60) return MainWindow::tr("%n s", nullptr, int(s));
  if (s < 3600) return MainWindow::tr("%n min", nullptr, int(s / 60));
  if (s < 2 * 86400) return MainWindow::tr("%n h", nullptr, int(s / 3600));
  return MainWindow::tr("%n days", nullptr, int(s / 86400));
}

}  // namespace

MainWindow::ResumeChoice MainWindow::resumeChoice() const {
  if (doc_->filePath().isEmpty()) return ResumeChoice::Ask;
  const QString choice = QSettings()
                             .value(QString::fromLatin1(kResumeChoicesKey))
                             .toMap()
                             .value(doc_->filePath())
                             .toString();
  if (choice == QLatin1String("resume")) return ResumeChoice::Resume;
  if (choice == QLatin1String("fresh")) return ResumeChoice::Fresh;
  return ResumeChoice::Ask;
}

void MainWindow::setResumeChoice(ResumeChoice choice) {
  if (doc_->filePath().isEmpty()) return;
  QSettings settings;
  QVariantMap choices = settings.value(QString::fromLatin1(kResumeChoicesKey)).toMap();
  if (choice == ResumeChoice::Ask)
    choices.remove(doc_->filePath());
  else
    choices.insert(doc_->filePath(), choice == ResumeChoice::Resume ? QStringLiteral("resume")
                                                                    : QStringLiteral("fresh"));
  settings.setValue(QString::fromLatin1(kResumeChoicesKey), choices);
  updateActions();
}

void MainWindow::runPipeline() {
  if (runner_->isActive() || runQuestion_) return;
  const RunController::Resumable resumable = runner_->resumable(doc_->pipeline());
  if (!resumable.ok) {
    error(tr("Cannot run the pipeline"), resumable.problems);
    return;
  }
  if (!resumable.checkpoint) return startRun(RunController::StartFrom::Resume);
  switch (resumeChoice()) {
    case ResumeChoice::Resume:
      return startRun(RunController::StartFrom::Resume);
    case ResumeChoice::Fresh:
      return startRun(RunController::StartFrom::Fresh);
    case ResumeChoice::Ask:
      return askResume(resumable);
  }
}

void MainWindow::askResume(const RunController::Resumable& resumable) {
  // Window-modal and asynchronous: the run starts from the answer, the GUI never waits.
  const state::Checkpoint& c = *resumable.checkpoint;
  auto* box = new QMessageBox(QMessageBox::Question, tr("Resume the pipeline?"),
                              c.savepoint ? tr("The pipeline has a savepoint of an earlier run.")
                                          : tr("The pipeline has a checkpoint of an earlier run."),
                              QMessageBox::NoButton, this);
  box->setObjectName(QStringLiteral("resumeQuestion"));
  box->setInformativeText(
      tr("Resuming continues where that run stopped, with its open windows; starting fresh "
         "removes the checkpoints in %1.")
          .arg(resumable.dir));
  const qint64 age = QDateTime::currentMSecsSinceEpoch() - c.createdMs;
  QPushButton* resume = box->addButton(
      (c.savepoint ? tr("Resume from savepoint %1 (taken %2 ago, %3)")
                   : tr("Resume from checkpoint %1 (taken %2 ago, %3)"))
          .arg(c.id)
          .arg(ageText(age), locale().formattedDataSize(qint64(c.bytes()), 1,
                                                        QLocale::DataSizeTraditionalFormat)),
      QMessageBox::AcceptRole);
  resume->setObjectName(QStringLiteral("resume"));
  QPushButton* fresh = box->addButton(tr("Start fresh"), QMessageBox::DestructiveRole);
  fresh->setObjectName(QStringLiteral("fresh"));
  box->addButton(QMessageBox::Cancel);
  box->setDefaultButton(resume);
  QCheckBox* remember = nullptr;
  if (!doc_->filePath().isEmpty()) {
    remember = new QCheckBox(tr("Don't ask again for this file"), box);
    remember->setObjectName(QStringLiteral("rememberResumeChoice"));
    remember->setToolTip(tr("Run > Ask Again Whether to Resume brings this question back."));
    box->setCheckBox(remember);
  }
  box->setAttribute(Qt::WA_DeleteOnClose);
  connect(box, &QMessageBox::finished, this, [this, box, resume, fresh, remember] {
    QAbstractButton* clicked = box->clickedButton();
    if (clicked != resume && clicked != fresh) return;
    if (remember && remember->isChecked())
      setResumeChoice(clicked == resume ? ResumeChoice::Resume : ResumeChoice::Fresh);
    startRun(clicked == resume ? RunController::StartFrom::Resume
                               : RunController::StartFrom::Fresh);
  });
  runQuestion_ = box;
  box->open();
}

void MainWindow::startRun(RunController::StartFrom from) {
  QString problems;
  if (tryStartRun(from, &problems)) return;
  if (runner_->refusedCheckpoint())
    offerFreshStart(problems);
  else
    error(tr("Cannot run the pipeline"), problems);
}

bool MainWindow::tryStartRun(RunController::StartFrom from, QString* problems) {
  for (const auto& node : doc_->pipeline().nodes)
    if (NodeItem* item = scene_->nodeItem(qstr(node.id))) item->clearRunStats();
  if (!runner_->start(doc_->pipeline(), problems, from)) return false;
  statusBar()->showMessage(tr("Running; edits apply to the next run"), 4000);
  return true;
}

bool MainWindow::runWithoutAsking(bool fresh, QString* problems) {
  if (runner_->isActive()) return true;
  const RunController::Resumable resumable = runner_->resumable(doc_->pipeline());
  if (!resumable.ok) {
    *problems = resumable.problems;
    return false;
  }
  if (tryStartRun(fresh ? RunController::StartFrom::Fresh : RunController::StartFrom::Resume,
                  problems))
    return true;
  if (runner_->refusedCheckpoint())
    *problems += '\n' + tr("Start with --fresh to run without that checkpoint (this removes the "
                           "pipeline's checkpoints).");
  return false;
}

void MainWindow::offerFreshStart(const QString& problems) {
  // The checkpoint belongs to another graph (the pipeline was edited since): say so where the
  // user looks, and offer the way out.
  statusBar()->showMessage(problems.section('\n', 0, 0).trimmed());
  auto* box = new QMessageBox(QMessageBox::Warning, tr("Cannot resume"),
                              tr("The pipeline changed since its last checkpoint was taken."),
                              QMessageBox::NoButton, this);
  box->setObjectName(QStringLiteral("checkpointRefused"));
  box->setInformativeText(problems.left(2000));
  QPushButton* fresh = box->addButton(tr("Start fresh"), QMessageBox::DestructiveRole);
  fresh->setObjectName(QStringLiteral("fresh"));
  box->addButton(QMessageBox::Cancel);
  box->setDefaultButton(fresh);
  box->setAttribute(Qt::WA_DeleteOnClose);
  connect(box, &QMessageBox::finished, this, [this, box, fresh] {
    if (box->clickedButton() == fresh) startRun(RunController::StartFrom::Fresh);
  });
  runQuestion_ = box;
  box->open();
}

void MainWindow::tapSelectedWire() {
  const auto& edges = doc_->selectedEdges();
  if (edges.size() != 1) {
    statusBar()->showMessage(tr("Select one wire to tap."), 4000);
    return;
  }
  const PipelineEdge& edge = edges.front();
  tapPanel_->showWire(qstr(edge.from.node), qstr(edge.fromPort()),
                      QStringLiteral("%1:%2 → %3:%4")
                          .arg(qstr(edge.from.node), qstr(edge.fromPort()), qstr(edge.to.node),
                               qstr(edge.toPort())));
  if (auto* dock = qobject_cast<QDockWidget*>(tapPanel_->parentWidget())) {
    dock->show();
    dock->raise();
  }
  statusBar()->showMessage(runner_->isActive()
                               ? tr("Tapping the wire")
                               : tr("The wire is tapped when the pipeline runs (F5)"),
                           4000);
}

void MainWindow::showRunStats() {
  for (const RunController::NodeStats& s : runner_->stats()) {
    NodeItem* item = scene_->nodeItem(s.id);
    if (!item) continue;  // removed or renamed since the run started
    item->setRunStats(s.recordsIn, s.recordsOut,
                      item->inputs().empty() ? s.outPerSecond : s.inPerSecond, s.errors, false);
  }
  RunOverlay::show(*scene_, *runner_);
  const double secs = runner_->elapsedSeconds();
  switch (runner_->state()) {
    case RunController::State::Running:
      runLabel_->setText(tr("Running %1 s").arg(secs, 0, 'f', 1));
      break;
    case RunController::State::Stopping:
      runLabel_->setText(tr("Stopping…"));
      break;
    case RunController::State::Idle:  // nothing when this document has not run
      runLabel_->setText(runner_->stats().isEmpty() ? QString()
                                                    : tr("Ran %1 s").arg(secs, 0, 'f', 1));
      break;
  }
  updateActions();
}

void MainWindow::runFinished(bool ok, const QString& failedNode, const QString& message) {
  updateActions();
  if (runner_->stats().isEmpty()) return;  // the run of a document replaced meanwhile
  if (ok) {
    const CheckpointStats& checkpoints = runner_->checkpointStats();
    QString how;
    if (checkpoints.lastWasSavepoint)
      how = tr("; savepoint %1 taken, the next run resumes there").arg(checkpoints.lastId);
    statusBar()->showMessage(
        tr("Run finished after %1 s").arg(runner_->elapsedSeconds(), 0, 'f', 2) + how, 8000);
    return;
  }
  if (NodeItem* item = scene_->nodeItem(failedNode)) {
    const auto& stats = runner_->stats();
    for (const RunController::NodeStats& s : stats)
      if (s.id == failedNode) item->setRunStats(s.recordsIn, s.recordsOut, 0, s.errors, true);
    revealNode(failedNode);
  }
  const QString text = failedNode.isEmpty()
                           ? tr("The run failed: %1").arg(message)
                           : tr("The run failed in node '%1': %2").arg(failedNode, message);
  statusBar()->showMessage(text);
  runLabel_->setText(tr("Failed"));
}

void MainWindow::error(const QString& title, const QString& text) {
  if (reportError_) {
    reportError_(title, text);
    return;
  }
  QMessageBox box(QMessageBox::Warning, title, title, QMessageBox::Ok, this);
  box.setInformativeText(text.left(2000));
  box.setDetailedText(text);
  box.exec();
}

void MainWindow::createConnectionsDock(QDockWidget* inspectorDock) {
  connections_ = new ConnectionsPanel(doc_, runner_->sharedResources(), this);
  auto* dock = new QDockWidget(tr("Connections"), this);
  dock->setObjectName(QStringLiteral("connectionsDock"));
  dock->setWidget(connections_);
  addDockWidget(Qt::RightDockWidgetArea, dock);
  tabifyDockWidget(inspectorDock, dock);
  inspectorDock->raise();
  connect(inspector_, &PropertyInspector::connectionRequested, this,
          [this, dock](const QString& name) {
            connections_->showConnection(name);
            dock->show();
            dock->raise();
          });
}

void MainWindow::copy() {
  if (doc_->selectedNodes().empty()) return;
  QApplication::clipboard()->setText(doc_->selectionAsJson());
  statusBar()->showMessage(tr("Copied %n node(s) as pipeline JSON", nullptr,
                              static_cast<int>(doc_->selectedNodes().size())),
                           4000);
}

void MainWindow::paste() {
  QString why;
  if (!doc_->paste(QApplication::clipboard()->text(), &why)) statusBar()->showMessage(why, 6000);
}

void MainWindow::findNode() {
  const QString text = findEdit_->text().trimmed();
  if (text.isEmpty()) return;
  QString found;
  for (const auto& node : doc_->pipeline().nodes) {
    const QString id = qstr(node.id);
    if (id.compare(text, Qt::CaseInsensitive) == 0) {
      found = id;
      break;
    }
    if (found.isEmpty() && id.contains(text, Qt::CaseInsensitive)) found = id;
  }
  if (found.isEmpty()) {
    statusBar()->showMessage(tr("No node matches '%1'").arg(text), 4000);
    return;
  }
  revealNode(found);
  view_->setFocus();
}

void MainWindow::revealNode(const QString& id) {
  // A node in a collapsed group is shown by expanding the group.
  if (const auto group = doc_->group(doc_->groupOf(sstr(id))); group && group->collapsed)
    doc_->setGroupCollapsed(group->id, false);
  doc_->setSelection({sstr(id)});
  if (NodeItem* item = scene_->nodeItem(id)) view_->reveal(item->sceneBoundingRect());
}

void MainWindow::groupSelection() {
  if (doc_->selectedNodes().empty()) {
    statusBar()->showMessage(tr("Select the nodes to group first"), 4000);
    return;
  }
  bool ok = false;
  const QString name =
      QInputDialog::getText(this, tr("Group Selection"), tr("Group name:"), QLineEdit::Normal,
                            tr("Group %1").arg(doc_->groups().size() + 1), &ok)
          .trimmed();
  if (ok && !name.isEmpty()) doc_->groupSelection(name);
}

void MainWindow::showProblem(const QString& nodeId, const QString& property) {
  if (nodeId.isEmpty()) {
    // A problem of the pipeline's settings: the inspector shows them with nothing selected.
    if (property.isEmpty()) return;
    doc_->setSelection({});
    inspector_->focusProperty(property);
    return;
  }
  revealNode(nodeId);
  if (!property.isEmpty()) inspector_->focusProperty(property);
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (!closeAfterRun_ && !maybeSave()) {
    event->ignore();
    return;
  }
  QSettings settings;
  settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
  settings.setValue(QStringLiteral("window/state"), saveState());
  if (runner_->isActive()) {
    // Waiting for the engine's threads here would freeze the window (up to a sink's stop
    // grace with a cluster gone): stop the run, keep answering, and close when it has ended.
    if (!closeAfterRun_) {
      closeAfterRun_ = true;
      runner_->stop();
      statusBar()->showMessage(tr("Stopping the run before closing…"));
      connect(runner_, &RunController::finished, this, &QWidget::close, Qt::SingleShotConnection);
    }
    event->ignore();
    return;
  }
  event->accept();
}

}  // namespace sc::designer
