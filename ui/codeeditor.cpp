// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/codeeditor.h"

#include "ui/editortheme.h"

#include <QAction>
#include <QContextMenuEvent>
#include <QFontDatabase>
#include <QKeyEvent>
#include <QMenu>
#include <QTimer>
#include <Qsci/qscilexerjson.h>

#include <algorithm>

namespace Flowdeck::Ui {

using Core::Lang::TextEdit;

namespace {

constexpr int DefaultIndent = 2;
constexpr int IndentScanLines = 2000;
constexpr int DwellMs = 500;
constexpr int CompletionDelayMs = 60;
constexpr int MaxSeparateEdits = 200;

// Where offset (in the text before edits) lands after them. Edits are sorted back to front.
// Text that an edit replaces moves the offset to the end of the replacement.
qsizetype mapThroughEdits(qsizetype offset, const QList<TextEdit> &backToFront)
{
    qsizetype delta = 0;
    for (auto it = backToFront.crbegin(); it != backToFront.crend(); ++it) {
        if (it->offset + it->length <= offset)
            delta += it->replacement.size() - it->length;
        else if (it->offset < offset)
            return it->offset + delta + it->replacement.size();
        else
            break;
    }
    return offset + delta;
}

} // namespace

CodeEditor::CodeEditor(QWidget *parent)
    : QsciScintilla(parent)
    , m_completionTimer(new QTimer(this))
    , m_formatAction(new QAction(tr("&Format JSON"), this))
    , m_minifyAction(new QAction(tr("&Minify JSON"), this))
{
    setUtf8(true); // SC_CP_UTF8: positions are UTF-8 byte offsets, as in core
    setEolMode(EolUnix);
    auto *lexer = new QsciLexerJSON(this);
    lexer->setHighlightComments(false); // comments are not JSON: shown as errors
    setLexer(lexer);
    setIndentationsUseTabs(false);
    setIndentationWidth(DefaultIndent);
    setTabWidth(DefaultIndent);
    setTabIndents(true);
    setBackspaceUnindents(true);
    setBraceMatching(SloppyBraceMatch);
    setCaretLineVisible(true);
    send(SCI_SETSCROLLWIDTHTRACKING, 1);

    setMarginLineNumbers(MarginLines, true);
    setMarginMarkerMask(MarginLines, 0);
    setMarginType(MarginMarks, SymbolMargin);
    setMarginWidth(MarginMarks, 18);
    setMarginMarkerMask(MarginMarks, (1 << ErrorMarker) | (1 << WarningMarker) | (1 << InfoMarker));
    setFolding(BoxedTreeFoldStyle, MarginFold);
    defineMarks();
    applyTheme();
    updateLineNumberWidth();

    send(SCI_SETMOUSEDWELLTIME, DwellMs);
    connect(this, &QsciScintilla::linesChanged, this, &CodeEditor::updateLineNumberWidth);
    connect(this, &QsciScintillaBase::SCN_CHARADDED, this, &CodeEditor::onCharAdded);
    connect(this, &QsciScintillaBase::SCN_UPDATEUI, this, &CodeEditor::onUpdateUi);
    connect(this, &QsciScintillaBase::SCN_DWELLSTART, this, &CodeEditor::onDwellStart);
    connect(this, &QsciScintillaBase::SCN_DWELLEND, this, [this] {
        send(SCI_CALLTIPCANCEL);
        m_callTip.clear();
    });
    connect(this, &QsciScintilla::userListActivated, this, &CodeEditor::onUserListActivated);

    // Typing a quote asks the provider shortly after, so fast typing asks once.
    m_completionTimer->setSingleShot(true);
    m_completionTimer->setInterval(CompletionDelayMs);
    connect(m_completionTimer, &QTimer::timeout, this, [this] {
        if (!isCompletionActive())
            showCompletion();
    });

    m_formatAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    m_formatAction->setShortcutContext(Qt::WidgetShortcut);
    addAction(m_formatAction);
    connect(m_formatAction, &QAction::triggered, this, &CodeEditor::formatDocument);
    addAction(m_minifyAction);
    connect(m_minifyAction, &QAction::triggered, this, &CodeEditor::minifyDocument);
}

CodeEditor::~CodeEditor() = default;

void CodeEditor::applyTheme()
{
    const EditorTheme theme = editorTheme(palette());
    auto *json = static_cast<QsciLexerJSON *>(lexer());
    const QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    json->setDefaultFont(font);
    json->setFont(font, -1);
    json->setDefaultPaper(theme.background);
    json->setPaper(theme.background, -1);
    json->setDefaultColor(theme.foreground);
    const std::pair<int, QColor> styles[] = {
        {QsciLexerJSON::Default, theme.foreground},   {QsciLexerJSON::Number, theme.number},
        {QsciLexerJSON::String, theme.string},        {QsciLexerJSON::UnclosedString, theme.invalid},
        {QsciLexerJSON::Property, theme.key},         {QsciLexerJSON::EscapeSequence, theme.escape},
        {QsciLexerJSON::CommentLine, theme.comment},  {QsciLexerJSON::CommentBlock, theme.comment},
        {QsciLexerJSON::Operator, theme.punctuation}, {QsciLexerJSON::IRI, theme.string},
        {QsciLexerJSON::IRICompact, theme.string},    {QsciLexerJSON::Keyword, theme.keyword},
        {QsciLexerJSON::KeywordLD, theme.keyword},    {QsciLexerJSON::Error, theme.invalid},
    };
    for (const auto &[style, colour] : styles)
        json->setColor(colour, style);

    setMarginsFont(font);
    setMarginsBackgroundColor(theme.gutter);
    setMarginsForegroundColor(theme.lineNumber);
    setFoldMarginColors(theme.gutter, theme.gutter);
    setCaretForegroundColor(theme.foreground);
    setCaretLineBackgroundColor(theme.currentLine);
    setSelectionBackgroundColor(theme.selection);
    resetSelectionForegroundColor(); // selected tokens keep their colours
    setMatchedBraceBackgroundColor(theme.braceMatch);
    setUnmatchedBraceForegroundColor(theme.braceMismatch);
    setCallTipsBackgroundColor(palette().color(QPalette::ToolTipBase));
    setCallTipsForegroundColor(palette().color(QPalette::ToolTipText));
    setIndicatorForegroundColor(theme.error, ErrorIndicator);
    setIndicatorForegroundColor(theme.warning, WarningIndicator);
    setIndicatorForegroundColor(theme.info, InfoIndicator);
    setIndicatorForegroundColor(theme.searchMatch, SearchIndicator);
}

void CodeEditor::changeEvent(QEvent *event)
{
    QsciScintilla::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
        applyTheme();
}

void CodeEditor::updateLineNumberWidth()
{
    const int digits = int(QString::number(std::max(lines(), 1)).size());
    if (digits == m_lineDigits)
        return;
    m_lineDigits = digits;
    setMarginWidth(MarginLines, QString(std::max(digits, 2) + 1, u'9'));
}

QByteArray CodeEditor::textBytes() const
{
    const auto length = qsizetype(send(SCI_GETLENGTH));
    // Scintilla closes its gap and hands out its buffer: the only copy is the one returned.
    const auto *buffer = static_cast<const char *>(SendScintillaPtrResult(SCI_GETCHARACTERPOINTER));
    return QByteArray(buffer, length);
}

void CodeEditor::setTextBytes(const QByteArray &text)
{
    const bool readOnly = isReadOnly();
    setReadOnly(false);
    setDiagnostics({});
    send(SCI_AUTOCCANCEL);
    send(SCI_CALLTIPCANCEL);
    send(SCI_CLEARALL);
    SendScintilla(SCI_APPENDTEXT, uintptr_t(text.size()), text.constData());
    send(SCI_EMPTYUNDOBUFFER);
    send(SCI_SETSAVEPOINT);
    send(SCI_GOTOPOS, 0);
    setReadOnly(readOnly);
    detectIndentWidth();
}

// The smallest space indentation among the first lines is the document's indent step.
void CodeEditor::detectIndentWidth()
{
    int width = 0;
    const int count = std::min(lines(), IndentScanLines);
    for (int line = 0; line < count; ++line) {
        const auto start = send(SCI_POSITIONFROMLINE, line);
        const auto indentEnd = send(SCI_GETLINEINDENTPOSITION, line);
        if (indentEnd == start || indentEnd == send(SCI_GETLINEENDPOSITION, line))
            continue; // not indented, or blank
        if (send(SCI_GETCHARAT, start) != ' ')
            continue;
        const int indent = int(send(SCI_GETLINEINDENTATION, line));
        width = width == 0 ? indent : std::min(width, indent);
    }
    m_indentWidth = width > 0 && width <= 8 ? width : DefaultIndent;
    setIndentationWidth(m_indentWidth);
    setTabWidth(m_indentWidth);
}

void CodeEditor::applyEdits(const QList<TextEdit> &edits)
{
    if (edits.isEmpty())
        return;
    // Back to front (as Core::Lang::applyEdits does), so each offset still means the original text.
    QList<TextEdit> sorted = edits;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const TextEdit &a, const TextEdit &b) { return a.offset > b.offset; });
    const auto length = qsizetype(send(SCI_GETLENGTH));
    for (qsizetype i = 0; i < sorted.size(); ++i) {
        const TextEdit &edit = sorted[i];
        const bool inside = edit.offset >= 0 && edit.length >= 0 && edit.offset + edit.length <= length;
        if (!inside || (i > 0 && edit.offset + edit.length > sorted[i - 1].offset)) {
            qWarning("CodeEditor::applyEdits: overlapping or out-of-range edits ignored");
            return;
        }
    }
    applySorted(sorted);
}

