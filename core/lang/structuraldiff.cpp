// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/lang/structuraldiff.h"

#include "core/lang/flowgraph.h"
#include "core/lang/jsontext.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Flowdeck::Core::Lang {

namespace {

constexpr qsizetype MaxValueChars = 60;

void diff(const QJsonValue &before, const QJsonValue &after, QJsonArray &path, QList<JsonChange> &out)
{
    if (before == after)
        return;
    if (before.isObject() && after.isObject()) {
        const QJsonObject a = before.toObject();
        const QJsonObject b = after.toObject();
        QStringList keys = a.keys();
        for (const QString &key : b.keys())
            if (!a.contains(key))
                keys.append(key);
        std::sort(keys.begin(), keys.end());
        for (const QString &key : std::as_const(keys)) {
            path.append(key);
            if (!b.contains(key))
                out.append({JsonChange::Kind::Removed, path, a.value(key), QJsonValue::Undefined});
            else if (!a.contains(key))
                out.append({JsonChange::Kind::Added, path, QJsonValue::Undefined, b.value(key)});
            else
                diff(a.value(key), b.value(key), path, out);
            path.removeLast();
        }
    } else if (before.isArray() && after.isArray()) {
        const QJsonArray a = before.toArray();
        const QJsonArray b = after.toArray();
        for (qsizetype i = 0; i < std::max(a.size(), b.size()); ++i) {
            path.append(i);
            if (i >= b.size())
                out.append({JsonChange::Kind::Removed, path, a.at(i), QJsonValue::Undefined});
            else if (i >= a.size())
                out.append({JsonChange::Kind::Added, path, QJsonValue::Undefined, b.at(i)});
            else
                diff(a.at(i), b.at(i), path, out);
            path.removeLast();
        }
    } else {
        out.append({JsonChange::Kind::Changed, path, before, after});
    }
}

QString compact(const QJsonValue &value)
{
    const QByteArray json = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return elideText(QString::fromUtf8(json.mid(1, json.size() - 2)), MaxValueChars);
}

QString tr(const char *text)
{
    return QCoreApplication::translate("StructuralDiff", text);
}

void appendUnique(QStringList &list, const QString &item)
{
    if (!list.contains(item))
        list.append(item);
}

// Summarizes changes of a definition (paths relative to it) into s.
class Summarizer
{
public:
    explicit Summarizer(FlowDiffSummary &summary)
        : s(summary)
    {}

    void change(const JsonChange &c, const QJsonArray &path)
    {
        if (path.isEmpty())
            return definitions(c.before.toObject(), c.after.toObject());
        const QString key = path.first().toString();
        if (key != "States"_L1)
            return appendUnique(s.otherChanges, key);
        if (path.size() == 1)
            return states(c.before.toObject(), c.after.toObject());
        const QString name = path.at(1).toString();
        if (path.size() == 2 && c.kind == JsonChange::Kind::Added)
            appendUnique(s.statesAdded, name);
        else if (path.size() == 2 && c.kind == JsonChange::Kind::Removed)
            appendUnique(s.statesRemoved, name);
        else
            appendUnique(s.statesChanged, name);
    }

private:
    // A whole definition replaced (added, removed, or of another type): compare what it held.
    void definitions(const QJsonObject &before, const QJsonObject &after)
    {
        for (const JsonChange &c : structuralDiff(before, after))
            change(c, c.path);
    }

    void states(const QJsonObject &before, const QJsonObject &after)
    {
        for (const JsonChange &c : structuralDiff(before, after)) {
            QJsonArray path{u"States"_s};
            for (const QJsonValue &step : c.path)
                path.append(step);
            change(c, path);
        }
    }

    FlowDiffSummary &s;
};

} // namespace

QList<JsonChange> structuralDiff(const QJsonValue &before, const QJsonValue &after)
{
    QList<JsonChange> changes;
    QJsonArray path;
    diff(before, after, path, changes);
    return changes;
}

QString describeChange(const JsonChange &change)
{
    const QString path = pathToString(change.path);
    switch (change.kind) {
    case JsonChange::Kind::Added:
        if (change.after.isObject() || change.after.isArray())
            return tr("added %1").arg(path);
        return tr("added %1: %2").arg(path, compact(change.after));
    case JsonChange::Kind::Removed:
        if (change.before.isObject() || change.before.isArray())
            return tr("removed %1").arg(path);
        return tr("removed %1: %2").arg(path, compact(change.before));
    case JsonChange::Kind::Changed:
        break;
    }
    return u"%1: %2 → %3"_s.arg(path, compact(change.before), compact(change.after));
}

bool FlowDiffSummary::isEmpty() const
{
    return statesAdded.isEmpty() && statesRemoved.isEmpty() && statesChanged.isEmpty() && otherChanges.isEmpty();
}

FlowDiffSummary summarizeDefinitionDiff(const QList<JsonChange> &definitionChanges)
{
    FlowDiffSummary summary;
    Summarizer summarizer(summary);
    for (const JsonChange &change : definitionChanges) {
        QJsonArray path = change.path;
        if (path.isEmpty() && (change.before[u"definition"_s].isObject() || change.after[u"definition"_s].isObject())) {
            // A whole flow document replaced: summarize what differs inside it.
            const FlowDiffSummary inner =
                summarizeDefinitionDiff(structuralDiff(change.before.toObject(), change.after.toObject()));
            for (const auto &[to, from] : {std::pair{&summary.statesAdded, &inner.statesAdded},
                                           std::pair{&summary.statesRemoved, &inner.statesRemoved},
                                           std::pair{&summary.statesChanged, &inner.statesChanged},
                                           std::pair{&summary.otherChanges, &inner.otherChanges}})
                for (const QString &item : *from)
                    appendUnique(*to, item);
        } else if (!path.isEmpty() && path.first() == u"definition"_s) {
            // A flow document: the definition's changes are summarized by state, the rest by key.
            path.removeFirst();
            summarizer.change(change, path);
        } else {
            summarizer.change(change, path);
        }
    }
    return summary;
}

} // namespace Flowdeck::Core::Lang
