// SPDX-License-Identifier: GPL-3.0-or-later
// Evaluation of the expression language with Python's semantics where flows rely on them:
// "+" on numbers, strings and lists; truthiness; and/or returning an operand; floor division and
// modulo; "in" on strings, lists and objects. Errors read like Python's, with the position.
#include "core/lang/expression.h"

#include "core/lang/expressionnode.h"
#include "core/lang/jsonpath.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

#include <cmath>

using namespace Qt::StringLiterals;

namespace Flowdeck::Core::Lang {

namespace {

using Kind = Expression::Node::Kind;
using Value = std::optional<QJsonValue>;

QString tr(const char *text)
{
    return QCoreApplication::translate("Expression", text);
}

QString typeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return u"NoneType"_s;
    case QJsonValue::Bool:
        return u"bool"_s;
    case QJsonValue::Double:
        return std::isfinite(v.toDouble()) && v.toDouble() == std::floor(v.toDouble()) ? u"int"_s : u"float"_s;
    case QJsonValue::String:
        return u"str"_s;
    case QJsonValue::Array:
        return u"list"_s;
    case QJsonValue::Object:
        return u"dict"_s;
    }
    return {};
}

// "a.b[0]" (or "$.a.b[0]") as is_present() and getattr() take it.
std::optional<JsonPath> statePath(const QString &text)
{
    return JsonPath::parse(text.startsWith(u'$') ? text : u"$."_s + text);
}

class Evaluator
{
public:
    Evaluator(const QJsonValue &state, Expression::Error *error)
        : m_state(state)
        , m_error(error)
    {}

    Value eval(const Expression::Node &n)
    {
        switch (n.kind) {
        case Kind::Literal:
            return n.value;
        case Kind::Name:
            if (m_state.isObject() && m_state.toObject().contains(n.text))
                return m_state.toObject().value(n.text);
            return fail(tr("name '%1' is not defined").arg(n.text), n);
        case Kind::JsonPathRef:
            return jsonPath(n);
        case Kind::Attribute:
            return attribute(n);
        case Kind::Index:
            return index(n);
        case Kind::Slice:
            return slice(n);
        case Kind::List: {
            QJsonArray items;
            for (const auto &child : n.children) {
                const Value v = eval(*child);
                if (!v)
                    return std::nullopt;
                items.append(*v);
            }
            return items;
        }
        case Kind::Unary:
            return unary(n);
        case Kind::Binary:
            return binary(n);
        case Kind::Compare:
            return chain(n);
        case Kind::Conditional: {
            const Value test = eval(*n.children.at(0));
            if (!test)
                return std::nullopt;
            return eval(*n.children.at(isTruthy(*test) ? 1 : 2));
        }
        case Kind::Call:
            return call(n);
        case Kind::Method:
            return method(n);
        }
        return std::nullopt;
    }

private:
    std::nullopt_t fail(const QString &message, const Expression::Node &at)
    {
        if (m_error)
            *m_error = {message, at.position};
        return std::nullopt;
    }

    Value jsonPath(const Expression::Node &n)
    {
        JsonPath::Error error;
        const auto path = JsonPath::parse(n.text, &error);
        if (!path)
            return fail(tr("`%1` is not a valid path: %2").arg(n.text, error.message), n);
        const Value v = path->read(m_state);
        return v ? v : fail(tr("`%1` does not exist in the run state").arg(n.text), n);
    }

    Value attribute(const Expression::Node &n)
    {
        const Value base = eval(*n.children.at(0));
        if (!base)
            return std::nullopt;
        if (base->isObject() && base->toObject().contains(n.text))
            return base->toObject().value(n.text);
        return fail(tr("'%1' object has no attribute '%2'").arg(typeName(*base), n.text), n);
    }

