// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/models/atomicfile.h"

#include <QCoreApplication>
#include <QSaveFile>

namespace Flowdeck::Core {

QString writeFileAtomically(const QString &path, const QByteArray &bytes, QFileDevice::Permissions permissions)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || (permissions && !file.setPermissions(permissions)))
        return file.errorString();
    // Flush here: Qt 6.4's commit() does not notice a flush that fails part way (a full disk, a
    // file size limit) and would replace a good file with a truncated one.
    if (file.write(bytes) != bytes.size() || !file.flush()) {
        const QString why =
            file.error() != QFileDevice::NoError
                ? file.errorString()
                : QCoreApplication::translate("Flowdeck::Core", "the disk is full or the file is too large");
        file.cancelWriting();
        file.commit(); // after cancelWriting() this only deletes the temporary file
        return why;
    }
    return file.commit() ? QString() : file.errorString();
}

} // namespace Flowdeck::Core
