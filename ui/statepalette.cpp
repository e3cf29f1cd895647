// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/statepalette.h"

#include "core/lang/flowgraph.h"
#include "core/lang/statetemplates.h"
#include "ui/flowgraphitems.h"

#include <QDrag>
#include <QLineEdit>
#include <QMimeData>
#include <QPainter>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;
using namespace Flowdeck::Core::Lang;

namespace Flowdeck::Ui {

namespace {

constexpr int IdRole = Qt::UserRole;

// Drags the template ids of the picked items, always as a copy: a move would make the view that
// accepted it delete the item from the palette.
class TemplateTree final : public QTreeWidget
{
public:
    using QTreeWidget::QTreeWidget;

protected:
    void startDrag(Qt::DropActions) override
    {
        QMimeData *payload = mimeData(selectedItems());
        if (!payload)
            return;
        auto *drag = new QDrag(this);
        drag->setMimeData(payload);
        if (const QTreeWidgetItem *item = currentItem())
            drag->setPixmap(item->icon(0).pixmap(14, 14));
        drag->exec(Qt::CopyAction, Qt::CopyAction);
    }

    QStringList mimeTypes() const override { return {QString::fromLatin1(StateTemplateMimeType)}; }

    QMimeData *mimeData(const QList<QTreeWidgetItem *> &items) const override
    {
        for (const QTreeWidgetItem *item : items)
            if (const QString id = item->data(0, IdRole).toString(); !id.isEmpty())
                return stateTemplateMimeData(id);
        return nullptr;
    }
};

// A dot in the colour the graph gives the template's state type.
QIcon typeIcon(const QJsonObject &state)
{
    const FlowGraph graph = buildFlowGraph({{u"States"_s, QJsonObject{{u"S"_s, state}}}});
    QPixmap pixmap(14, 14);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(stateHue(graph.nodes.value(0).type));
    painter.drawEllipse(QRectF(2, 2, 10, 10));
    return QIcon(pixmap);
}

} // namespace

QMimeData *stateTemplateMimeData(const QString &templateId)
{
    auto *data = new QMimeData;
    data->setData(QString::fromLatin1(StateTemplateMimeType), templateId.toUtf8());
    data->setText(templateId);
    return data;
}

QString stateTemplateId(const QMimeData *data)
{
    const QString format = QString::fromLatin1(StateTemplateMimeType);
    return data && data->hasFormat(format) ? QString::fromUtf8(data->data(format)) : QString();
}

StatePalette::StatePalette(QWidget *parent)
    : QWidget(parent)
    , m_filter(new QLineEdit(this))
    , m_tree(new TemplateTree(this))
{
    m_filter->setPlaceholderText(tr("Filter states"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(tr("Filter state templates"));
    m_tree->setHeaderHidden(true);
    m_tree->setRootIsDecorated(false);
    m_tree->setDragEnabled(true);
    m_tree->setDragDropMode(QAbstractItemView::DragOnly);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setAccessibleName(tr("State templates"));
    m_tree->setToolTip(tr("Drag a state onto the diagram, or double-click to add it"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_filter);
    layout->addWidget(m_tree);
    setFocusProxy(m_filter);
    populate();
    connect(m_filter, &QLineEdit::textChanged, this, &StatePalette::setFilter);
    connect(m_filter, &QLineEdit::returnPressed, this, &StatePalette::activateFirstVisible);
    connect(m_tree, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        if (const QString id = item->data(0, IdRole).toString(); !id.isEmpty())
            emit templateActivated(id);
    });
}

void StatePalette::populate()
{
    QHash<QString, QTreeWidgetItem *> categories;
    for (const StateTemplate &entry : stateTemplates()) {
        QTreeWidgetItem *&category = categories[entry.category];
        if (!category) {
            category = new QTreeWidgetItem(m_tree, {entry.category});
            category->setFlags(Qt::ItemIsEnabled); // a heading: neither selectable nor draggable
            QFont bold = m_tree->font();
            bold.setBold(true);
            category->setFont(0, bold);
            category->setExpanded(true);
        }
        auto *item = new QTreeWidgetItem(category, {entry.title});
        item->setData(0, IdRole, entry.id);
        item->setToolTip(0, u"<b>%1</b><br>%2"_s.arg(entry.title.toHtmlEscaped(), entry.description.toHtmlEscaped()));
        item->setIcon(0, typeIcon(entry.state));
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled);
    }
}

void StatePalette::setFilter(const QString &text)
{
    if (m_filter->text() != text)
        m_filter->setText(text); // comes back here through textChanged
    const QString needle = text.trimmed();
    for (int c = 0; c < m_tree->topLevelItemCount(); ++c) {
        QTreeWidgetItem *category = m_tree->topLevelItem(c);
        bool any = false;
        for (int i = 0; i < category->childCount(); ++i) {
            QTreeWidgetItem *item = category->child(i);
            const StateTemplate *entry = findStateTemplate(item->data(0, IdRole).toString());
            const bool match =
                needle.isEmpty() || (entry && (entry->title.contains(needle, Qt::CaseInsensitive) ||
                                               entry->description.contains(needle, Qt::CaseInsensitive) ||
                                               entry->id.contains(needle, Qt::CaseInsensitive)));
            item->setHidden(!match);
            any = any || match;
        }
        category->setHidden(!any);
    }
}

QTreeWidgetItem *StatePalette::itemFor(const QString &templateId) const
{
    for (int c = 0; c < m_tree->topLevelItemCount(); ++c)
        for (int i = 0; i < m_tree->topLevelItem(c)->childCount(); ++i)
            if (m_tree->topLevelItem(c)->child(i)->data(0, IdRole).toString() == templateId)
                return m_tree->topLevelItem(c)->child(i);
    return nullptr;
}

void StatePalette::activateFirstVisible()
{
    for (int c = 0; c < m_tree->topLevelItemCount(); ++c)
        for (int i = 0; i < m_tree->topLevelItem(c)->childCount(); ++i)
            if (QTreeWidgetItem *item = m_tree->topLevelItem(c)->child(i); !item->isHidden()) {
                m_tree->setCurrentItem(item);
                emit templateActivated(item->data(0, IdRole).toString());
                return;
            }
}

} // namespace Flowdeck::Ui
