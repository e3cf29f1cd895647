// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/api/flow.h"
#include "core/api/flowsoptions.h"

#include <QDialog>
#include <QHash>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace Flowdeck::Ui {

// Edits a flow's title, subtitle, description, keywords and role lists, checking the service's
// limits as the user types (principal URNs, 16 per list, where "public" and
// "all_authenticated_users" may stand). changes() holds only what was changed. GUI thread.
class FlowMetadataDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FlowMetadataDialog)

public:
    explicit FlowMetadataDialog(const Core::Flow &flow, QWidget *parent = nullptr);
    Core::UpdateFlowOptions changes() const;
    QString problem() const { return m_problemText; }
    QPlainTextEdit *roleEditor(const QString &field) const { return m_roles.value(field); }
    QLineEdit *titleEditor() const { return m_title; }

private:
    void validate();
    QStringList roleList(const QString &field) const;

    Core::Flow m_flow;
    QLineEdit *m_title;
    QLineEdit *m_subtitle;
    QPlainTextEdit *m_description;
    QLineEdit *m_keywords;
    QHash<QString, QPlainTextEdit *> m_roles; // field -> one principal per line
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
    QString m_problemText;
};

} // namespace Flowdeck::Ui
