// SPDX-License-Identifier: GPL-3.0-or-later
// CodeEditor: diagnostics (squiggles, margin marks, tooltips), hover calltips and search highlights.
#include "ui/codeeditor.h"

#include <QHelpEvent>
#include <QStyle>
#include <QToolTip>

#include <algorithm>
#include <map>
#include <numeric>

using namespace Qt::StringLiterals;

namespace Flowdeck::Ui {

using Core::Lang::Diagnostic;

namespace {

constexpr Diagnostic::Severity Severities[] = {Diagnostic::Severity::Error, Diagnostic::Severity::Warning,
                                               Diagnostic::Severity::Info};
constexpr int MarkSize = 14;
constexpr int CallTipColumns = 100;

QString describe(const Diagnostic &diagnostic)
{
    QString text = Diagnostic::severityName(diagnostic.severity);
    if (!diagnostic.code.isEmpty())
        text += u' ' + diagnostic.code;
    return text + u": "_s + diagnostic.message;
}

// Calltips do not wrap by themselves.
QString wrapped(const QString &text)
{
    QStringList lines;
    for (const QString &paragraph : text.split(u'\n')) {
        QString line;
        for (const QString &word : paragraph.split(u' ')) {
            if (!line.isEmpty() && line.size() + 1 + word.size() > CallTipColumns) {
                lines.append(line);
                line.clear();
            }
            line += line.isEmpty() ? word : u' ' + word;
        }
        lines.append(line);
    }
    return lines.join(u'\n');
}

} // namespace

int CodeEditor::indicatorFor(Severity severity)
{
    switch (severity) {
    case Severity::Error:
        return ErrorIndicator;
    case Severity::Warning:
        return WarningIndicator;
    case Severity::Info:
        break;
    }
    return InfoIndicator;
}

int CodeEditor::markerFor(Severity severity)
{
    switch (severity) {
    case Severity::Error:
        return ErrorMarker;
    case Severity::Warning:
        return WarningMarker;
    case Severity::Info:
        break;
    }
    return InfoMarker;
}

void CodeEditor::defineMarks()
{
    for (const int indicator : {ErrorIndicator, WarningIndicator, InfoIndicator})
        indicatorDefine(SquigglePixmapIndicator, indicator); // the cheap-to-draw squiggle
    indicatorDefine(FullBoxIndicator, SearchIndicator);
    setIndicatorDrawUnder(true, SearchIndicator);
    send(SCI_INDICSETALPHA, SearchIndicator, 110);
    const std::pair<int, QStyle::StandardPixmap> marks[] = {{ErrorMarker, QStyle::SP_MessageBoxCritical},
                                                            {WarningMarker, QStyle::SP_MessageBoxWarning},
                                                            {InfoMarker, QStyle::SP_MessageBoxInformation}};
    for (const auto &[marker, icon] : marks)
        markerDefine(style()->standardIcon(icon, nullptr, this).pixmap(MarkSize, MarkSize), marker);
}

// One pass per kind of mark: clear once, then fill. Larger ranges go first so that a precise
// diagnostic inside a larger one keeps its own message where they overlap.
void CodeEditor::setDiagnostics(const QList<Diagnostic> &diagnostics)
{
    const auto length = qsizetype(send(SCI_GETLENGTH));
    for (const Severity severity : Severities) {
        send(SCI_SETINDICATORCURRENT, indicatorFor(severity));
        send(SCI_INDICATORCLEARRANGE, 0, length);
        send(SCI_MARKERDELETEALL, markerFor(severity));
    }
    m_diagnostics = diagnostics;
    m_markers.clear();

    QList<int> order(diagnostics.size());
    std::iota(order.begin(), order.end(), 0);
    auto span = [&](int i) { return diagnostics[i].range.end.offset - diagnostics[i].range.start.offset; };
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return span(a) > span(b); });

    std::map<int, QList<int>> byLine;
    for (const int index : std::as_const(order)) {
        const Diagnostic &diagnostic = diagnostics[index];
        qsizetype start = std::clamp<qsizetype>(diagnostic.range.start.offset, 0, length);
        qsizetype end = std::clamp<qsizetype>(diagnostic.range.end.offset, start, length);
        if (end == start) { // a point (a missing comma, the end of the text): squiggle one character
            if (start < length)
                end = send(SCI_POSITIONAFTER, start);
            else if (start > 0)
                start = send(SCI_POSITIONBEFORE, start);
        }
        if (end > start) {
            send(SCI_SETINDICATORCURRENT, indicatorFor(diagnostic.severity));
            send(SCI_SETINDICATORVALUE, index + 1); // leads a hover back to its diagnostic
            send(SCI_INDICATORFILLRANGE, start, end - start);
        }
        byLine[int(send(SCI_LINEFROMPOSITION, start))].append(index);
    }
    for (auto &[line, indexes] : byLine) {
        std::sort(indexes.begin(), indexes.end());
        Severity worst = Severity::Info;
        for (const int index : std::as_const(indexes))
            worst = std::min(worst, diagnostics[index].severity); // Error < Warning < Info
        m_markers.append({int(send(SCI_MARKERADD, line, markerFor(worst))), indexes});
    }
}

