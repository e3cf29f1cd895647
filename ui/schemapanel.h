// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/lang/flowanalysis.h"

#include <QByteArray>
#include <QJsonObject>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QStackedWidget;
class QTimer;
class QTreeWidget;

namespace Flowdeck::Ui {

class LaunchForm;

// What the input schema means for the people who start the flow: the launch form it produces
// (live), a cross-check against the definition (inputs read but not declared or not required,
// declared properties nothing reads) and an example input validated against it. GUI thread.
class SchemaPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SchemaPanel)

public:
    explicit SchemaPanel(QWidget *parent = nullptr);

    void setAnalysis(const Core::Lang::FlowAnalysis &analysis);
    LaunchForm *form() const { return m_form; }
    QTreeWidget *crossCheck() const { return m_crossCheck; }
    QPlainTextEdit *exampleEditor() const { return m_example; }
    QString exampleResult() const;
    void setExample(const QString &text);

signals:
    // An item of the cross-check was activated: its place in the definition or in the schema.
    void pathActivated(const Flowdeck::Core::Lang::TextRange &range, bool inSchema);

private:
    void updateCrossCheck(const Core::Lang::FlowAnalysis &analysis);
    void validateExample();

    QStackedWidget *m_formStack;
    LaunchForm *m_form;
    QLabel *m_formMessage;
    QTreeWidget *m_crossCheck;
    QPlainTextEdit *m_example;
    QLabel *m_exampleResult;
    QTimer *m_exampleTimer;
    QByteArray m_schemaText; // what the form was built from
    QJsonObject m_schema;
};

} // namespace Flowdeck::Ui
