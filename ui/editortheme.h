// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>

class QPalette;

namespace Flowdeck::Ui {

// The colours of the code editor: taken from KDE syntax-highlighting's default light or dark theme
// when Flowdeck is built with KF6SyntaxHighlighting, from a built-in palette otherwise.
struct EditorTheme
{
    bool dark = false;
    // The editor itself.
    QColor background;
    QColor foreground;
    QColor selection;
    QColor currentLine;
    QColor gutter; // margins' background
    QColor lineNumber;
    QColor braceMatch; // background of a matched brace
    QColor braceMismatch;
    QColor searchMatch;
    // JSON tokens.
    QColor key;
    QColor string;
    QColor number;
    QColor keyword; // true, false, null
    QColor punctuation;
    QColor escape;
    QColor comment;
    QColor invalid;
    // Diagnostics: squiggles and margin marks.
    QColor error;
    QColor warning;
    QColor info;
};

// Light or dark by the lightness of the palette's window colour.
EditorTheme editorTheme(const QPalette &palette);

} // namespace Flowdeck::Ui
