// SPDX-License-Identifier: GPL-3.0-or-later
// The flow graph of a definition (states, transitions, labels, broken targets) and its Graphviz layout.
#include "core/lang/flowgraph.h"
#include "core/lang/graphlayout.h"
#include "core/lang/jsontext.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLineF>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Flowdeck::Core::Lang;

namespace {

// (moc mis-reads raw strings holding a URL, so the Action URL is put in at run time.)
const QLatin1StringView TransferUrl = "https:"
                                      "//transfer.actions.globus.org/transfer"_L1;

QJsonObject object(const char *json)
{
    return QJsonDocument::fromJson(QByteArray(json).replace("@URL@", TransferUrl.data())).object();
}

// A flow with every kind of transition, an unreachable state and a missing target.
const char *const Sample = R"j({"StartAt": "Fetch", "States": {
  "Fetch": {"Type": "Action", "ActionUrl": "@URL@",
            "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Failed"},
                      {"ErrorEquals": ["A", "B"], "Next": "Nowhere"}],
            "Next": "Decide"},
  "Decide": {"Type": "Choice", "Choices": [
      {"Variable": "$.x", "NumericEquals": 3, "Next": "Done"},
      {"And": [{"Variable": "$.a", "NumericGreaterThan": 1}, {"Variable": "$.b", "IsPresent": true}], "Next": "Wait"}],
      "Default": "Fetch"},
  "Wait": {"Type": "Wait", "Seconds": 5, "Next": "Done"},
  "Done": {"Type": "Succeed"},
  "Failed": {"Type": "Fail", "Error": "X"},
  "Orphan": {"Type": "Pass", "End": true}}})j";

const FlowEdge *findEdge(const FlowGraph &graph, const QString &from, const QString &to, EdgeKind kind)
{
    for (const FlowEdge &edge : graph.edges)
        if (graph.nodes.at(edge.from).name == from && graph.nodes.at(edge.to).name == to && edge.kind == kind)
            return &edge;
    return nullptr;
}

double distanceToRect(const QPointF &p, const QRectF &r)
{
    const double dx = std::max({r.left() - p.x(), 0.0, p.x() - r.right()});
    const double dy = std::max({r.top() - p.y(), 0.0, p.y() - r.bottom()});
    return std::hypot(dx, dy);
}

// A chain of n states with a Choice every 5 states (back to the start) and a Catch every 7.
QJsonObject generated(int n)
{
    QJsonObject states;
    for (int i = 0; i < n; ++i) {
        const QString next = i + 1 < n ? u"S%1"_s.arg(i + 1) : QString();
        QJsonObject state{{u"Type"_s, i % 5 == 4 ? u"Choice"_s : u"Pass"_s}};
        if (i % 5 == 4) {
            state[u"Choices"_s] = QJsonArray{
                QJsonObject{{u"Variable"_s, u"$.n"_s}, {u"NumericLessThan"_s, i}, {u"Next"_s, u"S%1"_s.arg(i / 2)}}};
            state[u"Default"_s] = next.isEmpty() ? u"S0"_s : next;
        } else if (next.isEmpty()) {
            state[u"End"_s] = true;
        } else {
            state[u"Next"_s] = next;
        }
        if (i % 7 == 6)
            state[u"Catch"_s] = QJsonArray{
                QJsonObject{{u"ErrorEquals"_s, QJsonArray{u"States.ALL"_s}}, {u"Next"_s, u"S%1"_s.arg(n - 1)}}};
        states[u"S%1"_s.arg(i)] = state;
    }
    return {{u"StartAt"_s, u"S0"_s}, {u"States"_s, states}};
}

} // namespace

class TestFlowGraph : public QObject
{
    Q_OBJECT

private slots:
    void build_nodesTypesAndFlags();
    void build_edgesAndLabels();
    void build_missingTargetsAndStart();
    void build_brokenDefinitionsDoNotCrash_data();
    void build_brokenDefinitionsDoNotCrash();
    void build_textKeepsStateOrder();
    void choiceRuleSummary_forms_data();
    void choiceRuleSummary_forms();
    void dominatedBy_cases_data();
    void dominatedBy_cases();
    void layout_geometryIsConsistent_data();
    void layout_geometryIsConsistent();
    void layout_emptyGraph();
    void layout_longEdgesBecomeStubsOnlyInLargeFlows();
};

