// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/lang/flowgraph.h"

#include <QHash>
#include <QSet>
#include <QString>

namespace Flowdeck::Ui {

// A flow graph with some Choice branches folded away, as the diagram draws it.
struct CollapsedGraph
{
    Core::Lang::FlowGraph graph;      // what is laid out: visible nodes, then one placeholder per collapsed Choice
    QHash<int, QString> placeholders; // placeholder node index in graph -> the Choice it stands for
    QHash<QString, int> hiddenCounts; // collapsed Choice -> how many states it hides
};

// Leaves out the states each named Choice dominates (see dominatedBy()) with their edges; the edges
// into them from visible states end at the Choice's placeholder node ("… N states") instead. Names
// that are not Choices, or Choices that dominate nothing, change nothing. Pure; any thread.
CollapsedGraph collapseBranches(const Core::Lang::FlowGraph &full, const QSet<QString> &choices);

// The placeholder's text for count hidden states.
QString collapsedText(int count);

} // namespace Flowdeck::Ui
