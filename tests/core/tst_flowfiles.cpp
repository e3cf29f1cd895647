// SPDX-License-Identifier: GPL-3.0-or-later
// Flow bundles on disk: what is opened keeps its text, what is saved reads back the same.
#include "core/models/flowfiles.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace Flowdeck::Core;
using namespace Qt::StringLiterals;

namespace {

bool write(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

QByteArray read(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
}

} // namespace

class TestFlowFiles : public QObject
{
    Q_OBJECT

private slots:
    void flowDocument_keepsTheAuthorsTextOfEachPart()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"exported.json"_s);
        QVERIFY(write(path,
                      "{\n  \"id\": \"f-1\",\n  \"title\": \"Mover\",\n  \"keywords\": [\"a\"],\n"
                      "  \"definition\": {\n    \"StartAt\": \"A\",\n    \"States\": {\"A\": {\"Type\": \"Pass\", "
                      "\"End\": true}}\n  },\n  \"input_schema\": {\"type\": \"object\"}\n}\n"));
        QString error;
        const auto files = loadFlowFiles(path, &error);
        QVERIFY2(files, qPrintable(error));
        QCOMPARE(files->definition,
                 "{\n  \"StartAt\": \"A\",\n  \"States\": {\"A\": {\"Type\": \"Pass\", \"End\": true}}\n}\n"_ba);
        QCOMPARE(files->inputSchema, "{\"type\": \"object\"}\n"_ba);
        QCOMPARE(files->metadata.value("title"_L1).toString(), u"Mover"_s);
        QCOMPARE(files->metadata.value("flow_id"_L1).toString(), u"f-1"_s);
        QCOMPARE(files->metadata.value("keywords"_L1).toArray().size(), 1);
        QVERIFY(files->bundleDirectory.isEmpty()); // a single file: Save asks where the bundle goes
    }

    void bundle_roundTripsInJsonAndYaml()
    {
        QTemporaryDir dir;
        FlowFiles files;
        files.definition = "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"End\": true}}}\n";
        files.inputSchema = "{\n  \"type\": \"object\"\n}\n";
        files.metadata = {{u"title"_s, u"Round trip"_s}};
        const QString bundle = dir.filePath(u"flow"_s);
        QString error;
        QVERIFY2(saveFlowBundle(bundle, files, &error), qPrintable(error));
        QCOMPARE(read(bundle + u"/definition.json"_s), files.definition);
        QCOMPARE(read(bundle + u"/input_schema.json"_s), files.inputSchema);
        // Any file of the bundle opens the bundle.
        const auto back = loadFlowFiles(bundle + u"/definition.json"_s, &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->definition, files.definition);
        QCOMPARE(back->inputSchema, files.inputSchema);
        QCOMPARE(back->metadata, files.metadata);
        QCOMPARE(back->bundleDirectory, QDir(bundle).absolutePath());

        files.definitionFormat = u"yaml"_s;
        QVERIFY2(saveFlowBundle(bundle, files, &error), qPrintable(error));
        QCOMPARE(read(bundle + u"/definition.yaml"_s), "StartAt: A\nStates:\n  A:\n    Type: Pass\n    End: true\n"_ba);
        QVERIFY(!QFile::exists(bundle + u"/definition.json"_s)); // one definition per bundle
        const auto yaml = loadFlowFiles(bundle, &error);
        QVERIFY2(yaml, qPrintable(error));
        QCOMPARE(yaml->definitionFormat, u"yaml"_s);
        QVERIFY(yaml->definition.contains("\"StartAt\": \"A\""));

        // A YAML definition keeps its comments and layout for as long as the definition is unchanged.
        const QByteArray commented =
            "# Written by hand\nStartAt: A   # the first state\nStates:\n  A: {Type: Pass, End: true}\n";
        QVERIFY(write(bundle + u"/definition.yaml"_s, commented));
        auto reopened = loadFlowFiles(bundle, &error);
        QVERIFY2(reopened, qPrintable(error));
        reopened->metadata.insert(u"title"_s, u"Only the title changed"_s);
        QVERIFY2(saveFlowBundle(bundle, *reopened, &error), qPrintable(error));
        QCOMPARE(read(bundle + u"/definition.yaml"_s), commented);
        reopened->definition.replace("\"A\"", "\"B\"");
        QVERIFY2(saveFlowBundle(bundle, *reopened, &error), qPrintable(error));
        QCOMPARE(read(bundle + u"/definition.yaml"_s), "StartAt: B\nStates:\n  B:\n    Type: Pass\n    End: true\n"_ba);

        // Broken JSON cannot become YAML: the save says why and the saved YAML stays as it was.
        files.definition = "{\"StartAt\": ";
        QVERIFY(!saveFlowBundle(bundle, files, &error));
        QVERIFY(error.contains(u"YAML"_s));
        QVERIFY(read(bundle + u"/definition.yaml"_s).startsWith("StartAt: B"));
    }

    void problems_areReportedWithTheirPlace()
    {
        QTemporaryDir dir;
        QString error;
        QVERIFY(!loadFlowFiles(dir.filePath(u"missing.json"_s), &error));
        QVERIFY(error.contains(u"missing.json"_s));
        const QString yaml = dir.filePath(u"bad.yaml"_s);
        QVERIFY(write(yaml, "StartAt: A\nStates:\n  A: [1,\n"));
        QVERIFY(!loadFlowFiles(yaml, &error));
        QVERIFY2(error.contains(u"line"_s), qPrintable(error));
        // Broken JSON still opens, as text to repair in the editor.
        const QString broken = dir.filePath(u"broken.json"_s);
        QVERIFY(write(broken, "{\"StartAt\": "));
        const auto files = loadFlowFiles(broken, &error);
        QVERIFY(files);
        QCOMPARE(files->definition, "{\"StartAt\": "_ba);
    }

    void dedentedSlice_movesOnlyIndentation()
    {
        const QByteArray text = "{\n    \"a\": {\n        \"b\": 1,\n      \"c\": 2\n    }\n}";
        const qsizetype start = text.indexOf("{\n        ");
        const qsizetype end = text.lastIndexOf('}', text.size() - 2) + 1;
        QCOMPARE(dedentedSlice(text, start, end), "{\n    \"b\": 1,\n  \"c\": 2\n}"_ba);
    }
};

QTEST_GUILESS_MAIN(TestFlowFiles)
#include "tst_flowfiles.moc"