    Value index(const Expression::Node &n)
    {
        const Value base = eval(*n.children.at(0));
        const Value key = base ? eval(*n.children.at(1)) : std::nullopt;
        if (!key)
            return std::nullopt;
        if (base->isObject() && key->isString()) {
            if (base->toObject().contains(key->toString()))
                return base->toObject().value(key->toString());
            return fail(tr("KeyError: '%1'").arg(key->toString()), n);
        }
        if ((base->isArray() || base->isString()) && typeName(*key) == "int"_L1 && std::abs(key->toDouble()) < 1e15) {
            const qsizetype size = base->isArray() ? base->toArray().size() : base->toString().size();
            qsizetype i = qsizetype(key->toDouble());
            if (i < 0)
                i += size;
            if (i < 0 || i >= size)
                return fail(tr("%1 index out of range").arg(typeName(*base)), n);
            return base->isArray() ? base->toArray().at(i) : QJsonValue(QString(base->toString().at(i)));
        }
        return fail(tr("'%1' object cannot be indexed by '%2'").arg(typeName(*base), typeName(*key)), n);
    }

    // Python slices of lists and strings: negative bounds count from the end, out-of-range bounds clamp.
    Value slice(const Expression::Node &n)
    {
        const Value base = eval(*n.children.at(0));
        const Value from = base ? eval(*n.children.at(1)) : std::nullopt;
        const Value to = from ? eval(*n.children.at(2)) : std::nullopt;
        if (!to)
            return std::nullopt;
        if (!base->isArray() && !base->isString())
            return fail(tr("'%1' object cannot be sliced").arg(typeName(*base)), n);
        const qsizetype size = base->isArray() ? base->toArray().size() : base->toString().size();
        auto bound = [size](const QJsonValue &v, qsizetype fallback) -> std::optional<qsizetype> {
            if (v.isNull())
                return fallback;
            if (typeName(v) != "int"_L1 || std::abs(v.toDouble()) >= 1e15)
                return std::nullopt;
            const auto i = qsizetype(v.toDouble());
            return std::clamp<qsizetype>(i < 0 ? i + size : i, 0, size);
        };
        const auto start = bound(*from, 0);
        const auto end = bound(*to, size);
        if (!start || !end)
            return fail(tr("slice indices must be integers or None"), n);
        const qsizetype length = std::max<qsizetype>(0, *end - *start);
        if (base->isString())
            return base->toString().mid(*start, length);
        QJsonArray out;
        for (qsizetype i = *start; i < *start + length; ++i)
            out.append(base->toArray().at(i));
        return out;
    }

    Value unary(const Expression::Node &n)
    {
        const Value v = eval(*n.children.at(0));
        if (!v)
            return std::nullopt;
        if (n.text == "not"_L1)
            return !isTruthy(*v);
        if (!v->isDouble())
            return fail(tr("bad operand type for unary %1: '%2'").arg(n.text, typeName(*v)), n);
        return n.text == "-"_L1 ? -v->toDouble() : v->toDouble();
    }

    Value binary(const Expression::Node &n)
    {
        const Value left = eval(*n.children.at(0));
        if (!left)
            return std::nullopt;
        if (n.text == "and"_L1 || n.text == "or"_L1) { // short-circuit, returning an operand
            if (isTruthy(*left) == (n.text == "or"_L1))
                return left;
            return eval(*n.children.at(1));
        }
        const Value right = eval(*n.children.at(1));
        if (!right)
            return std::nullopt;
        return arithmetic(*left, *right, n);
    }

    // Each link must hold; evaluation stops at the first that does not, as in Python.
    Value chain(const Expression::Node &n)
    {
        Value left = eval(*n.children.at(0));
        for (qsizetype i = 0; left && i < n.operators.size(); ++i) {
            const Value right = eval(*n.children.at(i + 1));
            if (!right)
                return std::nullopt;
            const Value holds = compareOne(n.operators.at(i), *left, *right, n);
            if (!holds || !holds->toBool())
                return holds;
            left = right;
        }
        return left ? Value(true) : std::nullopt;
    }

