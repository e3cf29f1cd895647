// SPDX-License-Identifier: GPL-3.0-or-later
// The flow graph view, headless: asynchronous layout, clicks and selection sync, run statuses,
// zoom keys, and SVG/PNG export.
#include "core/lang/jsontext.h"
#include "ui/flowgraphview.h"

#include <QAbstractGraphicsShapeItem>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using Flowdeck::Ui::FlowGraphView;
using Flowdeck::Ui::StateRunStatus;

namespace {

const char *const Small = R"j({"StartAt": "Fetch", "States": {
  "Fetch": {"Type": "Action", "ActionUrl": "x", "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Failed"}],
            "Next": "Decide"},
  "Decide": {"Type": "Choice", "Choices": [{"Variable": "$.x", "NumericEquals": 3, "Next": "Done"}],
             "Default": "Later"},
  "Later": {"Type": "Wait", "Seconds": 5, "Next": "Ghost"},
  "Done": {"Type": "Succeed"},
  "Failed": {"Type": "Fail"},
  "Orphan": {"Type": "Pass", "End": true}}})j";

QJsonObject small()
{
    return QJsonDocument::fromJson(Small).object();
}

// About 30 states: a main line of Actions and Passes, Choices that loop back or skip ahead, Catches
// into a shared handler, one unreachable state and one missing target.
QJsonObject thirtyStates()
{
    QJsonObject states;
    const auto name = [](int i) { return u"Step%1"_s.arg(i, 2, 10, QChar(u'0')); };
    for (int i = 0; i < 28; ++i) {
        QJsonObject state{{u"Type"_s, i % 4 == 0 ? u"Action"_s : (i % 4 == 2 ? u"Pass"_s : u"Wait"_s)},
                          {u"Next"_s, name(i + 1)}};
        if (i % 4 == 0)
            state[u"Catch"_s] =
                QJsonArray{QJsonObject{{u"ErrorEquals"_s, QJsonArray{u"States.ALL"_s}}, {u"Next"_s, u"HandleError"_s}}};
        if (i % 7 == 6)
            state = QJsonObject{
                {u"Type"_s, u"Choice"_s},
                {u"Choices"_s,
                 QJsonArray{
                     QJsonObject{{u"Variable"_s, u"$.attempts"_s}, {u"NumericLessThan"_s, 3}, {u"Next"_s, name(i - 2)}},
                     QJsonObject{
                         {u"And"_s, QJsonArray{QJsonObject{{u"Variable"_s, u"$.skip"_s}, {u"BooleanEquals"_s, true}},
                                               QJsonObject{{u"Variable"_s, u"$.mode"_s}, {u"IsPresent"_s, true}}}},
                         {u"Next"_s, name(std::min(i + 3, 28))}}}},
                {u"Default"_s, name(i + 1)}};
        states[name(i)] = state;
    }
    states[name(28)] = QJsonObject{{u"Type"_s, u"Succeed"_s}};
    states[u"HandleError"_s] = QJsonObject{{u"Type"_s, u"Pass"_s}, {u"Next"_s, u"Failed"_s}};
    states[u"Failed"_s] = QJsonObject{{u"Type"_s, u"Fail"_s}};
    states[u"CleanUpTemporaryFilesAfterwards"_s] = QJsonObject{{u"Type"_s, u"Pass"_s}, {u"Next"_s, u"NoSuchState"_s}};
    return {{u"StartAt"_s, name(0)}, {u"States"_s, states}};
}

bool laidOut(FlowGraphView &view, const QJsonObject &definition)
{
    QSignalSpy finished(&view, &FlowGraphView::layoutFinished);
    view.setDefinition(definition);
    return view.isLayoutPending() && finished.wait(10'000) && !view.isLayoutPending();
}

} // namespace

class TestFlowGraphView : public QObject
{
    Q_OBJECT

private slots:
    void setDefinition_drawsEveryState();
    void setDefinition_dropsOutdatedLayouts();
    void click_emitsStateSelected();
    void longEdges_endInStubsThatLeadToTheTarget();
    void selectState_selectsWithoutEmitting();
    void setStateStatus_recolours();
    void zoomKeys_changeTransform();
    void export_writesSvgAndPng();
    void screenshot_whenAsked();
};

