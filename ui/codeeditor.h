// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/lang/completion.h"
#include "core/lang/diagnostic.h"
#include "core/lang/textedit.h"

#include <QList>
#include <Qsci/qsciscintilla.h>

#include <functional>
#include <utility>

class QAction;
class QTimer;

namespace Flowdeck::Ui {

// The JSON source editor of the definition studio (flow definitions, input schemas). Everything
// it exchanges with core is UTF-8 bytes and byte offsets, Scintilla's own units, so diagnostics,
// completions and edits from core map 1:1. It never changes the text on its own: only typing,
// applyEdits() and the Format/Minify actions do, each as one undo step. GUI thread only.
// Emits cursorOffsetChanged() when the caret moves (after Scintilla's update) and message() when
// an action cannot be done (invalid JSON for Format).
class CodeEditor final : public QsciScintilla
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CodeEditor)

public:
    using Severity = Core::Lang::Diagnostic::Severity;
    using ByteRange = std::pair<qsizetype, qsizetype>; // [first, second)
    using CompletionProvider = std::function<Core::Lang::Completion(const QByteArray &text, qsizetype offset)>;
    using HoverProvider = std::function<QString(const QByteArray &text, qsizetype offset)>;

    explicit CodeEditor(QWidget *parent = nullptr);
    ~CodeEditor() override;

    // The text as UTF-8: one copy straight out of Scintilla's buffer (no QString round trip).
    QByteArray textBytes() const;
    // Loads text as a clean state: nothing to undo, not modified, indent width taken from it.
    void setTextBytes(const QByteArray &text);
    // Applies non-overlapping byte-offset edits as one undo step; the caret and selection follow
    // the text they were in. Invalid edits (overlapping, out of range) change nothing.
    void applyEdits(const QList<Core::Lang::TextEdit> &edits);
    void selectRange(const Core::Lang::TextRange &range); // unfolds and scrolls into view
    void selectBytes(qsizetype start, qsizetype end);
    ByteRange selectedBytes() const; // [start, end) of the main selection
    qsizetype cursorOffset() const;
    void goToLine(int line); // 1-based, clamped
    int indentWidth() const { return m_indentWidth; }

    // Squiggles (red/amber/blue) under each range, one mark per line in the symbol margin with the
    // messages as its tooltip, and the messages as a calltip when the mouse rests on a squiggle.
    void setDiagnostics(const QList<Core::Lang::Diagnostic> &diagnostics);
    // What Scintilla really shows: the squiggled byte ranges of a severity, the 1-based lines
    // marked with it, and the texts of the margin tooltip and of the hover calltip.
    QList<ByteRange> indicatorRanges(Severity severity) const;
    QList<int> markerLines(Severity severity) const;
    QString diagnosticsTextForLine(int line) const;
    QString diagnosticsTextAt(qsizetype offset) const;

    // Completion: Ctrl+Space, or by itself shortly after an opening quote (or its first letter) is
    // typed. The chosen item replaces the provider's range as one undo step.
    void setCompletionProvider(CompletionProvider provider);
    void showCompletion();
    bool isCompletionActive() const;
    QStringList completionLabels() const { return m_completionLabels; } // of the list last shown

    // Hover help: shown when the mouse rests on text that has no diagnostic.
    void setHoverProvider(HoverProvider provider);
    // What a mouse dwell at offset does; returns the calltip shown ("" when none).
    QString showHoverAt(qsizetype offset);
    QString callTipText() const; // "" when no calltip is shown

    // Highlights the find bar's matches (a background box under the text).
    void setSearchHighlights(const QList<ByteRange> &ranges);

    // Format (Ctrl+Shift+F) and Minify: one undo step; on invalid JSON, message() and no change.
    bool formatDocument();
    bool minifyDocument();
    QAction *formatAction() const { return m_formatAction; }
    QAction *minifyAction() const { return m_minifyAction; }

signals:
    void cursorOffsetChanged(qsizetype offset);
    void message(const QString &text);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    bool viewportEvent(QEvent *event) override;

private:
    // SendScintilla for numeric arguments (its overloads are ambiguous for qsizetype).
    long send(unsigned int message, qsizetype wParam = 0, qsizetype lParam = 0) const;
    void applyTheme();
    void defineMarks();
    void updateLineNumberWidth();
    void detectIndentWidth();
    void onCharAdded(int ch);
    void indentNewLine();
    void dedentClosingBrace();
    bool isOpeningQuoteAt(qsizetype quote) const;
    void ensureStyledTo(qsizetype offset) const;
    void onUpdateUi(int updated);
    void onDwellStart(int position, int x, int y);
    void onUserListActivated(int id, const QString &label);
    void applySorted(const QList<Core::Lang::TextEdit> &backToFront);
    bool reformat(bool pretty);
    void showCallTip(qsizetype offset, const QString &text);
    int lineAtViewportY(int y) const;
    QByteArray lineBytes(int line) const;

    // Scintilla resources: container indicators are 8..31; markers 25..31 belong to folding.
    static constexpr int MarginLines = 0;
    static constexpr int MarginMarks = 1; // diagnostics
    static constexpr int MarginFold = 2;
    static constexpr int ErrorIndicator = 20;
    static constexpr int WarningIndicator = 21;
    static constexpr int InfoIndicator = 22;
    static constexpr int SearchIndicator = 23;
    static constexpr int ErrorMarker = 10;
    static constexpr int WarningMarker = 11;
    static constexpr int InfoMarker = 12;
    static constexpr int CompletionListId = 7;
    static int indicatorFor(Severity severity);
    static int markerFor(Severity severity);

    struct MarkerEntry
    {
        int handle = -1;
        QList<int> diagnostics; // indexes into m_diagnostics
    };

    int m_indentWidth = 2;
    int m_lineDigits = 0;
    qsizetype m_lastCursor = -1;
    QList<Core::Lang::Diagnostic> m_diagnostics;
    QList<MarkerEntry> m_markers;
    CompletionProvider m_completionProvider;
    HoverProvider m_hoverProvider;
    Core::Lang::Completion m_completion;
    QStringList m_completionLabels;
    qsizetype m_completionAnchor = -1; // the caret when the list opened
    QTimer *m_completionTimer = nullptr;
    QString m_callTip;
    QAction *m_formatAction = nullptr;
    QAction *m_minifyAction = nullptr;
};

} // namespace Flowdeck::Ui
