// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/schemapanel.h"

#include "core/lang/jsonschema.h"
#include "core/lang/schemacrosscheck.h"
#include "ui/launchform.h"

#include <QFontDatabase>
#include <QGroupBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QStackedWidget>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Flowdeck::Ui {

using namespace Core::Lang;

namespace {

constexpr int RangeStartRole = Qt::UserRole;
constexpr int RangeEndRole = Qt::UserRole + 1;
constexpr int InSchemaRole = Qt::UserRole + 2;

QGroupBox *group(const QString &title, QWidget *content, QWidget *parent)
{
    auto *box = new QGroupBox(title, parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(content);
    return box;
}

} // namespace

SchemaPanel::SchemaPanel(QWidget *parent)
    : QWidget(parent)
    , m_formStack(new QStackedWidget(this))
    , m_form(new LaunchForm(this))
    , m_formMessage(new QLabel(this))
    , m_crossCheck(new QTreeWidget(this))
    , m_example(new QPlainTextEdit(this))
    , m_exampleResult(new QLabel(this))
    , m_exampleTimer(new QTimer(this))
{
    m_formMessage->setWordWrap(true);
    m_formMessage->setAlignment(Qt::AlignCenter);
    m_formStack->addWidget(m_formMessage);
    m_formStack->addWidget(m_form);

    m_crossCheck->setObjectName(u"crossCheck"_s);
    m_crossCheck->setHeaderLabels({tr("Input"), tr("Where")});
    m_crossCheck->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_crossCheck->setRootIsDecorated(true);
    connect(m_crossCheck, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        if (!item->data(0, RangeStartRole).isValid())
            return;
        TextRange range;
        range.start.offset = item->data(0, RangeStartRole).toLongLong();
        range.end.offset = item->data(0, RangeEndRole).toLongLong();
        emit pathActivated(range, item->data(0, InSchemaRole).toBool());
    });

    m_example->setObjectName(u"exampleInput"_s);
    m_example->setPlaceholderText(tr("Paste or type an example input document (JSON) to check it against the schema"));
    m_example->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_exampleResult->setWordWrap(true);
    m_exampleResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_exampleTimer->setSingleShot(true);
    m_exampleTimer->setInterval(250);
    connect(m_example, &QPlainTextEdit::textChanged, m_exampleTimer, qOverload<>(&QTimer::start));
    connect(m_exampleTimer, &QTimer::timeout, this, &SchemaPanel::validateExample);
    auto *example = new QWidget(this);
    auto *exampleLayout = new QVBoxLayout(example);
    exampleLayout->setContentsMargins(0, 0, 0, 0);
    exampleLayout->addWidget(m_example);
    exampleLayout->addWidget(m_exampleResult);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(group(tr("Launch form preview"), m_formStack, split));
    split->addWidget(group(tr("Schema and definition cross-check"), m_crossCheck, split));
    split->addWidget(group(tr("Example input"), example, split));
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setStretchFactor(2, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);
    m_formMessage->setText(tr("No input schema: the flow takes any JSON object."));
}

void SchemaPanel::setAnalysis(const FlowAnalysis &analysis)
{
    const QByteArray text = analysis.inputSchema.text();
    if (text != m_schemaText) {
        m_schemaText = text;
        const QJsonValue schema = analysis.inputSchema.isValid() ? analysis.inputSchema.value() : QJsonValue();
        if (text.trimmed().isEmpty()) {
            m_schema = {};
            m_formMessage->setText(tr("No input schema: the flow takes any JSON object."));
            m_formStack->setCurrentWidget(m_formMessage);
        } else if (!schema.isObject()) {
            m_formMessage->setText(
                tr("The input schema is not valid JSON; the form appears once it is (see Problems)."));
            m_formStack->setCurrentWidget(m_formMessage);
        } else if (schema.toObject() != m_schema) {
            m_schema = schema.toObject();
            m_form->setSchema(m_schema);
            m_formStack->setCurrentWidget(m_form);
        } else {
            m_formStack->setCurrentWidget(m_form); // only the layout of the text changed
        }
        validateExample();
    }
    updateCrossCheck(analysis);
}

void SchemaPanel::updateCrossCheck(const FlowAnalysis &analysis)
{
    m_crossCheck->clear();
    if (!analysis.definition.isValid() || !analysis.inputSchema.isValid()) {
        auto *item = new QTreeWidgetItem(m_crossCheck, {tr("Both texts must be valid JSON to compare them")});
        item->setDisabled(true);
        return;
    }
    const SchemaCrossCheck check = Core::Lang::crossCheck(analysis.definition, analysis.inputSchema);
    const auto section = [this](const QString &title, qsizetype count) {
        auto *item = new QTreeWidgetItem(m_crossCheck, {title.arg(count)});
        item->setExpanded(true);
        item->setFirstColumnSpanned(true);
        return item;
    };
    const auto addReads = [](QTreeWidgetItem *parent, const QList<SchemaRead> &reads) {
        for (const SchemaRead &read : reads) {
            auto *item =
                new QTreeWidgetItem(parent, {read.key, tr("%1 (line %2)").arg(read.path).arg(read.range.start.line)});
            item->setData(0, RangeStartRole, qlonglong(read.range.start.offset));
            item->setData(0, RangeEndRole, qlonglong(read.range.end.offset));
            item->setData(0, InSchemaRole, false);
            item->setToolTip(1, tr("Double-click to see it in the definition"));
        }
    };
    addReads(section(tr("Read by the flow but not declared in the schema (%1)"), check.undeclared.size()),
             check.undeclared);
    addReads(section(tr("Read by the flow but optional, without a default (%1)"), check.notRequired.size()),
             check.notRequired);
    QTreeWidgetItem *unused = section(tr("Declared in the schema but never read (%1)"), check.unused.size());
    for (const QString &key : check.unused) {
        auto *item = new QTreeWidgetItem(unused, {key, tr("input schema")});
        if (const auto range = analysis.inputSchema.keyRange({u"properties"_s, key})) {
            item->setData(0, RangeStartRole, qlonglong(range->start.offset));
            item->setData(0, RangeEndRole, qlonglong(range->end.offset));
            item->setData(0, InSchemaRole, true);
        }
    }
}

void SchemaPanel::setExample(const QString &text)
{
    m_example->setPlainText(text);
    validateExample();
}

QString SchemaPanel::exampleResult() const
{
    return m_exampleResult->text();
}

void SchemaPanel::validateExample()
{
    m_exampleTimer->stop();
    const QByteArray text = m_example->toPlainText().toUtf8();
    if (text.trimmed().isEmpty()) {
        m_exampleResult->clear();
        return;
    }
    const JsonText example = JsonText::parse(text);
    if (!example.isValid()) {
        const JsonTextProblem &problem = example.problems().first();
        m_exampleResult->setText(tr("Not valid JSON: line %1, column %2: %3")
                                     .arg(problem.range.start.line)
                                     .arg(problem.range.start.column)
                                     .arg(problem.message));
        return;
    }
    QString why;
    const auto schema = JsonSchema::compile(m_schema, &why);
    if (!schema) {
        m_exampleResult->setText(tr("The schema cannot be used yet: %1").arg(why));
        return;
    }
    QStringList lines;
    for (const SchemaProblem &problem : schema->validateText(example))
        lines.append(u"%1: %2"_s.arg(pathToString(problem.path), problem.message));
    m_exampleResult->setText(lines.isEmpty()
                                 ? tr("✔ The example is valid input for this flow.")
                                 : tr("✘ %n problem(s):\n", nullptr, int(lines.size())) + lines.join(u'\n'));
}

} // namespace Flowdeck::Ui
