// SPDX-License-Identifier: GPL-3.0-or-later
// The definition validator against a corpus: valid definitions give no diagnostics; each invalid one
// gives its code exactly where the row's '§' marker stands (the marker is removed before checking).
#include "core/lang/definitionvalidator.h"
#include "core/lang/jsonschema.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Flowdeck::Core::Lang;

namespace {

// Wraps states into a definition, one state per line, so positions are easy to read.
QByteArray flow(const QByteArray &states, const QByteArray &startAt = "A")
{
    return "{\"StartAt\": \"" + startAt + "\", \"States\": {\n" + states + "\n}}";
}

// A flow document: the states, and an input schema declaring source and size.
QByteArray
document(const QByteArray &states,
         const QByteArray &schema =
             R"({"type": "object", "properties": {"source": {"type": "object"}, "size": {"type": "integer"}}})")
{
    return "{\"definition\": " + flow(states) + ",\n\"input_schema\": " + schema + "}";
}

// Where the JSON token starting at start ends: a string (key or value) with its quotes, a bracketed
// value with its brackets, or a number/literal. Written independently of the reader under test.
qsizetype tokenEnd(const QByteArray &text, qsizetype start)
{
    qsizetype at = start;
    int depth = 0;
    do {
        const char ch = text.at(at);
        if (ch == '"') {
            for (++at; text.at(at) != '"'; ++at)
                if (text.at(at) == '\\')
                    ++at;
        } else if (ch == '{' || ch == '[') {
            ++depth;
        } else if (ch == '}' || ch == ']') {
            --depth;
        } else if (depth == 0) {
            while (at < text.size() && !QByteArray(",}] \n").contains(text.at(at)))
                ++at;
            return at;
        }
        ++at;
    } while (depth > 0);
    return at;
}

QString describe(const QList<Diagnostic> &diagnostics)
{
    QStringList lines;
    for (const Diagnostic &d : diagnostics)
        lines << u"%1 %2:%3 to byte %4 %5"_s.arg(d.code)
                     .arg(d.range.start.line)
                     .arg(d.range.start.column)
                     .arg(d.range.end.offset)
                     .arg(d.message);
    return lines.join(u'\n');
}

} // namespace

class TestDefinitionValidator : public QObject
{
    Q_OBJECT

private slots:
    void valid_data();
    void valid();
    void invalid_data();
    void invalid();
    void flowDocument_pathsStartWithDefinition();
};

void TestDefinitionValidator::valid_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("single pass") << flow(R"("A": {"Type": "Pass", "End": true})");
    QTest::newRow("pass chain with result")
        << flow(R"("A": {"Type": "Pass", "Result": {"x": 1}, "ResultPath": "$.r", "Next": "B"},
"B": {"Type": "Pass", "InputPath": "$.r", "End": true})");
    QTest::newRow("hello world action") << flow(
        R"("A": {"Type": "Action", "ActionUrl": "https://actions.globus.org/hello_world",
 "Parameters": {"echo_string.$": "$.message", "sleep_time": 2}, "ResultPath": "$.HelloResult", "WaitTime": 60,
 "ExceptionOnActionFailure": true, "End": true})");
    QTest::newRow("two hop transfer") << flow(
        R"("A": {"Type": "Action", "ActionUrl": "https://transfer.actions.globus.org/transfer",
 "Parameters": {"source_endpoint.$": "$.source.id", "destination_endpoint.$": "$.middle.id",
   "DATA": [{"source_path.$": "$.source.path", "destination_path.$": "$.middle.path", "recursive": true}]},
 "ResultPath": "$.Transfer1", "Next": "B"},
