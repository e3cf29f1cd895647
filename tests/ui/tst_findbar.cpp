// SPDX-License-Identifier: GPL-3.0-or-later
// The find bar under the code editor, driven with keys: find (plain, case, whole word, regular
// expression), next/previous and wrap-around, replace one and all (one undo step), an invalid
// pattern, Escape, and go to line.
#include "ui/codeeditor.h"
#include "ui/codeeditorpane.h"
#include "ui/findbar.h"

#include <QApplication>
#include <QCheckBox>
#include <QLineEdit>
#include <QTest>

using namespace Qt::StringLiterals;
using Flowdeck::Ui::CodeEditor;
using Flowdeck::Ui::CodeEditorPane;
using Flowdeck::Ui::FindBar;
using Ranges = CodeEditor::ByteRange;

namespace {

const QByteArray Text = "{\n"
                        "  \"StartAt\": \"Alpha\",\n"
                        "  \"States\": {\n"
                        "    \"Alpha\": {\"Type\": \"Pass\", \"Next\": \"Beta\"},\n"
                        "    \"Beta\": {\"Type\": \"Pass\", \"Next\": \"Gamma\"},\n"
                        "    \"Gamma\": {\"Type\": \"Pass\", \"Comment\": \"beta alphabet\", \"End\": true}\n"
                        "  }\n"
                        "}\n";

Ranges rangeOf(const QByteArray &needle, int occurrence = 0)
{
    qsizetype at = -1;
    for (int i = 0; i <= occurrence; ++i)
        at = Text.indexOf(needle, at + 1);
    return {at, at + needle.size()};
}

} // namespace

class TestFindBar : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void find_plainStepsAndWraps();
    void find_optionsByKeys();
    void find_regexAndReplaceAll();
    void replace_oneAtATime();
    void invalidRegex_isShownInTheBar();
    void escape_closesFromFieldAndEditor();
    void goToLine_inline();

private:
    QLineEdit *focusedField() const { return qobject_cast<QLineEdit *>(QApplication::focusWidget()); }

    CodeEditorPane *m_pane = nullptr;
    CodeEditor *m_editor = nullptr;
    FindBar *m_bar = nullptr;
};

void TestFindBar::init()
{
    m_pane = new CodeEditorPane;
    m_editor = m_pane->editor();
    m_bar = m_pane->findBar();
    m_editor->setTextBytes(Text);
    m_pane->resize(900, 500);
    m_pane->show();
    QApplication::setActiveWindow(m_pane);
    QVERIFY(QTest::qWaitForWindowActive(m_pane));
    m_editor->setFocus();
    QTRY_VERIFY(m_editor->hasFocus());
}

void TestFindBar::cleanup()
{
    delete m_pane;
    m_pane = nullptr;
}

void TestFindBar::find_plainStepsAndWraps()
{
    QVERIFY(m_bar->isHidden());
    QTest::keyClick(m_editor, Qt::Key_F, Qt::ControlModifier);
    QVERIFY(m_bar->isVisible());
    QLineEdit *field = focusedField();
    QVERIFY(field && m_bar->isAncestorOf(field));
    QTest::keyClicks(field, u"beta"_s); // case-insensitive by default: "Beta" twice, "beta" once
    QCOMPARE(m_editor->selectedBytes(), rangeOf("Beta"));
    QCOMPARE(m_bar->statusText(), u"1 of 3"_s);
    QTest::keyClick(field, Qt::Key_Return);
    QCOMPARE(m_editor->selectedBytes(), rangeOf("Beta", 1));
    QTest::keyClick(field, Qt::Key_F3);
    QCOMPARE(m_editor->selectedBytes(), rangeOf("beta"));
    QTest::keyClick(field, Qt::Key_F3);
    QCOMPARE(m_editor->selectedBytes(), rangeOf("Beta"));
    QVERIFY(m_bar->statusText().contains(u"wrapped"_s));
    QTest::keyClick(field, Qt::Key_F3, Qt::ShiftModifier);
    QCOMPARE(m_editor->selectedBytes(), rangeOf("beta"));
    QTest::keyClick(field, Qt::Key_Return, Qt::ShiftModifier);
    QCOMPARE(m_editor->selectedBytes(), rangeOf("Beta", 1));
    QCOMPARE(m_editor->textBytes(), Text); // finding never edits
}

void TestFindBar::find_optionsByKeys()
{
    QTest::keyClick(m_editor, Qt::Key_F, Qt::ControlModifier);
    QLineEdit *field = focusedField();
    QVERIFY(field);
    QTest::keyClicks(field, u"alpha"_s);
    QCOMPARE(m_bar->statusText(), u"1 of 3"_s);                              // "Alpha" twice and inside "alphabet"
    QTest::keyClick(field, Qt::Key_W, Qt::AltModifier);                      // whole words
    QTRY_VERIFY(m_bar->findChild<QCheckBox *>(u"wholeWord"_s)->isChecked()); // mnemonics click animated
    QCOMPARE(m_bar->statusText(), u"1 of 2"_s);
    QTest::keyClick(field, Qt::Key_C, Qt::AltModifier); // match case
    QTRY_VERIFY(m_bar->findChild<QCheckBox *>(u"matchCase"_s)->isChecked());
    QCOMPARE(m_bar->statusText(), u"No match"_s);
    QTest::keyClick(field, Qt::Key_W, Qt::AltModifier);
    QTRY_VERIFY(!m_bar->findChild<QCheckBox *>(u"wholeWord"_s)->isChecked());
    QCOMPARE(m_bar->statusText(), u"1 of 1"_s); // "alphabet" is the one lower-case "alpha"
    QCOMPARE(m_editor->selectedBytes(), rangeOf("alpha"));
    QTest::keyClick(field, Qt::Key_C, Qt::AltModifier);
    QTRY_VERIFY(!m_bar->findChild<QCheckBox *>(u"matchCase"_s)->isChecked());
    QCOMPARE(m_bar->statusText(), u"1 of 3"_s);
}

