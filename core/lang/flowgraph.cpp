// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/lang/flowgraph.h"

#include "core/lang/jsontext.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>

#include <utility>

using namespace Qt::StringLiterals;

namespace Flowdeck::Core::Lang {

namespace {

StateType stateTypeOf(const QString &type)
{
    static const QHash<QString, StateType> types = {{u"Action"_s, StateType::Action},
                                                    {u"Pass"_s, StateType::Pass},
                                                    {u"Choice"_s, StateType::Choice},
                                                    {u"Wait"_s, StateType::Wait},
                                                    {u"Fail"_s, StateType::Fail},
                                                    {u"Succeed"_s, StateType::Succeed},
                                                    {u"ExpressionEval"_s, StateType::ExpressionEval}};
    return types.value(type, StateType::Unknown);
}

QString literal(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return u'"' + value.toString() + u'"';
    case QJsonValue::Double:
        return QString::number(value.toDouble(), 'g', 15);
    case QJsonValue::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Undefined:
        break;
    }
    return u"?"_s;
}

// "Is…" tests read as English: IsPresent false -> "is not present".
QString typeTest(const QString &op, const QJsonValue &value)
{
    const QString what = op.mid(2).toLower();
    return (value.toBool(true) ? u"is "_s : u"is not "_s) + what;
}

QString relationSymbol(QString op)
{
    static const QList<std::pair<QLatin1StringView, QString>> relations = {
        {"GreaterThanEquals"_L1, u">="_s}, {"LessThanEquals"_L1, u"<="_s}, {"GreaterThan"_L1, u">"_s},
        {"LessThan"_L1, u"<"_s},           {"Equals"_L1, u"=="_s},         {"Matches"_L1, u"matches"_s}};
    for (const auto &[suffix, symbol] : relations)
        if (op.endsWith(suffix))
            return symbol;
    return op; // unknown operators are shown as written
}

QString comparisonSummary(const QJsonObject &rule)
{
    const QString variable = rule.value("Variable"_L1).toString(u"?"_s);
    for (auto it = rule.begin(); it != rule.end(); ++it) {
        const QString op = it.key();
        if (op == "Variable"_L1 || op == "Next"_L1 || op == "Comment"_L1)
            continue;
        if (op.startsWith("Is"_L1))
            return variable + u' ' + typeTest(op, it.value());
        const bool isPath = op.endsWith("Path"_L1);
        const QString symbol = relationSymbol(isPath ? op.chopped(4) : op);
        return variable + u' ' + symbol + u' ' + (isPath ? it.value().toString(u"?"_s) : literal(it.value()));
    }
    return variable;
}

bool isCombinator(const QJsonObject &rule)
{
    return rule.contains("And"_L1) || rule.contains("Or"_L1) || rule.contains("Not"_L1);
}

QString nested(const QJsonValue &child)
{
    const QJsonObject rule = child.toObject();
    const QString text = choiceRuleSummary(rule);
    return rule.contains("And"_L1) || rule.contains("Or"_L1) ? u'(' + text + u')' : text;
}

QString catchLabel(const QJsonObject &catcher)
{
    QStringList errors;
    for (const QJsonValue &error : catcher.value("ErrorEquals"_L1).toArray())
        errors.append(error.toString());
    return u"catch: "_s + (errors.isEmpty() ? u"?"_s : errors.join(u", "_s));
}

// Assembles nodes and edges; missing targets get one node each, created on first mention.
class Builder
{
public:
    FlowGraph graph;

    void addStates(const QJsonObject &states, const QStringList &order)
    {
        for (const QString &name : order)
            if (states.contains(name) && !m_index.contains(name))
                addNode(name, states.value(name).toObject());
        for (auto it = states.begin(); it != states.end(); ++it)
            if (!m_index.contains(it.key()))
                addNode(it.key(), it.value().toObject());
    }

    void addTransitions(const QJsonObject &states)
    {
        for (qsizetype from = 0, count = graph.nodes.size(); from < count; ++from)
            addTransitionsOf(int(from), states.value(graph.nodes.at(from).name).toObject());
    }

    void setStart(const QJsonValue &startAt)
    {
        if (!startAt.isString())
            return;
        graph.hasValidStart = m_index.contains(startAt.toString());
        graph.start = target(startAt.toString());
        graph.nodes[graph.start].isStart = true;
    }

    void markReachable()
    {
        if (!graph.hasValidStart)
            return;
        QList<QList<int>> forward(graph.nodes.size());
        for (const FlowEdge &edge : std::as_const(graph.edges))
            forward[edge.from].append(edge.to);
        QList<bool> seen(graph.nodes.size(), false);
        QList<int> queue = {graph.start};
        seen[graph.start] = true;
        while (!queue.isEmpty())
            for (const int next : forward.at(queue.takeLast()))
                if (!std::exchange(seen[next], true))
                    queue.append(next);
        for (qsizetype i = 0; i < graph.nodes.size(); ++i)
            graph.nodes[i].reachable = seen.at(i);
    }

private:
    void addNode(const QString &name, const QJsonObject &state)
    {
        FlowNode node;
        node.name = name;
        node.typeName = state.value("Type"_L1).toString();
        node.type = stateTypeOf(node.typeName);
        if (node.type == StateType::Action)
            node.actionUrl = state.value("ActionUrl"_L1).toString();
        node.isEnd = state.value("End"_L1).toBool() || node.type == StateType::Succeed || node.type == StateType::Fail;
        m_index.insert(name, int(graph.nodes.size()));
        graph.nodes.append(node);
    }