void TestFlowGraph::build_nodesTypesAndFlags()
{
    const FlowGraph graph = buildFlowGraph(object(Sample));
    QCOMPARE(graph.nodes.size(), 7); // 6 states + the missing "Nowhere"
    const FlowNode &fetch = graph.nodes.at(graph.indexOf(u"Fetch"_s));
    QCOMPARE(fetch.type, StateType::Action);
    QCOMPARE(fetch.actionUrl, TransferUrl);
    QVERIFY(fetch.isStart);
    QCOMPARE(graph.start, graph.indexOf(u"Fetch"_s));
    QVERIFY(graph.hasValidStart);
    QCOMPARE(graph.nodes.at(graph.indexOf(u"Decide"_s)).type, StateType::Choice);
    QVERIFY(graph.nodes.at(graph.indexOf(u"Done"_s)).isEnd);
    QVERIFY(graph.nodes.at(graph.indexOf(u"Failed"_s)).isEnd);
    QVERIFY(graph.nodes.at(graph.indexOf(u"Orphan"_s)).isEnd);
    QVERIFY(!graph.nodes.at(graph.indexOf(u"Wait"_s)).isEnd);
    QVERIFY(!graph.nodes.at(graph.indexOf(u"Orphan"_s)).reachable);
    for (const QString &name : {u"Fetch"_s, u"Decide"_s, u"Wait"_s, u"Done"_s, u"Failed"_s, u"Nowhere"_s})
        QVERIFY2(graph.nodes.at(graph.indexOf(name)).reachable, qPrintable(name));
}

void TestFlowGraph::build_edgesAndLabels()
{
    const FlowGraph graph = buildFlowGraph(object(Sample));
    QCOMPARE(graph.edges.size(), 7);
    const FlowEdge *next = findEdge(graph, u"Fetch"_s, u"Decide"_s, EdgeKind::Next);
    QVERIFY(next);
    QVERIFY(next->label.isEmpty());
    const FlowEdge *rule = findEdge(graph, u"Decide"_s, u"Done"_s, EdgeKind::ChoiceRule);
    QVERIFY(rule);
    QCOMPARE(rule->label, u"$.x == 3"_s);
    QCOMPARE(rule->index, 0);
    QCOMPARE(findEdge(graph, u"Decide"_s, u"Wait"_s, EdgeKind::ChoiceRule)->label, u"$.a > 1 and $.b is present"_s);
    QCOMPARE(findEdge(graph, u"Decide"_s, u"Fetch"_s, EdgeKind::Default)->label, u"Default"_s);
    QCOMPARE(findEdge(graph, u"Fetch"_s, u"Failed"_s, EdgeKind::Catch)->label, u"catch: States.ALL"_s);
    const FlowEdge *second = findEdge(graph, u"Fetch"_s, u"Nowhere"_s, EdgeKind::Catch);
    QVERIFY(second);
    QCOMPARE(second->label, u"catch: A, B"_s);
    QCOMPARE(second->index, 1);
}

void TestFlowGraph::build_missingTargetsAndStart()
{
    const FlowGraph graph = buildFlowGraph(object(R"j({"StartAt": "Gone", "States": {
        "A": {"Type": "Pass", "Next": "Typo"}, "B": {"Type": "Pass", "Next": "Typo"}}})j"));
    QCOMPARE(graph.nodes.size(), 4); // A, B, one shared "Typo", and the missing start "Gone"
    const int typo = graph.indexOf(u"Typo"_s);
    QVERIFY(graph.nodes.at(typo).isMissing());
    QCOMPARE(graph.edges.at(0).to, typo);
    QCOMPARE(graph.edges.at(1).to, typo);
    QCOMPARE(graph.start, graph.indexOf(u"Gone"_s));
    QVERIFY(graph.nodes.at(graph.start).isMissing());
    QVERIFY(graph.nodes.at(graph.start).isStart);
    QVERIFY(!graph.hasValidStart);
    for (const FlowNode &node : graph.nodes) // no meaningful reachability without a real start
        QVERIFY(node.reachable);
}

