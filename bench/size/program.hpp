// The minimal program measured by bench/size/run.sh: push n ints, iterate, free.
// n comes from a volatile so that nothing is folded away.
#pragma once
static volatile int g_n = 100;
