// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark (not a test): the runs dashboard and the run detail at scale, against a loopback
// service of synthetic runs (tests/fakes/runsfarm.h).
//   1. a dashboard of 10,000 runs, every page loaded by scrolling; scroll frames, filter stalls;
//   2. poll cycles with 10,000 known runs: GUI-thread CPU time from request to merged rows;
//   3. a run detail with 100,000 log entries: load time, the longest GUI-thread stall meanwhile,
//      log search and scroll, timeline paint; and the process's memory throughout.
//   bench_dashboard [--runs 10000] [--log 100000]
#include "benchsupport.h"
#include "core/api/flowsclient.h"
#include "core/models/runlogmodel.h"
#include "core/models/runsmodel.h"
#include "core/models/runspoller.h"
#include "fakes/runsfarm.h"
#include "ui/rundetailview.h"
#include "ui/runlogview.h"
#include "ui/runsview.h"
#include "ui/timelineview.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QScrollBar>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <QToolButton>

#include <algorithm>
#include <ctime>

using namespace Flowdeck;
using namespace Qt::StringLiterals;

namespace {

// The longest time the GUI thread went without running its event loop: what a user feels as a
// frozen frame. A 1 ms timer notes the gaps between its ticks.
class StallMeter
{
public:
    StallMeter()
    {
        m_timer.setInterval(1);
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            m_longest = std::max(m_longest, double(m_clock.nsecsElapsed()) / 1e6);
            m_clock.restart();
        });
    }
    void start()
    {
        m_longest = 0;
        m_clock.start();
        m_timer.start();
    }
    double stop()
    {
        m_timer.stop();
        return m_longest;
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    double m_longest = 0;
};

double mb(qint64 kb)
{
    return double(kb) / 1024.0;
}

template<class Condition>
bool waitFor(Condition done, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!done() && clock.elapsed() < timeoutMs)
        QTest::qWait(1);
    return done();
}

