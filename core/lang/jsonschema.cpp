// SPDX-License-Identifier: GPL-3.0-or-later
// The only file that instantiates valijson (its templates are heavy to compile).
#include "core/lang/jsonschema.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <exception>
#include <valijson/adapters/qtjson_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

using namespace Qt::StringLiterals;

namespace Flowdeck::Core::Lang {

struct JsonSchema::Compiled
{
    valijson::Schema schema;
};

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("JsonSchema", text);
}

// valijson's context ("<root>", "[name]", "[0]") as a loc, deciding index or key by walking the instance.
QJsonArray locOf(const std::vector<std::string> &context, const QJsonValue &instance)
{
    QJsonArray loc;
    QJsonValue at = instance;
    for (const std::string &part : context) {
        if (part.size() < 2 || part.front() != '[' || part.back() != ']')
            continue; // "<root>"
        const QString step = QString::fromStdString(part.substr(1, part.size() - 2));
        bool isIndex = false;
        const int index = step.toInt(&isIndex);
        if (at.isArray() && isIndex) {
            loc.append(index);
            at = at.toArray().at(index);
        } else {
            loc.append(step);
            at = at.toObject().value(step);
        }
    }
    return loc;
}

// valijson also reports every enclosing level of a failure; those lines add nothing to the leaf.
bool isSummary(const QString &message)
{
    return message.startsWith("Failed to validate against schema associated with"_L1) ||
           message.startsWith("Failed to validate item #"_L1) ||
           message.startsWith("Failed to validate against child schema #"_L1);
}

// An unexpected property is reported on its object; point at the property itself instead.
void pointAtExtraProperty(SchemaProblem *problem)
{
    // "... could not be validated using 'properties' or 'additionalProperties' constraints: 'name'."
    static const QLatin1StringView prefix("Object contains a property that could not be validated");
    static const QLatin1StringView marker("constraints: '");
    const qsizetype at = problem->message.indexOf(marker);
    if (!problem->message.startsWith(prefix) || at < 0)
        return;
    QString name = problem->message.mid(at + marker.size());
    name.chop(name.endsWith("'."_L1) ? 2 : (name.endsWith(u'\'') ? 1 : 0));
    problem->path.append(name);
    problem->atKey = true;
    problem->message = QCoreApplication::translate("JsonSchema", "\"%1\" is not allowed here (the schema does not "
                                                                 "define it and allows no other properties)")
                           .arg(name);
}

const JsonSchema &metaSchema()
{
    // Compiled once, on first use, thread-safely (a function-local static).
    static const JsonSchema compiled = [] {
        QFile file(u":/schemas/input_schema_schema.json"_s);
        const QJsonObject object =
            file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object() : QJsonObject();
        auto schema = JsonSchema::compile(object);
        // Without it every input schema would pass: a broken build, not something to run with.
        if (object.isEmpty() || !schema)
            qFatal("the input-schema meta-schema resource is missing or broken");
        return *schema;
    }();
    return compiled;
}

// "format" only constrains strings (draft-07 §7.1), but valijson reads every instance it meets as a
// string and throws on objects: drop it where "type" rules strings out, e.g. the web app's
// {"type": "object", "format": "globus-collection"}.
QJsonValue withoutNonStringFormats(const QJsonValue &schema, int depth = 0)
{
    if (depth > 200 || !schema.isObject())
        return schema;
    QJsonObject object = schema.toObject();
    const QJsonValue type = object.value("type"_L1);
    const bool stringsAllowed =
        type.isUndefined() || type == "string"_L1 || (type.isArray() && type.toArray().contains("string"_L1));
    if (!stringsAllowed)
        object.remove(u"format"_s);
    // Only walk where subschemas sit: a property may well be called "type" or "format".
    static const QStringList maps{u"properties"_s, u"patternProperties"_s, u"definitions"_s, u"$defs"_s,
                                  u"dependencies"_s};
    static const QStringList single{
        u"items"_s,    u"additionalProperties"_s, u"additionalItems"_s, u"not"_s, u"if"_s, u"then"_s, u"else"_s,
        u"contains"_s, u"propertyNames"_s};
    static const QStringList lists{u"allOf"_s, u"anyOf"_s, u"oneOf"_s, u"items"_s};
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (maps.contains(it.key()) && it.value().isObject()) {
            QJsonObject map = it.value().toObject();
            for (auto member = map.begin(); member != map.end(); ++member)
                member.value() = withoutNonStringFormats(member.value(), depth + 1);
            it.value() = map;
        } else if (lists.contains(it.key()) && it.value().isArray()) {
            QJsonArray array = it.value().toArray();
            for (auto item = array.begin(); item != array.end(); ++item)
                *item = withoutNonStringFormats(*item, depth + 1);
            it.value() = array;
        } else if (single.contains(it.key())) {
            it.value() = withoutNonStringFormats(it.value(), depth + 1);
        }
    }
    return object;
}

} // namespace

std::optional<JsonSchema> JsonSchema::compile(const QJsonValue &schema, QString *error)
{
    auto compiled = std::make_shared<Compiled>();
    try {
        valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
        const QJsonValue usable = withoutNonStringFormats(schema);
        parser.populateSchema(valijson::adapters::QtJsonAdapter(usable), compiled->schema);
    } catch (const std::exception &e) {
        if (error)
            *error = tr("The schema cannot be used: %1").arg(QString::fromStdString(e.what()));
        return std::nullopt;
    }
    JsonSchema result;
    result.m_compiled = std::move(compiled);
    return result;
}

QList<SchemaProblem> JsonSchema::validate(const QJsonValue &instance) const
{
    if (!m_compiled)
        return {{QJsonArray(), tr("No schema to check against"), {}}};
    valijson::Validator validator;
    valijson::ValidationResults results;
    try {
        if (validator.validate(m_compiled->schema, valijson::adapters::QtJsonAdapter(instance), &results))
            return {};
    } catch (const std::exception &e) {
        return {{QJsonArray(), tr("The document could not be checked: %1").arg(QString::fromStdString(e.what())), {}}};
    }
    QList<SchemaProblem> problems;
    valijson::ValidationResults::Error error;
    while (results.popError(error)) {
        SchemaProblem problem{locOf(error.context, instance), QString::fromStdString(error.description), {}};
        if (isSummary(problem.message))
            continue;
        pointAtExtraProperty(&problem);
        if (!problems.contains(problem))
            problems.append(problem);
    }
    return problems;
}

QList<SchemaProblem> JsonSchema::validateText(const JsonText &document) const
{
    if (!document.isValid()) {
        if (document.problems().isEmpty())
            return {{QJsonArray(), tr("There is no document"), {}}};
        const JsonTextProblem &syntax = document.problems().first();
        return {{QJsonArray(), syntax.message, syntax.range}};
    }
    QList<SchemaProblem> problems = validate(document.value());
    for (SchemaProblem &problem : problems) {
        // An unexpected member is marked on its name; anything else on the value (or the nearest parent).
        auto range = problem.atKey ? document.keyRange(problem.path) : document.valueRange(problem.path);
        problem.range = range ? *range : document.nearest(problem.path).second;
    }
    return problems;
}

QList<SchemaProblem> JsonSchema::checkInputSchema(const QJsonValue &inputSchema)
{
    QList<SchemaProblem> problems = metaSchema().validate(inputSchema);
    QString error;
    if (problems.isEmpty() && !compile(inputSchema, &error))
        problems.append({QJsonArray(), error, {}});
    return problems;
}

} // namespace Flowdeck::Core::Lang
