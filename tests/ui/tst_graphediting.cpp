// SPDX-License-Identifier: GPL-3.0-or-later
// Editing the flow graph: connect drags, keys, context menus, template drops and the state palette.
// The view only emits requests; nothing edits JSON here.
#include "core/lang/statetemplates.h"
#include "graphtesthelpers.h"

#include <QLineEdit>
#include <QTimer>
#include <QTreeWidget>

using namespace GraphTest;
using Flowdeck::Ui::FlowGraphNodeItem;
using Flowdeck::Ui::StatePalette;

class TestGraphEditing : public QObject
{
    Q_OBJECT

private slots:
    void shiftDrag_emitsConnectOnce();
    void handleDrag_connectsTheSelectedState();
    void drag_notEditable_onlyPans();
    void keys_renameAndDeleteTheSelectedState();
    void doubleClick_requestsRename();
    void nodeMenu_requestsEdits();
    void edgeMenu_reconnectsRuleAndCatch();
    void backgroundMenu_addsStates();
    void contextMenu_popsUpOnRightClick();
    void drop_addsStateFromPalette();
    void palette_listsFiltersDragsAndActivates();
};

void TestGraphEditing::shiftDrag_emitsConnectOnce()
{
    ShownView shown(true);
    FlowGraphView &view = shown.view;
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(laidOut(view, json(Small)));
    QSignalSpy connects(&view, &FlowGraphView::connectRequested);
    QTest::mousePress(view.viewport(), Qt::LeftButton, Qt::ShiftModifier, centreOf(view, u"Later"_s));
    QTest::mouseMove(view.viewport(), (centreOf(view, u"Later"_s) + centreOf(view, u"Done"_s)) / 2);
    QTest::mouseMove(view.viewport(), centreOf(view, u"Done"_s));
    QTest::mouseRelease(view.viewport(), Qt::LeftButton, Qt::ShiftModifier, centreOf(view, u"Done"_s));
    QCOMPARE(connects.count(), 1);
    QCOMPARE(connects.first().at(0).toString(), u"Later"_s);
    QCOMPARE(connects.first().at(1).value<EdgeKind>(), EdgeKind::Next);
    QCOMPARE(connects.first().at(2).toInt(), -1);
    QCOMPARE(connects.first().at(3).toString(), u"Done"_s);

    // From a Choice the drag sets its Default; onto itself or onto nothing it does nothing.
    QTest::mousePress(view.viewport(), Qt::LeftButton, Qt::ShiftModifier, centreOf(view, u"Decide"_s));
    QTest::mouseRelease(view.viewport(), Qt::LeftButton, Qt::ShiftModifier, centreOf(view, u"Later"_s));
    QCOMPARE(connects.count(), 2);
    QCOMPARE(connects.last().at(1).value<EdgeKind>(), EdgeKind::Default);
    QCOMPARE(connects.last().at(3).toString(), u"Later"_s);
    QTest::mousePress(view.viewport(), Qt::LeftButton, Qt::ShiftModifier, centreOf(view, u"Later"_s));
    QTest::mouseRelease(view.viewport(), Qt::LeftButton, Qt::ShiftModifier, centreOf(view, u"Later"_s));
    QTest::mousePress(view.viewport(), Qt::LeftButton, Qt::ShiftModifier, centreOf(view, u"Later"_s));
    QTest::mouseRelease(view.viewport(), Qt::LeftButton, Qt::ShiftModifier, QPoint(3, 3));
    // Succeed and Fail states go nowhere, and missing states are no targets.
    QTest::mousePress(view.viewport(), Qt::LeftButton, Qt::ShiftModifier, centreOf(view, u"Done"_s));
    QTest::mouseRelease(view.viewport(), Qt::LeftButton, Qt::ShiftModifier, centreOf(view, u"Later"_s));
    QTest::mousePress(view.viewport(), Qt::LeftButton, Qt::ShiftModifier, centreOf(view, u"Fetch"_s));
    QTest::mouseRelease(view.viewport(), Qt::LeftButton, Qt::ShiftModifier, centreOf(view, u"Ghost"_s));
    QCOMPARE(connects.count(), 2);
}

