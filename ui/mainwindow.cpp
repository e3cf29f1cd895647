// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/mainwindow.h"

#include <QApplication>
#include <QIcon>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Flowdeck::Ui {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_serviceLabel(new QLabel(this))
{
    setWindowTitle(tr("Flowdeck"));
    setObjectName(u"mainWindow"_s);
    setWindowIcon(QIcon(u":/icons/flowdeck.svg"_s));
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    auto *title = new QLabel(tr("<h1>Flowdeck</h1><p>Design, launch and watch Globus Flows.</p>"), central);
    title->setAlignment(Qt::AlignCenter);
    title->setAccessibleName(tr("Welcome"));
    layout->addStretch();
    layout->addWidget(title);
    layout->addStretch();
    setCentralWidget(central);
    m_serviceLabel->setAccessibleName(tr("Service"));
    statusBar()->addPermanentWidget(m_serviceLabel);
    createMenus();
    resize(1100, 720);
}

void MainWindow::setServiceDescription(const QString &description)
{
    m_serviceLabel->setText(description);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    // Some platforms (and the offscreen one) bind nothing to the standard Quit key; Ctrl+Q is expected.
    const QList<QKeySequence> quitKeys = QKeySequence::keyBindings(QKeySequence::Quit);
    quit->setShortcuts(quitKeys.isEmpty() ? QList<QKeySequence>{QKeySequence(Qt::CTRL | Qt::Key_Q)} : quitKeys);
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Flowdeck"), this, &MainWindow::showAbout);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::showAbout()
{
    QMessageBox::about(
        this, tr("About Flowdeck"),
        tr("<b>Flowdeck %1</b><p>A desktop client for Globus Flows.</p>").arg(QApplication::applicationVersion()));
}

} // namespace Flowdeck::Ui
