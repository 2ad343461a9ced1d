#pragma once
// TopicBrowser's cluster calls, shared by its two source files (TopicBrowser.cpp: clusters and
// topics; TopicBrowserMessages.cpp: reading, showing, exporting and producing messages). Not
// for other includers.

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

#include "app/designer/ClusterCallPool.h"
#include "app/designer/TopicBrowser.h"

namespace sc::designer {

// Runs `work` on the cluster call pool and `done` with its result on the GUI thread; isBusy()
// holds meanwhile.
template <typename T, typename Work, typename Done>
void TopicBrowser::runAsync(Work work, Done done) {
  ++busy_;
  auto* watcher = new QFutureWatcher<T>(this);
  connect(watcher, &QFutureWatcher<T>::finished, this, [this, watcher, done] {
    --busy_;
    done(watcher->result());
    watcher->deleteLater();
  });
  watcher->setFuture(QtConcurrent::run(clusterCallPool(), std::move(work)));
}

}  // namespace sc::designer
