# Runs a compiler command and checks its outcome (a ctest test for build failures):
#
#   cmake -DEXPECT=fail|pass [-DREGEX=<regex>] -P check_build.cmake -- <command...>
#
# EXPECT=fail: the command must exit non-zero AND its output must match REGEX (so the build
# failed for the expected reason, not for a typo or a missing include). EXPECT=pass: it must
# exit 0 (and match REGEX if one is given). The output is printed either way.
set(cmd)
set(after_dashes FALSE)
math(EXPR last "${CMAKE_ARGC} - 1")
foreach(i RANGE 0 ${last})
  if(after_dashes)
    list(APPEND cmd "${CMAKE_ARGV${i}}")
  elseif("${CMAKE_ARGV${i}}" STREQUAL "--")
    set(after_dashes TRUE)
  endif()
endforeach()
if(NOT cmd)
  message(FATAL_ERROR "check_build.cmake: no command after --")
endif()

execute_process(COMMAND ${cmd} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
string(REPLACE ";" " " shown "${cmd}")
message("command: ${shown}\nexit status: ${rc}\n${out}")

if(EXPECT STREQUAL "fail")
  if(rc EQUAL 0)
    message(FATAL_ERROR "expected the build to fail, but it succeeded")
  endif()
  if(NOT out MATCHES "${REGEX}")
    message(FATAL_ERROR "the build failed, but not with a diagnostic matching: ${REGEX}")
  endif()
elseif(EXPECT STREQUAL "pass")
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "expected the build to succeed")
  endif()
  if(REGEX AND NOT out MATCHES "${REGEX}")
    message(FATAL_ERROR "the output does not match: ${REGEX}")
  endif()
else()
  message(FATAL_ERROR "check_build.cmake: EXPECT must be fail or pass")
endif()
message("OK (expected: ${EXPECT})")
