// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/models/flowsmodel.h"

#include "core/api/flowsclient.h"
#include "core/api/replies.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace Flowdeck::Core {

namespace {

// "flow_administrator" -> "administrator": the prefix says nothing in a flows list.
QString roleName(const QString &role)
{
    QString name = role;
    if (name.startsWith("flow_"_L1))
        name = name.mid(5);
    name.replace(u'_', u' ');
    return name;
}

} // namespace

FlowsModel::FlowsModel(QObject *parent)
    : PagedModel(parent)
{}

void FlowsModel::setQuery(const Query &query)
{
    if (query == m_query && started())
        return;
    m_query = query;
    refresh();
}

void FlowsModel::setCurrentIdentity(const QString &urn)
{
    m_identity = urn;
    if (!m_flows.isEmpty())
        emit dataChanged(index(0, Owner), index(int(m_flows.size()) - 1, Owner));
}

ApiReply *FlowsModel::requestPage(FlowsClient *client, const QString &marker, int pageSize)
{
    ListFlowsOptions options;
    options.filterRoles = m_query.roles;
    if (!m_query.fulltext.trimmed().isEmpty())
        options.filterFulltext = m_query.fulltext.trimmed();
    options.orderby = m_query.orderby;
    options.perPage = pageSize;
    options.marker = marker;
    return client->listFlows(options);
}

PagedModel::PageEnd FlowsModel::appendPage(ApiReply *reply)
{
    const Page<Flow> &page = static_cast<FlowPageReply *>(reply)->value();
    QList<Flow> fresh;
    for (const Flow &flow : page.items)
        if (rowOf(flow.id) < 0) // a flow created meanwhile can shift the pages: never show it twice
            fresh.append(flow);
    if (!fresh.isEmpty()) {
        beginInsertRows({}, int(m_flows.size()), int(m_flows.size() + fresh.size()) - 1);
        m_flows.append(fresh);
        endInsertRows();
    }
    return {page.hasNextPage, page.marker};
}

int FlowsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_flows.size());
}

int FlowsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FlowsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Flow &flow = m_flows.at(index.row());
    if (role == FlowIdRole)
        return flow.id;
    if (role == UpdatedAtRole)
        return flow.updatedAt;
    if (role == Qt::ToolTipRole && index.column() == Title)
        return flow.description.isEmpty() ? flow.title : flow.description;
    if (role == Qt::ToolTipRole && index.column() == Owner)
        return flow.flowOwner;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Title:
        return flow.title;
    case Subtitle:
        return flow.subtitle;
    case Owner:
        if (!m_identity.isEmpty() && flow.flowOwner == m_identity)
            return tr("You");
        return flow.flowOwner.section(u':', -1);
    case Roles: {
        QStringList names;
        for (const QString &userRole : flow.userRoles)
            names.append(roleName(userRole));
        return names.join(u", "_s);
    }
    case Keywords:
        return flow.keywords.join(u", "_s);
    case Updated:
        return QLocale().toString(flow.updatedAt.toLocalTime(), QLocale::ShortFormat);
    }
    return {};
}

QVariant FlowsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Title:
        return tr("Title");
    case Subtitle:
        return tr("Subtitle");
    case Owner:
        return tr("Owner");
    case Roles:
        return tr("Your roles");
    case Keywords:
        return tr("Keywords");
    case Updated:
        return tr("Updated");
    }
    return {};
}

int FlowsModel::rowOf(const QString &flowId) const
{
    for (int row = 0; row < m_flows.size(); ++row)
        if (m_flows.at(row).id == flowId)
            return row;
    return -1;
}

void FlowsModel::updateFlow(const Flow &flow)
{
    const int row = rowOf(flow.id);
    if (row < 0 || m_flows.at(row) == flow)
        return;
    m_flows[row] = flow;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void FlowsModel::removeFlow(const QString &flowId)
{
    const int row = rowOf(flowId);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_flows.removeAt(row);
    endRemoveRows();
}

QString FlowsModel::sortField(int column)
{
    switch (column) {
    case Title:
        return u"title"_s;
    case Owner:
        return u"flow_owner"_s;
    case Updated:
        return u"updated_at"_s;
    default:
        return {};
    }
}

} // namespace Flowdeck::Core
