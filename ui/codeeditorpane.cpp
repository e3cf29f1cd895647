// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/codeeditorpane.h"

#include "ui/codeeditor.h"
#include "ui/findbar.h"

#include <QAction>
#include <QKeyEvent>
#include <QVBoxLayout>

namespace Flowdeck::Ui {

CodeEditorPane::CodeEditorPane(QWidget *parent)
    : QWidget(parent)
    , m_editor(new CodeEditor(this))
    , m_findBar(new FindBar(m_editor, this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_editor, 1);
    layout->addWidget(m_findBar);
    setFocusProxy(m_editor);

    // Explicit keys: QKeySequence::FindNext also means Ctrl+G on some desktops.
    connect(addShortcut(tr("Find..."), QKeySequence(Qt::CTRL | Qt::Key_F)), &QAction::triggered, this,
            [this] { m_findBar->open(FindBar::Mode::Find); });
    connect(addShortcut(tr("Replace..."), QKeySequence(Qt::CTRL | Qt::Key_H)), &QAction::triggered, this,
            [this] { m_findBar->open(FindBar::Mode::Replace); });
    connect(addShortcut(tr("Find next"), QKeySequence(Qt::Key_F3)), &QAction::triggered, this, [this] {
        if (m_findBar->isHidden())
            m_findBar->open(FindBar::Mode::Find);
        m_findBar->findNext();
    });
    connect(addShortcut(tr("Find previous"), QKeySequence(Qt::SHIFT | Qt::Key_F3)), &QAction::triggered, this, [this] {
        if (m_findBar->isHidden())
            m_findBar->open(FindBar::Mode::Find);
        m_findBar->findPrevious();
    });
    connect(addShortcut(tr("Go to line..."), QKeySequence(Qt::CTRL | Qt::Key_G)), &QAction::triggered, this,
            [this] { m_findBar->open(FindBar::Mode::GoToLine); });
    // Scintilla keeps Escape for itself (it closes lists and calltips); the bar closes as well.
    m_editor->installEventFilter(this);
}

QAction *CodeEditorPane::addShortcut(const QString &text, const QKeySequence &keys)
{
    auto *action = new QAction(text, this);
    action->setShortcut(keys);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(action);
    return action;
}

bool CodeEditorPane::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_editor && event->type() == QEvent::KeyPress && m_findBar->isVisible() &&
        static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape && !m_editor->isCompletionActive() &&
        m_editor->callTipText().isEmpty()) {
        m_findBar->dismiss();
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace Flowdeck::Ui
