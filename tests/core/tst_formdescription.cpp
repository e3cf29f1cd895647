// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/lang/formdescription.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Flowdeck::Core::Lang;

namespace {
QJsonObject object(const QByteArray &text)
{
    return QJsonDocument::fromJson(text).object();
}
const FormField *child(const FormField &field, const char *key)
{
    for (const FormField &p : field.properties)
        if (p.key == QLatin1StringView(key))
            return &p;
    return nullptr;
}
} // namespace

class TestFormDescription : public QObject
{
    Q_OBJECT

private slots:
    void describesEveryKindOfField();
    void followsLocalRefsAndStopsOnCycles();
    void recursionInTwoPlaces_staysSmall();
    void constIsAOneItemEnumWithDefault();
    void requiredMembersLeadWithoutPropertyOrder();
};

void TestFormDescription::describesEveryKindOfField()
{
    const FormField form = describeForm(object(R"({"type": "object", "title": "Transfer",
      "required": ["source", "mode"], "propertyOrder": ["mode", "source"],
      "properties": {
        "source": {"type": "object", "format": "globus-collection", "title": "Source collection",
                   "properties": {"id": {"type": "string", "format": "uuid"}, "path": {"type": "string"}}},
        "mode": {"enum": ["copy", "sync"], "default": "copy", "description": "How to transfer"},
        "level": {"type": "integer", "minimum": 1, "maximum": 5},
        "ratio": {"type": ["number", "null"]},
        "notify": {"type": "boolean", "default": true},
        "emails": {"type": "array", "items": {"type": "string", "format": "email"}},
        "when": {"type": "string", "format": "date-time"},
        "size": {"oneOf": [{"const": "s", "title": "Small"}, {"const": "l", "title": "Large"}]},
        "target": {"anyOf": [{"type": "string", "title": "Path"}, {"type": "object", "properties": {"id": {}}}]},
        "extra": {}
      }})"));
    QCOMPARE(form.type, FormField::Type::Object);
    QCOMPARE(form.title, u"Transfer"_s);
    QCOMPARE(form.properties.size(), 10);
    QCOMPARE(form.properties.at(0).key, u"mode"_s); // propertyOrder first
    QCOMPARE(form.properties.at(1).key, u"source"_s);

    const FormField *source = child(form, "source");
    QVERIFY(source && source->required);
    QCOMPARE(source->format, u"globus-collection"_s);
    QCOMPARE(source->title, u"Source collection"_s);
    QCOMPARE(source->properties.size(), 2);
    QCOMPARE(child(*source, "id")->format, u"uuid"_s);

    const FormField *mode = child(form, "mode");
    QVERIFY(mode->required);
    QCOMPARE(mode->enumValues.size(), 2);
    QCOMPARE(mode->defaultValue.toString(), u"copy"_s);
    QCOMPARE(mode->description, u"How to transfer"_s);
    QCOMPARE(mode->title, u"mode"_s); // no title: the key

    const FormField *level = child(form, "level");
    QCOMPARE(level->type, FormField::Type::Integer);
    QCOMPARE(level->minimum, 1.0);
    QCOMPARE(level->maximum, 5.0);
    QVERIFY(!level->required);
    QCOMPARE(child(form, "ratio")->type, FormField::Type::Number);
    QCOMPARE(child(form, "notify")->defaultValue, QJsonValue(true));

    const FormField *emails = child(form, "emails");
    QCOMPARE(emails->type, FormField::Type::Array);
    QVERIFY(emails->items);
    QCOMPARE(emails->items->format, u"email"_s);
    QCOMPARE(child(form, "when")->format, u"date-time"_s);

    const FormField *size = child(form, "size");
    QCOMPARE(size->enumTitles, QStringList({u"Small"_s, u"Large"_s})); // oneOf of consts: an enum with titles
    QCOMPARE(size->enumValues.at(1).toString(), u"l"_s);

    const FormField *target = child(form, "target");
    QCOMPARE(target->type, FormField::Type::Choice);
    QCOMPARE(target->alternatives.size(), 2);
    QCOMPARE(target->alternatives.at(0).title, u"Path"_s);
    QCOMPARE(target->alternatives.at(1).title, u"Option 2"_s);
    QCOMPARE(target->alternatives.at(1).type, FormField::Type::Object);
    QCOMPARE(child(form, "extra")->type, FormField::Type::Any);
}

void TestFormDescription::followsLocalRefsAndStopsOnCycles()
{
    const FormField form = describeForm(object(R"({"type": "object", "properties": {
        "node": {"$ref": "#/definitions/node"}},
      "definitions": {"node": {"type": "object", "title": "Node",
        "properties": {"name": {"type": "string"}, "child": {"$ref": "#/definitions/node"}}}}})"));
    const FormField *node = child(form, "node");
    QVERIFY(node);
    QCOMPARE(node->title, u"Node"_s);
    QCOMPARE(node->type, FormField::Type::Object);
    QCOMPARE(child(*node, "name")->type, FormField::Type::String);
    // The reference to itself is followed once, then left as raw JSON rather than expanded forever.
    QCOMPARE(child(*node, "child")->type, FormField::Type::Any);
}

// A tree (or and/or rules) refers to itself from two places: expanding it naively grows as 2^depth.
void TestFormDescription::recursionInTwoPlaces_staysSmall()
{
    const FormField form = describeForm(object(R"({"$ref": "#/definitions/n", "definitions": {"n": {"type": "object",
        "properties": {"left": {"$ref": "#/definitions/n"}, "right": {"$ref": "#/definitions/n"}}}}})"));
    QCOMPARE(form.type, FormField::Type::Object);
    QCOMPARE(form.properties.size(), 2);
    QCOMPARE(form.properties.at(0).type, FormField::Type::Any); // the second visit of the same $ref
    QCOMPARE(form.properties.at(1).type, FormField::Type::Any);
}

// A branch discriminator such as {"const": "s3"}: shown as a fixed choice and filled in by default.
void TestFormDescription::constIsAOneItemEnumWithDefault()
{
    const FormField form = describeForm(object(R"({"type": "object", "properties": {
        "kind": {"const": "s3", "title": "Kind"}, "size": {"type": "integer", "const": 4, "default": 2}}})"));
    const FormField *kind = child(form, "kind");
    QCOMPARE(kind->enumValues, QJsonArray({u"s3"_s}));
    QCOMPARE(kind->enumTitles, QStringList({u"s3"_s}));
    QCOMPARE(kind->defaultValue, QJsonValue(u"s3"_s));
    QCOMPARE(kind->title, u"Kind"_s);
    const FormField *size = child(form, "size");
    QCOMPARE(size->type, FormField::Type::Integer);
    QCOMPARE(size->enumValues, QJsonArray({4}));
    QCOMPARE(size->defaultValue, QJsonValue(2)); // an explicit default is kept, even a wrong one
}

// QJsonObject sorts keys: without propertyOrder, the required list gives the reading order.
void TestFormDescription::requiredMembersLeadWithoutPropertyOrder()
{
    const FormField form = describeForm(object(R"({"type": "object", "required": ["zeta", "alpha", "gone"],
      "properties": {"alpha": {"type": "string"}, "beta": {"type": "string"}, "zeta": {"type": "string"},
                     "delta": {"type": "string"}}})"));
    QStringList keys;
    for (const FormField &field : form.properties)
        keys.append(field.key);
    QCOMPARE(keys, (QStringList{u"zeta"_s, u"alpha"_s, u"beta"_s, u"delta"_s}));
}

QTEST_GUILESS_MAIN(TestFormDescription)
#include "tst_formdescription.moc"
