// build.str_*: a string literal that is not valid UTF-8 does not convert to bare::str (the
// consteval constructor validates it; the diagnostic names string_literal_is_not_valid_utf8).
// With -DVALID_LITERAL the literal is valid and the program must compile.
#include <bare/str.hpp>

#ifdef VALID_LITERAL
#define LITERAL "caf\xC3\xA9"  // café
#else
#define LITERAL "caf\xC3"  // the 2-byte sequence of é, cut short
#endif

bare::str name() { return LITERAL; }
