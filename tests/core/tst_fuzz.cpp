// SPDX-License-Identifier: GPL-3.0-or-later
// Bad input never crashes: thousands of randomly mutated definitions, paths, expressions and schemas
// through every entry point of the toolkit, plus the extremes. Deterministic (fixed seed; override
// with FLOWDECK_FUZZ_SEED to explore). A crash or a hang fails the test (CTest's timeout).
#include "core/lang/choicerule.h"
#include "core/lang/definitionvalidator.h"
#include "core/lang/expression.h"
#include "core/lang/jsonpath.h"
#include "core/lang/jsonschema.h"
#include "core/lang/parameters.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Flowdeck::Core::Lang;

namespace {

const QByteArray Seed = R"fz({"StartAt": "A", "States": {
 "A": {"Type": "Action", "ActionUrl": "https://transfer.actions.globus.org/transfer",
   "Parameters": {"source_endpoint.$": "$.src.id", "DATA": [{"source_path.$": "$.src.path", "recursive": true}],
     "label.=": "'Run ' + _context.run_id if is_present('x') else getattr('y', [1, 2.5e3])"},
   "ResultPath": "$.T", "WaitTime": 600, "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.E", "Next": "F"}],
   "Next": "C"},
 "C": {"Type": "Choice", "Choices": [{"And": [{"Variable": "$.T.status", "StringEquals": "SUCCEEDED"},
   {"Not": {"Variable": "$.n", "NumericGreaterThanPath": "$.m"}}], "Next": "W"}], "Default": "F"},
 "W": {"Type": "Wait", "Seconds": 5, "Next": "P"},
 "P": {"Type": "Pass", "Result": {"ü": "ß", "n": null}, "ResultPath": "$.p", "End": true},
 "F": {"Type": "Fail", "Error": "E", "Cause": "c"}}})fz";

const QByteArray Alphabet = "{}[]\":,.$=*'`\\ \n0123456789-+eEtrufalsn\xC3\xA9\xFF\x00";

QByteArray mutate(QByteArray text, QRandomGenerator &random)
{
    const int edits = 1 + int(random.bounded(8));
    for (int i = 0; i < edits && !text.isEmpty(); ++i) {
        const auto at = qsizetype(random.bounded(quint32(text.size())));
        switch (random.bounded(5)) {
        case 0:
            text[at] = Alphabet.at(random.bounded(quint32(Alphabet.size())));
            break;
        case 1:
            text.remove(at, 1 + random.bounded(20));
            break;
        case 2:
            text.insert(at, Alphabet.at(random.bounded(quint32(Alphabet.size()))));
            break;
        case 3: { // duplicate a slice somewhere else: nested structure, repeated keys
            const qsizetype length = std::min<qsizetype>(text.size() - at, 1 + random.bounded(200));
            text.insert(qsizetype(random.bounded(quint32(text.size()))), text.mid(at, length));
            break;
        }
        default:
            text.truncate(at);
        }
    }
    return text;
}

QRandomGenerator seeded()
{
    bool ok = false;
    const quint32 seed = qEnvironmentVariableIntValue("FLOWDECK_FUZZ_SEED", &ok);
    return QRandomGenerator(ok ? seed : 20261129u);
}

} // namespace

class TestFuzz : public QObject
{
    Q_OBJECT

private slots:
    void definitions_mutated();
    void expressionsAndPaths_mutated();
    void schemas_mutated();
    void extremes();
    void bigDocument();
};

void TestFuzz::definitions_mutated()
{
    QRandomGenerator random = seeded();
    int stillValid = 0;
    for (int i = 0; i < 3000; ++i) {
        const QByteArray text = mutate(Seed, random);
        const JsonText json = JsonText::parse(text);
        const QList<Diagnostic> diagnostics = DefinitionValidator::validate(json);
        for (const Diagnostic &d : diagnostics) {
            QVERIFY(!d.code.isEmpty() && !d.message.isEmpty());
            QVERIFY(d.range.start.offset <= d.range.end.offset && d.range.end.offset <= text.size());
        }
        stillValid += json.isValid() ? 1 : 0;
        // Whatever parsed also goes through the engine-side entry points.
        const QJsonObject states = json.value().toObject().value("States"_L1).toObject();
        for (const QJsonValue &state : states) {
            QString error;
            ChoiceRules::next(state.toObject(), json.value(), &error);
            const QJsonObject s = state.toObject();
            DataFlow::Error dataError;
            if (const auto input =
                    DataFlow::applyInputPath(json.value(), s.value("InputPath"_L1).toString(), &dataError))
                if (const auto params = DataFlow::applyParameters(s.value("Parameters"_L1), *input, &dataError))
                    DataFlow::applyResultPath(json.value(), s.value("ResultPath"_L1).toString(), *params, &dataError);
        }
    }
    QVERIFY2(stillValid > 100, "the mutations should leave a share of the texts parseable");
}

