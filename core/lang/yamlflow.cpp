// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/lang/yamlflow.h"

#include <QCoreApplication>
#include <QLocale>
#include <QRegularExpression>

#include <cmath>
#include <map>
#include <string>
// GCC 12 sees dangling pointers in yaml-cpp 0.7's inline node code that are not there (a known
// false positive of -Wdangling-pointer on its temporaries).
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 12
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdangling-pointer"
#include <yaml-cpp/yaml.h>
#pragma GCC diagnostic pop
#else
#include <yaml-cpp/yaml.h>
#endif

using namespace Qt::StringLiterals;

namespace Flowdeck::Core::Lang {

namespace {

// An alias can refer to its own anchor, and aliases of aliases multiply a short text ("billion
// laughs"): both limits keep a hostile file from exhausting the stack or the memory.
constexpr int MaxDepth = 512;
constexpr qsizetype MaxOutput = 16 * 1024 * 1024; // definitions are kilobytes

QString tr(const char *text)
{
    return QCoreApplication::translate("YamlFlow", text);
}

// What a plain (unquoted, untagged) scalar means under the YAML 1.2 core schema.
enum class ScalarKind { Null, Bool, Int, Float, NonFinite, String };

ScalarKind resolvePlain(const QString &text)
{
    static const QRegularExpression null(u"^(|~|null|Null|NULL)$"_s);
    static const QRegularExpression boolean(u"^(true|True|TRUE|false|False|FALSE)$"_s);
    static const QRegularExpression integer(u"^([-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"_s);
    static const QRegularExpression real(u"^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$"_s);
    static const QRegularExpression nonFinite(u"^([-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN))$"_s);
    if (null.match(text).hasMatch())
        return ScalarKind::Null;
    if (boolean.match(text).hasMatch())
        return ScalarKind::Bool;
    if (integer.match(text).hasMatch())
        return ScalarKind::Int;
    if (real.match(text).hasMatch())
        return ScalarKind::Float;
    if (nonFinite.match(text).hasMatch())
        return ScalarKind::NonFinite;
    return ScalarKind::String;
}

void appendJsonString(QByteArray &out, const std::string &text)
{
    out += '"';
    for (const char ch : text) {
        const auto byte = static_cast<unsigned char>(ch);
        if (ch == '"' || ch == '\\') {
            out += '\\';
            out += ch;
        } else if (ch == '\n') {
            out += "\\n";
        } else if (ch == '\t') {
            out += "\\t";
        } else if (ch == '\r') {
            out += "\\r";
        } else if (byte < 0x20) {
            out += "\\u00" + QByteArray::number(byte, 16).rightJustified(2, '0');
        } else {
            out += ch;
        }
    }
    out += '"';
}

// Reads the yaml-cpp tree and writes JSON text in the same order.
class JsonWriter
{
public:
    explicit JsonWriter(const QByteArray &yaml)
        : m_yaml(yaml)
    {}

    bool write(const YAML::Node &node, int depth)
    {
        if (depth > MaxDepth || m_out.size() > MaxOutput)
            return fail(node.Mark(), tr("The document nests too deeply or its aliases expand too much"));
        switch (node.Type()) {
        case YAML::NodeType::Map:
            return checkTag(node) && mapping(node, depth);
        case YAML::NodeType::Sequence:
            return checkTag(node) && sequence(node, depth);
        case YAML::NodeType::Scalar:
            return scalar(node);
        case YAML::NodeType::Null:
        case YAML::NodeType::Undefined:
            m_out += "null";
            return true;
        }
        return true;
    }

    bool fail(const YAML::Mark &mark, const QString &message)
    {
        m_error = {message, 0, 0};
        if (mark.pos >= 0 && mark.line >= 0) {
            // yaml-cpp counts columns in bytes; a user counts characters.
            const qsizetype pos = std::min<qsizetype>(mark.pos, m_yaml.size());
            const qsizetype lineStart = m_yaml.lastIndexOf('\n', pos - 1) + 1;
            int column = 1;
            for (qsizetype i = lineStart; i < pos; ++i)
                column += (static_cast<unsigned char>(m_yaml.at(i)) & 0xC0) != 0x80;
            m_error.line = mark.line + 1;
            m_error.column = column;
        }
        return false;
    }

    QByteArray takeJson() { return std::move(m_out) + '\n'; }
    const YamlError &error() const { return m_error; }

private:
    void newline(int depth)
    {
        m_out += '\n';
        m_out += QByteArray(2 * depth, ' ');
    }

    bool checkTag(const YAML::Node &node)
    {
        const std::string &tag = node.Tag();
        if (tag.empty() || tag == "?" || tag == "!" || tag == "tag:yaml.org,2002:map" || tag == "tag:yaml.org,2002:seq")
            return true;
        return fail(node.Mark(), tr("The tag \"%1\" has no JSON equivalent").arg(QString::fromStdString(tag)));
    }

