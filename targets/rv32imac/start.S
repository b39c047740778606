/* start.S: entry and semihosting trap for rv32imac on QEMU's virt board (-bios none).
 *
 * QEMU's reset code jumps to the start of RAM (0x80000000) in machine mode, so _start is
 * placed first by link.ld. It sets gp (linker relaxation addresses small data relative to
 * it), sp and the trap vector, then continues in C (startup.c), which never returns.
 */
    .option arch, +zicsr

    .section .text.start, "ax", @progbits
    .globl _start
    .type _start, @function
_start:
    .option push
    .option norelax          /* `la gp` must not itself be relaxed against gp */
    la gp, __global_pointer$
    .option pop
    la sp, __stack_top
    la t0, bare_riscv_trap   /* direct mode: the handler must be 4-byte aligned */
    csrw mtvec, t0
    call bare_riscv_reset
1:  j 1b
    .size _start, . - _start

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
