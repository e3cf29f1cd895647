// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QWidget>

class QCheckBox;
class QIntValidator;
class QLabel;
class QLineEdit;
class QTimer;

namespace Flowdeck::Ui {

class CodeEditor;

// The thin bar under a CodeEditor (see CodeEditorPane): find (plain, whole word, match case or a
// regular expression), replace one or all (all as one undo step), and go to line. Works in byte
// offsets through the editor's API; never changes the text except when asked to replace.
class FindBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FindBar)

public:
    enum class Mode { Find, Replace, GoToLine };

    explicit FindBar(CodeEditor *editor, QWidget *parent = nullptr);

    void open(Mode mode); // shows the bar and focuses its field
    void dismiss();       // hides it and gives the focus back to the editor
    Mode mode() const { return m_mode; }

    bool findNext();
    bool findPrevious();
    bool replaceCurrent(); // replaces the selected match (if it is one) and finds the next
    int replaceAll();
    QString statusText() const;

protected:
    void keyPressEvent(QKeyEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Match
    {
        qsizetype start = 0;
        qsizetype end = 0;
        QByteArray replacement;
    };

    QWidget *buildFindRow();
    QWidget *buildReplaceRow();
    QWidget *buildLineRow();
    QList<Match> search(bool withReplacements); // shows an invalid pattern in the status
    void refresh(bool select);
    bool selectMatch(const QList<Match> &matches, qsizetype index, bool wrapped);
    void goToLine();

    CodeEditor *m_editor;
    Mode m_mode = Mode::Find;
    QWidget *m_findRow = nullptr;
    QWidget *m_replaceRow = nullptr;
    QWidget *m_lineRow = nullptr;
    QLineEdit *m_find = nullptr;
    QLineEdit *m_replace = nullptr;
    QLineEdit *m_line = nullptr;
    QCheckBox *m_regex = nullptr;
    QCheckBox *m_matchCase = nullptr;
    QCheckBox *m_wholeWord = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_lineHint = nullptr;
    QIntValidator *m_lineValidator = nullptr;
    QTimer *m_recount = nullptr;
    qsizetype m_origin = 0; // where typing in the find field searches from
};

} // namespace Flowdeck::Ui
