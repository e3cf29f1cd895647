// SPDX-License-Identifier: GPL-3.0-or-later
// Tokenizer and recursive-descent parser of the expression language, with Python's precedence:
// conditional < or < and < not < comparisons < + - < * / // % < unary < ** < call/attribute/index.
#include "core/lang/expressionnode.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace Flowdeck::Core::Lang {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Expression", text);
}

struct Token
{
    enum class Type { Number, String, Name, Backtick, Operator, End };
    Type type = Type::End;
    QString text;
    QJsonValue value;
    qsizetype position = 0;
};

class Lexer
{
public:
    explicit Lexer(const QString &text)
        : m_text(text)
    {}

    bool run(QList<Token> *tokens, Expression::Error *error)
    {
        for (;;) {
            while (m_at < m_text.size() && m_text[m_at].isSpace())
                ++m_at;
            if (m_at >= m_text.size()) {
                tokens->append({Token::Type::End, {}, {}, m_at});
                return true;
            }
            Token token;
            if (!next(&token, error))
                return false;
            tokens->append(token);
        }
    }

private:
    bool fail(Expression::Error *error, const QString &message, qsizetype at)
    {
        if (error)
            *error = {message, at};
        return false;
    }

    bool next(Token *token, Expression::Error *error)
    {
        const qsizetype start = m_at;
        const QChar c = m_text[m_at];
        token->position = start;
        if (c.isDigit() || (c == u'.' && m_at + 1 < m_text.size() && m_text[m_at + 1].isDigit()))
            return number(token, error);
        if (c == u'\'' || c == u'"')
            return string(token, error);
        if (c == u'`') {
            const qsizetype close = m_text.indexOf(u'`', m_at + 1);
            if (close < 0)
                return fail(error, tr("The backtick path is not closed"), start);
            *token = {Token::Type::Backtick, m_text.mid(m_at + 1, close - m_at - 1), {}, start};
            m_at = close + 1;
            return true;
        }
        if (c.isLetter() || c == u'_') {
            while (m_at < m_text.size() && (m_text[m_at].isLetterOrNumber() || m_text[m_at] == u'_'))
                ++m_at;
            *token = {Token::Type::Name, m_text.mid(start, m_at - start), {}, start};
            return true;
        }
        for (const char *op : {"**", "//", "==", "!=", "<=", ">=", "+", "-", "*", "/",
                               "%",  "<",  ">",  "(",  ")",  "[",  "]", ",", ".", ":"}) {
            const QLatin1StringView candidate(op);
            if (QStringView(m_text).mid(m_at).startsWith(candidate)) {
                *token = {Token::Type::Operator, QString(candidate), {}, start};
                m_at += candidate.size();
                return true;
            }
        }
        return fail(error, tr("Unexpected character '%1'").arg(c), start);
    }

    bool number(Token *token, Expression::Error *error)
    {
        const qsizetype start = m_at;
        while (m_at < m_text.size() && (m_text[m_at].isDigit() || m_text[m_at] == u'.' || m_text[m_at] == u'_'))
            ++m_at;
        if (m_at < m_text.size() && (m_text[m_at] == u'e' || m_text[m_at] == u'E')) {
            ++m_at;
            if (m_at < m_text.size() && (m_text[m_at] == u'+' || m_text[m_at] == u'-'))
                ++m_at;
            while (m_at < m_text.size() && m_text[m_at].isDigit())
                ++m_at;
        }
        QString digits = m_text.mid(start, m_at - start);
        digits.remove(u'_');
        bool ok = false;
        const double value = digits.toDouble(&ok);
        if (!ok)
            return fail(error, tr("\"%1\" is not a number").arg(digits), start);
        *token = {Token::Type::Number, digits, value, start};
        return true;
    }

    bool string(Token *token, Expression::Error *error)
    {
        const qsizetype start = m_at;
        const QChar quote = m_text[m_at++];
        QString value;
        while (m_at < m_text.size() && m_text[m_at] != quote) {
            QChar c = m_text[m_at++];
            if (c == u'\\' && m_at < m_text.size()) {
                const QChar e = m_text[m_at++];
                if (e == u'n' || e == u't' || e == u'r' || e == u'\\' || e == u'\'' || e == u'"') {
                    c = e == u'n' ? u'\n' : e == u't' ? u'\t' : e == u'r' ? u'\r' : e;
                } else { // as in Python, an unknown escape keeps its backslash: 'C:\data'
                    value += u'\\';
                    c = e;
                }
            }
            value += c;
        }
        if (m_at >= m_text.size())
            return fail(error, tr("The string is not closed"), start);
        ++m_at;
        *token = {Token::Type::String, value, value, start};
        return true;
    }

