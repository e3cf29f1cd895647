// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/models/flowfiles.h"

#include "core/lang/jsontext.h"
#include "core/lang/yamlflow.h"
#include "core/models/atomicfile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Flowdeck::Core {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("FlowFiles", text);
}

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

std::optional<QByteArray> readFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        fail(error, tr("Cannot read %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
        return std::nullopt;
    }
    return file.readAll();
}

bool writeFile(const QString &path, const QByteArray &bytes, QString *error)
{
    const QString why = writeFileAtomically(path, bytes);
    return why.isEmpty() || fail(error, tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), why));
}

bool isYaml(const QString &path)
{
    return path.endsWith(".yaml"_L1, Qt::CaseInsensitive) || path.endsWith(".yml"_L1, Qt::CaseInsensitive);
}

std::optional<QByteArray> readYaml(const QString &path, QString *error, QByteArray *original = nullptr)
{
    const auto yaml = readFile(path, error);
    if (!yaml)
        return std::nullopt;
    if (original)
        *original = *yaml;
    Lang::YamlError problem;
    auto json = Lang::yamlToJson(*yaml, &problem);
    if (!json)
        fail(error, tr("%1, line %2, column %3: %4")
                        .arg(QDir::toNativeSeparators(path))
                        .arg(problem.line)
                        .arg(problem.column)
                        .arg(problem.message));
    return json;
}

std::optional<FlowFiles> loadBundle(const QString &directory, QString *error)
{
    const QDir dir(directory);
    FlowFiles files;
    files.bundleDirectory = dir.absolutePath();
    files.sourcePath = files.bundleDirectory;
    if (dir.exists(QLatin1StringView(FlowFileNames::DefinitionYaml))) {
        const auto json =
            readYaml(dir.filePath(QLatin1StringView(FlowFileNames::DefinitionYaml)), error, &files.loadedYaml);
        if (!json)
            return std::nullopt;
        files.definition = *json;
        files.loadedYamlAsJson = *json;
        files.definitionFormat = u"yaml"_s;
    } else if (const auto json = readFile(dir.filePath(QLatin1StringView(FlowFileNames::Definition)), error)) {
        files.definition = *json;
    } else {
        return std::nullopt;
    }
    if (dir.exists(QLatin1StringView(FlowFileNames::InputSchema))) {
        const auto schema = readFile(dir.filePath(QLatin1StringView(FlowFileNames::InputSchema)), error);
        if (!schema)
            return std::nullopt;
        files.inputSchema = *schema;
    }
    if (dir.exists(QLatin1StringView(FlowFileNames::Metadata))) {
        const auto bytes = readFile(dir.filePath(QLatin1StringView(FlowFileNames::Metadata)), error);
        QJsonParseError problem;
        const QJsonDocument document = QJsonDocument::fromJson(bytes.value_or(QByteArray()), &problem);
        if (!bytes || !document.isObject()) {
            fail(error, tr("%1 is not a JSON object: %2")
                            .arg(QLatin1StringView(FlowFileNames::Metadata), problem.errorString()));
            return std::nullopt;
        }
        files.metadata = document.object();
    }
    return files;
}

// A flow document: its definition and schema keep their text; the other fields are the metadata.
FlowFiles fromFlowDocument(const Lang::JsonText &text)
{
    FlowFiles files;
    const Lang::JsonNode root = text.root();
    for (const Lang::JsonNode member : root) {
        const QString key = member.key();
        const Lang::TextRange range = member.range();
        if (key == "definition"_L1)
            files.definition = dedentedSlice(text.text(), range.start.offset, range.end.offset) + '\n';
        else if (key == "input_schema"_L1)
            files.inputSchema = dedentedSlice(text.text(), range.start.offset, range.end.offset) + '\n';
        else
            files.metadata.insert(key, member.toJsonValue());
    }
    if (files.metadata.contains("id"_L1) && !files.metadata.contains("flow_id"_L1))
        files.metadata.insert(u"flow_id"_s, files.metadata.take(u"id"_s));
    return files;
}

} // namespace

