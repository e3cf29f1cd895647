// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark (not a test): list N fixture-shaped runs in pages from a loopback QHttpServer into
// typed Run objects through FlowsClient's paginator; prints wall time and peak memory.
//   bench_listruns [--runs 10000] [--page 100] [--repeat 5]
#include "benchsupport.h"
#include "core/api/flowsclient.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QTcpServer>
#include <QThread>
#include <QUrlQuery>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <future>

using namespace Qt::StringLiterals;
using namespace Flowdeck::Core;

namespace {

// About 0.9 KB of JSON: the fixture's run document with a short output.
QJsonObject makeRun(int i)
{
    const QString id = u"%1-0000-4000-8000-%2"_s.arg(i, 8, 16, QLatin1Char('0')).arg(i, 12, 10, QLatin1Char('0'));
    const QString who = u"urn:globus:auth:identity:66a182d8-ec1c-11f1-a019-02fc00000001"_s;
    const QJsonObject details{
        {u"code"_s, u"FlowSucceeded"_s},
        {u"description"_s, u"The Flow run reached a successful completion state"_s},
        {u"output"_s, QJsonObject{{u"input"_s, QJsonObject{{u"echo_string"_s, u"foo"_s}, {u"sleep"_s, 2}}}}}};
    return {{u"run_id"_s, id},
            {u"action_id"_s, id},
            {u"flow_id"_s, u"66a18076-ec1c-11f1-a019-02fc00000001"_s},
            {u"flow_title"_s, u"My Cool Flow"_s},
            {u"flow_last_updated"_s, u"2023-04-11T20:00:06.524930+00:00"_s},
            {u"start_time"_s, u"2021-10-18T19:19:35.967289+00:00"_s},
            {u"completion_time"_s, u"2021-10-19T19:19:35.967289+00:00"_s},
            {u"status"_s, u"SUCCEEDED"_s},
            {u"display_status"_s, u"SUCCEEDED"_s},
            {u"label"_s, u"Run %1"_s.arg(i)},
            {u"tags"_s, QJsonArray{u"cool"_s, u"my"_s}},
            {u"run_owner"_s, who},
            {u"created_by"_s, who},
            {u"run_managers"_s, QJsonArray{who}},
            {u"run_monitors"_s, QJsonArray{u"urn:globus:groups:id:66a183fa-ec1c-11f1-a019-02fc00000001"_s}},
            {u"user_role"_s, u"run_owner"_s},
            {u"details"_s, details}};
}

// Page bodies are built once; the server only looks the marker up and writes bytes.
struct Pages
{
    QHash<QString, QByteArray> byMarker; // "" is the first page
    qint64 totalBytes = 0;
};

Pages buildPages(int runs, int perPage)
{
    Pages pages;
    for (int first = 0, page = 0; first < runs; first += perPage, ++page) {
        QJsonArray items;
        for (int i = first; i < std::min(runs, first + perPage); ++i)
            items.append(makeRun(i));
        const bool more = first + perPage < runs;
        const QJsonObject body{{u"runs"_s, items},
                               {u"limit"_s, perPage},
                               {u"has_next_page"_s, more},
                               {u"marker"_s, more ? QJsonValue(u"m%1"_s.arg(page + 1)) : QJsonValue()}};
        const QByteArray bytes = QJsonDocument(body).toJson(QJsonDocument::Compact);
        pages.totalBytes += bytes.size();
        pages.byMarker.insert(page == 0 ? QString() : u"m%1"_s.arg(page), bytes);
    }
    return pages;
}

// The server lives on its own thread so that client and server each get a core.
class ServerThread final : public QThread
{
public:
    explicit ServerThread(const Pages &pages)
        : m_pages(pages)
    {}
    quint16 start() // returns the port once listening
    {
        QThread::start();
        return m_port.get_future().get();
    }

protected:
    void run() override
    {
        QHttpServer server;
        auto answer = [this](const QHttpServerRequest &request, QHttpServerResponder &responder) {
            const QString marker = QUrlQuery(request.url()).queryItemValue(u"marker"_s);
            responder.write(m_pages.byMarker.value(marker), "application/json");
        };
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
        server.setMissingHandler(&server, answer);
#else
        server.setMissingHandler([answer](const QHttpServerRequest &r, QHttpServerResponder &&w) { answer(r, w); });
#endif
        auto *tcp = new QTcpServer(&server);
        tcp->listen(QHostAddress::LocalHost);
        server.bind(tcp);
        m_port.set_value(tcp->serverPort());
        exec();
    }

private:
    const Pages &m_pages;
    std::promise<quint16> m_port;
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({u"runs"_s, u"Runs to list."_s, u"n"_s, u"10000"_s});
    parser.addOption({u"page"_s, u"Runs per page."_s, u"n"_s, u"100"_s});
    parser.addOption({u"repeat"_s, u"Repetitions."_s, u"n"_s, u"5"_s});
    parser.process(app);
    const int runs = parser.value(u"runs"_s).toInt();
    const int perPage = parser.value(u"page"_s).toInt();
    const int repeat = std::max(1, parser.value(u"repeat"_s).toInt());

