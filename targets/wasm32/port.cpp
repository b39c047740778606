/* port.cpp: start-up and port for wasm32, run by node (targets/wasm32/run.mjs).
 *
 * The module imports nothing: output goes to a static buffer that the runner reads through
 * the exported functions below once run() returns or traps. bare_port_exit records the code
 * and traps (unreachable), which unwinds the whole call back to the runner.
 *
 * Exports: run() -> main's status; bare_output_data(), bare_output_size() -> the buffered
 * output; bare_output_dropped() -> bytes that did not fit; bare_exit_code() -> the code given
 * to bare_port_exit, or -1 if it was not called. (And "memory", by wasm-ld.)
 */
#include "port.h"

#define BARE_WASM_EXPORT(name) __attribute__((export_name(name), used))

#ifndef BARE_WASM_OUTPUT_CAPACITY
#define BARE_WASM_OUTPUT_CAPACITY (1024 * 1024) /* in .bss: costs no module bytes */
#endif

int main();
extern "C" void __wasm_call_ctors(); /* synthesised by wasm-ld: runs the static constructors */

static char output[BARE_WASM_OUTPUT_CAPACITY];
static unsigned long output_size;
static unsigned long output_dropped;
static int exit_code = -1;

void bare_port_write(const char* data, unsigned long len) {
    for (; len; --len, ++data) {
        if (output_size < sizeof output) {
            output[output_size++] = *data;
        } else {
            ++output_dropped;
        }
    }
}

void bare_port_exit(int code) {
    exit_code = code < 0 || code > 255 ? 255 : code;
    __builtin_trap();
}

BARE_WASM_EXPORT("run") int bare_wasm_run() {
    __wasm_call_ctors();
    const int status = main();
    return status < 0 || status > 255 ? 255 : status;
}

BARE_WASM_EXPORT("bare_output_data") const char* bare_wasm_output_data() { return output; }
BARE_WASM_EXPORT("bare_output_size") unsigned long bare_wasm_output_size() {
    return output_size;
}
BARE_WASM_EXPORT("bare_output_dropped") unsigned long bare_wasm_output_dropped() {
    return output_dropped;
}
BARE_WASM_EXPORT("bare_exit_code") int bare_wasm_exit_code() { return exit_code; }
