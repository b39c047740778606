/* critical_section.c: the critical-section hooks of bare's arc for Cortex-M0 (ARMv6-M), which
 * has no atomic read-modify-write (see bare/arc.hpp, BARE_ATOMICS_VIA_CRITICAL_SECTION).
 *
 * enter() saves PRIMASK and masks interrupts (cpsid i); exit() unmasks (cpsie i) only if they
 * were unmasked at the matching enter(), so sections nest and may be entered from interrupt
 * handlers. Single core only: masking interrupts excludes every other context there.
 * The asm statements clobber "memory", so the compiler does not move the counts' loads and
 * stores out of the section. Unused functions are dropped by --gc-sections.
 */
/* As bare/arc.hpp declares them (extern "C"). */
unsigned bare_critical_section_enter(void);
void bare_critical_section_exit(unsigned primask);

unsigned bare_critical_section_enter(void) {
    unsigned primask;
    __asm__ volatile("mrs %0, primask\n\tcpsid i" : "=r"(primask) : : "memory");
    return primask;
}

void bare_critical_section_exit(unsigned primask) {
    if ((primask & 1u) == 0) __asm__ volatile("cpsie i" : : : "memory");
}
