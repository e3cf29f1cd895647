// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QStyledItemDelegate>

namespace Flowdeck::Ui {

// The colour of a run or state status (ACTIVE, INACTIVE, SUCCEEDED, FAILED, ENDED, ...), readable
// on the palette's base colour in light and dark themes alike.
QColor statusColor(const QString &status, const QPalette &palette);

// Paints a status cell as a coloured pill with its text: the dashboard's status badge.
class StatusBadgeDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusBadgeDelegate)

public:
    explicit StatusBadgeDelegate(int statusRole, QObject *parent = nullptr);
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    int m_statusRole;
};

} // namespace Flowdeck::Ui
