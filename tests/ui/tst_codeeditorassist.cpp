// SPDX-License-Identifier: GPL-3.0-or-later
// The code editor's help while typing, headless: diagnostics as Scintilla really shows them
// (squiggles, margin marks, tooltips, calltips), completion lists, hover help on a real dwell.
#include "ui/codeeditor.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QHelpEvent>
#include <QTest>
#include <QToolTip>

using namespace Qt::StringLiterals;
using namespace Flowdeck::Core::Lang;
using Flowdeck::Ui::CodeEditor;
using Severity = Diagnostic::Severity;
using Ranges = QList<CodeEditor::ByteRange>;

namespace {

Diagnostic diagnostic(Severity severity, const QString &code, qsizetype start, qsizetype end)
{
    Diagnostic d;
    d.severity = severity;
    d.code = code;
    d.message = u"message of "_s + code;
    d.range.start.offset = start;
    d.range.end.offset = end;
    return d;
}

} // namespace

class TestCodeEditorAssist : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void diagnostics_showExactRangesAndMarkers();
    void diagnostics_fastOnLargeDocuments();
    void completion_ctrlSpaceAndReturn();
    void completion_opensAfterQuote();
    void hover_callsProviderWithOffset();
    void hover_dwellOverText();

private:
    CodeEditor *m_editor = nullptr;
};

void TestCodeEditorAssist::init()
{
    m_editor = new CodeEditor;
    m_editor->resize(700, 500);
    m_editor->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_editor));
    m_editor->setFocus();
}

void TestCodeEditorAssist::cleanup()
{
    delete m_editor;
    m_editor = nullptr;
}

void TestCodeEditorAssist::diagnostics_showExactRangesAndMarkers()
{
    const QByteArray text(
        "{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\"Type\": \"Pass\", \"Nxt\": \"B\"}\n  }\n}");
    m_editor->setTextBytes(text);
    const qsizetype nxt = text.indexOf("\"Nxt\"");
    const qsizetype startAt = text.indexOf("\"A\"");
    const qsizetype type = text.indexOf("\"Type\"");
    m_editor->setDiagnostics({diagnostic(Severity::Error, u"FD100"_s, nxt, nxt + 5),
                              diagnostic(Severity::Warning, u"FD200"_s, startAt, startAt + 3),
                              diagnostic(Severity::Info, u"FD300"_s, text.size(), text.size()), // at the very end
                              diagnostic(Severity::Error, u"FD101"_s, type, type)});            // a point

    QCOMPARE(m_editor->indicatorRanges(Severity::Error), (Ranges{{type, type + 1}, {nxt, nxt + 5}}));
    QCOMPARE(m_editor->indicatorRanges(Severity::Warning), (Ranges{{startAt, startAt + 3}}));
    QCOMPARE(m_editor->indicatorRanges(Severity::Info), (Ranges{{text.size() - 1, text.size()}}));
    QCOMPARE(m_editor->markerLines(Severity::Error), QList<int>{4});
    QCOMPARE(m_editor->markerLines(Severity::Warning), QList<int>{2});
    QCOMPARE(m_editor->markerLines(Severity::Info), QList<int>{6});
    QCOMPARE(m_editor->diagnosticsTextForLine(4), u"error FD100: message of FD100\nerror FD101: message of FD101"_s);
    QCOMPARE(m_editor->diagnosticsTextForLine(3), QString());
    // The symbol margin's tooltip, as the mouse asks for it.
    const int y =
        int(m_editor->SendScintilla(CodeEditor::SCI_POINTYFROMPOSITION, 0UL, m_editor->positionFromLineIndex(3, 0))) +
        3;
    const QPoint inMargin(m_editor->marginWidth(0) + 4, y);
    QHelpEvent help(QEvent::ToolTip, inMargin, m_editor->viewport()->mapToGlobal(inMargin));
    QApplication::sendEvent(m_editor->viewport(), &help);
    QTRY_COMPARE(QToolTip::text(), m_editor->diagnosticsTextForLine(4));
    QCOMPARE(m_editor->diagnosticsTextAt(nxt + 2), u"error FD100: message of FD100"_s);
    QCOMPARE(m_editor->showHoverAt(nxt + 2), u"error FD100: message of FD100"_s);
    QCOMPARE(m_editor->callTipText(), u"error FD100: message of FD100"_s);

    // Squiggles and marks move with the text typed before them.
    m_editor->selectBytes(0, 0);
    QTest::keyClicks(m_editor, u"  "_s);
    QCOMPARE(m_editor->indicatorRanges(Severity::Error), (Ranges{{type + 2, type + 3}, {nxt + 2, nxt + 7}}));
    QCOMPARE(m_editor->diagnosticsTextAt(nxt + 3), u"error FD100: message of FD100"_s);
    QTest::keyClick(m_editor, Qt::Key_Return);
    QCOMPARE(m_editor->markerLines(Severity::Error), QList<int>{5});
    QCOMPARE(m_editor->diagnosticsTextForLine(5).count(u"error"_s), 2);

    m_editor->setDiagnostics({});
    QVERIFY(m_editor->indicatorRanges(Severity::Error).isEmpty());
    QVERIFY(m_editor->markerLines(Severity::Warning).isEmpty());
    QCOMPARE(m_editor->diagnosticsTextAt(nxt + 3), QString());
}

