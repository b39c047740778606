/* crt.c: run the static constructors, then main; see crt.h. */
#include "crt.h"

typedef void (*bare_init_fn)(void);

/* Defined by the linker script (ours, or ld's default one on x86-64). */
extern const bare_init_fn __preinit_array_start[], __preinit_array_end[];
extern const bare_init_fn __init_array_start[], __init_array_end[];

int main(void);

void bare_crt_main(void) {
    for (const bare_init_fn* f = __preinit_array_start; f < __preinit_array_end; ++f) (*f)();
    for (const bare_init_fn* f = __init_array_start; f < __init_array_end; ++f) (*f)();
    bare_port_exit(main());
}