    Value compareOne(const QString &op, const QJsonValue &left, const QJsonValue &right, const Expression::Node &n)
    {
        // JSON values have no identity of their own: "is" compares values (what "x is None" needs).
        if (op == "=="_L1 || op == "!="_L1 || op == "is"_L1 || op == "is not"_L1)
            return (left == right) == (op == "=="_L1 || op == "is"_L1);
        if (op == "in"_L1 || op == "not in"_L1) {
            const Value found = contains(right, left, n);
            return found ? Value(found->toBool() == (op == "in"_L1)) : std::nullopt;
        }
        return compare(op, left, right, n);
    }

    Value contains(const QJsonValue &container, const QJsonValue &item, const Expression::Node &n)
    {
        if (container.isString() && item.isString())
            return container.toString().contains(item.toString());
        if (container.isArray())
            return container.toArray().contains(item);
        if (container.isObject() && item.isString())
            return container.toObject().contains(item.toString());
        return fail(
            tr("argument of type '%1' does not support 'in' with '%2'").arg(typeName(container), typeName(item)), n);
    }

    Value compare(const QString &op, const QJsonValue &l, const QJsonValue &r, const Expression::Node &n)
    {
        int order = 0;
        if (l.isDouble() && r.isDouble())
            order = l.toDouble() < r.toDouble() ? -1 : (l.toDouble() > r.toDouble() ? 1 : 0);
        else if (l.isString() && r.isString())
            order = l.toString().compare(r.toString());
        else
            return fail(tr("'%1' not supported between instances of '%2' and '%3'").arg(op, typeName(l), typeName(r)),
                        n);
        if (op == "<"_L1)
            return order < 0;
        if (op == "<="_L1)
            return order <= 0;
        if (op == ">"_L1)
            return order > 0;
        return order >= 0;
    }

    Value arithmetic(const QJsonValue &l, const QJsonValue &r, const Expression::Node &n)
    {
        if (n.text == "+"_L1 && l.isString() && r.isString())
            return QString(l.toString() + r.toString());
        if (n.text == "+"_L1 && l.isArray() && r.isArray()) {
            QJsonArray joined = l.toArray();
            for (const QJsonValue &item : r.toArray())
                joined.append(item);
            return joined;
        }
        if (!l.isDouble() || !r.isDouble())
            return fail(tr("unsupported operand type(s) for %1: '%2' and '%3'").arg(n.text, typeName(l), typeName(r)),
                        n);
        const double a = l.toDouble();
        const double b = r.toDouble();
        if ((n.text == "/"_L1 || n.text == "//"_L1 || n.text == "%"_L1) && b == 0)
            return fail(tr("division by zero"), n);
        if (n.text == "+"_L1)
            return a + b;
        if (n.text == "-"_L1)
            return a - b;
        if (n.text == "*"_L1)
            return a * b;
        if (n.text == "/"_L1)
            return a / b;
        if (n.text == "//"_L1)
            return std::floor(a / b);
        if (n.text == "%"_L1)
            return a - b * std::floor(a / b); // Python: the result has the divisor's sign
        const double p = std::pow(a, b);
        if (!std::isfinite(p))
            return fail(tr("the result of ** is too large"), n);
        return p;
    }

    // Every child evaluated in order; nullopt (the error already set) at the first that fails.
    std::optional<QList<QJsonValue>> arguments(const Expression::Node &n)
    {
        QList<QJsonValue> args;
        for (const auto &child : n.children) {
            const Value v = eval(*child);
            if (!v)
                return std::nullopt;
            args.append(*v);
        }
        return args;
    }

    Value call(const Expression::Node &n)
    {
        const auto evaluated = arguments(n);
        if (!evaluated)
            return std::nullopt;
        const QList<QJsonValue> &args = *evaluated;
        if (n.text == "pathsplit"_L1 && args.size() == 1 && args.at(0).isString())
            return pathSplit(args.at(0).toString());
        if ((n.text == "is_present"_L1 && args.size() == 1) || (n.text == "getattr"_L1 && args.size() == 2)) {
            if (!args.at(0).isString())
                return fail(tr("%1() takes a path string as its first argument").arg(n.text), n);
            const auto path = statePath(args.at(0).toString());
            const Value found = path ? path->read(m_state) : std::nullopt;
            if (n.text == "is_present"_L1)
                return found.has_value();
            return found ? found : args.at(1);
        }
        return fail(tr("unknown function or wrong arguments: %1(); use pathsplit(path), is_present('path') or "
                       "getattr('path', default)")
                        .arg(n.text),
                    n);
    }

