// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/lang/formdescription.h"

#include <QCoreApplication>
#include <QHash>

using namespace Qt::StringLiterals;

namespace Flowdeck::Core::Lang {

namespace {

constexpr int MaxDepth = 32; // recursive $refs must not recurse forever

QJsonObject resolve(const QJsonObject &schema, const QJsonObject &root)
{
    // Local references only ("#/definitions/x", "#/$defs/x"): what input schemas use.
    const QString ref = schema.value("$ref"_L1).toString();
    if (!ref.startsWith("#/"_L1))
        return schema;
    QJsonValue at = root;
    for (const QString &part : QStringView(ref).mid(2).toString().split(u'/'))
        at = at.toObject().value(part);
    return at.isObject() ? at.toObject() : schema;
}

FormField::Type typeOf(const QJsonObject &schema)
{
    QString type = schema.value("type"_L1).toString();
    if (schema.value("type"_L1).isArray()) { // ["string", "null"]: the non-null one
        for (const QJsonValue &t : schema.value("type"_L1).toArray())
            if (t.toString() != "null"_L1)
                type = t.toString();
    }
    static const QHash<QString, FormField::Type> types{
        {u"object"_s, FormField::Type::Object},   {u"array"_s, FormField::Type::Array},
        {u"string"_s, FormField::Type::String},   {u"number"_s, FormField::Type::Number},
        {u"integer"_s, FormField::Type::Integer}, {u"boolean"_s, FormField::Type::Boolean},
        {u"null"_s, FormField::Type::Null}};
    if (types.contains(type))
        return types.value(type);
    if (schema.contains("properties"_L1))
        return FormField::Type::Object;
    if (schema.contains("items"_L1))
        return FormField::Type::Array;
    return FormField::Type::Any;
}

// A oneOf/anyOf whose branches are all {"const": ..., "title": ...}: an enum with titles.
bool constChoices(const QJsonArray &branches, FormField &field)
{
    if (branches.isEmpty())
        return false;
    for (const QJsonValue &branch : branches)
        if (!branch.toObject().contains("const"_L1))
            return false;
    for (const QJsonValue &branch : branches) {
        const QJsonObject b = branch.toObject();
        field.enumValues.append(b.value("const"_L1));
        field.enumTitles.append(b.value("title"_L1).isString() ? b.value("title"_L1).toString()
                                                               : b.value("const"_L1).toVariant().toString());
    }
    return true;
}

// expanding: the $refs on the way here. A schema that refers back to itself (trees, and/or rules)
// becomes an Any field at the second visit instead of growing exponentially.
FormField describe(const QJsonObject &input, const QJsonObject &root, const QString &key, int depth,
                   QStringList expanding = {})
{
    const QString ref = input.value("$ref"_L1).toString();
    if (!ref.isEmpty()) {
        if (expanding.contains(ref)) {
            FormField field;
            field.key = key;
            field.title = input.value("title"_L1).isString() ? input.value("title"_L1).toString() : key;
            return field; // Type::Any: edited as raw JSON
        }
        expanding.append(ref);
    }
    const QJsonObject schema = resolve(input, root);
    FormField field;
    field.key = key;
    field.type = typeOf(schema);
    field.title = schema.value("title"_L1).isString() ? schema.value("title"_L1).toString() : key;
    field.description = schema.value("description"_L1).toString();
    field.format = schema.value("format"_L1).toString();
    field.defaultValue = schema.value("default"_L1);
    if (schema.contains("minimum"_L1))
        field.minimum = schema.value("minimum"_L1).toDouble();
    if (schema.contains("maximum"_L1))
        field.maximum = schema.value("maximum"_L1).toDouble();
    if (depth > MaxDepth)
        return field;
    if (schema.value("enum"_L1).isArray()) {
        field.enumValues = schema.value("enum"_L1).toArray();
        for (const QJsonValue &v : field.enumValues)
            field.enumTitles.append(v.isString() ? v.toString() : v.toVariant().toString());
    }
    if (schema.contains("const"_L1) && field.enumValues.isEmpty()) {
        // A fixed value (e.g. the discriminator of a oneOf branch): a one-item enum, preselected.
        const QJsonValue value = schema.value("const"_L1);
        field.enumValues = {value};
        field.enumTitles = {value.isString() ? value.toString() : value.toVariant().toString()};
        if (field.defaultValue.isUndefined())
            field.defaultValue = value;
    }
    for (const char *combinator : {"oneOf", "anyOf"}) {
        const QJsonArray branches = schema.value(QLatin1StringView(combinator)).toArray();
        if (branches.isEmpty() || constChoices(branches, field))
            continue;
        field.type = FormField::Type::Choice;
        for (qsizetype i = 0; i < branches.size(); ++i) {
            FormField branch = describe(branches.at(i).toObject(), root, key, depth + 1, expanding);
            if (!branches.at(i).toObject().contains("title"_L1))
                branch.title = QCoreApplication::translate("FormDescription", "Option %1").arg(i + 1);
            field.alternatives.append(branch);
        }
    }
    if (field.type == FormField::Type::Object) {
        const QJsonObject properties = schema.value("properties"_L1).toObject();
        QStringList order;
        const QJsonArray required = schema.value("required"_L1).toArray();
        // JSON objects forget the author's order; propertyOrder says it, else the required list
        // (usually written in reading order), then the rest alphabetically.
        for (const QJsonArray &listed : {schema.value("propertyOrder"_L1).toArray(), required})
            for (const QJsonValue &name : listed)
                if (properties.contains(name.toString()) && !order.contains(name.toString()))
                    order.append(name.toString());
        for (auto it = properties.begin(); it != properties.end(); ++it)
            if (!order.contains(it.key()))
                order.append(it.key());
        for (const QString &name : std::as_const(order)) {
            FormField child = describe(properties.value(name).toObject(), root, name, depth + 1, expanding);
            child.required = required.contains(name);
            field.properties.append(child);
        }
    } else if (field.type == FormField::Type::Array && schema.value("items"_L1).isObject()) {
        field.items =
            std::make_shared<FormField>(describe(schema.value("items"_L1).toObject(), root, {}, depth + 1, expanding));
    }
    return field;
}

} // namespace

FormField describeForm(const QJsonObject &schema)
{
    return describe(schema, schema, {}, 0);
}

} // namespace Flowdeck::Core::Lang
