// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/api/page.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

namespace Flowdeck::Core {

// What list_web_inputs returns per item (reference §2.4).
struct WebInputSummary
{
    QString id;
    QString status; // open | closed
    QStringList userRoles;
    QString inputType;
    QString title;
    QString flowId;
    QString flowTitle;
    QString runId;
    QString runLabel;
    QDateTime createdTimestamp;
    QDateTime editedTimestamp;
    QDateTime closedTimestamp;
    QJsonObject raw;
    bool operator==(const WebInputSummary &) const = default;
};
bool fromJson(const QJsonObject &body, WebInputSummary &summary, QString *why);

template<>
struct PageTraits<WebInputSummary>
{
    static constexpr const char *itemsKey = "web_input_summaries";
    static constexpr MarkerStyle markerStyle = MarkerStyle::Nullable;
};

// The full web input (get_web_input): the summary plus what a respondent needs to answer.
struct WebInput
{
    WebInputSummary summary;
    QJsonObject inputSchema;
    QJsonObject context; // title, presentation_style "text" (+text) or "table" (+rows)
    QJsonArray options;  // [{option_id, label, description}]
    QJsonObject roles;
    QString creatorUrn;
    bool operator==(const WebInput &) const = default;
};
bool fromJson(const QJsonObject &body, WebInput &input, QString *why);

} // namespace Flowdeck::Core
