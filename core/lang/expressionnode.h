// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/lang/expression.h"

#include <QJsonValue>
#include <QList>
#include <QString>

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
        List,        // [children...]
        Unary,       // op children[0]: "-", "+", "not"
        Binary,      // children[0] op children[1]: arithmetic, comparisons, "in", "not in", "and", "or"
        Conditional, // children[1] if children[0] else children[2]
        Call,        // text(children...)
    };
    Kind kind = Kind::Literal;
    QJsonValue value;
    QString text; // name, attribute, function name, path or operator
    QList<std::shared_ptr<const Node>> children;
    qsizetype position = 0;
};

using ExpressionNodePtr = std::shared_ptr<const Expression::Node>;

// Parses text into a tree; nullptr with *error set on a syntax error.
ExpressionNodePtr parseExpression(const QString &text, Expression::Error *error);

} // namespace Flowdeck::Core::Lang