QList<CodeEditor::ByteRange> CodeEditor::indicatorRanges(Severity severity) const
{
    QList<ByteRange> ranges;
    const int indicator = indicatorFor(severity);
    const auto length = qsizetype(send(SCI_GETLENGTH));
    for (qsizetype at = 0; at < length;) {
        const auto end = qsizetype(send(SCI_INDICATOREND, indicator, at));
        if (send(SCI_INDICATORVALUEAT, indicator, at) != 0)
            ranges.append({at, end});
        if (end <= at)
            break;
        at = end;
    }
    return ranges;
}

QList<int> CodeEditor::markerLines(Severity severity) const
{
    QList<int> result;
    const int mask = 1 << markerFor(severity);
    for (auto line = send(SCI_MARKERNEXT, 0, mask); line >= 0; line = send(SCI_MARKERNEXT, line + 1, mask))
        result.append(int(line) + 1);
    return result;
}

// Markers move with the text; their handles say where they are now.
QString CodeEditor::diagnosticsTextForLine(int line) const
{
    QStringList texts;
    for (const MarkerEntry &marker : m_markers) {
        if (send(SCI_MARKERLINEFROMHANDLE, marker.handle) != line - 1)
            continue;
        for (const int index : marker.diagnostics)
            texts.append(describe(m_diagnostics[index]));
    }
    return texts.join(u'\n');
}

// Indicator values (diagnostic index + 1) move with the text too; diagnostics sharing the exact
// range and severity of the one found are shown with it.
QString CodeEditor::diagnosticsTextAt(qsizetype offset) const
{
    QStringList texts;
    for (const Severity severity : Severities) {
        const auto value = send(SCI_INDICATORVALUEAT, indicatorFor(severity), offset);
        if (value <= 0 || value > m_diagnostics.size())
            continue;
        const Diagnostic &found = m_diagnostics[value - 1];
        for (const Diagnostic &diagnostic : m_diagnostics)
            if (diagnostic.severity == severity && diagnostic.range == found.range)
                texts.append(describe(diagnostic));
    }
    return texts.join(u'\n');
}

void CodeEditor::setHoverProvider(HoverProvider provider)
{
    m_hoverProvider = std::move(provider);
}

QString CodeEditor::showHoverAt(qsizetype offset)
{
    QString text = diagnosticsTextAt(offset);
    if (text.isEmpty() && m_hoverProvider)
        text = m_hoverProvider(textBytes(), offset);
    if (text.isEmpty()) {
        send(SCI_CALLTIPCANCEL);
        m_callTip.clear();
        return {};
    }
    showCallTip(offset, text);
    return m_callTip;
}

void CodeEditor::onDwellStart(int position, int /*x*/, int /*y*/)
{
    if (position >= 0 && !isCompletionActive())
        showHoverAt(position);
}

void CodeEditor::showCallTip(qsizetype offset, const QString &text)
{
    m_callTip = wrapped(text);
    const QByteArray bytes = m_callTip.toUtf8();
    SendScintilla(SCI_CALLTIPSHOW, uintptr_t(offset), bytes.constData());
}

QString CodeEditor::callTipText() const
{
    return send(SCI_CALLTIPACTIVE) ? m_callTip : QString();
}

int CodeEditor::lineAtViewportY(int y) const
{
    const auto line = send(SCI_LINEFROMPOSITION, send(SCI_POSITIONFROMPOINT, 0, y));
    const auto top = send(SCI_POINTYFROMPOSITION, 0, send(SCI_POSITIONFROMLINE, line));
    return y >= top && y < top + send(SCI_TEXTHEIGHT, line) ? int(line) : -1;
}

// The margins' tooltip: the messages of the line under the mouse.
bool CodeEditor::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        if (help->pos().x() < marginWidth(MarginLines) + marginWidth(MarginMarks)) {
            const int line = lineAtViewportY(help->pos().y());
            const QString text = line >= 0 ? diagnosticsTextForLine(line + 1) : QString();
            if (text.isEmpty())
                QToolTip::hideText();
            else
                QToolTip::showText(help->globalPos(), text, viewport());
            return true;
        }
    }
    return QsciScintilla::viewportEvent(event);
}

void CodeEditor::setSearchHighlights(const QList<ByteRange> &ranges)
{
    const auto length = qsizetype(send(SCI_GETLENGTH));
    send(SCI_SETINDICATORCURRENT, SearchIndicator);
    send(SCI_INDICATORCLEARRANGE, 0, length);
    send(SCI_SETINDICATORVALUE, 1);
    for (const auto &[start, end] : ranges)
        if (start >= 0 && end > start && end <= length)
            send(SCI_INDICATORFILLRANGE, start, end - start);
}

} // namespace Flowdeck::Ui
