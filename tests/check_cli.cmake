# SPDX-License-Identifier: GPL-3.0-or-later
# cmake -DAPP=<flowdeck> -DARGS="a;b" -DEXPECT_EXIT=<n> -DEXPECT_OUTPUT=<regex> -P check_cli.cmake
# Runs the app's command line as a user would and checks both the exit code and the output.
execute_process(COMMAND ${APP} ${ARGS} RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT code EQUAL EXPECT_EXIT)
    message(FATAL_ERROR "exit code ${code}, expected ${EXPECT_EXIT}\nstdout:\n${out}\nstderr:\n${err}")
endif()
foreach(pattern IN LISTS EXPECT_OUTPUT)
    if(NOT out MATCHES "${pattern}")
        message(FATAL_ERROR "output does not match '${pattern}':\n${out}\nstderr:\n${err}")
    endif()
endforeach()
