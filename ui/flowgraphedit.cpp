// SPDX-License-Identifier: GPL-3.0-or-later
// FlowGraphView's editing gestures: connecting by dragging, keys, context menus, template drops and
// collapsing Choice branches. None of them touches the definition: they emit the view's requests.
#include "core/lang/statetemplates.h"
#include "ui/flowgraphitems.h"
#include "ui/flowgraphview.h"
#include "ui/statepalette.h"

#include <QDropEvent>
#include <QGraphicsLineItem>
#include <QKeyEvent>
#include <QMenu>
#include <QMouseEvent>

using namespace Qt::StringLiterals;
using namespace Flowdeck::Core::Lang;

namespace Flowdeck::Ui {

namespace {

QString menuText(QString text)
{
    return text.replace(u'&', u"&&"_s); // a state name is no mnemonic
}

// The state a transition of from (kind, index) goes to now, if any.
QString currentTarget(const FlowGraph &graph, const QString &from, EdgeKind kind, int index)
{
    const int source = graph.indexOf(from);
    for (const FlowEdge &edge : graph.edges)
        if (edge.from == source && edge.kind == kind && edge.index == index)
            return graph.nodes.at(edge.to).name;
    return {};
}

} // namespace

void FlowGraphView::setEditable(bool editable)
{
    if (m_editable == editable)
        return;
    m_editable = editable;
    m_style->editable = editable;
    for (QGraphicsItem *item : m_scene->items())
        if (item->type() == FlowGraphEdgeItem::Type && !item->data(ItemFrom).toString().isEmpty())
            item->setFlag(QGraphicsItem::ItemIsSelectable, editable);
    if (!editable)
        cancelConnect();
    m_scene->update();
}

void FlowGraphView::setBranchCollapsed(const QString &choice, bool collapsed)
{
    if (collapsed == m_collapsed.contains(choice))
        return;
    if (collapsed)
        m_collapsed.insert(choice);
    else
        m_collapsed.remove(choice);
    relayout();
}

FlowGraphNodeItem *FlowGraphView::nodeAt(const QPoint &pos) const
{
    for (QGraphicsItem *item : items(pos))
        if (item->type() == FlowGraphNodeItem::Type)
            return static_cast<FlowGraphNodeItem *>(item);
    return nullptr;
}

// The topmost item under pos that has a menu of its own: a state, a placeholder, an edge or a stub.
QGraphicsItem *FlowGraphView::menuItemAt(const QPoint &pos) const
{
    for (QGraphicsItem *item : items(pos)) {
        const int type = item->type();
        if (type == FlowGraphNodeItem::Type || type == FlowGraphPlaceholderItem::Type ||
            type == FlowGraphStubItem::Type || (type == FlowGraphEdgeItem::Type && !item->data(ItemFrom).isNull()))
            return item;
    }
    return nullptr;
}

void FlowGraphView::setHoverTarget(const QString &name)
{
    if (name == m_hoverTarget)
        return;
    if (FlowGraphNodeItem *old = m_nodes.value(m_hoverTarget))
        old->setHighlighted(false);
    m_hoverTarget = name;
    if (FlowGraphNodeItem *item = m_nodes.value(name))
        item->setHighlighted(true);
}

QString FlowGraphView::connectSourceAt(const QPoint &pos, Qt::KeyboardModifiers modifiers) const
{
    if (FlowGraphNodeItem *selected = m_nodes.value(selectedState()); selected && selected->canConnectFrom()) {
        const QPointF at = selected->mapFromScene(mapToScene(pos));
        if (selected->handleRect().adjusted(-3, -3, 3, 3).contains(at))
            return selected->node().name;
    }
    if (modifiers & Qt::ShiftModifier)
        if (FlowGraphNodeItem *node = nodeAt(pos); node && node->canConnectFrom())
            return node->node().name;
    return {};
}

void FlowGraphView::mousePressEvent(QMouseEvent *event)
{
    const QPoint pos = event->position().toPoint();
    if (m_editable && event->button() == Qt::LeftButton && !m_connectLine) {
        if (const QString from = connectSourceAt(pos, event->modifiers()); !from.isEmpty()) {
            m_connectFrom = from;
            QPen pen(m_style->highlight, 2, Qt::DashLine);
            pen.setCosmetic(true);
            m_connectLine = m_scene->addLine(QLineF(m_nodes.value(from)->pos(), mapToScene(pos)), pen);
            m_connectLine->setZValue(3);
            event->accept();
            return;
        }
    }
    QGraphicsView::mousePressEvent(event);
}

void FlowGraphView::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_connectLine) {
        QGraphicsView::mouseMoveEvent(event);
        return;
    }
    const QPoint pos = event->position().toPoint();
    m_connectLine->setLine(QLineF(m_connectLine->line().p1(), mapToScene(pos)));
    const FlowGraphNodeItem *target = nodeAt(pos);
    setHoverTarget(target && !target->node().isMissing() && target->node().name != m_connectFrom ? target->node().name
                                                                                                 : QString());
    event->accept();
}

