// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/findbar.h"

#include "ui/codeeditor.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QIntValidator>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTimer>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace Flowdeck::Ui {

namespace {

constexpr int RecountDelayMs = 200;

// Walks a QString and its UTF-8 form together: UTF-16 indexes in increasing order become byte
// offsets in one pass.
class Utf8Offsets
{
public:
    explicit Utf8Offsets(const QString &text)
        : m_text(text)
    {}

    qsizetype at(qsizetype index)
    {
        for (; m_index < index; ++m_index) {
            const char16_t c = m_text[m_index].unicode();
            if (QChar::isHighSurrogate(c)) {
                m_bytes += 4;
                ++m_index;
            } else {
                m_bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            }
        }
        return m_bytes;
    }

private:
    const QString &m_text;
    qsizetype m_index = 0;
    qsizetype m_bytes = 0;
};

// "\1".."\9" and "\0" insert groups, "\n" and "\t" a newline and a tab, "\\" a backslash.
QString expand(const QString &replacement, const QRegularExpressionMatch &match)
{
    QString out;
    for (qsizetype i = 0; i < replacement.size(); ++i) {
        const QChar c = replacement[i];
        if (c != u'\\' || i + 1 == replacement.size()) {
            out += c;
            continue;
        }
        const QChar next = replacement[++i];
        if (next.isDigit())
            out += match.captured(next.digitValue());
        else if (next == u'n')
            out += u'\n';
        else if (next == u't')
            out += u'\t';
        else
            out += next;
    }
    return out;
}

} // namespace

FindBar::FindBar(CodeEditor *editor, QWidget *parent)
    : QWidget(parent)
    , m_editor(editor)
    , m_recount(new QTimer(this))
{
    setAccessibleName(tr("Find and replace"));
    auto *rows = new QVBoxLayout;
    rows->setContentsMargins(0, 0, 0, 0);
    rows->setSpacing(2);
    rows->addWidget(m_findRow = buildFindRow());
    rows->addWidget(m_replaceRow = buildReplaceRow());
    rows->addWidget(m_lineRow = buildLineRow());
    auto *close = new QToolButton(this);
    close->setAutoRaise(true);
    close->setText(u"✕"_s);
    close->setToolTip(tr("Close (Esc)"));
    close->setAccessibleName(tr("Close the find bar"));
    connect(close, &QToolButton::clicked, this, &FindBar::dismiss);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->addLayout(rows, 1);
    layout->addWidget(close, 0, Qt::AlignTop);

    // Edits made while the bar is open update the count and highlights, a little later.
    m_recount->setSingleShot(true);
    m_recount->setInterval(RecountDelayMs);
    connect(m_recount, &QTimer::timeout, this, [this] { refresh(false); });
    connect(m_editor, &QsciScintilla::textChanged, this, [this] {
        if (isVisible() && m_mode != Mode::GoToLine)
            m_recount->start();
    });
    hide();
}

QWidget *FindBar::buildFindRow()
{
    auto *row = new QWidget(this);
    m_find = new QLineEdit(row);
    m_find->setPlaceholderText(tr("Find"));
    m_find->setAccessibleName(tr("Text to find"));
    m_find->setClearButtonEnabled(true);
    m_find->installEventFilter(this);
    auto *previous = new QToolButton(row);
    previous->setArrowType(Qt::UpArrow);
    previous->setToolTip(tr("Previous match (Shift+F3)"));
    auto *next = new QToolButton(row);
    next->setArrowType(Qt::DownArrow);
    next->setToolTip(tr("Next match (F3, Enter)"));
    m_regex = new QCheckBox(tr("Regular e&xpression"), row);
    m_matchCase = new QCheckBox(tr("Match &case"), row);
    m_wholeWord = new QCheckBox(tr("&Whole words"), row);
    m_regex->setObjectName(u"regex"_s);
    m_matchCase->setObjectName(u"matchCase"_s);
    m_wholeWord->setObjectName(u"wholeWord"_s);
    m_status = new QLabel(row);
    m_status->setObjectName(u"findStatus"_s);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    for (QWidget *widget : std::initializer_list<QWidget *>{m_find, previous, next, m_regex, m_matchCase, m_wholeWord})
        layout->addWidget(widget);
    layout->addWidget(m_status, 1);
    connect(previous, &QToolButton::clicked, this, &FindBar::findPrevious);
    connect(next, &QToolButton::clicked, this, &FindBar::findNext);
    connect(m_find, &QLineEdit::textEdited, this, [this] { refresh(true); });
    connect(m_find, &QLineEdit::returnPressed, this, &FindBar::findNext);
    for (QCheckBox *option : {m_regex, m_matchCase, m_wholeWord})
        connect(option, &QCheckBox::toggled, this, [this] { refresh(true); });
    return row;
}

