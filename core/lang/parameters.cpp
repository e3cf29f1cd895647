// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/lang/parameters.h"

#include "core/lang/expression.h"
#include "core/lang/jsonpath.h"

#include <QCoreApplication>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Flowdeck::Core::Lang::DataFlow {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("DataFlow", text);
}

std::nullopt_t fail(Error *error, const QString &message, const QJsonArray &path)
{
    if (error)
        *error = {message, path};
    return std::nullopt;
}

QJsonArray join(QJsonArray path, const QJsonValue &step)
{
    path.append(step);
    return path;
}

std::optional<QJsonValue> evaluate(const QJsonValue &value, const QJsonValue &input, const QJsonArray &at, Error *error)
{
    if (value.isArray()) {
        QJsonArray out;
        const QJsonArray items = value.toArray();
        for (qsizetype i = 0; i < items.size(); ++i) {
            const auto item = evaluate(items.at(i), input, join(at, i), error);
            if (!item)
                return std::nullopt;
            out.append(*item);
        }
        return out;
    }
    if (!value.isObject())
        return value;
    QJsonObject out;
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString key = it.key();
        const QJsonArray here = join(at, key);
        if (key == "__Private_Parameters"_L1)
            continue;
        if (key.endsWith(".$"_L1)) {
            JsonPath::Error pathError;
            const auto path = JsonPath::parse(it.value().toString(), &pathError);
            if (!path)
                return fail(error, tr("\"%1\" is not a valid path: %2").arg(it.value().toString(), pathError.message),
                            here);
            const auto found = path->read(input);
            if (!found)
                return fail(error, tr("%1 does not exist in the state this step sees").arg(it.value().toString()),
                            here);
            out.insert(key.chopped(2), *found);
        } else if (key.endsWith(".="_L1)) {
            Expression::Error expressionError;
            const auto expression = Expression::parse(it.value().toString(), &expressionError);
            const auto result = expression ? expression->evaluate(input, &expressionError) : std::nullopt;
            if (!result)
                return fail(error, tr("The expression failed: %1").arg(expressionError.message), here);
            out.insert(key.chopped(2), *result);
        } else {
            const auto nested = evaluate(it.value(), input, here, error);
            if (!nested)
                return std::nullopt;
            out.insert(key, *nested);
        }
    }
    return out;
}

void collectPrivate(const QJsonValue &value, QStringList *names)
{
    if (value.isArray()) {
        for (const QJsonValue &item : value.toArray())
            collectPrivate(item, names);
        return;
    }
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key() == "__Private_Parameters"_L1) {
            for (const QJsonValue &name : it.value().toArray())
                if (!names->contains(name.toString()))
                    names->append(name.toString());
        } else {
            collectPrivate(it.value(), names);
        }
    }
}

} // namespace

std::optional<QJsonValue> applyParameters(const QJsonValue &parameters, const QJsonValue &input, Error *error)
{
    return evaluate(parameters, input, QJsonArray{u"Parameters"_s}, error);
}

QStringList privateParameterNames(const QJsonValue &parameters)
{
    QStringList names;
    collectPrivate(parameters, &names);
    return names;
}

std::optional<QJsonValue> applyInputPath(const QJsonValue &state, const QString &inputPath, Error *error)
{
    if (inputPath.isEmpty())
        return state;
    JsonPath::Error pathError;
    const auto path = JsonPath::parse(inputPath, &pathError);
    if (!path)
        return fail(error, tr("InputPath \"%1\" is not a valid path: %2").arg(inputPath, pathError.message),
                    QJsonArray{u"InputPath"_s});
    const auto found = path->read(state);
    if (!found)
        return fail(error, tr("InputPath %1 does not exist in the run state").arg(inputPath),
                    QJsonArray{u"InputPath"_s});
    return found;
}

std::optional<QJsonValue> applyResultPath(const QJsonValue &state, const QString &resultPath, const QJsonValue &result,
                                          Error *error)
{
    const QString text = resultPath.isEmpty() ? u"$"_s : resultPath;
    JsonPath::Error pathError;
    const auto path = JsonPath::parse(text, &pathError);
    if (!path)
        return fail(error, tr("ResultPath \"%1\" is not a valid path: %2").arg(text, pathError.message),
                    QJsonArray{u"ResultPath"_s});
    if (path->startsWith(u"_context"_s))
        return fail(error, tr("ResultPath cannot write into $._context, the run's read-only context"),
                    QJsonArray{u"ResultPath"_s});
    QString why;
    const auto written = path->write(state, result, &why);
    return written ? written : fail(error, why, QJsonArray{u"ResultPath"_s});
}

} // namespace Flowdeck::Core::Lang::DataFlow
