// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/lang/schemacrosscheck.h"

#include "core/lang/definitiondata.h"
#include "core/lang/expression.h"
#include "core/lang/expressionnode.h"
#include "core/lang/flowgraph.h"
#include "core/lang/jsonpath.h"

#include <QJsonObject>
#include <QSet>

using namespace Qt::StringLiterals;

namespace Flowdeck::Core::Lang {

namespace {

struct Read
{
    SchemaRead read;
    int state = -1;
    bool presenceTest = false; // a Choice rule's IsPresent: cannot fail
    bool guarded = false;      // an expression name checked with is_present()/getattr() first
};

// What a state can find in the run state when it starts, from the states that can run before it.
struct Before
{
    QSet<QString> keys;   // stored by a ResultPath
    bool unknown = false; // some state replaced the whole run state
};

// Keys an expression names as text: is_present('x.y') and getattr('x', default) take a path the
// way the evaluator reads it, and a backtick `$.x` is a path. The first two cannot fail; backtick
// paths are not checked by the validator's FD302 either. So all count as uses, never as mistakes.
void collectNamedKeys(const Expression::Node &node, QStringList *keys)
{
    QString path;
    if (node.kind == Expression::Node::Kind::JsonPathRef) {
        path = node.text;
    } else if (node.kind == Expression::Node::Kind::Call && !node.children.isEmpty() &&
               (node.text == "is_present"_L1 || node.text == "getattr"_L1)) {
        const Expression::Node &argument = *node.children.first();
        if (argument.kind == Expression::Node::Kind::Literal && argument.value.isString())
            path = argument.value.toString();
        if (!path.isEmpty() && !path.startsWith(u'$'))
            path.prepend(u"$."_s);
    }
    const auto parsed = path.isEmpty() ? std::nullopt : JsonPath::parse(path);
    if (parsed && !firstKey(*parsed).isEmpty())
        keys->append(firstKey(*parsed));
    for (const auto &child : node.children)
        collectNamedKeys(*child, keys);
}

class CrossChecker
{
public:
    CrossChecker(const JsonNode &definition, const JsonNode &schema)
        : m_states(definition.value("States"_L1))
        , m_schema(schema)
    {
        QStringList order;
        for (const JsonNode state : m_states)
            order.append(state.key());
        m_graph = buildFlowGraph(definition.toJsonValue().toObject(), order);
        m_before.resize(m_graph.nodes.size());
    }

    SchemaCrossCheck run()
    {
        for (const JsonNode state : m_states) {
            const int index = m_graph.indexOf(state.key());
            if (index < 0)
                continue; // not a state the graph knows (a duplicate name)
            collectReads(index, state);
            collectWrites(index, state);
        }
        return classify();
    }

private:
    void collectReads(int index, const JsonNode &state)
    {
        visitDataFields(Loc(), state, [&](const Loc &, const JsonNode &value, DataField field) {
            switch (field) {
            case DataField::Path:
            case DataField::Reference:
            case DataField::PresenceCheck:
                return pathRead(index, value, field == DataField::PresenceCheck);
            case DataField::Expression:
                return expressionReads(index, value);
            case DataField::Constant:
            case DataField::ResultPath:
                return;
            }
        });
    }

    void pathRead(int state, const JsonNode &value, bool presenceTest)
    {
        const QString text = value.toString();
        const auto parsed = value.isString() ? JsonPath::parse(text) : std::nullopt;
        if (!parsed)
            return; // not a path: the validator reports it
        const QString key = firstKey(*parsed);
        if (key.isEmpty())
            m_readsEverything = true; // "$", "$.*": every input key is passed on
        else if (key != "_context"_L1)
            m_reads.append({{key, text, value.range()}, state, presenceTest, false});
    }

