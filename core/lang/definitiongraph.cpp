// SPDX-License-Identifier: GPL-3.0-or-later
// FD20x/FD21x: where states lead. Missing targets, unreachable states, flows that cannot end.
#include "core/lang/validationcontext.h"

#include <QStringList>

#include <string_view>
#include <unordered_map>
#include <vector>

using namespace Qt::StringLiterals;
using namespace std::string_view_literals;

namespace Flowdeck::Core::Lang {

namespace {

// Where a state names another: its Next or Default, or the Next of Choices[i] / Catch[i].
struct Edge
{
    JsonNode target;
    std::string_view field; // "Next", "Default", "Choices" or "Catch"
    qsizetype index = -1;   // for Choices and Catch
};

void collectEdges(const JsonNode &state, std::vector<Edge> &edges)
{
    edges.clear();
    for (const std::string_view field : {"Next"sv, "Default"sv})
        if (state.value(field).isString())
            edges.push_back({state.value(field), field});
    for (const std::string_view list : {"Choices"sv, "Catch"sv}) {
        const JsonNode items = state.value(list);
        for (qsizetype i = 0; i < items.size(); ++i)
            if (items.at(i).value("Next"_L1).isString())
                edges.push_back({items.at(i).value("Next"_L1), list, i});
    }
}

bool isTerminal(const JsonNode &state)
{
    return state.value("Type"_L1) == "Fail"sv || state.value("End"_L1).toBool();
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

// Every state reachable from starts along graph (adjacency by state index).
std::vector<bool> walk(const std::vector<int> &starts, const std::vector<std::vector<int>> &graph)
{
    std::vector<bool> seen(graph.size(), false);
    std::vector<int> queue = starts;
    for (const int start : starts)
        seen[size_t(start)] = true;
    while (!queue.empty()) {
        const int node = queue.back();
        queue.pop_back();
        for (const int next : graph[size_t(node)])
            if (!seen[size_t(next)]) {
                seen[size_t(next)] = true;
                queue.push_back(next);
            }
    }
    return seen;
}

QStringList stateNames(const JsonNode &states)
{
    QStringList names;
    for (const JsonNode state : states)
        names.append(state.key());
    return names;
}

} // namespace

void checkGraph(ValidationContext &c)
{
    const JsonNode states = c.states();
    std::vector<JsonNode> list(states.begin(), states.end());
    std::unordered_map<std::string_view, int> indexOf;
    indexOf.reserve(list.size());
    for (size_t i = 0; i < list.size(); ++i)
        indexOf[list[i].keyView()] = int(i);
    std::vector<std::vector<int>> forward(list.size());
    std::vector<std::vector<int>> backward(list.size());
    std::vector<int> terminals;
    std::vector<Edge> edges;
    const Loc root, inStates(root, "States");
    for (size_t from = 0; from < list.size(); ++from) {
        const JsonNode &state = list[from];
        if (isTerminal(state))
            terminals.push_back(int(from));
        collectEdges(state, edges);
        for (const Edge &edge : edges) {
            const auto to = indexOf.find(edge.target.stringView());
            if (to == indexOf.end()) {
                const QString target = edge.target.toString();
                const QString hint = closest(target, stateNames(states));
                const Loc at(inStates, state.keyView()), field(at, edge.field);
                const Loc item(field, edge.index), itemNext(item, "Next");
                c.error("FD201", edge.index < 0 ? field : itemNext,
                        hint.isEmpty()
                            ? c.tr("There is no state named \"%1\"").arg(target)
                            : c.tr("There is no state named \"%1\"; did you mean \"%2\"?").arg(target, hint));
                continue;
            }
            forward[from].push_back(to->second);
            backward[size_t(to->second)].push_back(int(from));
        }
    }
    const JsonNode startAt = c.definition().value("StartAt"_L1);
    if (!startAt.isString() || list.empty())
        return;
    const QString start = startAt.toString();
    const auto first = indexOf.find(startAt.stringView());
    if (first == indexOf.end()) {
        const QString hint = closest(start, stateNames(states));
        c.error("FD200", Loc(root, "StartAt"),
                hint.isEmpty()
                    ? c.tr("\"StartAt\" names \"%1\", which is not a state").arg(start)
                    : c.tr("\"StartAt\" names \"%1\", which is not a state; did you mean \"%2\"?").arg(start, hint));
        return;
    }
    const std::vector<bool> reachable = walk({first->second}, forward);
    const std::vector<bool> canEnd = walk(terminals, backward);
    for (size_t i = 0; i < list.size(); ++i)
        if (!reachable[i])
            c.warning("FD210", Loc(inStates, list[i].keyView()),
                      c.tr("The state \"%1\" can never run: no state leads to it").arg(list[i].key()), true);
    if (!canEnd[size_t(first->second)]) {
        c.error("FD211", Loc(root, "StartAt"),
                c.tr("This flow can never finish: no path from \"%1\" reaches a state with \"End\": true or a Fail "
                     "state")
                    .arg(start));
        return;
    }
    for (size_t i = 0; i < list.size(); ++i)
        if (reachable[i] && !canEnd[i])
            c.error("FD212", Loc(inStates, list[i].keyView()),
                    c.tr("Once at \"%1\" the flow can never finish: every path from here loops without an exit; "
                         "add a Choice with a way out, a Default, or \"End\": true")
                        .arg(list[i].key()),
                    true);
}

} // namespace Flowdeck::Core::Lang
