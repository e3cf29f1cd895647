// SPDX-License-Identifier: GPL-3.0-or-later
// FD22x: paths and expressions where a definition reads or writes data. FD3xx: lints for mistakes
// no other tool catches (a path without ".$", retired Transfer action providers).
#include "core/lang/expression.h"
#include "core/lang/jsonpath.h"
#include "core/lang/validationcontext.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

using namespace Qt::StringLiterals;

namespace Flowdeck::Core::Lang {

namespace {

constexpr const char *GuardFunctions[] = {"is_present", "getattr"};

class PathChecker
{
public:
    explicit PathChecker(ValidationContext &context)
        : c(context)
    {}

    void run()
    {
        m_known = knownKeys();
        const QJsonObject states = c.states();
        for (auto it = states.begin(); it != states.end(); ++it)
            if (it.value().isObject())
                checkState(Loc(m_states, it.key()), it.value().toObject());
    }

private:
    // The run-state keys a flow can read: those its input schema declares and those its states
    // store (ResultPath). nullopt when that cannot be known (no schema, or a state replaces the
    // whole state with "$"), which turns the FD302 lint off rather than guessing.
    std::optional<QSet<QString>> knownKeys() const
    {
        const QJsonObject schema = c.inputSchema().toObject();
        if (!schema.value("properties"_L1).isObject())
            return std::nullopt;
        QSet<QString> known;
        for (const QString &key : schema.value("properties"_L1).toObject().keys())
            known.insert(key);
        const QJsonObject states = c.states();
        for (const QJsonValue &value : states) {
            const QJsonObject state = value.toObject();
            const QString type = state.value("Type"_L1).toString();
            const bool replacesByDefault =
                type == "Action"_L1 || type == "CreateWebInput"_L1 || type == "AwaitWebInput"_L1 ||
                (type == "Pass"_L1 && (state.contains("Result"_L1) || state.contains("Parameters"_L1)));
            QList<QJsonValue> writes;
            if (state.contains("ResultPath"_L1))
                writes.append(state.value("ResultPath"_L1));
            else if (replacesByDefault)
                return std::nullopt;
            for (const QJsonValue &catcher : state.value("Catch"_L1).toArray())
                if (catcher.toObject().contains("ResultPath"_L1))
                    writes.append(catcher.toObject().value("ResultPath"_L1));
            for (const QJsonValue &write : writes) {
                const auto parsed = JsonPath::parse(write.toString());
                if (!parsed || parsed->isRoot() || !std::holds_alternative<QString>(parsed->steps().first()))
                    return std::nullopt;
                known.insert(std::get<QString>(parsed->steps().first()));
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
    std::optional<JsonPath> path(const Loc &at, const QJsonValue &value, bool reads = true)
    {
        if (!value.isString())
            return std::nullopt;
        JsonPath::Error error;
        const auto parsed = JsonPath::parse(value.toString(), &error);
        if (!parsed)
            c.error("FD220", at,
                    c.tr("\"%1\" is not a valid path: %2 (at character %3)")
                        .arg(value.toString(), error.message)
                        .arg(error.position + 1));
        else if (reads && !parsed->isRoot() && std::holds_alternative<QString>(parsed->steps().first()))
            unknownKey(at, std::get<QString>(parsed->steps().first()), value.toString());
        return parsed;
    }

    void resultPath(const Loc &at, const QJsonValue &value)
    {
        const auto parsed = path(at, value, false);
        if (!parsed)
            return;
        if (parsed->startsWith(u"_context"_s))
            c.error("FD222", at, c.tr("$._context is the run's read-only context; store the result elsewhere"));
        else if (parsed->hasWildcard())
            c.error("FD225", at, c.tr("A ResultPath cannot contain '*': name one place to store the result"));
    }

    void checkState(const Loc &at, const QJsonObject &state)
    {
        const QString type = state.value("Type"_L1).toString();
        for (const char *field : {"InputPath", "SecondsPath", "TimestampPath", "ErrorPath", "CausePath"})
            path(Loc(at, QString::fromLatin1(field)), state.value(QLatin1StringView(field)));
        if (state.contains("ResultPath"_L1))
            resultPath(Loc(at, u"ResultPath"_s), state.value("ResultPath"_L1));
        else if (type == "Action"_L1)
            c.warning("FD224", at,
                      c.tr("Without \"ResultPath\" the action's result replaces the whole run state; add e.g. "
                           "\"ResultPath\": \"$.%1Result\"")
                          .arg(at.lastKey().remove(QRegularExpression(u"[^A-Za-z0-9_]"_s))),
                      true);
        if (state.value("Parameters"_L1).isObject())
            parameters(Loc(at, u"Parameters"_s), state.value("Parameters"_L1).toObject());
        const QJsonArray catchers = state.value("Catch"_L1).toArray();
        const Loc catchAt(at, u"Catch"_s);
        for (qsizetype i = 0; i < catchers.size(); ++i)
            if (catchers.at(i).toObject().contains("ResultPath"_L1))
                resultPath(Loc(Loc(catchAt, i), u"ResultPath"_s), catchers.at(i).toObject().value("ResultPath"_L1));
        const QJsonArray choices = state.value("Choices"_L1).toArray();
        for (qsizetype i = 0; i < choices.size(); ++i)
            rule(Loc(Loc(at, u"Choices"_s), i), choices.at(i).toObject());
        if (type == "Action"_L1)
            retiredTransfer(at, state);
    }

    void rule(const Loc &at, const QJsonObject &r)
    {
        for (auto it = r.begin(); it != r.end(); ++it) {
            if (it.key() == "Variable"_L1 || (it.key().endsWith("Path"_L1) && it.value().isString()))
                path(Loc(at, it.key()), it.value());
            else if (it.key() == "Not"_L1)
                rule(Loc(at, it.key()), it.value().toObject());
            else if (it.key() == "And"_L1 || it.key() == "Or"_L1)
                for (qsizetype i = 0; i < it.value().toArray().size(); ++i)
                    rule(Loc(Loc(at, it.key()), i), it.value().toArray().at(i).toObject());
        }
    }

    // Parameters and everything nested in them: ".$" keys hold paths, ".=" keys expressions.
    void parameters(const Loc &at, const QJsonValue &value)
    {
        if (value.isArray()) {
            for (qsizetype i = 0; i < value.toArray().size(); ++i)
                parameters(Loc(at, i), value.toArray().at(i));
            return;
        }
        if (!value.isObject())
            return;
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            const Loc here(at, it.key());
            if (it.key().endsWith(".$"_L1))
                reference(here, it.value());
            else if (it.key().endsWith(".="_L1))
                expression(here, it.value());
            else if (it.key() == "__Private_Parameters"_L1)
                continue;
            else if (it.value().isString())
                constant(here, it.key(), it.value().toString());
            else
                parameters(here, it.value());
        }
    }

    void reference(const Loc &at, const QJsonValue &value)
    {
        if (!value.isString()) {
            c.error("FD220", at, c.tr("A \".$\" parameter takes a path such as \"$.input.name\""));
            return;
        }
        path(at, value);
    }

    void expression(const Loc &at, const QJsonValue &value)
    {
        if (!value.isString()) {
            c.error("FD221", at, c.tr("A \".=\" parameter takes an expression written as a string"));
            return;
        }
        Expression::Error error;
        const auto parsed = Expression::parse(value.toString(), &error);
        if (!parsed) {
            c.error(
                "FD221", at,
                c.tr("The expression is not valid: %1 (at character %2)").arg(error.message).arg(error.position + 1));
            return;
        }
        if (!m_known)
            return; // nothing to check names against
        const QString text = value.toString();
        for (const QString &name : parsed->names()) {
            // "x if is_present('x') else ..." checks before it reads: not a mistake.
            const bool guarded = std::any_of(std::begin(GuardFunctions), std::end(GuardFunctions), [&](const char *f) {
                return text.contains(QLatin1StringView(f) + u"('"_s + name) ||
                       text.contains(QLatin1StringView(f) + u"(\""_s + name);
            });
            if (!guarded)
                unknownKey(at, name, c.tr("The expression"));
        }
    }

    // The classic mistake: a path as a constant. Without ".$" the text itself is sent.
    void constant(const Loc &at, const QString &key, const QString &value)
    {
        static const QRegularExpression looksLikePath(u"^\\$(\\.[A-Za-z_]|\\[)"_s);
        if (value.startsWith(u'$') && looksLikePath.match(value).hasMatch() && JsonPath::parse(value))
            c.warning("FD300", at,
                      c.tr("\"%1\" looks like a path, but \"%2\" has no \".$\" suffix, so the text \"%1\" itself is "
                           "sent; rename the key to \"%2.$\" to send the value at that path")
                          .arg(value, key),
                      true);
    }

    // actions.(automate.)globus.org/transfer/* shut down on 2025-01-22 (reference §5.6).
    void retiredTransfer(const Loc &at, const QJsonObject &state)
    {
        static const QRegularExpression retired(
            u"^https://actions\\.(automate\\.)?globus\\.org/transfer/([a-z_]+)/?$"_s);
        const QRegularExpressionMatch match = retired.match(state.value("ActionUrl"_L1).toString());
        if (!match.hasMatch())
            return;
        QString operation = match.captured(2);
        if (operation == "set_permission"_L1)
            operation = u"manage_permission"_s;
        c.error("FD301", Loc(at, u"ActionUrl"_s),
                c.tr("This Transfer action provider was shut down on 2025-01-22; use "
                     "\"https://transfer.actions.globus.org/%1\" (its inputs are renamed: transfer_items → DATA, "
                     "source_endpoint_id → source_endpoint, destination_endpoint_id → destination_endpoint)")
                    .arg(operation));
        static const QHash<QString, QString> renamed{{u"transfer_items"_s, u"DATA"_s},
                                                     {u"source_endpoint_id"_s, u"source_endpoint"_s},
                                                     {u"destination_endpoint_id"_s, u"destination_endpoint"_s}};
        const QJsonObject params = state.value("Parameters"_L1).toObject();
        for (auto it = params.begin(); it != params.end(); ++it) {
            QString base = it.key();
            const QString suffix = base.endsWith(".$"_L1) || base.endsWith(".="_L1) ? base.right(2) : QString();
            base.chop(suffix.size());
            if (renamed.contains(base))
                c.warning(
                    "FD303", Loc(Loc(at, u"Parameters"_s), it.key()),
                    c.tr("The current Transfer action provider calls this \"%1\"").arg(renamed.value(base) + suffix),
                    true);
        }
    }

    ValidationContext &c;
    std::optional<QSet<QString>> m_known;
    const Loc m_root;
    const Loc m_states{m_root, u"States"_s};
};

} // namespace

void checkPaths(ValidationContext &context)
{
    PathChecker(context).run();
}

} // namespace Flowdeck::Core::Lang
