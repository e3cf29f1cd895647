// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/api/flowsoptions.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QDialogButtonBox;

namespace Flowdeck::Core {
struct Run;
}

namespace Flowdeck::Ui {

// Label, tags, managers and monitors of one run, or only the tags of several (bulk edit). Principal
// URNs are checked as they are typed; OK stays disabled while something is wrong.
class RunEditDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunEditDialog)

public:
    explicit RunEditDialog(const Core::Run &run, QWidget *parent = nullptr);
    explicit RunEditDialog(const QStringList &commonTags, int runCount, QWidget *parent = nullptr); // tags only
    Core::UpdateRunOptions options() const;
    QLineEdit *labelEdit() const { return m_label; }
    QLineEdit *tagsEdit() const { return m_tags; }
    QPlainTextEdit *managersEdit() const { return m_managers; }
    QString problem() const;

    static QStringList splitTags(const QString &text);
    static QStringList lines(const QPlainTextEdit *edit); // one principal per line, blanks skipped
    // What is wrong with a run's managers or monitors as typed, or an empty string.
    static QString principalsProblem(const QPlainTextEdit *managers, const QPlainTextEdit *monitors);

private:
    void build(bool tagsOnly);
    void check();

    QLineEdit *m_label = nullptr;
    QLineEdit *m_tags = nullptr;
    QPlainTextEdit *m_managers = nullptr;
    QPlainTextEdit *m_monitors = nullptr;
    QLabel *m_problem = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    bool m_tagsOnly = false;
    QString m_label0; // what the run had: only what the user changed is sent
    QStringList m_tags0;
    QStringList m_managers0;
    QStringList m_monitors0;
};

} // namespace Flowdeck::Ui
