// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Internal to LaunchForm (not a public API): one editor object per FormField, each owning one row of
// widgets. Leaves are in launchformfields.cpp, objects, arrays and oneOf/anyOf in launchformgroups.cpp.

#include "core/lang/formdescription.h"

#include <QJsonValue>
#include <QList>
#include <QObject>
#include <QWidgetList>

#include <optional>

class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QToolButton;
class QVBoxLayout;

namespace Flowdeck::Ui {

using FormField = Core::Lang::FormField;

// Canonical paths: "$", then ".name" (or "['odd name']") and "[2]" steps.
QString childPath(const QString &parent, const QString &key);
QString itemPath(const QString &parent, qsizetype index);

// One field of the form: a row widget (title, editor, help text, error text) that it is a child of, so
// deleting the row deletes the editor object. setValue()/clear()/applyDefault() are programmatic and never
// emit edited(); user changes emit edited(source) here and on every enclosing editor. GUI thread.
class FieldEditor : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FieldEditor)

public:
    // Bare: the enclosing editor already shows the title (a oneOf branch, the form's root).
    enum class Look { Titled, Bare };
    static FieldEditor *create(const FormField &field, const QString &path, Look look = Look::Titled);
    ~FieldEditor() override;

    QWidget *row() const { return m_row; }
    // The widget that stands for this field: the input, or the group box of an object or array.
    QWidget *editor() const { return m_editor; }
    const FormField &field() const { return m_field; }
    const QString &path() const { return m_path; }
    virtual void setPath(const QString &path);
    void setTitle(const QString &title, const QString &accessibleTitle);
    bool isTouched() const { return m_touched; }

    // The filled-in value; nullopt when nothing was filled (the field is then left out of the document).
    std::optional<QJsonValue> value() const;
    // What the field contributes when required but unfilled; Undefined when nothing sensible exists.
    virtual QJsonValue placeholder() const { return QJsonValue::Undefined; }
    void setValue(const QJsonValue &value);
    void clear();
    void applyDefault();
    // The enclosed editors that currently take part in the document.
    virtual QList<FieldEditor *> children() const { return {}; }
    // A problem the widget itself sees (text that is no number, no UUID, no JSON); empty if none.
    virtual QString localProblem() const { return {}; }
    virtual void collectFocus(QWidgetList *out) const;
    // Objects, arrays and choices hold other editors; the rest hold one value (maybe raw JSON).
    virtual bool isContainer() const { return false; }

    void setErrors(const QStringList &messages);
    const QStringList &errors() const { return m_errors; }

signals:
    void edited(Flowdeck::Ui::FieldEditor *source);

protected:
    FieldEditor(const FormField &field, const QString &path, Look look);
    // Puts the editor into the row; withTitle adds the "Title *" label above it.
    void place(QWidget *editor, bool withTitle);
    void adopt(FieldEditor *child);
    void userEdited() { userEdited(this); }
    void userEdited(FieldEditor *source);
    bool isLoading() const { return m_loading; }
    Look look() const { return m_look; }
    QString titleText() const;

    virtual std::optional<QJsonValue> current() const = 0;
    // Shows value; false when the editor cannot (it is then kept verbatim until the user edits).
    virtual bool load(const QJsonValue &value) = 0;
    virtual void reset() = 0;
    virtual void loadDefault();
    virtual void titleChanged() {}

private:
    void showForeign();

    FormField m_field;
    QString m_path;
    Look m_look;
    QWidget *m_row;
    QVBoxLayout *m_layout;
    QLabel *m_title = nullptr;
    QLabel *m_note;
    QLabel *m_error;
    QWidget *m_editor = nullptr;
    QStringList m_errors;
    QJsonValue m_foreign{QJsonValue::Undefined}; // a document value this editor cannot show
    bool m_loading = false;
    bool m_touched = false;
};

// string (any format), number and integer: a line edit with a validator and a placeholder.
class TextFieldEditor final : public FieldEditor
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TextFieldEditor)

public:
    TextFieldEditor(const FormField &field, const QString &path, Look look);
    QJsonValue placeholder() const override;
    QString localProblem() const override;

protected:
    std::optional<QJsonValue> current() const override;
    bool load(const QJsonValue &value) override;
    void reset() override;

private:
    QLineEdit *m_edit;
    bool m_explicitEmpty = false; // "" came from the document: keep it even when optional
};

