// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/lang/jsonschema.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Flowdeck::Core::Lang;

namespace {
QJsonValue json(const QByteArray &text)
{
    return QJsonDocument::fromJson("[" + text + "]").array().at(0);
}
const QByteArray Schema = R"({"type": "object", "required": ["source", "items"], "additionalProperties": false,
  "properties": {
    "source": {"type": "string", "minLength": 3},
    "bool": {"type": "boolean"},
    "level": {"type": "integer", "minimum": 1, "maximum": 5},
    "mode": {"enum": ["fast", "safe"]},
    "items": {"type": "array", "items": {"type": "object", "required": ["name"],
              "properties": {"name": {"type": "string"}, "size": {"type": "number"}}}}}})";
} // namespace

class TestJsonSchema : public QObject
{
    Q_OBJECT

private slots:
    void validate_data();
    void validate();
    void checkInputSchema_data();
    void checkInputSchema();
    void compile_unresolvableRef();
    void validateText_mapsProblemsToRanges();
    void extraProperty_withApostrophe();
    void formatOnObjects_isIgnored();
};

void TestJsonSchema::validate_data()
{
    QTest::addColumn<QByteArray>("instance");
    QTest::addColumn<QByteArray>("paths"); // the loc of every problem, in any order
    QTest::addColumn<QString>("someMessage");
    QTest::newRow("valid") << R"({"source": "abc", "items": [{"name": "a", "size": 1.5}], "mode": "safe"})"_ba
                           << "[]"_ba << QString();
    QTest::newRow("wrong type") << R"({"source": "abc", "items": [], "bool": "not-a-boolean"})"_ba
                                << R"([["bool"]])"_ba << u"type"_s;
    QTest::newRow("missing required") << R"({"items": []})"_ba
                                      << R"([[]])"_ba << u"source"_s;
    QTest::newRow("nested array item")
        << R"({"source": "abc", "items": [{"name": "a"}, {"name": 7}, {"size": "big"}]})"_ba
        << R"([["items",1,"name"],["items",2],["items",2,"size"]])"_ba << QString();
    QTest::newRow("range") << R"({"source": "abc", "items": [], "level": 9})"_ba
                           << R"([["level"]])"_ba << QString();
    QTest::newRow("enum") << R"({"source": "abc", "items": [], "mode": "reckless"})"_ba
                          << R"([["mode"]])"_ba << QString();
    QTest::newRow("extra property") << R"({"source": "abc", "items": [], "oops": 1})"_ba
                                    << R"([["oops"]])"_ba << u"\"oops\" is not allowed"_s;
    QTest::newRow("too short") << R"({"source": "ab", "items": []})"_ba
                               << R"([["source"]])"_ba << QString();
    QTest::newRow("not an object") << R"([1, 2])"_ba
                                   << R"([[]])"_ba << QString();
}

void TestJsonSchema::validate()
{
    QFETCH(QByteArray, instance);
    QFETCH(QByteArray, paths);
    QFETCH(QString, someMessage);
    const auto schema = JsonSchema::compile(json(Schema));
    QVERIFY(schema);
    const QList<SchemaProblem> problems = schema->validate(json(instance));
    QList<QJsonArray> actual;
    for (const SchemaProblem &problem : problems) {
        QVERIFY(!problem.message.isEmpty());
        if (!actual.contains(problem.path))
            actual.append(problem.path);
    }
    QList<QJsonArray> expected;
    for (const QJsonValue &path : json(paths).toArray())
        expected.append(path.toArray());
    auto key = [](const QJsonArray &a) { return QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Compact)); };
    std::sort(actual.begin(), actual.end(), [&](const auto &a, const auto &b) { return key(a) < key(b); });
    std::sort(expected.begin(), expected.end(), [&](const auto &a, const auto &b) { return key(a) < key(b); });
    QCOMPARE(actual, expected);
    if (!someMessage.isEmpty()) {
        const bool mentioned = std::any_of(problems.begin(), problems.end(), [&](const SchemaProblem &p) {
            return p.message.contains(someMessage, Qt::CaseInsensitive);
        });
        QVERIFY2(mentioned, qPrintable(someMessage));
    }
}

void TestJsonSchema::checkInputSchema_data()
{
    QTest::addColumn<QByteArray>("schema");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("typical") << Schema << true << QString();
    QTest::newRow("with propertyOrder") << R"({"type":"object","propertyOrder":["a"],"properties":{"a":{}}})"_ba << true
                                        << QString();
    QTest::newRow("boolean schema") << "true"_ba << true << QString();
    QTest::newRow("misspelt keyword") << R"({"type":"object","requried":["a"]})"_ba << false << u"requried"_s;
    QTest::newRow("unknown type name") << R"({"type":"strng"})"_ba << false << QString();
    QTest::newRow("required not a list") << R"({"type":"object","required":"a"})"_ba << false << QString();
    QTest::newRow("negative minLength") << R"({"type":"string","minLength":-1})"_ba << false << QString();
    QTest::newRow("not a schema at all") << "42"_ba << false << QString();
}