void FlowGraphView::mouseReleaseEvent(QMouseEvent *event)
{
    if (!m_connectLine || event->button() != Qt::LeftButton) {
        QGraphicsView::mouseReleaseEvent(event);
        return;
    }
    finishConnect(event->position().toPoint());
    event->accept();
}

void FlowGraphView::finishConnect(const QPoint &pos)
{
    const QString from = m_connectFrom;
    cancelConnect();
    const FlowGraphNodeItem *target = nodeAt(pos);
    if (!target || target->node().isMissing() || target->node().name == from)
        return; // a click on the handle, or a drop on nothing: no change
    const int source = m_graph.indexOf(from);
    const bool choice = source >= 0 && m_graph.nodes.at(source).type == StateType::Choice;
    emit connectRequested(from, choice ? EdgeKind::Default : EdgeKind::Next, -1, target->node().name);
}

void FlowGraphView::cancelConnect()
{
    setHoverTarget({});
    m_connectFrom.clear();
    delete m_connectLine;
    m_connectLine = nullptr;
}

void FlowGraphView::mouseDoubleClickEvent(QMouseEvent *event)
{
    const QPoint pos = event->position().toPoint();
    if (QGraphicsItem *item = menuItemAt(pos); item && item->type() == FlowGraphPlaceholderItem::Type) {
        setBranchCollapsed(item->data(ItemName).toString(), false);
        event->accept();
        return;
    }
    if (m_editable && event->button() == Qt::LeftButton)
        if (const FlowGraphNodeItem *node = nodeAt(pos); node && !node->node().isMissing()) {
            emit renameRequested(node->node().name);
            event->accept();
            return;
        }
    QGraphicsView::mouseDoubleClickEvent(event);
}

void FlowGraphView::keyPressEvent(QKeyEvent *event)
{
    const bool ctrl = event->modifiers() & Qt::ControlModifier;
    const int key = event->key();
    if (m_editable && editKey(event))
        event->accept();
    else if ((ctrl && (key == Qt::Key_Equal || key == Qt::Key_Plus)) || event->matches(QKeySequence::ZoomIn))
        zoomIn();
    else if ((ctrl && key == Qt::Key_Minus) || event->matches(QKeySequence::ZoomOut))
        zoomOut();
    else if ((ctrl && key == Qt::Key_0) || (key == Qt::Key_F && !(event->modifiers() & ~Qt::KeypadModifier)))
        fitAll();
    else
        QGraphicsView::keyPressEvent(event);
}

bool FlowGraphView::editKey(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape && m_connectLine) {
        cancelConnect();
        return true;
    }
    const int index = m_graph.indexOf(selectedState());
    if (index < 0 || m_graph.nodes.at(index).isMissing() || (event->modifiers() & ~Qt::KeypadModifier))
        return false;
    const QString &state = m_graph.nodes.at(index).name;
    if (event->key() == Qt::Key_F2) {
        emit renameRequested(state);
        return true;
    }
    if (event->key() == Qt::Key_Delete || event->matches(QKeySequence::Delete)) {
        emit deleteRequested(state);
        return true;
    }
    return false;
}

