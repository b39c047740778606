/* start.S: entry and semihosting trap for rv32imac on QEMU's virt board (-bios none).
 *
 * QEMU's reset code jumps to the start of RAM (0x80000000) in machine mode, so _start is
 * placed first by link.ld. It sets gp (linker relaxation addresses small data relative to
 * it), sp, the trap vector and the stack guard, then continues in C (startup.c), which
 * never returns.
 *
 * Stack guard: PMP entry 0 covers the STACK_GUARD bytes below the stack (link.ld) with no
 * access. It is locked, which makes it apply to machine mode too, so a stack overflow
 * raises an access fault (mcause 5 or 7) instead of silently overwriting .bss.
 */
    .option arch, +zicsr

    .equ STACK_GUARD, 1024   /* = the guard in link.ld; a power of two, for NAPOT */
    .equ PMP_L_NAPOT, 0x98   /* pmpcfg: L (0x80) | A=NAPOT (0x18) | no R/W/X */

    .section .text.start, "ax", @progbits
    .globl _start
    .type _start, @function
_start:
    .option push
    .option norelax          /* `la gp` must not itself be relaxed against gp */
    la gp, __global_pointer$
    .option pop
    la sp, __stack_top
    la t0, bare_riscv_trap_entry
    csrw mtvec, t0
    la t0, __stack_guard     /* NAPOT: pmpaddr = base / 4 | (size / 8 - 1) */
    srli t0, t0, 2
    ori t0, t0, STACK_GUARD / 8 - 1
    csrw pmpaddr0, t0
    li t0, PMP_L_NAPOT
    csrw pmpcfg0, t0
    call bare_riscv_reset
1:  j 1b
    .size _start, . - _start

/* Trap vector (direct mode: 4-byte aligned). The trap may be a stack overflow, so the
 * handler gets a fresh stack: the top of the normal one, which is never returned to. */
    .section .text.bare_riscv_trap_entry, "ax", @progbits
    .balign 4
    .type bare_riscv_trap_entry, @function
bare_riscv_trap_entry:
    la sp, __stack_top
    j bare_riscv_trap
    .size bare_riscv_trap_entry, . - bare_riscv_trap_entry

/* uintptr_t bare_riscv_semihost(uintptr_t op, uintptr_t arg): op in a0, arg in a1, result
 * in a0. The host recognises exactly this uncompressed three-instruction sequence, and
 * reads all three, so it must not straddle a page: align first, then turn off RVC. */
    .section .text.bare_riscv_semihost, "ax", @progbits
    .globl bare_riscv_semihost
    .type bare_riscv_semihost, @function
    .balign 16
bare_riscv_semihost:
    .option push
    .option norvc
    slli zero, zero, 0x1f
    ebreak
    srai zero, zero, 7
    .option pop
    ret
    .size bare_riscv_semihost, . - bare_riscv_semihost