    // The methods of Python's str, list and dict that flows use to shape paths and labels.
    Value method(const Expression::Node &n)
    {
        auto evaluated = arguments(n);
        if (!evaluated)
            return std::nullopt;
        QList<QJsonValue> &args = *evaluated;
        const QJsonValue self = args.takeFirst();
        const QString &name = n.text;
        auto arg = [&](qsizetype i) { return i < args.size() ? args.at(i) : QJsonValue(QJsonValue::Undefined); };
        auto strings = [&](qsizetype count) {
            return args.size() == count &&
                   std::all_of(args.begin(), args.end(), [](const QJsonValue &a) { return a.isString(); });
        };
        if (self.isString()) {
            const QString text = self.toString();
            if (args.isEmpty() && name == "upper"_L1)
                return text.toUpper();
            if (args.isEmpty() && name == "lower"_L1)
                return text.toLower();
            if ((name == "strip"_L1 || name == "lstrip"_L1 || name == "rstrip"_L1) && (args.isEmpty() || strings(1)))
                return strip(text, name, args.isEmpty() ? QString() : args.at(0).toString());
            if ((name == "startswith"_L1 || name == "endswith"_L1) && strings(1))
                return name == "startswith"_L1 ? text.startsWith(args.at(0).toString())
                                               : text.endsWith(args.at(0).toString());
            if (name == "replace"_L1 && strings(2))
                return QString(text).replace(args.at(0).toString(), args.at(1).toString());
            if (name == "find"_L1 && strings(1))
                return double(text.indexOf(args.at(0).toString()));
            if (name == "count"_L1 && strings(1) && !args.at(0).toString().isEmpty())
                return double(text.count(args.at(0).toString()));
            if (name == "split"_L1 && args.size() <= 2 && (args.isEmpty() || arg(0).isString() || arg(0).isNull()) &&
                (args.size() < 2 || arg(1).isDouble()))
                return split(text, arg(0), args.size() < 2 ? -1 : qsizetype(arg(1).toDouble()), n);
            if (name == "join"_L1 && args.size() == 1 && args.at(0).isArray()) {
                QStringList parts;
                for (const QJsonValue &part : args.at(0).toArray()) {
                    if (!part.isString())
                        return fail(tr("sequence item: expected str instance, %1 found").arg(typeName(part)), n);
                    parts.append(part.toString());
                }
                return parts.join(text);
            }
        } else if (self.isArray()) {
            const QJsonArray list = self.toArray();
            if (name == "count"_L1 && args.size() == 1)
                return double(std::count(list.begin(), list.end(), args.at(0)));
            if (name == "index"_L1 && args.size() == 1) {
                const auto found = std::find(list.begin(), list.end(), args.at(0));
                if (found == list.end())
                    return fail(tr("ValueError: the value is not in the list"), n);
                return double(found - list.begin());
            }
        } else if (self.isObject()) {
            const QJsonObject object = self.toObject();
            if (name == "get"_L1 && (args.size() == 1 || args.size() == 2) && args.at(0).isString())
                return object.contains(args.at(0).toString()) ? object.value(args.at(0).toString())
                                                              : (args.size() == 2 ? args.at(1) : QJsonValue());
            if (name == "keys"_L1 && args.isEmpty())
                return QJsonArray::fromStringList(object.keys());
            if (name == "values"_L1 && args.isEmpty()) {
                QJsonArray values;
                for (const QJsonValue &value : object)
                    values.append(value);
                return values;
            }
        }
        return fail(tr("'%1' object has no method '%2' taking these arguments (supported: str upper, lower, strip, "
                       "lstrip, rstrip, split, join, replace, startswith, endswith, find, count; list count, index; "
                       "dict get, keys, values)")
                        .arg(typeName(self), name),
                    n);
    }