void TestFindBar::find_regexAndReplaceAll()
{
    QTest::keyClick(m_editor, Qt::Key_H, Qt::ControlModifier);
    QLineEdit *field = focusedField();
    QVERIFY(field);
    QTest::keyClick(field, Qt::Key_X, Qt::AltModifier); // regular expression
    QTRY_VERIFY(m_bar->findChild<QCheckBox *>(u"regex"_s)->isChecked());
    QTest::keyClicks(field, u"\"(Alpha|Beta|Gamma)\":"_s);
    QCOMPARE(m_bar->statusText(), u"1 of 3"_s);
    QCOMPARE(m_editor->selectedBytes(), rangeOf("\"Alpha\":"));
    QLineEdit *replacement = m_bar->findChild<QLineEdit *>(u"replacement"_s);
    replacement->setFocus();
    QTest::keyClicks(replacement, u"\"State\\1\":"_s);
    QTest::keyClick(replacement, Qt::Key_A, Qt::AltModifier); // replace all
    QByteArray expected = Text;
    expected.replace("\"Alpha\":", "\"StateAlpha\":").replace("\"Beta\":", "\"StateBeta\":");
    expected.replace("\"Gamma\":", "\"StateGamma\":");
    QTRY_COMPARE(m_editor->textBytes(), expected);
    QCOMPARE(m_bar->statusText(), u"Replaced 3 matches"_s);
    m_editor->setFocus();
    QTest::keyClick(m_editor, Qt::Key_Z, Qt::ControlModifier); // one undo for all of them
    QCOMPARE(m_editor->textBytes(), Text);
}

void TestFindBar::replace_oneAtATime()
{
    QTest::keyClick(m_editor, Qt::Key_H, Qt::ControlModifier);
    QTest::keyClicks(focusedField(), u"Pass"_s);
    QLineEdit *replacement = m_bar->findChild<QLineEdit *>(u"replacement"_s);
    replacement->setFocus();
    QTest::keyClicks(replacement, u"Wait"_s);
    QTest::keyClick(replacement, Qt::Key_Return); // the selected match
    QByteArray expected = Text;
    expected.replace(rangeOf("Pass").first, 4, "Wait");
    QCOMPARE(m_editor->textBytes(), expected);
    QCOMPARE(m_editor->selectedBytes(), rangeOf("Pass", 1)); // the next one is selected
    QTest::keyClick(replacement, Qt::Key_Return);
    expected.replace(rangeOf("Pass", 1).first, 4, "Wait");
    QCOMPARE(m_editor->textBytes(), expected);
    QCOMPARE(m_bar->statusText(), u"1 of 1"_s);
}

void TestFindBar::invalidRegex_isShownInTheBar()
{
    QTest::keyClick(m_editor, Qt::Key_F, Qt::ControlModifier);
    QLineEdit *field = focusedField();
    QTest::keyClick(field, Qt::Key_X, Qt::AltModifier);
    QTRY_VERIFY(m_bar->findChild<QCheckBox *>(u"regex"_s)->isChecked());
    QTest::keyClicks(field, u"([a-"_s);
    QVERIFY2(m_bar->statusText().startsWith(u"Invalid regular expression"_s), qPrintable(m_bar->statusText()));
    QVERIFY(!m_bar->findNext());
    QCOMPARE(m_bar->replaceAll(), 0);
    QCOMPARE(m_editor->textBytes(), Text);
    QTest::keyClicks(field, u"z]+ph)"_s);
    QCOMPARE(m_bar->statusText(), u"1 of 3"_s); // "([a-z]+ph)": "Alph" twice, and "alph"abet
    QCOMPARE(m_editor->selectedBytes(), rangeOf("Alph"));
}

void TestFindBar::escape_closesFromFieldAndEditor()
{
    QTest::keyClick(m_editor, Qt::Key_F, Qt::ControlModifier);
    QTest::keyClick(focusedField(), Qt::Key_Escape);
    QVERIFY(m_bar->isHidden());
    QTRY_VERIFY(m_editor->hasFocus());

    QTest::keyClick(m_editor, Qt::Key_F, Qt::ControlModifier);
    m_editor->setFocus();
    QVERIFY(m_bar->isVisible());
    QTest::keyClick(m_editor, Qt::Key_Escape);
    QVERIFY(m_bar->isHidden());
    QCOMPARE(m_editor->textBytes(), Text);
}

void TestFindBar::goToLine_inline()
{
    QTest::keyClick(m_editor, Qt::Key_G, Qt::ControlModifier);
    QVERIFY(m_bar->isVisible());
    QCOMPARE(m_bar->mode(), FindBar::Mode::GoToLine);
    QLineEdit *field = focusedField();
    QVERIFY(field && m_bar->isAncestorOf(field));
    QTest::keyClicks(field, u"5"_s);
    QTest::keyClick(field, Qt::Key_Return);
    QVERIFY(m_bar->isHidden());
    QCOMPARE(m_editor->cursorOffset(), Text.indexOf("    \"Beta\""));
    QTRY_VERIFY(m_editor->hasFocus());

    QTest::keyClick(m_editor, Qt::Key_G, Qt::ControlModifier);
    QTest::keyClicks(focusedField(), u"99"_s); // beyond the last line: the validator refuses it
    QCOMPARE(focusedField()->text(), u"9"_s);
}

QTEST_MAIN(TestFindBar)
#include "tst_findbar.moc"