void TestFuzz::expressionsAndPaths_mutated()
{
    QRandomGenerator random = seeded();
    const QJsonValue state = QJsonDocument::fromJson(Seed).object();
    const QList<QByteArray> expressions = {
        "'Run ' + _context.run_id if is_present('x') else getattr('y', [1, 2.5e3])",
        "`$.States.A.Parameters` + [States.A.WaitTime // 7 % 3 ** 2, not (1 < 2 <= 3)]",
        "pathsplit(States.P.Result['\xC3\xBC'])[0] in 'abc' and -States.W.Seconds"};
    const QList<QByteArray> paths = {"$.States['A'].Parameters.DATA[0]['source_path.$']", "$.States.*.Type", "$[0][*]"};
    for (int i = 0; i < 4000; ++i) {
        const QString expression = QString::fromUtf8(mutate(expressions.at(i % expressions.size()), random));
        if (const auto parsed = Expression::parse(expression)) {
            parsed->evaluate(state);
            parsed->names();
        }
        const QString path = QString::fromUtf8(mutate(paths.at(i % paths.size()), random));
        if (const auto parsed = JsonPath::parse(path)) {
            parsed->read(state);
            QString error;
            parsed->write(state, QJsonValue(1), &error);
        }
    }
}

void TestFuzz::schemas_mutated()
{
    QRandomGenerator random = seeded();
    const QByteArray schema = R"fz({"type": "object", "required": ["a"], "properties": {"a": {"type": "string",
        "pattern": "^[a-z]+$", "maxLength": 5}, "b": {"anyOf": [{"type": "integer"}, {"$ref": "#/definitions/x"}]},
        "c": {"type": "array", "items": {"enum": [1, "two", null]}, "uniqueItems": true}},
        "definitions": {"x": {"type": "null"}}, "additionalProperties": false})fz";
    const QJsonValue instance =
        QJsonDocument::fromJson(R"fz({"a": "abc", "b": null, "c": [1, "two"], "d": 4})fz").object();
    for (int i = 0; i < 400; ++i) {
        const QJsonDocument mutated = QJsonDocument::fromJson(mutate(schema, random));
        if (!mutated.isObject())
            continue;
        JsonSchema::checkInputSchema(mutated.object());
        if (const auto compiled = JsonSchema::compile(mutated.object()))
            compiled->validate(instance);
    }
}

void TestFuzz::extremes()
{
    const QList<QByteArray> texts = {
        QByteArray(200'000, '{'),
        QByteArray(200'000, '['),
        "[1e99999999999999999999]",
        "[-0.0e-99999, 123456789012345678901234567890]",
        "\xEF\xBB\xBF{}", // a byte-order mark is not JSON
        "{\"a\": \"\xF0\x9F\x98\x80\xF0\x28\x8C\xBC\"}",
        QByteArray("{\"a\":\0}", 7),
    };
    for (const QByteArray &text : texts)
        DefinitionValidator::validate(text);
    // Deeply nested expressions and long paths are refused, not recursed into until the stack ends.
    Expression::Error error;
    QVERIFY(!Expression::parse(QString(300, u'(') + u'1' + QString(300, u')'), &error));
    QVERIFY(error.message.contains(u"deep"_s));
    QVERIFY(!Expression::parse(QString(100'000, u'(') + u'1' + QString(100'000, u')'), &error));
    QVERIFY(!Expression::parse(QString(100'000, u'-') + u'1', &error));
    QVERIFY(!Expression::parse(u"not "_s.repeated(100'000) + u"x"_s, &error));
    QVERIFY(!Expression::parse(u"1"_s + u" + 1"_s.repeated(100'000), &error)); // flat but too long to evaluate safely
    QVERIFY(error.message.contains(u"too long"_s));
    const auto chain = Expression::parse(u"1"_s + u" + 1"_s.repeated(900)); // long chains within the limit work
    QVERIFY(chain);
    QCOMPARE(chain->evaluate(QJsonObject())->toInteger(), 901);
    QVERIFY(!Expression::parse(u"a"_s + u".b"_s.repeated(2000), &error)); // too tall a tree, refused
    QVERIFY(!Expression::parse(u"2"_s + u" ** 2"_s.repeated(1500), &error));
    JsonPath::Error pathError;
    QVERIFY(!JsonPath::parse(u"$"_s + u".a"_s.repeated(100'000), &pathError));
    QVERIFY(pathError.message.contains(u"too deep"_s));
    const QJsonObject deepRule =
        QJsonDocument::fromJson(QByteArray("{\"Not\":").repeated(400) + "{\"Variable\":\"$.x\",\"IsNull\":true}" +
                                QByteArray("}").repeated(400))
            .object();
    QString ruleError;
    ChoiceRules::matches(deepRule, QJsonObject(), &ruleError);
}

void TestFuzz::bigDocument()
{
    // About 50 MB: 120,000 Pass states in one chain. It must be handled, with errors or without.
    QByteArray text = "{\"StartAt\": \"S0\", \"States\": {";
    const int count = 120'000;
    for (int i = 0; i < count; ++i) {
        text +=
            "\"S" + QByteArray::number(i) + "\": {\"Type\": \"Pass\", \"Comment\": \"" + QByteArray(330, 'x') + "\", ";
        text += i + 1 < count ? "\"Next\": \"S" + QByteArray::number(i + 1) + "\"}," : QByteArray("\"End\": true}");
    }
    text += "}}";
    QVERIFY(text.size() > 45'000'000);
    QElapsedTimer clock;
    clock.start();
    const QList<Diagnostic> diagnostics = DefinitionValidator::validate(text);
    QVERIFY2(diagnostics.isEmpty(), qPrintable(diagnostics.isEmpty() ? QString() : diagnostics.first().message));
    qInfo("50 MB definition validated in %lld ms", clock.elapsed());
}

QTEST_GUILESS_MAIN(TestFuzz)
#include "tst_fuzz.moc"
