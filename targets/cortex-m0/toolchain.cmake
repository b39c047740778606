# Cortex-M0 (ARMv6-M, thumb), run on QEMU microbit (16 KiB RAM) with semihosting.
#   cmake -S tests/freestanding -B build/targets/cortex-m0 -G Ninja \
#         -DCMAKE_TOOLCHAIN_FILE=$PWD/targets/cortex-m0/toolchain.cmake
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)

set(BARE_TARGET_NAME cortex-m0)
set(BARE_TARGET_C_COMPILER arm-none-eabi-gcc)
set(BARE_TARGET_CXX_COMPILER arm-none-eabi-g++)
set(BARE_TARGET_ARCH_FLAGS "-mcpu=cortex-m0 -mthumb")
set(BARE_TARGET_LINK_FLAGS "-L${CMAKE_CURRENT_LIST_DIR}/../common")
set(BARE_TARGET_LINK_LIBRARIES gcc)
set(BARE_TARGET_STARTUP_SOURCES
    "${CMAKE_CURRENT_LIST_DIR}/../common/cortex_m_startup.c"
    "${CMAKE_CURRENT_LIST_DIR}/../common/semihost.c"
    "${CMAKE_CURRENT_LIST_DIR}/../common/crt.c"
    "${CMAKE_CURRENT_LIST_DIR}/critical_section.c")  # arc's hooks (bare/arc.hpp)
set(BARE_TARGET_LINKER_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/link.ld")
set(BARE_TARGET_LINK_DEPENDS "${CMAKE_CURRENT_LIST_DIR}/../common/cortex_m.ld")
set(BARE_TARGET_IMAGE_SUFFIX .elf)
set(BARE_TARGET_DEFAULT_TEST_HEAP_SIZE 6144)

include("${CMAKE_CURRENT_LIST_DIR}/../common/toolchain_common.cmake")
