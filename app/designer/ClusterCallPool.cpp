#include "app/designer/ClusterCallPool.h"

#include <QThreadPool>

namespace sc::designer {

namespace {

// Destroyed at exit like the global pool: it waits for the calls still running (each is bounded
// by its timeout, and scans stop when their browser goes).
struct ClusterCalls : QThreadPool {
  ClusterCalls() {
    setMaxThreadCount(8);  // calls mostly wait on the network
    setObjectName(QStringLiteral("cluster calls"));
  }
};
Q_GLOBAL_STATIC(ClusterCalls, pool)

}  // namespace

QThreadPool* clusterCallPool() {
  return pool();
}

}  // namespace sc::designer