void TestCodeEditorAssist::diagnostics_fastOnLargeDocuments()
{
    QByteArray text = "{\"States\": {\n";
    QList<Diagnostic> diagnostics;
    for (int i = 0; i < 5000; ++i) {
        const QByteArray key = "\"S" + QByteArray::number(i) + "\"";
        const qsizetype at = text.size() + 4;
        text += "    " + key + ": {\"Type\": \"Pass\", \"Next\": \"S" + QByteArray::number(i + 1) + "\"},\n";
        diagnostics.append(diagnostic(i % 3 == 0 ? Severity::Error : Severity::Warning, u"FD1"_s, at, at + key.size()));
        if (i % 10 == 0)
            diagnostics.append(diagnostic(Severity::Info, u"FD2"_s, at + key.size() + 2, at + key.size() + 3));
    }
    text += "    \"End\": {\"Type\": \"Succeed\"}\n}}";
    m_editor->setTextBytes(text);
    QElapsedTimer timer;
    timer.start();
    m_editor->setDiagnostics(diagnostics);
    m_editor->setDiagnostics(diagnostics); // a second round clears the first
    const qint64 elapsed = timer.elapsed();
    qInfo("two rounds of %lld diagnostics on %d lines: %lld ms", qlonglong(diagnostics.size()), m_editor->lines(),
          qlonglong(elapsed));
    QVERIFY2(elapsed < 2000, qPrintable(QString::number(elapsed)));
    QCOMPARE(m_editor->indicatorRanges(Severity::Error).size(), 1667);
    QCOMPARE(m_editor->indicatorRanges(Severity::Warning).size(), 3333);
    QCOMPARE(m_editor->indicatorRanges(Severity::Info).size(), 500);
    QCOMPARE(m_editor->markerLines(Severity::Error).size(), 1667);
    QCOMPARE(m_editor->markerLines(Severity::Error).first(), 2);
}