void FlowGraphView::contextMenuEvent(QContextMenuEvent *event)
{
    if (!m_editable) {
        QGraphicsView::contextMenuEvent(event);
        return;
    }
    // The menu is about the item under the mouse: show which one by selecting it.
    if (QGraphicsItem *item = menuItemAt(event->pos());
        item && item->flags() & QGraphicsItem::ItemIsSelectable && item->type() != FlowGraphStubItem::Type) {
        m_scene->clearSelection();
        item->setSelected(true);
    }
    const std::unique_ptr<QMenu> menu(contextMenuAt(event->pos()));
    if (menu && !menu->isEmpty())
        menu->exec(event->globalPos());
    event->accept();
}

QMenu *FlowGraphView::contextMenuAt(const QPoint &pos)
{
    if (!m_editable)
        return nullptr;
    QGraphicsItem *item = menuItemAt(pos);
    if (!item)
        return backgroundMenu();
    if (item->type() == FlowGraphNodeItem::Type)
        return nodeMenu(static_cast<FlowGraphNodeItem *>(item));
    if (item->type() != FlowGraphPlaceholderItem::Type)
        return edgeMenu(item);
    auto *menu = new QMenu;
    const QString choice = item->data(ItemName).toString();
    connect(menu->addAction(tr("Expand branches")), &QAction::triggered, this,
            [this, choice] { setBranchCollapsed(choice, false); });
    return menu;
}

QMenu *FlowGraphView::nodeMenu(const FlowGraphNodeItem *item)
{
    auto *menu = new QMenu;
    const FlowNode &node = item->node();
    const QString name = node.name;
    if (node.isMissing()) {
        menu->addAction(tr("\u201c%1\u201d is not a state").arg(menuText(name)))->setEnabled(false);
        return menu;
    }
    QAction *rename = menu->addAction(tr("Rename\u2026"));
    rename->setShortcut(Qt::Key_F2);
    connect(rename, &QAction::triggered, this, [this, name] { emit renameRequested(name); });
    QAction *remove = menu->addAction(tr("Delete"));
    remove->setShortcut(QKeySequence::Delete);
    connect(remove, &QAction::triggered, this, [this, name] { emit deleteRequested(name); });
    const bool choice = node.type == StateType::Choice;
    if (item->canConnectFrom()) {
        menu->addSeparator();
        addTargetMenu(menu, choice ? tr("Default") : tr("Go to"), name, choice ? EdgeKind::Default : EdgeKind::Next,
                      -1);
        if (node.type == StateType::Action)
            addTargetMenu(menu, tr("Add Catch to"), name, EdgeKind::Catch, -1);
        addStateMenu(menu, tr("Add state after"), name);
    }
    if (choice) {
        menu->addSeparator();
        const bool collapsed = isBranchCollapsed(name);
        QAction *toggle = menu->addAction(collapsed ? tr("Expand branches") : tr("Collapse branches"));
        // Nothing to fold when every branch also starts somewhere else.
        toggle->setEnabled(collapsed || !dominatedBy(m_graph, m_graph.indexOf(name)).isEmpty());
        connect(toggle, &QAction::triggered, this, [this, name, collapsed] { setBranchCollapsed(name, !collapsed); });
    }
    return menu;
}

QMenu *FlowGraphView::edgeMenu(const QGraphicsItem *item)
{
    auto *menu = new QMenu;
    const QString from = item->data(ItemFrom).toString();
    const auto kind = EdgeKind(item->data(ItemKind).toInt());
    addTargetMenu(menu, tr("Reconnect to"), from, kind, item->data(ItemIndex).toInt());
    return menu;
}

