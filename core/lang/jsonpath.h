// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonArray>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <optional>
#include <variant>

namespace Flowdeck::Core::Lang {

// A JSONPath as flow definitions use it: "$", ".name", "['any name']", "[3]", and the wildcards
// ".*" / "[*]" for reading. Parsed once, evaluated many times; a value type, any thread.
class JsonPath
{
public:
    struct Wildcard
    {
        bool operator==(const Wildcard &) const = default;
    };
    using Step = std::variant<QString, qsizetype, Wildcard>;

    struct Error
    {
        QString message;
        qsizetype position = 0; // character offset in the path text
    };

    // nullopt with *error set when text is not a path.
    static std::optional<JsonPath> parse(const QString &text, Error *error = nullptr);

    const QList<Step> &steps() const { return m_steps; }
    bool isRoot() const { return m_steps.isEmpty(); }
    bool hasWildcard() const;
    // The path as a "loc" (keys and indexes), or nullopt if it has wildcards.
    std::optional<QJsonArray> toLoc() const;
    // "_context" paths ("$._context..." ) read the run context, which a flow may not write.
    bool startsWith(const QString &key) const;

    // Reading. Without wildcards: the value, or nullopt when a step does not exist. With wildcards:
    // an array of every match (possibly empty), as JSONPath libraries return it.
    std::optional<QJsonValue> read(const QJsonValue &root) const;
    // ResultPath writing: the root with value placed at this path. "$" replaces the whole root;
    // missing objects on the way are created; a step through a non-object is an error.
    std::optional<QJsonValue> write(const QJsonValue &root, const QJsonValue &value, QString *error) const;

private:
    QList<Step> m_steps;
};

} // namespace Flowdeck::Core::Lang
