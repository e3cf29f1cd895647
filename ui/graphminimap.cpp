// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/graphminimap.h"

#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>

namespace Flowdeck::Ui {

GraphMinimap::GraphMinimap(QGraphicsView *main, QWidget *parent)
    : QGraphicsView(main->scene(), parent)
    , m_main(main)
{
    setInteractive(false); // items never see the minimap's clicks: they pan the main view
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setFrameShape(QFrame::Box);
    setFocusPolicy(Qt::NoFocus);
    setRenderHints(QPainter::Antialiasing);
    setCursor(Qt::OpenHandCursor);
    setToolTip(tr("Overview: click or drag to move the diagram"));
    setAccessibleName(tr("Flow graph overview"));
    for (QScrollBar *bar : {main->horizontalScrollBar(), main->verticalScrollBar()})
        connect(bar, &QScrollBar::valueChanged, viewport(), qOverload<>(&QWidget::update));
    if (scene())
        connect(scene(), &QGraphicsScene::sceneRectChanged, this, &GraphMinimap::refresh);
}

void GraphMinimap::refresh()
{
    if (scene() && !scene()->sceneRect().isEmpty())
        fitInView(scene()->sceneRect(), Qt::KeepAspectRatio);
    viewport()->update();
}

QRectF GraphMinimap::visibleArea() const
{
    return m_main->mapToScene(m_main->viewport()->rect()).boundingRect();
}

void GraphMinimap::drawForeground(QPainter *painter, const QRectF &)
{
    const QRectF area = visibleArea().intersected(sceneRect());
    QColor frame = palette().color(QPalette::Highlight);
    // A cosmetic pen: one pixel wide whatever the minimap's scale.
    QPen pen(frame, 2);
    pen.setCosmetic(true);
    painter->setPen(pen);
    frame.setAlpha(40);
    painter->setBrush(frame);
    painter->drawRect(area);
}

void GraphMinimap::panTo(const QPoint &pos)
{
    m_main->centerOn(mapToScene(pos));
    viewport()->update();
}

void GraphMinimap::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return QGraphicsView::mousePressEvent(event);
    m_dragging = true;
    viewport()->setCursor(Qt::ClosedHandCursor);
    panTo(event->position().toPoint());
    event->accept();
}

void GraphMinimap::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_dragging)
        return QGraphicsView::mouseMoveEvent(event);
    panTo(event->position().toPoint());
    event->accept();
}

void GraphMinimap::mouseReleaseEvent(QMouseEvent *event)
{
    if (!m_dragging || event->button() != Qt::LeftButton)
        return QGraphicsView::mouseReleaseEvent(event);
    m_dragging = false;
    viewport()->setCursor(Qt::OpenHandCursor);
    event->accept();
}

void GraphMinimap::wheelEvent(QWheelEvent *event)
{
    event->ignore(); // the minimap always shows everything; let the main view scroll
}

void GraphMinimap::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    refresh();
}

} // namespace Flowdeck::Ui