class CheckFieldEditor final : public FieldEditor
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CheckFieldEditor)

public:
    CheckFieldEditor(const FormField &field, const QString &path, Look look);
    QJsonValue placeholder() const override { return false; }

protected:
    std::optional<QJsonValue> current() const override;
    bool load(const QJsonValue &value) override;
    void reset() override;
    void titleChanged() override;

private:
    QCheckBox *m_box;
    bool m_set = false;
};

// enum (and oneOf of consts): the combo box shows titles and stores the index into enumValues.
class EnumFieldEditor final : public FieldEditor
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EnumFieldEditor)

public:
    EnumFieldEditor(const FormField &field, const QString &path, Look look);

protected:
    std::optional<QJsonValue> current() const override;
    bool load(const QJsonValue &value) override;
    void reset() override;

private:
    QComboBox *m_combo; // an empty "(none)" entry, then the enum's titles
};

// Anything the form cannot render natively: raw JSON text.
class JsonFieldEditor final : public FieldEditor
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonFieldEditor)

public:
    JsonFieldEditor(const FormField &field, const QString &path, Look look);
    QString localProblem() const override;

protected:
    std::optional<QJsonValue> current() const override;
    bool load(const QJsonValue &value) override;
    void reset() override;

private:
    QPlainTextEdit *m_text;
};

// A group box of property editors; keeps members it has no editor for, so they survive a round trip.
class ObjectFieldEditor final : public FieldEditor
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ObjectFieldEditor)

public:
    ObjectFieldEditor(const FormField &field, const QString &path, Look look);
    QJsonValue placeholder() const override;
    QList<FieldEditor *> children() const override { return m_children; }
    void setPath(const QString &path) override;
    void collectFocus(QWidgetList *out) const override;
    bool isContainer() const override { return true; }

protected:
    std::optional<QJsonValue> current() const override;
    bool load(const QJsonValue &value) override;
    void reset() override;
    void loadDefault() override;
    void titleChanged() override;

private:
    void fillRequired(QJsonObject *object) const;

    QGroupBox *m_box = nullptr;
    QList<FieldEditor *> m_children;
    QJsonObject m_extras;
    bool m_present = false; // the document had this object, even if empty
};

// Items with Remove / Move up / Move down buttons each, and an Add button.
class ArrayFieldEditor final : public FieldEditor
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ArrayFieldEditor)

public:
    ArrayFieldEditor(const FormField &field, const QString &path, Look look);
    QJsonValue placeholder() const override;
    QList<FieldEditor *> children() const override;
    void setPath(const QString &path) override;
    void collectFocus(QWidgetList *out) const override;
    bool isContainer() const override { return true; }

protected:
    std::optional<QJsonValue> current() const override;
    bool load(const QJsonValue &value) override;
    void reset() override;
    void loadDefault() override;
    void titleChanged() override;

private:
    struct Item
    {
        FieldEditor *editor;
        QWidget *row;
        QToolButton *up;
        QToolButton *down;
        QToolButton *remove;
    };
    FieldEditor *addItem();
    void removeItem(FieldEditor *editor);
    void moveItem(FieldEditor *editor, int by);
    qsizetype indexOf(const FieldEditor *editor) const;
    void renumber();
    void removeAll();

    QGroupBox *m_box;
    QVBoxLayout *m_itemsLayout;
    QPushButton *m_add;
    QList<Item> m_items;
    bool m_present = false;
};

// oneOf/anyOf: a combo box picks the branch, whose editor (same path) sits below it.
class ChoiceFieldEditor final : public FieldEditor
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChoiceFieldEditor)

public:
    ChoiceFieldEditor(const FormField &field, const QString &path, Look look);
    QJsonValue placeholder() const override;
    QList<FieldEditor *> children() const override;
    void setPath(const QString &path) override;
    void collectFocus(QWidgetList *out) const override;
    bool isContainer() const override { return true; }

protected:
    std::optional<QJsonValue> current() const override;
    bool load(const QJsonValue &value) override;
    void reset() override;
    void loadDefault() override;

private:
    void showBranch(int comboIndex);

    QComboBox *m_selector;
    QVBoxLayout *m_branchLayout;
    FieldEditor *m_branch = nullptr;
    int m_first = 0;
};

} // namespace Flowdeck::Ui
