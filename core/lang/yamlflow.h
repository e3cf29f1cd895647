// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace Flowdeck::Core::Lang {

// Flow definitions written in YAML (the format the retired Globus Automate client accepted) turned
// into the JSON the service takes, and back. Both directions keep the author's key order. Pure
// functions, safe on any thread.

struct YamlError
{
    QString message;
    int line = 0;   // 1-based; 0 when the problem has no place in the text
    int column = 0; // 1-based, counted in code points like TextPosition::column
};

// YAML text -> JSON text (UTF-8, 2-space indent, trailing newline), keeping the YAML's key order.
// Plain scalars follow the YAML 1.2 core schema (null/~, true/false, decimal/0o/0x integers,
// floats); quoted and block scalars stay strings; anchors and aliases are resolved ("<<" merge keys
// are not: YAML 1.2 dropped them). .inf/.nan, duplicate keys, non-scalar keys, unknown tags and
// several documents are errors with their line and column. Empty text gives "null".
std::optional<QByteArray> yamlToJson(const QByteArray &yaml, YamlError *error = nullptr);

// JSON text -> block-style YAML keeping the JSON's key order. Strings that would read back as
// something else (or that other YAML 1.1 readers would misread, like "yes") are double-quoted;
// multi-line strings become literal blocks ("|") when that reads back exactly. Numbers keep their
// JSON spelling. yamlToJson(jsonToYaml(x)) is the same JSON value as x.
std::optional<QByteArray> jsonToYaml(const QByteArray &json, QString *error = nullptr);

// Whether text, written as a plain (unquoted) YAML scalar, reads back as that text under the core
// schema rather than as null, a boolean or a number.
bool yamlPlainReadsAsString(const QString &text);

} // namespace Flowdeck::Core::Lang
