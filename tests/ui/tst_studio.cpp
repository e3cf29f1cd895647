// SPDX-License-Identifier: GPL-3.0-or-later
// The definition studio, driven as a user drives it: typing into the editor and reading the
// diagnostics, quick fixes and graph edits compared byte for byte, selection in step between
// graph and text, server validation and deployment (with its review) against the embedded
// service, YAML bundles, the prompt before losing work, and drafts recovered after a real crash.
#include "core/api/flowsclient.h"
#include "core/lang/flowedit.h"
#include "core/models/diagnosticsmodel.h"
#include "core/models/draftstore.h"
#include "core/textcases.h"
#include "engine/servicefixture.h"
#include "ui/codeeditor.h"
#include "ui/definitionstudio.h"
#include "ui/deploydialog.h"
#include "ui/flowgraphview.h"
#include "ui/flowmetadatadialog.h"
#include "ui/launchform.h"
#include "ui/problemsview.h"
#include "ui/schemapanel.h"
#include "ui/statepalette.h"
#include "ui/studiodocument.h"

#include <QAbstractGraphicsShapeItem>
#include <QApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QInputDialog>
#include <QJsonArray>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QTreeWidget>

#include <cstdlib>

using namespace Flowdeck;
using namespace Flowdeck::Core;
using namespace Flowdeck::Tests;
using namespace Qt::StringLiterals;
using Ui::CodeEditor;
using Ui::StudioDocument;

namespace {

const QByteArray Sample = lines({
    "{",
    "  \"StartAt\": \"A\",",
    "  \"States\": {",
    "    \"A\": {",
    "      \"Type\": \"Pass\",",
    "      \"Next\": \"B\"",
    "    },",
    "    \"B\": {",
    "      \"Type\": \"Choice\",",
    "      \"Choices\": [",
    "        {\"Variable\": \"$.n\", \"NumericEquals\": 1, \"Next\": \"C\"}",
    "      ],",
    "      \"Default\": \"C\"",
    "    },",
    "    \"C\": {",
    "      \"Type\": \"Pass\",",
    "      \"End\": true",
    "    }",
    "  }",
    "}",
});
const QByteArray Schema = "{\"type\": \"object\", \"properties\": {\"n\": {\"type\": \"integer\", \"title\": \"N\"}, "
                          "\"unused\": {\"type\": \"string\"}}}";

Core::FlowFiles filesOf(const QByteArray &definition, const QByteArray &schema = {}, const QString &title = {})
{
    Core::FlowFiles files;
    files.definition = definition;
    files.inputSchema = schema;
    if (!title.isEmpty())
        files.metadata.insert(u"title"_s, title);
    return files;
}

// Answers the next modal dialog (a message box or an input dialog) once it is up.
void whenModal(std::function<void(QWidget *)> answer)
{
    auto *timer = new QTimer(qApp);
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, answer] {
        if (QWidget *modal = QApplication::activeModalWidget()) {
            timer->deleteLater();
            timer->stop();
            answer(modal);
        }
    });
    timer->start();
}

void press(QWidget *modal, QMessageBox::StandardButton button)
{
    auto *box = qobject_cast<QMessageBox *>(modal);
    if (box && box->button(button))
        box->button(button)->click();
    else
        modal->close();
}

int rowWithCode(Core::DiagnosticsModel *model, const QString &code)
{
    for (int row = 0; row < model->rowCount(); ++row)
        if (model->diagnostic(row).code == code)
            return row;
    return -1;
}

QByteArray textIn(const QByteArray &text, qsizetype start, qsizetype end)
{
    return text.mid(start, end - start);
}

} // namespace

