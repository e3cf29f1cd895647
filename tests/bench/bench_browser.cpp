// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark (not a test) of the app shell and the flow browser:
//  1. cold start to the first painted main window: flowdeck is launched as a user launches it (a
//     fresh data directory the first time, so the local service and samples are created), timed
//     from process start to its first paint;
//  2. a browser of 10,000 flows from the local service: every page loaded by scrolling, then the
//     time of each frame while scrolling through and while filtering, and peak memory.
//   bench_browser [--flows 10000] [--starts 5]
// Runs under xvfb-run when DISPLAY is set, else with the offscreen platform.
#include "benchsupport.h"
#include "core/api/flowsclient.h"
#include "core/auth/authorizer.h"
#include "core/engine/localservicehost.h"
#include "core/models/flowsmodel.h"
#include "ui/flowbrowser.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;
using namespace Flowdeck;

namespace {

// Wall time from launching flowdeck to its first paint (it prints the line, then quits).
double launch(const QString &dataHome)
{
    QProcess app;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"XDG_DATA_HOME"_s, dataHome + u"/data"_s);
    env.insert(u"XDG_CONFIG_HOME"_s, dataHome + u"/config"_s);
    if (!env.contains(u"DISPLAY"_s))
        env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    app.setProcessEnvironment(env);
    QElapsedTimer clock;
    clock.start();
    app.start(QStringLiteral(FLOWDECK_APP), {u"--report-first-paint"_s});
    QByteArray out;
    while (!out.contains("first-paint") && app.waitForReadyRead(10'000))
        out += app.readAllStandardOutput();
    const double ms = double(clock.nsecsElapsed()) / 1e6;
    app.waitForFinished(10'000);
    return out.contains("first-paint") ? ms : -1;
}

} // namespace

int main(int argc, char *argv[])
{
    if (!qEnvironmentVariableIsSet("DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({u"flows"_s, u"Flows in the browser."_s, u"n"_s, u"10000"_s});
    parser.addOption({u"starts"_s, u"App launches to time."_s, u"n"_s, u"5"_s});
    parser.process(app);
    const int flowCount = parser.value(u"flows"_s).toInt();

    QTemporaryDir home;
    QList<double> warm;
    const double cold = launch(home.path());
    for (int i = 1; i < parser.value(u"starts"_s).toInt(); ++i)
        warm.append(launch(home.path()));
    std::printf("Start to first painted main window (%s): cold (first start, creates the local service's data) "
                "%.0f ms, warm median %.0f ms over %lld starts\n",
                qEnvironmentVariableIsSet("DISPLAY") ? "X server" : "offscreen", cold, Bench::median(warm),
                qint64(warm.size()));

    QTemporaryDir data;
    Core::Engine::LocalServiceOptions options;
    options.dataDirectory = data.path();
    options.createSamples = false;
    Core::Engine::LocalServiceHost host(options);
    QString error;
    if (!host.start(&error))
        return std::fprintf(stderr, "%s\n", qPrintable(error)), 1;
    QNetworkAccessManager network;
    Core::FlowsClient client(&network, host.url());
    client.setAuthorizer(new Core::StaticTokenAuthorizer(host.token().toLatin1(), &client));
    const QJsonObject definition =
        QJsonDocument::fromJson(R"({"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}})").object();
    // Created in batches of 100: thousands of replies in flight at once would dominate peak memory.
    for (int first = 0; first < flowCount; first += 100) {
        QList<Core::FlowReply *> creating;
        for (int i = first; i < std::min(flowCount, first + 100); ++i) {
            Core::CreateFlowOptions flowOptions;
            flowOptions.subtitle = u"Subtitle of flow number %1"_s.arg(i);
            flowOptions.keywords = QStringList{i % 7 ? u"routine"_s : u"weekly"_s, u"bench"_s};
            creating.append(client.createFlow(u"Flow %1"_s.arg(i, 5, 10, QChar(u'0')), definition,
                                              {{u"type"_s, u"object"_s}}, flowOptions));
        }
        for (Core::FlowReply *reply : creating) {
            Bench::finish(reply);
            delete reply;
        }
    }
    const qint64 rssBefore = Bench::processStatusKb("VmRSS:");
    Core::FlowsModel model;
    model.setPageSize(100);
    Ui::MainWindow window(&model);
    window.resize(1400, 900);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return 1;
    QElapsedTimer clock;
    clock.start();
    window.setClient(&client);
    QTableView *view = window.flowBrowser()->view();
    while (model.rowCount() < flowCount && clock.elapsed() < 300'000) { // the view fetches more near the end
        view->scrollToBottom();
        QTest::qWait(1);
    }
    const double loadAll = double(clock.elapsed()) / 1000.0;
    const int loaded = model.rowCount();
    QList<double> frames;
    QScrollBar *bar = view->verticalScrollBar();
    for (int value = 0; value <= bar->maximum(); value += std::max(1, bar->pageStep())) {
        QElapsedTimer frame;
        frame.start();
        bar->setValue(value);
        view->viewport()->repaint(); // paint now, synchronously: the frame a user would wait for
        frames.append(double(frame.nsecsElapsed()) / 1e6);
    }
    QList<double> filters;
    for (const QString &text : {u"weekly"_s, u"Flow 0999"_s, u"nothing matches this"_s, QString()}) {
        QElapsedTimer filter;
        filter.start();
        window.flowBrowser()->searchField()->setText(text);
        QMetaObject::invokeMethod(window.flowBrowser()->searchField(), "returnPressed");
        QTest::qWait(1);
        while (model.isLoading())
            QTest::qWait(1);
        view->viewport()->repaint();
        filters.append(double(filter.nsecsElapsed()) / 1e6);
    }
    std::printf("Browser of %d flows: all pages loaded by scrolling in %.1f s (%d rows); %lld scroll frames: median "
                "%.2f ms, max %.2f ms\n",
                flowCount, loadAll, loaded, qint64(frames.size()), Bench::median(frames),
                *std::max_element(frames.begin(), frames.end()));
    std::printf("Filtering (type, server query, first page painted): median %.0f ms, max %.0f ms\n",
                Bench::median(filters), *std::max_element(filters.begin(), filters.end()));
    std::printf("Memory: the browser with %d rows added %.1f MB (resident %.1f MB in all, with the local service and "
                "its %d flows in the same process; peak %.1f MB)\n",
                loaded, (Bench::processStatusKb("VmRSS:") - rssBefore) / 1024.0,
                Bench::processStatusKb("VmRSS:") / 1024.0, flowCount, Bench::processStatusKb("VmHWM:") / 1024.0);
    return 0;
}
