# bare_target.cmake: turn sources into a linked image for the target of the current
# toolchain file (targets/<name>/toolchain.cmake).
#
#   cmake_minimum_required(VERSION 3.20)
#   project(blink LANGUAGES C CXX)
#   include(<repo>/targets/common/bare_target.cmake)
#   bare_target_executable(blink SOURCES main.cpp [TEST])
#
# bare_target_executable(<name> SOURCES <src>... [TEST])
#   Adds executable <name> (file <name>.elf or <name>.wasm, plus <name>.map beside it on the
#   ELF targets) built from <src>... and the target runtime: start-up code, port
#   (targets/common/port.h: bare_port_write, bare_port_exit) and targets/common/mem.c.
#   The program defines `int main()`; its return value is the exit status. Include
#   directories: <repo>/include (unless BARE_TARGET_HEADERS_FROM_PACKAGE is set: then link
#   the executable to bare::bare from find_package) and targets/common. With TEST, also add_test(<name>) that
#   runs the image with the target's runner (targets/<name>/run.sh).
#
# The runtime is one OBJECT library, bare_target_runtime, shared by all the executables of
# the project and compiled with -fno-builtin (see mem.c).
include_guard(GLOBAL)

if(NOT BARE_TARGET_NAME)
    message(FATAL_ERROR "bare_target.cmake: no bare target. Configure with "
                        "-DCMAKE_TOOLCHAIN_FILE=<repo>/targets/<name>/toolchain.cmake")
endif()

get_filename_component(BARE_ROOT "${CMAKE_CURRENT_LIST_DIR}/../.." ABSOLUTE)

enable_language(C)
foreach(_bare_src IN LISTS BARE_TARGET_STARTUP_SOURCES)
    if(_bare_src MATCHES "\\.[sS]$")
        enable_language(ASM)
        break()
    endif()
endforeach()

# At file scope: enable_testing() inside a function would not reach the directory.
enable_testing()

add_library(bare_target_runtime OBJECT
    ${BARE_TARGET_STARTUP_SOURCES}
    "${BARE_TARGETS_DIR}/common/mem.c")
target_include_directories(bare_target_runtime PUBLIC "${BARE_TARGETS_DIR}/common")
target_compile_options(bare_target_runtime PRIVATE
    $<$<COMPILE_LANGUAGE:C>:-fno-builtin>
    $<$<COMPILE_LANG_AND_ID:C,GNU>:-fno-tree-loop-distribute-patterns>)

function(bare_target_executable name)
    cmake_parse_arguments(PARSE_ARGV 1 ARG "TEST" "" "SOURCES")
    if(NOT ARG_SOURCES)
        message(FATAL_ERROR "bare_target_executable(${name}): no SOURCES")
    endif()
    if(ARG_UNPARSED_ARGUMENTS)
        message(FATAL_ERROR "bare_target_executable(${name}): unknown ${ARG_UNPARSED_ARGUMENTS}")
    endif()

    add_executable(${name} ${ARG_SOURCES})
    set_target_properties(${name} PROPERTIES SUFFIX "${BARE_TARGET_IMAGE_SUFFIX}")
    if(NOT BARE_TARGET_HEADERS_FROM_PACKAGE)  # ON: bare's headers come from find_package(bare)
        target_include_directories(${name} PRIVATE "${BARE_ROOT}/include")
    endif()
    # The object library's objects are linked in; -lgcc comes after all objects.
    target_link_libraries(${name} PRIVATE bare_target_runtime ${BARE_TARGET_LINK_LIBRARIES})

    if(BARE_TARGET_LINKER_SCRIPT)
        target_link_options(${name} PRIVATE "-T${BARE_TARGET_LINKER_SCRIPT}")
    endif()
    set(_depends ${BARE_TARGET_LINKER_SCRIPT} ${BARE_TARGET_LINK_DEPENDS})
    if(_depends)
        set_property(TARGET ${name} APPEND PROPERTY LINK_DEPENDS ${_depends})
    endif()
    if(NOT BARE_TARGET_IMAGE_SUFFIX STREQUAL ".wasm")
        target_link_options(${name} PRIVATE
            "-Wl,-Map=${CMAKE_CURRENT_BINARY_DIR}/${name}.map")
    endif()

    if(ARG_TEST)
        add_test(NAME ${name} COMMAND "${BARE_TARGET_RUNNER}" "$<TARGET_FILE:${name}>")
    endif()
endfunction()