"B": {"Type": "Action", "ActionUrl": "https://transfer.actions.globus.org/transfer",
 "Parameters": {"source_endpoint.$": "$.middle.id", "destination_endpoint.$": "$.destination.id",
   "DATA": [{"source_path.$": "$.middle.path", "destination_path.$": "$.destination.path"}]},
 "ResultPath": "$.Transfer2", "End": true})");
    QTest::newRow("choice with default") << flow(R"("A": {"Type": "Choice", "Choices": [
   {"Variable": "$.size", "NumericGreaterThan": 100, "Next": "Big"},
   {"And": [{"Variable": "$.kind", "StringEquals": "csv"}, {"Not": {"Variable": "$.skip", "BooleanEquals": true}}], "Next": "Csv"}],
 "Default": "Small"},
"Big": {"Type": "Pass", "End": true}, "Csv": {"Type": "Pass", "End": true}, "Small": {"Type": "Pass", "End": true})");
    QTest::newRow("catch chain to fail") << flow(
        R"("A": {"Type": "Action", "ActionUrl": "https://compute.actions.globus.org/v3",
 "Parameters": {"endpoint_id.$": "$.endpoint", "tasks": [{"function_id.$": "$.function", "args": []}]},
 "ResultPath": "$.Compute", "Catch": [{"ErrorEquals": ["ActionFailedException", "ActionTimeout"], "ResultPath": "$.Error", "Next": "Report"}],
 "Next": "Done"},
"Report": {"Type": "ExpressionEval", "Parameters": {"summary.=": "'failed: ' + Error.details.description"}, "ResultPath": "$.Summary", "Next": "Failed"},
"Failed": {"Type": "Fail", "Error": "ComputeFailed", "Cause": "The compute task failed"},
"Done": {"Type": "Pass", "End": true})");
    QTest::newRow("polling loop with exit")
        << flow(R"("A": {"Type": "Action", "ActionUrl": "https://transfer.actions.globus.org/ls",
 "Parameters": {"endpoint_id.$": "$.endpoint", "path.$": "$.dir"}, "ResultPath": "$.Listing", "Next": "Check"},
"Check": {"Type": "Choice", "Choices": [{"Variable": "$.Listing.details.DATA[0]", "IsPresent": true, "Next": "Done"}], "Default": "Pause"},
"Pause": {"Type": "Wait", "Seconds": 60, "Next": "A"},
"Done": {"Type": "Pass", "End": true})");
    QTest::newRow("wait variants") << flow(R"("A": {"Type": "Wait", "SecondsPath": "$.delay", "Next": "B"},
"B": {"Type": "Wait", "Timestamp": "2026-01-31T12:00:00Z", "Next": "C"},
"C": {"Type": "Wait", "TimestampPath": "$.when", "End": true})");
    QTest::newRow("web inputs") << flow(
        R"("A": {"Type": "CreateWebInput", "Parameters": {"title": "Approve?"}, "ResultPath": "$.Input", "Next": "B"},
"B": {"Type": "AwaitWebInput", "Parameters": {"WebInputId.$": "$.Input.id"}, "ResultPath": "$.Answer", "End": true})");
    QTest::newRow("handlers") << flow(
        R"("A": {"Type": "Action", "Handler": {"Type": "RegisteredAPI", "Id": "9dc867a4-1c6d-46d9-911f-71c2ac67e38c"}, "ResultPath": "$.r", "Next": "B"},
"B": {"Type": "Action", "Handler": "urn:globus:flows:handle:globus:search.ingest", "ResultPath": "$.s", "Next": "C"},
"C": {"Type": "Action", "Handler": {"Type": "ActionProvider", "Url": "https://actions.globus.org/hello_world"}, "ResultPath": "$.h", "End": true})");
    QTest::newRow("expressions seen in production") << flow(R"json("A": {"Type": "ExpressionEval", "Parameters": {
   "destination_path.=": "`$.input.dest_dir` + '/' + `$.Step.details.results[0].task_id`",
   "items.=": "[source.path]", "label.=": "getattr('transfer_label', 'Run ' + _context.run_id)",
   "parts.=": "pathsplit(input.path)", "n.=": "len_value if is_present('len_value') else 0",
   "name.=": "input.path.split('/')[-1].lower()", "dir.=": "'/'.join(pathsplit(input.path)[:1])"},
 "ResultPath": "$.computed", "End": true})json");
    QTest::newRow("fail with paths") << flow(
        R"("A": {"Type": "Fail", "ErrorPath": "$.error.code", "CausePath": "$.error.message"})");
    QTest::newRow("private parameters") << flow(
        R"("A": {"Type": "Pass", "Parameters": {"token.$": "$.secret", "__Private_Parameters": ["token"]}, "ResultPath": "$.p", "End": true})");
    QTest::newRow("End false beside Next")
        << flow(R"("A": {"Type": "Pass", "End": false, "Next": "B"}, "B": {"Type": "Pass", "End": true})");
    QTest::newRow("comment everywhere")
        << "{\"Comment\": \"c\", \"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"Comment\": \"x\", \"End\": true}}}"_ba;
    // Real-world-shaped definitions kept as files (pipelines, loops, Catch chains, web inputs, ...).
    const QDir corpus(QStringLiteral(FLOWDECK_TEST_DATA) + u"/definitions/valid"_s);
    const QStringList files = corpus.entryList({u"*.json"_s}, QDir::Files, QDir::Name);
    QVERIFY(files.size() >= 24);
    for (const QString &name : files) {
        QFile file(corpus.filePath(name));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QTest::newRow(qPrintable(name)) << file.readAll();
    }
    QTest::newRow("flow document")
        << R"({"definition": {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}, "input_schema": {"type": "object"}})"_ba;
}

