// SPDX-License-Identifier: GPL-3.0-or-later
// FD20x/FD21x: where states lead. Missing targets, unreachable states, flows that cannot end.
#include "core/lang/validationcontext.h"

#include <QHash>
#include <QJsonArray>
#include <QSet>

using namespace Qt::StringLiterals;

namespace Flowdeck::Core::Lang {

namespace {

struct Edge
{
    QString target;
    QJsonArray path; // where the target is named
};

QList<Edge> edgesOf(const QString &name, const QJsonObject &state)
{
    const QJsonArray at{u"States"_s, name};
    QList<Edge> edges;
    auto add = [&](const QJsonValue &target, const QJsonArray &path) {
        if (target.isString())
            edges.append({target.toString(), path});
    };
    add(state.value("Next"_L1), ValidationContext::join(at, u"Next"_s));
    add(state.value("Default"_L1), ValidationContext::join(at, u"Default"_s));
    const QJsonArray choices = state.value("Choices"_L1).toArray();
    for (qsizetype i = 0; i < choices.size(); ++i)
        add(choices.at(i).toObject().value("Next"_L1), QJsonArray{u"States"_s, name, u"Choices"_s, i, u"Next"_s});
    const QJsonArray catchers = state.value("Catch"_L1).toArray();
    for (qsizetype i = 0; i < catchers.size(); ++i)
        add(catchers.at(i).toObject().value("Next"_L1), QJsonArray{u"States"_s, name, u"Catch"_s, i, u"Next"_s});
    return edges;
}

bool isTerminal(const QJsonObject &state)
{
    return state.value("Type"_L1).toString() == "Fail"_L1 || state.value("End"_L1).toBool();
}

// A close name for "did you mean": same letters ignoring case, or one edit away.
QString closest(const QString &wanted, const QStringList &names)
{
    for (const QString &name : names)
        if (name.compare(wanted, Qt::CaseInsensitive) == 0)
            return name;
    for (const QString &name : names) {
        if (std::abs(name.size() - wanted.size()) > 1)
            continue;
        qsizetype i = 0;
        while (i < std::min(name.size(), wanted.size()) && name[i] == wanted[i])
            ++i;
        const qsizetype a = name.size() - 1, b = wanted.size() - 1;
        qsizetype j = 0;
        while (j <= std::min(a, b) - i && name[a - j] == wanted[b - j])
            ++j;
        if (i + j >= std::max(name.size(), wanted.size()) - 1)
            return name;
    }
    return {};
}

QSet<QString> walk(const QStringList &starts, const QHash<QString, QStringList> &graph)
{
    QSet<QString> seen(starts.begin(), starts.end());
    QStringList queue = starts;
    while (!queue.isEmpty()) {
        const QString node = queue.takeLast();
        for (const QString &next : graph.value(node))
            if (!seen.contains(next)) {
                seen.insert(next);
                queue.append(next);
            }
    }
    return seen;
}

} // namespace

void checkGraph(ValidationContext &c)
{
    const QJsonObject states = c.states();
    const QStringList names = states.keys();
    QHash<QString, QStringList> forward;
    QHash<QString, QStringList> backward;
    QStringList terminals;
    for (auto it = states.begin(); it != states.end(); ++it) {
        const QJsonObject state = it.value().toObject();
        if (isTerminal(state))
            terminals.append(it.key());
        for (const Edge &edge : edgesOf(it.key(), state)) {
            if (!states.contains(edge.target)) {
                const QString hint = closest(edge.target, names);
                c.error("FD201", edge.path,
                        hint.isEmpty()
                            ? c.tr("There is no state named \"%1\"").arg(edge.target)
                            : c.tr("There is no state named \"%1\"; did you mean \"%2\"?").arg(edge.target, hint));
                continue;
            }
            forward[it.key()].append(edge.target);
            backward[edge.target].append(it.key());
        }
    }
    const QJsonValue startAt = c.definition().value("StartAt"_L1);
    if (!startAt.isString() || states.isEmpty())
        return;
    if (!states.contains(startAt.toString())) {
        const QString hint = closest(startAt.toString(), names);
        c.error("FD200", {u"StartAt"_s},
                hint.isEmpty() ? c.tr("\"StartAt\" names \"%1\", which is not a state").arg(startAt.toString())
                               : c.tr("\"StartAt\" names \"%1\", which is not a state; did you mean \"%2\"?")
                                     .arg(startAt.toString(), hint));
        return;
    }
    const QSet<QString> reachable = walk({startAt.toString()}, forward);
    const QSet<QString> canEnd = walk(terminals, backward);
    for (const QString &name : names)
        if (!reachable.contains(name))
            c.warning("FD210", {u"States"_s, name},
                      c.tr("The state \"%1\" can never run: no state leads to it").arg(name), true);
    if (!canEnd.contains(startAt.toString())) {
        c.error("FD211", {u"StartAt"_s},
                c.tr("This flow can never finish: no path from \"%1\" reaches a state with \"End\": true or a Fail "
                     "state")
                    .arg(startAt.toString()));
        return;
    }
    for (const QString &name : names)
        if (reachable.contains(name) && !canEnd.contains(name))
            c.error("FD212", {u"States"_s, name},
                    c.tr("Once at \"%1\" the flow can never finish: every path from here loops without an exit; "
                         "add a Choice with a way out, a Default, or \"End\": true")
                        .arg(name),
                    true);
}

} // namespace Flowdeck::Core::Lang
