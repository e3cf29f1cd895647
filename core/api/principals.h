// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace Flowdeck::Core {

// Who may see, start, administer and watch a flow (reference §2.1, §5.5): identity and group URNs,
// plus "public" (viewers only) and "all_authenticated_users" (starters only), at most 16 per list.
namespace Principals {

constexpr qsizetype MaxPerList = 16;

bool isUrn(const QString &value);
// What is wrong with list (named by its field, e.g. "flow_viewers"), or an empty string.
QString problem(const QString &field, const QStringList &list);

} // namespace Principals
} // namespace Flowdeck::Core