    void expressionReads(int state, const JsonNode &value)
    {
        const QString text = value.toString();
        const auto parsed = value.isString() ? Expression::parse(text) : std::nullopt;
        if (!parsed)
            return;
        const QStringList unguarded = unguardedNames(*parsed, text);
        QStringList named;
        if (const ExpressionNodePtr tree = parseExpression(text, nullptr))
            collectNamedKeys(*tree, &named);
        for (const QString &name : parsed->names() + named)
            if (name != "_context"_L1)
                m_reads.append({{name, text, value.range()}, state, false, !unguarded.contains(name)});
    }

    // A state's own ResultPath takes effect on its way out through Next; a Catch entry's on the way
    // to that entry's Next. Everything reachable from there can find the stored key.
    void collectWrites(int index, const JsonNode &state)
    {
        const QList<StateWrite> writes = stateWrites(state);
        if (!state.contains("ResultPath"_L1) && replacesStateByDefault(state))
            propagate(index, -1, QString());
        for (const StateWrite &write : writes) {
            const auto parsed = JsonPath::parse(write.resultPath.toString());
            propagate(index, write.catchIndex, parsed ? firstKey(*parsed) : QString());
        }
    }

    // key empty: the whole run state is replaced (or the write cannot be understood).
    void propagate(int from, qsizetype catchIndex, const QString &key)
    {
        QList<int> pending;
        for (const FlowEdge &edge : std::as_const(m_graph.edges)) {
            const bool taken =
                catchIndex < 0 ? edge.kind == EdgeKind::Next : edge.kind == EdgeKind::Catch && edge.index == catchIndex;
            if (edge.from == from && taken)
                pending.append(edge.to);
        }
        QList<bool> seen(m_graph.nodes.size(), false);
        while (!pending.isEmpty()) {
            const int node = pending.takeLast();
            if (seen[node])
                continue;
            seen[node] = true;
            if (key.isEmpty())
                m_before[node].unknown = true;
            else
                m_before[node].keys.insert(key);
            for (const FlowEdge &edge : std::as_const(m_graph.edges))
                if (edge.from == node && !seen[edge.to])
                    pending.append(edge.to);
        }
    }

    SchemaCrossCheck classify() const
    {
        const JsonNode properties = m_schema.value("properties"_L1);
        QSet<QString> required;
        for (const JsonNode name : m_schema.value("required"_L1))
            required.insert(name.toString());
        SchemaCrossCheck result;
        QSet<QString> used;
        for (const Read &r : m_reads) {
            const QString &key = r.read.key;
            const Before &before = m_before.at(r.state);
            const JsonNode property = properties.isObject() ? properties.value(key) : JsonNode();
            used.insert(key);
            // A state may have stored the key, or the read is only made when the key is present;
            // the same guard rule as the validator's FD302 lint.
            if (before.unknown || before.keys.contains(key) || r.guarded)
                continue;
            if (property.isUndefined())
                result.undeclared.append(r.read);
            else if (!r.presenceTest && !required.contains(key) && !property.contains("default"_L1))
                result.notRequired.append(r.read);
        }
        if (!m_readsEverything && properties.isObject())
            for (const JsonNode property : properties)
                if (!used.contains(property.key()))
                    result.unused.append(property.key());
        return result;
    }

    JsonNode m_states;
    JsonNode m_schema;
    FlowGraph m_graph;
    QList<Before> m_before; // by graph node
    QList<Read> m_reads;
    bool m_readsEverything = false;
};

} // namespace

SchemaCrossCheck crossCheck(const JsonText &definition, const JsonText &schema)
{
    if (!definition.isValid() || !schema.isValid() || !schema.root().isObject())
        return {};
    // As the validator decides: a flow document holds the definition under "definition".
    JsonNode root = definition.root();
    if (root.value("definition"_L1).isObject() && !root.contains("States"_L1))
        root = root.value("definition"_L1);
    if (!root.value("States"_L1).isObject())
        return {};
    return CrossChecker(root, schema.root()).run();
}

} // namespace Flowdeck::Core::Lang
