// SPDX-License-Identifier: GPL-3.0-or-later
// The code editor, headless and driven with keys: typing and auto-indent, edits as one undo step,
// selection and go to line, format and minify, margins and theme. (Diagnostics, completion and
// hover help: tst_codeeditorassist.cpp.)
#include "core/lang/jsonformat.h"
#include "core/lang/textedit.h"
#include "ui/codeeditor.h"
#include "ui/editortheme.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <Qsci/qscilexer.h>

using namespace Qt::StringLiterals;
using namespace Flowdeck::Core::Lang;
using Flowdeck::Ui::CodeEditor;

namespace {

// QTest::keyClicks takes ASCII only; other characters arrive as a key event's text, as from an IME.
void typeText(QWidget *widget, const QString &text)
{
    for (const QChar c : text) {
        if (c.unicode() < 0x80)
            QTest::keyClick(widget, char(c.unicode()));
        else
            QTest::sendKeyEvent(QTest::Click, widget, Qt::Key_unknown, QString(c), Qt::NoModifier);
    }
}

} // namespace

class TestCodeEditor : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void typing_givesExactBytes();
    void autoIndent_followsBraces();
    void autoIndent_returnBetweenBraces();
    void tab_insertsTheDocumentsIndent();
    void setTextBytes_leavesNothingToUndo();
    void applyEdits_isOneUndoStep();
    void applyEdits_refusesOverlaps();
    void selection_andCursorSignal();
    void format_andMinifyAreOneUndoStep();
    void format_refusesInvalidJson();
    void format_largeDocumentIsQuick();
    void folding_andTheme();

private:
    CodeEditor *m_editor = nullptr;
};

void TestCodeEditor::init()
{
    m_editor = new CodeEditor;
    m_editor->resize(700, 500);
    m_editor->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_editor));
    m_editor->setFocus();
}

void TestCodeEditor::cleanup()
{
    delete m_editor;
    m_editor = nullptr;
}

void TestCodeEditor::typing_givesExactBytes()
{
    typeText(m_editor, u"{\"Comment\": \"süß ✓\", \"n\": 1.0}"_s);
    QCOMPARE(m_editor->textBytes(), QByteArray("{\"Comment\": \"süß ✓\", \"n\": 1.0}"));
    QCOMPARE(m_editor->cursorOffset(), m_editor->textBytes().size()); // byte offsets, not characters
    QTest::keyClick(m_editor, Qt::Key_Backspace);
    QCOMPARE(m_editor->textBytes(), QByteArray("{\"Comment\": \"süß ✓\", \"n\": 1.0"));
}

void TestCodeEditor::autoIndent_followsBraces()
{
    QTest::keyClicks(m_editor, u"{"_s);
    QTest::keyClick(m_editor, Qt::Key_Return);
    QCOMPARE(m_editor->textBytes(), QByteArray("{\n  "));
    QTest::keyClicks(m_editor, u"\"a\": ["_s);
    QTest::keyClick(m_editor, Qt::Key_Return);
    QTest::keyClicks(m_editor, u"1,"_s);
    QTest::keyClick(m_editor, Qt::Key_Return); // keeps the indent
    QTest::keyClicks(m_editor, u"2"_s);
    QTest::keyClick(m_editor, Qt::Key_Return);
    QTest::keyClicks(m_editor, u"]"_s); // back to the "[" line's indent
    QTest::keyClick(m_editor, Qt::Key_Return);
    QTest::keyClicks(m_editor, u"}"_s);
    QCOMPARE(m_editor->textBytes(), QByteArray("{\n  \"a\": [\n    1,\n    2\n  ]\n}"));
}

void TestCodeEditor::autoIndent_returnBetweenBraces()
{
    m_editor->setTextBytes("{\"a\": []}");
    m_editor->selectBytes(7, 7); // between [ and ]
    QTest::keyClick(m_editor, Qt::Key_Return);
    QCOMPARE(m_editor->textBytes(), QByteArray("{\"a\": [\n  \n]}"));
    QCOMPARE(m_editor->cursorOffset(), 10); // on the indented empty line
    QTest::keyClicks(m_editor, u"true"_s);
    QCOMPARE(m_editor->textBytes(), QByteArray("{\"a\": [\n  true\n]}"));
}

void TestCodeEditor::tab_insertsTheDocumentsIndent()
{
    m_editor->setTextBytes("{\n\n}");
    m_editor->selectBytes(2, 2);
    QTest::keyClick(m_editor, Qt::Key_Tab);
    QCOMPARE(m_editor->textBytes(), QByteArray("{\n  \n}"));

    m_editor->setTextBytes("{\n    \"a\": 1,\n\n}");
    QCOMPARE(m_editor->indentWidth(), 4);
    m_editor->selectBytes(14, 14);
    QTest::keyClick(m_editor, Qt::Key_Tab);
    QCOMPARE(m_editor->textBytes(), QByteArray("{\n    \"a\": 1,\n    \n}"));
    QTest::keyClick(m_editor, Qt::Key_Return); // keeps the 4-space indent
    QTest::keyClicks(m_editor, u"\"b\": {"_s);
    QTest::keyClick(m_editor, Qt::Key_Return);
    QCOMPARE(m_editor->textBytes(), QByteArray("{\n    \"a\": 1,\n    \n    \"b\": {\n        \n}"));
}

