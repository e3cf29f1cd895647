// SPDX-License-Identifier: GPL-3.0-or-later
// FD20x/FD21x: where states lead. Missing targets, unreachable states, flows that cannot end.
#include "core/lang/validationcontext.h"

#include <QHash>
#include <QJsonArray>
#include <QSet>

using namespace Qt::StringLiterals;

namespace Flowdeck::Core::Lang {

namespace {

// Where a state names another: its Next or Default, or the Next of Choices[i] / Catch[i].
struct Edge
{
    QString target;
    QString field;        // "Next", "Default", "Choices" or "Catch"
    qsizetype index = -1; // for Choices and Catch
};

QList<Edge> edgesOf(const QJsonObject &state)
{
    QList<Edge> edges;
    for (const char *field : {"Next", "Default"})
        if (state.value(QLatin1StringView(field)).isString())
            edges.append({state.value(QLatin1StringView(field)).toString(), QString::fromLatin1(field)});
    for (const char *list : {"Choices", "Catch"}) {
        const QJsonArray items = state.value(QLatin1StringView(list)).toArray();
        for (qsizetype i = 0; i < items.size(); ++i)
            if (items.at(i).toObject().value("Next"_L1).isString())
                edges.append({items.at(i).toObject().value("Next"_L1).toString(), QString::fromLatin1(list), i});
    }
    return edges;
}

bool isTerminal(const QJsonObject &state)
{
    return state.value("Type"_L1).toString() == "Fail"_L1 || state.value("End"_L1).toBool();
}

// A close name for "did you mean": same letters ignoring case, or one edit away.
QString closest(const QString &wanted, const QStringList &names)
{
    if (names.size() > 2000) // a hint is not worth a quadratic search in huge flows
        return {};
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
        for (const Edge &edge : edgesOf(state)) {
            if (!states.contains(edge.target)) {
                const QString hint = closest(edge.target, names);
                const Loc root, inStates(root, u"States"_s), at(inStates, it.key()), field(at, edge.field);
                const Loc item(field, edge.index), itemNext(item, u"Next"_s);
                c.error("FD201", edge.index < 0 ? field : itemNext,
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
        c.error("FD200", Loc(Loc(), u"StartAt"_s),
                hint.isEmpty() ? c.tr("\"StartAt\" names \"%1\", which is not a state").arg(startAt.toString())
                               : c.tr("\"StartAt\" names \"%1\", which is not a state; did you mean \"%2\"?")
                                     .arg(startAt.toString(), hint));
        return;
    }
    const QSet<QString> reachable = walk({startAt.toString()}, forward);
    const QSet<QString> canEnd = walk(terminals, backward);
    for (const QString &name : names)
        if (!reachable.contains(name))
            c.warning("FD210", Loc(Loc(Loc(), u"States"_s), name),
                      c.tr("The state \"%1\" can never run: no state leads to it").arg(name), true);
    if (!canEnd.contains(startAt.toString())) {
        c.error("FD211", Loc(Loc(), u"StartAt"_s),
                c.tr("This flow can never finish: no path from \"%1\" reaches a state with \"End\": true or a Fail "
                     "state")
                    .arg(startAt.toString()));
        return;
    }
    for (const QString &name : names)
        if (reachable.contains(name) && !canEnd.contains(name))
            c.error("FD212", Loc(Loc(Loc(), u"States"_s), name),
                    c.tr("Once at \"%1\" the flow can never finish: every path from here loops without an exit; "
                         "add a Choice with a way out, a Default, or \"End\": true")
                        .arg(name),
                    true);
}

} // namespace Flowdeck::Core::Lang
