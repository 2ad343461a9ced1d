#pragma once
// streamcanvas PIPELINE.json --run --screenshot OUT.png --after 5s: runs the open pipeline (with
// --run), waits, saves a picture of the whole window (canvas with its counters, the Run dock
// with its charts) and quits. For READMEs and bug reports.

#include <QString>

#include <functional>

namespace sc::designer {

class MainWindow;

// Starts the run now when `run` is set; after `afterMs` brings the Run dock (charts) to the
// front, writes the picture to `path` and calls `done` with whether it was written. Without
// `done` it quits the application with 0, or 1 (saying why on stderr).
void scheduleScreenshot(MainWindow& window, const QString& path, qint64 afterMs, bool run,
                        std::function<void(bool saved)> done = {});

}  // namespace sc::designer