    static QString strip(const QString &text, const QString &how, const QString &chars)
    {
        auto strippable = [&](QChar c) { return chars.isEmpty() ? c.isSpace() : chars.contains(c); };
        qsizetype begin = 0, end = text.size();
        if (how != "rstrip"_L1)
            while (begin < end && strippable(text.at(begin)))
                ++begin;
        if (how != "lstrip"_L1)
            while (end > begin && strippable(text.at(end - 1)))
                --end;
        return text.mid(begin, end - begin);
    }

    // Python's str.split: no separator splits on runs of whitespace and drops empty parts.
    Value split(const QString &text, const QJsonValue &separator, qsizetype maxSplit, const Expression::Node &n)
    {
        QJsonArray parts;
        if (separator.isString()) {
            const QString sep = separator.toString();
            if (sep.isEmpty())
                return fail(tr("ValueError: empty separator"), n);
            qsizetype from = 0;
            for (qsizetype at; (maxSplit < 0 || parts.size() < maxSplit) && (at = text.indexOf(sep, from)) >= 0;
                 from = at + sep.size())
                parts.append(text.mid(from, at - from));
            parts.append(text.mid(from));
            return parts;
        }
        qsizetype at = 0;
        const qsizetype size = text.size();
        while (at < size) {
            while (at < size && text.at(at).isSpace())
                ++at;
            if (at == size)
                break;
            qsizetype end = at;
            if (maxSplit >= 0 && parts.size() == maxSplit) {
                end = size;
                while (end > at && text.at(end - 1).isSpace())
                    --end;
            } else {
                while (end < size && !text.at(end).isSpace())
                    ++end;
            }
            parts.append(text.mid(at, end - at));
            at = end;
        }
        return parts;
    }

    // ["dir", "last"]; a trailing '/' is ignored and the Globus home marker "/~/" stays a directory.
    static QJsonValue pathSplit(QString path)
    {
        if (path.size() > 1 && path.endsWith(u'/'))
            path.chop(1);
        const qsizetype slash = path.lastIndexOf(u'/');
        if (slash < 0)
            return QJsonArray{QString(), path};
        QString dir = path.left(slash);
        if (dir.isEmpty() || dir == "/~"_L1)
            dir += u'/';
        return QJsonArray{dir, path.mid(slash + 1)};
    }

    const QJsonValue &m_state;
    Expression::Error *m_error;
};

void collectNames(const Expression::Node &n, QStringList *names)
{
    if (n.kind == Kind::Name && !names->contains(n.text))
        names->append(n.text);
    for (const auto &child : n.children)
        collectNames(*child, names);
}

} // namespace

bool isTruthy(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return value.toBool();
    case QJsonValue::Double:
        return value.toDouble() != 0;
    case QJsonValue::String:
        return !value.toString().isEmpty();
    case QJsonValue::Array:
        return !value.toArray().isEmpty();
    case QJsonValue::Object:
        return !value.toObject().isEmpty();
    default:
        return false;
    }
}

std::optional<Expression> Expression::parse(const QString &text, Error *error)
{
    ExpressionNodePtr root = parseExpression(text, error);
    if (!root)
        return std::nullopt;
    Expression expression;
    expression.m_root = std::move(root);
    return expression;
}

std::optional<QJsonValue> Expression::evaluate(const QJsonValue &state, Error *error) const
{
    if (!m_root) {
        if (error)
            *error = {tr("The expression is empty"), 0};
        return std::nullopt;
    }
    return Evaluator(state, error).eval(*m_root);
}

QStringList Expression::names() const
{
    QStringList names;
    if (m_root)
        collectNames(*m_root, &names);
    return names;
}

} // namespace Flowdeck::Core::Lang
