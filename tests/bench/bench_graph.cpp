// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark (not a test) of the flow graph: build + Graphviz layout of a generated flow of 300 states
// (Actions with Catches, Choices with two rules and a Default, Waits and Passes). Target: < 300 ms.
//   bench_graph [--states 300] [--repeat 7]
#include "core/lang/flowgraph.h"
#include "core/lang/graphlayout.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;
using namespace Flowdeck::Core::Lang;

namespace {

QString name(int i)
{
    return u"Step_%1"_s.arg(i);
}

QJsonObject choice(int i, int states)
{
    const auto rule = [](const QString &variable, int limit, const QString &next) {
        return QJsonObject{{u"Variable"_s, variable}, {u"NumericGreaterThan"_s, limit}, {u"Next"_s, next}};
    };
    const QJsonObject both{
        {u"And"_s, QJsonArray{rule(u"$.size"_s, 10, {}),
                              QJsonObject{{u"Variable"_s, u"$.kind"_s}, {u"StringMatches"_s, u"*.csv"_s}}}},
        {u"Next"_s, name(std::min(i + 3, states - 1))}};
    return {{u"Type"_s, u"Choice"_s},
            {u"Choices"_s, QJsonArray{rule(u"$.retries"_s, 3, name(std::max(i - 4, 0))), both}},
            {u"Default"_s, name(i + 1)}};
}

// Each state leads to the next; every 6th is a Choice (a loop back and a skip ahead), every Action
// has a Catch towards a shared failure handler near the end.
QJsonObject definition(int states)
{
    QJsonObject all;
    for (int i = 0; i < states - 1; ++i) {
        QJsonObject state;
        if (i % 6 == 5) {
            state = choice(i, states);
        } else if (i % 3 == 0) {
            state = {{u"Type"_s, u"Action"_s},
                     {u"ActionUrl"_s, u"https://transfer.actions.globus.org/transfer"_s},
                     {u"Catch"_s, QJsonArray{QJsonObject{{u"ErrorEquals"_s, QJsonArray{u"States.ALL"_s}},
                                                         {u"Next"_s, name(states - 1)}}}},
                     {u"Next"_s, name(i + 1)}};
        } else {
            state = {{u"Type"_s, i % 3 == 1 ? u"Pass"_s : u"Wait"_s}, {u"Next"_s, name(i + 1)}};
        }
        all[name(i)] = state;
    }
    all[name(states - 1)] = QJsonObject{{u"Type"_s, u"Fail"_s}};
    return {{u"StartAt"_s, name(0)}, {u"States"_s, all}};
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({u"states"_s, u"States in the generated flow."_s, u"n"_s, u"300"_s});
    parser.addOption({u"repeat"_s, u"Repetitions."_s, u"n"_s, u"7"_s});
    parser.process(app);
    const int states = std::max(2, parser.value(u"states"_s).toInt());
    const int repeat = std::max(1, parser.value(u"repeat"_s).toInt());

    const QJsonObject flow = definition(states);
    QList<double> times;
    qsizetype edges = 0;
    for (int r = 0; r < repeat; ++r) {
        QElapsedTimer clock;
        clock.start();
        const FlowGraph graph = buildFlowGraph(flow);
        const GraphLayout layout = layoutGraph(graph);
        times.append(double(clock.nsecsElapsed()) / 1e6);
        edges = graph.edges.size();
        if (!layout.isValid()) {
            std::fprintf(stderr, "layout failed: %s\n", qPrintable(layout.error));
            return 1;
        }
    }
    std::sort(times.begin(), times.end());
    const qsizetype stubs = stubEdges(buildFlowGraph(flow)).count(true);
    std::printf("%d states, %lld edges (%lld drawn as stubs): build + layout, median %.1f ms (min %.1f, max %.1f, "
                "%d runs)\n",
                states, qint64(edges), qint64(stubs), times.at(times.size() / 2), times.first(), times.last(), repeat);
    return 0;
}
