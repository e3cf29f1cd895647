// SPDX-License-Identifier: GPL-3.0-or-later
// Parameters, InputPath and ResultPath as the local engine will execute them.
#include "core/lang/parameters.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
namespace DataFlow = Flowdeck::Core::Lang::DataFlow;

namespace {
QJsonValue json(const QByteArray &text)
{
    return QJsonDocument::fromJson("[" + text + "]").array().at(0);
}
const QByteArray State = R"({"src": {"id": "c1", "path": "/a/b.txt"}, "n": 3, "files": ["x", "y"],
  "_context": {"run_id": "r-9"}, "nil": null})";
} // namespace

class TestParameters : public QObject
{
    Q_OBJECT

private slots:
    void parameters_data();
    void parameters();
    void parameterErrors_data();
    void parameterErrors();
    void privateNames();
    void inputPath();
    void resultPath_data();
    void resultPath();
};

void TestParameters::parameters_data()
{
    QTest::addColumn<QByteArray>("parameters");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("constants stay") << R"({"a": 1, "b": "$.src.id", "c": [true, null]})"_ba
                                    << R"({"a": 1, "b": "$.src.id", "c": [true, null]})"_ba;
    QTest::newRow("references") << R"({"id.$": "$.src.id", "all.$": "$", "second.$": "$.files[1]"})"_ba
                                << QByteArray(R"({"id": "c1", "second": "y", "all": )") + State + "}";
    QTest::newRow("null is a value") << R"({"v.$": "$.nil"})"_ba
                                     << R"({"v": null})"_ba;
    QTest::newRow("expressions") << R"({"label.=": "'Run ' + _context.run_id", "twice.=": "n * 2"})"_ba
                                 << R"({"label": "Run r-9", "twice": 6})"_ba;
    QTest::newRow("nested objects and arrays")
        << R"({"DATA": [{"source_path.$": "$.src.path", "recursive": true}], "outer": {"inner.$": "$.n"}})"_ba
        << R"({"DATA": [{"source_path": "/a/b.txt", "recursive": true}], "outer": {"inner": 3}})"_ba;
    QTest::newRow("private list dropped") << R"({"t.$": "$.src.id", "__Private_Parameters": ["t"]})"_ba
                                          << R"({"t": "c1"})"_ba;
    QTest::newRow("wildcard reference") << R"({"ids.$": "$.files[*]"})"_ba
                                        << R"({"ids": ["x", "y"]})"_ba;
}

void TestParameters::parameters()
{
    QFETCH(QByteArray, parameters);
    QFETCH(QByteArray, expected);
    DataFlow::Error error;
    const auto result = DataFlow::applyParameters(json(parameters), json(State), &error);
    QVERIFY2(result, qPrintable(error.message));
    QCOMPARE(*result, json(expected));
}

void TestParameters::parameterErrors_data()
{
    QTest::addColumn<QByteArray>("parameters");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QString>("message");
    QTest::newRow("missing reference") << R"({"DATA": [{"p.$": "$.src.nope"}]})"_ba
                                       << R"(["Parameters","DATA",0,"p.$"])"_ba << u"does not exist"_s;
    QTest::newRow("bad path") << R"({"p.$": "src"})"_ba
                              << R"(["Parameters","p.$"])"_ba << u"not a valid path"_s;
    QTest::newRow("failing expression") << R"({"x.=": "n + 'a'"})"_ba
                                        << R"(["Parameters","x.="])"_ba << u"unsupported operand"_s;
}

void TestParameters::parameterErrors()
{
    QFETCH(QByteArray, parameters);
    QFETCH(QByteArray, path);
    QFETCH(QString, message);
    DataFlow::Error error;
    QVERIFY(!DataFlow::applyParameters(json(parameters), json(State), &error));
    QCOMPARE(error.path, json(path).toArray());
    QVERIFY2(error.message.contains(message), qPrintable(error.message));
}

void TestParameters::privateNames()
{
    const QStringList names = DataFlow::privateParameterNames(
        json(R"({"__Private_Parameters": ["a"], "nested": [{"__Private_Parameters": ["b", "a"]}]})"));
    QCOMPARE(names, QStringList({u"a"_s, u"b"_s}));
}

void TestParameters::inputPath()
{
    DataFlow::Error error;
    QCOMPARE(*DataFlow::applyInputPath(json(State), u"$.src"_s, &error), json(R"({"id": "c1", "path": "/a/b.txt"})"));
    QCOMPARE(*DataFlow::applyInputPath(json(State), QString(), &error), json(State));
    QVERIFY(!DataFlow::applyInputPath(json(State), u"$.missing"_s, &error));
    QCOMPARE(error.path, json(R"(["InputPath"])").toArray());
}

void TestParameters::resultPath_data()
{
    QTest::addColumn<QString>("resultPath");
    QTest::addColumn<QByteArray>("expected"); // empty: an error
    QTest::newRow("default replaces") << QString() << R"({"r": 1})"_ba;
    QTest::newRow("root replaces") << u"$"_s << R"({"r": 1})"_ba;
    QTest::newRow("merges under a key") << u"$.out"_s << R"({"a": 1, "out": {"r": 1}})"_ba;
    QTest::newRow("creates nested") << u"$.x.y"_s << R"({"a": 1, "x": {"y": {"r": 1}}})"_ba;
    QTest::newRow("context refused") << u"$._context.z"_s << QByteArray();
    QTest::newRow("through a number") << u"$.a.b"_s << QByteArray();
}

void TestParameters::resultPath()
{
    QFETCH(QString, resultPath);
    QFETCH(QByteArray, expected);
    DataFlow::Error error;
    const auto result = DataFlow::applyResultPath(json(R"({"a": 1})"), resultPath, json(R"({"r": 1})"), &error);
    QCOMPARE(result.has_value(), !expected.isEmpty());
    if (result)
        QCOMPARE(*result, json(expected));
    else
        QVERIFY(!error.message.isEmpty() && error.path == json(R"(["ResultPath"])").toArray());
}

QTEST_GUILESS_MAIN(TestParameters)
#include "tst_parameters.moc"
