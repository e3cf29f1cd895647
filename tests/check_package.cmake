# SPDX-License-Identifier: GPL-3.0-or-later
# cmake -DBUILD_DIR=<build tree> -P check_package.cmake
# Builds the .deb with CPack into a scratch folder and checks it holds the app, its .desktop file and icon.
set(out "${BUILD_DIR}/package-test")
file(REMOVE_RECURSE "${out}")
execute_process(COMMAND ${CMAKE_CPACK_COMMAND} -G DEB -B "${out}" --config "${BUILD_DIR}/CPackConfig.cmake"
                RESULT_VARIABLE code OUTPUT_VARIABLE log ERROR_VARIABLE log)
file(GLOB debs "${out}/flowdeck_*.deb")
if(NOT code EQUAL 0 OR NOT debs)
    message(FATAL_ERROR "cpack failed (${code}):\n${log}")
endif()
execute_process(COMMAND dpkg-deb -c ${debs} OUTPUT_VARIABLE contents)
foreach(entry "./usr/bin/flowdeck" "./usr/share/applications/flowdeck.desktop"
              "./usr/share/icons/hicolor/scalable/apps/flowdeck.svg")
    string(FIND "${contents}" "${entry}" found)
    if(found EQUAL -1)
        message(FATAL_ERROR "${entry} is missing from ${debs}:\n${contents}")
    endif()
endforeach()
message(STATUS "package ok: ${debs}")
