// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/statusbadge.h"

#include <QApplication>
#include <QPainter>

using namespace Qt::StringLiterals;

namespace Flowdeck::Ui {

QColor statusColor(const QString &status, const QPalette &palette)
{
    const bool dark = palette.color(QPalette::Base).lightness() < 128;
    if (status == "SUCCEEDED"_L1)
        return dark ? QColor(0x4c, 0xc3, 0x6e) : QColor(0x1e, 0x8e, 0x3e);
    if (status == "FAILED"_L1)
        return dark ? QColor(0xff, 0x6b, 0x6b) : QColor(0xc6, 0x28, 0x28);
    if (status == "ACTIVE"_L1)
        return dark ? QColor(0x5c, 0xa8, 0xff) : QColor(0x15, 0x65, 0xc0);
    if (status == "INACTIVE"_L1)
        return dark ? QColor(0xff, 0xc1, 0x4d) : QColor(0xb2, 0x6a, 0x00);
    return palette.color(QPalette::Disabled, QPalette::Text); // ENDED, unknown
}

StatusBadgeDelegate::StatusBadgeDelegate(int statusRole, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_statusRole(statusRole)
{}

void StatusBadgeDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    const QString text = background.text;
    background.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

    const QColor colour = statusColor(index.data(m_statusRole).toString(), option.palette);
    const QFontMetrics metrics(option.font);
    const int height = metrics.height() + 2;
    const int width = metrics.horizontalAdvance(text) + 14;
    const QRect pill(option.rect.left() + 4, option.rect.center().y() - height / 2 + 1, width, height);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QColor fill = colour;
    fill.setAlpha(40);
    painter->setBrush(fill);
    painter->setPen(QPen(colour, 1));
    painter->drawRoundedRect(QRectF(pill).adjusted(0.5, 0.5, -0.5, -0.5), height / 2.0, height / 2.0);
    painter->setPen(option.state.testFlag(QStyle::State_Selected) ? option.palette.color(QPalette::HighlightedText)
                                                                  : colour);
    painter->drawText(pill, Qt::AlignCenter, text);
    painter->restore();
}

QSize StatusBadgeDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.rwidth() += 22;
    return size;
}

} // namespace Flowdeck::Ui
