// SPDX-License-Identifier: GPL-3.0-or-later
// JSON -> YAML for flow definitions (the other direction is in yamlflow.cpp).
#include "core/lang/jsontext.h"
#include "core/lang/yamlflow.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Flowdeck::Core::Lang {

namespace {

// Writes a JsonNode tree as block-style YAML.
class YamlWriter
{
public:
    explicit YamlWriter(const QByteArray &json)
        : m_json(json)
    {}

    QByteArray write(const JsonNode &node)
    {
        if (node.isObject() && !node.isEmpty())
            mapping(node, 0, false);
        else if (node.isArray() && !node.isEmpty())
            sequence(node, 0, false);
        else
            inlineValue(node, 0, false);
        return std::move(m_out);
    }

private:
    void pad(int indent) { m_out += QByteArray(indent, ' '); }

    // Members at indent; the first one continues the current line after "- " when inlineFirst.
    void mapping(const JsonNode &node, int indent, bool inlineFirst)
    {
        bool first = true;
        for (const JsonNode member : node) {
            if (!(first && inlineFirst))
                pad(indent);
            first = false;
            m_out += scalarText(member.key());
            m_out += ':';
            value(member, indent);
        }
    }

    void sequence(const JsonNode &node, int indent, bool inlineFirst)
    {
        bool first = true;
        for (const JsonNode element : node) {
            if (!(first && inlineFirst))
                pad(indent);
            first = false;
            m_out += "- ";
            if (element.isObject() && !element.isEmpty())
                mapping(element, indent + 2, true);
            else if (element.isArray() && !element.isEmpty())
                sequence(element, indent + 2, true);
            else
                inlineValue(element, indent, true);
        }
    }

    // A member's value, after "key:".
    void value(const JsonNode &node, int indent)
    {
        if (node.isObject() && !node.isEmpty()) {
            m_out += '\n';
            mapping(node, indent + 2, false);
        } else if (node.isArray() && !node.isEmpty()) {
            m_out += '\n';
            sequence(node, indent + 2, false);
        } else {
            m_out += ' ';
            inlineValue(node, indent, true);
        }
    }

    // A scalar or an empty container on the current line; a literal block is indented past indent.
    void inlineValue(const JsonNode &node, int indent, bool nested)
    {
        switch (node.type()) {
        case JsonNode::Type::Object:
            m_out += "{}";
            break;
        case JsonNode::Type::Array:
            m_out += "[]";
            break;
        case JsonNode::Type::Null:
        case JsonNode::Type::Undefined:
            m_out += "null";
            break;
        case JsonNode::Type::Bool:
            m_out += node.toBool() ? "true" : "false";
            break;
        case JsonNode::Type::Number: {
            // The JSON spelling is always a valid YAML core-schema number.
            const TextRange range = node.range();
            m_out += m_json.mid(range.start.offset, range.end.offset - range.start.offset);
            break;
        }
        case JsonNode::Type::String:
            if (fitsLiteralBlock(node.toString())) {
                literalBlock(node.toString(), nested ? indent + 2 : 2);
                return; // a literal block ends its own lines
            }
            m_out += scalarText(node.toString());
            break;
        }
        m_out += '\n';
    }

    static bool isUnsafeChar(QChar c)
    {
        const char16_t u = c.unicode();
        return u < 0x20 || (u >= 0x7F && u <= 0x9F) || u == 0x2028 || u == 0x2029 || u == 0xFEFF;
    }

    static bool isPlainSafe(const QString &text)
    {
        // YAML 1.1 readers (PyYAML, older tools) take these as booleans or merge keys.
        static const QRegularExpression yaml11(u"^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|<<|=)$"_s);
        if (text.isEmpty() || !yamlPlainReadsAsString(text) || yaml11.match(text).hasMatch())
            return false;
        const QChar first = text.front();
        if (u"-?:,[]{}#&*!|>'\"%@`"_s.contains(first) || first.isSpace() || text.back().isSpace())
            return false;
        if (text.contains(": "_L1) || text.contains(" #"_L1) || text.endsWith(u':') || text.startsWith("---"_L1) ||
            text.startsWith("..."_L1))
            return false;
        return std::none_of(text.begin(), text.end(), isUnsafeChar);
    }

    static bool fitsLiteralBlock(const QString &text)
    {
        if (!text.contains(u'\n') || text.front().isSpace())
            return false;
        for (const QChar c : text)
            if (c != u'\n' && c != u'\t' && isUnsafeChar(c))
                return false;
        // Lines of only blanks would be read as (chomped) empty lines.
        static const QRegularExpression blankLine(u"\n[ \t]+(\n|$)"_s);
        return !blankLine.match(text).hasMatch();
    }

    static QByteArray scalarText(const QString &text)
    {
        if (isPlainSafe(text))
            return text.toUtf8();
        QString out = u"\""_s;
        for (const QChar c : text) {
            if (c == u'"' || c == u'\\')
                out += u'\\' + QString(c);
            else if (c == u'\n')
                out += u"\\n"_s;
            else if (c == u'\t')
                out += u"\\t"_s;
            else if (isUnsafeChar(c))
                out += u"\\u"_s + QString::number(c.unicode(), 16).rightJustified(4, u'0');
            else
                out += c;
        }
        return (out + u'"').toUtf8();
    }

    // "|-" when there is no final newline, "|" for one, "|+" to keep several.
    void literalBlock(const QString &text, int indent)
    {
        qsizetype trailing = 0;
        while (trailing < text.size() && text.at(text.size() - 1 - trailing) == u'\n')
            ++trailing;
        m_out += trailing == 0 ? "|-\n" : trailing == 1 ? "|\n" : "|+\n";
        QStringList lines = text.split(u'\n');
        if (trailing > 0)
            lines.removeLast();
        for (const QString &line : std::as_const(lines)) {
            if (!line.isEmpty()) {
                pad(indent);
                m_out += line.toUtf8();
            }
            m_out += '\n';
        }
    }

    const QByteArray &m_json;
    QByteArray m_out;
};

} // namespace

std::optional<QByteArray> jsonToYaml(const QByteArray &json, QString *error)
{
    const JsonText text = JsonText::parse(json);
    if (!text.isValid()) {
        if (error) {
            const JsonTextProblem &problem = text.problems().constFirst();
            *error = QCoreApplication::translate("YamlFlow", "Line %1, column %2: %3")
                         .arg(problem.range.start.line)
                         .arg(problem.range.start.column)
                         .arg(problem.message);
        }
        return std::nullopt;
    }
    return YamlWriter(text.text()).write(text.root());
}

} // namespace Flowdeck::Core::Lang
