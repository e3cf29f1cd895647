// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/lang/flowgraph.h"

#include <QList>
#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <QString>

namespace Flowdeck::Core::Lang {

// Where one edge goes. bezier is a piecewise cubic curve as Graphviz routes it: a start point, then
// (control, control, end) triples; it stops at the base of the arrowhead, whose tip is arrowTip.
struct EdgeGeometry
{
    QList<QPointF> bezier;
    QPointF arrowTip;
    bool hasArrow = false;
    QString labelText; // the label as laid out (long rule labels are shortened); empty for none
    QRectF labelRect;  // centred where Graphviz put the label; null without a label
    // Set when the edge would cross too much of a large flow (say, every Action's Catch into one
    // handler at the far end): it then ends at this stub next to its source, which names the target.
    QRectF stubRect;
    bool isStub() const { return !stubRect.isNull(); }
};

// A laid-out FlowGraph in points (1/72 inch) with the y axis pointing down, as on screen; the
// top-left of bounds is (0, 0). nodes and edges are index-aligned with the graph's.
struct GraphLayout
{
    QList<QRectF> nodes;
    QList<EdgeGeometry> edges;
    QRectF startMarker; // the small "start" dot above the first state; null without a start
    EdgeGeometry startEdge;
    QRectF bounds;
    QString error; // why the layout failed (then everything else is empty)

    bool isValid() const { return error.isEmpty(); }
};

// Lays out graph top to bottom with Graphviz' dot. Node and label sizes come from the text length
// (about 7 pt per character: core has no fonts), so the view must elide to the rectangles it gets.
// Any thread: Graphviz is not reentrant, so concurrent calls are serialised.
GraphLayout layoutGraph(const FlowGraph &graph);

// The edges layoutGraph draws as stubs. Long edges are what makes dot slow (each one becomes a chain
// of virtual nodes, and Graphviz 2.4x's network simplex is quadratic in them), so once a flow's edges
// would span more layers than a budget, the longest ones (Next transitions last) become stubs.
QList<bool> stubEdges(const FlowGraph &graph);

// The sizes layoutGraph gives nodes, stubs and edge labels.
QSizeF estimatedNodeSize(const FlowNode &node);
QSizeF estimatedStubSize(const QString &target);
QSizeF estimatedLabelSize(const QString &labelText);
// The label text an edge is laid out with: its label shortened to a diagram-friendly length.
QString edgeLabelText(const FlowEdge &edge);

} // namespace Flowdeck::Core::Lang
