# toolchain_common.cmake: the part of every targets/<name>/toolchain.cmake that is the same
# for all targets. A toolchain file sets the BARE_TARGET_* inputs below, then includes this.
#
# Inputs (set by targets/<name>/toolchain.cmake):
#   BARE_TARGET_NAME              the directory name under targets/
#   BARE_TARGET_C_COMPILER        C compiler (also used for .S files)
#   BARE_TARGET_CXX_COMPILER      C++ compiler
#   BARE_TARGET_ARCH_FLAGS        CPU/ABI flags, for compiling, assembling and linking
#   BARE_TARGET_CXX_EXTRA_FLAGS   C++-only extras (header search paths)
#   BARE_TARGET_LINK_FLAGS        target-specific link flags
#   BARE_TARGET_LINK_LIBRARIES    libraries after the objects ("gcc"), may be empty
#   BARE_TARGET_STARTUP_SOURCES   start-up and port sources (absolute paths)
#   BARE_TARGET_LINKER_SCRIPT     linker script (absolute path), may be empty
#   BARE_TARGET_LINK_DEPENDS      files the link depends on besides the script (INCLUDEd ones)
#   BARE_TARGET_IMAGE_SUFFIX      ".elf" or ".wasm"
#   BARE_TARGET_DEFAULT_TEST_HEAP_SIZE   default for BARE_TEST_HEAP_SIZE (bytes)
#
# Outputs for the project (read by targets/common/bare_target.cmake):
#   BARE_TARGETS_DIR              absolute path of targets/
#   BARE_TARGET_RUNNER            targets/<name>/run.sh: `run.sh <image>` runs the image
#   BARE_TEST_HEAP_SIZE           cache variable: the conformance suite's heap size
#   CMAKE_<LANG>_FLAGS_INIT, compilers, CMAKE_TRY_COMPILE_TARGET_TYPE and find-root modes.
#
# Note: CMake reads *_FLAGS_INIT only when it creates the cache. After editing a toolchain
# file, configure a fresh build directory (tools/targets.sh does that by itself).

get_filename_component(BARE_TARGETS_DIR "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)
set(BARE_TARGET_RUNNER "${BARE_TARGETS_DIR}/${BARE_TARGET_NAME}/run.sh")

set(CMAKE_C_COMPILER "${BARE_TARGET_C_COMPILER}")
set(CMAKE_CXX_COMPILER "${BARE_TARGET_CXX_COMPILER}")
set(CMAKE_ASM_COMPILER "${BARE_TARGET_C_COMPILER}")

# Compiler checks must not link: there is no C library and no start-up code to link against.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

# Nothing of the build machine's libraries or headers belongs in a target image.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

set(_bare_common_flags
    "-ffreestanding -ffunction-sections -fdata-sections -fno-stack-protector -Os -Wall -Wextra -Werror")
set(CMAKE_C_FLAGS_INIT "${BARE_TARGET_ARCH_FLAGS} -std=c11 ${_bare_common_flags}")
set(CMAKE_CXX_FLAGS_INIT
    "${BARE_TARGET_ARCH_FLAGS} -std=c++20 ${_bare_common_flags} -fno-exceptions -fno-rtti -fno-threadsafe-statics ${BARE_TARGET_CXX_EXTRA_FLAGS}")
set(CMAKE_ASM_FLAGS_INIT "${BARE_TARGET_ARCH_FLAGS}")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-nostdlib -Wl,--gc-sections ${BARE_TARGET_LINK_FLAGS}")

set(BARE_TEST_HEAP_SIZE "${BARE_TARGET_DEFAULT_TEST_HEAP_SIZE}"
    CACHE STRING "Bytes of the static heap of the freestanding conformance suite")
