// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace Flowdeck::Core::Lang {

class JsonText;

// What a node stands for. Missing is a synthetic node for a name that a transition (or StartAt)
// points to but that is not a state; Unknown is a state whose Type is absent or not one we know.
enum class StateType { Action, Pass, Choice, Wait, Fail, Succeed, ExpressionEval, Unknown, Missing };

struct FlowNode
{
    QString name;
    StateType type = StateType::Unknown;
    QString typeName;  // the Type as written (empty when absent)
    QString actionUrl; // Action states only
    bool isStart = false;
    bool isEnd = false;    // "End": true, or a Succeed/Fail state
    bool reachable = true; // from StartAt; every node counts as reachable when there is no valid StartAt
    bool isMissing() const { return type == StateType::Missing; }
    bool operator==(const FlowNode &) const = default;
};

enum class EdgeKind { Next, Default, ChoiceRule, Catch };

// A transition. from/to index FlowGraph::nodes; index is the position in Choices or Catch (else -1).
struct FlowEdge
{
    int from = -1;
    int to = -1;
    EdgeKind kind = EdgeKind::Next;
    QString label; // "" for Next, "Default", a rule such as "$.x == 3", or "catch: States.ALL"
    int index = -1;
    bool operator==(const FlowEdge &) const = default;
};

// The states of a flow definition and the transitions between them, as a diagram shows them.
// Plain data; built on any thread.
struct FlowGraph
{
    QList<FlowNode> nodes; // states in definition order, then the missing targets
    QList<FlowEdge> edges;
    int start = -1;             // the node StartAt names (possibly a missing one), -1 without StartAt
    bool hasValidStart = false; // StartAt names an existing state: reachability is meaningful

    int indexOf(const QString &name) const;
    bool operator==(const FlowGraph &) const = default; // same diagram: nothing to lay out again
    bool isEmpty() const { return nodes.isEmpty(); }
};

// Builds the graph of a definition. Never fails: missing fields are skipped, transitions to names
// that are not states lead to Missing nodes. stateOrder (optional) lists the state names in the
// order the author wrote them, which QJsonObject forgets and which gives a calmer layout.
FlowGraph buildFlowGraph(const QJsonObject &definition, const QStringList &stateOrder = {});
// The same from position-aware text (states keep their text order); empty when the text is invalid.
FlowGraph buildFlowGraph(const JsonText &text);

// The nodes that every path from StartAt to them passes through node (node itself excluded): what a
// diagram can fold away behind a Choice. Empty without a valid start or when node is unreachable.
QSet<int> dominatedBy(const FlowGraph &graph, int node);

// A Choice rule in short form: "$.x == 3", "$.a > 1 and $.b is present", "not ($.s matches \"*.csv\")".
QString choiceRuleSummary(const QJsonObject &rule);

// text cut to at most maxChars characters, with an ellipsis when cut.
QString elideText(const QString &text, qsizetype maxChars);

} // namespace Flowdeck::Core::Lang