void TestCodeEditor::setTextBytes_leavesNothingToUndo()
{
    QTest::keyClicks(m_editor, u"[1]"_s);
    QVERIFY(m_editor->isUndoAvailable());
    const QByteArray text("{\n  \"x\": \"\xc3\xa9\"\n}\n");
    m_editor->setTextBytes(text);
    QCOMPARE(m_editor->textBytes(), text);
    QVERIFY(!m_editor->isUndoAvailable());
    QVERIFY(!m_editor->isModified());
    QTest::keyClick(m_editor, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(m_editor->textBytes(), text);
}

void TestCodeEditor::applyEdits_isOneUndoStep()
{
    const QByteArray text(R"({"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}})");
    m_editor->setTextBytes(text);
    const qsizetype value = text.indexOf("\"A\"");
    const qsizetype key = text.indexOf("\"A\"", value + 1);
    const qsizetype end = text.indexOf("\"End\"");
    const QList<TextEdit> edits{{key, 3, "\"Begin\""}, {value, 3, "\"Begin\""}, {1, 0, "\"Comment\": \"é\", "}};
    m_editor->selectBytes(end, end); // the caret sits before "End"
    m_editor->applyEdits(edits);

    const QByteArray expected(
        R"({"Comment": "é", "StartAt": "Begin", "States": {"Begin": {"Type": "Pass", "End": true}}})");
    QCOMPARE(m_editor->textBytes(), expected);
    QCOMPARE(m_editor->textBytes(), applyEdits(text, edits));        // the same bytes as core's version
    QCOMPARE(m_editor->cursorOffset(), expected.indexOf("\"End\"")); // still before "End"

    QTest::keyClick(m_editor, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(m_editor->textBytes(), text);
    QVERIFY(!m_editor->isUndoAvailable());
    QTest::keyClick(m_editor, Qt::Key_Y, Qt::ControlModifier);
    QCOMPARE(m_editor->textBytes(), expected);
}

void TestCodeEditor::applyEdits_refusesOverlaps()
{
    const QByteArray text("[1, 2, 3]");
    m_editor->setTextBytes(text);
    QTest::ignoreMessage(QtWarningMsg, "CodeEditor::applyEdits: overlapping or out-of-range edits ignored");
    m_editor->applyEdits({{1, 4, "x"}, {3, 2, "y"}});
    QTest::ignoreMessage(QtWarningMsg, "CodeEditor::applyEdits: overlapping or out-of-range edits ignored");
    m_editor->applyEdits({{8, 5, "x"}});
    QCOMPARE(m_editor->textBytes(), text);
    QVERIFY(!m_editor->isUndoAvailable());
}

void TestCodeEditor::selection_andCursorSignal()
{
    QByteArray text;
    for (int i = 0; i < 200; ++i)
        text += "  \"line" + QByteArray::number(i) + "\": " + QByteArray::number(i) + ",\n";
    m_editor->setTextBytes("{\n" + text + "  \"end\": 0\n}");
    QSignalSpy moved(m_editor, &CodeEditor::cursorOffsetChanged);
    TextRange range;
    range.start.offset = m_editor->textBytes().indexOf("\"line150\"");
    range.end.offset = range.start.offset + 9;
    m_editor->selectRange(range);
    QCOMPARE(m_editor->selectedText(), u"\"line150\""_s);
    QVERIFY(m_editor->firstVisibleLine() > 100); // scrolled there
    QTRY_VERIFY(!moved.isEmpty());
    QCOMPARE(moved.last().at(0).value<qsizetype>(), range.end.offset);

    m_editor->goToLine(20);
    int line = 0;
    int index = -1;
    m_editor->getCursorPosition(&line, &index);
    QCOMPARE(line, 19);
    QCOMPARE(index, 0);
    QTRY_COMPARE(moved.last().at(0).value<qsizetype>(), m_editor->cursorOffset());
}