void TestFlowGraph::build_brokenDefinitionsDoNotCrash_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("nodes");
    QTest::addColumn<int>("edges");
    QTest::newRow("empty") << QByteArray("{}") << 0 << 0;
    QTest::newRow("states not an object") << QByteArray(R"({"StartAt": "A", "States": []})") << 1 << 0;
    QTest::newRow("state not an object") << QByteArray(R"({"States": {"A": 3}})") << 1 << 0;
    QTest::newRow("no type, numeric next") << QByteArray(R"({"States": {"A": {"Next": 4}}})") << 1 << 0;
    QTest::newRow("choices not an array")
        << QByteArray(R"({"States": {"C": {"Type": "Choice", "Choices": {}, "Default": "C"}}})") << 1 << 1;
    QTest::newRow("rule without next")
        << QByteArray(R"({"States": {"C": {"Type": "Choice", "Choices": [{"Variable": "$.x"}, 5]}}})") << 1 << 0;
    QTest::newRow("catch without errors")
        << QByteArray(R"({"States": {"A": {"Type": "Action", "Catch": [{"Next": "A"}], "End": true}}})") << 1 << 1;
}

void TestFlowGraph::build_brokenDefinitionsDoNotCrash()
{
    QFETCH(QByteArray, json);
    const FlowGraph graph = buildFlowGraph(QJsonDocument::fromJson(json).object());
    QFETCH(int, nodes);
    QFETCH(int, edges);
    QCOMPARE(graph.nodes.size(), qsizetype(nodes));
    QCOMPARE(graph.edges.size(), qsizetype(edges));
    const GraphLayout layout = layoutGraph(graph);
    QVERIFY(layout.isValid());
    QCOMPARE(layout.nodes.size(), graph.nodes.size());
}

void TestFlowGraph::build_textKeepsStateOrder()
{
    const JsonText text = JsonText::parse(R"({"StartAt": "Zeta", "States": {"Zeta": {"Type": "Pass", "Next": "Alpha"},
        "Alpha": {"Type": "Pass", "End": true}}})");
    const FlowGraph graph = buildFlowGraph(text);
    QCOMPARE(graph.nodes.size(), 2);
    QCOMPARE(graph.nodes.at(0).name, u"Zeta"_s);
    QCOMPARE(graph.nodes.at(1).name, u"Alpha"_s);
    QVERIFY(buildFlowGraph(JsonText::parse("{\"States\": ")).isEmpty());
}

void TestFlowGraph::choiceRuleSummary_forms_data()
{
    QTest::addColumn<QByteArray>("rule");
    QTest::addColumn<QString>("summary");
    QTest::newRow("numeric") << QByteArray(R"({"Variable": "$.x", "NumericEquals": 3})") << u"$.x == 3"_s;
    QTest::newRow("string") << QByteArray(R"({"Variable": "$.s", "StringEquals": "ok"})") << u"$.s == \"ok\""_s;
    QTest::newRow("path") << QByteArray(R"({"Variable": "$.a", "NumericLessThanEqualsPath": "$.b"})")
                          << u"$.a <= $.b"_s;
    QTest::newRow("gte") << QByteArray(R"({"Variable": "$.a", "TimestampGreaterThanEquals": "2024-01-01T00:00:00Z"})")
                         << u"$.a >= \"2024-01-01T00:00:00Z\""_s;
    QTest::newRow("matches") << QByteArray(R"({"Variable": "$.f", "StringMatches": "*.csv"})")
                             << u"$.f matches \"*.csv\""_s;
    QTest::newRow("boolean") << QByteArray(R"({"Variable": "$.ok", "BooleanEquals": false})") << u"$.ok == false"_s;
    QTest::newRow("not present") << QByteArray(R"({"Variable": "$.x", "IsPresent": false})") << u"$.x is not present"_s;
    QTest::newRow("is null") << QByteArray(R"({"Variable": "$.x", "IsNull": true})") << u"$.x is null"_s;
    QTest::newRow("and") << QByteArray(R"({"And": [{"Variable": "$.a", "NumericGreaterThan": 1},
                                          {"Variable": "$.b", "IsPresent": true}]})")
                         << u"$.a > 1 and $.b is present"_s;
    QTest::newRow("or in and") << QByteArray(R"({"And": [{"Or": [{"Variable": "$.a", "NumericEquals": 1},
                                                {"Variable": "$.a", "NumericEquals": 2}]},
                                                {"Variable": "$.b", "IsNumeric": true}]})")
                               << u"($.a == 1 or $.a == 2) and $.b is numeric"_s;
    QTest::newRow("not") << QByteArray(R"({"Not": {"Variable": "$.s", "StringMatches": "*.tmp"}})")
                         << u"not ($.s matches \"*.tmp\")"_s;
    QTest::newRow("no variable") << QByteArray(R"({"NumericEquals": 1})") << u"? == 1"_s;
    QTest::newRow("unknown operator") << QByteArray(R"({"Variable": "$.x", "Frobnicate": 1})") << u"$.x Frobnicate 1"_s;
}

