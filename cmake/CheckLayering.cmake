# SPDX-License-Identifier: GPL-3.0-or-later
# cmake -DSOURCE_DIR=<repo> -P CheckLayering.cmake
# core/ must stay GUI-free (Qt Core + Network): no widget, GUI, editor or ui/ includes.
file(GLOB_RECURSE sources "${SOURCE_DIR}/core/*.h" "${SOURCE_DIR}/core/*.cpp")
set(offenders "")
foreach(file IN LISTS sources)
    file(STRINGS "${file}" hits REGEX "#include *[<\"](QtWidgets|QtGui|QWidget|QMainWindow|QDialog|QApplication|QGuiApplication|QPixmap|QIcon|Qsci/|ui/)")
    if(hits)
        list(APPEND offenders "${file}: ${hits}")
    endif()
endforeach()
if(offenders)
    message(FATAL_ERROR "core/ includes GUI headers:\n${offenders}")
endif()
list(LENGTH sources count)
message(STATUS "core/ layering ok (${count} files)")
