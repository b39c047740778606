# RISC-V rv32imac (ilp32), machine mode on QEMU virt (-bios none) with semihosting.
# Debian's riscv64-unknown-elf-gcc has no C++ headers: the target-neutral libstdc++ headers of
# libstdc++-arm-none-eabi-dev serve (TOOLCHAINS.md); only freestanding headers are used.
#   cmake -S tests/freestanding -B build/targets/rv32imac -G Ninja \
#         -DCMAKE_TOOLCHAIN_FILE=$PWD/targets/rv32imac/toolchain.cmake
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR riscv32)

set(BARE_TARGET_NAME rv32imac)
set(BARE_TARGET_C_COMPILER riscv64-unknown-elf-gcc)
set(BARE_TARGET_CXX_COMPILER riscv64-unknown-elf-g++)
set(BARE_TARGET_ARCH_FLAGS "-march=rv32imac -mabi=ilp32 -mcmodel=medany")

# Newest /usr/include/newlib/c++/<version> (12.2.1 on Debian 12).
file(GLOB _bare_libstdcxx_dirs LIST_DIRECTORIES true "/usr/include/newlib/c++/*")
list(SORT _bare_libstdcxx_dirs COMPARE NATURAL ORDER DESCENDING)
list(GET _bare_libstdcxx_dirs 0 _bare_libstdcxx)
if(NOT IS_DIRECTORY "${_bare_libstdcxx}/arm-none-eabi/thumb/v7-m/nofp")
    message(FATAL_ERROR "rv32imac needs the libstdc++ headers of libstdc++-arm-none-eabi-dev "
                        "(/usr/include/newlib/c++/<version>)")
endif()
set(BARE_TARGET_CXX_EXTRA_FLAGS
    "-isystem ${_bare_libstdcxx} -isystem ${_bare_libstdcxx}/arm-none-eabi/thumb/v7-m/nofp")

set(BARE_TARGET_LINK_FLAGS "-Wl,--no-warn-rwx-segments")
set(BARE_TARGET_LINK_LIBRARIES gcc)
set(BARE_TARGET_STARTUP_SOURCES
    "${CMAKE_CURRENT_LIST_DIR}/start.S"
    "${CMAKE_CURRENT_LIST_DIR}/startup.c"
    "${CMAKE_CURRENT_LIST_DIR}/../common/semihost.c"
    "${CMAKE_CURRENT_LIST_DIR}/../common/crt.c")
set(BARE_TARGET_LINKER_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/link.ld")
set(BARE_TARGET_LINK_DEPENDS "")
set(BARE_TARGET_IMAGE_SUFFIX .elf)
set(BARE_TARGET_DEFAULT_TEST_HEAP_SIZE 65536)

include("${CMAKE_CURRENT_LIST_DIR}/../common/toolchain_common.cmake")
