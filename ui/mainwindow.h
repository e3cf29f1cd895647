// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMainWindow>

class QLabel;

namespace Flowdeck::Ui {

// The application's main window. A placeholder until the flow browser and run views land: it
// shows which service the app talks to and offers the standard menus. GUI thread.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(QWidget *parent = nullptr);
    void setServiceDescription(const QString &description);

private:
    void createMenus();
    void showAbout();

    QLabel *m_serviceLabel;
};

} // namespace Flowdeck::Ui
