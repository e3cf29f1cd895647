// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/lang/graphlayout.h"

#include <QByteArray>
#include <QMutex>
#include <QMutexLocker>
#include <QSet>

#include <algorithm>
#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

using namespace Qt::StringLiterals;

namespace Flowdeck::Core::Lang {

namespace {

constexpr double PointsPerInch = 72.0;
constexpr double CharWidth = 8.0; // state names are drawn bold at 12 px: about 8 pt a character
constexpr double LabelCharWidth = 6.0;
constexpr qsizetype MaxLabelChars = 34;
constexpr double NodeHeight = 44.0;
constexpr double ChoiceHeight = 60.0;
constexpr double StubHeight = 22.0;
// How many layers long edges may cross in total (each crossing is a virtual node for dot). Measured
// with bench_graph: 300 keeps a 300-state flow near 200 ms and never touches flows of a few dozen states.
constexpr qsizetype SpanBudget = 300;
constexpr int MinStubSpan = 4;
constexpr qsizetype MaxStubChars = 24;

// One Graphviz context for the process: creating one loads the plugin configuration (slow), and
// Graphviz keeps global state, so every use is serialised by this mutex.
struct Graphviz
{
    QMutex mutex;
    GVC_t *context = gvContext();
    ~Graphviz() { gvFreeContext(context); }
};

Graphviz &graphviz()
{
    static Graphviz instance;
    return instance;
}

// cgraph (2.4x) takes char * everywhere although it never writes through them.
char *c(const char *text)
{
    return const_cast<char *>(text);
}

// y grows downwards on screen and upwards in Graphviz.
struct Flip
{
    double top;
    QPointF operator()(pointf p) const { return {p.x, top - p.y}; }
};

QByteArray number(double value)
{
    return QByteArray::number(value, 'f', 3);
}

// An edge label Graphviz makes room for without measuring text: an empty HTML table cell of the
// estimated size (a plain label would go through Graphviz' font machinery).
QByteArray labelTable(const QSizeF &size)
{
    return QByteArray("<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\"><TR><TD WIDTH=\"" +
                      QByteArray::number(qRound(size.width())) + "\" HEIGHT=\"" +
                      QByteArray::number(qRound(size.height())) + "\"></TD></TR></TABLE>");
}

// The layer dot will roughly give each node: the longest path from a root once the edges that close
// cycles are set aside (dot reverses those), found by a depth-first search from StartAt first.
class RankPredictor
{
public:
    explicit RankPredictor(const FlowGraph &graph)
        : m_graph(graph)
        , m_out(graph.nodes.size())
        , m_state(graph.nodes.size(), 0)
        , rank(graph.nodes.size(), 0)
    {
        for (qsizetype i = 0; i < graph.edges.size(); ++i)
            m_out[graph.edges.at(i).from].append(int(i));
        if (graph.start >= 0)
            visit(graph.start);
        for (qsizetype n = 0; n < graph.nodes.size(); ++n)
            if (m_state.at(n) == 0)
                visit(int(n));
        for (qsizetype i = m_order.size() - 1; i >= 0; --i) // reverse post-order is a topological order
            for (const int e : m_out.at(m_order.at(i)))
                if (!m_backEdges.contains(e))
                    rank[m_graph.edges.at(e).to] =
                        std::max(rank.at(m_graph.edges.at(e).to), rank.at(m_order.at(i)) + 1);
    }

    int span(const FlowEdge &edge) const { return std::abs(rank.at(edge.to) - rank.at(edge.from)); }

private:
    void visit(int root)
    {
        // Iterative, so that a 10,000-state chain cannot overflow the stack.
        QList<std::pair<int, qsizetype>> stack = {{root, 0}};
        m_state[root] = 1;
        while (!stack.isEmpty()) {
            auto &[node, next] = stack.last();
            if (next == m_out.at(node).size()) {
                m_state[node] = 2;
                m_order.append(node);
                stack.removeLast();
                continue;
            }
            const int e = m_out.at(node).at(next++);
            const int to = m_graph.edges.at(e).to;
            if (m_state.at(to) == 1)
                m_backEdges.insert(e);
            else if (m_state.at(to) == 0) {
                m_state[to] = 1;
                stack.append({to, 0});
            }
        }
    }