void TestDefinitionValidator::valid()
{
    QFETCH(QByteArray, text);
    const QList<Diagnostic> diagnostics = DefinitionValidator::validate(text);
    QVERIFY2(diagnostics.isEmpty(), qPrintable(describe(diagnostics)));
    // What we accept, the service's own schema of definitions must accept too.
    static const auto serviceSchema = [] {
        QFile file(QStringLiteral(FLOWDECK_REFERENCE_DIR) + u"/flow_definition_schema.json"_s);
        file.open(QIODevice::ReadOnly);
        return JsonSchema::compile(QJsonDocument::fromJson(file.readAll()).object());
    }();
    QVERIFY(serviceSchema);
    QJsonObject root = QJsonDocument::fromJson(text).object();
    if (root.contains("definition"_L1))
        root = root.value("definition"_L1).toObject();
    const QList<SchemaProblem> problems = serviceSchema->validate(root);
    QVERIFY2(problems.isEmpty(),
             qPrintable(problems.isEmpty() ? QString()
                                           : pathToString(problems.first().path) + u": "_s + problems.first().message));
}

void TestDefinitionValidator::invalid_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("code");
    auto row = [](const char *name, const QByteArray &text, const char *code) {
        QTest::newRow(name) << text << QString::fromLatin1(code);
    };
    // text
    row("syntax error", flow(R"("A": {"Type": "Pass" §"End": true})"), "FD001");
    row("duplicate key", flow(R"("A": {"Type": "Pass", "End": true, §"End": true})"), "FD002");
    // top level
    row("unknown top-level key",
        "{\"StartAt\": \"A\", §\"Version\": \"1.0\", \"States\": {\"A\": {\"Type\": \"Pass\", \"End\": true}}}",
        "FD103");
    row("missing StartAt", "§{\"States\": {\"A\": {\"Type\": \"Pass\", \"End\": true}}}", "FD101");
    row("missing States", "§{\"StartAt\": \"A\", \"Comment\": \"x\"}", "FD102");
    row("empty States", "{\"StartAt\": \"A\", \"States\": §{}}", "FD104");
    // states
    row("state not an object", flow(R"("A": §"Pass")"), "FD110");
    row("missing Type", flow(R"(§"A": {"End": true})"), "FD111");
    row("unknown Type", flow(R"("A": {"Type": §"Pasz", "End": true})"), "FD112");
    row("AWS Task", flow(R"("A": {"Type": §"Task", "End": true})"), "FD113");
    row("AWS Map", flow(R"("A": {"Type": §"Map", "End": true})"), "FD113");
    row("AWS Parallel", flow(R"("A": {"Type": §"Parallel", "End": true})"), "FD113");
    row("AWS Succeed", flow(R"("A": {"Type": §"Succeed"})"), "FD113");
    row("OutputPath", flow(R"("A": {"Type": "Pass", §"OutputPath": "$.x", "End": true})"), "FD114");
    row("Retry", flow(R"("A": {"Type": "Pass", §"Retry": [], "End": true})"), "FD114");
    row("ResultSelector", flow(R"("A": {"Type": "Pass", §"ResultSelector": {}, "End": true})"), "FD114");
    row("misspelt field", flow(R"("A": {"Type": "Pass", §"Nxt": "A", "End": true})"), "FD114");
    row("Result on Action",
        flow(
            R"("A": {"Type": "Action", "ActionUrl": "https://x.org", "ResultPath": "$.r", §"Result": {}, "End": true})"),
        "FD114");
    row("ExpressionEval without ResultPath",
        flow(R"(§"A": {"Type": "ExpressionEval", "Parameters": {"x": 1}, "End": true})"), "FD115");
    row("ExpressionEval without Parameters",
        flow(R"(§"A": {"Type": "ExpressionEval", "ResultPath": "$.x", "End": true})"), "FD115");
    row("Choice without Choices",
        flow(R"(§"A": {"Type": "Choice", "Default": "B"}, "B": {"Type": "Pass", "End": true})"), "FD115");
    row("Seconds as string", flow(R"("A": {"Type": "Wait", "Seconds": §"10", "End": true})"), "FD116");
    row("Seconds as fraction", flow(R"("A": {"Type": "Wait", "Seconds": §1.5, "End": true})"), "FD116");
    row("End as string", flow(R"("A": {"Type": "Pass", "End": §"true"})"), "FD116");
    row("Parameters as list", flow(R"("A": {"Type": "Pass", "Parameters": §[], "End": true})"), "FD116");
    row("Next and End", flow(R"("A": {"Type": "Pass", "Next": "B", §"End": true}, "B": {"Type": "Pass", "End": true})"),
        "FD120");
    row("neither Next nor End", flow(R"(§"A": {"Type": "Pass"})"), "FD120");
    row("End false", flow(R"("A": {"Type": "Pass", "End": §false})"), "FD121");
    // Choice rules
    row("empty Choices",
        flow(R"("A": {"Type": "Choice", "Choices": §[], "Default": "B"}, "B": {"Type": "Pass", "End": true})"),
        "FD130");
    row("rule without Next",
        flow(
            R"("A": {"Type": "Choice", "Choices": [§{"Variable": "$.x", "IsPresent": true}], "Default": "B"}, "B": {"Type": "Pass", "End": true})"),
        "FD131");
    row("unknown operator",
        flow(
            R"("A": {"Type": "Choice", "Choices": [{"Variable": "$.x", §"NumberEquals": 1, "Next": "B"}], "Default": "B"}, "B": {"Type": "Pass", "End": true})"),
        "FD131");
    row("two operators",
        flow(
            R"("A": {"Type": "Choice", "Choices": [§{"Variable": "$.x", "NumericEquals": 1, "NumericLessThan": 3, "Next": "B"}]}, "B": {"Type": "Pass", "End": true})"),
        "FD131");
    row("no Variable",
        flow(
            R"("A": {"Type": "Choice", "Choices": [§{"StringEquals": "a", "Next": "B"}]}, "B": {"Type": "Pass", "End": true})"),
        "FD131");
    row("empty And",
        flow(R"("A": {"Type": "Choice", "Choices": [{"And": §[], "Next": "B"}]}, "B": {"Type": "Pass", "End": true})"),
        "FD131");
    row("Next inside And",
        flow(
            R"("A": {"Type": "Choice", "Choices": [{"And": [{"Variable": "$.x", "IsNull": true, §"Next": "B"}], "Next": "B"}]}, "B": {"Type": "Pass", "End": true})"),
        "FD132");
    row("numeric operator with string",
        flow(
            R"("A": {"Type": "Choice", "Choices": [{"Variable": "$.x", "NumericEquals": §"1", "Next": "B"}]}, "B": {"Type": "Pass", "End": true})"),
        "FD116");
    row("IsNull with string",
        flow(
            R"("A": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsNull": §"yes", "Next": "B"}]}, "B": {"Type": "Pass", "End": true})"),
        "FD116");
    row("And beside a Variable",
        flow(
            R"("A": {"Type": "Choice", "Choices": [{"And": [{"Variable": "$.x", "IsNull": true}], §"Variable": "$.y", "Next": "B"}]}, "B": {"Type": "Pass", "End": true})"),
        "FD131");
    row("Comment in a rule",
        flow(
            R"("A": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsNull": true, §"Comment": "c", "Next": "B"}]}, "B": {"Type": "Pass", "End": true})"),
        "FD131");
    row("Timestamp operand not a time",
        flow(
            R"("A": {"Type": "Choice", "Choices": [{"Variable": "$.t", "TimestampLessThan": §"yesterday", "Next": "B"}]}, "B": {"Type": "Pass", "End": true})"),
        "FD141");
    row("catcher ResultPath not a string",
        flow(
            R"("A": {"Type": "Action", "ActionUrl": "https://x.org", "ResultPath": "$.r", "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": §5, "Next": "B"}], "End": true}, "B": {"Type": "Pass", "End": true})"),
        "FD116");
    // Wait
    row("Wait with nothing", flow(R"(§"A": {"Type": "Wait", "End": true})"), "FD140");
    row("Wait with two", flow(R"(§"A": {"Type": "Wait", "Seconds": 1, "SecondsPath": "$.s", "End": true})"), "FD140");
    row("negative Seconds", flow(R"("A": {"Type": "Wait", "Seconds": §-5, "End": true})"), "FD140");
    row("bad Timestamp", flow(R"("A": {"Type": "Wait", "Timestamp": §"tomorrow", "End": true})"), "FD141");
    // Catch
    row("catcher without ErrorEquals",
        flow(
            R"("A": {"Type": "Action", "ActionUrl": "https://x.org", "ResultPath": "$.r", "Catch": [§{"Next": "B"}], "End": true}, "B": {"Type": "Pass", "End": true})"),
        "FD150");
    row("catcher extra field",
        flow(
            R"("A": {"Type": "Action", "ActionUrl": "https://x.org", "ResultPath": "$.r", "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "B", §"Retry": 2}], "End": true}, "B": {"Type": "Pass", "End": true})"),
        "FD150");
    // Action
    row("Action without target", flow(R"(§"A": {"Type": "Action", "ResultPath": "$.r", "End": true})"), "FD160");
    row("Action with both targets",
        flow(
            R"(§"A": {"Type": "Action", "ActionUrl": "https://x.org", "Handler": "urn:globus:flows:handle:x", "ResultPath": "$.r", "End": true})"),
        "FD160");
    row("http ActionUrl",
        flow(
            R"("A": {"Type": "Action", "ActionUrl": §"http://actions.example.org/run", "ResultPath": "$.r", "End": true})"),
        "FD161");
    row("Parameters and InputPath",
        flow(
            R"("A": {"Type": "Action", "ActionUrl": "https://x.org", "Parameters": {}, §"InputPath": "$.x", "ResultPath": "$.r", "End": true})"),
        "FD162");
    row("zero WaitTime",
        flow(
            R"("A": {"Type": "Action", "ActionUrl": "https://x.org", "WaitTime": §0, "ResultPath": "$.r", "End": true})"),
        "FD163");
    row("bad handler string",
        flow(R"("A": {"Type": "Action", "Handler": §"search.ingest", "ResultPath": "$.r", "End": true})"), "FD164");
    row("handler without Url",
        flow(R"("A": {"Type": "Action", "Handler": §{"Type": "ActionProvider"}, "ResultPath": "$.r", "End": true})"),
        "FD164");
    // graph
    row("StartAt missing state",
        flow(R"("A": {"Type": "Pass", "End": true})", "Begin")
            .replace("\"StartAt\": \"Begin\"", "\"StartAt\": §\"Begin\""),
        "FD200");
    row("Next to nowhere", flow(R"("A": {"Type": "Pass", "Next": §"B"})"), "FD201");
    row("Default to nowhere",
        flow(
            R"("A": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsNull": true, "Next": "A"}], "Default": §"Z"})"),
        "FD201");
    row("Catch to nowhere",
        flow(
            R"("A": {"Type": "Action", "ActionUrl": "https://x.org", "ResultPath": "$.r", "Catch": [{"ErrorEquals": ["States.ALL"], "Next": §"Handler"}], "End": true})"),
        "FD201");
    row("unreachable state", flow(R"("A": {"Type": "Pass", "End": true}, §"Orphan": {"Type": "Pass", "End": true})"),
        "FD210");
    row("no reachable end",
        flow(R"("A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "Next": "A"})")
            .replace("\"StartAt\": \"A\"", "\"StartAt\": §\"A\""),
        "FD211");
    row("loop without exit",
        flow(
            R"("A": {"Type": "Choice", "Choices": [{"Variable": "$.go", "BooleanEquals": true, "Next": "Loop"}], "Default": "End"},
§"Loop": {"Type": "Wait", "Seconds": 5, "Next": "Loop"}, "End": {"Type": "Pass", "End": true})"),
        "FD212");
    // paths and expressions
    row("bad InputPath", flow(R"("A": {"Type": "Pass", "InputPath": §"input", "End": true})"), "FD220");
    row("bad reference", flow(R"("A": {"Type": "Pass", "Parameters": {"x.$": §"$.a..b"}, "End": true})"), "FD220");
    row("reference not a string", flow(R"("A": {"Type": "Pass", "Parameters": {"x.$": §5}, "End": true})"), "FD220");
    row("bad Variable",
        flow(
            R"("A": {"Type": "Choice", "Choices": [{"Variable": §"$[x", "IsNull": true, "Next": "A"}], "Default": "B"}, "B": {"Type": "Pass", "End": true})"),
        "FD220");
    row("bad SecondsPath", flow(R"("A": {"Type": "Wait", "SecondsPath": §"seconds", "End": true})"), "FD220");
    row("bad expression",
        flow(R"("A": {"Type": "ExpressionEval", "Parameters": {"x.=": §"1 +"}, "ResultPath": "$.x", "End": true})"),
        "FD221");
    row("expression not a string",
        flow(R"("A": {"Type": "ExpressionEval", "Parameters": {"x.=": §true}, "ResultPath": "$.x", "End": true})"),
        "FD221");
    row("write into _context", flow(R"("A": {"Type": "Pass", "ResultPath": §"$._context.x", "End": true})"), "FD222");
    row("Action without ResultPath", flow(R"(§"A": {"Type": "Action", "ActionUrl": "https://x.org", "End": true})"),
        "FD224");
    row("wildcard ResultPath", flow(R"("A": {"Type": "Pass", "ResultPath": §"$.list[*]", "End": true})"), "FD225");
    row("catcher into _context",
        flow(
            R"("A": {"Type": "Action", "ActionUrl": "https://x.org", "ResultPath": "$.r", "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": §"$._context", "Next": "A"}], "End": true})"),
        "FD222");
    // lints
    row("path without .$",
        flow(R"("A": {"Type": "Pass", "Parameters": {§"source_endpoint": "$.source.id"}, "End": true})"), "FD300");
    row("nested path without .$",
        flow(R"("A": {"Type": "Pass", "Parameters": {"DATA": [{§"source_path": "$.path"}]}, "End": true})"), "FD300");
    row("retired transfer",
        flow(
            R"("A": {"Type": "Action", "ActionUrl": §"https://actions.automate.globus.org/transfer/transfer", "ResultPath": "$.r", "End": true})"),
        "FD301");
    row("retired transfer, other host",
        flow(
            R"("A": {"Type": "Action", "ActionUrl": §"https://actions.globus.org/transfer/ls", "ResultPath": "$.r", "End": true})"),
        "FD301");
    // data flow and the input schema (flow documents)
    row("undeclared reference",
        document(R"("A": {"Type": "Pass", "Parameters": {"x.$": §"$.sorce.id"}, "ResultPath": "$.p", "End": true})"),
        "FD302");
    row("undeclared Variable",
        document(
            R"("A": {"Type": "Choice", "Choices": [{"Variable": §"$.sise", "NumericLessThan": 3, "Next": "B"}], "Default": "B"}, "B": {"Type": "Pass", "End": true})"),
        "FD302");
    row("undeclared InputPath", document(R"("A": {"Type": "Pass", "InputPath": §"$.nothing", "End": true})"), "FD302");
    row("undeclared name in expression",
        document(
            R"("A": {"Type": "ExpressionEval", "Parameters": {"x.=": §"sise + 1"}, "ResultPath": "$.x", "End": true})"),
        "FD302");
    row("misspelt schema keyword",
        document(R"("A": {"Type": "Pass", "End": true})", R"({"type": "object", §"requried": ["a"]})"), "FD400");
    row("bad schema type", document(R"("A": {"Type": "Pass", "End": true})", R"({"type": §"strng"})"), "FD400");
    row("retired key",
        flow(
            R"("A": {"Type": "Action", "ActionUrl": "https://actions.globus.org/transfer/transfer", "Parameters": {§"transfer_items": []}, "ResultPath": "$.r", "End": true})"),
        "FD303");
}

void TestDefinitionValidator::invalid()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, code);
    const qsizetype marker = text.indexOf("§");
    QVERIFY2(marker >= 0, "the row must mark the expected position with §");
    const QByteArray clean = text.left(marker) + text.mid(marker + qsizetype(qstrlen("§")));
    const JsonText parsed = JsonText::parse(clean);
    const TextPosition expected = parsed.positionAt(marker);
    const QList<Diagnostic> diagnostics = DefinitionValidator::validate(parsed);
    // The range is exactly the token at the marker (syntax errors point at a character instead).
    const qsizetype expectedEnd = code == "FD001"_L1 ? -1 : tokenEnd(clean, marker);
    const bool found = std::any_of(diagnostics.begin(), diagnostics.end(), [&](const Diagnostic &d) {
        return d.code == code && d.range.start == expected && !d.message.isEmpty() &&
               (expectedEnd < 0 || d.range.end.offset == expectedEnd);
    });
    QVERIFY2(found, qPrintable(u"expected %1 at %2:%3 to byte %4, got:\n%5"_s.arg(code)
                                   .arg(expected.line)
                                   .arg(expected.column)
                                   .arg(expectedEnd)
                                   .arg(describe(diagnostics))));
}

void TestDefinitionValidator::flowDocument_pathsStartWithDefinition()
{
    const QByteArray text =
        R"({"definition": {"StartAt": "A", "States": {"A": {"Type": "Pass"}}}, "input_schema": {}})";
    const QList<Diagnostic> diagnostics = DefinitionValidator::validate(text);
    // FD120 (neither Next nor End) and, as a consequence, FD211 (the flow can never finish).
    QCOMPARE(diagnostics.size(), 2);
    const auto transition =
        std::find_if(diagnostics.begin(), diagnostics.end(), [](const Diagnostic &d) { return d.code == "FD120"_L1; });
    QVERIFY(transition != diagnostics.end());
    QCOMPARE(transition->path, QJsonArray({u"definition"_s, u"States"_s, u"A"_s}));
    QCOMPARE(transition->range.start.column, 44); // the key "A"
    QCOMPARE(diagnostics.at(1 - (transition - diagnostics.begin())).path.first().toString(), u"definition"_s);
}

QTEST_GUILESS_MAIN(TestDefinitionValidator)
#include "tst_definitionvalidator.moc"
