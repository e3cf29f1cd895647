// SPDX-License-Identifier: GPL-3.0-or-later
// FD22x: paths and expressions where a definition reads or writes data. FD3xx: lints for mistakes
// no other tool catches (a path without ".$", retired Transfer action providers).
#include "core/lang/definitiondata.h"
#include "core/lang/expression.h"
#include "core/lang/jsonpath.h"
#include "core/lang/validationcontext.h"

#include <QRegularExpression>
#include <QSet>

using namespace Qt::StringLiterals;

namespace Flowdeck::Core::Lang {

namespace {

class PathChecker
{
public:
    explicit PathChecker(ValidationContext &context)
        : c(context)
    {}

    void run()
    {
        m_known = knownKeys();
        for (const JsonNode state : c.states())
            if (state.isObject())
                checkState(Loc(m_states, state.keyView()), state);
    }

private:
    // The run-state keys a flow can read: those its input schema declares and those its states
    // store (ResultPath). nullopt when that cannot be known (no schema, or a state replaces the
    // whole state with "$"), which turns the FD302 lint off rather than guessing.
    std::optional<QSet<QString>> knownKeys() const
    {
        const JsonNode properties = c.inputSchema().value("properties"_L1);
        if (!properties.isObject())
            return std::nullopt;
        QSet<QString> known;
        for (const JsonNode property : properties)
            known.insert(property.key());
        for (const JsonNode state : c.states()) {
            if (!state.contains("ResultPath"_L1) && replacesStateByDefault(state))
                return std::nullopt;
            for (const StateWrite &write : stateWrites(state)) {
                const auto parsed = JsonPath::parse(write.resultPath.toString());
                const QString key = parsed ? firstKey(*parsed) : QString();
                if (key.isEmpty())
                    return std::nullopt;
                known.insert(key);
            }
        }
        return known;
    }

    void unknownKey(const Loc &at, const QString &key, const QString &shown)
    {
        if (!m_known || m_known->contains(key) || key == "_context"_L1)
            return;
        c.warning("FD302", at,
                  c.tr("%1 reads \"%2\", which the input schema does not declare and no state stores (ResultPath); "
                       "check the spelling, or declare it in the input schema")
                      .arg(shown, key));
    }

    // Parses a path field; returns it when valid. Reads are checked against the known keys.
    std::optional<JsonPath> path(const Loc &at, const JsonNode &value, bool reads = true)
    {
        if (!value.isString())
            return std::nullopt;
        JsonPath::Error error;
        const QString text = value.toString();
        const auto parsed = JsonPath::parse(text, &error);
        if (!parsed)
            c.error("FD220", at,
                    c.tr("\"%1\" is not a valid path: %2 (at character %3)")
                        .arg(text, error.message)
                        .arg(error.position + 1));
        else if (reads && !firstKey(*parsed).isEmpty())
            unknownKey(at, firstKey(*parsed), text);
        return parsed;
    }

    void resultPath(const Loc &at, const JsonNode &value)
    {
        const auto parsed = path(at, value, false);
        if (!parsed)
            return;
        if (parsed->startsWith(u"_context"_s))
            c.error("FD222", at, c.tr("$._context is the run's read-only context; store the result elsewhere"));
        else if (parsed->hasWildcard())
            c.error("FD225", at, c.tr("A ResultPath cannot contain '*': name one place to store the result"));
    }

    void checkState(const Loc &at, const JsonNode &state)
    {
        visitDataFields(at, state, [this](const Loc &field, const JsonNode &value, DataField kind) {
            switch (kind) {
            case DataField::Path:
            case DataField::PresenceCheck:
                path(field, value);
                break;
            case DataField::Reference:
                reference(field, value);
                break;
            case DataField::Expression:
                expression(field, value);
                break;
            case DataField::Constant:
                constant(field, value);
                break;
            case DataField::ResultPath:
                resultPath(field, value);
                break;
            }
        });
        const std::string_view type = state.value("Type"_L1).stringView();
        if (type == "Action" && !state.contains("ResultPath"_L1))
            c.warning("FD224", at,
                      c.tr("Without \"ResultPath\" the action's result replaces the whole run state; add e.g. "
                           "\"ResultPath\": \"$.%1Result\"")
                          .arg(at.lastKey().remove(QRegularExpression(u"[^A-Za-z0-9_]"_s))),
                      true);
        if (type == "Action")
            retiredTransfer(at, state);
    }

    void reference(const Loc &at, const JsonNode &value)
    {
        if (!value.isString()) {
            c.error("FD220", at, c.tr("A \".$\" parameter takes a path such as \"$.input.name\""));
            return;
        }
        path(at, value);
    }

    void expression(const Loc &at, const JsonNode &value)
    {
        if (!value.isString()) {
            c.error("FD221", at, c.tr("A \".=\" parameter takes an expression written as a string"));
            return;
        }
        const QString text = value.toString();
        Expression::Error error;
        const auto parsed = Expression::parse(text, &error);
        if (!parsed) {
            c.error(
                "FD221", at,
                c.tr("The expression is not valid: %1 (at character %2)").arg(error.message).arg(error.position + 1));
            return;
        }
        if (!m_known)
            return; // nothing to check names against
        for (const QString &name : unguardedNames(*parsed, text))
            unknownKey(at, name, c.tr("The expression"));
    }

    // The classic mistake: a path as a constant. Without ".$" the text itself is sent.
    void constant(const Loc &at, const JsonNode &member)
    {
        const std::string_view value = member.stringView();
        if (value.size() < 2 || value[0] != '$' || (value[1] != '.' && value[1] != '['))
            return; // the common case, decided without building strings
        static const QRegularExpression looksLikePath(u"^\\$(\\.[A-Za-z_]|\\[)"_s);
        const QString text = member.toString();
        if (looksLikePath.match(text).hasMatch() && JsonPath::parse(text))
            c.warning("FD300", at,
                      c.tr("\"%1\" looks like a path, but \"%2\" has no \".$\" suffix, so the text \"%1\" itself is "
                           "sent; rename the key to \"%2.$\" to send the value at that path")
                          .arg(text, member.key()),
                      true);
    }

    // actions.(automate.)globus.org/transfer/* shut down on 2025-01-22 (reference §5.6).
    void retiredTransfer(const Loc &at, const JsonNode &state)
    {
        const QString current = currentTransferUrl(state.value("ActionUrl"_L1).stringView());
        if (current.isEmpty())
            return;
        c.error("FD301", Loc(at, "ActionUrl"),
                c.tr("This Transfer action provider was shut down on 2025-01-22; use \"%1\" (its inputs are "
                     "renamed: transfer_items → DATA, source_endpoint_id → source_endpoint, destination_endpoint_id → "
                     "destination_endpoint)")
                    .arg(current));
        const Loc paramsAt(at, "Parameters");
        for (const JsonNode member : state.value("Parameters"_L1)) {
            const QString renamed = renamedTransferKey(member.key());
            if (!renamed.isEmpty())
                c.warning("FD303", Loc(paramsAt, member.keyView()),
                          c.tr("The current Transfer action provider calls this \"%1\"").arg(renamed), true);
        }
    }

    ValidationContext &c;
    std::optional<QSet<QString>> m_known;
    const Loc m_root;
    const Loc m_states{m_root, "States"};
};

} // namespace

void checkPaths(ValidationContext &context)
{
    PathChecker(context).run();
}

} // namespace Flowdeck::Core::Lang