    bool mapping(const YAML::Node &node, int depth)
    {
        if (node.size() == 0) {
            m_out += "{}";
            return true;
        }
        m_out += '{';
        std::map<std::string, YAML::Mark> seen;
        bool first = true;
        for (auto it = node.begin(); it != node.end(); ++it) {
            const YAML::Node key = it->first; // it-> yields a temporary: copy, never refer
            if (!key.IsScalar())
                return fail(key.Mark(), tr("A key must be text, not a list, a mapping or null"));
            const auto [previous, added] = seen.emplace(key.Scalar(), key.Mark());
            if (!added)
                return fail(key.Mark(), tr("Duplicate key \"%1\" (first at line %2)")
                                            .arg(QString::fromStdString(key.Scalar()))
                                            .arg(previous->second.line + 1));
            if (!first)
                m_out += ',';
            first = false;
            newline(depth + 1);
            appendJsonString(m_out, key.Scalar());
            m_out += ": ";
            if (!write(it->second, depth + 1))
                return false;
        }
        newline(depth);
        m_out += '}';
        return true;
    }

    bool sequence(const YAML::Node &node, int depth)
    {
        if (node.size() == 0) {
            m_out += "[]";
            return true;
        }
        m_out += '[';
        for (std::size_t i = 0; i < node.size(); ++i) {
            if (i > 0)
                m_out += ',';
            newline(depth + 1);
            if (!write(node[i], depth + 1))
                return false;
        }
        newline(depth);
        m_out += ']';
        return true;
    }

    bool scalar(const YAML::Node &node)
    {
        const std::string &tag = node.Tag();
        const std::string &text = node.Scalar();
        if (tag == "!" || tag == "tag:yaml.org,2002:str") {
            appendJsonString(m_out, text);
            return true;
        }
        const ScalarKind kind = resolvePlain(QString::fromStdString(text));
        const bool fits = tag == "?" || (tag == "tag:yaml.org,2002:null" && kind == ScalarKind::Null) ||
                          (tag == "tag:yaml.org,2002:bool" && kind == ScalarKind::Bool) ||
                          (tag == "tag:yaml.org,2002:int" && kind == ScalarKind::Int) ||
                          (tag == "tag:yaml.org,2002:float" && (kind == ScalarKind::Int || kind == ScalarKind::Float));
        if (!fits)
            return fail(node.Mark(), tr("The tag \"%1\" has no JSON equivalent for \"%2\"")
                                         .arg(QString::fromStdString(tag), QString::fromStdString(text)));
        switch (kind) {
        case ScalarKind::Null:
            m_out += "null";
            return true;
        case ScalarKind::Bool:
            m_out += text[0] == 't' || text[0] == 'T' ? "true" : "false";
            return true;
        case ScalarKind::Int:
            return integer(node);
        case ScalarKind::Float:
            return real(node);
        case ScalarKind::NonFinite:
            return fail(
                node.Mark(),
                tr("\"%1\" has no JSON equivalent (JSON numbers are finite)").arg(QString::fromStdString(text)));
        case ScalarKind::String:
            appendJsonString(m_out, text);
            return true;
        }
        return true;
    }

    // Decimal integers keep all their digits (JSON has no size limit); 0o/0x ones are converted.
    bool integer(const YAML::Node &node)
    {
        QByteArray text = QByteArray::fromStdString(node.Scalar());
        if (text.startsWith("0o") || text.startsWith("0x")) {
            bool ok = false;
            const qulonglong value = text.mid(2).toULongLong(&ok, text.at(1) == 'o' ? 8 : 16);
            if (!ok)
                return fail(node.Mark(), tr("The number \"%1\" is too large").arg(QString::fromLatin1(text)));
            m_out += QByteArray::number(value);
            return true;
        }
        const bool negative = text.startsWith('-');
        if (negative || text.startsWith('+'))
            text.remove(0, 1);
        while (text.size() > 1 && text.startsWith('0'))
            text.remove(0, 1);
        m_out += (negative ? "-" : "") + text;
        return true;
    }

    bool real(const YAML::Node &node)
    {
        static const QRegularExpression jsonNumber(u"^-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?$"_s);
        const QByteArray text = QByteArray::fromStdString(node.Scalar());
        bool ok = false;
        const double value = text.toDouble(&ok);
        if (!ok || !std::isfinite(value))
            return fail(node.Mark(), tr("The number \"%1\" is out of range").arg(QString::fromLatin1(text)));
        // JSON's spelling is stricter (no "+1.5", ".5" or "1."): only those are rewritten.
        if (jsonNumber.match(QString::fromLatin1(text)).hasMatch())
            m_out += text;
        else
            m_out += QByteArray::number(value, 'g', QLocale::FloatingPointShortest);
        return true;
    }

    const QByteArray &m_yaml;
    QByteArray m_out;
    YamlError m_error;
};

} // namespace

bool yamlPlainReadsAsString(const QString &text)
{
    return resolvePlain(text) == ScalarKind::String;
}

std::optional<QByteArray> yamlToJson(const QByteArray &yaml, YamlError *error)
{
    JsonWriter writer(yaml);
    try {
        const std::vector<YAML::Node> documents = YAML::LoadAll(yaml.toStdString());
        if (documents.size() > 1) {
            writer.fail(documents.at(1).Mark(),
                        tr("The text holds %1 YAML documents; a flow definition is one").arg(documents.size()));
        } else if (writer.write(documents.empty() ? YAML::Node() : documents.front(), 0)) {
            return writer.takeJson();
        }
    } catch (const YAML::Exception &e) {
        QString message = QString::fromStdString(e.msg);
        if (!message.isEmpty())
            message[0] = message[0].toUpper();
        writer.fail(e.mark, message);
    }
    if (error)
        *error = writer.error();
    return std::nullopt;
}

} // namespace Flowdeck::Core::Lang