    const QString &m_text;
    qsizetype m_at = 0;
};

class Parser
{
public:
    Parser(const QList<Token> &tokens, Expression::Error *error)
        : m_tokens(tokens)
        , m_error(error)
    {}

    ExpressionNodePtr parse()
    {
        // Limits keep the recursive parser, evaluator and tree destructor far from the stack's end.
        if (m_tokens.size() > MaxTokens)
            return fail(tr("The expression is too long (more than %1 tokens)").arg(MaxTokens), 0);
        ExpressionNodePtr root = conditional();
        if (root && peek().type != Token::Type::End)
            return fail(tr("Unexpected \"%1\" after the end of the expression").arg(peek().text), peek().position);
        return root;
    }

private:
    const Token &peek(qsizetype ahead = 0) const { return m_tokens.at(std::min(m_at + ahead, m_tokens.size() - 1)); }
    bool isOp(const char *op, qsizetype ahead = 0) const
    {
        const Token &t = peek(ahead);
        return (t.type == Token::Type::Operator || t.type == Token::Type::Name) && t.text == QLatin1StringView(op);
    }
    bool accept(const char *op)
    {
        if (!isOp(op))
            return false;
        ++m_at;
        return true;
    }
    ExpressionNodePtr fail(const QString &message, qsizetype position)
    {
        if (m_error && !m_failed)
            *m_error = {message, position};
        m_failed = true;
        return nullptr;
    }
    // Builds a node; refuses trees taller than MaxHeight (long chains such as a+a+... or a.b.b...),
    // which evaluation and destruction would otherwise recurse through.
    ExpressionNodePtr make(Expression::Node::Kind kind, qsizetype position, QList<ExpressionNodePtr> children,
                           const QString &text = {})
    {
        int height = 1;
        for (const auto &child : children)
            height = std::max(height, child->height + 1);
        if (height > MaxHeight)
            return fail(tr("The expression is too deeply chained (more than %1 levels)").arg(MaxHeight), position);
        auto node = std::make_shared<Expression::Node>();
        node->height = height;
        node->kind = kind;
        node->position = position;
        node->children = std::move(children);
        node->text = text;
        return node;
    }

    // Counts nesting while a rule recurses; refuses input nested deeper than MaxDepth.
    struct DepthGuard
    {
        explicit DepthGuard(Parser *p)
            : parser(p)
        {
            ++parser->m_depth;
        }
        ~DepthGuard() { --parser->m_depth; }
        bool tooDeep() const { return parser->m_depth > MaxDepth; }
        Parser *parser;
    };

    ExpressionNodePtr tooDeep()
    {
        return fail(tr("The expression nests too deep (more than %1 levels)").arg(MaxDepth), peek().position);
    }

    ExpressionNodePtr conditional()
    {
        const DepthGuard guard(this);
        if (guard.tooDeep())
            return tooDeep();
        ExpressionNodePtr body = orExpr();
        if (!body || !isOp("if"))
            return body;
        const qsizetype at = peek().position;
        ++m_at;
        ExpressionNodePtr test = orExpr();
        if (!test)
            return nullptr;
        if (!accept("else"))
            return fail(tr("Expected \"else\" in the conditional expression"), peek().position);
        ExpressionNodePtr otherwise = conditional();
        return otherwise ? make(Expression::Node::Kind::Conditional, at, {test, body, otherwise}) : nullptr;
    }

    // Left-associative binary levels share one loop.
    template<typename Next>
    ExpressionNodePtr binary(std::initializer_list<const char *> ops, Next next)
    {
        ExpressionNodePtr left = (this->*next)();
        while (left) {
            const char *matched = nullptr;
            for (const char *op : ops)
                if (isOp(op))
                    matched = op;
            if (!matched)
                return left;
            const qsizetype at = peek().position;
            ++m_at;
            ExpressionNodePtr right = (this->*next)();
            if (!right)
                return nullptr;
            left = make(Expression::Node::Kind::Binary, at, {left, right}, QString::fromLatin1(matched));
        }
        return nullptr;
    }