void TestFlowGraph::choiceRuleSummary_forms()
{
    QFETCH(QByteArray, rule);
    QFETCH(QString, summary);
    QCOMPARE(choiceRuleSummary(QJsonDocument::fromJson(rule).object()), summary);
}

void TestFlowGraph::dominatedBy_cases_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("node");
    QTest::addColumn<QStringList>("dominated");
    const QByteArray diamond = R"({"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "C"},
        "C": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "X"}], "Default": "Y"},
        "X": {"Type": "Pass", "Next": "M"}, "Y": {"Type": "Pass", "Next": "M"}, "M": {"Type": "Succeed"},
        "Orphan": {"Type": "Pass", "Next": "M"}}})";
    QTest::newRow("choice dominates both branches and the merge")
        << diamond << u"C"_s << QStringList{u"M"_s, u"X"_s, u"Y"_s};
    QTest::newRow("one branch dominates nothing") << diamond << u"X"_s << QStringList{};
    QTest::newRow("start dominates all reachable") << diamond << u"A"_s << QStringList{u"C"_s, u"M"_s, u"X"_s, u"Y"_s};
    QTest::newRow("unreachable dominates nothing") << diamond << u"Orphan"_s << QStringList{};
    QTest::newRow("no such node") << diamond << u"Nope"_s << QStringList{};
    QTest::newRow("bypassed by a catch") << QByteArray(R"({"StartAt": "A", "States": {
            "A": {"Type": "Action", "Next": "C", "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "H"}]},
            "C": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsNull": true, "Next": "X"}], "Default": "Ghost"},
            "X": {"Type": "Pass", "Next": "H"}, "H": {"Type": "Fail"}}})")
                                         << u"C"_s << QStringList{u"Ghost"_s, u"X"_s};
    QTest::newRow("loop back to an earlier state")
        << QByteArray(R"({"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "C"},
            "C": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsNull": true, "Next": "A"}], "Default": "B"},
            "B": {"Type": "Wait", "Seconds": 1, "Next": "C2"},
            "C2": {"Type": "Choice", "Choices": [{"Variable": "$.y", "IsNull": true, "Next": "B"}], "Default": "E"},
            "E": {"Type": "Succeed"}}})")
        << u"C"_s << QStringList{u"B"_s, u"C2"_s, u"E"_s};
    QTest::newRow("inner choice of a loop")
        << QByteArray(R"({"StartAt": "B", "States": {"B": {"Type": "Wait", "Seconds": 1, "Next": "C2"},
            "C2": {"Type": "Choice", "Choices": [{"Variable": "$.y", "IsNull": true, "Next": "B"}], "Default": "E"},
            "E": {"Type": "Succeed"}}})")
        << u"C2"_s << QStringList{u"E"_s};
    QTest::newRow("no valid start") << QByteArray(R"({"StartAt": "Gone", "States": {
            "C": {"Type": "Choice", "Choices": [], "Default": "D"}, "D": {"Type": "Succeed"}}})")
                                    << u"C"_s << QStringList{};
}

void TestFlowGraph::dominatedBy_cases()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, node);
    QFETCH(QStringList, dominated);
    const FlowGraph graph = buildFlowGraph(QJsonDocument::fromJson(json).object());
    QVERIFY(!graph.isEmpty());
    QStringList names;
    for (const int i : dominatedBy(graph, graph.indexOf(node)))
        names.append(graph.nodes.at(i).name);
    names.sort();
    QCOMPARE(names, dominated);
}

void TestFlowGraph::layout_geometryIsConsistent_data()
{
    QTest::addColumn<QJsonObject>("definition");
    QTest::newRow("sample") << object(Sample);
    QTest::newRow("generated 30") << generated(30);
    QTest::newRow("generated 60, with stubs") << generated(60);
    QTest::newRow("generated 200, with stubs") << generated(200);
}

