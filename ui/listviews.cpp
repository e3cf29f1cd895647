// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/listviews.h"

#include <QHeaderView>
#include <QTableView>

namespace Flowdeck::Ui {

void setUpListTable(QTableView *view)
{
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    view->horizontalHeader()->setStretchLastSection(true);
}

} // namespace Flowdeck::Ui