void TestCodeEditorAssist::completion_ctrlSpaceAndReturn()
{
    QList<qsizetype> asked;
    m_editor->setCompletionProvider([&asked](const QByteArray &text, qsizetype offset) {
        asked.append(offset);
        // Replace the token being typed: from its opening quote, if any, to the caret.
        const qsizetype quote = text.lastIndexOf('"', offset - 1);
        const bool inToken = quote >= 0 && quote >= text.lastIndexOf(' ', offset - 1);
        Completion completion;
        completion.replaceStart = inToken ? quote : offset;
        completion.replaceEnd = offset;
        completion.items = {{CompletionItem::Kind::Field, u"Next"_s, "\"Next\": \"\"", {}},
                            {CompletionItem::Kind::Field, u"End"_s, "\"End\": true", {}},
                            {CompletionItem::Kind::ActionUrl, u"https://x.org/a?b"_s, "\"https://x.org/a?b\"", {}}};
        return completion;
    });
    const QByteArray text("{\n  \n}");
    m_editor->setTextBytes(text);
    m_editor->selectBytes(4, 4);
    QTest::keyClick(m_editor, Qt::Key_Space, Qt::ControlModifier);
    QVERIFY(m_editor->isCompletionActive());
    QCOMPARE(asked, QList<qsizetype>{4});
    QCOMPARE(m_editor->completionLabels(), (QStringList{u"Next"_s, u"End"_s, u"https://x.org/a?b"_s}));
    QTest::keyClick(m_editor, Qt::Key_Down);
    QTest::keyClick(m_editor, Qt::Key_Return);
    QVERIFY(!m_editor->isCompletionActive());
    QCOMPARE(m_editor->textBytes(), QByteArray("{\n  \"End\": true\n}"));
    QTest::keyClick(m_editor, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(m_editor->textBytes(), text);

    // A label with "?" is shown and inserted whole.
    QTest::keyClick(m_editor, Qt::Key_Space, Qt::ControlModifier);
    QTest::keyClick(m_editor, Qt::Key_End);
    QTest::keyClick(m_editor, Qt::Key_Return);
    QCOMPARE(m_editor->textBytes(), QByteArray("{\n  \"https://x.org/a?b\"\n}"));
    // Escape closes the list without touching the text.
    QTest::keyClick(m_editor, Qt::Key_Space, Qt::ControlModifier);
    QTest::keyClick(m_editor, Qt::Key_Escape);
    QVERIFY(!m_editor->isCompletionActive());
    QCOMPARE(m_editor->textBytes(), QByteArray("{\n  \"https://x.org/a?b\"\n}"));
}

void TestCodeEditorAssist::completion_opensAfterQuote()
{
    QList<qsizetype> asked;
    m_editor->setCompletionProvider([&asked](const QByteArray &, qsizetype offset) {
        asked.append(offset);
        Completion completion;
        completion.replaceStart = offset - 1; // the opening quote
        completion.replaceEnd = offset;
        completion.items = {{CompletionItem::Kind::Field, u"Next"_s, "\"Next\"", {}},
                            {CompletionItem::Kind::Field, u"End"_s, "\"End\"", {}}};
        return completion;
    });
    m_editor->setTextBytes("{\n  \n}");
    m_editor->selectBytes(4, 4);
    QTest::keyClicks(m_editor, u"\""_s);
    QTRY_VERIFY(m_editor->isCompletionActive());
    QCOMPARE(asked, QList<qsizetype>{5});
    QTest::keyClicks(m_editor, u"e"_s); // narrows the list to "End"; the range grows with it
    QVERIFY(m_editor->isCompletionActive());
    QTest::keyClick(m_editor, Qt::Key_Return);
    QCOMPARE(m_editor->textBytes(), QByteArray("{\n  \"End\"\n}"));
    QCOMPARE(m_editor->cursorOffset(), 9);

    // The value's opening quote asks; a closing quote (after string text) does not.
    QTest::keyClicks(m_editor, u": \""_s);
    QTRY_VERIFY(m_editor->isCompletionActive());
    QCOMPARE(asked, (QList<qsizetype>{5, 12}));
    QTest::keyClicks(m_editor, u"abc\""_s); // no item starts with "abc": the list closes
    QVERIFY(!m_editor->isCompletionActive());
    QTest::qWait(200);
    QCOMPARE(asked.size(), 2);
    QCOMPARE(m_editor->textBytes(), QByteArray("{\n  \"End\": \"abc\"\n}"));

    // Typed fast, a quote and more text ask nothing (the debounce sees the token is past its start).
    QTest::keyClicks(m_editor, u", \"xy"_s);
    QTest::qWait(200);
    QCOMPARE(asked.size(), 2);
}

void TestCodeEditorAssist::hover_callsProviderWithOffset()
{
    const QByteArray text("{\"Type\": \"Pass\", \"Bad\": 1}");
    m_editor->setTextBytes(text);
    QList<std::pair<QByteArray, qsizetype>> asked;
    m_editor->setHoverProvider([&asked](const QByteArray &bytes, qsizetype offset) {
        asked.append({bytes, offset});
        return offset < 8 ? u"The kind of state."_s : QString();
    });
    QCOMPARE(m_editor->showHoverAt(3), u"The kind of state."_s);
    QCOMPARE(asked.size(), 1);
    QCOMPARE(asked.first().first, text);
    QCOMPARE(asked.first().second, 3);
    QCOMPARE(m_editor->callTipText(), u"The kind of state."_s);
    QCOMPARE(m_editor->showHoverAt(12), QString()); // nothing to say: no calltip
    QCOMPARE(m_editor->callTipText(), QString());
    // A diagnostic under the mouse comes first; the provider is not asked.
    const qsizetype bad = text.indexOf("\"Bad\"");
    m_editor->setDiagnostics({diagnostic(Severity::Warning, u"FD9"_s, bad, bad + 5)});
    QCOMPARE(m_editor->showHoverAt(bad + 1), u"warning FD9: message of FD9"_s);
    QCOMPARE(asked.size(), 2);
}

// A real dwell: the mouse rests on a character for the dwell time.
void TestCodeEditorAssist::hover_dwellOverText()
{
    const QByteArray text("{\"Type\": \"Pass\"}");
    m_editor->setTextBytes(text);
    QList<qsizetype> asked;
    m_editor->setHoverProvider([&asked](const QByteArray &, qsizetype offset) {
        asked.append(offset);
        return u"help"_s;
    });
    const int x = int(m_editor->SendScintilla(CodeEditor::SCI_POINTXFROMPOSITION, 0UL, 3L));
    const int y = int(m_editor->SendScintilla(CodeEditor::SCI_POINTYFROMPOSITION, 0UL, 3L));
    QTest::mouseMove(m_editor->viewport(), QPoint(x + 2, y + 5));
    QTRY_VERIFY_WITH_TIMEOUT(!asked.isEmpty(), 3000);
    QVERIFY(asked.first() == 3 || asked.first() == 4); // the character under the mouse, or its edge
    QTRY_COMPARE(m_editor->callTipText(), u"help"_s);
}

QTEST_MAIN(TestCodeEditorAssist)
#include "tst_codeeditorassist.moc"
