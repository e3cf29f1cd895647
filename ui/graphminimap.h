// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QGraphicsView>

namespace Flowdeck::Ui {

// An overview of another view's scene, fitted whole, with that view's visible area framed. Clicking
// or dragging in it centres the other view there. GUI thread; follows the other view's scrolling by
// itself, and wants refresh() after the other view's zoom or the scene rect changed.
class GraphMinimap final : public QGraphicsView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GraphMinimap)

public:
    explicit GraphMinimap(QGraphicsView *main, QWidget *parent = nullptr);

    void refresh();
    QRectF visibleArea() const; // the main view's viewport, in scene coordinates

protected:
    void drawForeground(QPainter *painter, const QRectF &rect) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void panTo(const QPoint &pos);

    QGraphicsView *m_main;
    bool m_dragging = false;
};

} // namespace Flowdeck::Ui
