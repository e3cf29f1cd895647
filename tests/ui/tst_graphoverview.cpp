// SPDX-License-Identifier: GPL-3.0-or-later
// Finding one's way in a large flow graph: the minimap and collapsed Choice branches.
#include "graphtesthelpers.h"
#include "ui/graphminimap.h"

using namespace GraphTest;
using Flowdeck::Ui::FlowGraphNodeItem;
using Flowdeck::Ui::StatePalette;

class TestGraphOverview : public QObject
{
    Q_OBJECT

private slots:
    void minimap_showsWhenTheFlowDoesNotFit();
    void minimap_clickMovesTheMainView();
    void collapse_hidesExactlyTheDominatedStates();
    void collapse_survivesEditsAndExpands();
    void screenshot_whenAsked();
};

void TestGraphOverview::minimap_showsWhenTheFlowDoesNotFit()
{
    ShownView shown(true, {800, 600});
    FlowGraphView &view = shown.view;
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(laidOut(view, chain(60)));
    QVERIFY(!view.isMinimapVisible()); // fitted on arrival
    view.setZoom(1.0);
    QVERIFY(view.isMinimapVisible());
    const QRect map = view.minimap()->geometry();
    QVERIFY(view.viewport()->geometry().contains(map)); // an overlay in the bottom-right corner
    QVERIFY(map.right() > view.viewport()->geometry().center().x());
    QVERIFY(map.bottom() > view.viewport()->geometry().center().y());
    const QRectF visible = view.minimap()->visibleArea();
    QVERIFY(visible.height() < view.scene()->sceneRect().height());
    QTest::keyClick(&view, Qt::Key_F);
    QVERIFY(!view.isMinimapVisible());
    QTest::keyClick(&view, Qt::Key_Equal, Qt::ControlModifier);
    QTest::keyClick(&view, Qt::Key_Equal, Qt::ControlModifier);
    QVERIFY(view.isMinimapVisible());

    QVERIFY(laidOut(view, json(R"({"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"},
        "B": {"Type": "Pass", "Next": "C"}, "C": {"Type": "Succeed"}}})")));
    view.fitAll();
    QVERIFY(!view.isMinimapVisible());
    view.setZoom(1.0); // three states fit at 100 % too
    QVERIFY(!view.isMinimapVisible());
}

void TestGraphOverview::minimap_clickMovesTheMainView()
{
    ShownView shown(false, {800, 600});
    FlowGraphView &view = shown.view;
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(laidOut(view, chain(60)));
    view.setZoom(1.0);
    view.centerOn(view.nodeItem(u"Step00"_s));
    QVERIFY(view.isMinimapVisible());
    Flowdeck::Ui::GraphMinimap *map = view.minimap();
    const auto centre = [&view] { return view.mapToScene(view.viewport()->rect().center()); };
    const QPointF before = centre();
    // Aim at a state far down the flow, as the minimap shows it.
    const QPointF target = view.nodeItem(u"Step40"_s)->sceneBoundingRect().center();
    const QPoint click = map->mapFromScene(target);
    QVERIFY(map->rect().contains(click));
    QTest::mouseClick(map->viewport(), Qt::LeftButton, {}, click);
    const QPointF after = centre();
    QVERIFY(QLineF(after, target).length() < QLineF(before, target).length() / 4);
    QVERIFY(view.viewport()->rect().contains(view.mapFromScene(target)));
    QVERIFY(map->visibleArea().contains(target));
    // Dragging follows the mouse.
    const QPointF further = view.nodeItem(u"Step50"_s)->sceneBoundingRect().center();
    QTest::mousePress(map->viewport(), Qt::LeftButton, {}, click);
    QTest::mouseMove(map->viewport(), map->mapFromScene(further));
    QTest::mouseRelease(map->viewport(), Qt::LeftButton, {}, map->mapFromScene(further));
    QVERIFY(view.viewport()->rect().contains(view.mapFromScene(further)));
}