QMenu *FlowGraphView::backgroundMenu()
{
    auto *menu = new QMenu;
    addStateMenu(menu, tr("Add state"), QString());
    menu->addSeparator();
    connect(menu->addAction(tr("Fit to window")), &QAction::triggered, this, &FlowGraphView::fitAll);
    if (!m_collapsed.isEmpty())
        connect(menu->addAction(tr("Expand all branches")), &QAction::triggered, this, [this] {
            m_collapsed.clear();
            relayout();
        });
    return menu;
}

void FlowGraphView::addTargetMenu(QMenu *menu, const QString &title, const QString &from, EdgeKind kind, int index)
{
    QMenu *targets = menu->addMenu(title);
    const QString current =
        index < 0 && kind == EdgeKind::Catch ? QString() : currentTarget(m_graph, from, kind, index);
    for (const FlowNode &node : std::as_const(m_graph.nodes)) {
        if (node.isMissing() || node.name == from)
            continue;
        QAction *action = targets->addAction(menuText(node.name));
        action->setData(node.name);
        if (node.name == current) {
            action->setCheckable(true);
            action->setChecked(true);
        }
        connect(action, &QAction::triggered, this,
                [this, from, kind, index, to = node.name] { emit connectRequested(from, kind, index, to); });
    }
    targets->setEnabled(!targets->isEmpty());
}

void FlowGraphView::addStateMenu(QMenu *menu, const QString &title, const QString &connectFrom)
{
    QMenu *root = menu->addMenu(title);
    const QList<StateTemplate> templates = stateTemplates();
    QStringList categories;
    for (const StateTemplate &entry : templates)
        if (!categories.contains(entry.category))
            categories.append(entry.category);
    QHash<QString, QMenu *> groups;
    for (const StateTemplate &entry : templates) {
        QMenu *&group = groups[entry.category];
        if (!group)
            group = categories.size() > 1 ? root->addMenu(menuText(entry.category)) : root;
        group->setToolTipsVisible(true);
        QAction *action = group->addAction(menuText(entry.title));
        action->setData(entry.id);
        action->setToolTip(entry.description);
        connect(action, &QAction::triggered, this,
                [this, id = entry.id, connectFrom] { emit addStateRequested(id, connectFrom); });
    }
    root->setEnabled(!templates.isEmpty());
}

bool FlowGraphView::acceptsDrag(const QDropEvent *event) const
{
    return m_editable && !stateTemplateId(event->mimeData()).isEmpty();
}

void FlowGraphView::dragEnterEvent(QDragEnterEvent *event)
{
    if (acceptsDrag(event)) {
        event->setDropAction(Qt::CopyAction);
        event->accept();
    } else {
        QGraphicsView::dragEnterEvent(event);
    }
}

void FlowGraphView::dragMoveEvent(QDragMoveEvent *event)
{
    if (!acceptsDrag(event)) {
        QGraphicsView::dragMoveEvent(event);
        return;
    }
    const FlowGraphNodeItem *node = nodeAt(event->position().toPoint());
    setHoverTarget(node && node->canConnectFrom() ? node->node().name : QString());
    event->setDropAction(Qt::CopyAction);
    event->accept();
}

void FlowGraphView::dragLeaveEvent(QDragLeaveEvent *event)
{
    setHoverTarget({});
    QGraphicsView::dragLeaveEvent(event);
}

void FlowGraphView::dropEvent(QDropEvent *event)
{
    if (!acceptsDrag(event)) {
        QGraphicsView::dropEvent(event);
        return;
    }
    setHoverTarget({});
    // On a state that goes on, the new state comes after it; elsewhere (or on an end) it stands alone.
    const FlowGraphNodeItem *node = nodeAt(event->position().toPoint());
    const QString after = node && node->canConnectFrom() ? node->node().name : QString();
    event->setDropAction(Qt::CopyAction);
    event->accept();
    emit addStateRequested(stateTemplateId(event->mimeData()), after);
}

} // namespace Flowdeck::Ui
