/* semihost.c: bare_port_write and bare_port_exit over Arm semihosting (Cortex-M and, with the
 * same operation numbers, RISC-V). QEMU needs -semihosting; its console output goes to the
 * chardev named by -semihosting-config (the runners point it at stdout).
 */
#include <stdint.h>

#include "port.h"

enum {
    SYS_WRITE0 = 0x04,            /* r1/a1 -> NUL-terminated string */
    SYS_EXIT = 0x18,              /* r1/a1 = reason (32-bit: no exit code) */
    SYS_EXIT_EXTENDED = 0x20,     /* r1/a1 -> {reason, subcode}: any exit code */
    ADP_Stopped_ApplicationExit = 0x20026,
    ADP_Stopped_RunTimeErrorUnknown = 0x20023,
};

#if defined(__arm__)
static uintptr_t semihost_call(uintptr_t op, uintptr_t arg) {
    register uintptr_t r0 __asm__("r0") = op;
    register uintptr_t r1 __asm__("r1") = arg;
    __asm__ volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}
#elif defined(__riscv)
/* In the target's start.S: the trap sequence must be uncompressed and within one page. */
uintptr_t bare_riscv_semihost(uintptr_t op, uintptr_t arg);
static uintptr_t semihost_call(uintptr_t op, uintptr_t arg) { return bare_riscv_semihost(op, arg); }
#else
#error "semihost.c: Arm or RISC-V only"
#endif

void bare_port_write(const char* data, unsigned long len) {
    /* SYS_WRITE0 takes a C string: send the bytes in NUL-terminated chunks, dropping NULs. */
    char chunk[65];
    while (len) {
        unsigned n = 0;
        for (; len && n < sizeof chunk - 1; --len, ++data) {
            if (*data) chunk[n++] = *data;
        }
        chunk[n] = '\0';
        if (n) semihost_call(SYS_WRITE0, (uintptr_t)chunk);
    }
}

void bare_port_exit(int code) {
    if (code < 0 || code > 255) code = 255;
    const uintptr_t block[2] = {ADP_Stopped_ApplicationExit, (uintptr_t)code};
    semihost_call(SYS_EXIT_EXTENDED, (uintptr_t)block);
    /* Only reached if the host lacks SYS_EXIT_EXTENDED: plain SYS_EXIT keeps 0 vs non-zero. */
    for (;;) {
        semihost_call(SYS_EXIT,
                      code == 0 ? ADP_Stopped_ApplicationExit : ADP_Stopped_RunTimeErrorUnknown);
    }
}
