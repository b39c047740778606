/* port.h: the two functions every target runtime in targets/ provides to a bare program.
 *
 * A program built with bare_target_executable() (targets/common/bare_target.cmake) starts at
 * the target's start-up code, which initialises memory (.data, .bss), runs the static
 * constructors (.init_array), calls `int main()` and ends the program with main's return
 * value as the exit status. Besides that, the program may call:
 *
 *   bare_port_write(data, len)  writes len bytes to the runner's stdout (semihosting on
 *                               Cortex-M and RISC-V, the write syscall on x86-64, an
 *                               exported buffer that node prints on wasm32). Bytes are
 *                               written in order; NUL bytes may be dropped on semihosting
 *                               targets. Not reentrant; never fails visibly.
 *   bare_port_exit(code)        ends the whole program now with exit status `code`. A code
 *                               outside 0..255 becomes 255, so that no failure count can
 *                               wrap around to 0. Runs no destructors and flushes nothing
 *                               (there is nothing to flush). Callable from any context,
 *                               including a handler that must not return.
 *
 * C and C++ compatible.
 */
#ifndef BARE_TARGETS_PORT_H
#define BARE_TARGETS_PORT_H

#ifdef __cplusplus
extern "C" {
#endif

void bare_port_write(const char* data, unsigned long len);

#ifdef __cplusplus
[[noreturn]]
#else
_Noreturn
#endif
void bare_port_exit(int code);

#ifdef __cplusplus
}
#endif

#endif /* BARE_TARGETS_PORT_H */
