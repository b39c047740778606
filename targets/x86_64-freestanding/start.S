/* start.S: process entry for x86-64 Linux without libc (static, -nostdlib).
 *
 * The kernel enters _start with %rsp pointing at argc (16-byte aligned by the ABI, but we
 * do not rely on it), .data loaded and .bss zeroed. argc/argv/envp are ignored: main takes
 * no arguments. The C start-up (targets/common/crt.c) runs the constructors and main and
 * never returns.
 */
    .section .text._start, "ax", @progbits
    .globl _start
    .type _start, @function
_start:
    xorl %ebp, %ebp          /* outermost frame, for debuggers */
    andq $-16, %rsp          /* 16-byte aligned before the call, as the SysV ABI requires */
    call bare_crt_main
    hlt                      /* not reached */
    .size _start, . - _start

    .section .note.GNU-stack, "", @progbits