void TestGraphEditing::handleDrag_connectsTheSelectedState()
{
    ShownView shown(true);
    FlowGraphView &view = shown.view;
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(laidOut(view, json(Small)));
    QSignalSpy connects(&view, &FlowGraphView::connectRequested);
    QSignalSpy selected(&view, &FlowGraphView::stateSelected);
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, centreOf(view, u"Fetch"_s));
    QCOMPARE(view.selectedState(), u"Fetch"_s);
    QCOMPARE(selected.count(), 1);
    auto *fetch = static_cast<FlowGraphNodeItem *>(view.nodeItem(u"Fetch"_s));
    const QPoint handle = view.mapFromScene(fetch->mapToScene(fetch->handleRect().center()));
    QTest::mousePress(view.viewport(), Qt::LeftButton, {}, handle);
    QTest::mouseMove(view.viewport(), centreOf(view, u"Done"_s));
    QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, centreOf(view, u"Done"_s));
    QCOMPARE(connects.count(), 1);
    QCOMPARE(connects.first().at(0).toString(), u"Fetch"_s);
    QCOMPARE(connects.first().at(1).value<EdgeKind>(), EdgeKind::Next);
    QCOMPARE(connects.first().at(3).toString(), u"Done"_s);
    QCOMPARE(view.selectedState(), u"Fetch"_s); // the drag did not change the selection
    // Without the selection there is no handle: the same press just clicks the background.
    view.selectState(QString());
    QTest::mousePress(view.viewport(), Qt::LeftButton, {}, handle);
    QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, centreOf(view, u"Done"_s));
    QCOMPARE(connects.count(), 1);
}

void TestGraphEditing::drag_notEditable_onlyPans()
{
    ShownView shown(false);
    FlowGraphView &view = shown.view;
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(laidOut(view, json(Small)));
    QVERIFY(!view.isEditable());
    QVERIFY(!view.contextMenuAt(centreOf(view, u"Fetch"_s)));
    QSignalSpy connects(&view, &FlowGraphView::connectRequested);
    QTest::mousePress(view.viewport(), Qt::LeftButton, Qt::ShiftModifier, centreOf(view, u"Later"_s));
    QTest::mouseRelease(view.viewport(), Qt::LeftButton, Qt::ShiftModifier, centreOf(view, u"Done"_s));
    QCOMPARE(connects.count(), 0);
    QGraphicsItem *edge = view.edgeItem(u"Fetch"_s, EdgeKind::Next);
    QVERIFY(edge);
    QVERIFY(!(edge->flags() & QGraphicsItem::ItemIsSelectable)); // the run monitor's edges pan, as before
    view.setEditable(true);
    QVERIFY(edge->flags() & QGraphicsItem::ItemIsSelectable);
}

void TestGraphEditing::keys_renameAndDeleteTheSelectedState()
{
    ShownView shown(false);
    FlowGraphView &view = shown.view;
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(laidOut(view, json(Small)));
    QSignalSpy renames(&view, &FlowGraphView::renameRequested);
    QSignalSpy deletes(&view, &FlowGraphView::deleteRequested);
    view.selectState(u"Later"_s);
    QTest::keyClick(&view, Qt::Key_F2);
    QTest::keyClick(&view, Qt::Key_Delete);
    QCOMPARE(renames.count() + deletes.count(), 0); // not editable
    view.setEditable(true);
    QTest::keyClick(&view, Qt::Key_F2);
    QCOMPARE(renames.count(), 1);
    QCOMPARE(renames.first().first().toString(), u"Later"_s);
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, centreOf(view, u"Decide"_s));
    QTest::keyClick(&view, Qt::Key_Delete);
    QCOMPARE(deletes.count(), 1);
    QCOMPARE(deletes.first().first().toString(), u"Decide"_s);
    view.selectState(u"Ghost"_s); // a missing state has nothing to rename or delete
    QTest::keyClick(&view, Qt::Key_F2);
    view.selectState(QString());
    QTest::keyClick(&view, Qt::Key_Delete);
    QCOMPARE(renames.count(), 1);
    QCOMPARE(deletes.count(), 1);
}

