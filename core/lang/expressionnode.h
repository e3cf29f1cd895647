// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/lang/expression.h"

#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace Flowdeck::Core::Lang {

// The syntax tree of an Expression (internal to core/lang).
struct Expression::Node
{
    enum class Kind {
        Literal,     // value
        Name,        // text
        JsonPathRef, // text: a backtick JSONPath
        Attribute,   // children[0].text
        Index,       // children[0][children[1]]
        Slice,       // children[0][children[1]:children[2]] (null bounds: from the start / to the end)
        List,        // [children...]
        Unary,       // op children[0]: "-", "+", "not"
        Binary,      // children[0] op children[1]: arithmetic, comparisons, "in", "not in", "and", "or"
        Conditional, // children[1] if children[0] else children[2]
        Compare,     // children[0] operators[0] children[1] operators[1] ... (Python's chained comparison)
        Call,        // text(children...)
        Method,      // children[0].text(children[1...]): Python's str, list and dict methods
    };
    Kind kind = Kind::Literal;
    QJsonValue value;
    QString text; // name, attribute, function name, path or operator
    QList<std::shared_ptr<const Node>> children;
    QStringList operators; // Compare only
    qsizetype position = 0;
    int height = 1; // of the subtree: bounded so that recursion over the tree stays shallow
};

using ExpressionNodePtr = std::shared_ptr<const Expression::Node>;

// Parses text into a tree; nullptr with *error set on a syntax error.
ExpressionNodePtr parseExpression(const QString &text, Expression::Error *error);

} // namespace Flowdeck::Core::Lang
