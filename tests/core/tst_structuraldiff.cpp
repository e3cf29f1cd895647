// SPDX-License-Identifier: GPL-3.0-or-later
// The structural diff behind "review before deploy": exact change lists, one-line descriptions, and
// the per-state summary of a definition or flow document.
#include "core/lang/jsontext.h"
#include "core/lang/structuraldiff.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Flowdeck::Core::Lang;

namespace {

QJsonValue json(const QByteArray &text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson("[" + text + "]", &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s", text.constData());
    return document.array().at(0);
}

QString compactJson(const QJsonValue &value)
{
    if (value.isUndefined())
        return u"-"_s;
    const QByteArray text = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(text.mid(1, text.size() - 2));
}

// "changed $.a 1 2": written independently of describeChange, so both are checked.
QStringList lines(const QList<JsonChange> &changes)
{
    QStringList out;
    for (const JsonChange &c : changes) {
        const QString kind = c.kind == JsonChange::Kind::Added     ? u"added"_s
                             : c.kind == JsonChange::Kind::Removed ? u"removed"_s
                                                                   : u"changed"_s;
        out << u"%1 %2 %3 %4"_s.arg(kind, pathToString(c.path), compactJson(c.before), compactJson(c.after));
    }
    return out;
}

} // namespace

class TestStructuralDiff : public QObject
{
    Q_OBJECT

private slots:
    void diff_data();
    void diff();
    void diff_keepsPaths();
    void describe_data();
    void describe();
    void summary_data();
    void summary();
};

void TestStructuralDiff::diff_data()
{
    QTest::addColumn<QByteArray>("before");
    QTest::addColumn<QByteArray>("after");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("identical") << R"({"a": [1, {"b": null}]})"_ba
                               << R"({"a": [1, {"b": null}]})"_ba << QStringList();
    QTest::newRow("key order and spacing ignored") << R"({"a": 1, "b": {"x": true, "y": "s"}})"_ba
                                                   << R"({"b":{"y":"s","x":true},"a":1.0})"_ba << QStringList();
    QTest::newRow("scalar changed") << R"({"States": {"T": {"Next": "A"}}})"_ba
                                    << R"({"States": {"T": {"Next": "B"}}})"_ba
                                    << QStringList{u"changed $.States.T.Next \"A\" \"B\""_s};
    QTest::newRow("path order") << R"({"d": 1, "b": 1, "e": {"z": 1, "y": 1}})"_ba
                                << R"({"e": {"y": 2, "z": 1, "x": 0}, "c": 1, "a": 1, "d": 2})"_ba
                                << QStringList{u"added $.a - 1"_s,   u"removed $.b 1 -"_s, u"added $.c - 1"_s,
                                               u"changed $.d 1 2"_s, u"added $.e.x - 0"_s, u"changed $.e.y 1 2"_s};
    QTest::newRow("type change is one change")
        << R"({"x": {"a": 1, "b": 2}})"_ba
        << R"({"x": [1]})"_ba << QStringList{u"changed $.x {\"a\":1,\"b\":2} [1]"_s};
    QTest::newRow("number vs string") << R"({"x": 1})"_ba
                                      << R"({"x": "1"})"_ba << QStringList{u"changed $.x 1 \"1\""_s};
    QTest::newRow("null vs missing") << R"({"x": null})"_ba
                                     << R"({})"_ba << QStringList{u"removed $.x null -"_s};
    QTest::newRow("false vs null") << R"({"x": false})"_ba
                                   << R"({"x": null})"_ba << QStringList{u"changed $.x false null"_s};
    QTest::newRow("array element removed")
        << R"([1, 2, 3])"_ba
        << R"([1, 3])"_ba << QStringList{u"changed $[1] 2 3"_s, u"removed $[2] 3 -"_s};
    QTest::newRow("array element added") << R"({"l": [1]})"_ba
                                         << R"({"l": [1, {"a": 1}]})"_ba << QStringList{u"added $.l[1] - {\"a\":1}"_s};
    QTest::newRow("inside array elements")
        << R"({"Choices": [{"Next": "A"}, {"Next": "C"}]})"_ba
        << R"({"Choices": [{"Next": "B", "X": 1}, {"Next": "C"}]})"_ba
        << QStringList{u"changed $.Choices[0].Next \"A\" \"B\""_s, u"added $.Choices[0].X - 1"_s};
    QTest::newRow("root scalar") << "1"_ba
                                 << "2"_ba << QStringList{u"changed $ 1 2"_s};
    QTest::newRow("keys with spaces") << R"({"States": {"Say hi": {"End": true}}})"_ba
                                      << R"({"States": {"Say hi": {"End": false}}})"_ba
                                      << QStringList{u"changed $.States['Say hi'].End true false"_s};
    QTest::newRow("state added and removed")
        << R"({"States": {"A": {"Type": "Pass"}, "B": {"Type": "Pass"}}})"_ba
        << R"({"States": {"A": {"Type": "Pass"}, "C": {"Type": "Wait", "Seconds": 1}}})"_ba
        << QStringList{u"removed $.States.B {\"Type\":\"Pass\"} -"_s,
                       u"added $.States.C - {\"Seconds\":1,\"Type\":\"Wait\"}"_s};
}

void TestStructuralDiff::diff()
{
    QFETCH(QByteArray, before);
    QFETCH(QByteArray, after);
    QFETCH(QStringList, expected);
    QCOMPARE(lines(structuralDiff(json(before), json(after))), expected);
    // The reverse diff swaps additions and removals, change for change.
    const QList<JsonChange> forward = structuralDiff(json(before), json(after));
    const QList<JsonChange> backward = structuralDiff(json(after), json(before));
    QCOMPARE(backward.size(), forward.size());
    for (qsizetype i = 0; i < forward.size(); ++i) {
        QCOMPARE(backward.at(i).path, forward.at(i).path);
        QCOMPARE(backward.at(i).before, forward.at(i).after);
    }
}

void TestStructuralDiff::diff_keepsPaths()
{
    // Paths are "loc" arrays: keys as strings, indexes as numbers.
    const QList<JsonChange> changes = structuralDiff(json(R"({"a": [0, {"b": 1}]})"), json(R"({"a": [0, {"b": 2}]})"));
    QCOMPARE(changes.size(), 1);
    QCOMPARE(changes.first().path, (QJsonArray{u"a"_s, 1, u"b"_s}));
    QCOMPARE(changes.first().kind, JsonChange::Kind::Changed);
    QCOMPARE(changes.first().before, QJsonValue(1));
    QCOMPARE(changes.first().after, QJsonValue(2));
}

void TestStructuralDiff::describe_data()
{
    QTest::addColumn<QByteArray>("before");
    QTest::addColumn<QByteArray>("after");
    QTest::addColumn<QString>("expected");
    QTest::newRow("changed") << R"({"States": {"Transfer": {"Next": "A"}}})"_ba
                             << R"({"States": {"Transfer": {"Next": "B"}}})"_ba
                             << u"$.States.Transfer.Next: \"A\" → \"B\""_s;
    QTest::newRow("added state") << R"({"States": {}})"_ba
                                 << R"({"States": {"Notify": {"Type": "Pass"}}})"_ba << u"added $.States.Notify"_s;
    QTest::newRow("added scalar") << R"({"A": {}})"_ba
                                  << R"({"A": {"End": true}})"_ba << u"added $.A.End: true"_s;
    QTest::newRow("removed list") << R"({"A": {"Catch": [1]}})"_ba
                                  << R"({"A": {}})"_ba << u"removed $.A.Catch"_s;
    QTest::newRow("removed scalar") << R"({"A": {"Seconds": 2.5}})"_ba
                                    << R"({"A": {}})"_ba << u"removed $.A.Seconds: 2.5"_s;
    QTest::newRow("type change") << R"({"x": {"a": 1}})"_ba
                                 << R"({"x": [1, null]})"_ba << u"$.x: {\"a\":1} → [1,null]"_s;
    QTest::newRow("elided") << ("{\"a\": \"" + QByteArray(100, 'x') + "\"}") << R"({"a": 1})"_ba
                            << u"$.a: \""_s + QString(58, u'x') + QChar(0x2026) + u" → 1"_s;
    QTest::newRow("unicode") << R"({"États": {"é": "ü"}})"_ba
                             << R"({"États": {"é": "日本"}})"_ba << u"$['États']['é']: \"ü\" → \"日本\""_s;
}

void TestStructuralDiff::describe()
{
    QFETCH(QByteArray, before);
    QFETCH(QByteArray, after);
    QFETCH(QString, expected);
    const QList<JsonChange> changes = structuralDiff(json(before), json(after));
    QCOMPARE(changes.size(), 1);
    QCOMPARE(describeChange(changes.first()), expected);
}

void TestStructuralDiff::summary_data()
{
    QTest::addColumn<QByteArray>("before");
    QTest::addColumn<QByteArray>("after");
    QTest::addColumn<QStringList>("added");
    QTest::addColumn<QStringList>("removed");
    QTest::addColumn<QStringList>("changed");
    QTest::addColumn<QStringList>("other");
    const QByteArray definition =
        R"({"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Succeed"},
            "C": {"Type": "Fail"}}})";
    QTest::newRow("no change") << definition << definition << QStringList() << QStringList() << QStringList()
                               << QStringList();
    QTest::newRow("bare definition")
        << definition << R"({"Comment": "new", "StartAt": "B", "States": {"A": {"Type": "Pass", "End": true},
              "B": {"Type": "Succeed"}, "D": {"Type": "Pass", "End": true}}})"_ba
        << QStringList{u"D"_s} << QStringList{u"C"_s} << QStringList{u"A"_s} << QStringList{u"Comment"_s, u"StartAt"_s};
    QTest::newRow("deep change counts once")
        << R"({"States": {"X": {"Parameters": {"a": 1, "b": [1]}, "Next": "Y"}}})"_ba
        << R"({"States": {"X": {"Parameters": {"a": 2, "b": [1, 2]}, "Next": "Z"}}})"_ba << QStringList()
        << QStringList() << QStringList{u"X"_s} << QStringList();
    QTest::newRow("state replaced by another type")
        << R"({"States": {"X": {"Type": "Pass"}}})"_ba
        << R"({"States": {"X": "oops"}})"_ba << QStringList() << QStringList() << QStringList{u"X"_s} << QStringList();
    QTest::newRow("States no longer an object")
        << R"({"States": {"X": {}, "Y": {}}})"_ba
        << R"({"States": []})"_ba << QStringList() << QStringList{u"X"_s, u"Y"_s} << QStringList() << QStringList();
    QTest::newRow("flow document")
        << "{\"title\": \"t\", \"definition\": " + definition +
               R"(, "input_schema": {"properties": {"a": {"type": "string"}}}})"
        << R"({"title": "t2", "definition": {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "C"},
              "C": {"Type": "Fail"}}}, "input_schema": {"properties": {"a": {"type": "number"}}},
              "keywords": ["x"]})"_ba
        << QStringList() << QStringList{u"B"_s} << QStringList{u"A"_s}
        << QStringList{u"input_schema"_s, u"keywords"_s, u"title"_s};
    QTest::newRow("definition added to a document")
        << R"({"title": "t"})"_ba
        << "{\"title\": \"t\", \"definition\": " + definition + "}" << QStringList{u"A"_s, u"B"_s, u"C"_s}
        << QStringList() << QStringList() << QStringList{u"StartAt"_s};
    QTest::newRow("whole document replaced")
        << "null"_ba
        << "{\"title\": \"t\", \"definition\": " + definition + "}" << QStringList{u"A"_s, u"B"_s, u"C"_s}
        << QStringList() << QStringList() << QStringList{u"StartAt"_s, u"title"_s};
}

void TestStructuralDiff::summary()
{
    QFETCH(QByteArray, before);
    QFETCH(QByteArray, after);
    QFETCH(QStringList, added);
    QFETCH(QStringList, removed);
    QFETCH(QStringList, changed);
    QFETCH(QStringList, other);
    const FlowDiffSummary summary = summarizeDefinitionDiff(structuralDiff(json(before), json(after)));
    QCOMPARE(summary.statesAdded, added);
    QCOMPARE(summary.statesRemoved, removed);
    QCOMPARE(summary.statesChanged, changed);
    QCOMPARE(summary.otherChanges, other);
    QCOMPARE(summary.isEmpty(), added.isEmpty() && removed.isEmpty() && changed.isEmpty() && other.isEmpty());
}

QTEST_GUILESS_MAIN(TestStructuralDiff)
#include "tst_structuraldiff.moc"