void TestCodeEditor::format_andMinifyAreOneUndoStep()
{
    const QByteArray minified(R"({"a":[1.0,1e3,"x y"],"b":{},"a":null})");
    m_editor->setTextBytes(minified);
    m_editor->selectBytes(minified.indexOf("1e3"), minified.indexOf("1e3"));
    QTest::keyClick(m_editor, Qt::Key_F, Qt::ControlModifier | Qt::ShiftModifier);
    const QByteArray formatted(
        "{\n  \"a\": [\n    1.0,\n    1e3,\n    \"x y\"\n  ],\n  \"b\": {},\n  \"a\": null\n}\n");
    QCOMPARE(m_editor->textBytes(), formatted);
    QCOMPARE(m_editor->cursorOffset(), formatted.indexOf("1e3")); // the caret stays on its token
    QTest::keyClick(m_editor, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(m_editor->textBytes(), minified);
    QVERIFY(!m_editor->isUndoAvailable());

    m_editor->setTextBytes(formatted);
    QVERIFY(m_editor->minifyDocument());
    QCOMPARE(m_editor->textBytes(), minified);
    QVERIFY(m_editor->formatDocument());
    QCOMPARE(m_editor->textBytes(), formatted);
    QTest::keyClick(m_editor, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(m_editor->textBytes(), minified);

    // The document's own indent is kept.
    m_editor->setTextBytes("{\n    \"a\": [1]\n}");
    QVERIFY(m_editor->formatDocument());
    QCOMPARE(m_editor->textBytes(), QByteArray("{\n    \"a\": [\n        1\n    ]\n}\n"));
}

void TestCodeEditor::format_refusesInvalidJson()
{
    QSignalSpy messages(m_editor, &CodeEditor::message);
    const QByteArray text("{\n  \"a\": 1,\n}");
    m_editor->setTextBytes(text);
    QTest::keyClick(m_editor, Qt::Key_F, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(m_editor->textBytes(), text);
    QVERIFY(!m_editor->minifyDocument());
    QCOMPARE(m_editor->textBytes(), text);
    QVERIFY(!m_editor->isUndoAvailable());
    QCOMPARE(messages.size(), 2);
    const QString message = messages.first().at(0).toString();
    QVERIFY2(message.contains(u"not valid JSON"_s) && message.contains(u"line 3, column 1"_s), qPrintable(message));
}

void TestCodeEditor::format_largeDocumentIsQuick()
{
    QByteArray minified = "{\"States\":{";
    for (int i = 0; i < 1250; ++i)
        minified +=
            "\"S" + QByteArray::number(i) + "\":{\"Type\":\"Pass\",\"Next\":\"S" + QByteArray::number(i + 1) + "\"},";
    minified += "\"End\":{\"Type\":\"Succeed\"}}}";
    m_editor->setTextBytes(minified);
    m_editor->selectBytes(minified.indexOf("\"S700\""), minified.indexOf("\"S700\""));
    QElapsedTimer timer;
    timer.start();
    QVERIFY(m_editor->formatDocument());
    const qint64 formatting = timer.restart();
    const int lines = m_editor->lines();
    QVERIFY(lines > 5000);
    const QByteArray formatted = *formatJson(minified);
    QCOMPARE(m_editor->textBytes(), formatted);
    QCOMPARE(m_editor->cursorOffset(), formatted.indexOf("\"S700\"")); // the caret kept its token
    timer.restart();
    QVERIFY(m_editor->minifyDocument());
    const qint64 minifying = timer.elapsed();
    qInfo("format to %d lines: %lld ms, minify: %lld ms", lines, qlonglong(formatting), qlonglong(minifying));
    QCOMPARE(m_editor->textBytes(), minified);
    QVERIFY(formatting < 1000 && minifying < 1000);
    QTest::keyClick(m_editor, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(m_editor->textBytes(), formatted);
}

void TestCodeEditor::folding_andTheme()
{
    m_editor->setTextBytes("{\n  \"a\": {\n    \"b\": 1\n  }\n}");
    m_editor->SendScintilla(CodeEditor::SCI_COLOURISE, 0UL, -1L);
    const auto level = m_editor->SendScintilla(CodeEditor::SCI_GETFOLDLEVEL, 1UL);
    QVERIFY(level & CodeEditor::SC_FOLDLEVELHEADERFLAG); // "a": { starts a fold
    m_editor->foldAll(false);
    QVERIFY(!m_editor->SendScintilla(CodeEditor::SCI_GETLINEVISIBLE, 2UL));

    const int narrow = m_editor->marginWidth(0);
    m_editor->setTextBytes(QByteArray(12000, '\n'));
    QVERIFY(m_editor->marginWidth(0) > narrow); // five digits need more room than two

    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x20));
    dark.setColor(QPalette::Base, QColor(0x18, 0x18, 0x18));
    QPalette light;
    light.setColor(QPalette::Window, QColor(0xef, 0xef, 0xef));
    QVERIFY(Flowdeck::Ui::editorTheme(dark).dark);
    QVERIFY(!Flowdeck::Ui::editorTheme(light).dark);
    m_editor->setPalette(dark);
    QVERIFY(m_editor->lexer()->paper(0).lightness() < 100);
    QCOMPARE(m_editor->lexer()->paper(0), Flowdeck::Ui::editorTheme(dark).background);
    m_editor->setPalette(light);
    QVERIFY(m_editor->lexer()->paper(0).lightness() > 200);
}

QTEST_MAIN(TestCodeEditor)
#include "tst_codeeditor.moc"