    ExpressionNodePtr orExpr() { return binary({"or"}, &Parser::andExpr); }
    ExpressionNodePtr andExpr() { return binary({"and"}, &Parser::notExpr); }

    ExpressionNodePtr notExpr()
    {
        if (!isOp("not"))
            return comparison();
        const DepthGuard guard(this);
        if (guard.tooDeep())
            return tooDeep();
        const qsizetype at = peek().position;
        ++m_at;
        ExpressionNodePtr operand = notExpr();
        return operand ? make(Expression::Node::Kind::Unary, at, {operand}, u"not"_s) : nullptr;
    }

    // "a < b < c" is "a < b and b < c", as in Python: one Compare node holds the whole chain.
    ExpressionNodePtr comparison()
    {
        ExpressionNodePtr first = additive();
        if (!first)
            return nullptr;
        QList<ExpressionNodePtr> operands{first};
        QStringList operators;
        const qsizetype at = peek().position;
        for (;;) {
            QString op;
            if (isOp("not") && isOp("in", 1)) {
                m_at += 2;
                op = u"not in"_s;
            } else if (isOp("is") && isOp("not", 1)) {
                m_at += 2;
                op = u"is not"_s;
            } else if (accept("is")) {
                op = u"is"_s;
            } else {
                for (const char *candidate : {"==", "!=", "<=", ">=", "<", ">", "in"})
                    if (op.isEmpty() && accept(candidate))
                        op = QString::fromLatin1(candidate);
            }
            if (op.isEmpty())
                break;
            ExpressionNodePtr right = additive();
            if (!right)
                return nullptr;
            operands.append(right);
            operators.append(op);
        }
        if (operators.isEmpty())
            return first;
        ExpressionNodePtr node = make(Expression::Node::Kind::Compare, at, operands);
        if (node)
            std::const_pointer_cast<Expression::Node>(node)->operators = operators;
        return node;
    }

    ExpressionNodePtr additive() { return binary({"+", "-"}, &Parser::multiplicative); }
    ExpressionNodePtr multiplicative() { return binary({"*", "/", "//", "%"}, &Parser::unary); }

    ExpressionNodePtr unary()
    {
        if (!isOp("-") && !isOp("+"))
            return power();
        const DepthGuard guard(this);
        if (guard.tooDeep())
            return tooDeep();
        const Token &t = peek();
        ++m_at;
        ExpressionNodePtr operand = unary();
        return operand ? make(Expression::Node::Kind::Unary, t.position, {operand}, t.text) : nullptr;
    }

    ExpressionNodePtr power()
    {
        ExpressionNodePtr base = postfix();
        if (!base || !isOp("**"))
            return base;
        const qsizetype at = peek().position;
        ++m_at;
        ExpressionNodePtr exponent = unary(); // right-associative, binds tighter than unary on its left
        return exponent ? make(Expression::Node::Kind::Binary, at, {base, exponent}, u"**"_s) : nullptr;
    }

    ExpressionNodePtr postfix()
    {
        ExpressionNodePtr node = atom();
        while (node) {
            const qsizetype at = peek().position;
            if (accept(".")) {
                if (peek().type != Token::Type::Name)
                    return fail(tr("Expected a name after '.'"), peek().position);
                const QString name = peek().text;
                ++m_at;
                if (accept("(")) { // a method call: "path.split('/')"
                    QList<ExpressionNodePtr> args{node};
                    if (!sequence(")", &args))
                        return nullptr;
                    node = make(Expression::Node::Kind::Method, at, args, name);
                } else {
                    node = make(Expression::Node::Kind::Attribute, at, {node}, name);
                }
            } else if (accept("[")) {
                node = subscript(node, at);
            } else if (isOp("(") && node->kind == Expression::Node::Kind::Name) {
                ++m_at;
                QList<ExpressionNodePtr> args;
                if (!sequence(")", &args))
                    return nullptr;
                node = make(Expression::Node::Kind::Call, node->position, args, node->text);
            } else {
                return node;
            }
        }
        return nullptr;
    }

