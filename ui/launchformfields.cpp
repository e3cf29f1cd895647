// SPDX-License-Identifier: GPL-3.0-or-later
// The base field editor and the leaf editors of LaunchForm.
#include "ui/launchformfields.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleValidator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QScopedValueRollback>
#include <QStyle>
#include <QVBoxLayout>

#include <cmath>

using namespace Qt::StringLiterals;

namespace Flowdeck::Ui {

namespace {

constexpr int ForeignPreviewChars = 80;
constexpr int FirstEnumEntry = 1; // after the empty "(none)" entry

QString jsonText(const QJsonValue &value, QJsonDocument::JsonFormat format = QJsonDocument::Compact)
{
    if (format == QJsonDocument::Indented && value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(format)).trimmed();
    if (format == QJsonDocument::Indented && value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(format)).trimmed();
    // QJsonDocument only writes containers: wrap the value and cut the brackets off again.
    const QByteArray text = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(text.mid(1, text.size() - 2));
}

// A label with '&' shown as itself (labels with a buddy, group boxes and check boxes read it as a mnemonic).
QString literal(QString text)
{
    return text.replace(u'&', "&&"_L1);
}

void repolish(QWidget *widget)
{
    widget->style()->unpolish(widget);
    widget->style()->polish(widget);
}

bool isWholeNumber(const QJsonValue &value)
{
    return value.isDouble() && double(value.toInteger()) == value.toDouble();
}

// Whole numbers within the schema's bounds. Typing past a bound that more digits cannot bring back is
// refused; "0" with a minimum of 1 may still become "10", so it stays Intermediate (and is reported).
class IntegerValidator final : public QValidator
{
public:
    IntegerValidator(std::optional<double> minimum, std::optional<double> maximum, QObject *parent)
        : QValidator(parent)
        , m_minimum(minimum)
        , m_maximum(maximum)
    {}