    void addTransitionsOf(int from, const QJsonObject &state)
    {
        addEdge(from, state.value("Next"_L1), EdgeKind::Next, {});
        if (graph.nodes.at(from).type == StateType::Choice) {
            const QJsonArray choices = state.value("Choices"_L1).toArray();
            for (qsizetype i = 0; i < choices.size(); ++i) {
                const QJsonObject rule = choices.at(i).toObject();
                QString label = choiceRuleSummary(rule);
                if (label.isEmpty() || label == "?"_L1)
                    label = u"rule %1"_s.arg(i + 1);
                addEdge(from, rule.value("Next"_L1), EdgeKind::ChoiceRule, label, int(i));
            }
            addEdge(from, state.value("Default"_L1), EdgeKind::Default, u"Default"_s);
        }
        const QJsonArray catchers = state.value("Catch"_L1).toArray();
        for (qsizetype i = 0; i < catchers.size(); ++i) {
            const QJsonObject catcher = catchers.at(i).toObject();
            addEdge(from, catcher.value("Next"_L1), EdgeKind::Catch, catchLabel(catcher), int(i));
        }
    }

    void addEdge(int from, const QJsonValue &to, EdgeKind kind, const QString &label, int index = -1)
    {
        if (to.isString())
            graph.edges.append({from, target(to.toString()), kind, label, index});
    }

    int target(const QString &name)
    {
        const auto found = m_index.constFind(name);
        if (found != m_index.cend())
            return *found;
        FlowNode missing;
        missing.name = name;
        missing.type = StateType::Missing;
        m_index.insert(name, int(graph.nodes.size()));
        graph.nodes.append(missing);
        return int(graph.nodes.size() - 1);
    }

    QHash<QString, int> m_index;
};

} // namespace

int FlowGraph::indexOf(const QString &name) const
{
    for (qsizetype i = 0; i < nodes.size(); ++i)
        if (nodes.at(i).name == name)
            return int(i);
    return -1;
}

FlowGraph buildFlowGraph(const QJsonObject &definition, const QStringList &stateOrder)
{
    const QJsonObject states = definition.value("States"_L1).toObject();
    Builder builder;
    builder.addStates(states, stateOrder);
    builder.addTransitions(states);
    builder.setStart(definition.value("StartAt"_L1));
    builder.markReachable();
    return std::move(builder.graph);
}

FlowGraph buildFlowGraph(const JsonText &text)
{
    if (!text.isValid())
        return {};
    QStringList order;
    const JsonNode states = text.root().value("States"_L1);
    if (states.isObject())
        for (const JsonNode state : states)
            order.append(state.key());
    return buildFlowGraph(text.value().toObject(), order);
}

QSet<int> dominatedBy(const FlowGraph &graph, int node)
{
    if (!graph.hasValidStart || node < 0 || node >= graph.nodes.size())
        return {};
    QList<QList<int>> forward(graph.nodes.size());
    for (const FlowEdge &edge : graph.edges)
        forward[edge.from].append(edge.to);
    // What StartAt reaches, optionally without passing through one node.
    const auto reach = [&](int avoid) {
        QList<bool> seen(graph.nodes.size(), false);
        if (graph.start == avoid)
            return seen;
        QList<int> queue = {graph.start};
        seen[graph.start] = true;
        while (!queue.isEmpty())
            for (const int next : forward.at(queue.takeLast()))
                if (next != avoid && !std::exchange(seen[next], true))
                    queue.append(next);
        return seen;
    };
    const QList<bool> all = reach(-1);
    if (!all.at(node))
        return {};
    const QList<bool> around = reach(node);
    QSet<int> dominated;
    for (qsizetype i = 0; i < all.size(); ++i)
        if (all.at(i) && !around.at(i) && i != node)
            dominated.insert(int(i));
    return dominated;
}

QString choiceRuleSummary(const QJsonObject &rule)
{
    for (const QLatin1StringView combinator : {"And"_L1, "Or"_L1}) {
        if (!rule.contains(combinator))
            continue;
        QStringList parts;
        for (const QJsonValue &child : rule.value(combinator).toArray())
            parts.append(nested(child));
        return parts.join(combinator == "And"_L1 ? u" and "_s : u" or "_s);
    }
    if (rule.contains("Not"_L1)) {
        const QJsonObject inner = rule.value("Not"_L1).toObject();
        const QString text = choiceRuleSummary(inner);
        return u"not "_s + (isCombinator(inner) || text.contains(u' ') ? u'(' + text + u')' : text);
    }
    return rule.isEmpty() ? QString() : comparisonSummary(rule);
}

QString elideText(const QString &text, qsizetype maxChars)
{
    if (text.size() <= maxChars || maxChars < 1)
        return text;
    return text.left(maxChars - 1) + QChar(0x2026);
}

} // namespace Flowdeck::Core::Lang
