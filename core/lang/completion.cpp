// SPDX-License-Identifier: GPL-3.0-or-later
// Completion and hover help in the definition editor. The text is read with PartialJson (it is
// rarely valid while being typed), the cursor's place is worked out from the path of keys around
// it, and the proposals come from Vocabulary, the state names and the well-known action providers.
#include "core/lang/completion.h"

#include "core/lang/jsontext.h"
#include "core/lang/partialjson.h"
#include "core/lang/statetemplates.h"
#include "core/lang/vocabulary.h"

#include <QCoreApplication>
#include <QSet>

using namespace Qt::StringLiterals;

namespace Flowdeck::Core::Lang {

namespace {

using Role = PartialJson::Role;
using Kind = PartialJson::Node::Kind;

enum class Place { None, Root, State, TopRule, Rule, Catcher, ErrorList, Handler };

// Where the cursor is, in terms of the flow language.
struct Context
{
    Place place = Place::None;
    int definition = -1; // the definition object (inside a flow document's "definition" when there is one)
    int object = -1;     // the container the cursor is in
    QString stateName;   // of the state around the cursor
    QString stateType;   // "" when unknown
};

QJsonArray tail(const QJsonArray &path, qsizetype from)
{
    QJsonArray rest;
    for (qsizetype i = from; i < path.size(); ++i)
        rest.append(path.at(i));
    return rest;
}

QString stringOf(const PartialJson &json, int node)
{
    return node >= 0 ? QString::fromUtf8(json.string(node)) : QString();
}

// [..., "Not"] or [..., "And"|"Or", index] repeated: a rule nested in another.
bool isNestedRule(const QJsonArray &rest)
{
    for (qsizetype i = 0; i < rest.size(); ++i) {
        const QString step = rest.at(i).toString();
        if (step == "Not"_L1)
            continue;
        if ((step != "And"_L1 && step != "Or"_L1) || i + 1 >= rest.size() || !rest.at(i + 1).isDouble())
            return false;
        ++i;
    }
    return true;
}

Place placeIn(const QJsonArray &rest, Kind kind)
{
    const auto at = [&](qsizetype i) { return rest.at(i).toString(); };
    if (rest.isEmpty())
        return kind == Kind::Object ? Place::State : Place::None;
    if (at(0) == "Choices"_L1 && rest.size() >= 2 && rest.at(1).isDouble() && kind == Kind::Object)
        return rest.size() == 2 ? Place::TopRule : isNestedRule(tail(rest, 2)) ? Place::Rule : Place::None;
    if (at(0) == "Catch"_L1 && rest.size() == 2 && kind == Kind::Object)
        return Place::Catcher;
    if (at(0) == "Catch"_L1 && rest.size() == 3 && at(2) == "ErrorEquals"_L1 && kind == Kind::Array)
        return Place::ErrorList;
    if (at(0) == "Handler"_L1 && rest.size() == 1 && kind == Kind::Object)
        return Place::Handler;
    return Place::None;
}

Context locate(const PartialJson &json)
{
    Context c;
    c.object = json.cursor().container;
    const int root = json.root();
    if (c.object < 0 || json.node(root).kind != Kind::Object)
        return c;
    QList<int> chain; // root ... object
    for (int node = c.object; node >= 0; node = json.node(node).parent)
        chain.prepend(node);
    QJsonArray path = json.path(c.object);
    const int wrapped = json.member(root, "definition");
    if (wrapped >= 0 && json.node(wrapped).kind == Kind::Object) {
        if (path.isEmpty() || path.first().toString() != "definition"_L1)
            return c; // in the flow document around the definition
        chain.removeFirst();
        path.removeFirst();
    }
    c.definition = chain.first();
    if (path.isEmpty()) {
        c.place = Place::Root;
        return c;
    }
    if (path.size() < 2 || path.first().toString() != "States"_L1)
        return c;
    const int state = chain.at(2);
    c.stateName = path.at(1).toString();
    c.stateType = stringOf(json, json.member(state, "Type"));
    if (!Vocabulary::stateTypes().contains(c.stateType))
        c.stateType.clear();
    c.place = placeIn(tail(path, 2), json.node(c.object).kind);
    return c;
}

QByteArray quoted(const QString &text)
{
    QByteArray out = "\"";
    for (const char ch : text.toUtf8()) {
        if (ch == '"' || ch == '\\')
            out += '\\';
        if (uchar(ch) < 0x20)
            out += "\\u00" + QByteArray::number(uchar(ch), 16).rightJustified(2, '0');
        else
            out += ch;
    }
    return out + '"';
}

// The keys the object has, except the one being typed at the cursor.
QSet<QString> presentKeys(const PartialJson &json, int object)
{
    QSet<QString> keys;
    const PartialJson::Cursor &cursor = json.cursor();
    for (int child = json.node(object).firstChild; child >= 0; child = json.node(child).next)
        if (!(cursor.inToken && json.node(child).keyStart == cursor.tokenStart))
            keys.insert(QString::fromUtf8(json.key(child)));
    return keys;
}

// Fields that cannot stand together: once one is there, the others are not offered.
void dropExclusive(QStringList &fields, const QSet<QString> &present, const QString &stateType)
{
    QList<QStringList> groups{
        {u"Next"_s, u"End"_s},        {u"ActionUrl"_s, u"Handler"_s},
        {u"Error"_s, u"ErrorPath"_s}, {u"Cause"_s, u"CausePath"_s},
        {u"Url"_s, u"Id"_s},          {u"Seconds"_s, u"SecondsPath"_s, u"Timestamp"_s, u"TimestampPath"_s}};
    if (stateType == "Action"_L1)
        groups.append({u"Parameters"_s, u"InputPath"_s});
    for (const QStringList &group : std::as_const(groups))
        for (const QString &field : group)
            if (present.contains(field)) {
                for (const QString &other : group)
                    fields.removeAll(other);
                break;
            }
}

// A rule is a comparison (Variable and one operator) or one combinator.
QStringList ruleFields(bool topLevel, const QSet<QString> &present)
{
    QStringList fields = Vocabulary::choiceRuleFields(topLevel);
    const QStringList &operators = Vocabulary::choiceOperators();
    const QStringList combinators{u"And"_s, u"Or"_s, u"Not"_s};
    const auto any = [&](const QStringList &names) {
        return std::any_of(names.begin(), names.end(), [&](const QString &n) { return present.contains(n); });
    };
    if (any(combinators)) {
        fields.removeIf([&](const QString &f) { return f != "Next"_L1; });
    } else {
        if (any(operators))
            fields.removeIf([&](const QString &f) { return operators.contains(f); });
        if (any(operators) || present.contains(u"Variable"_s))
            fields.removeIf([&](const QString &f) { return combinators.contains(f); });
    }
    return fields;
}

QList<CompletionItem> keyItems(const PartialJson &json, const Context &c)
{
    const QSet<QString> present = presentKeys(json, c.object);
    QStringList fields;
    QString helpContext;
    switch (c.place) {
    case Place::Root:
        fields = Vocabulary::rootFields();
        helpContext = Vocabulary::Root;
        break;
    case Place::State:
        fields = c.stateType.isEmpty() ? Vocabulary::allStateFields() : Vocabulary::stateFields(c.stateType);
        helpContext = c.stateType;
        break;
    case Place::TopRule:
    case Place::Rule:
        fields = ruleFields(c.place == Place::TopRule, present);
        helpContext = Vocabulary::ChoiceRule;
        break;
    case Place::Catcher:
        fields = Vocabulary::catcherFields();
        helpContext = Vocabulary::Catcher;
        break;
    case Place::Handler:
        fields = Vocabulary::handlerFields(stringOf(json, json.member(c.object, "Type")));
        helpContext = Vocabulary::Handler;
        break;
    default:
        return {};
    }
    fields.removeIf([&](const QString &f) { return present.contains(f); });
    dropExclusive(fields, present, c.stateType);
    QList<CompletionItem> items;
    for (const QString &field : std::as_const(fields))
        items.append({CompletionItem::Kind::Field, field,
                      json.cursor().colonFollows ? quoted(field) : Vocabulary::insertText(field),
                      Vocabulary::fieldHelp(helpContext, field)});
    return items;
}

// The state names in the text; when it is too broken to show them all, also those of the last valid
// text that still appear in it as names.
QList<CompletionItem> stateItems(const PartialJson &json, const Context &c, const JsonText &lastValid, bool withSelf)
{
    QList<CompletionItem> items;
    QSet<QString> seen;
    const auto add = [&](const QString &name, const QString &type) {
        if (seen.contains(name))
            return;
        seen.insert(name);
        if (withSelf || name != c.stateName) {
            const QString detail =
                type.isEmpty() ? QString() : QCoreApplication::translate("Completion", "%1 state").arg(type);
            items.append({CompletionItem::Kind::StateName, name, quoted(name), detail});
        }
    };
    const int states = json.member(c.definition, "States");
    if (states >= 0)
        for (int state = json.node(states).firstChild; state >= 0; state = json.node(state).next)
            add(QString::fromUtf8(json.key(state)), stringOf(json, json.member(state, "Type")));
    JsonNode lastStates = lastValid.root();
    if (lastStates.value("definition"_L1).isObject())
        lastStates = lastStates.value("definition"_L1);
    lastStates = lastStates.value("States"_L1);
    QSet<QByteArray> allKeys;
    for (const JsonNode state : lastStates) {
        if (seen.contains(state.key()))
            continue;
        if (allKeys.isEmpty())
            for (int node = 0; node < json.nodes().size(); ++node)
                allKeys.insert(json.key(node));
        if (allKeys.contains(state.key().toUtf8()))
            add(state.key(), state.value("Type"_L1).toString());
    }
    return items;
}

QList<CompletionItem> words(const QStringList &values, bool asStrings,
                            CompletionItem::Kind kind = CompletionItem::Kind::Value)
{
    QList<CompletionItem> items;
    for (const QString &value : values)
        items.append({kind, value, asStrings ? quoted(value) : value.toUtf8(), Vocabulary::stateTypeHelp(value)});
    return items;
}

QList<CompletionItem> providerItems()
{
    QList<CompletionItem> items;
    for (const ActionProviderInfo &provider : wellKnownActionProviders())
        items.append({CompletionItem::Kind::ActionUrl, provider.url, quoted(provider.url), provider.title});
    return items;
}

QList<CompletionItem> valueItems(const PartialJson &json, const Context &c, const JsonText &lastValid)
{
    const QByteArray &key = json.cursor().key;
    const QStringList booleans{u"true"_s, u"false"_s};
    const bool booleanOperator =
        key == "BooleanEquals" ||
        (key.startsWith("Is") && Vocabulary::choiceOperators().contains(QString::fromUtf8(key)));
    switch (c.place) {
    case Place::Root:
        return key == "StartAt" ? stateItems(json, c, lastValid, true) : QList<CompletionItem>();
    case Place::State:
        if (key == "Next" || key == "Default")
            return stateItems(json, c, lastValid, false);
        if (key == "Type")
            return words(Vocabulary::stateTypes(), true);
        if (key == "ActionUrl")
            return providerItems();
        if (key == "End")
            return words({u"true"_s}, false);
        if (key == "ExceptionOnActionFailure")
            return words(booleans, false);
        if (key == "RunAs")
            return words({u"User"_s, u"Flow"_s}, true);
        return {};
    case Place::TopRule:
    case Place::Rule:
        if (key == "Next" && c.place == Place::TopRule)
            return stateItems(json, c, lastValid, false);
        return booleanOperator ? words(booleans, false) : QList<CompletionItem>();
    case Place::Catcher:
        // A catcher may send the run back to its own state: retrying is a common use.
        return key == "Next" ? stateItems(json, c, lastValid, true) : QList<CompletionItem>();
    case Place::ErrorList:
        return words(Vocabulary::errorNames(), true);
    case Place::Handler:
        if (key == "Type")
            return words({u"ActionProvider"_s, u"RegisteredAPI"_s}, true);
        return key == "Url" ? providerItems() : QList<CompletionItem>();
    case Place::None:
        break;
    }
    return {};
}

// Labels starting with what was typed first, then labels containing it; both case-insensitive.
QList<CompletionItem> filtered(const QList<CompletionItem> &items, const QString &typed)
{
    if (typed.isEmpty())
        return items;
    QList<CompletionItem> starting, containing;
    for (const CompletionItem &item : items) {
        if (item.label.startsWith(typed, Qt::CaseInsensitive))
            starting.append(item);
        else if (item.label.contains(typed, Qt::CaseInsensitive))
            containing.append(item);
    }
    return starting + containing;
}

QString providerHelp(const QString &url)
{
    QString normalized = url;
    while (normalized.endsWith(u'/'))
        normalized.chop(1);
    for (const ActionProviderInfo &provider : wellKnownActionProviders())
        if (provider.url == normalized)
            return provider.title + u": "_s + provider.description;
    return {};
}

} // namespace

namespace DefinitionAssist {

Completion completeAt(const QByteArray &text, qsizetype offset, const JsonText &lastValid)
{
    const PartialJson json = PartialJson::read(text, offset);
    const PartialJson::Cursor &cursor = json.cursor();
    if (cursor.role == Role::None)
        return {};
    const Context context = locate(json);
    const QList<CompletionItem> items =
        cursor.role == Role::Key ? keyItems(json, context) : valueItems(json, context, lastValid);
    return {cursor.tokenStart, cursor.tokenEnd, filtered(items, QString::fromUtf8(cursor.typed))};
}

QString hoverHelp(const QByteArray &text, qsizetype offset)
{
    const PartialJson json = PartialJson::read(text, offset, PartialJson::Mode::Hover);
    const PartialJson::Cursor &cursor = json.cursor();
    const Context c = locate(json);
    const QString word = QString::fromUtf8(cursor.text);
    if (cursor.role == Role::Key) {
        switch (c.place) {
        case Place::Root:
            return Vocabulary::fieldHelp(Vocabulary::Root, word);
        case Place::State:
            return Vocabulary::fieldHelp(c.stateType, word);
        case Place::TopRule:
        case Place::Rule:
            return Vocabulary::fieldHelp(Vocabulary::ChoiceRule, word);
        case Place::Catcher:
            return Vocabulary::fieldHelp(Vocabulary::Catcher, word);
        case Place::Handler:
            return Vocabulary::fieldHelp(Vocabulary::Handler, word);
        default:
            return {};
        }
    }
    if (cursor.role != Role::Value || !cursor.tokenIsString)
        return {};
    if ((c.place == Place::State && cursor.key == "ActionUrl") || (c.place == Place::Handler && cursor.key == "Url"))
        return providerHelp(word);
    if (c.place == Place::State && cursor.key == "Type")
        return Vocabulary::stateTypeHelp(word);
    return {};
}

} // namespace DefinitionAssist
} // namespace Flowdeck::Core::Lang