void TestGraphOverview::collapse_hidesExactlyTheDominatedStates()
{
    ShownView shown(true);
    FlowGraphView &view = shown.view;
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(laidOut(view, json(Branchy)));
    QVERIFY(hiddenStates(view).isEmpty());
    QVERIFY(!view.isBranchCollapsed(u"Decide"_s));
    const std::unique_ptr<QMenu> menu(view.contextMenuAt(centreOf(view, u"Decide"_s)));
    actionAt(menu.get(), {u"Collapse branches"_s})->trigger();
    QVERIFY(view.isBranchCollapsed(u"Decide"_s));
    QVERIFY(relaidOut(view));
    const QStringList expected = {u"Big"_s, u"Done"_s, u"Later"_s, u"Merge"_s, u"Small"_s};
    QCOMPARE(hiddenStates(view), expected);
    QStringList dominated; // the same set core computes
    for (const int i : dominatedBy(view.graph(), view.graph().indexOf(u"Decide"_s)))
        dominated.append(view.graph().nodes.at(i).name);
    dominated.sort();
    QCOMPARE(dominated, expected);
    auto *decide = static_cast<FlowGraphNodeItem *>(view.nodeItem(u"Decide"_s));
    QCOMPARE(decide->hiddenCount(), 5);
    QAbstractGraphicsShapeItem *placeholder = view.placeholderItem(u"Decide"_s);
    QVERIFY(placeholder);
    QVERIFY(placeholder->sceneBoundingRect().top() > decide->sceneBoundingRect().bottom());
    // Decide's three edges and Retry's now end at the placeholder; no edge starts in the hidden states.
    QVERIFY(view.edgeItem(u"Decide"_s, EdgeKind::ChoiceRule, 0));
    QVERIFY(view.edgeItem(u"Decide"_s, EdgeKind::Default));
    QVERIFY(view.edgeItem(u"Retry"_s, EdgeKind::Next));
    QVERIFY(!view.edgeItem(u"Merge"_s, EdgeKind::Next));
    QVERIFY(view.nodeItem(u"Failed"_s));

    // Collapsing is for Choices only, and a branch-less Choice has nothing to hide.
    view.setBranchCollapsed(u"Fetch"_s, true);
    QVERIFY(relaidOut(view));
    QVERIFY(!view.isBranchCollapsed(u"Fetch"_s));
    QCOMPARE(hiddenStates(view), expected);

    // Double-clicking the placeholder expands it again.
    placeholder = view.placeholderItem(u"Decide"_s); // laid out anew
    QVERIFY(placeholder);
    QTest::mouseDClick(view.viewport(), Qt::LeftButton, {},
                       view.mapFromScene(placeholder->sceneBoundingRect().center()));
    QVERIFY(!view.isBranchCollapsed(u"Decide"_s));
    QVERIFY(relaidOut(view));
    QVERIFY(hiddenStates(view).isEmpty());
    QVERIFY(!view.placeholderItem(u"Decide"_s));

    // Selecting a hidden state (the editor's cursor went there) opens its branch and selects it.
    view.setBranchCollapsed(u"Decide"_s, true);
    QVERIFY(relaidOut(view));
    QVERIFY(!view.nodeItem(u"Later"_s));
    view.selectState(u"Later"_s);
    QVERIFY(!view.isBranchCollapsed(u"Decide"_s));
    QVERIFY(relaidOut(view));
    QCOMPARE(view.selectedState(), u"Later"_s);
}

void TestGraphOverview::collapse_survivesEditsAndExpands()
{
    FlowGraphView view; // not editable: collapsing is also for reading
    QVERIFY(laidOut(view, json(Branchy)));
    view.setBranchCollapsed(u"Decide"_s, true);
    QVERIFY(relaidOut(view));
    QCOMPARE(hiddenStates(view).size(), 5);

    QJsonObject edited = json(Branchy); // an edit elsewhere: Retry is renamed
    QJsonObject states = edited.value(u"States"_s).toObject();
    states.insert(u"Again"_s, states.take(u"Retry"_s));
    edited[u"States"_s] = states;
    QVERIFY(laidOut(view, edited));
    QVERIFY(view.isBranchCollapsed(u"Decide"_s));
    QCOMPARE(hiddenStates(view).size(), 5);
    QVERIFY(view.nodeItem(u"Again"_s));

    view.clear(); // a definition that draws nothing (say, text being typed) keeps it
    QVERIFY(relaidOut(view));
    QVERIFY(view.isBranchCollapsed(u"Decide"_s));
    QVERIFY(laidOut(view, edited));
    QCOMPARE(hiddenStates(view).size(), 5);

    states.insert(u"Choose"_s, states.take(u"Decide"_s)); // the Choice itself is renamed: gone
    edited[u"States"_s] = states;
    QVERIFY(laidOut(view, edited));
    QVERIFY(!view.isBranchCollapsed(u"Decide"_s));
    QVERIFY(!view.isBranchCollapsed(u"Choose"_s));

    QVERIFY(laidOut(view, json(Branchy)));
    view.setBranchCollapsed(u"Decide"_s, true);
    QVERIFY(relaidOut(view));
    view.setBranchCollapsed(u"Decide"_s, false);
    QVERIFY(relaidOut(view));
    QVERIFY(hiddenStates(view).isEmpty());
}

// Not a check: FLOWDECK_GRAPHEDIT_SHOT=/tmp/graphedit.png writes an editable 30-state graph with
// the minimap and a collapsed branch.
void TestGraphOverview::screenshot_whenAsked()
{
    const QString path = qEnvironmentVariable("FLOWDECK_GRAPHEDIT_SHOT");
    if (path.isEmpty())
        QSKIP("set FLOWDECK_GRAPHEDIT_SHOT to a PNG path to write a screenshot");
    ShownView shown(true, {1000, 760});
    FlowGraphView &view = shown.view;
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(laidOut(view, chain(30)));
    view.setBranchCollapsed(u"Step23"_s, true);
    QVERIFY(relaidOut(view));
    view.setZoom(1.0);
    view.selectState(u"Step18"_s);
    view.centerOn(view.nodeItem(u"Step20"_s));
    QTest::qWait(20); // the scroll bars appear once the event loop runs
    QVERIFY(view.isMinimapVisible());
    QVERIFY(view.grab().save(path));
    StatePalette palette;
    palette.resize(260, 500);
    QVERIFY(palette.grab().save(QString(path).replace(u".png"_s, u"_palette.png"_s)));
}

QTEST_MAIN(TestGraphOverview)
#include "tst_graphoverview.moc"
