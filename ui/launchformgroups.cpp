// SPDX-License-Identifier: GPL-3.0-or-later
// The editors of LaunchForm that hold other editors: objects, arrays and oneOf/anyOf choices.
#include "ui/launchformfields.h"

#include <QComboBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonObject>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Flowdeck::Ui {

namespace {

QString literal(QString text)
{
    return text.replace(u'&', "&&"_L1);
}

// The web app's collection picker: an object with a UUID "id" and a "path", shown with fixed titles
// (and created when the schema leaves the properties out).
QList<FormField> collectionFields(const FormField &field)
{
    QList<FormField> fields = field.properties;
    const auto ensure = [&fields](const QString &key, const QString &title, const QString &format) {
        const auto it = std::find_if(fields.begin(), fields.end(), [&key](const FormField &f) { return f.key == key; });
        if (it != fields.end()) {
            if (it->title == key)
                it->title = title;
            return;
        }
        FormField added;
        added.type = FormField::Type::String;
        added.key = key;
        added.title = title;
        added.format = format;
        fields.append(added);
    };
    ensure(u"id"_s, FieldEditor::tr("Collection id"), u"uuid"_s);
    ensure(u"path"_s, FieldEditor::tr("Path"), {});
    return fields;
}

int objectScore(const FormField &field, const QJsonValue &value);

// How well value fits a branch: negative when it cannot be that branch at all.
int matchScore(const FormField &field, const QJsonValue &value)
{
    using Type = FormField::Type;
    if (!field.enumValues.isEmpty())
        return field.enumValues.contains(value) ? 100 : -1;
    switch (field.type) {
    case Type::String:
        return value.isString() ? 10 : -1;
    case Type::Integer:
        return value.isDouble() && double(value.toInteger()) == value.toDouble() ? 11 : -1;
    case Type::Number:
        return value.isDouble() ? 10 : -1;
    case Type::Boolean:
        return value.isBool() ? 10 : -1;
    case Type::Null:
        return value.isNull() ? 10 : -1;
    case Type::Array:
        return value.isArray() ? 10 : -1;
    case Type::Any:
        return 0;
    case Type::Choice: {
        int best = -1;
        for (const FormField &alternative : field.alternatives)
            best = std::max(best, matchScore(alternative, value));
        return best;
    }
    case Type::Object:
        break;
    }
    return objectScore(field, value);
}

// Objects: members the branch knows (especially const discriminators) count; strangers and gaps cost.
int objectScore(const FormField &field, const QJsonValue &value)
{
    if (!value.isObject())
        return -1;
    const QJsonObject object = value.toObject();
    int score = 10;
    for (const FormField &property : field.properties) {
        if (object.contains(property.key))
            score += matchScore(property, object.value(property.key)) >= 0
                         ? 3 + (property.enumValues.size() == 1 ? 20 : 0)
                         : -5;
        else if (property.required)
            score -= 3;
    }
    for (auto it = object.begin(); it != object.end(); ++it)
        if (std::none_of(field.properties.begin(), field.properties.end(),
                         [&it](const FormField &p) { return p.key == it.key(); }))
            --score;
    return std::max(score, 0);
}

QToolButton *itemButton(const QString &text, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setText(text);
    button->setFocusPolicy(Qt::TabFocus); // keyboard users reach every item action
    return button;
}

void releaseRow(QWidget *row)
{
    // Hidden and detached at once (so its names are gone from the form), deleted once any signal
    // that is still running from one of its buttons has returned.
    row->hide();
    row->setParent(nullptr);
    row->deleteLater();
}

} // namespace

ObjectFieldEditor::ObjectFieldEditor(const FormField &field, const QString &path, Look look)
    : FieldEditor(field, path, look)
{
    QWidget *container = look == Look::Bare ? new QWidget : (m_box = new QGroupBox);
    auto *layout = new QVBoxLayout(container);
    if (look == Look::Bare)
        layout->setContentsMargins(0, 0, 0, 0);
    const bool collection = field.format == "globus-collection"_L1;
    for (const FormField &property : collection ? collectionFields(field) : field.properties) {
        FieldEditor *child = create(property, childPath(path, property.key));
        layout->addWidget(child->row());
        adopt(child);
        m_children.append(child);
    }
    place(container, false);
}

