# wasm32 with clang 16, no WASI: the module imports nothing and is run by node (run.mjs).
# --target=wasm32-wasi only locates the headers; -nostdlib links nothing of WASI.
#   cmake -S tests/freestanding -B build/targets/wasm32 -G Ninja \
#         -DCMAKE_TOOLCHAIN_FILE=$PWD/targets/wasm32/toolchain.cmake
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR wasm32)

set(BARE_TARGET_NAME wasm32)
set(BARE_TARGET_C_COMPILER clang-16)
set(BARE_TARGET_CXX_COMPILER clang++-16)
set(BARE_TARGET_ARCH_FLAGS "--target=wasm32-wasi")
set(BARE_TARGET_CXX_EXTRA_FLAGS "-isystem /usr/lib/llvm-16/include/wasm32-wasi/c++/v1")
# No entry point (node calls the exported run()); --stack-first puts the 64 KiB stack below
# the data so that an overflow traps instead of corrupting it; --strip-all keeps exports.
set(BARE_TARGET_LINK_FLAGS "-Wl,--no-entry -Wl,--stack-first -Wl,--strip-all")
set(BARE_TARGET_LINK_LIBRARIES "")
set(BARE_TARGET_STARTUP_SOURCES "${CMAKE_CURRENT_LIST_DIR}/port.cpp")
set(BARE_TARGET_LINKER_SCRIPT "")
set(BARE_TARGET_LINK_DEPENDS "")
set(BARE_TARGET_IMAGE_SUFFIX .wasm)
set(BARE_TARGET_DEFAULT_TEST_HEAP_SIZE 65536)

include("${CMAKE_CURRENT_LIST_DIR}/../common/toolchain_common.cmake")