class TestStudio : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void typing_showsDiagnosticsAndAQuickFixRepairsIt()
    {
        Ui::DefinitionStudio studio;
        studio.resize(1200, 800);
        studio.show();
        StudioDocument *document = studio.openFiles(filesOf(Sample));
        CodeEditor *editor = document->definitionEditor();
        QTRY_VERIFY(document->isAnalysisCurrent());
        QCOMPARE(document->diagnostics()->errorCount(), 0);

        // Type over C's "true": "End" can only be true.
        const qsizetype at = Sample.indexOf("true");
        editor->setFocus();
        editor->selectBytes(at, at + 4);
        QTest::keyClicks(editor, u"false"_s);
        QCOMPARE(editor->textBytes(), patched(Sample, "\"End\": true", "\"End\": false"));
        QTRY_VERIFY(document->isAnalysisCurrent());
        const int row = rowWithCode(document->diagnostics(), u"FD121"_s);
        QVERIFY(row >= 0);
        const Lang::Diagnostic diagnostic = document->diagnostics()->diagnostic(row);
        QCOMPARE(textIn(editor->textBytes(), diagnostic.range.start.offset, diagnostic.range.end.offset), "false"_ba);
        QCOMPARE(diagnostic.range.start.line, 17);
        QVERIFY(editor->indicatorRanges(Lang::Diagnostic::Severity::Error)
                    .contains({diagnostic.range.start.offset, diagnostic.range.end.offset}));
        QVERIFY(editor->markerLines(Lang::Diagnostic::Severity::Error).contains(17));
        QVERIFY(document->isModified());

        // Delete the End member altogether: now the state neither goes on nor ends; fix it.
        const QByteArray withoutEnd = patched(Sample, ",\n      \"End\": true", "");
        editor->selectAll();
        QTest::keyClick(editor, Qt::Key_Delete);
        editor->insert(QString::fromUtf8(withoutEnd));
        QTRY_VERIFY(document->isAnalysisCurrent());
        const int missing = rowWithCode(document->diagnostics(), u"FD120"_s);
        QVERIFY(missing >= 0);
        QCOMPARE(document->quickFixesForRow(missing).first().title, u"Add \"End\": true"_s);
        QVERIFY(document->applyQuickFix(missing));
        QCOMPARE(editor->textBytes(), Sample);
        QTRY_VERIFY(document->isAnalysisCurrent());
        QCOMPARE(document->diagnostics()->errorCount(), 0);
        editor->undo(); // one step takes the whole fix back
        QCOMPARE(editor->textBytes(), withoutEnd);

        // The Problems list goes to the place; Ctrl+. offers the fix there too.
        QTRY_VERIFY(document->isAnalysisCurrent());
        Ui::ProblemsView *problems = document->problems();
        const int again = rowWithCode(document->diagnostics(), u"FD120"_s);
        problems->table()->setCurrentIndex(document->diagnostics()->index(again, 0));
        emit problems->table()->activated(problems->table()->currentIndex());
        QCOMPARE(editor->selectedText(), u"\"C\""_s);
        std::unique_ptr<QMenu> menu(problems->quickFixMenu(again));
        QVERIFY(menu);
        menu->actions().first()->trigger();
        QCOMPARE(editor->textBytes(), Sample);

        // Filtering by severity hides rows but keeps the counts.
        editor->selectAll();
        editor->removeSelectedText();
        editor->insert(u"{\"StartAt\": \"X\", \"States\": {\"A\": {\"Type\": \"Pass\", \"End\": true}}}"_s);
        QTRY_VERIFY(document->isAnalysisCurrent());
        QVERIFY(document->diagnostics()->errorCount() > 0);
        const int all = document->diagnostics()->rowCount();
        problems->severityButton(int(Lang::Diagnostic::Severity::Error))->click();
        QVERIFY(document->diagnostics()->rowCount() < all);
        problems->severityButton(int(Lang::Diagnostic::Severity::Error))->click();
        QCOMPARE(document->diagnostics()->rowCount(), all);
    }

    void graphEdits_rewriteOnlyTheirText()
    {
        Ui::DefinitionStudio studio;
        studio.show();
        StudioDocument *document = studio.openFiles(filesOf(Sample));
        CodeEditor *editor = document->definitionEditor();
        Ui::FlowGraphView *graph = document->graph();

        emit graph->connectRequested(u"C"_s, Lang::EdgeKind::Next, -1, u"A"_s);
        const QByteArray looped = patched(Sample, "\"End\": true", "\"Next\": \"A\"");
        QCOMPARE(editor->textBytes(), looped);
        editor->undo();
        QCOMPARE(editor->textBytes(), Sample);
        editor->redo();
        QCOMPARE(editor->textBytes(), looped);
        editor->undo();

        emit graph->connectRequested(u"B"_s, Lang::EdgeKind::ChoiceRule, 0, u"A"_s);
        QCOMPARE(editor->textBytes(), patched(Sample, "1, \"Next\": \"C\"", "1, \"Next\": \"A\""));
        editor->undo();

        // Rename through the graph's request: the studio asks for the name; references follow.
        whenModal([](QWidget *modal) {
            auto *input = qobject_cast<QInputDialog *>(modal);
            QVERIFY(input);
            input->setTextValue(u"Decide"_s);
            input->accept();
        });
        emit graph->renameRequested(u"B"_s);
        QCOMPARE(editor->textBytes(),
                 patched(patched(Sample, "\"Next\": \"B\"", "\"Next\": \"Decide\""), "\"B\": {", "\"Decide\": {"));
        editor->undo();
        QCOMPARE(editor->textBytes(), Sample);

        // A state from the palette goes after the selected one, and ends the flow there.
        QTRY_VERIFY(!graph->isLayoutPending() && graph->nodeItem(u"C"_s));
        graph->selectState(u"C"_s);
        emit document->palette()->templateActivated(u"type:Wait"_s);
        const QString added = Lang::FlowEdit::stateNames(Lang::JsonText::parse(editor->textBytes())).value(3);
        QVERIFY(!added.isEmpty());
        const QByteArray name = added.toUtf8();
        const QByteArray expected =
            "\"Next\": \"" + name + "\"\n    },\n    \"" + name + "\": {\n      \"Type\": \"Wait\"";
        QVERIFY2(editor->textBytes().contains(expected), editor->textBytes().constData());
        QTRY_VERIFY(document->isAnalysisCurrent());
        QCOMPARE(document->diagnostics()->errorCount(), 0);
        QTRY_VERIFY(graph->nodeItem(added));

        emit graph->deleteRequested(added);
        QCOMPARE(editor->textBytes(), Sample);

        // The diagram exports as SVG (text, with the state names) and PNG.
        QTRY_VERIFY(!graph->isLayoutPending() && !graph->nodeItem(added));
        QTemporaryDir dir;
        QVERIFY(studio.exportGraph(document, dir.filePath(u"flow.svg"_s)));
        QFile svg(dir.filePath(u"flow.svg"_s));
        QVERIFY(svg.open(QIODevice::ReadOnly));
        const QByteArray drawing = svg.readAll();
        QVERIFY(drawing.contains("<svg") && drawing.contains(">B<") && drawing.contains(">C<"));
        QVERIFY(studio.exportGraph(document, dir.filePath(u"flow.png"_s)));
        QVERIFY(QImage(dir.filePath(u"flow.png"_s)).width() > 100);

        // Broken JSON: graph edits refuse and say why, the text stays as typed.
        editor->insertAt(u"oops"_s, 0, 0);
        QSignalSpy status(document, &StudioDocument::statusMessage);
        emit graph->deleteRequested(u"C"_s);
        QCOMPARE(editor->textBytes(), "oops" + Sample);
        QVERIFY(status.last().first().toString().contains(u"syntax"_s));
    }

    void selection_followsBothWays()
    {
        Ui::DefinitionStudio studio;
        studio.resize(1400, 900);
        studio.show();
        QVERIFY(QTest::qWaitForWindowExposed(&studio));
        StudioDocument *document = studio.openFiles(filesOf(Sample));
        CodeEditor *editor = document->definitionEditor();
        Ui::FlowGraphView *graph = document->graph();
        QTRY_VERIFY(document->isAnalysisCurrent());
        QTRY_VERIFY(!graph->isLayoutPending() && graph->nodeItem(u"C"_s));

        const qsizetype inB = Sample.indexOf("\"Choice\"");
        editor->selectBytes(inB, inB);
        QTRY_COMPARE(graph->selectedState(), u"B"_s);

        graph->fitAll();
        QAbstractGraphicsShapeItem *node = graph->nodeItem(u"C"_s);
        const QPoint at = graph->mapFromScene(node->sceneBoundingRect().center());
        QTest::mouseClick(graph->viewport(), Qt::LeftButton, {}, at);
        QCOMPARE(graph->selectedState(), u"C"_s);
        QCOMPARE(editor->selectedText(), u"\"C\""_s);
    }

    void completion_offersTheFlowsStatesAndFields()
    {
        Ui::DefinitionStudio studio;
        studio.show();
        StudioDocument *document = studio.openFiles(filesOf(Sample));
        CodeEditor *editor = document->definitionEditor();
        QTRY_VERIFY(document->isAnalysisCurrent());
        // Inside A's "Next" value: the other states.
        const qsizetype inNext = Sample.indexOf("\"B\"", Sample.indexOf("\"Next\"")) + 1;
        editor->setFocus();
        editor->selectBytes(inNext, inNext);
        QTest::keyClick(editor, Qt::Key_Space, Qt::ControlModifier);
        QTRY_VERIFY(editor->isCompletionActive());
        QCOMPARE(editor->completionLabels(), (QStringList{u"B"_s, u"C"_s}));
        QTest::keyClick(editor, Qt::Key_Escape);
        // A new key in C: the fields a Pass state takes and does not have yet.
        const qsizetype inC = Sample.indexOf("\"End\": true") + 12;
        editor->selectBytes(inC, inC);
        QTest::keyClick(editor, ',');
        QTest::keyClick(editor, Qt::Key_Return);
        QTest::keyClick(editor, '"');
        QTest::keyClick(editor, Qt::Key_Space, Qt::ControlModifier);
        QTRY_VERIFY(editor->isCompletionActive());
        const QStringList fields = editor->completionLabels();
        QVERIFY2(fields.contains(u"Result"_s) && fields.contains(u"ResultPath"_s), qPrintable(fields.join(u',')));
        QVERIFY(!fields.contains(u"Type"_s) && !fields.contains(u"ActionUrl"_s));
        QTest::keyClick(editor, Qt::Key_Escape);
    }

    void schema_previewCrossCheckAndExamples()
    {
        Ui::DefinitionStudio studio;
        studio.show();
        StudioDocument *document = studio.openFiles(filesOf(Sample, Schema));
        QTRY_VERIFY(document->isAnalysisCurrent());
        Ui::SchemaPanel *panel = document->schemaPanel();
        QVERIFY(panel->form()->fieldWidget(u"$.n"_s));
        // The definition reads $.n (declared, optional) and never reads "unused".
        QTreeWidget *check = panel->crossCheck();
        QStringList texts;
        for (QTreeWidgetItem *item : check->findItems(u"*"_s, Qt::MatchWildcard | Qt::MatchRecursive))
            texts.append(item->text(0));
        QVERIFY2(texts.contains(u"unused"_s), qPrintable(texts.join(u'|')));
        QVERIFY(texts.contains(u"n"_s));

        // Editing the schema rebuilds the preview; an example input is checked against it.
        CodeEditor *schema = document->schemaEditor();
        schema->setTextBytes({}); // (no undo needed here)
        schema->insert(
            u"{\"type\": \"object\", \"required\": [\"name\"], \"properties\": {\"name\": {\"type\": \"string\"}}}"_s);
        QTRY_VERIFY(document->isAnalysisCurrent());
        QTRY_VERIFY(panel->form()->fieldWidget(u"$.name"_s));
        QVERIFY(!panel->form()->fieldWidget(u"$.n"_s));
        panel->setExample(u"{\"name\": 3}"_s);
        QVERIFY2(panel->exampleResult().contains(u"$.name"_s), qPrintable(panel->exampleResult()));
        panel->setExample(u"{\"name\": \"x\"}"_s);
        QVERIFY(panel->exampleResult().contains(u"valid"_s));
        panel->setExample(u"{\"name\": "_s);
        QVERIFY(panel->exampleResult().contains(u"line 1"_s));

        // A schema deleted down to blank lines is no schema; the diagnostics keep up with the text.
        schema->setTextBytes("\n\n");
        schema->insert(u" "_s);
        QTRY_VERIFY(document->isAnalysisCurrent());

        // A schema that breaks the meta-schema is reported in the schema's own text.
        schema->selectAll();
        schema->removeSelectedText();
        schema->insert(u"{\"type\": \"objekt\"}"_s);
        QTRY_VERIFY(document->isAnalysisCurrent());
        const int row = rowWithCode(document->diagnostics(), u"FD400"_s);
        QVERIFY(row >= 0);
        document->revealRow(row);
        QCOMPARE(document->sourceTabs()->currentIndex(), 1);
        QVERIFY(schema->selectedText().contains(u"objekt"_s));
    }

    void serverValidationAndDeployment()
    {
        ServiceFixture service;
        QVERIFY(service.start());
        Ui::DefinitionStudio studio;
        studio.setClient(service.client.get());
        studio.show();
        const QByteArray broken = patched(Sample, ",\n      \"End\": true", "");
        StudioDocument *document = studio.openFiles(filesOf(broken, Schema, u"Studio flow"_s));
        QTRY_VERIFY(document->isAnalysisCurrent());

        // The service's findings land on their ranges and say so.
        document->validateOnServer();
        QTRY_VERIFY(document->serverSummary()->text().contains(u"problem"_s));
        QTRY_VERIFY(document->isAnalysisCurrent());
        int server = -1;
        for (int row = 0; row < document->diagnostics()->rowCount(); ++row)
            if (document->diagnostics()->source(row) == DiagnosticsModel::Source::Server)
                server = row;
        QVERIFY(server >= 0);
        const Lang::Diagnostic found = document->diagnostics()->diagnostic(server);
        QCOMPARE(textIn(broken, found.range.start.offset, found.range.end.offset), "\"C\""_ba);

        // Repaired, the service accepts it and tells what it will ask for.
        document->definitionEditor()->setTextBytes(Sample);
        document->validateOnServer();
        QTRY_VERIFY(document->serverSummary()->text().contains(u"accepts"_s));
        QVERIFY(document->serverSummary()->text().contains(u"traversals: 2"_s));

        // Deploy: a new flow is created after a review.
        QString reviewed;
        whenModal([&reviewed](QWidget *modal) {
            auto *dialog = qobject_cast<Ui::DeployDialog *>(modal);
            QVERIFY(dialog);
            reviewed = dialog->summary();
            dialog->accept();
        });
        QSignalSpy deployed(&studio, &Ui::DefinitionStudio::flowDeployed);
        studio.deploy(document);
        QTRY_COMPARE(deployed.size(), 1);
        QVERIFY(reviewed.contains(u"new flow"_s));
        const QString id = document->flowId();
        QVERIFY(!id.isEmpty());
        auto created = ServiceFixture::wait(service.client->getFlow(id));
        QCOMPARE(created->value().title, u"Studio flow"_s);
        QCOMPARE(created->value().definition, Lang::JsonText::parse(Sample).value().toObject());

        // Edit and deploy again: the review lists what changes against the deployed version.
        QVERIFY(document->renameState(u"C"_s, u"Done"_s));
        QStringList changes;
        whenModal([&reviewed, &changes](QWidget *modal) {
            auto *dialog = qobject_cast<Ui::DeployDialog *>(modal);
            QVERIFY(dialog);
            reviewed = dialog->summary();
            changes = dialog->changeLines();
            dialog->accept();
        });
        studio.deploy(document);
        QTRY_COMPARE(deployed.size(), 2);
        QVERIFY2(reviewed.contains(u"States added: Done"_s), qPrintable(reviewed));
        QVERIFY(reviewed.contains(u"States removed: C"_s));
        QVERIFY(changes.size() >= 3);
        auto updated = ServiceFixture::wait(service.client->getFlow(id));
        QVERIFY(updated->value().definition.value("States"_L1).toObject().contains("Done"_L1));

        // Role lists set in the details (the same dialog as the browser's) are part of the update.
        whenModal([](QWidget *modal) {
            auto *dialog = qobject_cast<Ui::FlowMetadataDialog *>(modal);
            QVERIFY(dialog);
            dialog->roleEditor(u"flow_starters"_s)->setPlainText(u"all_authenticated_users"_s);
            dialog->accept();
        });
        QTest::mouseClick(document->findChild<QPushButton *>(u"editRoles"_s), Qt::LeftButton);
        QCOMPARE(document->files().metadata.value("flow_starters"_L1).toArray(),
                 QJsonArray{u"all_authenticated_users"_s});
        QVERIFY(document->isModified());
        whenModal([&changes](QWidget *modal) {
            auto *dialog = qobject_cast<Ui::DeployDialog *>(modal);
            QVERIFY(dialog);
            changes = dialog->changeLines();
            dialog->accept();
        });
        studio.deploy(document);
        QTRY_COMPARE(deployed.size(), 3);
        QVERIFY2(changes.join(u'\n').contains(u"flow_starters"_s), qPrintable(changes.join(u'\n')));
        auto withStarters = ServiceFixture::wait(service.client->getFlow(id));
        QCOMPARE(withStarters->value().raw.value("flow_starters"_L1).toArray(),
                 QJsonArray{u"all_authenticated_users"_s});

        // Deploying the same again: the review says there is nothing to do, and nothing is sent.
        whenModal([&reviewed](QWidget *modal) {
            auto *dialog = qobject_cast<Ui::DeployDialog *>(modal);
            QVERIFY(dialog);
            reviewed = dialog->summary();
            dialog->reject();
        });
        studio.deploy(document);
        QTRY_VERIFY(reviewed.contains(u"nothing to update"_s));
    }

    void yamlBundles_roundTrip()
    {
        QTemporaryDir dir;
        const QString yamlPath = dir.filePath(u"flow.yaml"_s);
        QFile yaml(yamlPath);
        QVERIFY(yaml.open(QIODevice::WriteOnly));
        yaml.write("StartAt: A\nStates:\n  A:\n    Type: Pass\n    End: true\n");
        yaml.close();
        Ui::DefinitionStudio studio;
        studio.show();
        StudioDocument *document = studio.openFile(yamlPath);
        QVERIFY(document);
        QVERIFY(Lang::JsonText::parse(document->definitionEditor()->textBytes()).isValid());
        QVERIFY(document->renameState(u"A"_s, u"Only"_s));
        const QString bundle = dir.filePath(u"bundle"_s);
        QVERIFY(studio.saveAs(document, bundle));
        QVERIFY(!document->isModified());
        QFile saved(bundle + u"/definition.yaml"_s);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QCOMPARE(saved.readAll(), "StartAt: Only\nStates:\n  Only:\n    Type: Pass\n    End: true\n"_ba);
        QVERIFY(!QFile::exists(bundle + u"/definition.json"_s));
        QVERIFY(studio.recentFiles().contains(bundle));
        // Another flow may not be saved over this one: refused while it is open, asked otherwise.
        StudioDocument *other = studio.openFiles(filesOf(Sample, {}, u"Other"_s));
        whenModal([](QWidget *modal) { press(modal, QMessageBox::Ok); });
        QVERIFY(!studio.saveAs(other, bundle));
        QVERIFY(other->files().bundleDirectory.isEmpty());
        QVERIFY(studio.closeDocument(document));
        whenModal([](QWidget *modal) { press(modal, QMessageBox::Cancel); });
        QVERIFY(!studio.saveAs(other, bundle));
        QVERIFY(other->files().bundleDirectory.isEmpty());
        QVERIFY(QFile::exists(bundle + u"/definition.yaml"_s));
        QVERIFY(studio.closeDocument(other)); // unmodified: closes without asking
        // Opened again (as a folder), it is the same flow.
        StudioDocument *again = studio.openFile(bundle);
        QVERIFY(again);
        QCOMPARE(Lang::JsonText::parse(again->definitionEditor()->textBytes()).value(),
                 Lang::JsonText::parse(
                     "{\"StartAt\": \"Only\", \"States\": {\"Only\": {\"Type\": \"Pass\", \"End\": true}}}")
                     .value());
    }

    void closing_asksBeforeLosingWork()
    {
        QTemporaryDir dir;
        DraftStore drafts(dir.path());
        Ui::DefinitionStudio studio;
        studio.setDraftStore(&drafts);
        studio.show();
        StudioDocument *document = studio.openFiles(filesOf(Sample));
        document->definitionEditor()->insertAt(u" "_s, 0, 0);
        QVERIFY(document->isModified());
        studio.autosave();
        QCOMPARE(drafts.load().size(), 1);

        whenModal([](QWidget *modal) { press(modal, QMessageBox::Cancel); });
        QVERIFY(!studio.closeDocument(document));
        QCOMPARE(studio.documents().size(), 1);
        QCOMPARE(drafts.load().size(), 1); // cancelled: the draft stays

        whenModal([](QWidget *modal) { press(modal, QMessageBox::Discard); });
        QVERIFY(studio.closeDocument(document));
        QCOMPARE(studio.documents().size(), 0);
        QCOMPARE(drafts.load().size(), 0); // discarded on purpose: no draft to offer later
    }

    void drafts_areRecoveredAfterACrash()
    {
        QTemporaryDir dir;
        // A child process edits a flow, lets the autosave run, then dies without closing anything.
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(QCoreApplication::applicationFilePath(), {u"--crash-after-autosave"_s, dir.path()});
        QVERIFY(child.waitForFinished(60'000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);

        DraftStore drafts(dir.path());
        Ui::DefinitionStudio studio;
        studio.setDraftStore(&drafts);
        studio.show();
        whenModal([](QWidget *modal) { press(modal, QMessageBox::Yes); });
        QCOMPARE(studio.offerRecovery(), 1);
        StudioDocument *recovered = studio.currentDocument();
        QVERIFY(recovered);
        QVERIFY(recovered->isModified());
        QCOMPARE(recovered->definitionEditor()->textBytes(),
                 patched(patched(Sample, "\"A\": {", "\"Typed before the crash\": {"), "\"StartAt\": \"A\"",
                         "\"StartAt\": \"Typed before the crash\""));
        QCOMPARE(recovered->title(), u"Crash test"_s);
        // Offered once: another store looking now finds nothing to recover.
        DraftStore other(dir.path());
        QVERIFY(other.recover().isEmpty());
    }
};

// The child of drafts_areRecoveredAfterACrash: edits, waits for the autosave, aborts.
static int crashAfterAutosave(int argc, char **argv)
{
    QApplication app(argc, argv);
    DraftStore drafts(QString::fromLocal8Bit(argv[2]));
    Ui::DefinitionStudio studio;
    studio.setDraftStore(&drafts);
    StudioDocument *document = studio.openFiles(filesOf(Sample, {}, u"Crash test"_s));
    document->renameState(u"A"_s, u"Typed before the crash"_s);
    QTimer::singleShot(Ui::DefinitionStudio::AutosaveIntervalMs + 500, [] { std::abort(); });
    return app.exec();
}

int main(int argc, char **argv)
{
    if (argc == 3 && qstrcmp(argv[1], "--crash-after-autosave") == 0)
        return crashAfterAutosave(argc, argv);
    QApplication app(argc, argv);
    TestStudio test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_studio.moc"
