// bare/bare.hpp — everything freestanding in one include.
// (bare/alloc/malloc.hpp is hosted-only and not included here.)
#pragma once

#include "bare/alloc/allocator.hpp"
#include "bare/alloc/allocator_ref.hpp"
#include "bare/alloc/bounded.hpp"
#include "bare/alloc/budget.hpp"
#include "bare/alloc/bump.hpp"
#include "bare/alloc/counting.hpp"
#include "bare/alloc/error.hpp"
#include "bare/alloc/global.hpp"
#include "bare/alloc/layout.hpp"
#include "bare/alloc/locked.hpp"
#include "bare/alloc/pool.hpp"
#include "bare/alloc/region.hpp"
#include "bare/alloc/sealable.hpp"
#include "bare/box.hpp"
#include "bare/config.hpp"
#include "bare/panic.hpp"
#include "bare/result.hpp"
#include "bare/str.hpp"
#include "bare/string.hpp"
#include "bare/vec.hpp"