std::optional<QJsonValue> ObjectFieldEditor::current() const
{
    QJsonObject object = m_extras;
    bool filled = m_present || !m_extras.isEmpty();
    for (const FieldEditor *child : m_children) {
        if (const auto value = child->value()) {
            object.insert(child->field().key, *value);
            filled = true;
        }
    }
    if (!filled)
        return std::nullopt;
    fillRequired(&object);
    return object;
}

QJsonValue ObjectFieldEditor::placeholder() const
{
    QJsonObject object;
    fillRequired(&object);
    return object;
}

void ObjectFieldEditor::fillRequired(QJsonObject *object) const
{
    for (const FieldEditor *child : m_children) {
        if (!child->field().required || object->contains(child->field().key))
            continue;
        const QJsonValue empty = child->placeholder();
        if (!empty.isUndefined())
            object->insert(child->field().key, empty);
    }
}

bool ObjectFieldEditor::load(const QJsonValue &value)
{
    if (!value.isObject())
        return false;
    QJsonObject rest = value.toObject();
    for (FieldEditor *child : std::as_const(m_children)) {
        const QString &key = child->field().key;
        if (rest.contains(key))
            child->setValue(rest.take(key));
        else
            child->clear();
    }
    m_extras = rest;
    m_present = true;
    return true;
}

void ObjectFieldEditor::reset()
{
    for (FieldEditor *child : std::as_const(m_children))
        child->clear();
    m_extras = {};
    m_present = false;
}

// The children's own defaults first; an object default then overrides the members it names.
void ObjectFieldEditor::loadDefault()
{
    for (FieldEditor *child : std::as_const(m_children))
        child->applyDefault();
    m_extras = {};
    m_present = field().defaultValue.isObject();
    QJsonObject rest = field().defaultValue.toObject();
    for (FieldEditor *child : std::as_const(m_children))
        if (rest.contains(child->field().key))
            child->setValue(rest.take(child->field().key));
    m_extras = rest;
}

void ObjectFieldEditor::setPath(const QString &path)
{
    FieldEditor::setPath(path);
    for (FieldEditor *child : std::as_const(m_children))
        child->setPath(childPath(path, child->field().key));
}

void ObjectFieldEditor::collectFocus(QWidgetList *out) const
{
    for (const FieldEditor *child : m_children)
        child->collectFocus(out);
}

void ObjectFieldEditor::titleChanged()
{
    if (m_box)
        m_box->setTitle(literal(titleText()));
}

ArrayFieldEditor::ArrayFieldEditor(const FormField &field, const QString &path, Look look)
    : FieldEditor(field, path, look)
    , m_box(new QGroupBox)
    , m_itemsLayout(new QVBoxLayout)
    , m_add(new QPushButton(tr("Add")))
{
    auto *layout = new QVBoxLayout(m_box);
    layout->addLayout(m_itemsLayout);
    layout->addWidget(m_add, 0, Qt::AlignLeft);
    place(m_box, false);
    m_add->setObjectName(path + ":add"_L1);
    connect(m_add, &QPushButton::clicked, this, [this] {
        FieldEditor *item = addItem();
        item->applyDefault();
        renumber();
        userEdited();
        item->editor()->setFocus();
    });
}

FieldEditor *ArrayFieldEditor::addItem()
{
    FormField itemField = field().items ? *field().items : FormField();
    itemField.required = false;
    FieldEditor *editor = create(itemField, itemPath(path(), m_items.size()));
    auto *row = new QWidget;
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(editor->row(), 1);
    const Item item{editor, row, itemButton(u"↑"_s, row), itemButton(u"↓"_s, row), itemButton(u"✕"_s, row)};
    for (QToolButton *button : {item.up, item.down, item.remove})
        layout->addWidget(button, 0, Qt::AlignTop);
    m_itemsLayout->addWidget(row);
    row->show(); // now, not from the event loop: the form is complete as soon as this returns
    adopt(editor);
    connect(item.up, &QToolButton::clicked, this, [this, editor] { moveItem(editor, -1); });
    connect(item.down, &QToolButton::clicked, this, [this, editor] { moveItem(editor, 1); });
    connect(item.remove, &QToolButton::clicked, this, [this, editor] { removeItem(editor); });
    m_items.append(item);
    return editor;
}

