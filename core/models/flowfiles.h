// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace Flowdeck::Core {

// A flow as the studio keeps it on disk: a bundle directory holding definition.json (or
// definition.yaml), input_schema.json and flow.json (title, subtitle, description, keywords, roles
// and, once deployed, the flow's id). Texts stay as the author typed them.
struct FlowFiles
{
    QByteArray definition;  // JSON text (a YAML definition is converted on loading)
    QByteArray inputSchema; // JSON text; empty when the flow has none
    QJsonObject metadata;
    QString definitionFormat = QStringLiteral("json"); // how the definition is saved: "json" or "yaml"
    QString bundleDirectory;                           // where it is saved; empty when it came from a single file
    QString sourcePath;                                // the file or directory it was loaded from
    // A YAML definition as read, and the JSON it became: while the definition is unchanged, saving
    // writes the YAML back as it was (its comments and layout included).
    QByteArray loadedYaml;
    QByteArray loadedYamlAsJson;
};

namespace FlowFileNames {
inline constexpr char Definition[] = "definition.json";
inline constexpr char DefinitionYaml[] = "definition.yaml";
inline constexpr char InputSchema[] = "input_schema.json";
inline constexpr char Metadata[] = "flow.json";
} // namespace FlowFileNames

// Opens a bundle directory (or any file in one), a lone definition (.json or .yaml/.yml), or a flow
// document (.json with "definition", as `globus flows show` and Flowdeck's run export write it).
std::optional<FlowFiles> loadFlowFiles(const QString &path, QString *error = nullptr);
// Writes the bundle into directory (created when missing); each file is replaced atomically.
bool saveFlowBundle(const QString &directory, const FlowFiles &files, QString *error = nullptr);
// The text of a JSON value cut out of a larger document, its lines moved left by the indentation
// they had there (whitespace only; nothing else changes).
QByteArray dedentedSlice(const QByteArray &text, qsizetype start, qsizetype end);

} // namespace Flowdeck::Core
