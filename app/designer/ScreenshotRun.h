#pragma once
// streamcanvas PIPELINE.json --run --screenshot OUT.png --after 5s: runs the open pipeline (with
// --run), waits, saves a picture of the whole window (canvas with its counters, the Run dock
// with its charts) and quits. For READMEs and bug reports.

#include <QString>

namespace sc::designer {

class MainWindow;

// Starts the run now when `run` is set; after `afterMs` writes the picture to `path` and quits
// the application with 0, or 1 (saying why on stderr) when the picture cannot be written.
void scheduleScreenshot(MainWindow& window, const QString& path, qint64 afterMs, bool run);

}  // namespace sc::designer
