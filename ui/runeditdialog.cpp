// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/runeditdialog.h"

#include "core/api/principals.h"
#include "core/api/run.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Flowdeck::Ui {

QStringList RunEditDialog::lines(const QPlainTextEdit *edit)
{
    QStringList out;
    for (const QString &line : edit->toPlainText().split(u'\n'))
        if (!line.trimmed().isEmpty())
            out.append(line.trimmed());
    return out;
}

QString RunEditDialog::principalsProblem(const QPlainTextEdit *managers, const QPlainTextEdit *monitors)
{
    const QString why = Core::Principals::problem(u"run_managers"_s, lines(managers));
    return why.isEmpty() ? Core::Principals::problem(u"run_monitors"_s, lines(monitors)) : why;
}

RunEditDialog::RunEditDialog(const Core::Run &run, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Edit run “%1”").arg(run.label.isEmpty() ? run.runId : run.label));
    build(false);
    m_label0 = run.label;
    m_tags0 = run.tags;
    m_managers0 = run.runManagers();
    m_monitors0 = run.runMonitors();
    m_label->setText(run.label);
    m_tags->setText(run.tags.join(u", "_s));
    m_managers->setPlainText(m_managers0.join(u'\n'));
    m_monitors->setPlainText(m_monitors0.join(u'\n'));
    check();
}

RunEditDialog::RunEditDialog(const QStringList &commonTags, int runCount, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Tags of %n runs", nullptr, runCount));
    build(true);
    m_tags->setText(commonTags.join(u", "_s));
    check();
}

void RunEditDialog::build(bool tagsOnly)
{
    m_tagsOnly = tagsOnly;
    auto *form = new QFormLayout;
    m_tags = new QLineEdit(this);
    m_tags->setPlaceholderText(tr("comma-separated, e.g. beamline-2, calibration"));
    m_tags->setAccessibleName(tr("Tags"));
    if (!tagsOnly) {
        m_label = new QLineEdit(this);
        m_label->setAccessibleName(tr("Label"));
        m_label->setMaxLength(64);
        form->addRow(tr("&Label:"), m_label);
    }
    form->addRow(tr("&Tags:"), m_tags);
    if (!tagsOnly) {
        m_managers = new QPlainTextEdit(this);
        m_monitors = new QPlainTextEdit(this);
        for (QPlainTextEdit *edit : {m_managers, m_monitors}) {
            edit->setTabChangesFocus(true);
            edit->setPlaceholderText(u"urn:globus:auth:identity:…\nurn:globus:groups:id:…"_s);
            edit->setMaximumHeight(80);
            connect(edit, &QPlainTextEdit::textChanged, this, &RunEditDialog::check);
        }
        m_managers->setAccessibleName(tr("Run managers"));
        m_monitors->setAccessibleName(tr("Run monitors"));
        form->addRow(tr("&Managers:"), m_managers);
        form->addRow(tr("M&onitors:"), m_monitors);
    }
    m_problem = new QLabel(this);
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(u"color: #c62828"_s);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    setMinimumWidth(460);
}

QStringList RunEditDialog::splitTags(const QString &text)
{
    QStringList tags;
    for (const QString &tag : text.split(u','))
        if (!tag.trimmed().isEmpty() && !tags.contains(tag.trimmed()))
            tags.append(tag.trimmed());
    return tags;
}

QString RunEditDialog::problem() const
{
    return m_tagsOnly ? QString() : principalsProblem(m_managers, m_monitors);
}

void RunEditDialog::check()
{
    const QString why = problem();
    m_problem->setText(why);
    m_problem->setVisible(!why.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(why.isEmpty());
}

Core::UpdateRunOptions RunEditDialog::options() const
{
    // Only what changed is sent: a run manager may change tags without the right to change roles.
    Core::UpdateRunOptions options;
    if (m_tagsOnly || splitTags(m_tags->text()) != m_tags0)
        options.tags = splitTags(m_tags->text());
    if (m_tagsOnly)
        return options;
    if (m_label->text().trimmed() != m_label0)
        options.label = m_label->text().trimmed();
    if (lines(m_managers) != m_managers0)
        options.runManagers = lines(m_managers);
    if (lines(m_monitors) != m_monitors0)
        options.runMonitors = lines(m_monitors);
    return options;
}

} // namespace Flowdeck::Ui