QWidget *FindBar::buildReplaceRow()
{
    auto *row = new QWidget(this);
    m_replace = new QLineEdit(row);
    m_replace->setObjectName(u"replacement"_s);
    m_replace->setPlaceholderText(tr("Replace with"));
    m_replace->setAccessibleName(tr("Replacement text"));
    m_replace->setToolTip(tr("With a regular expression, \\1 to \\9 insert its groups"));
    auto *one = new QPushButton(tr("Re&place"), row);
    auto *all = new QPushButton(tr("Replace &all"), row);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_replace);
    layout->addWidget(one);
    layout->addWidget(all);
    layout->addStretch(1);
    connect(m_replace, &QLineEdit::returnPressed, this, &FindBar::replaceCurrent);
    connect(one, &QPushButton::clicked, this, &FindBar::replaceCurrent);
    connect(all, &QPushButton::clicked, this, &FindBar::replaceAll);
    return row;
}

QWidget *FindBar::buildLineRow()
{
    auto *row = new QWidget(this);
    auto *label = new QLabel(tr("Go to line:"), row);
    m_line = new QLineEdit(row);
    m_line->setAccessibleName(tr("Line number"));
    m_lineValidator = new QIntValidator(1, 1, m_line);
    m_line->setValidator(m_lineValidator);
    label->setBuddy(m_line);
    m_lineHint = new QLabel(row);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(label);
    layout->addWidget(m_line);
    layout->addWidget(m_lineHint, 1);
    connect(m_line, &QLineEdit::returnPressed, this, &FindBar::goToLine);
    return row;
}

void FindBar::open(Mode mode)
{
    m_mode = mode;
    const bool lineMode = mode == Mode::GoToLine;
    m_findRow->setVisible(!lineMode);
    m_replaceRow->setVisible(mode == Mode::Replace);
    m_lineRow->setVisible(lineMode);
    show();
    if (lineMode) {
        const int count = m_editor->lines();
        m_lineValidator->setTop(count);
        m_lineHint->setText(tr("1 to %1").arg(count));
        m_line->clear();
        m_line->setFocus(Qt::ShortcutFocusReason);
        m_editor->setSearchHighlights({});
        return;
    }
    // A selection on one line is what the user wants to find.
    const QString selected = m_editor->selectedText();
    if (!selected.isEmpty() && !selected.contains(u'\n'))
        m_find->setText(selected);
    m_origin = m_editor->selectedBytes().first;
    m_find->selectAll();
    m_find->setFocus(Qt::ShortcutFocusReason);
    refresh(false);
}

void FindBar::dismiss()
{
    hide();
    m_recount->stop();
    m_editor->setSearchHighlights({});
    m_editor->setFocus(Qt::OtherFocusReason);
}

QString FindBar::statusText() const
{
    return m_status->text();
}

QList<FindBar::Match> FindBar::search(bool withReplacements)
{
    if (m_find->text().isEmpty()) {
        m_status->clear();
        return {};
    }
    QString pattern = m_regex->isChecked() ? m_find->text() : QRegularExpression::escape(m_find->text());
    if (m_wholeWord->isChecked())
        pattern = u"\\b(?:"_s + pattern + u")\\b"_s;
    QRegularExpression::PatternOptions options = QRegularExpression::UseUnicodePropertiesOption;
    if (!m_matchCase->isChecked())
        options |= QRegularExpression::CaseInsensitiveOption;
    const QRegularExpression expression(pattern, options);
    if (!expression.isValid()) {
        m_status->setText(tr("Invalid regular expression: %1").arg(expression.errorString()));
        return {};
    }
    const QString text = QString::fromUtf8(m_editor->textBytes());
    Utf8Offsets offsets(text);
    QList<Match> matches;
    for (auto it = expression.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        if (match.capturedLength() == 0)
            continue; // empty matches (as "x*" finds everywhere) cannot be shown or stepped through
        Match found{offsets.at(match.capturedStart()), offsets.at(match.capturedEnd()), {}};
        if (withReplacements)
            found.replacement = (m_regex->isChecked() ? expand(m_replace->text(), match) : m_replace->text()).toUtf8();
        matches.append(found);
    }
    m_status->setText(matches.isEmpty()     ? tr("No match")
                      : matches.size() == 1 ? tr("1 match")
                                            : tr("%1 matches").arg(matches.size()));
    return matches;
}

