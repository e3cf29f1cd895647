// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark (not a test) of the embedded local service: 1,000 concurrent runs of a 10-state
// Pass/Choice/ExpressionEval flow, started over loopback HTTP like the GUI starts them. Reports the
// time until all have finished, the latency of API requests made meanwhile (p50/p99) and peak memory.
//   bench_localservice [--runs 1000]
#include "benchsupport.h"
#include "core/api/flowsclient.h"
#include "core/auth/authorizer.h"
#include "core/engine/localservicehost.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;
using namespace Flowdeck::Core;

namespace {

QJsonObject tenStates()
{
    QJsonObject states;
    for (int i = 0; i < 10; ++i) {
        const QString name = u"S%1"_s.arg(i);
        const QString next = u"S%1"_s.arg(i + 1);
        QJsonObject state;
        switch (i % 3) {
        case 0:
            state = {{u"Type"_s, u"Pass"_s},
                     {u"Parameters"_s, QJsonObject{{u"step"_s, i}, {u"n.$"_s, u"$.n"_s}}},
                     {u"ResultPath"_s, u"$.pass"_s}};
            break;
        case 1:
            state = {{u"Type"_s, u"ExpressionEval"_s},
                     {u"Parameters"_s, QJsonObject{{u"v.="_s, u"n * %1 + 1"_s.arg(i)}}},
                     {u"ResultPath"_s, u"$.expr"_s}};
            break;
        default:
            state = {{u"Type"_s, u"Choice"_s},
                     {u"Choices"_s, QJsonArray{QJsonObject{{u"Variable"_s, u"$.expr.v"_s},
                                                           {u"NumericGreaterThan"_s, -1},
                                                           {u"Next"_s, i == 8 ? u"S9"_s : next}}}},
                     {u"Default"_s, i == 8 ? u"S9"_s : next}};
        }
        if (i == 9)
            state.insert(u"End"_s, true);
        else if (state.value("Type"_L1) != "Choice"_L1)
            state.insert(u"Next"_s, next);
        states.insert(name, state);
    }
    return {{u"StartAt"_s, u"S0"_s}, {u"States"_s, states}};
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({u"runs"_s, u"Concurrent runs."_s, u"n"_s, u"1000"_s});
    parser.process(app);
    const int runs = std::max(1, parser.value(u"runs"_s).toInt());

    QTemporaryDir dir;
    Engine::LocalServiceOptions options;
    options.dataDirectory = dir.path();
    options.createSamples = false;
    Engine::LocalServiceHost host(options);
    QString error;
    if (!host.start(&error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    QNetworkAccessManager network;
    FlowsClient client(&network, host.url());
    client.setAuthorizer(new StaticTokenAuthorizer(host.token().toLatin1(), &client));
    std::unique_ptr<FlowReply> flow(
        Flowdeck::Bench::finish(client.createFlow(u"Bench"_s, tenStates(), {{u"type"_s, u"object"_s}})));
    if (flow->error().isError()) {
        std::fprintf(stderr, "createFlow: %s\n", qPrintable(flow->error().message()));
        return 1;
    }
    const QString flowId = flow->value().id;

    QElapsedTimer clock;
    clock.start();
    int started = 0, failedStarts = 0;
    for (int i = 0; i < runs; ++i) {
        RunReply *reply = client.runFlow(flowId, QJsonObject{{u"n"_s, i}});
        QObject::connect(reply, &ApiReply::finished, reply, [reply, &started, &failedStarts] {
            ++started;
            failedStarts += reply->error().isError() ? 1 : 0;
            reply->deleteLater();
        });
    }
    // Meanwhile, one request after another as a GUI view would make them: their latency under load.
    // A client of its own, so that the probes do not queue behind the 1,000 starts in Qt's
    // per-host connection pool (six connections) and measure the service, not that queue.
    QNetworkAccessManager probeNetwork;
    FlowsClient probes(&probeNetwork, host.url());
    probes.setAuthorizer(new StaticTokenAuthorizer(host.token().toLatin1(), &probes));
    QList<double> latencies;
    bool allDone = false;
    while (!allDone) {
        QElapsedTimer request;
        request.start();
        std::unique_ptr<FlowReply> probe(Flowdeck::Bench::finish(probes.getFlow(flowId)));
        latencies.append(double(request.nsecsElapsed()) / 1e6);
        if (started == runs) {
            ListRunsOptions active;
            active.filterStatus = {u"ACTIVE"_s};
            active.perPage = 1;
            std::unique_ptr<RunPageReply> page(Flowdeck::Bench::finish(probes.listRuns(active)));
            allDone = !page->error().isError() && page->value().items.isEmpty();
        }
    }
    const double total = double(clock.nsecsElapsed()) / 1e9;
    ListRunsOptions succeeded;
    succeeded.filterStatus = {u"SUCCEEDED"_s};
    succeeded.perPage = 100;
    qsizetype ok = 0;
    for (QString marker;;) {
        succeeded.marker = marker;
        std::unique_ptr<RunPageReply> page(Flowdeck::Bench::finish(client.listRuns(succeeded)));
        ok += page->value().items.size();
        if (!page->value().hasNextPage)
            break;
        marker = page->value().marker;
    }
    std::sort(latencies.begin(), latencies.end());
    auto percentile = [&](double p) { return latencies.at(qsizetype(p * double(latencies.size() - 1))); };
    std::printf("%d concurrent runs of a 10-state Pass/Choice/ExpressionEval flow: all finished in %.2f s "
                "(%lld succeeded, %d failed to start)\n",
                runs, total, qint64(ok), failedStarts);
    std::printf("API latency while they ran (%lld requests): p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
                qint64(latencies.size()), percentile(0.5), percentile(0.99), latencies.last());
    std::printf("Peak memory (whole process: service, client and %d runs): %.1f MB\n", runs,
                Flowdeck::Bench::processStatusKb("VmHWM:") / 1024.0);
    return ok == runs ? 0 : 1;
}