    const Pages pages = buildPages(runs, perPage);
    ServerThread server(pages);
    const quint16 port = server.start();
    const qint64 baselineKb = Flowdeck::Bench::processStatusKb("VmRSS:");

    QNetworkAccessManager network;
    FlowsClient client(&network, QUrl(u"http://127.0.0.1:%1/"_s.arg(port)));
    StaticTokenAuthorizer token("bench-token");
    client.setAuthorizer(&token);

    QList<double> times;
    QList<double> guiCpu;
    for (int r = 0; r < repeat; ++r) {
        const double cpuBefore = Flowdeck::Bench::threadCpuMs();
        ListRunsOptions options;
        options.perPage = perPage;
        QElapsedTimer clock;
        clock.start();
        RunPaginator *paginator = client.paginateRuns(options);
        QEventLoop loop;
        QObject::connect(paginator, &PaginatorBase::finished, &loop, &QEventLoop::quit);
        paginator->fetchAll();
        loop.exec();
        times.append(clock.nsecsElapsed() / 1e6);
        guiCpu.append(Flowdeck::Bench::threadCpuMs() - cpuBefore);
        if (paginator->error().isError() || paginator->items().size() != runs) {
            std::fprintf(stderr, "listing failed: %s (%lld runs)\n", qPrintable(paginator->error().toString()),
                         qint64(paginator->items().size()));
            return 1;
        }
        delete paginator;
    }
    server.quit();
    server.wait();

    QList<double> sorted = times;
    std::sort(sorted.begin(), sorted.end());
    std::sort(guiCpu.begin(), guiCpu.end());
    std::printf("runs: %d in pages of %d (%lld pages), %.0f bytes/run, %.1f MB of JSON\n", runs, perPage,
                qint64(pages.byMarker.size()), double(pages.totalBytes) / runs, pages.totalBytes / 1e6);
    std::printf("wall time per full listing: first %.1f ms, best %.1f ms, median %.1f ms (%d repetitions)\n",
                times.first(), sorted.first(), sorted.at(sorted.size() / 2), repeat);
    std::printf("throughput: %.0f runs/s (median)\n", runs / (sorted.at(sorted.size() / 2) / 1000.0));
    std::printf("GUI-thread CPU time per listing: median %.1f ms (the rest runs on Qt's network thread "
                "and the thread pool)\n",
                guiCpu.at(guiCpu.size() / 2));
    std::printf("memory: peak RSS %.1f MB (process, server pages included); RSS before listing %.1f MB\n",
                Flowdeck::Bench::processStatusKb("VmHWM:") / 1024.0, baselineKb / 1024.0);
    return 0;
}