    State validate(QString &input, int &) const override
    {
        static const QRegularExpression shape(u"^-?[0-9]*$"_s);
        if (!shape.match(input).hasMatch())
            return Invalid;
        bool ok = false;
        const qint64 number = input.toLongLong(&ok);
        if (!ok)
            return input.size() <= 1 ? Intermediate : Invalid; // "" or "-"; else too many digits
        if ((m_maximum && number > *m_maximum && number > 0) || (m_minimum && number < *m_minimum && number < 0))
            return Invalid;
        if ((m_minimum && number < *m_minimum) || (m_maximum && number > *m_maximum))
            return Intermediate;
        return Acceptable;
    }

private:
    std::optional<double> m_minimum;
    std::optional<double> m_maximum;
};

QString placeholderFor(const FormField &field)
{
    if (field.format == "uuid"_L1)
        return u"00000000-0000-0000-0000-000000000000"_s;
    if (field.format == "email"_L1)
        return u"name@example.org"_s;
    if (field.format == "date-time"_L1)
        return u"2024-01-31T13:45:00Z"_s;
    if (field.format == "date"_L1)
        return u"2024-01-31"_s;
    if (field.type == FormField::Type::Integer)
        return FieldEditor::tr("A whole number");
    if (field.type == FormField::Type::Number)
        return FieldEditor::tr("A number");
    return {};
}

QJsonValue numberValue(const QString &text)
{
    static const QRegularExpression whole(u"^-?[0-9]+$"_s);
    bool ok = false;
    if (whole.match(text).hasMatch()) {
        const qint64 number = text.toLongLong(&ok);
        if (ok)
            return number;
    }
    const double number = QLocale::c().toDouble(text, &ok);
    return ok ? QJsonValue(number) : QJsonValue(text); // not a number: the schema check reports the type
}

std::optional<QJsonValue> parseJson(const QString &text)
{
    QJsonParseError error;
    // Wrapped so that scalars parse too; "1, 2" gives two elements and is refused.
    const QJsonDocument document = QJsonDocument::fromJson(u"[%1]"_s.arg(text).toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || document.array().size() != 1)
        return std::nullopt;
    return document.array().at(0);
}

} // namespace

QString childPath(const QString &parent, const QString &key)
{
    static const QRegularExpression identifier(u"^[A-Za-z_][A-Za-z0-9_]*$"_s);
    if (identifier.match(key).hasMatch())
        return parent + u'.' + key;
    QString escaped = key;
    escaped.replace(u"\\"_s, u"\\\\"_s).replace(u"'"_s, u"\\'"_s);
    return parent + "['"_L1 + escaped + "']"_L1;
}

QString itemPath(const QString &parent, qsizetype index)
{
    return parent + u'[' + QString::number(index) + u']';
}

FieldEditor *FieldEditor::create(const FormField &field, const QString &path, Look look)
{
    using Type = FormField::Type;
    if (field.type == Type::Choice)
        return new ChoiceFieldEditor(field, path, look);
    if (!field.enumValues.isEmpty())
        return new EnumFieldEditor(field, path, look);
    switch (field.type) {
    case Type::Object:
        return new ObjectFieldEditor(field, path, look);
    case Type::Array:
        return new ArrayFieldEditor(field, path, look);
    case Type::String:
    case Type::Number:
    case Type::Integer:
        return new TextFieldEditor(field, path, look);
    case Type::Boolean:
        return new CheckFieldEditor(field, path, look);
    case Type::Null:
    case Type::Any:
    case Type::Choice:
        break;
    }
    return new JsonFieldEditor(field, path, look);
}

FieldEditor::FieldEditor(const FormField &field, const QString &path, Look look)
    : m_field(field)
    , m_path(path)
    , m_look(look)
    , m_row(new QWidget)
    , m_layout(new QVBoxLayout(m_row))
    , m_note(new QLabel(m_row))
    , m_error(new QLabel(m_row))
{
    setParent(m_row); // deleting the row deletes its editor object too
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(2);
    m_note->setWordWrap(true);
    m_note->setProperty("flowdeckRole", u"help"_s);
    m_note->hide();
    m_error->setWordWrap(true);
    m_error->setProperty("flowdeckRole", u"error"_s);
    m_error->hide();
}

FieldEditor::~FieldEditor() = default;

void FieldEditor::place(QWidget *editor, bool withTitle)
{
    m_editor = editor;
    editor->setObjectName(m_path);
    if (withTitle && m_look == Look::Titled) {
        m_title = new QLabel(m_row);
        m_title->setBuddy(editor);
        m_layout->addWidget(m_title);
    }
    m_layout->addWidget(editor);
    if (!m_field.description.isEmpty()) {
        auto *help = new QLabel(m_field.description, m_row);
        help->setWordWrap(true);
        help->setProperty("flowdeckRole", u"help"_s);
        m_layout->addWidget(help);
        editor->setToolTip(m_field.description);
        editor->setAccessibleDescription(m_field.description);
    }
    m_layout->addWidget(m_note);
    m_layout->addWidget(m_error);
    m_error->setObjectName(m_path + ":error"_L1);
    setTitle(m_field.title, {});
}

void FieldEditor::adopt(FieldEditor *child)
{
    connect(child, &FieldEditor::edited, this, [this](FieldEditor *source) { userEdited(source); });
}

void FieldEditor::setPath(const QString &path)
{
    m_path = path;
    m_editor->setObjectName(path);
    m_error->setObjectName(path + ":error"_L1);
}

void FieldEditor::setTitle(const QString &title, const QString &accessibleTitle)
{
    m_field.title = title;
    const QString spoken = accessibleTitle.isEmpty() ? title : accessibleTitle;
    m_editor->setAccessibleName(m_field.required ? tr("%1 (required)").arg(spoken) : spoken);
    if (m_title)
        m_title->setText(literal(titleText()));
    titleChanged();
}

QString FieldEditor::titleText() const
{
    return m_field.required ? m_field.title + " *"_L1 : m_field.title;
}

std::optional<QJsonValue> FieldEditor::value() const
{
    if (!m_foreign.isUndefined())
        return m_foreign;
    return current();
}

void FieldEditor::setValue(const QJsonValue &value)
{
    const QScopedValueRollback loading(m_loading, true);
    m_foreign = QJsonValue::Undefined;
    m_touched = false;
    if (!load(value)) {
        reset();
        m_foreign = value;
    }
    showForeign();
}

void FieldEditor::clear()
{
    const QScopedValueRollback loading(m_loading, true);
    m_foreign = QJsonValue::Undefined;
    m_touched = false;
    reset();
    showForeign();
}

void FieldEditor::applyDefault()
{
    const QScopedValueRollback loading(m_loading, true);
    m_foreign = QJsonValue::Undefined;
    loadDefault();
    showForeign();
}

void FieldEditor::loadDefault()
{
    if (m_field.defaultValue.isUndefined())
        return;
    if (!load(m_field.defaultValue)) {
        reset();
        m_foreign = m_field.defaultValue;
    }
}

void FieldEditor::userEdited(FieldEditor *source)
{
    if (m_loading)
        return;
    m_touched = true;
    if (!m_foreign.isUndefined()) { // the user's edit replaces the value the field could not show
        m_foreign = QJsonValue::Undefined;
        showForeign();
    }
    emit edited(source);
}

void FieldEditor::showForeign()
{
    m_note->setVisible(!m_foreign.isUndefined());
    if (m_foreign.isUndefined())
        return;
    QString shown = jsonText(m_foreign);
    if (shown.size() > ForeignPreviewChars)
        shown = shown.left(ForeignPreviewChars) + u'…';
    m_note->setText(tr("The document has %1 here, which this field cannot show; it is kept unless you edit the "
                       "field.")
                        .arg(shown));
}

void FieldEditor::collectFocus(QWidgetList *out) const
{
    if (m_editor->focusPolicy() & Qt::TabFocus)
        out->append(m_editor);
}

void FieldEditor::setErrors(const QStringList &messages)
{
    m_errors = messages;
    m_error->setText(messages.join(u'\n'));
    m_error->setVisible(!messages.isEmpty());
    const bool invalid = !messages.isEmpty();
    if (m_editor->property("flowdeckInvalid").toBool() == invalid)
        return;
    m_editor->setProperty("flowdeckInvalid", invalid);
    repolish(m_editor); // the form's style sheet draws the red frame from this property
}

TextFieldEditor::TextFieldEditor(const FormField &field, const QString &path, Look look)
    : FieldEditor(field, path, look)
    , m_edit(new QLineEdit)
{
    if (field.type == FormField::Type::Integer) {
        m_edit->setValidator(new IntegerValidator(field.minimum, field.maximum, m_edit));
    } else if (field.type == FormField::Type::Number) {
        auto *validator = new QDoubleValidator(m_edit);
        QLocale c = QLocale::c(); // JSON numbers: a '.' and no grouping, whatever the user's locale
        c.setNumberOptions(QLocale::RejectGroupSeparator);
        validator->setLocale(c);
        validator->setNotation(QDoubleValidator::ScientificNotation);
        m_edit->setValidator(validator);
    }
    m_edit->setPlaceholderText(placeholderFor(field));
    place(m_edit, true);
    connect(m_edit, &QLineEdit::textChanged, this, [this] {
        if (isLoading())
            return;
        m_explicitEmpty = false;
        userEdited();
    });
}

QJsonValue TextFieldEditor::placeholder() const
{
    return field().type == FormField::Type::String ? QJsonValue(QString()) : QJsonValue(QJsonValue::Undefined);
}

std::optional<QJsonValue> TextFieldEditor::current() const
{
    const QString text = m_edit->text();
    if (text.isEmpty())
        return m_explicitEmpty ? std::optional<QJsonValue>(QString()) : std::nullopt;
    switch (field().type) {
    case FormField::Type::Integer:
    case FormField::Type::Number:
        return numberValue(text);
    default:
        return text;
    }
}

bool TextFieldEditor::load(const QJsonValue &value)
{
    switch (field().type) {
    case FormField::Type::Integer:
        if (!isWholeNumber(value))
            return false;
        m_edit->setText(QString::number(value.toInteger()));
        return true;
    case FormField::Type::Number:
        if (!value.isDouble())
            return false;
        m_edit->setText(jsonText(value));
        return true;
    default:
        if (!value.isString())
            return false;
        m_edit->setText(value.toString());
        m_explicitEmpty = value.toString().isEmpty();
        return true;
    }
}

void TextFieldEditor::reset()
{
    m_edit->clear();
    m_explicitEmpty = false;
}

QString TextFieldEditor::localProblem() const
{
    static const QRegularExpression uuid(
        u"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"_s);
    static const QRegularExpression email(u"^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"_s);
    const QString text = m_edit->text();
    if (text.isEmpty())
        return {};
    const QJsonValue number = numberValue(text);
    if (field().type == FormField::Type::Integer && !isWholeNumber(number))
        return tr("Not a whole number");
    if (field().type == FormField::Type::Number && !number.isDouble())
        return tr("Not a number");
    if (field().format == "uuid"_L1 && !uuid.match(text).hasMatch())
        return tr("Not a UUID (like 00000000-0000-0000-0000-000000000000)");
    if (field().format == "email"_L1 && !email.match(text).hasMatch())
        return tr("Not an e-mail address");
    return {}; // date-time and the rest: the schema check knows them
}

CheckFieldEditor::CheckFieldEditor(const FormField &field, const QString &path, Look look)
    : FieldEditor(field, path, look)
    , m_box(new QCheckBox)
{
    place(m_box, false);
    connect(m_box, &QCheckBox::toggled, this, [this] {
        if (isLoading())
            return;
        m_set = true;
        userEdited();
    });
}

// A required check box always has an answer: unticked is false.
std::optional<QJsonValue> CheckFieldEditor::current() const
{
    if (m_set || field().required)
        return m_box->isChecked();
    return std::nullopt;
}

bool CheckFieldEditor::load(const QJsonValue &value)
{
    if (!value.isBool())
        return false;
    m_box->setChecked(value.toBool());
    m_set = true;
    return true;
}

void CheckFieldEditor::reset()
{
    m_box->setChecked(false);
    m_set = false;
}

void CheckFieldEditor::titleChanged()
{
    m_box->setText(literal(titleText()));
}

EnumFieldEditor::EnumFieldEditor(const FormField &field, const QString &path, Look look)
    : FieldEditor(field, path, look)
    , m_combo(new QComboBox)
{
    // The empty first entry is what "not filled" looks like (and what clear() shows).
    m_combo->addItem(field.required ? tr("(choose one)") : tr("(none)"));
    for (qsizetype i = 0; i < field.enumValues.size(); ++i)
        m_combo->addItem(field.enumTitles.value(i, jsonText(field.enumValues.at(i))));
    place(m_combo, true);
    connect(m_combo, &QComboBox::currentIndexChanged, this, [this] { userEdited(); });
}

std::optional<QJsonValue> EnumFieldEditor::current() const
{
    const int index = m_combo->currentIndex() - FirstEnumEntry;
    if (index < 0)
        return std::nullopt;
    return field().enumValues.at(index);
}

bool EnumFieldEditor::load(const QJsonValue &value)
{
    for (qsizetype i = 0; i < field().enumValues.size(); ++i) {
        if (field().enumValues.at(i) == value) {
            m_combo->setCurrentIndex(int(i) + FirstEnumEntry);
            return true;
        }
    }
    return false;
}

void EnumFieldEditor::reset()
{
    m_combo->setCurrentIndex(0);
}

JsonFieldEditor::JsonFieldEditor(const FormField &field, const QString &path, Look look)
    : FieldEditor(field, path, look)
    , m_text(new QPlainTextEdit)
{
    m_text->setTabChangesFocus(true); // Tab moves on, as in every other field
    m_text->setPlaceholderText(tr("JSON, e.g. {\"key\": 1}"));
    m_text->setFixedHeight(m_text->fontMetrics().lineSpacing() * 4 + 2 * m_text->frameWidth() + 8);
    place(m_text, true);
    connect(m_text, &QPlainTextEdit::textChanged, this, [this] { userEdited(); });
}

std::optional<QJsonValue> JsonFieldEditor::current() const
{
    const QString text = m_text->toPlainText();
    if (text.trimmed().isEmpty())
        return std::nullopt;
    return parseJson(text); // invalid text counts as unfilled; localProblem() says why
}

bool JsonFieldEditor::load(const QJsonValue &value)
{
    m_text->setPlainText(jsonText(value, QJsonDocument::Indented));
    return true;
}

void JsonFieldEditor::reset()
{
    m_text->clear();
}

QString JsonFieldEditor::localProblem() const
{
    const QString text = m_text->toPlainText();
    if (text.trimmed().isEmpty() || parseJson(text))
        return {};
    return tr("Not valid JSON");
}

} // namespace Flowdeck::Ui