QList<double> scrollFrames(QAbstractItemView *view)
{
    QList<double> frames;
    QScrollBar *bar = view->verticalScrollBar();
    for (int value = 0; value <= bar->maximum(); value += std::max(1, bar->pageStep() * 7)) {
        QElapsedTimer frame;
        frame.start();
        bar->setValue(value);
        view->viewport()->repaint();
        frames.append(double(frame.nsecsElapsed()) / 1e6);
    }
    return frames;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({u"runs"_s, u"Runs in the dashboard."_s, u"n"_s, u"10000"_s});
    parser.addOption({u"log"_s, u"Entries in the run's log."_s, u"n"_s, u"100000"_s});
    parser.process(app);
    const int runCount = parser.value(u"runs"_s).toInt();
    const int logSize = parser.value(u"log"_s).toInt();

    // The synthetic service answers from its own thread: its work is not the GUI's.
    QThread farmThread;
    farmThread.start();
    QObject farmContext;
    farmContext.moveToThread(&farmThread);
    std::unique_ptr<Tests::RunsFarm> farmOwner;
    auto onFarm = [&](const std::function<void()> &work) {
        QMetaObject::invokeMethod(&farmContext, work, Qt::BlockingQueuedConnection);
    };
    onFarm([&] {
        farmOwner = std::make_unique<Tests::RunsFarm>(runCount);
        farmOwner->setLogSize(logSize);
        for (int i = 0; i < 20; ++i)
            farmOwner->setStatus(i * 7, u"ACTIVE"_s);
    });
    Tests::RunsFarm &farm = *farmOwner;
    QNetworkAccessManager network;
    Core::FlowsClient client(&network, farm.baseUrl());
    const qint64 rssStart = Bench::processStatusKb("VmRSS:");

    // 1. The dashboard.
    Core::RunsModel model;
    model.setPageSize(500);
    Ui::RunsView view(&model);
    view.resize(1400, 900);
    view.show();
    if (!QTest::qWaitForWindowExposed(&view))
        return 1;
    StallMeter stalls;
    QElapsedTimer clock;
    clock.start();
    stalls.start();
    view.setClient(&client);
    waitFor(
        [&] {
            view.view()->scrollToBottom();
            return model.rowCount() >= runCount;
        },
        300'000);
    const double loadStall = stalls.stop();
    const double loadAll = double(clock.elapsed()) / 1000.0;
    const qint64 rssDashboard = Bench::processStatusKb("VmRSS:");
    const QList<double> frames = scrollFrames(view.view());
    QList<double> filterStalls;
    // Status chips: FAILED on, ACTIVE on too, both off again; each a server query and a reset.
    for (const QString &status : {u"FAILED"_s, u"ACTIVE"_s, u"FAILED"_s, u"ACTIVE"_s}) {
        stalls.start();
        QTest::mouseClick(view.statusChip(status), Qt::LeftButton);
        QTest::qWait(5);
        waitFor([&] { return !model.isLoading(); }, 30'000);
        QTest::qWait(20);
        filterStalls.append(stalls.stop());
    }
    waitFor(
        [&] {
            view.view()->scrollToBottom();
            return model.rowCount() >= runCount;
        },
        300'000);
    std::printf("Dashboard of %d runs: loaded by scrolling in %.1f s (longest GUI stall %.1f ms); %lld scroll frames: "
                "median %.2f ms, max %.2f ms; status filter on/switch/off: longest stall %.1f ms\n",
                model.rowCount(), loadAll, loadStall, qint64(frames.size()), Bench::median(frames),
                *std::max_element(frames.begin(), frames.end()),
                *std::max_element(filterStalls.begin(), filterStalls.end()));

    // 2. Poll cycles with every run known.
    Core::RunsPoller *poller = view.poller();
    poller->setPaused(true);
    QList<double> cycles;
    for (int i = 0; i < 9; ++i) {
        onFarm([&] { farm.setStatus(i * 7, i % 2 ? u"SUCCEEDED"_s : u"ACTIVE"_s); }); // a change each time
        bool done = false;
        auto connection = QObject::connect(poller, &Core::RunsPoller::polled, [&] { done = true; });
        const double before = Bench::threadCpuMs();
        poller->pollNow();
        waitFor([&] { return done; }, 10'000);
        cycles.append(Bench::threadCpuMs() - before);
        QObject::disconnect(connection);
    }
    std::printf("Poll cycle with %d known runs: GUI-thread CPU median %.2f ms, max %.2f ms (one request each, %d in "
                "all)\n",
                model.rowCount(), Bench::median(cycles), *std::max_element(cycles.begin(), cycles.end()),
                poller->requestCount());

    // 3. A run detail with a long log.
    Ui::RunDetailView *detail = view.detail();
    detail->tabs()->setCurrentWidget(detail->logView());
    clock.restart();
    stalls.start();
    view.view()->setCurrentIndex(model.index(1, 0));
    waitFor([&] { return detail->logModel()->isComplete() && detail->logModel()->rowCount() >= logSize; }, 600'000);
    const double logLoad = double(clock.elapsed()) / 1000.0;
    const double logStall = stalls.stop();
    const qint64 rssLog = Bench::processStatusKb("VmRSS:");
    QList<double> searchStalls;
    for (const QString &text : {u"State7 "_s, u"round\":99"_s, QString()}) {
        stalls.start();
        detail->logView()->searchField()->setText(text);
        QTest::qWait(260); // past the search debounce
        searchStalls.append(stalls.stop());
    }
    const QList<double> logFrames = scrollFrames(detail->logView()->table());
    detail->tabs()->setCurrentWidget(detail->timeline());
    QList<double> timelineFrames;
    for (int i = 0; i < 10; ++i) {
        QElapsedTimer frame;
        frame.start();
        detail->timeline()->verticalScrollBar()->setValue(i * 20);
        detail->timeline()->viewport()->repaint();
        timelineFrames.append(double(frame.nsecsElapsed()) / 1e6);
    }
    std::printf(
        "Run detail with %d log entries: loaded in %.1f s (%d requests; longest GUI stall %.1f ms); search: "
        "longest stall %.1f ms; %lld log scroll frames: max %.2f ms; timeline (%lld bars) frames: max %.2f ms\n",
        detail->logModel()->rowCount(), logLoad, farm.logRequests(), logStall,
        *std::max_element(searchStalls.begin(), searchStalls.end()), qint64(logFrames.size()),
        *std::max_element(logFrames.begin(), logFrames.end()), qint64(detail->logModel()->spans().size()),
        *std::max_element(timelineFrames.begin(), timelineFrames.end()));
    std::printf("Memory: start %.1f MB; with the dashboard's %d runs %.1f MB; with the %d-entry log too %.1f MB; peak "
                "%.1f MB (the synthetic service runs in the same process)\n",
                mb(rssStart), model.rowCount(), mb(rssDashboard), detail->logModel()->rowCount(), mb(rssLog),
                mb(Bench::processStatusKb("VmHWM:")));
    onFarm([&] { farmOwner.reset(); });
    farmThread.quit();
    farmThread.wait();
    return 0;
}