void TestFlowGraphView::setDefinition_drawsEveryState()
{
    FlowGraphView view;
    view.resize(800, 600);
    QVERIFY(laidOut(view, small()));
    for (const QString &name : {u"Fetch"_s, u"Decide"_s, u"Later"_s, u"Done"_s, u"Failed"_s, u"Orphan"_s, u"Ghost"_s})
        QVERIFY2(view.nodeItem(name), qPrintable(name));
    QVERIFY(!view.nodeItem(u"Nope"_s));
    QVERIFY(view.nodeItem(u"Orphan"_s)->opacity() < 1); // unreachable
    QCOMPARE(view.nodeItem(u"Ghost"_s)->pen().style(), Qt::DashLine);
    QVERIFY(!view.accessibleName().isEmpty());
    QVERIFY(view.accessibleDescription().contains(u"7"_s));

    // The editor passes its parsed text: same graph, author's order.
    QSignalSpy finished(&view, &FlowGraphView::layoutFinished);
    view.setDefinition(Flowdeck::Core::Lang::JsonText::parse(Small));
    QVERIFY(finished.wait(10'000));
    QCOMPARE(view.graph().nodes.first().name, u"Fetch"_s);
}

void TestFlowGraphView::setDefinition_dropsOutdatedLayouts()
{
    FlowGraphView view;
    QSignalSpy finished(&view, &FlowGraphView::layoutFinished);
    view.setDefinition(thirtyStates());
    view.setDefinition(small());
    QTRY_VERIFY_WITH_TIMEOUT(!view.isLayoutPending(), 10'000);
    QTest::qWait(100); // room for a stale result to (wrongly) arrive
    QCOMPARE(finished.count(), 1);
    QVERIFY(view.nodeItem(u"Fetch"_s));
    QVERIFY(!view.nodeItem(u"Step00"_s));
}

void TestFlowGraphView::click_emitsStateSelected()
{
    FlowGraphView view;
    view.resize(900, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(laidOut(view, small()));
    QSignalSpy selected(&view, &FlowGraphView::stateSelected);
    const QPoint at = view.mapFromScene(view.nodeItem(u"Decide"_s)->sceneBoundingRect().center());
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, at);
    QCOMPARE(selected.count(), 1);
    QCOMPARE(selected.first().first().toString(), u"Decide"_s);
    QCOMPARE(view.selectedState(), u"Decide"_s);
}

void TestFlowGraphView::longEdges_endInStubsThatLeadToTheTarget()
{
    // 150 states in a line, each with a Catch into a handler at the far end: too long to draw in full.
    QJsonObject states;
    for (int i = 0; i < 150; ++i)
        states[u"S%1"_s.arg(i)] = QJsonObject{
            {u"Type"_s, u"Pass"_s},
            {u"Next"_s, u"S%1"_s.arg(i + 1)},
            {u"Catch"_s,
             QJsonArray{QJsonObject{{u"ErrorEquals"_s, QJsonArray{u"States.ALL"_s}}, {u"Next"_s, u"Oops"_s}}}}};
    states[u"S150"_s] = QJsonObject{{u"Type"_s, u"Pass"_s}, {u"Next"_s, u"Oops"_s}};
    states[u"Oops"_s] = QJsonObject{{u"Type"_s, u"Fail"_s}};
    FlowGraphView view;
    view.resize(600, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(laidOut(view, {{u"StartAt"_s, u"S0"_s}, {u"States"_s, states}}));
    QGraphicsItem *stub = nullptr;
    for (QGraphicsItem *item : view.scene()->items())
        if (item->data(1).toString() == "stub"_L1 && !stub)
            stub = item;
    QVERIFY(stub);
    QCOMPARE(stub->data(0).toString(), u"Oops"_s);
    view.resetTransform();
    view.centerOn(stub);
    if (const QString shot = qEnvironmentVariable("FLOWDECK_GRAPH_SHOT"); !shot.isEmpty())
        QVERIFY(view.grab().save(QString(shot).replace(u".png"_s, u"_stub.png"_s)));
    QSignalSpy selected(&view, &FlowGraphView::stateSelected);
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, view.mapFromScene(stub->sceneBoundingRect().center()));
    QCOMPARE(selected.count(), 1);
    QCOMPARE(selected.first().first().toString(), u"Oops"_s);
    QVERIFY(view.nodeItem(u"Oops"_s)->isSelected());
    QVERIFY(!stub->isSelected());
}

void TestFlowGraphView::selectState_selectsWithoutEmitting()
{
    FlowGraphView view;
    QVERIFY(laidOut(view, small()));
    QSignalSpy selected(&view, &FlowGraphView::stateSelected);
    view.selectState(u"Later"_s);
    QVERIFY(view.nodeItem(u"Later"_s)->isSelected());
    QCOMPARE(view.selectedState(), u"Later"_s);
    view.selectState(u"Nope"_s);
    QVERIFY(view.selectedState().isEmpty());
    view.selectState(u"Done"_s);
    QVERIFY(laidOut(view, small())); // a new layout keeps the selection
    QVERIFY(view.nodeItem(u"Done"_s)->isSelected());
    QCOMPARE(selected.count(), 0);
}

void TestFlowGraphView::setStateStatus_recolours()
{
    FlowGraphView view;
    QVERIFY(laidOut(view, small()));
    QAbstractGraphicsShapeItem *fetch = view.nodeItem(u"Fetch"_s);
    QAbstractGraphicsShapeItem *decide = view.nodeItem(u"Decide"_s);
    const QColor plainFetch = fetch->brush().color();
    const QColor plainDecide = decide->brush().color();
    view.setStateStatus({{u"Fetch"_s, StateRunStatus::Succeeded}, {u"Decide"_s, StateRunStatus::Failed}});
    QVERIFY(fetch->brush().color() != plainFetch);
    QVERIFY(decide->brush().color() != plainDecide);
    QVERIFY(fetch->brush().color() != decide->brush().color());
    const qreal width = decide->pen().widthF();
    view.setCurrentState(u"Decide"_s);
    QVERIFY(decide->pen().widthF() > width);
    view.setStateStatus({});
    QCOMPARE(fetch->brush().color(), plainFetch);
}

void TestFlowGraphView::zoomKeys_changeTransform()
{
    FlowGraphView view;
    view.resize(400, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(laidOut(view, thirtyStates()));
    const qreal fitted = view.zoom();
    QVERIFY(fitted < 1.0); // 30 states do not fit 400x300 at 100 %
    QTest::keyClick(&view, Qt::Key_Equal, Qt::ControlModifier);
    QVERIFY(view.zoom() > fitted * 1.1);
    QTest::keyClick(&view, Qt::Key_Minus, Qt::ControlModifier);
    QTest::keyClick(&view, Qt::Key_Minus, Qt::ControlModifier);
    QVERIFY(view.zoom() < fitted);
    QTest::keyClick(&view, Qt::Key_F);
    QVERIFY(qAbs(view.zoom() - fitted) < 1e-6);
    QTest::keyClick(&view, Qt::Key_Equal, Qt::ControlModifier);
    QTest::keyClick(&view, Qt::Key_0, Qt::ControlModifier);
    QVERIFY(qAbs(view.zoom() - fitted) < 1e-6);
}

void TestFlowGraphView::export_writesSvgAndPng()
{
    FlowGraphView view;
    QVERIFY(laidOut(view, small()));
    QTemporaryDir dir;
    const QString svgPath = dir.filePath(u"flow.svg"_s);
    const QString pngPath = dir.filePath(u"flow.png"_s);
    QVERIFY(view.exportSvg(svgPath));
    QVERIFY(view.exportPng(pngPath, 1.0));
    QFile svg(svgPath);
    QVERIFY(svg.open(QIODevice::ReadOnly));
    const QByteArray text = svg.readAll();
    QVERIFY(text.startsWith("<?xml"));
    for (const char *name : {"Fetch", "Decide", "Later", "Done", "Failed", "Orphan"})
        QVERIFY2(text.contains(name), name);
    const QImage image(pngPath);
    QVERIFY(!image.isNull());
    const QSize expected = view.scene()->sceneRect().size().toSize();
    QVERIFY(qAbs(image.width() - expected.width()) <= 1 && qAbs(image.height() - expected.height()) <= 1);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"QSvgPaintEngine::begin"_s));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"QPainter::begin"_s));
    QVERIFY(!view.exportSvg(dir.filePath(u"no/such/dir/flow.svg"_s)));
    QVERIFY(!view.exportPng(dir.filePath(u"no/such/dir/flow.png"_s)));
}

