// SPDX-License-Identifier: GPL-3.0-or-later
// CodeEditor: completion lists from the provider, and when typing opens them.
#include "ui/codeeditor.h"

#include <Qsci/qscilexerjson.h>

namespace Flowdeck::Ui {

namespace {

// Items are joined with a separator no label contains; '?' (Scintilla's default image marker)
// must stay literal, since URLs carry it.
constexpr char ListSeparator = '\n';
constexpr char TypeSeparator = '\x1f';
constexpr int VisibleItems = 12;

} // namespace

void CodeEditor::setCompletionProvider(CompletionProvider provider)
{
    m_completionProvider = std::move(provider);
}

bool CodeEditor::isCompletionActive() const
{
    return send(SCI_AUTOCACTIVE) != 0;
}

void CodeEditor::showCompletion()
{
    m_completionTimer->stop();
    if (!m_completionProvider)
        return;
    const qsizetype offset = cursorOffset();
    Core::Lang::Completion completion = m_completionProvider(textBytes(), offset);
    if (completion.isEmpty() || completion.replaceStart > offset || completion.replaceEnd < offset)
        return;
    m_completion = std::move(completion);
    m_completionAnchor = offset;
    m_completionLabels.clear();
    QByteArray list;
    for (const Core::Lang::CompletionItem &item : std::as_const(m_completion.items)) {
        QString label = item.label;
        label.replace(QLatin1Char(ListSeparator), u' ').replace(QLatin1Char(TypeSeparator), u' ');
        m_completionLabels.append(label);
        if (!list.isEmpty())
            list += ListSeparator;
        list += label.toUtf8();
    }
    send(SCI_AUTOCSETSEPARATOR, ListSeparator);
    send(SCI_AUTOCSETTYPESEPARATOR, TypeSeparator);
    send(SCI_AUTOCSETORDER, SC_ORDER_CUSTOM); // the provider's order, best first
    send(SCI_AUTOCSETIGNORECASE, 1);
    send(SCI_AUTOCSETMAXHEIGHT, VisibleItems);
    SendScintilla(SCI_USERLISTSHOW, uintptr_t(CompletionListId), list.constData());
}

// The provider's range, stretched by what was typed while the list was open.
void CodeEditor::onUserListActivated(int id, const QString &label)
{
    if (id != CompletionListId)
        return;
    const auto index = m_completionLabels.indexOf(label);
    if (index < 0)
        return;
    const qsizetype typed = std::max<qsizetype>(cursorOffset() - m_completionAnchor, 0);
    const Core::Lang::CompletionItem &item = m_completion.items[index];
    const qsizetype start = m_completion.replaceStart;
    const qsizetype end = m_completion.replaceEnd + typed;
    applyEdits({{start, end - start, item.insertText}});
    send(SCI_GOTOPOS, start + item.insertText.size());
}

// An opening quote follows "{", "[", "," or ":" (or nothing): a key or a value starts there. Its
// style tells a real comma from one inside a string.
bool CodeEditor::isOpeningQuoteAt(qsizetype quote) const
{
    qsizetype at = quote - 1;
    while (at >= 0) {
        const auto c = send(SCI_GETCHARAT, at);
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            break;
        --at;
    }
    if (at < 0)
        return true;
    const auto c = send(SCI_GETCHARAT, at);
    if (c != '{' && c != '[' && c != ',' && c != ':')
        return false;
    ensureStyledTo(at + 1);
    return send(SCI_GETSTYLEAT, at) == QsciLexerJSON::Operator;
}

} // namespace Flowdeck::Ui
