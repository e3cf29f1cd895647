// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QTableView;

namespace Flowdeck::Ui {

// How Flowdeck's list tables look and select: whole rows, one at a time, single-line rows of one
// height (virtualised scrolling stays cheap), alternating colours, the last column stretched.
void setUpListTable(QTableView *view);

} // namespace Flowdeck::Ui
