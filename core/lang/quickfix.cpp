// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/lang/quickfix.h"

#include "core/lang/definitiondata.h"
#include "core/lang/flowedit.h"
#include "core/lang/jsonedit.h"

#include <QCoreApplication>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Flowdeck::Core::Lang {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("QuickFix", text);
}

TextChange single(const QString &title, const std::optional<TextEdit> &edit)
{
    return edit ? TextChange{title, {*edit}} : TextChange{};
}

TextChange retiredTransfer(const JsonText &text, const QJsonArray &urlPath)
{
    const QString url = currentTransferUrl(text.node(urlPath).stringView());
    if (url.isEmpty())
        return {};
    TextChange change{tr("Use %1 and rename its inputs").arg(url), {}};
    change.edits.append(*JsonEdit::replaceValue(text, urlPath, url));
    QJsonArray parameters = urlPath;
    parameters.removeLast();
    parameters.append(u"Parameters"_s);
    for (const JsonNode member : text.node(parameters)) {
        const QString renamed = renamedTransferKey(member.key());
        QJsonArray at = parameters;
        at.append(member.key());
        if (!renamed.isEmpty())
            if (const auto edit = JsonEdit::renameKey(text, at, renamed))
                change.edits.append(*edit);
    }
    return change;
}

QList<TextChange> missingState(const JsonText &text, const Diagnostic &diagnostic)
{
    QList<TextChange> fixes;
    const QString target = text.node(diagnostic.path).toString();
    if (target.isEmpty())
        return fixes;
    static const QRegularExpression suggestion(u"did you mean \"(.+)\"\\?$"_s);
    const QRegularExpressionMatch match = suggestion.match(diagnostic.message);
    if (match.hasMatch())
        fixes.append(single(tr("Change to \"%1\"").arg(match.captured(1)),
                            JsonEdit::replaceValue(text, diagnostic.path, match.captured(1))));
    TextChange create = FlowEdit::addState(text, target, QJsonObject{{u"Type"_s, u"Pass"_s}});
    create.title = tr("Create the state \"%1\"").arg(target);
    fixes.append(create);
    return fixes;
}

} // namespace

QList<TextChange> quickFixes(const JsonText &text, const Diagnostic &diagnostic)
{
    QList<TextChange> fixes;
    const QJsonArray &path = diagnostic.path;
    if (!text.isValid() || path.isEmpty())
        return fixes;
    const QString last = path.last().toString();
    QJsonArray parent = path;
    parent.removeLast();
    if (diagnostic.code == "FD300"_L1) {
        fixes.append(
            single(tr("Rename the key to \"%1.$\"").arg(last), JsonEdit::renameKey(text, path, last + u".$"_s)));
    } else if (diagnostic.code == "FD120"_L1 && last == "End"_L1) {
        fixes.append(single(tr("Remove \"End\""), JsonEdit::remove(text, path)));
    } else if (diagnostic.code == "FD120"_L1) {
        fixes.append(single(tr("Add \"End\": true"), JsonEdit::insertMember(text, path, u"End"_s, true)));
    } else if (diagnostic.code == "FD301"_L1) {
        fixes.append(retiredTransfer(text, path));
    } else if (diagnostic.code == "FD303"_L1) {
        const QString renamed = renamedTransferKey(last);
        if (!renamed.isEmpty())
            fixes.append(single(tr("Rename to \"%1\"").arg(renamed), JsonEdit::renameKey(text, path, renamed)));
    } else if (diagnostic.code == "FD201"_L1 || diagnostic.code == "FD200"_L1) {
        fixes.append(missingState(text, diagnostic));
    }
    fixes.removeIf([](const TextChange &fix) { return fix.isEmpty(); });
    return fixes;
}

} // namespace Flowdeck::Core::Lang