    // After "[": an index "a[i]" or a slice "a[start:end]" (either bound may be left out).
    ExpressionNodePtr subscript(const ExpressionNodePtr &base, qsizetype at)
    {
        ExpressionNodePtr start = isOp(":") ? literalNull() : conditional();
        if (!start)
            return nullptr;
        if (accept(":")) {
            ExpressionNodePtr end = isOp("]") ? literalNull() : conditional();
            if (!end)
                return nullptr;
            if (!accept("]"))
                return fail(tr("Expected ']'"), peek().position);
            return make(Expression::Node::Kind::Slice, at, {base, start, end});
        }
        if (!accept("]"))
            return fail(tr("Expected ']'"), peek().position);
        return make(Expression::Node::Kind::Index, at, {base, start});
    }

    ExpressionNodePtr literalNull()
    {
        auto node = make(Expression::Node::Kind::Literal, peek().position, {});
        if (node)
            std::const_pointer_cast<Expression::Node>(node)->value = QJsonValue(QJsonValue::Null);
        return node;
    }

    // Comma-separated expressions up to close (consumed); a trailing comma is allowed.
    bool sequence(const char *close, QList<ExpressionNodePtr> *items)
    {
        while (!accept(close)) {
            ExpressionNodePtr item = conditional();
            if (!item)
                return false;
            items->append(item);
            if (!accept(",") && !isOp(close)) {
                fail(tr("Expected ',' or '%1'").arg(QLatin1StringView(close)), peek().position);
                return false;
            }
        }
        return true;
    }

    ExpressionNodePtr atom()
    {
        const Token t = peek();
        auto literal = [&](const QJsonValue &value) {
            ++m_at;
            auto node = make(Expression::Node::Kind::Literal, t.position, {});
            std::const_pointer_cast<Expression::Node>(node)->value = value;
            return node;
        };
        switch (t.type) {
        case Token::Type::Number:
            return literal(t.value);
        case Token::Type::String: {
            QString joined = t.text; // adjacent literals concatenate, as in Python: 'a' 'b' == 'ab'
            while (peek(1).type == Token::Type::String) {
                ++m_at;
                joined += peek().text;
            }
            return literal(joined);
        }
        case Token::Type::Backtick:
            ++m_at;
            return make(Expression::Node::Kind::JsonPathRef, t.position, {}, t.text);
        case Token::Type::Name:
            if (t.text == "True"_L1 || t.text == "true"_L1)
                return literal(true);
            if (t.text == "False"_L1 || t.text == "false"_L1)
                return literal(false);
            if (t.text == "None"_L1 || t.text == "null"_L1)
                return literal(QJsonValue(QJsonValue::Null));
            for (const char *keyword : {"and", "or", "not", "if", "else", "in"})
                if (t.text == QLatin1StringView(keyword))
                    return fail(tr("Unexpected \"%1\"").arg(t.text), t.position);
            ++m_at;
            return make(Expression::Node::Kind::Name, t.position, {}, t.text);
        case Token::Type::Operator:
            if (accept("(")) {
                ExpressionNodePtr inner = conditional();
                if (inner && !accept(")"))
                    return fail(tr("Expected ')'"), peek().position);
                return inner;
            }
            if (accept("[")) {
                QList<ExpressionNodePtr> items;
                return sequence("]", &items) ? make(Expression::Node::Kind::List, t.position, items) : nullptr;
            }
            return fail(tr("Unexpected \"%1\"").arg(t.text), t.position);
        case Token::Type::End:
            break;
        }
        return fail(tr("The expression ends where a value was expected"), t.position);
    }

    static constexpr int MaxDepth = 200;
    static constexpr int MaxHeight = 1000;
    static constexpr qsizetype MaxTokens = 5000;

    const QList<Token> &m_tokens;
    Expression::Error *m_error;
    qsizetype m_at = 0;
    int m_depth = 0;
    bool m_failed = false;
};

} // namespace

ExpressionNodePtr parseExpression(const QString &text, Expression::Error *error)
{
    QList<Token> tokens;
    if (!Lexer(text).run(&tokens, error))
        return nullptr;
    return Parser(tokens, error).parse();
}

} // namespace Flowdeck::Core::Lang
