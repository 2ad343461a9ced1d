#pragma once
// The designer's main window: palette (left), canvas (centre), inspector (right), problems
// (bottom); menus and a toolbar with the standard shortcuts; recent files, window geometry and
// dock layout kept in QSettings.

#include <QMainWindow>
#include <QMessageBox>
#include <QPointer>
#include <functional>

#include "app/designer/RunController.h"
#include "engine/graph/NodeRegistry.h"

class QDockWidget;
class QLabel;
class QLineEdit;
class QMenu;

namespace sc::designer {

class GraphScene;
class GraphView;
class NodePalette;
class PipelineDocument;
class ProblemsPanel;
class PropertyInspector;
class RunController;
class RunPanel;
class TapPanel;
class LogPanel;
class ConnectionsPanel;
class TopicBrowser;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(const NodeRegistry& registry, QWidget* parent = nullptr);
  ~MainWindow() override;

  PipelineDocument* document() const { return doc_; }
  GraphScene* scene() const { return scene_; }
  GraphView* view() const { return view_; }
  NodePalette* nodePalette() const { return palette_; }
  PropertyInspector* inspector() const { return inspector_; }
  ProblemsPanel* problemsPanel() const { return problems_; }
  QLineEdit* findEdit() const { return findEdit_; }
  RunController* runController() const { return runner_; }
  RunPanel* runPanel() const { return runPanel_; }
  TapPanel* tapPanel() const { return tapPanel_; }
  TopicBrowser* topicBrowser() const { return topics_; }
  LogPanel* logPanel() const { return log_; }
  ConnectionsPanel* connectionsPanel() const { return connections_; }
  // Actions by object name: "new", "open", "save", "saveAs", "exportImage", "undo", "redo",
  // "cut", "copy", "paste", "delete", "selectAll", "find", "zoomIn", "zoomOut", "fit",
  // "autoLayout", ...
  QAction* action(const QString& name) const;

  bool openFile(const QString& path);
  bool saveFile(const QString& path);
  // Asks before a save writes secrets in clear; true: go on.
  bool confirmClearSecrets();
  bool exportImage(const QString& path);
  // File > Export for Headless Run: writes the folder an operator runs the pipeline from
  // (engine/graph/HeadlessBundle.h) into `dir`, then shows where it went and which variables the
  // pipeline needs. Secrets typed into the document are written to no file.
  bool exportHeadless(const QString& dir);
  // File > Export > Flink SQL... (MainWindowFlinkExport.cpp): translates the document as
  // streamcanvas-run --export flink-sql does and saves the script where the save-file picker
  // says; when something cannot be translated, lists every refusal and writes nothing.
  bool exportToFlinkSql();

  // Tests replace the modal dialogs: the unsaved-changes question and error reports.
  using UnsavedChangesPrompt = std::function<QMessageBox::StandardButton()>;
  using ErrorReporter = std::function<void(const QString& title, const QString& text)>;
  void setUnsavedChangesPrompt(UnsavedChangesPrompt prompt) { prompt_ = std::move(prompt); }
  void setErrorReporter(ErrorReporter reporter) { reportError_ = std::move(reporter); }
  // Tests replace the folder picker of Export for Headless Run (empty: cancelled).
  using DirectoryChooser = std::function<QString(const QString& title, const QString& start)>;
  void setDirectoryChooser(DirectoryChooser chooser) { chooseDirectory_ = std::move(chooser); }
  // Tests replace the save-file picker of Run > Record Selected Wire and File > Export > Flink
  // SQL (empty: cancelled).
  void setSaveFileChooser(DirectoryChooser chooser) { chooseSaveFile_ = std::move(chooser); }
  // ... and the file picker of Run > Replay Fixture into Selected Node.
  void setOpenFileChooser(DirectoryChooser chooser) { chooseOpenFile_ = std::move(chooser); }

  // Run > Record Selected Wire… and File > New Test From Run… (MainWindowRecording.cpp).
  void recordSelectedWire();
  void newTestFromRun();
  void replayIntoSelectedNode();

  QStringList recentFiles() const;

  // What Run does when the pipeline has a checkpoint to resume from, remembered per file
  // ("Don't ask again" in the question; Run > Ask Again Whether to Resume forgets it).
  enum class ResumeChoice { Ask, Resume, Fresh };
  ResumeChoice resumeChoice() const;
  void setResumeChoice(ResumeChoice choice);
  // The command line's --run (and --run --screenshot): nobody is asked. Resumes from the
  // pipeline's checkpoint if it has one, as streamcanvas-run does, or starts fresh (removing the
  // checkpoints) with `fresh`. False with `problems` when the run cannot start.
  bool runWithoutAsking(bool fresh, QString* problems);

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  void createActions();
  void createMenus();
  void createDocks();
  void createConnectionsDock(QDockWidget* inspectorDock);
  QAction* addAction(const QString& name, const QString& text, const QString& icon,
                     const QList<QKeySequence>& shortcuts, std::function<void()> slot);
  bool maybeSave();
  bool save();
  bool saveAs();
  void open();
  void openRecent();
  void addRecentFile(const QString& path);
  void updateRecentMenu();
  void updateTitle();
  void updateActions();
  void copy();
  void paste();
  void findNode();
  void groupSelection();
  void revealNode(const QString& id);
  void showProblem(const QString& nodeId, const QString& property);
  void error(const QString& title, const QString& text);
  void runPipeline();
  void askResume(const RunController::Resumable& resumable);
  void startRun(RunController::StartFrom from);
  bool tryStartRun(RunController::StartFrom from, QString* problems);
  void offerFreshStart(const QString& problems);
  void tapSelectedWire();
  void showRunStats();
  void runFinished(bool ok, const QString& failedNode, const QString& message);

  const NodeRegistry& registry_;
  PipelineDocument* doc_;
  GraphScene* scene_;
  GraphView* view_;
  NodePalette* palette_ = nullptr;
  PropertyInspector* inspector_ = nullptr;
  ProblemsPanel* problems_ = nullptr;
  QLineEdit* findEdit_ = nullptr;
  QLabel* zoomLabel_ = nullptr;
  QLabel* problemLabel_ = nullptr;
  QLabel* runLabel_ = nullptr;
  RunController* runner_ = nullptr;
  bool closeAfterRun_ = false;  // a close waits for the run to stop (the answer to save is given)
  RunPanel* runPanel_ = nullptr;
  TapPanel* tapPanel_ = nullptr;
  TopicBrowser* topics_ = nullptr;
  LogPanel* log_ = nullptr;
  ConnectionsPanel* connections_ = nullptr;
  QMenu* recentMenu_ = nullptr;
  QPointer<QMessageBox> runQuestion_;  // the open resume / start-fresh question
  UnsavedChangesPrompt prompt_;
  ErrorReporter reportError_;
  DirectoryChooser chooseDirectory_;
  DirectoryChooser chooseSaveFile_;
  DirectoryChooser chooseOpenFile_;
  class RunRecording* recording_ = nullptr;
  void setUpRecording();
  void showFlinkSqlProblems(const QString& title, const QString& intro,
                            const Diagnostics& diagnostics);
};

}  // namespace sc::designer
