# SPDX-License-Identifier: GPL-3.0-or-later
# flowdeck_add_test(<name> SOURCES <files...> [LIBS <targets...>] [TIMEOUT <s>])
# One executable per unit; headless by default. Qt Test's -platform would override xvfb-run, so the
# platform is set through the environment only (toolchain pitfall 6).
function(flowdeck_add_test name)
    cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;LIBS" ${ARGN})
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 120)
    endif()
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE Flowdeck::Core Qt6::Test flowdeck_warnings ${ARG_LIBS})
    add_test(NAME ${name} COMMAND ${name})
    set_tests_properties(${name} PROPERTIES TIMEOUT ${ARG_TIMEOUT}
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;QT_LOGGING_RULES=qt.network.ssl.warning=false")
endfunction()