void TestGraphEditing::doubleClick_requestsRename()
{
    ShownView shown(true);
    FlowGraphView &view = shown.view;
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(laidOut(view, json(Small)));
    QSignalSpy renames(&view, &FlowGraphView::renameRequested);
    QTest::mouseDClick(view.viewport(), Qt::LeftButton, {}, centreOf(view, u"Done"_s));
    QCOMPARE(renames.count(), 1);
    QCOMPARE(renames.first().first().toString(), u"Done"_s);
    QTest::mouseDClick(view.viewport(), Qt::LeftButton, {}, QPoint(3, 3));
    QCOMPARE(renames.count(), 1);
}

void TestGraphEditing::nodeMenu_requestsEdits()
{
    ShownView shown(true);
    FlowGraphView &view = shown.view;
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(laidOut(view, json(Small)));
    QSignalSpy renames(&view, &FlowGraphView::renameRequested);
    QSignalSpy deletes(&view, &FlowGraphView::deleteRequested);
    QSignalSpy connects(&view, &FlowGraphView::connectRequested);
    QSignalSpy adds(&view, &FlowGraphView::addStateRequested);

    const std::unique_ptr<QMenu> fetch(view.contextMenuAt(centreOf(view, u"Fetch"_s)));
    QVERIFY(fetch);
    actionAt(fetch.get(), {u"Rename\u2026"_s})->trigger();
    actionAt(fetch.get(), {u"Delete"_s})->trigger();
    QCOMPARE(renames.first().first().toString(), u"Fetch"_s);
    QCOMPARE(deletes.first().first().toString(), u"Fetch"_s);
    QVERIFY(actionAt(fetch.get(), {u"Go to"_s, u"Decide"_s})->isChecked()); // where it goes now
    QVERIFY(!actionAt(fetch.get(), {u"Go to"_s, u"Fetch"_s}));
    QVERIFY(!actionAt(fetch.get(), {u"Go to"_s, u"Ghost"_s}));
    actionAt(fetch.get(), {u"Go to"_s, u"Later"_s})->trigger();
    actionAt(fetch.get(), {u"Add Catch to"_s, u"Done"_s})->trigger();
    QCOMPARE(connects.count(), 2);
    QCOMPARE(connects.at(0), (QList<QVariant>{u"Fetch"_s, QVariant::fromValue(EdgeKind::Next), -1, u"Later"_s}));
    QCOMPARE(connects.at(1), (QList<QVariant>{u"Fetch"_s, QVariant::fromValue(EdgeKind::Catch), -1, u"Done"_s}));
    const QString templateId = stateTemplates().last().id;
    QMenu *after = actionAt(fetch.get(), {u"Add state after"_s})->menu();
    actionWithData(after, templateId)->trigger();
    QCOMPARE(adds.count(), 1);
    QCOMPARE(adds.first(), (QList<QVariant>{templateId, u"Fetch"_s}));

    const std::unique_ptr<QMenu> decide(view.contextMenuAt(centreOf(view, u"Decide"_s)));
    QVERIFY(!actionAt(decide.get(), {u"Go to"_s}));
    QVERIFY(!actionAt(decide.get(), {u"Add Catch to"_s}));
    actionAt(decide.get(), {u"Default"_s, u"Done"_s})->trigger();
    QCOMPARE(connects.last(), (QList<QVariant>{u"Decide"_s, QVariant::fromValue(EdgeKind::Default), -1, u"Done"_s}));
    QVERIFY(actionAt(decide.get(), {u"Collapse branches"_s})->isEnabled());

    const std::unique_ptr<QMenu> done(view.contextMenuAt(centreOf(view, u"Done"_s)));
    QVERIFY(actionAt(done.get(), {u"Rename\u2026"_s}));
    QVERIFY(!actionAt(done.get(), {u"Go to"_s})); // a Succeed state goes nowhere
    QVERIFY(!actionAt(done.get(), {u"Add state after"_s}));
    const std::unique_ptr<QMenu> ghost(view.contextMenuAt(centreOf(view, u"Ghost"_s)));
    QVERIFY(!actionAt(ghost.get(), {u"Delete"_s}));
    QCOMPARE(renames.count(), 1);
}