void TestJsonSchema::checkInputSchema()
{
    QFETCH(QByteArray, schema);
    QFETCH(bool, valid);
    QFETCH(QString, mentions);
    const QList<SchemaProblem> problems = JsonSchema::checkInputSchema(json(schema));
    QCOMPARE(problems.isEmpty(), valid);
    if (!mentions.isEmpty()) {
        const bool mentioned = std::any_of(problems.begin(), problems.end(),
                                           [&](const SchemaProblem &p) { return p.message.contains(mentions); });
        QVERIFY2(mentioned, qPrintable(problems.isEmpty() ? QString() : problems.first().message));
    }
}

void TestJsonSchema::compile_unresolvableRef()
{
    QString error;
    QVERIFY(!JsonSchema::compile(json(R"({"$ref": "#/definitions/missing"})"), &error));
    QVERIFY(!error.isEmpty());
    const QList<SchemaProblem> problems = JsonSchema::checkInputSchema(json(R"({"$ref": "#/definitions/missing"})"));
    QCOMPARE(problems.size(), 1);
}

void TestJsonSchema::validateText_mapsProblemsToRanges()
{
    const auto schema = JsonSchema::compile(json(Schema));
    QVERIFY(schema);
    const QByteArray text = "{\"source\": \"abc\",\n \"items\": [{\"name\": 7}],\n \"oops\": 1}";
    QList<SchemaProblem> problems = schema->validateText(JsonText::parse(text));
    QCOMPARE(problems.size(), 2);
    std::sort(problems.begin(), problems.end(), [](const SchemaProblem &a, const SchemaProblem &b) {
        return a.range.start.offset < b.range.start.offset;
    });
    QCOMPARE(problems.at(0).path, QJsonArray({u"items"_s, 0, u"name"_s}));
    QCOMPARE(problems.at(0).range.start.line, 2);
    QCOMPARE(problems.at(0).range.start.column, 21); // the value 7
    QCOMPARE(problems.at(1).path, QJsonArray({u"oops"_s}));
    QCOMPARE(problems.at(1).range.start.line, 3);
    QCOMPARE(problems.at(1).range.start.column, 2); // the key "oops"
    const QList<SchemaProblem> syntax = schema->validateText(JsonText::parse("{\"source\": }"));
    QCOMPARE(syntax.size(), 1);
    QCOMPARE(syntax.first().range.start.column, 12);
}

void TestJsonSchema::extraProperty_withApostrophe()
{
    const auto schema = JsonSchema::compile(json(R"({"type": "object", "additionalProperties": false})"));
    const QByteArray text = "{\"it's\": 2}";
    const QList<SchemaProblem> problems = schema->validateText(JsonText::parse(text));
    QCOMPARE(problems.size(), 1);
    QCOMPARE(problems.first().path.first().toString(), u"it's"_s); // the whole name, apostrophe and all
    for (const SchemaProblem &p : problems) {
        QVERIFY(p.atKey);
        QCOMPARE(p.path.size(), 1);
        QCOMPARE(p.range.start.offset, text.indexOf(QByteArray("\"" + p.path.first().toString().toUtf8() + "\"")));
    }
}

QTEST_GUILESS_MAIN(TestJsonSchema)
// The web app's {"type": "object", "format": "globus-collection"}: format only constrains strings,
// so such schemas must validate objects (valijson alone throws on them), while string formats still work.
void TestJsonSchema::formatOnObjects_isIgnored()
{
    const auto schema = JsonSchema::compile(QJsonDocument::fromJson(R"j({"type": "object", "properties": {
        "source": {"type": "object", "format": "globus-collection", "required": ["id"],
                   "properties": {"id": {"type": "string", "format": "uuid"}}},
        "when": {"type": "string", "format": "date"}}})j")
                                                .object());
    QVERIFY(schema);
    QVERIFY(schema
                ->validate(
                    QJsonDocument::fromJson(R"j({"source": {"id": "6c4e2f6a-1b0e-4a57-9f7e-1d2c3b4a5f60"}})j").object())
                .isEmpty());
    const QList<SchemaProblem> missing = schema->validate(QJsonDocument::fromJson(R"j({"source": {}})j").object());
    QCOMPARE(missing.size(), 1);
    QCOMPARE(missing.first().path, (QJsonArray{u"source"_s}));
    const QList<SchemaProblem> badDate =
        schema->validate(QJsonDocument::fromJson(R"j({"source": {"id": "x"}, "when": "yesterday"})j").object());
    QVERIFY(std::any_of(badDate.begin(), badDate.end(),
                        [](const SchemaProblem &p) { return p.path == QJsonArray{u"when"_s}; }));
}

#include "tst_jsonschema.moc"
