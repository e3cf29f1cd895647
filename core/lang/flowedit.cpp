// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/lang/flowedit.h"

#include "core/lang/jsonedit.h"

#include <QCoreApplication>
#include <QMap>

using namespace Qt::StringLiterals;

namespace Flowdeck::Core::Lang::FlowEdit {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("FlowEdit", text);
}

struct Context
{
    const JsonText &text;
    QJsonArray states; // the path of "States"
    JsonNode definition;
    JsonNode statesNode;

    explicit Context(const JsonText &t)
        : text(t)
        , states(definitionPath(t) + u"States"_s)
        , definition(t.node(definitionPath(t)))
        , statesNode(definition.value("States"_L1))
    {}
    bool valid() const { return statesNode.isObject(); }
    QJsonArray state(const QString &name) const { return states + name; }
    JsonNode node(const QString &name) const { return statesNode.value(name); }
};

// Every place that names target as the state to go to, except inside skip.
QList<QJsonArray> referencesTo(const Context &c, const QString &target, const QString &skip = {})
{
    QList<QJsonArray> found;
    for (const JsonNode state : c.statesNode) {
        const QString name = state.key();
        if (name == skip)
            continue;
        const QJsonArray at = c.state(name);
        for (const char *field : {"Next", "Default"})
            if (state.value(QLatin1StringView(field)) == target.toStdString())
                found.append(at + QString::fromLatin1(field));
        for (const char *list : {"Choices", "Catch"}) {
            const JsonNode items = state.value(QLatin1StringView(list));
            for (qsizetype i = 0; items.isArray() && i < items.size(); ++i)
                if (items.at(i).value("Next"_L1) == target.toStdString())
                    found.append(at + QString::fromLatin1(list) + i + u"Next"_s);
        }
    }
    return found;
}

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

bool add(TextChange &change, const std::optional<TextEdit> &edit)
{
    if (edit)
        change.edits.append(*edit);
    return edit.has_value();
}

bool endsByItself(const JsonNode &state)
{
    return state.value("Type"_L1) == "Fail" || state.value("Type"_L1) == "Succeed";
}

} // namespace

QJsonArray definitionPath(const JsonText &text)
{
    const JsonNode root = text.isValid() ? text.root() : JsonNode();
    if (root.isObject() && !root.contains("States"_L1) && root.value("definition"_L1).isObject())
        return {u"definition"_s};
    return {};
}

QStringList stateNames(const JsonText &text)
{
    QStringList names;
    for (const JsonNode state : Context(text).statesNode)
        names.append(state.key());
    return names;
}

QString uniqueStateName(const JsonText &text, const QString &base)
{
    const QStringList names = stateNames(text);
    QString name = base;
    for (int i = 2; names.contains(name); ++i)
        name = base + QString::number(i);
    return name;
}

TextChange renameState(const JsonText &text, const QString &from, const QString &to, QString *error)
{
    const Context c(text);
    TextChange change{tr("Rename \"%1\" to \"%2\"").arg(from, to), {}};
    if (!c.valid() || c.node(from).isUndefined())
        return fail(error, tr("There is no state named \"%1\"").arg(from)), TextChange{};
    if (to.trimmed().isEmpty())
        return fail(error, tr("A state needs a name")), TextChange{};
    if (from == to)
        return {};
    if (!c.node(to).isUndefined())
        return fail(error, tr("There is already a state named \"%1\"").arg(to)), TextChange{};
    add(change, JsonEdit::renameKey(text, c.state(from), to));
    if (c.definition.value("StartAt"_L1) == from.toStdString())
        add(change, JsonEdit::replaceValue(text, definitionPath(text) + u"StartAt"_s, to));
    for (const QJsonArray &reference : referencesTo(c, from))
        add(change, JsonEdit::replaceValue(text, reference, to));
    return change;
}

TextChange deleteState(const JsonText &text, const QString &name, QString *error)
{
    const Context c(text);
    if (!c.valid() || c.node(name).isUndefined())
        return fail(error, tr("There is no state named \"%1\"").arg(name)), TextChange{};
    TextChange change{tr("Delete \"%1\"").arg(name), {}};
    add(change, JsonEdit::remove(text, c.state(name)));
    struct Going
    {
        bool next = false, defaultTarget = false;
        QList<qsizetype> catchers; // indexes of the catchers that named it
    };
    QMap<QString, Going> going; // per state that named it
    for (const QJsonArray &reference : referencesTo(c, name, name)) {
        Going &g = going[reference.at(c.states.size()).toString()];
        const QString field = reference.at(c.states.size() + 1).toString();
        if (field == "Next"_L1)
            g.next = true;
        else if (field == "Default"_L1)
            g.defaultTarget = true;
        else if (field == "Catch"_L1)
            g.catchers.append(reference.at(c.states.size() + 2).toInteger());
    }
    for (auto it = going.cbegin(); it != going.cend(); ++it) {
        const QJsonArray at = c.state(it.key());
        const JsonNode state = c.node(it.key());
        const JsonNode catchers = state.value("Catch"_L1);
        const bool allCatchers = !it->catchers.isEmpty() && it->catchers.size() == catchers.size();
        // Two members removed from one object would share a comma: rewrite that one state instead.
        if (it->defaultTarget && allCatchers) {
            QJsonObject rewritten = state.toJsonValue().toObject();
            rewritten.remove(u"Default"_s);
            rewritten.remove(u"Catch"_s);
            if (it->next) {
                rewritten.remove(u"Next"_s);
                rewritten.insert(u"End"_s, true);
            }
            add(change, JsonEdit::replaceValue(text, at, rewritten));
            continue;
        }
        if (it->next)
            add(change, JsonEdit::replaceMember(text, at + u"Next"_s, u"End"_s, true));
        if (it->defaultTarget)
            add(change, JsonEdit::remove(text, at + u"Default"_s));
        if (allCatchers) {
            add(change, JsonEdit::remove(text, at + u"Catch"_s));
        } else if (it->catchers.size() == 1) {
            add(change, JsonEdit::remove(text, at + u"Catch"_s + it->catchers.first()));
        } else if (!it->catchers.isEmpty()) { // removals in one list would share commas: rewrite it
            QJsonArray kept;
            for (qsizetype i = 0; i < catchers.size(); ++i)
                if (!it->catchers.contains(i))
                    kept.append(catchers.at(i).toJsonValue());
            add(change, JsonEdit::replaceValue(text, at + u"Catch"_s, kept));
        }
    }
    return change;
}