void TestFlowGraph::layout_geometryIsConsistent()
{
    QFETCH(QJsonObject, definition);
    const FlowGraph graph = buildFlowGraph(definition);
    const GraphLayout layout = layoutGraph(graph);
    QVERIFY2(layout.isValid(), qPrintable(layout.error));
    QCOMPARE(layout.nodes.size(), graph.nodes.size());
    QCOMPARE(layout.edges.size(), graph.edges.size());
    const QRectF bounds = layout.bounds.adjusted(-0.5, -0.5, 0.5, 0.5);
    QCOMPARE(bounds.topLeft(), QPointF(-0.5, -0.5));
    for (qsizetype i = 0; i < layout.nodes.size(); ++i) {
        const QRectF rect = layout.nodes.at(i);
        QVERIFY(rect.isValid());
        QCOMPARE(rect.size(), estimatedNodeSize(graph.nodes.at(i)));
        QVERIFY(bounds.contains(rect));
        for (qsizetype j = i + 1; j < layout.nodes.size(); ++j)
            QVERIFY2(!rect.intersects(layout.nodes.at(j)), qPrintable(u"%1 / %2"_s.arg(i).arg(j)));
    }
    for (qsizetype i = 0; i < layout.edges.size(); ++i) {
        const EdgeGeometry &edge = layout.edges.at(i);
        const FlowEdge &flowEdge = graph.edges.at(i);
        QVERIFY(edge.bezier.size() >= 4);
        QCOMPARE((edge.bezier.size() - 1) % 3, 0);
        QVERIFY(edge.hasArrow);
        QVERIFY(distanceToRect(edge.bezier.first(), layout.nodes.at(flowEdge.from)) < 3);
        const QRectF end = edge.isStub() ? edge.stubRect : layout.nodes.at(flowEdge.to);
        QVERIFY(distanceToRect(edge.arrowTip, end) < 3);
        if (edge.isStub()) {
            QCOMPARE(edge.stubRect.size(), estimatedStubSize(graph.nodes.at(flowEdge.to).name));
            QVERIFY(bounds.contains(edge.stubRect));
            for (const QRectF &node : layout.nodes)
                QVERIFY(!edge.stubRect.intersects(node));
        }
        QVERIFY(bounds.contains(edge.bezier.first()) && bounds.contains(edge.arrowTip));
        QCOMPARE(edge.labelText.isEmpty(), flowEdge.label.isEmpty());
        QCOMPARE(edge.labelRect.isNull(), flowEdge.label.isEmpty());
        if (!edge.labelText.isEmpty())
            QVERIFY(bounds.contains(edge.labelRect));
    }
    const bool anyStub = std::any_of(layout.edges.begin(), layout.edges.end(), [](auto &e) { return e.isStub(); });
    QCOMPARE(anyStub, QByteArray(QTest::currentDataTag()).endsWith("with stubs"));
    QVERIFY(!layout.startMarker.isNull());
    QVERIFY(layout.startMarker.bottom() <= layout.nodes.at(graph.start).top());
    QVERIFY(distanceToRect(layout.startEdge.arrowTip, layout.nodes.at(graph.start)) < 3);
}

void TestFlowGraph::layout_emptyGraph()
{
    const GraphLayout layout = layoutGraph({});
    QVERIFY(layout.isValid());
    QVERIFY(layout.nodes.isEmpty());
    QVERIFY(layout.bounds.isNull());
}

void TestFlowGraph::layout_longEdgesBecomeStubsOnlyInLargeFlows()
{
    QVERIFY(!stubEdges(buildFlowGraph(object(Sample))).contains(true));
    QVERIFY(!stubEdges(buildFlowGraph(generated(30))).contains(true));
    const FlowGraph large = buildFlowGraph(generated(300));
    const QList<bool> stubs = stubEdges(large);
    QVERIFY(stubs.contains(true));
    for (qsizetype i = 0; i < stubs.size(); ++i)
        if (stubs.at(i)) // the spine stays whole while other long edges are left
            QVERIFY(large.edges.at(i).kind != EdgeKind::Next);
    QElapsedTimer clock;
    clock.start();
    const GraphLayout layout = layoutGraph(large);
    QVERIFY(layout.isValid());
    QVERIFY2(clock.elapsed() < 5000, "dot must not blow up on long edges"); // ~0.2 s; generous for CI
    QCOMPARE(layout.edges.at(stubs.indexOf(true)).isStub(), true);
}

QTEST_GUILESS_MAIN(TestFlowGraph)
#include "tst_flowgraph.moc"
