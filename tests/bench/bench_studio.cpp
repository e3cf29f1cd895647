// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark (not a test) of the definition studio, offscreen:
//   * typing into a 5,000-line definition: the GUI thread's time per keystroke (handler, and the
//     event-loop turn that follows with its repaint; target: none over 16 ms), and the time from the
//     last keystroke until the diagnostics on screen belong to the new text (target: < 300 ms);
//   * opening a 2 MB definition from disk until its text and its diagnostics show (target: < 1 s).
//   bench_studio [--lines 5000] [--keys 200] [--megabytes 2]
#include "benchsupport.h"
#include "core/lang/flowedit.h"
#include "core/models/diagnosticsmodel.h"
#include "ui/codeeditor.h"
#include "ui/definitionstudio.h"
#include "ui/flowgraphview.h"
#include "ui/studiodocument.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace Flowdeck;

namespace {

// A definition of Action, Choice and Pass states laid out as people write them (2-space indent).
QByteArray definition(int states)
{
    QJsonObject all;
    for (int i = 0; i < states; ++i) {
        const QString next = i + 1 < states ? u"S%1"_s.arg(i + 1) : QString();
        QJsonObject state;
        if (i % 5 == 4 && !next.isEmpty()) {
            state = {{u"Type"_s, u"Choice"_s},
                     {u"Choices"_s,
                      QJsonArray{
                          QJsonObject{{u"Variable"_s, u"$.size"_s}, {u"NumericGreaterThan"_s, i}, {u"Next"_s, next}}}},
                     {u"Default"_s, next}};
        } else {
            state = {{u"Type"_s, u"Action"_s},
                     {u"ActionUrl"_s, u"https://actions.globus.org/hello_world"_s},
                     {u"Parameters"_s, QJsonObject{{u"echo_string.$"_s, u"$.input.message"_s}, {u"sleep_time"_s, 1}}},
                     {u"ResultPath"_s, u"$.S%1"_s.arg(i)},
                     {u"Catch"_s, QJsonArray{QJsonObject{{u"ErrorEquals"_s, QJsonArray{u"States.ALL"_s}},
                                                         {u"Next"_s, u"S%1"_s.arg(states - 1)}}}}};
            if (next.isEmpty())
                state.insert(u"End"_s, true);
            else
                state.insert(u"Next"_s, next);
        }
        all.insert(u"S%1"_s.arg(i), state);
    }
    QByteArray text =
        QJsonDocument(QJsonObject{{u"StartAt"_s, u"S0"_s}, {u"States"_s, all}}).toJson(QJsonDocument::Indented);
    return text.replace("    ", "  "); // Qt indents by 4
}

int statesFor(qint64 wanted, bool byLines)
{
    const QByteArray sample = definition(100);
    const qint64 per = byLines ? sample.count('\n') : sample.size();
    return int(std::max<qint64>(1, wanted * 100 / per));
}

// Lets the event loop turn until condition holds; returns the longest single turn (ms).
template<class Condition>
double spinUntil(Condition condition, int timeoutMs = 30000)
{
    QElapsedTimer total, turn;
    total.start();
    double longest = 0;
    while (!condition() && total.elapsed() < timeoutMs) {
        turn.start();
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        longest = std::max(longest, turn.nsecsElapsed() / 1e6);
    }
    return longest;
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOptions({{u"lines"_s, u"Definition lines for typing"_s, u"n"_s, u"5000"_s},
                       {u"keys"_s, u"Keystrokes"_s, u"n"_s, u"200"_s},
                       {u"megabytes"_s, u"Size of the definition to open"_s, u"n"_s, u"2"_s}});
    parser.process(app);

    // --- Typing into a 5,000-line definition ---
    Ui::DefinitionStudio studio;
    studio.resize(1400, 900);
    studio.show();
    Core::FlowFiles files;
    files.definition = definition(statesFor(parser.value(u"lines"_s).toLongLong(), true));
    Ui::StudioDocument *document = studio.openFiles(files);
    Ui::CodeEditor *editor = document->definitionEditor();
    spinUntil([&] { return document->isAnalysisCurrent() && !document->graph()->isLayoutPending(); });
    std::printf("typing document: %lld lines, %lld bytes, %lld states\n", qlonglong(files.definition.count('\n')),
                qlonglong(files.definition.size()),
                qlonglong(Core::Lang::FlowEdit::stateNames(document->analysis().definition).size()));
    // Type into the middle, inside a string value, as someone fixing a message would.
    const qsizetype middle = files.definition.indexOf("$.input.message", files.definition.size() / 2) + 8;
    editor->setFocus();
    editor->selectBytes(middle, middle);
    QList<double> handler, turns, firstTurns;
    QElapsedTimer lastKey;
    const int keys = parser.value(u"keys"_s).toInt();
    double worstApply = 0;
    QList<double> latencies;
    for (int i = 0; i < keys; ++i) {
        QElapsedTimer timer;
        timer.start();
        lastKey.start();
        QTest::keyClick(editor, char('a' + i % 26));
        handler.append(timer.nsecsElapsed() / 1e6);
        // Between keystrokes (a fast typist: 60 ms), everything the GUI thread does is measured per turn.
        QElapsedTimer gap;
        gap.start();
        while (gap.elapsed() < 60) {
            QElapsedTimer turn;
            turn.start();
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
            // The first keystroke after the jump to the middle pays for styling the lines now shown,
            // once; it is reported on its own.
            (i == 0 ? firstTurns : turns).append(turn.nsecsElapsed() / 1e6);
        }
        if (i % 40 == 39) { // a pause: how soon do the diagnostics catch up, and what does applying them cost?
            worstApply = std::max(worstApply, spinUntil([&] { return document->isAnalysisCurrent(); }));
            latencies.append(lastKey.nsecsElapsed() / 1e6);
        }
    }
    std::sort(handler.begin(), handler.end());
    std::sort(turns.begin(), turns.end());
    std::printf("keystroke handler: median %.2f ms, max %.2f ms (%d keys)\n", Bench::median(handler), handler.last(),
                keys);
    std::printf("event-loop turns while typing (incl. repaint, applying diagnostics): median %.2f ms, max %.2f ms; "
                "first keystroke after jumping to the middle: %.2f ms\n",
                Bench::median(turns), turns.last(), *std::max_element(firstTurns.begin(), firstTurns.end()));
    std::sort(latencies.begin(), latencies.end());
    std::printf("diagnostics shown after the last keystroke: median %.0f ms, max %.0f ms (debounce %d ms "
                "included); longest turn meanwhile %.2f ms\n",
                Bench::median(latencies), latencies.last(), 150, worstApply);

    // --- Opening a 2 MB definition from disk ---
    QTemporaryDir dir;
    const QString path = dir.filePath(u"big.json"_s);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return 1;
    const QByteArray big = definition(statesFor(parser.value(u"megabytes"_s).toLongLong() * 1024 * 1024, false));
    file.write(big);
    file.close();
    QElapsedTimer open;
    open.start();
    Ui::StudioDocument *opened = studio.openFile(path);
    const double shown = open.nsecsElapsed() / 1e6;
    const double longestTurn = spinUntil([&] { return opened->isAnalysisCurrent(); });
    const double diagnosed = open.nsecsElapsed() / 1e6;
    std::printf(
        "open %.1f MB (%lld lines): text shown %.0f ms, diagnostics shown %.0f ms, longest turn after %.1f ms\n",
        big.size() / 1048576.0, qlonglong(big.count('\n')), shown, diagnosed, longestTurn);
    const double graphTurn = spinUntil([&] { return !opened->graph()->isLayoutPending(); }, 120000);
    std::printf("its graph drawn after %.0f ms (off the GUI thread; longest turn %.1f ms)\n", open.nsecsElapsed() / 1e6,
                graphTurn);
    std::printf("memory: %lld MB\n", qlonglong(Bench::processStatusKb("VmHWM:") / 1024));
    return 0;
}
