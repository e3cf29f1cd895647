// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/lang/definitiondata.h"

#include "core/lang/expression.h"
#include "core/lang/jsonpath.h"

#include <QHash>
#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace std::string_view_literals;

namespace Flowdeck::Core::Lang {

namespace {

constexpr const char *GuardFunctions[] = {"is_present", "getattr"};

void visitRule(const Loc &at, const JsonNode &rule, const DataFieldVisitor &visit)
{
    const bool presence = rule.contains("IsPresent"_L1);
    for (const JsonNode value : rule) {
        const std::string_view key = value.keyView();
        if (key == "Variable") {
            visit(Loc(at, key), value, presence ? DataField::PresenceCheck : DataField::Path);
        } else if (key.ends_with("Path") && value.isString()) {
            visit(Loc(at, key), value, DataField::Path);
        } else if (key == "Not") {
            visitRule(Loc(at, key), value, visit);
        } else if (key == "And" || key == "Or") {
            const Loc list(at, key);
            for (qsizetype i = 0; i < value.size(); ++i)
                visitRule(Loc(list, i), value.at(i), visit);
        }
    }
}

// Parameters and everything nested in them: ".$" keys hold paths, ".=" keys expressions.
void visitParameters(const Loc &at, const JsonNode &value, const DataFieldVisitor &visit)
{
    if (value.isArray()) {
        for (qsizetype i = 0; i < value.size(); ++i)
            visitParameters(Loc(at, i), value.at(i), visit);
        return;
    }
    if (!value.isObject())
        return;
    for (const JsonNode member : value) {
        const std::string_view key = member.keyView();
        const Loc here(at, key);
        if (key.ends_with(".$"))
            visit(here, member, DataField::Reference);
        else if (key.ends_with(".="))
            visit(here, member, DataField::Expression);
        else if (key == "__Private_Parameters")
            continue;
        else if (member.isString())
            visit(here, member, DataField::Constant);
        else
            visitParameters(here, member, visit);
    }
}

} // namespace

void visitDataFields(const Loc &at, const JsonNode &state, const DataFieldVisitor &visit)
{
    for (const std::string_view field :
         {"InputPath"sv, "SecondsPath"sv, "TimestampPath"sv, "ErrorPath"sv, "CausePath"sv}) {
        const JsonNode value = state.value(field);
        if (!value.isUndefined())
            visit(Loc(at, field), value, DataField::Path);
    }
    const QList<StateWrite> writes = stateWrites(state);
    if (!writes.isEmpty() && writes.first().catchIndex < 0)
        visit(Loc(at, "ResultPath"), writes.first().resultPath, DataField::ResultPath);
    const JsonNode params = state.value("Parameters"_L1);
    if (params.isObject())
        visitParameters(Loc(at, "Parameters"), params, visit);
    const Loc catchAt(at, "Catch");
    for (const StateWrite &write : writes)
        if (write.catchIndex >= 0)
            visit(Loc(Loc(catchAt, write.catchIndex), "ResultPath"), write.resultPath, DataField::ResultPath);
    const Loc choicesAt(at, "Choices");
    const JsonNode choices = state.value("Choices"_L1);
    for (qsizetype i = 0; i < choices.size(); ++i)
        visitRule(Loc(choicesAt, i), choices.at(i), visit);
}

QList<StateWrite> stateWrites(const JsonNode &state)
{
    QList<StateWrite> writes;
    if (state.contains("ResultPath"_L1))
        writes.append({state.value("ResultPath"_L1), -1});
    const JsonNode catchers = state.value("Catch"_L1);
    for (qsizetype i = 0; i < catchers.size(); ++i)
        if (catchers.at(i).contains("ResultPath"_L1))
            writes.append({catchers.at(i).value("ResultPath"_L1), i});
    return writes;
}

bool replacesStateByDefault(const JsonNode &state)
{
    const std::string_view type = state.value("Type"_L1).stringView();
    return type == "Action" || type == "CreateWebInput" || type == "AwaitWebInput" ||
           (type == "Pass" && (state.contains("Result"_L1) || state.contains("Parameters"_L1)));
}

QString firstKey(const JsonPath &path)
{
    if (path.isRoot() || !std::holds_alternative<QString>(path.steps().first()))
        return {};
    return std::get<QString>(path.steps().first());
}

QStringList unguardedNames(const Expression &expression, const QString &text)
{
    QStringList names = expression.names();
    names.removeIf([&](const QString &name) {
        return std::any_of(std::begin(GuardFunctions), std::end(GuardFunctions), [&](const char *f) {
            return text.contains(QLatin1StringView(f) + u"('"_s + name) ||
                   text.contains(QLatin1StringView(f) + u"(\""_s + name);
        });
    });
    return names;
}

QString currentTransferUrl(std::string_view actionUrl)
{
    if (!actionUrl.starts_with("https://actions.globus.org/transfer/") &&
        !actionUrl.starts_with("https://actions.automate.globus.org/transfer/"))
        return {}; // the common case, decided without a regular expression
    static const QRegularExpression retired(u"^https://actions\\.(automate\\.)?globus\\.org/transfer/([a-z_]+)/?$"_s);
    const QRegularExpressionMatch match = retired.match(toQString(actionUrl));
    if (!match.hasMatch())
        return {};
    const QString operation = match.captured(2);
    return u"https://transfer.actions.globus.org/"_s +
           (operation == "set_permission"_L1 ? u"manage_permission"_s : operation);
}

QString renamedTransferKey(const QString &key)
{
    static const QHash<QString, QString> renamed{{u"transfer_items"_s, u"DATA"_s},
                                                 {u"source_endpoint_id"_s, u"source_endpoint"_s},
                                                 {u"destination_endpoint_id"_s, u"destination_endpoint"_s}};
    QString base = key;
    const QString suffix = base.endsWith(".$"_L1) || base.endsWith(".="_L1) ? base.right(2) : QString();
    base.chop(suffix.size());
    const QString name = renamed.value(base);
    return name.isEmpty() ? QString() : name + suffix;
}

} // namespace Flowdeck::Core::Lang