// One undo step; the caret and the anchor follow the text they were in. Scintilla takes thousands
// of small edits slowly (a second for a 5,000-line re-layout), so many become one replacement of
// the span they cover, computed here.
void CodeEditor::applySorted(const QList<TextEdit> &backToFront)
{
    QList<TextEdit> collapsed;
    if (backToFront.size() > MaxSeparateEdits) {
        const QByteArray text = textBytes();
        const qsizetype from = backToFront.constLast().offset;
        const qsizetype to = backToFront.constFirst().offset + backToFront.constFirst().length;
        QByteArray middle;
        qsizetype at = from;
        for (auto it = backToFront.crbegin(); it != backToFront.crend(); ++it) {
            middle += QByteArrayView(text).sliced(at, it->offset - at);
            middle += it->replacement;
            at = it->offset + it->length;
        }
        collapsed.append({from, to - from, middle + QByteArrayView(text).sliced(at, to - at)});
    }
    const auto caret = qsizetype(send(SCI_GETCURRENTPOS));
    const auto anchor = qsizetype(send(SCI_GETANCHOR));
    beginUndoAction();
    for (const TextEdit &edit : collapsed.isEmpty() ? backToFront : collapsed) {
        send(SCI_SETTARGETRANGE, edit.offset, edit.offset + edit.length);
        SendScintilla(SCI_REPLACETARGET, uintptr_t(edit.replacement.size()), edit.replacement.constData());
    }
    endUndoAction();
    send(SCI_SETCURRENTPOS, mapThroughEdits(caret, backToFront));
    send(SCI_SETANCHOR, mapThroughEdits(anchor, backToFront));
    send(SCI_CHOOSECARETX);
}

