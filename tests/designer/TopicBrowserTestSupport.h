#pragma once
// What the Topics dock's tests do by mouse and keyboard: pick a topic in the list, read with a
// start and a filter. Shared by tst_TopicBrowser and tst_TopicBrowserSession.
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QTableWidget>
#include <QtTest>

#include "app/designer/MainWindow.h"
#include "app/designer/TopicBrowser.h"

namespace sc::designer::browsertest {

// Shows `window` (at the size the tests use) with the Topics dock raised; null if it never
// showed.
inline TopicBrowser* showTopicsDock(MainWindow& window) {
  window.resize(1400, 900);
  window.show();
  if (!QTest::qWaitForWindowExposed(&window)) return nullptr;
  TopicBrowser* browser = window.topicBrowser();
  browser->parentWidget()->show();
  browser->parentWidget()->raise();
  return browser;
}

inline int rows(QTableView* table) {
  return table->model()->rowCount();
}

// The row whose first cell reads `text`, or -1.
inline int rowOf(QTableWidget* table, const QString& text) {
  for (int r = 0; r < table->rowCount(); ++r)
    if (table->item(r, 0) && table->item(r, 0)->text() == text) return r;
  return -1;
}

// Clicks topic `name` once it is listed and waits for its newest messages.
inline void clickTopic(TopicBrowser* browser, const QString& name) {
  QTableWidget* topics = browser->topicTable();
  QTRY_VERIFY_WITH_TIMEOUT(rowOf(topics, name) >= 0, 15000);
  QTest::mouseClick(topics->viewport(), Qt::LeftButton, {},
                    topics->visualItemRect(topics->item(rowOf(topics, name), 0)).center());
  QTRY_VERIFY_WITH_TIMEOUT(!browser->isBusy() && rows(browser->messageTable()) > 0, 15000);
}

// Types `from` and `filter` and presses Read; waits for the read to end.
inline void read(TopicBrowser* browser, const QString& from, const QString& filter) {
  browser->readFromEdit()->clear();
  browser->filterEdit()->clear();
  QTest::keyClicks(browser->readFromEdit(), from);
  QTest::keyClicks(browser->filterEdit(), filter);
  QTest::mouseClick(browser->readButton(), Qt::LeftButton);
  QTRY_VERIFY_WITH_TIMEOUT(!browser->isScanning() && !browser->isBusy(), 30000);
}

}  // namespace sc::designer::browsertest
