// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QWidget>

class QLineEdit;
class QMimeData;
class QTreeWidget;
class QTreeWidgetItem;

namespace Flowdeck::Ui {

// The drag-and-drop format of a state template: its id (Core::Lang::StateTemplate::id) in UTF-8.
inline constexpr char StateTemplateMimeType[] = "application/x-flowdeck-state-template";
QMimeData *stateTemplateMimeData(const QString &templateId); // the caller owns it
QString stateTemplateId(const QMimeData *data);              // empty if it holds no template

// The studio's list of state templates (core/lang/statetemplates.h), grouped by category, with a
// filter line. Items drag as StateTemplateMimeType; activating one (double-click, Enter, or Enter
// in the filter for the first match) emits templateActivated(). GUI thread.
class StatePalette final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatePalette)

public:
    explicit StatePalette(QWidget *parent = nullptr);

    void setFilter(const QString &text); // case-insensitive, on title, description and id
    QTreeWidget *tree() const { return m_tree; }
    QLineEdit *filterEdit() const { return m_filter; }
    // The item of a template (for tests); null if there is none.
    QTreeWidgetItem *itemFor(const QString &templateId) const;

signals:
    void templateActivated(const QString &templateId);

private:
    void populate();
    void activateFirstVisible();

    QLineEdit *m_filter;
    QTreeWidget *m_tree;
};

} // namespace Flowdeck::Ui
