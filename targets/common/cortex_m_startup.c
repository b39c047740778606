/* cortex_m_startup.c: vector table and reset handler for Cortex-M (ARMv6-M and ARMv7-M).
 *
 * The core loads SP from vector 0 and jumps to vector 1 (Reset_Handler), so C runs from the
 * first instruction. Every fault and unexpected exception prints a line and exits with
 * status 1 through semihosting, instead of spinning until the runner's timeout.
 * Interrupts are never enabled by the runtime, so only the 16 system vectors exist.
 */
#include "crt.h"

extern uint32_t __stack_top[]; /* linker script */

__attribute__((noreturn)) void Reset_Handler(void) {
    bare_crt_init_memory();
    bare_crt_main();
}

static void write_str(const char* s) {
    unsigned long n = 0;
    while (s[n]) ++n;
    bare_port_write(s, n);
}

static __attribute__((noreturn)) void fault_handler(void) {
    uint32_t ipsr; /* the active exception number */
    __asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
    const char number[2] = {(char)('0' + ipsr / 10 % 10), (char)('0' + ipsr % 10)};
    write_str("\nbare: unexpected exception ");
    bare_port_write(number, 2);
    write_str(" (3 = HardFault), exiting\n");
    bare_port_exit(1);
}

typedef void (*bare_vector)(void);

__attribute__((section(".vectors"), used)) const bare_vector bare_vector_table[16] = {
    (bare_vector)(uintptr_t)__stack_top, /* 0: initial SP */
    Reset_Handler,                       /* 1 */
    fault_handler,                       /* 2: NMI */
    fault_handler,                       /* 3: HardFault */
    fault_handler,                       /* 4: MemManage (v7-M) */
    fault_handler,                       /* 5: BusFault (v7-M) */
    fault_handler,                       /* 6: UsageFault (v7-M) */
    0, 0, 0, 0,                          /* 7-10: reserved */
    fault_handler,                       /* 11: SVCall */
    fault_handler,                       /* 12: DebugMonitor (v7-M) */
    0,                                   /* 13: reserved */
    fault_handler,                       /* 14: PendSV */
    fault_handler,                       /* 15: SysTick */
};
