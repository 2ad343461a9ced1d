#include "app/designer/ClusterCallPool.h"

#include <QCoreApplication>
#include <QPointer>
#include <QThreadPool>

namespace sc::designer {

// Owned by the application object, so it is destroyed (waiting for the calls still running,
// each bounded by its timeout; scans stop when their browser goes) while main() still runs. A
// static pool would wait only at static destruction, after OpenSSL's exit handlers: a call still
// creating a Kafka client then crashed the process at exit (tst_HeadlessExport, SIGSEGV).
// Called on the GUI thread only.
QThreadPool* clusterCallPool() {
  static QPointer<QThreadPool> pool;
  if (!pool) {
    pool = new QThreadPool(QCoreApplication::instance());
    pool->setMaxThreadCount(8);  // calls mostly wait on the network
    pool->setObjectName(QStringLiteral("cluster calls"));
  }
  return pool;
}

}  // namespace sc::designer