QByteArray dedentedSlice(const QByteArray &text, qsizetype start, qsizetype end)
{
    // The value's first line starts mid-line; its later lines carry the indentation of the line it
    // started on, which is what goes.
    const qsizetype lineStart = text.lastIndexOf('\n', start - 1) + 1;
    qsizetype indentEnd = lineStart;
    while (indentEnd < start && (text.at(indentEnd) == ' ' || text.at(indentEnd) == '\t'))
        ++indentEnd;
    const QByteArray indent = text.mid(lineStart, indentEnd - lineStart);
    QByteArray slice = text.mid(start, end - start);
    if (indent.isEmpty())
        return slice;
    QByteArray out;
    out.reserve(slice.size());
    const QList<QByteArray> lines = slice.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QByteArray &line = lines.at(i);
        out += i ? QByteArray("\n") : QByteArray();
        out += i && line.startsWith(indent) ? line.mid(indent.size()) : line;
    }
    return out;
}

std::optional<FlowFiles> loadFlowFiles(const QString &path, QString *error)
{
    const QFileInfo info(path);
    if (info.isDir())
        return loadBundle(path, error);
    const QString name = info.fileName();
    const QDir dir = info.absoluteDir();
    const bool inBundle = name == QLatin1StringView(FlowFileNames::Metadata) ||
                          name == QLatin1StringView(FlowFileNames::InputSchema) ||
                          ((name == QLatin1StringView(FlowFileNames::Definition) ||
                            name == QLatin1StringView(FlowFileNames::DefinitionYaml)) &&
                           (dir.exists(QLatin1StringView(FlowFileNames::Metadata)) ||
                            dir.exists(QLatin1StringView(FlowFileNames::InputSchema))));
    if (inBundle)
        return loadBundle(dir.absolutePath(), error);
    FlowFiles files;
    files.sourcePath = info.absoluteFilePath();
    if (isYaml(path)) {
        const auto json = readYaml(path, error, &files.loadedYaml);
        if (!json)
            return std::nullopt;
        files.definition = *json;
        files.loadedYamlAsJson = *json;
        files.definitionFormat = u"yaml"_s;
        return files;
    }
    const auto bytes = readFile(path, error);
    if (!bytes)
        return std::nullopt;
    const Lang::JsonText text = Lang::JsonText::parse(*bytes);
    const Lang::JsonNode root = text.isValid() ? text.root() : Lang::JsonNode();
    if (root.isObject() && !root.contains("States"_L1) && root.value("definition"_L1).isObject()) {
        FlowFiles document = fromFlowDocument(text);
        document.sourcePath = files.sourcePath;
        return document;
    }
    files.definition = *bytes; // a definition, or text to repair in the editor: opened as it is
    return files;
}

bool saveFlowBundle(const QString &directory, const FlowFiles &files, QString *error)
{
    QDir dir(directory);
    if (!dir.exists() && !QDir().mkpath(directory))
        return fail(error, tr("Cannot create the folder %1").arg(QDir::toNativeSeparators(directory)));
    const bool yaml = files.definitionFormat == "yaml"_L1;
    QByteArray definition = files.definition;
    if (yaml && !files.loadedYaml.isEmpty() && files.definition == files.loadedYamlAsJson) {
        definition = files.loadedYaml; // unchanged: the author's YAML, comments and all
    } else if (yaml) {
        QString why;
        const auto converted = Lang::jsonToYaml(files.definition, &why);
        if (!converted)
            return fail(error, tr("The definition cannot be saved as YAML until its JSON is valid: %1").arg(why));
        definition = *converted;
    }
    const QString definitionName = QLatin1StringView(yaml ? FlowFileNames::DefinitionYaml : FlowFileNames::Definition);
    if (!writeFile(dir.filePath(definitionName), definition, error))
        return false;
    // The other format's file would be read instead of this one next time: it goes.
    dir.remove(QLatin1StringView(yaml ? FlowFileNames::Definition : FlowFileNames::DefinitionYaml));
    const QString schemaPath = dir.filePath(QLatin1StringView(FlowFileNames::InputSchema));
    if (!files.inputSchema.trimmed().isEmpty()) {
        if (!writeFile(schemaPath, files.inputSchema, error))
            return false;
    } else {
        QFile::remove(schemaPath);
    }
    return writeFile(dir.filePath(QLatin1StringView(FlowFileNames::Metadata)),
                     QJsonDocument(files.metadata).toJson(QJsonDocument::Indented), error);
}

} // namespace Flowdeck::Core
