// SPDX-License-Identifier: GPL-3.0-or-later
// The studio's analysis: findings land in the text they belong to, and a burst of edits costs one run.
#include "core/lang/flowanalysis.h"
#include "core/models/flowanalyzer.h"

#include <QSignalSpy>
#include <QTest>

using namespace Flowdeck::Core;
using namespace Flowdeck::Core::Lang;
using namespace Qt::StringLiterals;

namespace {

const QByteArray Definition =
    "{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\n      \"Type\": \"Pass\",\n"
    "      \"Parameters\": {\"x.$\": \"$.sourse\"},\n      \"ResultPath\": \"$.x\"\n    }\n  }\n}";
const QByteArray Schema = "{\n  \"type\": \"object\",\n  \"properties\": {\"source\": {\"type\": \"strin\"}}\n}";

QByteArray textOf(const QByteArray &text, const Diagnostic &diagnostic)
{
    return text.mid(diagnostic.range.start.offset, diagnostic.range.end.offset - diagnostic.range.start.offset);
}

const Diagnostic *find(const QList<Diagnostic> &list, const QString &code)
{
    for (const Diagnostic &diagnostic : list)
        if (diagnostic.code == code)
            return &diagnostic;
    return nullptr;
}

} // namespace

class TestFlowAnalysis : public QObject
{
    Q_OBJECT

private slots:
    void findingsLandInTheirOwnText()
    {
        const FlowAnalysis analysis = analyzeFlow(Definition, Schema);
        QVERIFY(analysis.definition.isValid());
        // No Next and no End: reported at the state's key, line 4 of the definition itself.
        const Diagnostic *noEnd = find(analysis.definitionDiagnostics, u"FD120"_s);
        QVERIFY(noEnd);
        QCOMPARE(textOf(Definition, *noEnd), "\"A\""_ba);
        QCOMPARE(noEnd->range.start.line, 4);
        QCOMPARE(noEnd->range.start.column, 5);
        QCOMPARE(noEnd->path.first().toString(), u"definition"_s);
        // The definition reads a key the schema does not declare (it needs the schema to know).
        const Diagnostic *unknown = find(analysis.definitionDiagnostics, u"FD302"_s);
        QVERIFY(unknown);
        QCOMPARE(unknown->range.start.line, 6);
        // The schema's own mistake is in the schema's text.
        const Diagnostic *badType = find(analysis.schemaDiagnostics, u"FD400"_s);
        QVERIFY(badType);
        QCOMPARE(badType->range.start.line, 3);
        QVERIFY(textOf(Schema, *badType).contains("strin"));
        QVERIFY(!find(analysis.definitionDiagnostics, u"FD400"_s));
    }

    void brokenTextsReportTheirOwnPositions()
    {
        const FlowAnalysis broken = analyzeFlow("{\n  \"StartAt\": \"A\",\n  oops\n}", Schema);
        QCOMPARE(broken.definitionDiagnostics.size(), 1);
        QCOMPARE(broken.definitionDiagnostics.first().code, u"FD001"_s);
        QCOMPARE(broken.definitionDiagnostics.first().range.start.line, 3);
        const FlowAnalysis badSchema = analyzeFlow(Definition, "{\n\n  \"type\": }");
        QVERIFY(find(badSchema.schemaDiagnostics, u"FD001"_s));
        QCOMPARE(find(badSchema.schemaDiagnostics, u"FD001"_s)->range.start.line, 3);
        QVERIFY(find(badSchema.definitionDiagnostics, u"FD120"_s));   // the definition is still checked
        const FlowAnalysis blank = analyzeFlow(Definition, "\n  \n"); // a schema deleted down to its newline
        QCOMPARE(blank.inputSchema.text(), "\n  \n"_ba);              // the studio matches results to texts by this
        QVERIFY(blank.schemaDiagnostics.isEmpty());
        // A duplicate key in a valid schema is reported once, in the schema.
        const FlowAnalysis twice = analyzeFlow(Definition, "{\"type\": \"object\", \"type\": \"object\"}");
        int duplicates = 0;
        for (const Diagnostic &diagnostic : twice.schemaDiagnostics)
            duplicates += diagnostic.code == "FD002"_L1;
        QCOMPARE(duplicates, 1);
        const FlowAnalysis noSchema = analyzeFlow(Definition, "");
        QVERIFY(noSchema.schemaDiagnostics.isEmpty());
        QVERIFY(!find(noSchema.definitionDiagnostics, u"FD302"_s)); // nothing to compare with
    }

    void burstOfEditsCostsOneAnalysisOfTheNewestText()
    {
        FlowAnalyzer analyzer;
        analyzer.setDelay(50);
        QSignalSpy analyzed(&analyzer, &FlowAnalyzer::analyzed);
        QByteArray text = Definition;
        for (int i = 0; i < 10; ++i) {
            text.replace("\"A\"", "\"B\""); // the last version differs from the first
            analyzer.schedule(text, Schema);
            QTest::qWait(5);
        }
        QTRY_COMPARE(analyzed.size(), 1);
        QVERIFY(analyzer.isIdle());
        QTest::qWait(120);
        QCOMPARE(analyzed.size(), 1);
        const auto analysis = analyzed.first().first().value<FlowAnalysis>();
        QCOMPARE(analysis.definition.text(), text);
    }

    void changesDuringARunAreAnalysedAfterIt()
    {
        FlowAnalyzer analyzer;
        QSignalSpy analyzed(&analyzer, &FlowAnalyzer::analyzed);
        QByteArray big = "{\"StartAt\": \"S0\", \"States\": {";
        for (int i = 0; i < 3000; ++i)
            big += "\"S" + QByteArray::number(i) + "\": {\"Type\": \"Pass\", \"Next\": \"S" +
                   QByteArray::number(i + 1) + "\"}, ";
        big += "\"S3000\": {\"Type\": \"Pass\", \"End\": true}}}";
        analyzer.analyzeNow(big, {});
        analyzer.analyzeNow(Definition, {}); // while the big one runs
        QTRY_VERIFY(analyzer.isIdle());
        QVERIFY(!analyzed.isEmpty());
        QCOMPARE(analyzed.last().first().value<FlowAnalysis>().definition.text(), Definition);
        for (const QList<QVariant> &signal : std::as_const(analyzed)) // the stale result is never shown
            QCOMPARE(signal.first().value<FlowAnalysis>().definition.text(), Definition);
    }
};

QTEST_GUILESS_MAIN(TestFlowAnalysis)
#include "tst_flowanalysis.moc"