// Not a check: FLOWDECK_GRAPH_SHOT=/tmp/graph_check.png writes what a ~30-state run looks like.
void TestFlowGraphView::screenshot_whenAsked()
{
    const QString path = qEnvironmentVariable("FLOWDECK_GRAPH_SHOT");
    if (path.isEmpty())
        QSKIP("set FLOWDECK_GRAPH_SHOT to a PNG path to write a screenshot");
    FlowGraphView view;
    view.resize(1100, 1400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(laidOut(view, thirtyStates()));
    QHash<QString, StateRunStatus> statuses;
    for (int i = 0; i < 9; ++i)
        statuses.insert(u"Step%1"_s.arg(i, 2, 10, QChar(u'0')), StateRunStatus::Succeeded);
    statuses.insert(u"Step04"_s, StateRunStatus::Caught);
    statuses.insert(u"Step09"_s, StateRunStatus::Running);
    view.setStateStatus(statuses);
    view.setCurrentState(u"Step09"_s);
    view.selectState(u"Step06"_s);
    QVERIFY(view.grab().save(path));
    QVERIFY(view.exportPng(QString(path).replace(u".png"_s, u"_export.png"_s)));
    view.resize(900, 700); // and at 100 %, around the selection
    view.resetTransform();
    view.centerOn(view.nodeItem(u"Step06"_s)->pos() - QPointF(150, 250));
    QVERIFY(view.grab().save(QString(path).replace(u".png"_s, u"_100.png"_s)));
    QPalette dark = view.palette(); // the same in a dark theme
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
    dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::Highlight, QColor(0x3d, 0x8b, 0xfd));
    view.setPalette(dark);
    QVERIFY(view.grab().save(QString(path).replace(u".png"_s, u"_dark.png"_s)));
}

QTEST_MAIN(TestFlowGraphView)
#include "tst_flowgraphview.moc"
