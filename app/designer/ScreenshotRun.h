#pragma once
// streamcanvas PIPELINE.json --run --screenshot OUT.png --after 5s: runs the open pipeline (with
// --run), waits, saves a picture of the whole window (canvas with its counters, the Run dock
// with its charts) and quits. For READMEs and bug reports.

#include <QString>

#include <functional>

namespace sc::designer {

class MainWindow;

// What the screenshot runs first. Nobody can answer a question then, so a pipeline with a
// checkpoint resumes from it (as streamcanvas-run does) unless Fresh is asked for.
enum class RunFirst { No, Resume, Fresh };

// Starts the run now unless `run` is No; after `afterMs` brings the Run dock (charts) to the
// front, writes the picture to `path` and calls `done` with whether it was written. Without
// `done` it quits the application with 0, or 1 (saying why on stderr). A run that cannot start
// ends it at once, with no picture.
void scheduleScreenshot(MainWindow& window, const QString& path, qint64 afterMs, RunFirst run,
                        std::function<void(bool saved)> done = {});

}  // namespace sc::designer