TextChange addState(const JsonText &text, const QString &name, const QJsonObject &state, const QString &connectFrom,
                    QString *error)
{
    const Context c(text);
    if (!c.valid())
        return fail(error, tr("The definition has no \"States\" object to add to")), TextChange{};
    if (name.trimmed().isEmpty() || !c.node(name).isUndefined())
        return fail(error, tr("There is already a state named \"%1\"").arg(name)), TextChange{};
    QJsonObject added = state;
    const bool isChoice = added.value("Type"_L1) == "Choice"_L1;
    const bool canGoOn = !isChoice && added.value("Type"_L1) != "Fail"_L1 && added.value("Type"_L1) != "Succeed"_L1;
    TextChange change{tr("Add \"%1\"").arg(name), {}};
    QString then; // where the new state goes: connectFrom's old successor
    if (!connectFrom.isEmpty()) {
        const JsonNode from = c.node(connectFrom);
        const QJsonArray at = c.state(connectFrom);
        if (!from.isObject())
            return fail(error, tr("There is no state named \"%1\"").arg(connectFrom)), TextChange{};
        if (endsByItself(from))
            return fail(error, tr("Nothing can follow \"%1\": it ends the flow").arg(connectFrom)), TextChange{};
        if (from.value("Type"_L1) == "Choice") {
            if (!from.contains("Default"_L1))
                add(change, JsonEdit::insertMember(text, at, u"Default"_s, name));
        } else if (from.value("Next"_L1).isString()) {
            then = from.value("Next"_L1).toString();
            add(change, JsonEdit::replaceValue(text, at + u"Next"_s, name));
        } else if (from.contains("End"_L1)) {
            add(change, JsonEdit::replaceMember(text, at + u"End"_s, u"Next"_s, name));
        } else {
            add(change, JsonEdit::insertMember(text, at, u"Next"_s, name));
        }
    }
    if (isChoice && !then.isEmpty()) { // the template's rule and default continue where the flow went
        QJsonArray rules = added.value("Choices"_L1).toArray();
        for (qsizetype i = 0; i < rules.size(); ++i) {
            QJsonObject rule = rules.at(i).toObject();
            rule.insert(u"Next"_s, then);
            rules.replace(i, rule);
        }
        added.insert(u"Choices"_s, rules);
        added.insert(u"Default"_s, then);
    } else if (canGoOn) {
        if (then.isEmpty())
            added.insert(u"End"_s, true);
        else
            added.insert(u"Next"_s, then);
    }
    if (!add(change, JsonEdit::insertMember(text, c.states, name, added, connectFrom)))
        return fail(error, tr("The state could not be added")), TextChange{};
    return change;
}

TextChange connect(const JsonText &text, const QString &from, EdgeKind kind, int index, const QString &to,
                   QString *error)
{
    const Context c(text);
    const JsonNode state = c.node(from);
    if (!state.isObject())
        return fail(error, tr("There is no state named \"%1\"").arg(from)), TextChange{};
    const QJsonArray at = c.state(from);
    const bool isChoice = state.value("Type"_L1) == "Choice";
    if (kind == EdgeKind::Next && isChoice)
        kind = EdgeKind::Default;
    TextChange change{tr("Connect \"%1\" to \"%2\"").arg(from, to), {}};
    switch (kind) {
    case EdgeKind::Next:
        if (endsByItself(state))
            return fail(error, tr("Nothing can follow \"%1\": it ends the flow").arg(from)), TextChange{};
        if (state.contains("Next"_L1))
            add(change, JsonEdit::replaceValue(text, at + u"Next"_s, to));
        else if (state.contains("End"_L1))
            add(change, JsonEdit::replaceMember(text, at + u"End"_s, u"Next"_s, to));
        else
            add(change, JsonEdit::insertMember(text, at, u"Next"_s, to));
        break;
    case EdgeKind::Default:
        if (!isChoice)
            return fail(error, tr("Only a Choice state has a Default")), TextChange{};
        add(change, JsonEdit::setMember(text, at, u"Default"_s, to));
        break;
    case EdgeKind::ChoiceRule:
        add(change, JsonEdit::setMember(text, at + u"Choices"_s + index, u"Next"_s, to));
        break;
    case EdgeKind::Catch:
        if (index >= 0) {
            add(change, JsonEdit::setMember(text, at + u"Catch"_s + index, u"Next"_s, to));
            break;
        }
        const QJsonObject catcher{{u"ErrorEquals"_s, QJsonArray{u"States.ALL"_s}}, {u"Next"_s, to}};
        if (state.value("Catch"_L1).isArray())
            add(change, JsonEdit::appendElement(text, at + u"Catch"_s, catcher));
        else
            add(change, JsonEdit::insertMember(text, at, u"Catch"_s, QJsonArray{catcher}));
        break;
    }
    if (change.isEmpty())
        fail(error, tr("\"%1\" has no such transition").arg(from));
    return change;
}

} // namespace Flowdeck::Core::Lang::FlowEdit