void TestGraphEditing::edgeMenu_reconnectsRuleAndCatch()
{
    ShownView shown(true);
    FlowGraphView &view = shown.view;
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(laidOut(view, json(Small)));
    QSignalSpy connects(&view, &FlowGraphView::connectRequested);

    QGraphicsItem *rule = view.edgeItem(u"Decide"_s, EdgeKind::ChoiceRule, 1);
    QVERIFY(rule);
    const std::unique_ptr<QMenu> ruleMenu(view.contextMenuAt(pointOn(view, rule)));
    QVERIFY(ruleMenu);
    QVERIFY(actionAt(ruleMenu.get(), {u"Reconnect to"_s, u"Later"_s})->isChecked());
    actionAt(ruleMenu.get(), {u"Reconnect to"_s, u"Failed"_s})->trigger();
    QCOMPARE(connects.count(), 1);
    QCOMPARE(connects.last(),
             (QList<QVariant>{u"Decide"_s, QVariant::fromValue(EdgeKind::ChoiceRule), 1, u"Failed"_s}));

    QGraphicsItem *catcher = view.edgeItem(u"Fetch"_s, EdgeKind::Catch, 0);
    QVERIFY(catcher);
    const std::unique_ptr<QMenu> catchMenu(view.contextMenuAt(pointOn(view, catcher)));
    actionAt(catchMenu.get(), {u"Reconnect to"_s, u"Done"_s})->trigger();
    QCOMPARE(connects.count(), 2);
    QCOMPARE(connects.last(), (QList<QVariant>{u"Fetch"_s, QVariant::fromValue(EdgeKind::Catch), 0, u"Done"_s}));
}

void TestGraphEditing::backgroundMenu_addsStates()
{
    ShownView shown(true);
    FlowGraphView &view = shown.view;
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(laidOut(view, json(Small)));
    QSignalSpy adds(&view, &FlowGraphView::addStateRequested);
    const std::unique_ptr<QMenu> menu(view.contextMenuAt(QPoint(3, 3)));
    QVERIFY(menu);
    QMenu *add = actionAt(menu.get(), {u"Add state"_s})->menu();
    QVERIFY(add);
    const QList<StateTemplate> templates = stateTemplates();
    QVERIFY(!templates.isEmpty());
    for (const StateTemplate &entry : templates) { // every template, in its category
        QAction *action = actionWithData(add, entry.id);
        QVERIFY2(action, qPrintable(entry.id));
        QCOMPARE(action->text().replace(u"&&"_s, u"&"_s), entry.title);
    }
    QVERIFY(actionAt(add, {templates.first().category, templates.first().title}));
    actionWithData(add, templates.first().id)->trigger();
    QCOMPARE(adds.count(), 1);
    QCOMPARE(adds.first(), (QList<QVariant>{templates.first().id, QString()}));
}

void TestGraphEditing::contextMenu_popsUpOnRightClick()
{
    ShownView shown(true);
    FlowGraphView &view = shown.view;
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(laidOut(view, json(Small)));
    QSignalSpy deletes(&view, &FlowGraphView::deleteRequested);
    QSignalSpy selected(&view, &FlowGraphView::stateSelected);
    bool popped = false;
    QTimer::singleShot(50, this, [&popped] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        if (!menu)
            return;
        popped = true;
        if (QAction *remove = actionAt(menu, {u"Delete"_s}))
            remove->trigger();
        menu->close();
    });
    const QPoint at = centreOf(view, u"Later"_s);
    QContextMenuEvent event(QContextMenuEvent::Mouse, at, view.viewport()->mapToGlobal(at));
    QApplication::sendEvent(view.viewport(), &event);
    QVERIFY(popped);
    QCOMPARE(deletes.count(), 1);
    QCOMPARE(deletes.first().first().toString(), u"Later"_s);
    QCOMPARE(view.selectedState(), u"Later"_s); // the menu's state is shown selected
    QCOMPARE(selected.count(), 1);
}

