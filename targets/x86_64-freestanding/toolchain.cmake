# x86-64 Linux without libc: static, -nostdlib, own _start, raw write/exit_group syscalls.
# Runs natively; proves that nothing of libc/libstdc++ is linked (nm -u is empty).
#   cmake -S tests/freestanding -B build/targets/x86_64-freestanding -G Ninja \
#         -DCMAKE_TOOLCHAIN_FILE=$PWD/targets/x86_64-freestanding/toolchain.cmake
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR x86_64)

set(BARE_TARGET_NAME x86_64-freestanding)
set(BARE_TARGET_C_COMPILER gcc)
set(BARE_TARGET_CXX_COMPILER g++)
set(BARE_TARGET_ARCH_FLAGS "")
set(BARE_TARGET_LINK_FLAGS "-static")
set(BARE_TARGET_LINK_LIBRARIES gcc)
set(BARE_TARGET_STARTUP_SOURCES
    "${CMAKE_CURRENT_LIST_DIR}/start.S"
    "${CMAKE_CURRENT_LIST_DIR}/port.c"
    "${CMAKE_CURRENT_LIST_DIR}/../common/crt.c")
set(BARE_TARGET_LINKER_SCRIPT "") # ld's default script: the kernel loads .data and zeroes .bss
set(BARE_TARGET_LINK_DEPENDS "")
set(BARE_TARGET_IMAGE_SUFFIX .elf)
set(BARE_TARGET_DEFAULT_TEST_HEAP_SIZE 65536)

include("${CMAKE_CURRENT_LIST_DIR}/../common/toolchain_common.cmake")
