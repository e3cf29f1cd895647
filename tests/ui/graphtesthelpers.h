// SPDX-License-Identifier: GPL-3.0-or-later
// Fixtures and helpers of the flow graph editing tests (tst_graphediting, tst_graphoverview).
#pragma once

#include "ui/flowgraphitems.h"
#include "ui/flowgraphview.h"
#include "ui/statepalette.h"

#include <QApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMenu>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>

#include <memory>

namespace GraphTest {

using namespace Qt::StringLiterals;
using namespace Flowdeck::Core::Lang;
using Flowdeck::Ui::FlowGraphView;

inline const char *const Small = R"j({"StartAt": "Fetch", "States": {
  "Fetch": {"Type": "Action", "ActionUrl": "x", "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Failed"}],
            "Next": "Decide"},
  "Decide": {"Type": "Choice", "Choices": [{"Variable": "$.x", "NumericEquals": 3, "Next": "Done"},
                                           {"Variable": "$.y", "IsPresent": true, "Next": "Later"}],
             "Default": "Failed"},
  "Later": {"Type": "Wait", "Seconds": 5, "Next": "Ghost"},
  "Done": {"Type": "Succeed"},
  "Failed": {"Type": "Fail"}}})j";

// Decide's branches (and where they meet) are reached only through it; Retry is unreachable but
// points into them, Failed is reached from Fetch's Catch.
inline const char *const Branchy = R"j({"StartAt": "Fetch", "States": {
  "Fetch": {"Type": "Action", "ActionUrl": "x", "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Failed"}],
            "Next": "Decide"},
  "Decide": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericLessThan": 10, "Next": "Small"},
                                           {"Variable": "$.n", "NumericLessThan": 1000, "Next": "Big"}],
             "Default": "Later"},
  "Small": {"Type": "Pass", "Next": "Merge"},
  "Big": {"Type": "Pass", "Next": "Merge"},
  "Later": {"Type": "Wait", "Seconds": 5, "Next": "Merge"},
  "Merge": {"Type": "Pass", "Next": "Done"},
  "Done": {"Type": "Succeed"},
  "Retry": {"Type": "Pass", "Next": "Merge"},
  "Failed": {"Type": "Fail"}}})j";

inline QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(text).object();
}

// n states in a line with a Choice every 6 (skipping ahead) and a Catch every 4 into one handler.
inline QJsonObject chain(int n)
{
    QJsonObject states;
    const auto name = [](int i) { return u"Step%1"_s.arg(i, 2, 10, QChar(u'0')); };
    for (int i = 0; i < n; ++i) {
        QJsonObject state{{u"Type"_s, i % 3 == 0 ? u"Action"_s : u"Pass"_s}, {u"Next"_s, name(i + 1)}};
        if (i % 3 == 0)
            state[u"ActionUrl"_s] = QString(u"https:"_s + u"//transfer.actions.globus.org/transfer"_s);
        if (i % 4 == 0)
            state[u"Catch"_s] =
                QJsonArray{QJsonObject{{u"ErrorEquals"_s, QJsonArray{u"States.ALL"_s}}, {u"Next"_s, u"Handle"_s}}};
        if (i % 6 == 5)
            state = QJsonObject{{u"Type"_s, u"Choice"_s},
                                {u"Choices"_s, QJsonArray{QJsonObject{{u"Variable"_s, u"$.skip"_s},
                                                                      {u"BooleanEquals"_s, true},
                                                                      {u"Next"_s, name(std::min(i + 2, n))}}}},
                                {u"Default"_s, name(i + 1)}};
        states[name(i)] = state;
    }
    states[name(n)] = QJsonObject{{u"Type"_s, u"Succeed"_s}};
    states[u"Handle"_s] = QJsonObject{{u"Type"_s, u"Fail"_s}};
    return {{u"StartAt"_s, name(0)}, {u"States"_s, states}};
}

inline bool laidOut(FlowGraphView &view, const QJsonObject &definition)
{
    QSignalSpy finished(&view, &FlowGraphView::layoutFinished);
    view.setDefinition(definition);
    return finished.wait(10'000) && !view.isLayoutPending();
}

inline bool relaidOut(FlowGraphView &view)
{
    QSignalSpy finished(&view, &FlowGraphView::layoutFinished);
    return view.isLayoutPending() && finished.wait(10'000) && !view.isLayoutPending();
}

inline QPoint centreOf(FlowGraphView &view, const QString &state)
{
    return view.mapFromScene(view.nodeItem(state)->sceneBoundingRect().center());
}

// A point on an edge's curve, away from both ends.
inline QPoint pointOn(FlowGraphView &view, QGraphicsItem *edge)
{
    const auto *item = qgraphicsitem_cast<Flowdeck::Ui::FlowGraphEdgeItem *>(edge);
    return view.mapFromScene(item->mapToScene(item->path().pointAtPercent(0.35)));
}

inline QAction *actionAt(QMenu *menu, const QStringList &path)
{
    for (const QString &step : path) {
        QAction *found = nullptr;
        for (QAction *action : menu->actions())
            if (action->text().replace(u"&&"_s, u"&"_s) == step)
                found = action;
        if (!found || step == path.last())
            return found;
        if (!(menu = found->menu()))
            return nullptr;
    }
    return nullptr;
}

inline QAction *actionWithData(QMenu *menu, const QString &data)
{
    for (QAction *action : menu->actions()) {
        if (action->menu())
            if (QAction *inner = actionWithData(action->menu(), data))
                return inner;
        if (action->data().toString() == data)
            return action;
    }
    return nullptr;
}

inline void sendDrop(FlowGraphView &view, const QString &templateId, const QPoint &at)
{
    const std::unique_ptr<QMimeData> data(Flowdeck::Ui::stateTemplateMimeData(templateId));
    QDragEnterEvent enter(at, Qt::CopyAction, data.get(), Qt::LeftButton, {});
    QApplication::sendEvent(view.viewport(), &enter);
    QDragMoveEvent move(at, Qt::CopyAction, data.get(), Qt::LeftButton, {});
    QApplication::sendEvent(view.viewport(), &move);
    QDropEvent drop(at, Qt::CopyAction, data.get(), Qt::LeftButton, {});
    QApplication::sendEvent(view.viewport(), &drop);
}

inline QStringList hiddenStates(const FlowGraphView &view)
{
    QStringList hidden;
    for (const FlowNode &node : view.graph().nodes)
        if (!view.nodeItem(node.name))
            hidden.append(node.name);
    hidden.sort();
    return hidden;
}

struct ShownView
{
    FlowGraphView view;

    explicit ShownView(bool editable, QSize size = {900, 700})
    {
        view.resize(size);
        view.setEditable(editable);
        view.show();
    }
};

} // namespace GraphTest
