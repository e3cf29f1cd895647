// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/deploydialog.h"

#include "core/lang/structuraldiff.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Flowdeck::Ui {

using namespace Core::Lang;

DeployDialog::DeployDialog(const std::optional<QJsonObject> &before, const QJsonObject &after, int localErrors,
                           QWidget *parent)
    : QDialog(parent)
    , m_summary(new QLabel(this))
    , m_changes(new QTreeWidget(this))
{
    const QString title = after.value("title"_L1).toString();
    setWindowTitle(before ? tr("Update “%1”").arg(title) : tr("Create “%1”").arg(title));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_changes->setHeaderHidden(true);
    m_changes->setObjectName(u"changes"_s);
    QStringList lines;
    if (!before) {
        const int states = int(after.value("definition"_L1).toObject().value("States"_L1).toObject().size());
        lines.append(
            tr("A new flow “%1” with %n state(s) will be created on the service.", nullptr, states).arg(title));
    } else {
        const QList<JsonChange> changes = structuralDiff(*before, after);
        m_hasChanges = !changes.isEmpty();
        const FlowDiffSummary summary = summarizeDefinitionDiff(changes);
        if (!m_hasChanges)
            lines.append(tr("The deployed flow is the same as this one: there is nothing to update."));
        const auto say = [&lines](const QString &what, const QStringList &names) {
            if (!names.isEmpty())
                lines.append(what.arg(names.join(u", "_s)));
        };
        say(tr("States added: %1"), summary.statesAdded);
        say(tr("States removed: %1"), summary.statesRemoved);
        say(tr("States changed: %1"), summary.statesChanged);
        say(tr("Also changed: %1"), summary.otherChanges);
        for (const JsonChange &change : changes)
            new QTreeWidgetItem(m_changes, {describeChange(change)});
    }
    if (localErrors > 0)
        lines.append(tr("Warning: Flowdeck finds %n error(s) in this flow; the service will probably refuse it.",
                        nullptr, localErrors));
    m_summary->setText(lines.join(u'\n'));
    m_changes->setVisible(m_changes->topLevelItemCount() > 0);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(before ? tr("&Update") : tr("&Create"));
    buttons->button(QDialogButtonBox::Ok)->setEnabled(m_hasChanges);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_changes, 1);
    layout->addWidget(buttons);
    resize(640, m_changes->isVisible() ? 420 : 160);
}

QString DeployDialog::summary() const
{
    return m_summary->text();
}

QStringList DeployDialog::changeLines() const
{
    QStringList lines;
    for (int i = 0; i < m_changes->topLevelItemCount(); ++i)
        lines.append(m_changes->topLevelItem(i)->text(0));
    return lines;
}

} // namespace Flowdeck::Ui