qsizetype ArrayFieldEditor::indexOf(const FieldEditor *editor) const
{
    for (qsizetype i = 0; i < m_items.size(); ++i)
        if (m_items.at(i).editor == editor)
            return i;
    return -1;
}

void ArrayFieldEditor::removeItem(FieldEditor *editor)
{
    const qsizetype index = indexOf(editor);
    if (index < 0)
        return;
    const Item item = m_items.takeAt(index);
    m_itemsLayout->removeWidget(item.row);
    releaseRow(item.row);
    renumber();
    userEdited();
    // Keep the keyboard user where they were: the next item's Remove, else Add.
    (index < m_items.size() ? static_cast<QWidget *>(m_items.at(index).remove) : m_add)->setFocus();
}

void ArrayFieldEditor::moveItem(FieldEditor *editor, int by)
{
    const qsizetype from = indexOf(editor);
    const qsizetype to = from + by;
    if (from < 0 || to < 0 || to >= m_items.size())
        return;
    m_items.move(from, to);
    for (const Item &item : std::as_const(m_items))
        m_itemsLayout->removeWidget(item.row);
    for (const Item &item : std::as_const(m_items))
        m_itemsLayout->addWidget(item.row);
    renumber();
    userEdited();
}

// Paths, titles and button states follow the position.
void ArrayFieldEditor::renumber()
{
    const QString title = field().title;
    for (qsizetype i = 0; i < m_items.size(); ++i) {
        const Item &item = m_items.at(i);
        const QString at = itemPath(path(), i);
        const QString spoken = tr("%1, item %2").arg(title).arg(i + 1);
        item.editor->setPath(at);
        item.editor->setTitle(tr("Item %1").arg(i + 1), spoken);
        item.up->setObjectName(at + ":up"_L1);
        item.up->setAccessibleName(tr("Move %1 up").arg(spoken));
        item.up->setEnabled(i > 0);
        item.down->setObjectName(at + ":down"_L1);
        item.down->setAccessibleName(tr("Move %1 down").arg(spoken));
        item.down->setEnabled(i + 1 < m_items.size());
        item.remove->setObjectName(at + ":remove"_L1);
        item.remove->setAccessibleName(tr("Remove %1").arg(spoken));
    }
}

void ArrayFieldEditor::removeAll()
{
    for (const Item &item : std::as_const(m_items))
        releaseRow(item.row);
    m_items.clear();
}

QList<FieldEditor *> ArrayFieldEditor::children() const
{
    QList<FieldEditor *> editors;
    for (const Item &item : m_items)
        editors.append(item.editor);
    return editors;
}

std::optional<QJsonValue> ArrayFieldEditor::current() const
{
    if (m_items.isEmpty())
        return m_present ? std::optional<QJsonValue>(QJsonArray()) : std::nullopt;
    QJsonArray array;
    for (const Item &item : m_items) {
        // An item cannot be left out without shifting the others: unfilled is its empty value, or null.
        const QJsonValue value = item.editor->value().value_or(item.editor->placeholder());
        array.append(value.isUndefined() ? QJsonValue(QJsonValue::Null) : value);
    }
    return array;
}

QJsonValue ArrayFieldEditor::placeholder() const
{
    return QJsonArray();
}

bool ArrayFieldEditor::load(const QJsonValue &value)
{
    if (!value.isArray())
        return false;
    removeAll();
    for (const QJsonValue &element : value.toArray())
        addItem()->setValue(element);
    renumber();
    m_present = true;
    return true;
}

void ArrayFieldEditor::reset()
{
    removeAll();
    m_present = false;
}

void ArrayFieldEditor::loadDefault()
{
    reset();
    FieldEditor::loadDefault();
}

