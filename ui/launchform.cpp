// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/launchform.h"

#include "core/lang/formdescription.h"
#include "core/lang/jsonpath.h"
#include "ui/launchformfields.h"

#include <QHash>
#include <QJsonArray>
#include <QLabel>
#include <QRegularExpression>
#include <QTimer>
#include <QVBoxLayout>

#include <functional>

using namespace Qt::StringLiterals;

namespace Flowdeck::Ui {

namespace {

// One sheet for the whole form: editors flagged invalid get a red frame, error texts are red and help
// texts take the theme's muted colour.
constexpr auto StyleSheet = "*[flowdeckInvalid=\"true\"] { border: 1px solid #d32f2f; border-radius: 2px; }\n"
                            "QLabel[flowdeckRole=\"error\"] { color: #d32f2f; }\n"
                            "QLabel[flowdeckRole=\"help\"] { color: palette(mid); }\n";

// path lies in (or is) the field at prefix: "$.a[1]" is within "$.a", "$.ab" is not.
bool isWithin(const QString &path, const QString &prefix)
{
    if (path == prefix)
        return true;
    return path.startsWith(prefix) && path.size() > prefix.size() &&
           (path.at(prefix.size()) == u'.' || path.at(prefix.size()) == u'[');
}

// The deepest editor whose path is path or an ancestor of it (a oneOf branch beats its selector).
FieldEditor *deepestWithin(FieldEditor *editor, const QString &path)
{
    for (FieldEditor *child : editor->children())
        if (isWithin(path, child->path()))
            return deepestWithin(child, path);
    return editor;
}

void forEachEditor(FieldEditor *editor, const std::function<void(FieldEditor *)> &visit)
{
    visit(editor);
    for (FieldEditor *child : editor->children())
        forEachEditor(child, visit);
}

QString requiredMessage()
{
    return LaunchForm::tr("This field is required");
}

// What the widgets know: unparsable text, and required fields left empty inside filled-in objects.
void collectWidgetProblems(const FieldEditor *editor, bool filled, QList<FieldError> *errors)
{
    const QString problem = editor->localProblem();
    if (!problem.isEmpty())
        errors->append({editor->path(), problem});
    for (const FieldEditor *child : editor->children()) {
        const bool childFilled = child->value().has_value();
        if (filled && !childFilled && child->field().required && child->localProblem().isEmpty())
            errors->append({child->path(), requiredMessage()});
        collectWidgetProblems(child, filled && childFilled, errors);
    }
}

QString pathFromSteps(const QJsonArray &steps)
{
    QString path = u"$"_s;
    for (const QJsonValue &step : steps)
        path = step.isDouble() ? itemPath(path, step.toInteger()) : childPath(path, step.toString());
    return path;
}

// valijson reports a missing member on its object; the form shows it on the member's own field.
FieldError fromProblem(const Core::Lang::SchemaProblem &problem)
{
    static const QRegularExpression missing(u"^Missing required property '(.*)'\\.?$"_s);
    const QString path = pathFromSteps(problem.path);
    const QRegularExpressionMatch match = missing.match(problem.message);
    if (match.hasMatch())
        return {childPath(path, match.captured(1)), requiredMessage()};
    return {path, problem.message};
}

// RFC 6901: "/a~1b/0" is the member "a/b", then index 0 (all-digit steps are read as indexes).
QString fromPointer(const QString &pointer)
{
    static const QRegularExpression index(u"^(0|[1-9][0-9]*)$"_s);
    QString path = u"$"_s;
    if (pointer.isEmpty())
        return path;
    const QStringList steps = pointer.mid(1).split(u'/');
    for (QString step : steps) {
        step.replace(u"~1"_s, u"/"_s).replace(u"~0"_s, u"~"_s);
        path = index.match(step).hasMatch() ? itemPath(path, step.toLongLong()) : childPath(path, step);
    }
    return path;
}

} // namespace

LaunchForm::LaunchForm(QWidget *parent)
    : QScrollArea(parent)
    , m_content(new QWidget)
    , m_layout(new QVBoxLayout(m_content))
    , m_formErrors(new QLabel)
    , m_validationTimer(new QTimer(this))
{
    setWidgetResizable(true);
    m_content->setStyleSheet(QString::fromUtf8(StyleSheet));
    m_formErrors->setObjectName(u"formErrors"_s);
    m_formErrors->setProperty("flowdeckRole", u"error"_s);
    m_formErrors->setWordWrap(true);
    m_formErrors->setTextFormat(Qt::PlainText);
    m_formErrors->hide();
    m_layout->addWidget(m_formErrors);
    m_layout->addStretch(1);
    setWidget(m_content);
    m_validationTimer->setSingleShot(true);
    m_validationTimer->setInterval(ValidationDelayMs);
    connect(m_validationTimer, &QTimer::timeout, this, &LaunchForm::runLiveValidation);
}

LaunchForm::~LaunchForm() = default;

void LaunchForm::setSchema(const QJsonObject &schema)
{
    m_validationTimer->stop();
    m_schema = schema;
    m_schemaError.clear();
    m_compiled = Core::Lang::JsonSchema::compile(schema, &m_schemaError);
    if (m_root) { // with its row go all editors; later, in case a signal of one of them brought us here
        m_root->row()->hide();
        m_root->row()->setParent(nullptr);
        m_root->row()->deleteLater();
    }
    Core::Lang::FormField root = Core::Lang::describeForm(schema);
    if (root.title.isEmpty())
        root.title = tr("Input");
    m_root = FieldEditor::create(root, u"$"_s, FieldEditor::Look::Bare);
    m_layout->insertWidget(1, m_root->row());
    m_root->row()->show();
    connect(m_root, &FieldEditor::edited, this, &LaunchForm::onEdited);
    m_root->applyDefault();
    m_serverErrors.clear();
    m_localErrors.clear();
    m_revealAll = false;
    showErrors();
}

QJsonObject LaunchForm::document() const
{
    if (!m_root)
        return {};
    return m_root->value().value_or(m_root->placeholder()).toObject();
}

void LaunchForm::setDocument(const QJsonObject &document)
{
    if (!m_root)
        return;
    m_validationTimer->stop();
    m_root->setValue(document);
    m_localErrors.clear();
    m_revealAll = false;
    showErrors();
}

void LaunchForm::onEdited(FieldEditor *source)
{
    // A service error about the field just edited no longer describes it.
    const QString path = source->path();
    const auto stale = [&path](const FieldError &error) { return isWithin(error.path, path); };
    if (m_serverErrors.removeIf(stale) > 0)
        showErrors();
    m_validationTimer->start();
    emit documentChanged();
}

void LaunchForm::runLiveValidation()
{
    m_localErrors = validateLocally();
    showErrors();
    emit validated(m_localErrors.size());
}

QList<FieldError> LaunchForm::validateLocally() const
{
    QList<FieldError> errors;
    if (!m_root)
        return errors;
    collectWidgetProblems(m_root, true, &errors);
    // The widgets' messages are the more precise ones (an empty required "" also fails minLength).
    QStringList placed;
    for (const FieldError &error : std::as_const(errors))
        placed.append(error.path);
    if (!m_compiled)
        return errors;
    for (const Core::Lang::SchemaProblem &problem : m_compiled->validate(document())) {
        const FieldError error = fromProblem(problem);
        if (!placed.contains(error.path) && !errors.contains(error))
            errors.append(error);
    }
    return errors;
}

QList<FieldError> LaunchForm::revealErrors()
{
    m_validationTimer->stop();
    m_revealAll = true;
    m_localErrors = validateLocally();
    showErrors();
    focusFirstError();
    emit validated(m_localErrors.size());
    return m_localErrors;
}

void LaunchForm::setErrors(const QList<FieldError> &errors)
{
    m_serverErrors.clear();
    for (const FieldError &error : errors)
        m_serverErrors.append({canonicalPath(error.path), error.message});
    showErrors();
}

// Each error goes to its field; inside a raw-JSON field it goes there with the rest of its path;
// anything else (the root, members the form has no field for) above the form.
void LaunchForm::showErrors()
{
    if (!m_root)
        return;
    QHash<FieldEditor *, QStringList> onFields;
    m_formErrorLines.clear();
    if (!m_schemaError.isEmpty())
        m_formErrorLines.append(m_schemaError);
    const auto place = [&](const FieldError &error, bool touchedOnly) {
        FieldEditor *editor = deepestWithin(m_root, error.path);
        if (touchedOnly && !editor->isTouched())
            return;
        if (editor == m_root && error.path == m_root->path())
            m_formErrorLines.append(error.message);
        else if (editor != m_root && editor->path() == error.path)
            onFields[editor].append(error.message);
        else if (editor != m_root && !editor->isContainer())
            onFields[editor].append(u"$"_s + error.path.mid(editor->path().size()) + u": "_s + error.message);
        else
            m_formErrorLines.append(error.path + u": "_s + error.message);
    };
    for (const FieldError &error : std::as_const(m_serverErrors))
        place(error, false);
    for (const FieldError &error : std::as_const(m_localErrors))
        place(error, !m_revealAll);
    forEachEditor(m_root, [&onFields](FieldEditor *editor) { editor->setErrors(onFields.value(editor)); });
    m_formErrors->setText(m_formErrorLines.join(u'\n'));
    m_formErrors->setVisible(!m_formErrorLines.isEmpty());
}

void LaunchForm::focusFirstError()
{
    if (!m_root)
        return;
    FieldEditor *first = nullptr;
    forEachEditor(m_root, [&first](FieldEditor *editor) {
        if (!first && !editor->errors().isEmpty())
            first = editor;
    });
    QWidgetList focusable;
    if (first)
        first->collectFocus(&focusable);
    if (focusable.isEmpty())
        return;
    focusable.first()->setFocus(Qt::OtherFocusReason);
    ensureWidgetVisible(focusable.first());
}

FieldEditor *LaunchForm::editorAt(const QString &canonical) const
{
    if (!m_root)
        return nullptr;
    FieldEditor *editor = deepestWithin(m_root, canonical);
    return editor->path() == canonical ? editor : nullptr;
}

QWidget *LaunchForm::fieldWidget(const QString &path) const
{
    const FieldEditor *editor = editorAt(canonicalPath(path));
    return editor ? editor->editor() : nullptr;
}

QStringList LaunchForm::errorsAt(const QString &path) const
{
    const FieldEditor *editor = editorAt(canonicalPath(path));
    return editor ? editor->errors() : QStringList();
}

QStringList LaunchForm::formErrors() const
{
    return m_formErrorLines;
}

QStringList LaunchForm::errorTexts() const
{
    QStringList texts = m_formErrorLines;
    if (m_root) {
        forEachEditor(m_root, [&texts](FieldEditor *editor) {
            for (const QString &message : editor->errors())
                texts.append(editor->path() + u": "_s + message);
        });
    }
    return texts;
}

// Array item buttons come after their item, Add last. (QWidget::setTabOrder cannot be used: rows are
// created inside out and moved around, and it reorders runs of children along with each widget.)
bool LaunchForm::focusNextPrevChild(bool next)
{
    QWidgetList chain;
    if (m_root)
        m_root->collectFocus(&chain);
    chain.removeIf([](const QWidget *widget) { return !widget->isEnabled() || !widget->isVisible(); });
    const qsizetype at = chain.indexOf(focusWidget());
    const qsizetype to = at + (next ? 1 : -1);
    if (at < 0 || to < 0 || to >= chain.size())
        return QScrollArea::focusNextPrevChild(next); // into or out of the form
    chain.at(to)->setFocus(next ? Qt::TabFocusReason : Qt::BacktabFocusReason);
    ensureWidgetVisible(chain.at(to));
    return true;
}

QString LaunchForm::canonicalPath(const QString &jsonPathOrPointer)
{
    if (jsonPathOrPointer.isEmpty() || jsonPathOrPointer.startsWith(u'/'))
        return fromPointer(jsonPathOrPointer);
    const QString text = jsonPathOrPointer.startsWith(u'$') ? jsonPathOrPointer : "$."_L1 + jsonPathOrPointer;
    const auto parsed = Core::Lang::JsonPath::parse(text);
    if (!parsed || parsed->hasWildcard())
        return jsonPathOrPointer;
    QString path = u"$"_s;
    for (const Core::Lang::JsonPath::Step &step : parsed->steps()) {
        if (const auto *key = std::get_if<QString>(&step))
            path = childPath(path, *key);
        else
            path = itemPath(path, std::get<qsizetype>(step));
    }
    return path;
}

QString LaunchForm::pathFromLoc(const QJsonValue &loc)
{
    if (loc.isString())
        return canonicalPath(loc.toString());
    QString path = u"$"_s;
    for (const QJsonValue &step : loc.toArray()) {
        const QString text = step.toString();
        if (step.isDouble())
            path = itemPath(path, step.toInteger());
        else if (text.startsWith(u'$')) // "$" itself, or a whole path such as "$.bool"
            path += canonicalPath(text).mid(1);
        else
            path = childPath(path, text);
    }
    return path;
}

QList<FieldError> LaunchForm::errorsFromDetail(const QJsonArray &detail)
{
    QList<FieldError> errors;
    for (const QJsonValue &entry : detail) {
        const QJsonObject object = entry.toObject();
        errors.append({pathFromLoc(object.value("loc"_L1)), object.value("msg"_L1).toString()});
    }
    return errors;
}

} // namespace Flowdeck::Ui