    const FlowGraph &m_graph;
    QList<QList<int>> m_out;
    QList<int> m_state; // 0 unseen, 1 on the stack, 2 done
    QList<int> m_order; // post-order
    QSet<int> m_backEdges;

public:
    QList<int> rank;
};

struct Attributes
{
    Agsym_t *width, *height, *shape, *label;
};

Attributes declareAttributes(Agraph_t *g)
{
    agattr(g, AGRAPH, c("rankdir"), c("TB"));
    agattr(g, AGRAPH, c("nodesep"), c("0.3"));
    agattr(g, AGRAPH, c("ranksep"), c("0.4"));
    agattr(g, AGNODE, c("fixedsize"), c("true"));
    agattr(g, AGNODE, c("label"), c(""));
    return {agattr(g, AGNODE, c("width"), c("1")), agattr(g, AGNODE, c("height"), c("0.5")),
            agattr(g, AGNODE, c("shape"), c("box")), agattr(g, AGEDGE, c("label"), c(""))};
}

Agnode_t *addNode(Agraph_t *g, const Attributes &a, const QByteArray &name, const QSizeF &size, const char *shape)
{
    Agnode_t *n = agnode(g, c(name.constData()), 1);
    agxset(n, a.width, c(number(size.width() / PointsPerInch).constData()));
    agxset(n, a.height, c(number(size.height() / PointsPerInch).constData()));
    agxset(n, a.shape, c(shape));
    return n;
}

void setLabel(Agraph_t *g, Agedge_t *e, const Attributes &a, const QString &text)
{
    if (text.isEmpty())
        return;
    // The documented way to set an HTML-like label: intern it as HTML first, then set it.
    char *html = agstrdup_html(g, c(labelTable(estimatedLabelSize(text)).constData()));
    agxset(e, a.label, html);
    agstrfree(g, html);
}

struct Built
{
    QList<Agnode_t *> nodes;
    QList<Agedge_t *> edges;
    QList<Agnode_t *> stubs; // index-aligned with edges; null for edges drawn in full
    Agnode_t *start = nullptr;
    Agedge_t *startEdge = nullptr;
};

Built populate(Agraph_t *g, const FlowGraph &graph)
{
    const Attributes a = declareAttributes(g);
    Built built;
    for (qsizetype i = 0; i < graph.nodes.size(); ++i) {
        const FlowNode &node = graph.nodes.at(i);
        built.nodes.append(addNode(g, a, "n" + QByteArray::number(i), estimatedNodeSize(node),
                                   node.type == StateType::Choice ? "diamond" : "box"));
    }
    const QList<bool> stubs = stubEdges(graph);
    for (qsizetype i = 0; i < graph.edges.size(); ++i) {
        const FlowEdge &edge = graph.edges.at(i);
        Agnode_t *stub = nullptr;
        if (stubs.at(i))
            stub = addNode(g, a, "s" + QByteArray::number(i), estimatedStubSize(graph.nodes.at(edge.to).name), "box");
        const QByteArray name = "e" + QByteArray::number(i);
        Agedge_t *e =
            agedge(g, built.nodes.at(edge.from), stub ? stub : built.nodes.at(edge.to), c(name.constData()), 1);
        setLabel(g, e, a, edgeLabelText(edge));
        built.edges.append(e);
        built.stubs.append(stub);
    }
    if (graph.start >= 0) {
        built.start = addNode(g, a, "start", {12, 12}, "circle");
        built.startEdge = agedge(g, built.start, built.nodes.at(graph.start), c("start"), 1);
    }
    return built;
}

QRectF nodeRect(Agnode_t *n, const Flip &flip)
{
    const QSizeF size(ND_width(n) * PointsPerInch, ND_height(n) * PointsPerInch);
    const QPointF centre = flip(ND_coord(n));
    return {centre - QPointF(size.width() / 2, size.height() / 2), size};
}

EdgeGeometry edgeGeometry(Agedge_t *e, const Flip &flip)
{
    EdgeGeometry geometry;
    const splines *spl = ED_spl(e);
    if (spl && spl->size > 0) {
        const bezier &curve = spl->list[0];
        for (int i = 0; i < curve.size; ++i)
            geometry.bezier.append(flip(curve.list[i]));
        geometry.hasArrow = curve.eflag != 0;
        geometry.arrowTip = geometry.hasArrow ? flip(curve.ep) : geometry.bezier.value(geometry.bezier.size() - 1);
    }
    const textlabel_t *label = ED_label(e);
    if (label && label->set) {
        const QSizeF size(label->dimen.x, label->dimen.y);
        geometry.labelRect = QRectF(flip(label->pos) - QPointF(size.width() / 2, size.height() / 2), size);
    }
    return geometry;
}

GraphLayout collect(Agraph_t *g, const Built &built, const FlowGraph &graph)
{
    const boxf bb = GD_bb(g);
    const Flip flip{bb.UR.y};
    GraphLayout layout;
    layout.bounds = QRectF(QPointF(bb.LL.x, 0), QPointF(bb.UR.x, bb.UR.y - bb.LL.y));
    for (Agnode_t *n : built.nodes)
        layout.nodes.append(nodeRect(n, flip));
    for (qsizetype i = 0; i < built.edges.size(); ++i) {
        layout.edges.append(edgeGeometry(built.edges.at(i), flip));
        layout.edges.last().labelText = edgeLabelText(graph.edges.at(i));
        if (built.stubs.at(i))
            layout.edges.last().stubRect = nodeRect(built.stubs.at(i), flip);
    }
    if (built.start) {
        layout.startMarker = nodeRect(built.start, flip);
        layout.startEdge = edgeGeometry(built.startEdge, flip);
    }
    return layout;
}

} // namespace

GraphLayout layoutGraph(const FlowGraph &graph)
{
    GraphLayout layout;
    if (graph.isEmpty())
        return layout;
    Graphviz &gv = graphviz();
    QMutexLocker lock(&gv.mutex);
    if (!gv.context) {
        layout.error = u"Graphviz could not be initialised"_s;
        return layout;
    }
    agseterr(AGERR); // warnings would go to stderr; failures are reported through the result
    Agraph_t *g = agopen(c("flow"), Agdirected, nullptr);
    const Built built = populate(g, graph);
    if (gvLayout(gv.context, g, "dot") == 0) {
        layout = collect(g, built, graph);
        gvFreeLayout(gv.context, g);
    } else {
        layout.error = u"Graphviz could not lay out the graph"_s;
    }
    agclose(g);
    return layout;
}

QSizeF estimatedNodeSize(const FlowNode &node)
{
    const double text = double(std::max<qsizetype>(node.name.size(), 6)) * CharWidth;
    if (node.type == StateType::Choice) // the name sits in the middle band of a diamond
        return {std::clamp(text * 1.45 + 24, 120.0, 420.0), ChoiceHeight};
    return {std::clamp(text + 28, 96.0, 300.0), NodeHeight};
}

QSizeF estimatedStubSize(const QString &target)
{
    return {double(std::min<qsizetype>(target.size(), MaxStubChars) + 2) * LabelCharWidth + 14, StubHeight};
}

QList<bool> stubEdges(const FlowGraph &graph)
{
    QList<bool> stubs(graph.edges.size(), false);
    const RankPredictor ranks(graph);
    qsizetype layers = 0;
    QList<int> candidates;
    for (qsizetype i = 0; i < graph.edges.size(); ++i) {
        const int span = ranks.span(graph.edges.at(i));
        layers += std::max(span - 1, 0);
        if (span >= MinStubSpan)
            candidates.append(int(i));
    }
    if (layers <= SpanBudget)
        return stubs;
    // Next transitions are the spine of a flow: they are the last to be cut short.
    std::stable_sort(candidates.begin(), candidates.end(), [&](int a, int b) {
        const FlowEdge &x = graph.edges.at(a), &y = graph.edges.at(b);
        const bool xNext = x.kind == EdgeKind::Next, yNext = y.kind == EdgeKind::Next;
        return xNext != yNext ? yNext : ranks.span(x) > ranks.span(y);
    });
    for (const int i : std::as_const(candidates)) {
        if (layers <= SpanBudget)
            break;
        stubs[i] = true;
        layers -= ranks.span(graph.edges.at(i)) - 1;
    }
    return stubs;
}

QSizeF estimatedLabelSize(const QString &labelText)
{
    return {double(labelText.size()) * LabelCharWidth + 10, 16};
}

QString edgeLabelText(const FlowEdge &edge)
{
    return elideText(edge.label, MaxLabelChars);
}

} // namespace Flowdeck::Core::Lang