void TestGraphEditing::drop_addsStateFromPalette()
{
    ShownView shown(false);
    FlowGraphView &view = shown.view;
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(laidOut(view, json(Small)));
    QSignalSpy adds(&view, &FlowGraphView::addStateRequested);
    const QString id = stateTemplates().first().id;
    sendDrop(view, id, centreOf(view, u"Fetch"_s));
    QCOMPARE(adds.count(), 0); // not editable
    view.setEditable(true);
    sendDrop(view, id, centreOf(view, u"Later"_s));
    sendDrop(view, id, QPoint(3, 3));
    sendDrop(view, id, centreOf(view, u"Done"_s)); // an end state: the new state stands alone
    QCOMPARE(adds.count(), 3);
    QCOMPARE(adds.at(0), (QList<QVariant>{id, u"Later"_s}));
    QCOMPARE(adds.at(1), (QList<QVariant>{id, QString()}));
    QCOMPARE(adds.at(2), (QList<QVariant>{id, QString()}));
}

void TestGraphEditing::palette_listsFiltersDragsAndActivates()
{
    StatePalette palette;
    palette.resize(260, 500);
    palette.show();
    QVERIFY(QTest::qWaitForWindowExposed(&palette));
    const QList<StateTemplate> templates = stateTemplates();
    QTreeWidget *tree = palette.tree();
    int listed = 0;
    QStringList categories;
    for (int c = 0; c < tree->topLevelItemCount(); ++c) {
        categories.append(tree->topLevelItem(c)->text(0));
        listed += tree->topLevelItem(c)->childCount();
    }
    QCOMPARE(listed, int(templates.size()));
    for (const StateTemplate &entry : templates) {
        QTreeWidgetItem *item = palette.itemFor(entry.id);
        QVERIFY2(item, qPrintable(entry.id));
        QCOMPARE(item->text(0), entry.title);
        QCOMPARE(item->parent()->text(0), entry.category);
        QVERIFY(item->toolTip(0).contains(entry.description.toHtmlEscaped()));
    }
    QVERIFY(categories.size() >= 2 && categories.removeDuplicates() == 0);

    // Dragging an item carries its template id, as the graph view reads it.
    const StateTemplate &last = templates.last();
    const QModelIndex index = tree->indexFromItem(palette.itemFor(last.id));
    const std::unique_ptr<QMimeData> data(tree->model()->mimeData({index}));
    QVERIFY(data);
    QCOMPARE(Flowdeck::Ui::stateTemplateId(data.get()), last.id);
    QVERIFY(data->hasFormat(QString::fromLatin1(Flowdeck::Ui::StateTemplateMimeType)));
    QVERIFY(!(palette.itemFor(last.id)->parent()->flags() & Qt::ItemIsDragEnabled));

    QSignalSpy activated(&palette, &StatePalette::templateActivated);
    tree->setFocus();
    tree->setCurrentItem(palette.itemFor(last.id));
    QTest::keyClick(tree, Qt::Key_Return);
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.first().first().toString(), last.id);
    const QRect rect = tree->visualItemRect(palette.itemFor(templates.first().id));
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, rect.center());  // QTest's double-click is
    QTest::mouseDClick(tree->viewport(), Qt::LeftButton, {}, rect.center()); // only the second one
    QCOMPARE(activated.count(), 2);
    QCOMPARE(activated.last().first().toString(), templates.first().id);

    // The filter keeps matching templates (by title or description) and their categories only.
    QTest::keyClicks(palette.filterEdit(), last.title);
    QVERIFY(!palette.itemFor(last.id)->isHidden());
    int visible = 0;
    for (const StateTemplate &entry : templates)
        visible += palette.itemFor(entry.id)->isHidden() ? 0 : 1;
    QVERIFY(visible >= 1 && visible < templates.size());
    QTest::keyClick(palette.filterEdit(), Qt::Key_Return); // Enter takes the first match
    QCOMPARE(activated.count(), 3);
    palette.setFilter(u"no template is called like this"_s);
    for (int c = 0; c < tree->topLevelItemCount(); ++c)
        QVERIFY(tree->topLevelItem(c)->isHidden());
    palette.setFilter(QString());
    QVERIFY(palette.filterEdit()->text().isEmpty());
    for (const StateTemplate &entry : templates)
        QVERIFY(!palette.itemFor(entry.id)->isHidden());
}

QTEST_MAIN(TestGraphEditing)
#include "tst_graphediting.moc"
