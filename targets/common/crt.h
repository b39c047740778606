/* crt.h: start-up pieces shared by the ELF targets (not wasm32, where node drives start-up).
 *
 * Sequence, from the target's entry point (vector table, _start):
 *   1. the entry sets up the stack (and gp on RISC-V);
 *   2. bare-metal targets call bare_crt_init_memory() (copy .data, zero .bss); on x86-64
 *      the kernel has done that already;
 *   3. bare_crt_main() runs .preinit_array and .init_array, calls main() and passes its
 *      return value to bare_port_exit().
 */
#ifndef BARE_TARGETS_CRT_H
#define BARE_TARGETS_CRT_H

#include <stdint.h>

#include "port.h"

__attribute__((noreturn)) void bare_crt_main(void);

/* Linker-script symbols (targets/common/cortex_m.ld, targets/rv32imac/link.ld): .data is
 * stored at __data_load and runs at [__data_start, __data_end); .bss is [__bss_start,
 * __bss_end). All four are 4-byte aligned. */
extern uint32_t __data_load[], __data_start[], __data_end[], __bss_start[], __bss_end[];

/* Preconditions: runs before anything touches .data or .bss, on a valid stack.
 * Inline so that targets without these linker symbols (x86-64) never reference them. */
static inline void bare_crt_init_memory(void) {
    const uint32_t* src = __data_load;
    for (uint32_t* dst = __data_start; dst < __data_end;) *dst++ = *src++;
    for (uint32_t* dst = __bss_start; dst < __bss_end;) *dst++ = 0;
}

#endif /* BARE_TARGETS_CRT_H */
