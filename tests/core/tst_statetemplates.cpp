// SPDX-License-Identifier: GPL-3.0-or-later
// The palette's templates: each validates once the caller connects it, the action providers are the
// current ones, and the well-known provider list comes from the same table.
#include "core/lang/definitionvalidator.h"
#include "core/lang/statetemplates.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Flowdeck::Core::Lang;

namespace {

// The definition a studio would make of the template alone: transitional states end the flow, a
// Choice's placeholder target becomes a real state, a Fail state stands as it is.
QByteArray definitionOf(const StateTemplate &t)
{
    QJsonObject state = t.state;
    QJsonObject states;
    const QString type = state.value("Type"_L1).toString();
    if (type == "Choice"_L1)
        states.insert(u"NextState"_s, QJsonObject{{u"Type"_s, u"Pass"_s}, {u"End"_s, true}});
    else if (type != "Fail"_L1)
        state.insert(u"End"_s, true);
    states.insert(t.suggestedName, state);
    const QJsonObject definition{{u"StartAt"_s, t.suggestedName}, {u"States"_s, states}};
    return QJsonDocument(definition).toJson();
}

QStringList valuesOfDollarKeys(const QJsonValue &value)
{
    QStringList paths;
    if (value.isArray())
        for (const QJsonValue &item : value.toArray())
            paths << valuesOfDollarKeys(item);
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key().endsWith(".$"_L1))
            paths << it.value().toString();
        else
            paths << valuesOfDollarKeys(it.value());
    }
    return paths;
}

} // namespace

class TestStateTemplates : public QObject
{
    Q_OBJECT

private slots:
    void templates_validateWhenConnected_data();
    void templates_validateWhenConnected();
    void templates_coverTypesAndProviders();
    void wellKnownProviders_comeFromTheTable();
};

void TestStateTemplates::templates_validateWhenConnected_data()
{
    QTest::addColumn<QString>("id");
    for (const StateTemplate &t : stateTemplates())
        QTest::newRow(qPrintable(t.id)) << t.id;
}

void TestStateTemplates::templates_validateWhenConnected()
{
    QFETCH(QString, id);
    const StateTemplate *t = findStateTemplate(id);
    QVERIFY(t);
    QVERIFY(!t->title.isEmpty() && !t->description.isEmpty() && !t->category.isEmpty());
    QVERIFY2(QRegularExpression(u"^[A-Z][A-Za-z0-9]*$"_s).match(t->suggestedName).hasMatch(),
             qPrintable(t->suggestedName));
    QVERIFY(!t->state.contains("Next"_L1) && !t->state.contains("End"_L1));
    const QByteArray definition = definitionOf(*t);
    const QList<Diagnostic> diagnostics = DefinitionValidator::validate(definition);
    QString found;
    for (const Diagnostic &d : diagnostics)
        found += Diagnostic::severityName(d.severity) + u' ' + d.code + u' ' + d.message + u'\n';
    // Not even warnings: a template should teach good habits (ResultPath set, ".$" on paths).
    QVERIFY2(diagnostics.isEmpty(), qPrintable(found + QString::fromUtf8(definition)));
    for (const QString &path : valuesOfDollarKeys(t->state.value("Parameters"_L1)))
        QVERIFY2(path.startsWith("$."_L1), qPrintable(path));
}

void TestStateTemplates::templates_coverTypesAndProviders()
{
    QSet<QString> ids;
    for (const StateTemplate &t : stateTemplates()) {
        QVERIFY2(!ids.contains(t.id), qPrintable(t.id));
        ids.insert(t.id);
        QCOMPARE(findStateTemplate(t.id)->id, t.id);
    }
    for (const char *type :
         {"Action", "Pass", "Choice", "Wait", "Fail", "ExpressionEval", "CreateWebInput", "AwaitWebInput"}) {
        const StateTemplate *t = findStateTemplate(u"type:"_s + QLatin1StringView(type));
        QVERIFY2(t, type);
        QCOMPARE(t->state.value("Type"_L1).toString(), QLatin1StringView(type));
    }
    QCOMPARE(findStateTemplate(u"type:Choice"_s)->state[u"Choices"_s][0][u"Next"_s].toString(), u"NextState"_s);
    const auto urlOf = [](const char *id) {
        const StateTemplate *t = findStateTemplate(QLatin1StringView(id));
        return t ? t->state.value("ActionUrl"_L1).toString() : QString();
    };
    QCOMPARE(urlOf("ap:hello_world"), u"https://actions.globus.org/hello_world"_s);
    QCOMPARE(urlOf("ap:transfer"), u"https://transfer.actions.globus.org/transfer"_s);
    QCOMPARE(urlOf("ap:ls"), u"https://transfer.actions.globus.org/ls"_s);
    QCOMPARE(urlOf("ap:mkdir"), u"https://transfer.actions.globus.org/mkdir"_s);
    QCOMPARE(urlOf("ap:delete"), u"https://transfer.actions.globus.org/delete"_s);
    QCOMPARE(urlOf("ap:manage_permission"), u"https://transfer.actions.globus.org/manage_permission"_s);
    QCOMPARE(urlOf("ap:search_ingest"), u"https://actions.globus.org/search/ingest"_s);
    QCOMPARE(urlOf("ap:search_delete"), u"https://actions.globus.org/search/delete"_s);
    QCOMPARE(urlOf("ap:notify"), u"https://actions.globus.org/notification/notify"_s);
    QCOMPARE(urlOf("ap:compute"), u"https://compute.actions.globus.org/v3"_s);
    // The current Transfer provider's input names, not the retired ones.
    const QJsonObject transfer = findStateTemplate(u"ap:transfer"_s)->state.value("Parameters"_L1).toObject();
    QVERIFY(transfer.contains("source_endpoint.$"_L1) && transfer.contains("destination_endpoint.$"_L1));
    QVERIFY(transfer.value("DATA"_L1).isArray());
    QVERIFY(!findStateTemplate(u"ap:nothing"_s));
}

void TestStateTemplates::wellKnownProviders_comeFromTheTable()
{
    QSet<QString> urls;
    for (const ActionProviderInfo &provider : wellKnownActionProviders()) {
        QVERIFY(provider.url.startsWith("https://"_L1) && !provider.url.endsWith(u'/'));
        QVERIFY(!provider.title.isEmpty() && !provider.description.isEmpty());
        QVERIFY2(!provider.url.startsWith("https://actions.globus.org/transfer/"_L1), qPrintable(provider.url));
        urls.insert(provider.url);
    }
    for (const StateTemplate &t : stateTemplates())
        if (t.id.startsWith("ap:"_L1))
            QVERIFY2(urls.contains(t.state.value("ActionUrl"_L1).toString()), qPrintable(t.id));
    QCOMPARE(urls.size(), wellKnownActionProviders().size());
}

QTEST_GUILESS_MAIN(TestStateTemplates)
#include "tst_statetemplates.moc"