void CodeEditor::selectRange(const Core::Lang::TextRange &range)
{
    selectBytes(range.start.offset, range.end.offset);
}

void CodeEditor::selectBytes(qsizetype start, qsizetype end)
{
    const auto length = qsizetype(send(SCI_GETLENGTH));
    start = std::clamp<qsizetype>(start, 0, length);
    end = std::clamp<qsizetype>(end, 0, length);
    for (const qsizetype offset : {start, end})
        send(SCI_ENSUREVISIBLEENFORCEPOLICY, send(SCI_LINEFROMPOSITION, offset));
    send(SCI_SETSEL, start, end);
    send(SCI_SCROLLRANGE, end, start); // the start wins
}

CodeEditor::ByteRange CodeEditor::selectedBytes() const
{
    return {qsizetype(send(SCI_GETSELECTIONSTART)), qsizetype(send(SCI_GETSELECTIONEND))};
}

long CodeEditor::send(unsigned int message, qsizetype wParam, qsizetype lParam) const
{
    return SendScintilla(message, static_cast<unsigned long>(wParam), long(lParam));
}

qsizetype CodeEditor::cursorOffset() const
{
    return qsizetype(send(SCI_GETCURRENTPOS));
}

void CodeEditor::goToLine(int line)
{
    const int target = std::clamp(line, 1, std::max(lines(), 1)) - 1;
    send(SCI_ENSUREVISIBLEENFORCEPOLICY, target);
    send(SCI_GOTOLINE, target);
    send(SCI_VERTICALCENTRECARET);
}

