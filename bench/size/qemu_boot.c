/* bench/size/qemu_boot.c: what it takes to run a newlib program of bench/size (linked with
 * --specs=nosys.specs and the toolchain's default linker script) on QEMU's mps2-an386 board,
 * so that bench/size/run.sh can check its exit status. Linked only into the *.run.elf twin
 * of each measured image (same program object, same libraries), never into the measured
 * one:
 *   - a vector table at address 0 (-Wl,--section-start=.vectors=0): the initial stack
 *     pointer (newlib's crt0 sets its own, _stack, at once) and the reset handler, newlib's
 *     crt0 entry;
 *   - _exit, which libnosys implements as an endless loop: here semihosting SYS_EXIT_EXTENDED,
 *     which ends QEMU with the program's exit status. */
extern char _stack[];
extern void _mainCRTStartup(void);

__attribute__((section(".vectors"), used)) void* const bare_size_vectors[2] = {_stack, (void*)_mainCRTStartup};

void _exit(int code) {
  unsigned block[2] = {0x20026u, (unsigned)code}; /* ADP_Stopped_ApplicationExit, status */
  register unsigned r0 __asm__("r0") = 0x20u;     /* SYS_EXIT_EXTENDED */
  register unsigned* r1 __asm__("r1") = block;
  __asm__ volatile("bkpt 0xAB" : : "r"(r0), "r"(r1) : "memory");
  for (;;) {
  }
}
