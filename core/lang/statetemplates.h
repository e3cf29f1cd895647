// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

namespace Flowdeck::Core::Lang {

// A starting point for a new state, offered by the studio's palette and by completion: each state
// type, and an Action state for each well-known Globus action provider.
struct StateTemplate
{
    QString id;            // stable: "type:Pass", "ap:transfer", ...
    QString title;         // "Pass", "Transfer files"
    QString category;      // "State types" or "Action providers"
    QString description;   // one or two sentences
    QString suggestedName; // PascalCase state name: "TransferFiles"
    QJsonObject state;     // the state's JSON without Next/End (the caller connects it)
};

// A Choice template's rule goes to this placeholder state: the caller points it at a real state
// (a rule needs a target, and an empty name would read as one).
inline constexpr char ChoicePlaceholderTarget[] = "NextState";

QList<StateTemplate> stateTemplates();
const StateTemplate *findStateTemplate(const QString &id);

// Well-known action providers (URL, title, one-line description) for completion and hover help.
struct ActionProviderInfo
{
    QString url;
    QString title;
    QString description;
};
QList<ActionProviderInfo> wellKnownActionProviders();

} // namespace Flowdeck::Core::Lang