void CodeEditor::onUpdateUi(int /*updated*/)
{
    const qsizetype offset = cursorOffset();
    if (offset == m_lastCursor)
        return;
    m_lastCursor = offset;
    emit cursorOffsetChanged(offset);
}

QByteArray CodeEditor::lineBytes(int line) const
{
    QByteArray bytes(qsizetype(send(SCI_LINELENGTH, line)), '\0');
    SendScintilla(SCI_GETLINE, uintptr_t(line), bytes.constData());
    return bytes;
}

void CodeEditor::ensureStyledTo(qsizetype offset) const
{
    const auto from = std::min(qsizetype(send(SCI_GETENDSTYLED)), offset);
    const auto lineStart = send(SCI_POSITIONFROMLINE, send(SCI_LINEFROMPOSITION, from));
    send(SCI_COLOURISE, lineStart, offset);
}

void CodeEditor::onCharAdded(int ch)
{
    if (ch == '\n' || (ch == '\r' && eolMode() == EolMac))
        indentNewLine();
    else if (ch == '}' || ch == ']')
        dedentClosingBrace();
    if (!m_completionProvider || isCompletionActive())
        return;
    const qsizetype offset = cursorOffset();
    const bool letter = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
    if ((ch == '"' && isOpeningQuoteAt(offset - 1)) ||
        (letter && send(SCI_GETCHARAT, offset - 2) == '"' && isOpeningQuoteAt(offset - 2)))
        m_completionTimer->start();
    else
        m_completionTimer->stop(); // typed on past the token's start: too late to offer
}

// Keeps the previous line's indent, one level more after "{" or "[", and moves a "}" or "]" that
// Return split off to a line of its own.
void CodeEditor::indentNewLine()
{
    const int line = int(send(SCI_LINEFROMPOSITION, cursorOffset()));
    if (line == 0)
        return;
    int indent = int(send(SCI_GETLINEINDENTATION, line - 1));
    const QByteArray previous = lineBytes(line - 1).trimmed();
    const bool opens = previous.endsWith('{') || previous.endsWith('[');
    if (opens)
        indent += m_indentWidth;
    const QByteArray rest = lineBytes(line).trimmed();
    send(SCI_SETLINEINDENTATION, line, indent);
    if (opens && (rest.startsWith('}') || rest.startsWith(']'))) {
        const auto at = send(SCI_GETLINEINDENTPOSITION, line);
        SendScintilla(SCI_INSERTTEXT, uintptr_t(at), eolMode() == EolWindows ? "\r\n" : "\n");
        send(SCI_SETLINEINDENTATION, line + 1, indent - m_indentWidth);
    }
    send(SCI_GOTOPOS, send(SCI_GETLINEINDENTPOSITION, line));
}

// A "}" or "]" typed first on its line takes the indent of the line that opened it.
void CodeEditor::dedentClosingBrace()
{
    const qsizetype brace = cursorOffset() - 1;
    const int line = int(send(SCI_LINEFROMPOSITION, brace));
    if (send(SCI_GETLINEINDENTPOSITION, line) != brace)
        return;
    ensureStyledTo(brace + 1);
    const auto match = send(SCI_BRACEMATCH, brace);
    const int current = int(send(SCI_GETLINEINDENTATION, line));
    const int indent = match >= 0 ? int(send(SCI_GETLINEINDENTATION, send(SCI_LINEFROMPOSITION, match)))
                                  : std::max(current - m_indentWidth, 0);
    if (indent != current)
        send(SCI_SETLINEINDENTATION, line, indent);
}

void CodeEditor::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && event->modifiers() == Qt::ControlModifier) {
        showCompletion();
        event->accept();
        return;
    }
    QsciScintilla::keyPressEvent(event);
}

void CodeEditor::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu *menu = createStandardContextMenu();
    if (!menu) {
        QsciScintilla::contextMenuEvent(event);
        return;
    }
    menu->addSeparator();
    menu->addAction(m_formatAction);
    menu->addAction(m_minifyAction);
    menu->exec(event->globalPos());
    delete menu;
}

} // namespace Flowdeck::Ui