// Recounts and highlights; with select, also selects the first match from where the search began.
void FindBar::refresh(bool select)
{
    const QList<Match> matches = search(false);
    QList<CodeEditor::ByteRange> ranges;
    ranges.reserve(matches.size());
    for (const Match &match : matches)
        ranges.append({match.start, match.end});
    m_editor->setSearchHighlights(ranges);
    if (!select || matches.isEmpty())
        return;
    const auto it =
        std::find_if(matches.cbegin(), matches.cend(), [this](const Match &m) { return m.start >= m_origin; });
    selectMatch(matches, it == matches.cend() ? 0 : it - matches.cbegin(), it == matches.cend());
}

bool FindBar::selectMatch(const QList<Match> &matches, qsizetype index, bool wrapped)
{
    m_editor->selectBytes(matches[index].start, matches[index].end);
    m_status->setText(tr("%1 of %2").arg(index + 1).arg(matches.size()) +
                      (wrapped ? tr(" (wrapped around)") : QString()));
    return true;
}

bool FindBar::findNext()
{
    const QList<Match> matches = search(false);
    if (matches.isEmpty())
        return false;
    const qsizetype after = m_editor->selectedBytes().second;
    const auto it =
        std::find_if(matches.cbegin(), matches.cend(), [after](const Match &m) { return m.start >= after; });
    return selectMatch(matches, it == matches.cend() ? 0 : it - matches.cbegin(), it == matches.cend());
}

bool FindBar::findPrevious()
{
    const QList<Match> matches = search(false);
    if (matches.isEmpty())
        return false;
    const qsizetype before = m_editor->selectedBytes().first;
    const auto it =
        std::find_if(matches.crbegin(), matches.crend(), [before](const Match &m) { return m.end <= before; });
    const bool wrapped = it == matches.crend();
    return selectMatch(matches, wrapped ? matches.size() - 1 : matches.crend() - it - 1, wrapped);
}

bool FindBar::replaceCurrent()
{
    const QList<Match> matches = search(true);
    const auto selection = m_editor->selectedBytes();
    const auto it = std::find_if(matches.cbegin(), matches.cend(), [&selection](const Match &m) {
        return m.start == selection.first && m.end == selection.second;
    });
    if (it == matches.cend())
        return findNext();
    m_editor->applyEdits({{it->start, it->end - it->start, it->replacement}});
    m_editor->selectBytes(it->start + it->replacement.size(), it->start + it->replacement.size());
    findNext();
    return true;
}

int FindBar::replaceAll()
{
    const QList<Match> matches = search(true);
    QList<Core::Lang::TextEdit> edits;
    edits.reserve(matches.size());
    for (const Match &match : matches)
        edits.append({match.start, match.end - match.start, match.replacement});
    m_editor->applyEdits(edits); // one undo step
    if (!matches.isEmpty())
        m_status->setText(matches.size() == 1 ? tr("Replaced 1 match") : tr("Replaced %1 matches").arg(matches.size()));
    return int(matches.size());
}

void FindBar::goToLine()
{
    bool ok = false;
    const int line = m_line->text().toInt(&ok);
    if (!ok)
        return;
    m_editor->goToLine(line);
    dismiss();
}

void FindBar::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape) {
        dismiss();
        return;
    }
    QWidget::keyPressEvent(event);
}

// Shift+Return in the find field steps backwards (QLineEdit would report it as plain Return).
bool FindBar::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_find && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) && key->modifiers() & Qt::ShiftModifier) {
            findPrevious();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace Flowdeck::Ui
