// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/editortheme.h"

#include <QPalette>

#ifdef FLOWDECK_HAVE_KSYNTAXHIGHLIGHTING
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/Theme>
#endif

namespace Flowdeck::Ui {

namespace {

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

#ifdef FLOWDECK_HAVE_KSYNTAXHIGHLIGHTING

EditorTheme fromKde(bool dark)
{
    using KSyntaxHighlighting::Repository;
    using KSyntaxHighlighting::Theme;
    static const Repository repository; // loading it reads all definitions: once per process
    const Theme theme = repository.defaultTheme(dark ? Repository::DarkTheme : Repository::LightTheme);
    auto text = [&theme](Theme::TextStyle style) { return QColor(theme.textColor(style)); };
    auto editor = [&theme](Theme::EditorColorRole role) { return QColor(theme.editorColor(role)); };
    EditorTheme t;
    t.dark = dark;
    t.background = editor(Theme::BackgroundColor);
    t.foreground = text(Theme::Normal);
    t.selection = editor(Theme::TextSelection);
    t.currentLine = editor(Theme::CurrentLine);
    t.gutter = editor(Theme::IconBorder);
    t.lineNumber = editor(Theme::LineNumbers);
    t.braceMatch = editor(Theme::BracketMatching);
    t.braceMismatch = text(Theme::Error);
    t.searchMatch = editor(Theme::SearchHighlight);
    // As Kate's own JSON definition maps them: keys are data types, true/false/null keywords.
    t.key = text(Theme::DataType);
    t.string = text(Theme::String);
    t.number = text(Theme::DecVal);
    t.keyword = text(Theme::Keyword);
    t.punctuation = text(Theme::Normal);
    t.escape = text(Theme::SpecialChar);
    t.comment = text(Theme::Comment);
    t.invalid = text(Theme::Error);
    t.error = text(Theme::Error);
    t.warning = text(Theme::Warning);
    t.info = text(Theme::Information);
    return t;
}

#else

// Close to KDE's Breeze Light and Breeze Dark, so both build paths look alike.
EditorTheme builtIn(bool dark)
{
    EditorTheme t;
    t.dark = dark;
    if (dark) {
        t.background = QColor(0x23, 0x26, 0x29);
        t.foreground = QColor(0xcf, 0xcf, 0xc2);
        t.selection = QColor(0x2d, 0x5c, 0x76);
        t.currentLine = QColor(0x2a, 0x2e, 0x32);
        t.gutter = QColor(0x31, 0x36, 0x3b);
        t.lineNumber = QColor(0x7a, 0x7c, 0x7d);
        t.braceMatch = QColor(0x4d, 0x4d, 0x4d);
        t.searchMatch = QColor(0x3f, 0x83, 0x49);
        t.key = QColor(0x27, 0x94, 0xd8);
        t.string = QColor(0xf4, 0x4f, 0x4f);
        t.number = QColor(0xf6, 0x74, 0x00);
        t.keyword = QColor(0xcf, 0xcf, 0xc2);
        t.punctuation = QColor(0xcf, 0xcf, 0xc2);
        t.escape = QColor(0x3d, 0xae, 0xe9);
        t.comment = QColor(0x7a, 0x7c, 0x7d);
        t.error = QColor(0xda, 0x44, 0x53);
        t.warning = QColor(0xe5, 0xa5, 0x0a);
        t.info = QColor(0x3d, 0xae, 0xe9);
    } else {
        t.background = QColor(0xff, 0xff, 0xff);
        t.foreground = QColor(0x1f, 0x1c, 0x1b);
        t.selection = QColor(0x94, 0xca, 0xef);
        t.currentLine = QColor(0xf8, 0xf7, 0xf6);
        t.gutter = QColor(0xf0, 0xf0, 0xf0);
        t.lineNumber = QColor(0xa0, 0xa0, 0xa0);
        t.braceMatch = QColor(0xdd, 0xdd, 0xdd);
        t.searchMatch = QColor(0xff, 0xff, 0x00);
        t.key = QColor(0x00, 0x57, 0xae);
        t.string = QColor(0xbf, 0x03, 0x03);
        t.number = QColor(0xb0, 0x80, 0x00);
        t.keyword = QColor(0x1f, 0x1c, 0x1b);
        t.punctuation = QColor(0x1f, 0x1c, 0x1b);
        t.escape = QColor(0x3d, 0xae, 0xe9);
        t.comment = QColor(0x89, 0x88, 0x87);
        t.error = QColor(0xbf, 0x03, 0x03);
        t.warning = QColor(0xb0, 0x70, 0x00);
        t.info = QColor(0x00, 0x57, 0xae);
    }
    t.braceMismatch = t.error;
    t.invalid = t.error;
    return t;
}

#endif

} // namespace

EditorTheme editorTheme(const QPalette &palette)
{
#ifdef FLOWDECK_HAVE_KSYNTAXHIGHLIGHTING
    return fromKde(isDark(palette));
#else
    return builtIn(isDark(palette));
#endif
}

} // namespace Flowdeck::Ui
