// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/flowmetadatadialog.h"

#include "core/api/principals.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Flowdeck::Ui {

namespace {

struct RoleField
{
    const char *field;
    const char *label;
    const char *help;
};

// The role lists a flow has, with what each allows.
const RoleField RoleFields[] = {
    {"flow_viewers", QT_TRANSLATE_NOOP("FlowMetadataDialog", "Viewers"),
     QT_TRANSLATE_NOOP("FlowMetadataDialog", "May see the flow. \"public\" lets anyone see it.")},
    {"flow_starters", QT_TRANSLATE_NOOP("FlowMetadataDialog", "Starters"),
     QT_TRANSLATE_NOOP("FlowMetadataDialog",
                       "May start runs. \"all_authenticated_users\" lets anyone signed in to Globus start it.")},
    {"flow_administrators", QT_TRANSLATE_NOOP("FlowMetadataDialog", "Administrators"),
     QT_TRANSLATE_NOOP("FlowMetadataDialog", "May change and delete the flow.")},
    {"run_managers", QT_TRANSLATE_NOOP("FlowMetadataDialog", "Run managers"),
     QT_TRANSLATE_NOOP("FlowMetadataDialog", "May cancel and change every run of the flow.")},
    {"run_monitors", QT_TRANSLATE_NOOP("FlowMetadataDialog", "Run monitors"),
     QT_TRANSLATE_NOOP("FlowMetadataDialog", "May watch every run of the flow.")},
};

QStringList currentRoles(const Core::Flow &flow, const QString &field)
{
    if (field == "flow_viewers"_L1)
        return flow.flowViewers;
    if (field == "flow_starters"_L1)
        return flow.flowStarters;
    if (field == "flow_administrators"_L1)
        return flow.flowAdministrators;
    return field == "run_managers"_L1 ? flow.runManagers : flow.runMonitors;
}

QStringList keywords(const QString &text)
{
    QStringList list;
    for (const QString &word : text.split(u',', Qt::SkipEmptyParts))
        if (!word.trimmed().isEmpty())
            list.append(word.trimmed());
    return list;
}

} // namespace

FlowMetadataDialog::FlowMetadataDialog(const Core::Flow &flow, QWidget *parent)
    : QDialog(parent)
    , m_flow(flow)
    , m_title(new QLineEdit(flow.title, this))
    , m_subtitle(new QLineEdit(flow.subtitle, this))
    , m_description(new QPlainTextEdit(flow.description, this))
    , m_keywords(new QLineEdit(flow.keywords.join(u", "_s), this))
    , m_problem(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Edit “%1”").arg(flow.title));
    m_description->setTabChangesFocus(true);
    m_description->setMaximumHeight(90);
    m_keywords->setPlaceholderText(tr("comma-separated"));
    auto *form = new QFormLayout;
    form->addRow(tr("&Title:"), m_title);
    form->addRow(tr("&Subtitle:"), m_subtitle);
    form->addRow(tr("&Description:"), m_description);
    form->addRow(tr("&Keywords:"), m_keywords);
    for (const RoleField &role : RoleFields) {
        auto *editor = new QPlainTextEdit(currentRoles(flow, QLatin1StringView(role.field)).join(u'\n'), this);
        editor->setTabChangesFocus(true);
        editor->setMaximumHeight(52);
        editor->setPlaceholderText(tr("one principal URN per line"));
        editor->setToolTip(tr(role.help));
        editor->setAccessibleName(tr(role.label));
        m_roles.insert(QLatin1StringView(role.field), editor);
        form->addRow(tr(role.label) + u':', editor);
        auto *help = new QLabel(tr(role.help), this);
        help->setWordWrap(true);
        help->setForegroundRole(QPalette::PlaceholderText); // quieter than the fields, in any theme
        form->addRow(QString(), help);
        connect(editor, &QPlainTextEdit::textChanged, this, &FlowMetadataDialog::validate);
    }
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(u"color: palette(highlight);"_s);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QLineEdit *edit : {m_title, m_subtitle, m_keywords})
        connect(edit, &QLineEdit::textChanged, this, &FlowMetadataDialog::validate);
    connect(m_description, &QPlainTextEdit::textChanged, this, &FlowMetadataDialog::validate);
    resize(560, sizeHint().height());
    validate();
}

QStringList FlowMetadataDialog::roleList(const QString &field) const
{
    QStringList list;
    for (const QString &line : m_roles.value(field)->toPlainText().split(u'\n', Qt::SkipEmptyParts))
        if (!line.trimmed().isEmpty())
            list.append(line.trimmed());
    return list;
}

void FlowMetadataDialog::validate()
{
    QString problem;
    const QString title = m_title->text().trimmed();
    if (title.isEmpty() || title.size() > 128)
        problem = tr("The title needs 1 to 128 characters.");
    else if (m_subtitle->text().size() > 128)
        problem = tr("The subtitle can have at most 128 characters.");
    else if (m_description->toPlainText().size() > 4096)
        problem = tr("The description can have at most 4096 characters.");
    else if (keywords(m_keywords->text()).join(QString()).size() > 1024)
        problem = tr("The keywords can have at most 1024 characters in all.");
    for (const RoleField &role : RoleFields) {
        if (!problem.isEmpty())
            break;
        const QString found =
            Core::Principals::problem(QLatin1StringView(role.field), roleList(QLatin1StringView(role.field)));
        if (!found.isEmpty())
            problem = tr(role.label) + u": "_s + found;
    }
    m_problemText = problem;
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(problem.isEmpty());
}

Core::UpdateFlowOptions FlowMetadataDialog::changes() const
{
    Core::UpdateFlowOptions options;
    if (m_title->text().trimmed() != m_flow.title)
        options.title = m_title->text().trimmed();
    if (m_subtitle->text() != m_flow.subtitle)
        options.subtitle = m_subtitle->text();
    if (m_description->toPlainText() != m_flow.description)
        options.description = m_description->toPlainText();
    if (keywords(m_keywords->text()) != m_flow.keywords)
        options.keywords = keywords(m_keywords->text());
    auto changed = [&](const char *field, std::optional<QStringList> *out) {
        const QStringList list = roleList(QLatin1StringView(field));
        if (list != currentRoles(m_flow, QLatin1StringView(field)))
            *out = list;
    };
    changed("flow_viewers", &options.flowViewers);
    changed("flow_starters", &options.flowStarters);
    changed("flow_administrators", &options.flowAdministrators);
    changed("run_managers", &options.runManagers);
    changed("run_monitors", &options.runMonitors);
    return options;
}

} // namespace Flowdeck::Ui
