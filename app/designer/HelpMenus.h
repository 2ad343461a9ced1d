#pragma once
// Menus for a user starting out: File ▸ Examples (the example pipelines shipped with
// StreamCanvas) and Help (node reference generated from the specs, expression reference,
// keyboard shortcuts, About).

#include <QString>
#include <functional>

class QMainWindow;
class QMenu;
class QWidget;

namespace sc {
class NodeRegistry;
}

namespace sc::designer {

// Where the example pipelines are: installed beside the program (<prefix>/share/streamcanvas/
// examples, from the streamcanvas-runner package), else the source tree's resources/examples
// (a build that is not installed). Empty when neither exists.
QString examplesDirectory();

// File ▸ Examples: one entry per example pipeline; choosing one calls `open` with its path.
QMenu* createExamplesMenu(QWidget* parent, std::function<void(const QString& path)> open);

// The Help menu of `window`. Its pages open in a window of their own (object name "helpPage").
QMenu* createHelpMenu(QMainWindow* window, const NodeRegistry& registry);

}  // namespace sc::designer
