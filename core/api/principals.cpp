// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/api/principals.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSet>

using namespace Qt::StringLiterals;

namespace Flowdeck::Core::Principals {

bool isUrn(const QString &value)
{
    static const QRegularExpression urn(u"^urn:globus:(auth:identity|groups:id):[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-"
                                        "[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"_s);
    return urn.match(value).hasMatch();
}

QString problem(const QString &field, const QStringList &list)
{
    auto tr = [](const char *text) { return QCoreApplication::translate("Principals", text); };
    const QSet<QString> unique(list.begin(), list.end());
    if (unique.size() > MaxPerList)
        return tr("At most %1 principals are allowed (there are %2)").arg(MaxPerList).arg(unique.size());
    for (const QString &value : list) {
        if (value == "public"_L1 && field == "flow_viewers"_L1)
            continue;
        if (value == "all_authenticated_users"_L1 && field == "flow_starters"_L1)
            continue;
        if (value == "public"_L1 || value == "all_authenticated_users"_L1)
            return tr("\"%1\" is only allowed among %2")
                .arg(value, value == "public"_L1 ? tr("viewers") : tr("starters"));
        if (!isUrn(value))
            return tr("\"%1\" is not a principal: use urn:globus:auth:identity:<uuid> or urn:globus:groups:id:<uuid>")
                .arg(value);
    }
    return {};
}

} // namespace Flowdeck::Core::Principals
