/* startup.c: C half of the rv32imac start-up (see start.S) and the trap handler. */
#include "crt.h"

__attribute__((noreturn)) void bare_riscv_reset(void) {
    bare_crt_init_memory();
    bare_crt_main();
}

static void write_str(const char* s) {
    unsigned long n = 0;
    while (s[n]) ++n;
    bare_port_write(s, n);
}

static void write_hex(uint32_t v) {
    char buf[10] = {'0', 'x'};
    for (int i = 0; i < 8; ++i) buf[2 + i] = "0123456789abcdef"[(v >> (28 - 4 * i)) & 0xf];
    bare_port_write(buf, sizeof buf);
}

/* Any trap (illegal instruction, misaligned or faulting access, stack overflow into the
 * guard, ebreak outside the semihosting sequence) ends the run with status 1. Entered from
 * bare_riscv_trap_entry (start.S) on a fresh stack; never returns. */
__attribute__((noreturn)) void bare_riscv_trap(void) {
    uint32_t cause, epc, tval;
    __asm__ volatile(".option push\n.option arch, +zicsr\n"
                     "csrr %0, mcause\ncsrr %1, mepc\ncsrr %2, mtval\n"
                     ".option pop"
                     : "=r"(cause), "=r"(epc), "=r"(tval));
    write_str("\nbare: trap mcause=");
    write_hex(cause);
    write_str(" mepc=");
    write_hex(epc);
    write_str(" mtval=");
    write_hex(tval);
    write_str(", exiting\n");
    bare_port_exit(1);
}
