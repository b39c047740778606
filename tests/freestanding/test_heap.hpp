#pragma once
#include <cstddef>
// Blocks of the suite's global heap that are allocated and not freed.
std::size_t test_heap_live_blocks();
std::size_t test_heap_size();
