// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QAction;

namespace Flowdeck::Ui {

class CodeEditor;
class FindBar;

// A CodeEditor with its FindBar underneath: what the studio puts in its definition and
// input-schema tabs. Owns the find shortcuts, active while the focus is anywhere inside the pane:
// Ctrl+F find, Ctrl+H replace, F3 / Shift+F3 next / previous, Ctrl+G go to line, Escape closes
// the bar. (Format, Ctrl+Shift+F, and Minify are the editor's own actions.)
class CodeEditorPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CodeEditorPane)

public:
    explicit CodeEditorPane(QWidget *parent = nullptr);

    CodeEditor *editor() const { return m_editor; }
    FindBar *findBar() const { return m_findBar; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QAction *addShortcut(const QString &text, const QKeySequence &keys);

    CodeEditor *m_editor;
    FindBar *m_findBar;
};

} // namespace Flowdeck::Ui
