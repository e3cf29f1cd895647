// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/lang/jsonschema.h"

#include <QJsonObject>
#include <QList>
#include <QScrollArea>
#include <QString>

#include <optional>

class QLabel;
class QTimer;
class QVBoxLayout;

namespace Flowdeck::Ui {

class FieldEditor;

// One problem placed on the form. path is canonical ("$.a.b[2].c"; see LaunchForm::canonicalPath()).
struct FieldError
{
    QString path;
    QString message;
    bool operator==(const FieldError &) const = default;
};

// A native form for a flow's input_schema that holds one input document. Every editor's objectName is
// its canonical path ("$.source.path"; array buttons "$.tags[0]:remove", ":up", ":down", "$.tags:add";
// a oneOf/anyOf selector "$.target:choice"). documentChanged() is emitted for user edits only, never for
// setSchema()/setDocument(); live validation runs ValidationDelayMs after the last edit and shows problems
// on the fields the user has touched (revealErrors() shows all). GUI thread.
class LaunchForm final : public QScrollArea
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LaunchForm)

public:
    static constexpr int ValidationDelayMs = 250;

    explicit LaunchForm(QWidget *parent = nullptr);
    ~LaunchForm() override;

    // Rebuilds the form with the schema's defaults filled in; clears all errors.
    void setSchema(const QJsonObject &schema);
    const QJsonObject &schema() const { return m_schema; }

    // The input as the form holds it. Unfilled optional fields without a default are left out; a
    // required unfilled field appears as its empty value ("" / false / {} / []) where one exists.
    // Members the schema does not describe, and values a field cannot show, are kept as they came.
    QJsonObject document() const;
    // Fills the widgets; document() returns the same object again (for a document that has every
    // required member). Does not emit documentChanged(); clears the local (not the server) errors.
    void setDocument(const QJsonObject &document);

    // Errors from elsewhere (the service's validate_run): shown on their fields, or above the form when
    // no field matches, until the next setErrors() or until the user edits that field.
    void setErrors(const QList<FieldError> &errors);
    // document() checked against the schema (plus what the widgets know: bad numbers, UUIDs, e-mails,
    // JSON). An unfilled required field gets the message "required".
    QList<FieldError> validateLocally() const;
    // Validates now and shows every problem, touched field or not; focuses the first. Returns them.
    QList<FieldError> revealErrors();
    void focusFirstError();

    // The editor for a canonical path, JSONPath or JSON pointer; nullptr if the form has none.
    QWidget *fieldWidget(const QString &path) const;
    // Every message shown, as "path: message"; those above the form have no field.
    QStringList errorTexts() const;
    QStringList errorsAt(const QString &path) const;
    QStringList formErrors() const;

    // "$.a['b c'][2]", "/a/b c/2" (a JSON pointer; all-digit steps are taken as indexes) or "" -> canonical.
    // Text that is neither is returned unchanged.
    static QString canonicalPath(const QString &jsonPathOrPointer);
    // A service "loc": ["$.bool"], "$.bool", ["$", "input", "x"] or ["x", 0] -> "$.bool", "$.input.x", "$.x[0]".
    static QString pathFromLoc(const QJsonValue &loc);
    // A FLOW_INPUT_ERROR detail list ([{"loc": [...], "msg": "..."}]) as field errors.
    static QList<FieldError> errorsFromDetail(const QJsonArray &detail);

signals:
    void documentChanged();
    // After each live or revealed validation, with how many problems document() has.
    void validated(qsizetype problems);

protected:
    // Tab walks the fields in document order, whatever order their widgets were created in.
    bool focusNextPrevChild(bool next) override;

private:
    void onEdited(FieldEditor *source);
    void runLiveValidation();
    void showErrors();
    FieldEditor *editorAt(const QString &canonical) const;

    QJsonObject m_schema;
    std::optional<Core::Lang::JsonSchema> m_compiled;
    QWidget *m_content;
    QVBoxLayout *m_layout;
    QLabel *m_formErrors;
    QStringList m_formErrorLines;
    FieldEditor *m_root = nullptr;
    QTimer *m_validationTimer;
    QList<FieldError> m_serverErrors;
    QList<FieldError> m_localErrors;
    QString m_schemaError;
    bool m_revealAll = false;
};

} // namespace Flowdeck::Ui
