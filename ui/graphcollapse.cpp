// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/graphcollapse.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;
using namespace Flowdeck::Core::Lang;

namespace Flowdeck::Ui {

namespace {

// Which collapsed Choice hides each hidden node. Dominator regions nest, so a Choice inside another
// collapsed one is hidden itself and only the outermost owns its region.
QHash<int, int> hiddenOwners(const FlowGraph &full, const QSet<QString> &choices, QHash<QString, int> *counts)
{
    QHash<int, QSet<int>> regions;
    QSet<int> hidden;
    for (const QString &name : choices) {
        const int choice = full.indexOf(name);
        if (choice < 0 || full.nodes.at(choice).type != StateType::Choice)
            continue;
        QSet<int> region = dominatedBy(full, choice);
        if (region.isEmpty())
            continue;
        hidden.unite(region);
        regions.insert(choice, std::move(region));
    }
    QHash<int, int> owners;
    for (auto it = regions.cbegin(); it != regions.cend(); ++it) {
        if (hidden.contains(it.key()))
            continue;
        counts->insert(full.nodes.at(it.key()).name, int(it.value().size()));
        for (const int node : it.value())
            owners.insert(node, it.key());
    }
    return owners;
}

} // namespace

QString collapsedText(int count)
{
    return count == 1 ? QCoreApplication::translate("Flowdeck::Ui::FlowGraphView", "\u2026 1 state")
                      : QCoreApplication::translate("Flowdeck::Ui::FlowGraphView", "\u2026 %1 states").arg(count);
}

CollapsedGraph collapseBranches(const FlowGraph &full, const QSet<QString> &choices)
{
    CollapsedGraph result;
    const QHash<int, int> owners = hiddenOwners(full, choices, &result.hiddenCounts);
    if (owners.isEmpty()) {
        result.graph = full;
        return result;
    }
    QList<int> mapped(full.nodes.size(), -1);
    FlowGraph &graph = result.graph;
    for (qsizetype i = 0; i < full.nodes.size(); ++i) {
        if (owners.contains(int(i)))
            continue;
        mapped[i] = int(graph.nodes.size());
        graph.nodes.append(full.nodes.at(i));
    }
    QHash<int, int> placeholderOf; // Choice (full index) -> placeholder (new index)
    for (qsizetype i = 0; i < full.nodes.size(); ++i) {
        const QString &name = full.nodes.at(i).name;
        if (!result.hiddenCounts.contains(name) || mapped.at(i) < 0)
            continue;
        FlowNode placeholder;
        placeholder.name = collapsedText(result.hiddenCounts.value(name));
        placeholderOf.insert(int(i), int(graph.nodes.size()));
        result.placeholders.insert(int(graph.nodes.size()), name);
        graph.nodes.append(placeholder);
    }
    for (const FlowEdge &edge : full.edges) {
        if (owners.contains(edge.from))
            continue;
        FlowEdge copy = edge;
        copy.from = mapped.at(edge.from);
        copy.to = owners.contains(edge.to) ? placeholderOf.value(owners.value(edge.to)) : mapped.at(edge.to);
        graph.edges.append(copy);
    }
    graph.start = full.start < 0 ? -1 : mapped.at(full.start);
    graph.hasValidStart = full.hasValidStart;
    return result;
}

} // namespace Flowdeck::Ui
