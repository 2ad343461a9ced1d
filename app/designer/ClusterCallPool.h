#pragma once
// The threads that make the designer's blocking cluster calls (topic scans, metadata, group
// lag, connection tests, field samples). Never QThreadPool::globalInstance(): Qt 6.4's raster
// paint engine splits large fills over the global pool and waits for them on the GUI thread,
// so a scan holding one of its (two, on two cores) threads made the window wait too. The first
// read of the topic browser stalled painting its busy progress bar for the whole scan (1.1-1.9 s).

class QThreadPool;

namespace sc::designer {

QThreadPool* clusterCallPool();

}  // namespace sc::designer
