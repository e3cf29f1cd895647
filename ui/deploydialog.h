// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QJsonObject>

#include <optional>

class QLabel;
class QTreeWidget;

namespace Flowdeck::Ui {

// Shows what deploying will do before it is done: for a new flow what will be created, for a
// deployed one a structural diff (states added, removed and changed, other fields) against the
// version on the service. Compares values, so reformatting is no change. GUI thread.
class DeployDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeployDialog)

public:
    // before: the deployed flow document ({"definition", "input_schema", "title", ...}); nullopt: a new flow.
    DeployDialog(const std::optional<QJsonObject> &before, const QJsonObject &after, int localErrors,
                 QWidget *parent = nullptr);

    QString summary() const;
    QStringList changeLines() const;
    bool hasChanges() const { return m_hasChanges; }

private:
    QLabel *m_summary;
    QTreeWidget *m_changes;
    bool m_hasChanges = true;
};

} // namespace Flowdeck::Ui