void ArrayFieldEditor::setPath(const QString &path)
{
    FieldEditor::setPath(path);
    m_add->setObjectName(path + ":add"_L1);
    renumber();
}

void ArrayFieldEditor::collectFocus(QWidgetList *out) const
{
    for (const Item &item : m_items) {
        item.editor->collectFocus(out);
        *out << item.up << item.down << item.remove;
    }
    out->append(m_add);
}

void ArrayFieldEditor::titleChanged()
{
    m_box->setTitle(look() == Look::Bare ? QString() : literal(titleText()));
    m_add->setAccessibleName(tr("Add an item to %1").arg(field().title));
}

ChoiceFieldEditor::ChoiceFieldEditor(const FormField &field, const QString &path, Look look)
    : FieldEditor(field, path, look)
    , m_selector(new QComboBox)
    , m_branchLayout(new QVBoxLayout)
{
    // Optional and without a default: "(none)" first, so the field can stay out of the document.
    if (!field.required && field.defaultValue.isUndefined()) {
        m_selector->addItem(tr("(none)"));
        m_first = 1;
    }
    for (const FormField &alternative : field.alternatives)
        m_selector->addItem(alternative.title);
    auto *branchArea = new QWidget;
    m_branchLayout->setContentsMargins(0, 0, 0, 0);
    branchArea->setLayout(m_branchLayout);
    place(m_selector, true);
    row()->layout()->addWidget(branchArea);
    m_selector->setObjectName(path + ":choice"_L1);
    showBranch(0);
    connect(m_selector, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (isLoading())
            return;
        showBranch(index);
        if (m_branch)
            m_branch->applyDefault();
        userEdited();
    });
}

// Switching builds the branch afresh: the old branch's widgets (same path) must not linger.
void ChoiceFieldEditor::showBranch(int comboIndex)
{
    if (m_branch) {
        m_branchLayout->removeWidget(m_branch->row());
        releaseRow(m_branch->row());
        m_branch = nullptr;
    }
    const int index = comboIndex - m_first;
    if (index >= 0 && index < field().alternatives.size()) {
        const FormField &alternative = field().alternatives.at(index);
        m_branch = create(alternative, path(), Look::Bare);
        m_branch->setTitle(alternative.title, tr("%1: %2").arg(field().title, alternative.title));
        m_branchLayout->addWidget(m_branch->row());
        m_branch->row()->show();
        adopt(m_branch);
    }
}

std::optional<QJsonValue> ChoiceFieldEditor::current() const
{
    return m_branch ? m_branch->value() : std::nullopt;
}

QJsonValue ChoiceFieldEditor::placeholder() const
{
    return m_branch ? m_branch->placeholder() : QJsonValue(QJsonValue::Undefined);
}

bool ChoiceFieldEditor::load(const QJsonValue &value)
{
    int best = -1;
    int bestScore = -1;
    for (qsizetype i = 0; i < field().alternatives.size(); ++i) {
        const int score = matchScore(field().alternatives.at(i), value);
        if (score > bestScore) {
            best = int(i);
            bestScore = score;
        }
    }
    if (best < 0)
        return false;
    m_selector->setCurrentIndex(best + m_first);
    showBranch(best + m_first);
    m_branch->setValue(value);
    return true;
}

void ChoiceFieldEditor::reset()
{
    m_selector->setCurrentIndex(0);
    showBranch(0);
}

void ChoiceFieldEditor::loadDefault()
{
    reset();
    if (m_branch)
        m_branch->applyDefault();
    FieldEditor::loadDefault();
}

QList<FieldEditor *> ChoiceFieldEditor::children() const
{
    return m_branch ? QList<FieldEditor *>{m_branch} : QList<FieldEditor *>();
}

void ChoiceFieldEditor::setPath(const QString &path)
{
    FieldEditor::setPath(path);
    m_selector->setObjectName(path + ":choice"_L1);
    if (m_branch)
        m_branch->setPath(path);
}

void ChoiceFieldEditor::collectFocus(QWidgetList *out) const
{
    out->append(m_selector);
    if (m_branch)
        m_branch->collectFocus(out);
}

} // namespace Flowdeck::Ui
