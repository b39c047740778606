# bare_printers.py — GDB pretty-printers for bare's collections and smart pointers.
#
# Load them in gdb with
#     source /path/to/bare/tools/gdb/bare_printers.py
# (an installed bare has them in <prefix>/share/bare/gdb/), or let gdb load them by itself:
# include <bare/gdb.hpp> in one source file of the program and allow auto-loading for it
# (add-auto-load-safe-path /path/to/program). Then:
#
#     (gdb) print v
#     $1 = bare::vec<int> size=3 capacity=4 = {10, 20, 30}
#     (gdb) print m
#     $2 = bare::btree_map<int, bare::string<bare::global>> size=2 = {[1] = "one", [2] = "two"}
#     (gdb) print r
#     $3 = bare::rc<int> (strong=2, weak=1) = {value = 7}
#
# Like libstdc++'s printers, each container gives gdb its elements as children with the display
# hint 'array' (sequences, sets), 'map' (key/value pairs, in iteration order: sorted for
# btree_map and fixed_map, the table's order for hash_map) or 'string' (strings, as UTF-8).
# The summary says size=N and capacity=C. `print/r v` shows the raw fields instead;
# `disable pretty-printer global bare;^vec$` turns one printer off, `info pretty-printer` lists
# them.
#
# Layouts: each printer reads the fields that the headers under include/bare describe (the
# comment of each class below names the header). They work on 64-bit and 32-bit (Cortex-M,
# RV32) programs alike: every size comes from the debug information, nothing is hard-coded,
# and any allocator, comparator or hasher template argument is accepted.
#
# Robustness: a printer never raises. An object that cannot be valid (uninitialised memory, a
# dangling reference: a length beyond its capacity, a pointer to unreadable memory, a broken
# link) prints as `<invalid: why>` or `<unreadable: gdb's message>` after the summary, with no
# children. At most `print elements` + 1 children are produced (10000 when it is unlimited),
# so a corrupt length or a cycle cannot make gdb loop.
#
# Python 3, gdb's Python API as of gdb 9; tested with gdb 13 (Debian 12: gdb, gdb-multiarch).
# No module besides gdb's own. tests/gdb/check.sh is the test (host and Cortex-M4).

import re

import gdb
import gdb.printing
import gdb.types

# The most children a printer produces when `print elements` is unlimited.
HARD_CHILD_CAP = 10000
# The deepest B-tree a printer walks (a tree of 2^64 elements is far lower).
_MAX_BTREE_LEVELS = 64

# ---- helpers ---------------------------------------------------------------------------------


class _Invalid(Exception):
    """The object's fields are inconsistent: printed as <invalid: message>."""


def _child_cap():
    """How many elements a printer yields at most: one past gdb's `print elements` limit (so
    that gdb knows to print "..."), or HARD_CHILD_CAP when there is no limit."""
    try:
        limit = gdb.parameter("print elements")
    except gdb.error:
        limit = 200
    if limit is None or limit <= 0:
        return HARD_CHILD_CAP
    return min(int(limit) + 1, HARD_CHILD_CAP)


def _pointer_size():
    return gdb.lookup_type("void").pointer().sizeof


def _word_type(signed=False):
    """The target's size_t (or ptrdiff_t): the integer type as wide as a pointer."""
    want = _pointer_size()
    for name in ("long", "int", "long long"):
        t = gdb.lookup_type(name if signed else "unsigned " + name)
        if t.sizeof == want:
            return t
    raise _Invalid("no integer type as wide as a pointer")


def _size_type():
    return _word_type()


def _at(address, type_):
    """The object of type type_ at an integer address (lazy: read when printed)."""
    return gdb.Value(address).cast(type_.pointer()).dereference()


def _read_uint(address, type_):
    return int(_at(address, type_))


def _check_readable(address, size):
    """Raises gdb.MemoryError if the first or the last byte of [address, address + size)
    cannot be read (size > 0)."""
    inferior = gdb.selected_inferior()
    inferior.read_memory(address, 1)
    if size > 1:
        inferior.read_memory(address + size - 1, 1)


def _field(value, name):
    """value[name], or None if there is no such member (also searched in bases)."""
    try:
        return value[name]
    except gdb.error:
        return None


def _find(value, name, depth=2):
    """value[name], or the member `name` of one of value's struct members (down to `depth`
    levels: a storage that wraps its fields in a layout struct), or None."""
    found = _field(value, name)
    if found is not None or depth == 0:
        return found
    type_ = _basic(value.type)
    if type_.code not in (gdb.TYPE_CODE_STRUCT, gdb.TYPE_CODE_UNION):
        return None
    for f in type_.fields():
        if f.is_base_class or not f.name or not hasattr(f, "bitpos"):
            continue
        if _basic(f.type).code in (gdb.TYPE_CODE_STRUCT, gdb.TYPE_CODE_UNION):
            found = _find(value[f.name], name, depth - 1)
            if found is not None:
                return found
    return None


def _basic(type_):
    return gdb.types.get_basic_type(type_)


def _template_arg(type_, index):
    """Template argument `index` of type_ (a gdb.Type, or a gdb.Value for a non-type
    argument), or None."""
    try:
        return _basic(type_).template_argument(index)
    except (gdb.error, RuntimeError, ValueError):
        return None


def _type_name(type_):
    """A type's name as the printers show it: the same from g++'s and clang's debug information
    (clang writes integer template arguments with suffixes, 4ul; g++ closes nested argument
    lists with "> >")."""
    name = str(type_)
    name = re.sub(r"\b(\d+)(?:ull|ul|ll|u|l)\b", r"\1", name, flags=re.IGNORECASE)
    while "> >" in name:
        name = name.replace("> >", ">>")
    return name.replace(" []", "[]").replace(" &", "&").replace(" *", "*")


def _array_length(value):
    """The number of elements of an array-typed value (a member T elems[N])."""
    low, high = _basic(value.type).range()
    return high - low + 1


def _align_up(n, align):
    return (n + align - 1) // align * align


def _is_polymorphic(type_):
    """Whether objects of type_ start with a vtable pointer (g++ names the member _vptr.X,
    clang _vptr$X), in the class or one of its bases."""
    type_ = _basic(type_)
    if type_.code not in (gdb.TYPE_CODE_STRUCT, gdb.TYPE_CODE_UNION):
        return False
    for f in type_.fields():
        if f.name and f.name.startswith("_vptr"):
            return True
        if f.is_base_class and _is_polymorphic(f.type):
            return True
    return False


def _complete_object_address(pointer):
    """The address of the complete object that a pointer to a (possibly base) polymorphic
    object points into: its vtable's offset-to-top (Itanium C++ ABI: the word two below the
    address point), which needs no RTTI."""
    address = int(pointer)
    if not _is_polymorphic(pointer.type.target()):
        return address
    word = _pointer_size()
    vptr = _read_uint(address, _size_type())
    offset = int(_at(vptr - 2 * word, _word_type(signed=True)))
    if abs(offset) > (1 << 24):
        raise _Invalid("vtable pointer does not point to a vtable")
    return address + offset


def _dynamic(value):
    """value as its dynamic (most derived) type, when gdb can tell."""
    try:
        if _is_polymorphic(value.type):
            dynamic = value.dynamic_type
            if dynamic is not None and dynamic != value.type:
                return value.cast(dynamic)
    except (gdb.error, RuntimeError):
        pass
    return value


def _error_text(e):
    text = str(e).strip() or e.__class__.__name__
    return text.splitlines()[0]


class _Printer:
    """Base of every printer: to_string() never raises. Subclasses implement summary() (the
    text before the children, may raise _Invalid or gdb errors) and, for a _Container,
    elements() (a generator of (name, value) pairs, over what summary() checked)."""

    hint = None

    def __init__(self, value, kind):
        self.value = value
        self.kind = kind
        self.ok = False
        try:
            self.text = self.summary()
            self.ok = True
        except _Invalid as e:
            self.text = "%s <invalid: %s>" % (self.title(), e)
        except (gdb.MemoryError, gdb.error, RuntimeError, ValueError, OverflowError) as e:
            self.text = "%s <unreadable: %s>" % (self.title(), _error_text(e))
        except Exception as e:  # a layout this file does not know: say so, never raise
            self.text = "%s <printer error: %s: %s>" % (self.title(), e.__class__.__name__, _error_text(e))

    def title(self):
        return "bare::" + self.kind

    def summary(self):
        return self.title()

    def to_string(self):
        return self.text

    def display_hint(self):
        return self.hint if self.ok else None


class _Container(_Printer):
    """A printer with children. (Only these define children(): gdb/MI shows "{...}" as the
    value of anything whose printer has that method, so strings must not.)"""

    def children(self):
        if not self.ok:
            return iter(())
        return self._guarded(self.elements)

    def elements(self):
        return iter(())

    def _guarded(self, elements):
        """The children elements() yields; an error while walking the structure ends them with
        a child that says so (a pair of them under the hint 'map': a key and a value)."""
        message = None
        n = 0
        try:
            for item in elements():
                n += 1
                yield item
        except _Invalid as e:
            message = "<invalid: %s>" % e
        except (gdb.MemoryError, gdb.error, RuntimeError, ValueError, OverflowError) as e:
            message = "<unreadable: %s>" % _error_text(e)
        except Exception as e:
            message = "<printer error: %s: %s>" % (e.__class__.__name__, _error_text(e))
        if message is not None:
            if self.hint == "map":
                yield "[%d]" % n, "<error>"
                n += 1
            yield "[%d]" % n, message


def _title(value, kind, count_index=None, types=1):
    """'bare::KIND<T>' from value's first template argument (the first `types` of them: K, V
    for a map), then the integer template argument at count_index if given (fixed
    capacities): 'bare::KIND<T, N>'."""
    args = []
    for i in range(types):
        t = _template_arg(value.type, i)
        args.append(_type_name(t) if t is not None else "?")
    if count_index is not None:
        n = _template_arg(value.type, count_index)
        if n is not None and not isinstance(n, gdb.Type):
            args.append(str(int(n)))
    return "bare::%s<%s>" % (kind, ", ".join(args))


def _check_count(n, elem_size, what):
    """Raises _Invalid if n elements of elem_size bytes cannot fit in the address space (a
    garbage length or capacity)."""
    if elem_size and n > (1 << (8 * _pointer_size() - 1)) // elem_size:
        raise _Invalid("%s=%d is larger than memory" % (what, n))


def _sized(text, size, capacity=None):
    text = "%s size=%d" % (text, size)
    if capacity is not None:
        text += " capacity=%d" % capacity
    return text


def _indexed(values):
    """(name, value) pairs [0], [1], ... for the hint 'array'."""
    for i, v in enumerate(values):
        yield "[%d]" % i, v


def _pairs(pairs):
    """Alternating key and value children for the hint 'map' (named [0], [1], ... one by one,
    as libstdc++'s: MI front ends need distinct names)."""
    for i, (k, v) in enumerate(pairs):
        yield "[%d]" % (2 * i), k
        yield "[%d]" % (2 * i + 1), v


def _check_pointee(ptr, count=None):
    """Checks that an owning pointer's target can be read: one object, or `count` of them (an
    array's elements; none to check if count is 0)."""
    size = ptr.type.target().sizeof
    if count is not None:
        _check_count(count, size, "size")
    n = 1 if count is None else count
    if n:
        if int(ptr) == 0:
            raise _Invalid("size=%d with no storage" % n)
        _check_readable(int(ptr), n * size)


def _pointee_children(ptr, count=None):
    """The children of an owning pointer: the object as `value` (as its dynamic type), or the
    elements ptr[0, count) of an array."""
    if count is None:
        return iter([("value", _dynamic(ptr.dereference()))])
    elem = ptr.type.target()
    return _indexed(_at(int(ptr) + i * elem.sizeof, elem) for i in range(min(count, _child_cap())))


# ---- contiguous storage: vec_core (detail/vec_core.hpp, vec_storage.hpp, fixed_storage.hpp) ----


def _len_ref(ref):
    """The length a detail::len_ref (detail/len_ref.hpp) points to: {void* p_; kind_}, kind
    0..3 = unsigned char / short / int / size_t."""
    kind = int(ref["kind_"])
    types = ["unsigned char", "unsigned short", "unsigned int"]
    if kind < 0 or kind > 3:
        raise _Invalid("length reference of unknown kind %d" % kind)
    t = _size_type() if kind == 3 else gdb.lookup_type(types[kind])
    return int(gdb.Value(int(ref["p_"])).cast(t.pointer()).dereference())


def _length(value):
    """A length field: a plain integer or a len_ref."""
    if _basic(value.type).code == gdb.TYPE_CODE_STRUCT:
        return _len_ref(value)
    return int(value)


class _Slots:
    """The elements of a vec_core<T, S> (vec, small_vec, fixed_vec, vec_view, buffer_vec, and
    the buffers of string, fixed_string, string_buf, binary_heap, fixed_map) or, ring=True, of
    a ring_core<T, S> (vec_deque, fixed_deque, deque_view). Its storage s_ is one of
      heap_vec_storage    {T* ptr_; size_t cap_; alloc_; size_t len_}
      small_vec_storage   {T* ptr_; size_t cap_; alloc_; size_t len_; inline_slots<T,N> slots_}
      inline_vec_storage  {inline_slots<T,N> slots_ {T elems[N]}; len_type len_}
      vec_view_storage    {T* ptr_; len_ref len_; size_t cap_}
      buffer_vec_storage  {T* ptr_; size_t cap_; size_t len_}
      heap_ring_storage   {T* ptr_; size_t cap_; alloc_; size_t head_; size_t len_}
      inline_ring_storage {inline_slots<T,N> slots_; len_type head_; len_type len_}
      ring_view_storage   {T* buf_; len_ref head_; len_ref len_; size_t cap_}
    Invariant: len <= cap; element i (front = 0) is in slot i, or (head + i) mod cap in a
    ring (head < cap)."""

    def __init__(self, core, ring=False):
        s = core["s_"]
        slots = _field(s, "slots_")
        ptr = _field(s, "ptr_")
        if ptr is None:
            ptr = _field(s, "buf_")
        self.is_inline = None
        if ptr is None:  # inline storage
            elems = slots["elems"]
            self.elem_type = _basic(elems.type).target()
            self.data = int(elems.address)
            self.cap = _array_length(elems)
        else:
            self.elem_type = ptr.type.target()
            self.data = int(ptr)
            self.cap = int(s["cap_"])
            if slots is not None:  # small_vec_storage
                self.is_inline = self.data == int(slots["elems"].address)
                if self.is_inline != (self.cap == _array_length(slots["elems"])):
                    raise _Invalid("capacity %d does not match where the elements are" % self.cap)
        self.head = _length(s["head_"]) if ring else 0
        self.len = _length(s["len_"])
        if self.len > self.cap:
            raise _Invalid("size=%d > capacity=%d" % (self.len, self.cap))
        if self.cap > 0 and self.head >= self.cap:
            raise _Invalid("head=%d >= capacity=%d" % (self.head, self.cap))
        size = self.elem_type.sizeof
        _check_count(self.cap, size, "capacity")
        if self.len > 0:
            if self.data == 0:
                raise _Invalid("size=%d with no storage" % self.len)
            _check_readable(self.data, (self.cap if ring else self.len) * size)

    def values(self):
        """The elements, front first, at most _child_cap() of them."""
        for i in range(min(self.len, _child_cap())):
            slot = self.head + i
            if slot >= self.cap:
                slot -= self.cap
            yield _at(self.data + slot * self.elem_type.sizeof, self.elem_type)


class VecPrinter(_Container):
    """vec<T, A>, fixed_vec<T, N>, small_vec<T, N, A>, vec_view<T>, buffer_vec<T>."""

    hint = "array"
    ring = False

    def title(self):
        return _title(self.value, self.kind, 1 if self.kind in ("fixed_vec", "small_vec") else None)

    def core(self):
        return self.value

    def summary(self):
        self.c = _Slots(self.core(), self.ring)
        text = _sized(self.title(), self.c.len, self.c.cap)
        if self.c.is_inline is not None:
            text += " (inline)" if self.c.is_inline else " (heap)"
        return text

    def elements(self):
        return _indexed(self.c.values())


# ---- strings: string_core (detail/string_core.hpp), str (str.hpp) ------------------------------


class _StringPrinter(_Printer):
    """A UTF-8 string printed as a quoted string (hint 'string'), as libstdc++ prints
    std::string; its bytes are (data, size)."""

    hint = "string"

    def bytes(self):
        raise NotImplementedError

    def summary(self):
        data, size = self.bytes()
        if size > 0:
            if data == 0:
                raise _Invalid("size=%d with no storage" % size)
            _check_readable(data, size)
        self.data, self.size = data, size
        return ""

    def to_string(self):
        if not self.ok:
            return self.text
        try:
            pointer = gdb.Value(self.data).cast(gdb.lookup_type("char").pointer())
            return pointer.lazy_string(encoding="utf-8", length=self.size)
        except Exception as e:
            return "%s <unreadable: %s>" % (self.title(), _error_text(e))


class StringPrinter(_StringPrinter):
    """string<A>, fixed_string<N>, string_buf: string_core<Buf> {Buf buf_}, Buf a vec_core of
    char (vec<char, A>, fixed_vec<char, N>, vec_view<char>)."""

    def title(self):
        if self.kind == "fixed_string":
            n = _template_arg(self.value.type, 0)
            if n is not None:
                return "bare::fixed_string<%d>" % int(n)
        return "bare::" + self.kind

    def bytes(self):
        c = _Slots(self.value["buf_"])
        return c.data, c.len


class StrPrinter(_StringPrinter):
    """str: {const char* p_; size_t n_} (str.hpp)."""

    def bytes(self):
        return int(self.value["p_"]), int(self.value["n_"])


# ---- rings: ring_core (detail/ring_core.hpp, ring_storage.hpp, fixed_storage.hpp) --------------


class DequePrinter(VecPrinter):
    """vec_deque<T, A>, fixed_deque<T, N>, deque_view<T>: ring_core<T, S> {S s_} (storages:
    see _Slots), printed in logical order, front first, across the end of the slots."""

    ring = True

    def title(self):
        return _title(self.value, self.kind, 1 if self.kind == "fixed_deque" else None)


# ---- heaps: heap_core (detail/heap_core.hpp) ---------------------------------------------------


class HeapPrinter(VecPrinter):
    """binary_heap<T, Cmp, A, Arity>, fixed_binary_heap<T, N, Cmp, Arity>: heap_core {Buf data_}
    over a vec / fixed_vec. Printed in storage order: the first element is the top (the
    greatest, for the default bare::less), the rest is heap-ordered, not sorted."""

    def title(self):
        return _title(self.value, self.kind, 1 if self.kind == "fixed_binary_heap" else None)

    def core(self):
        return self.value["data_"]


# ---- lists: linked_list.hpp, intrusive_list.hpp, detail/list_links.hpp -------------------------


def _walk_ring(sentinel_address, first, limit):
    """The links of a ring closed by the sentinel (detail/list_links.hpp): dlink {next, prev}.
    Yields the address of each element's link, first to last, at most `limit` of them. Raises
    _Invalid on a null link."""
    link_type = _size_type()
    p = first
    n = 0
    while p != sentinel_address:
        if n >= limit:
            return
        if p == 0:
            raise _Invalid("null link at element [%d]" % n)
        yield p
        n += 1
        p = _read_uint(p, link_type)  # next is the first member


def _check_ring(sentinel_address, first, length):
    """Raises _Invalid unless the ring closes after exactly `length` elements; a list longer
    than the child cap is checked up to the cap only (reading every link of a long list on
    each print would be slow)."""
    if (first == sentinel_address) != (length == 0):
        raise _Invalid("size=%d but the ring is %s" % (length, "empty" if length else "not empty"))
    if length > 0:
        _check_readable(first, 2 * _pointer_size())
    if length < _child_cap():
        n = sum(1 for _ in _walk_ring(sentinel_address, first, length + 1))
        if n != length:
            raise _Invalid("the ring has %s elements, size says %d" % ("more" if n > length else n, length))


class _ListPrinter(_Container):
    """A list whose elements are linked in a ring through the sentinel head_ (a dlink): an
    element is at its link's address + offset(). Subclasses say where (offset) and how many
    (length)."""

    hint = "array"

    def title(self):
        return _title(self.value, self.kind)

    def summary(self):
        self.elem_type = _template_arg(self.value.type, 0)
        if self.elem_type is None:
            raise _Invalid("no element type in the debug information")
        self.elem_offset = self.offset()
        head = self.value["head_"]
        self.sentinel = int(head.address)
        self.first = int(head["next"])
        if self.first == 0 or int(head["prev"]) == 0:
            raise _Invalid("null head links")
        self.len = self.length()
        return _sized(self.title(), self.len)

    def elements(self):
        def values():
            for link in _walk_ring(self.sentinel, self.first, min(self.len, _child_cap())):
                yield _at(link + self.elem_offset, self.elem_type)

        return _indexed(values())


class LinkedListPrinter(_ListPrinter):
    """linked_list<T, A>: {dlink head_; size_t len_; alloc_}; each node is {dlink; T value}
    (detail::dlink {dlink* next; dlink* prev}), a ring through head_."""

    def offset(self):
        """Where the value is in a node: node's field `value`, or after the two links."""
        try:
            node = gdb.lookup_type(str(_basic(self.value.type)) + "::node")
            for f in node.fields():
                if f.name == "value":
                    return f.bitpos // 8
        except gdb.error:
            pass
        return _align_up(2 * _pointer_size(), self.elem_type.alignof)

    def length(self):
        n = int(self.value["len_"])
        _check_ring(self.sentinel, self.first, n)
        return n


def _member_offset(type_, name):
    """The byte offset of member `name` in type_ (searched in bases too), or None."""
    type_ = _basic(type_)
    for f in type_.fields():
        if f.name == name and not f.is_base_class:
            return f.bitpos // 8
        if f.is_base_class or not f.name:
            inner = _member_offset(f.type, name)
            if inner is not None:
                return f.bitpos // 8 + inner
    return None


def _hook_offsets(type_):
    """The offsets of the bare::list_hook members of type_."""
    found = []
    type_ = _basic(type_)
    for f in type_.fields():
        ft = _basic(f.type)
        if ft.code == gdb.TYPE_CODE_STRUCT and ft.tag == "bare::list_hook":
            found.append(f.bitpos // 8)
        elif f.is_base_class:
            found.extend(f.bitpos // 8 + o for o in _hook_offsets(f.type))
    return found


class IntrusiveListPrinter(_ListPrinter):
    """intrusive_list<T, &T::hook, Size>: {dlink head_; size_t count_ (counted only)}; the ring
    runs through the hooks (list_hook {dlink link_}); an element is at its hook's address minus
    the hook's offset in T. The hook is found by the member name in the type's name (g++ and
    clang write `&T::hook`), or as T's only list_hook member."""

    def offset(self):
        name = str(_basic(self.value.type))
        m = re.search(r"&[^,<>]*::(\w+)\s*[,>]", name)
        if m:
            offset = _member_offset(self.elem_type, m.group(1))
            if offset is not None:
                return -offset
        offsets = _hook_offsets(self.elem_type)
        if len(offsets) == 1:
            return -offsets[0]
        raise _Invalid("cannot tell which list_hook member of %s links this list" % self.elem_type)

    def length(self):
        count = _field(self.value, "count_")
        if count is not None and _basic(count.type).code == gdb.TYPE_CODE_INT:
            n = int(count)
            _check_ring(self.sentinel, self.first, n)
            return n
        # intrusive_size::linear: counted by walking
        return sum(1 for _ in _walk_ring(self.sentinel, self.first, HARD_CHILD_CAP))


class ListHookPrinter(_Printer):
    """list_hook {dlink link_}: linked iff link_.next is not null (intrusive_list.hpp)."""

    def summary(self):
        linked = int(self.value["link_"]["next"]) != 0
        return "bare::list_hook (%s)" % ("linked" if linked else "unlinked")


# ---- B-trees: detail/btree/node.hpp, tree.hpp, container.hpp ----------------------------------


class _KeyedPrinter(_Container):
    """A map (hint 'map': key, value, key, ...) or a set (hint 'array'), by the kind's name."""

    def __init__(self, value, kind):
        self.is_map = kind.endswith("map")
        self.hint = "map" if self.is_map else "array"
        _Container.__init__(self, value, kind)

    def title(self):
        fixed = self.kind.startswith("fixed_")
        return _title(self.value, self.kind, (2 if self.is_map else 1) if fixed else None, 2 if self.is_map else 1)


class BtreePrinter(_KeyedPrinter):
    """btree_map<K, V, Cmp, A, C>, btree_set<K, Cmp, A, C>: container {tree t_}, tree {tree_state
    s_ : tree_base {node_base* root; size_t len; ...}}. A node is a node_base {node_base* parent;
    u16 parent_idx; u16 len; u8 level} followed, as in a struct, by K keys[C] and V vals[C]
    (none for a set); an internal node adds node_base* edges[C + 1] after that struct
    (detail/btree/node.hpp, node_layout); the root's level is the height. Walked in order
    (edge 0, key 0, edge 1, ..., edge len), so keys come sorted."""

    def summary(self):
        state = self.value["t_"]["s_"]
        self.root = state["root"]
        self.len = int(state["len"])
        self.key_type = _template_arg(self.value.type, 0)
        self.val_type = _template_arg(self.value.type, 1) if self.is_map else None
        capacity = _template_arg(self.value.type, 4 if self.is_map else 3)
        if self.key_type is None or (self.is_map and self.val_type is None) or capacity is None:
            raise _Invalid("no key or value type or node capacity in the debug information")
        self.node_capacity = int(capacity)
        self._layout()
        if int(self.root) == 0:
            if self.len != 0:
                raise _Invalid("size=%d with no root" % self.len)
            return _sized(self.title(), 0)
        root = self.root.dereference()
        if int(root["parent"]) != 0:
            raise _Invalid("the root has a parent")
        if int(root["level"]) > _MAX_BTREE_LEVELS:
            raise _Invalid("root level %d" % int(root["level"]))
        if self.len == 0:
            raise _Invalid("a root but size=0")
        return _sized(self.title(), self.len)

    def _layout(self):
        """The offsets of keys, values and edges in a node, as the C++ struct layout places them
        after the node_base header (node_layout<P> in node.hpp)."""
        header = _basic(self.root.type.target())
        k, c = self.key_type, self.node_capacity
        align = max(header.alignof, k.alignof)
        self.keys_offset = _align_up(header.sizeof, k.alignof)
        end = self.keys_offset + c * k.sizeof
        self.vals_offset = 0
        if self.is_map:
            self.vals_offset = _align_up(end, self.val_type.alignof)
            end = self.vals_offset + c * self.val_type.sizeof
            align = max(align, self.val_type.alignof)
        self.edges_offset = _align_up(_align_up(end, align), _pointer_size())

    def _keys_values(self, node, level):
        """(key, value) of node's subtree in order (value None for a set)."""
        n = int(node["len"])
        if int(node["level"]) != level:
            raise _Invalid("node level %d, expected %d" % (int(node["level"]), level))
        if n > self.node_capacity or (n == 0 and level > 0):
            raise _Invalid("node length %d" % n)
        base = int(node.address)
        keys = base + self.keys_offset
        vals = base + self.vals_offset
        for i in range(n + 1):
            if level > 0:
                child = _at(base + self.edges_offset + i * _pointer_size(), self.root.type)
                if int(child) == 0:
                    raise _Invalid("null edge")
                for kv in self._keys_values(child.dereference(), level - 1):
                    yield kv
            if i < n:
                k = _at(keys + i * self.key_type.sizeof, self.key_type)
                v = _at(vals + i * self.val_type.sizeof, self.val_type) if self.is_map else None
                yield k, v

    def elements(self):
        if int(self.root) == 0:
            return iter(())
        root = self.root.dereference()
        items = self._keys_values(root, int(root["level"]))
        cap = min(self.len, _child_cap())

        def limited():
            for i, kv in enumerate(items):
                if i >= cap:
                    return
                yield kv

        if self.is_map:
            return _pairs(limited())
        return _indexed(k for k, _ in limited())


# ---- hash tables: detail/hash/raw.hpp, table.hpp, heap_block.hpp, inline_block.hpp -------------


_GROUP_BYTES = 16
_GROUP_SLOTS = 15


class HashPrinter(_KeyedPrinter):
    """hash_map<K, V, H, Eq, A>, hash_set<K, H, Eq, A> (and the fixed_hash_* over an inline
    block): container {table t_}. The table's groups: G = gmask + 1 groups of 16 control bytes
    (15 slots' bytes: 0 empty, 1 the sentinel, 2..255 full; then an overflow byte); slot i of
    group g is slots[15 g + i]; a map's slot is kv_slot {K first; V second}. The table's block
    is its own fields {ctrl_, slots_, gmask_} or its storage b_ (heap_block: the same fields;
    inline_block: {inline_slots slots_; u8 ctrl_[16 G]}, possibly inside a layout member).
    No block: slots_ == nullptr, ctrl_ points to the shared empty group. Full slots are
    printed in table order."""

    def summary(self):
        table = self.value["t_"]
        block = _field(table, "b_")
        if block is None:
            block = table
        self.size = int(table["size_"])
        ctrl = _find(block, "ctrl_")
        slots = _find(block, "slots_")
        if ctrl is None or slots is None:
            raise _Invalid("no control bytes or slots in the table (an unknown layout)")
        if _basic(ctrl.type).code == gdb.TYPE_CODE_ARRAY:  # inline block
            self.ctrl = int(ctrl.address)
            self.groups = _array_length(ctrl) // _GROUP_BYTES
            elems = slots["elems"]
            self.slot_type = _basic(elems.type).target()
            self.slots = int(elems.address)
            n = _template_arg(self.value.type, 2 if self.is_map else 1)
            capacity = int(n) if n is not None and not isinstance(n, gdb.Type) else None
        else:
            self.ctrl = int(ctrl)
            self.slot_type = slots.type.target()
            self.slots = int(slots)
            gmask = int(_find(block, "gmask_"))
            self.groups = 0 if self.slots == 0 else gmask + 1
            if self.slots == 0 and (gmask != 0 or self.ctrl == 0):
                raise _Invalid("no block but gmask=%d ctrl=%#x" % (gmask, self.ctrl))
            if self.groups & (self.groups - 1):
                raise _Invalid("%d groups is not a power of two" % self.groups)
            usable = self.groups * _GROUP_SLOTS - 1 if self.groups else 0
            capacity = usable - usable // 8
        _check_count(self.groups, _GROUP_SLOTS * self.slot_type.sizeof + _GROUP_BYTES, "groups")
        if capacity is not None and self.size > capacity:
            raise _Invalid("size=%d > capacity=%d" % (self.size, capacity))
        if self.groups:
            if self.ctrl % _GROUP_BYTES:
                raise _Invalid("control bytes not 16-aligned")
            _check_readable(self.ctrl, self.groups * _GROUP_BYTES)
            _check_readable(self.slots, 1)
        return _sized(self.title(), self.size, capacity)

    def _full_slots(self):
        inferior = gdb.selected_inferior()
        found = 0
        cap = min(self.size, _child_cap())
        chunk = 64  # groups read at once
        for first in range(0, self.groups, chunk):
            count = min(chunk, self.groups - first)
            data = bytes(inferior.read_memory(self.ctrl + first * _GROUP_BYTES, count * _GROUP_BYTES))
            for g in range(count):
                for i in range(_GROUP_SLOTS):
                    if data[g * _GROUP_BYTES + i] < 2:
                        continue
                    if found >= cap:
                        return
                    found += 1
                    index = (first + g) * _GROUP_SLOTS + i
                    yield _at(self.slots + index * self.slot_type.sizeof, self.slot_type)
        if found != self.size:
            raise _Invalid("%d full slots, size says %d" % (found, self.size))

    def elements(self):
        if self.is_map:
            return _pairs((s["first"], s["second"]) for s in self._full_slots())
        return _indexed(self._full_slots())


# ---- fixed_map.hpp -----------------------------------------------------------------------------


class FixedMapPrinter(_KeyedPrinter):
    """fixed_map<K, V, N, Cmp>: {fixed_vec<K, N> keys_; fixed_vec<V, N> vals_}, sorted by key,
    kept in step."""

    def summary(self):
        self.keys = _Slots(self.value["keys_"])
        self.vals = _Slots(self.value["vals_"])
        if self.keys.len != self.vals.len:
            raise _Invalid("%d keys but %d values" % (self.keys.len, self.vals.len))
        return _sized(self.title(), self.keys.len, self.keys.cap)

    def elements(self):
        return _pairs(zip(self.keys.values(), self.vals.values()))


# ---- spsc_queue.hpp ----------------------------------------------------------------------------


class SpscQueuePrinter(_Container):
    """spsc_queue<T, N>: {spsc_indices ix_ {atomic<size_t> head, tail}; inline_slots<T, N>
    slots_}. The counters run modulo 2N; element c lives in slot c mod N; the queue holds
    (tail - head) mod 2N elements, printed front (next to pop) first. A snapshot: the other
    context may be pushing or popping."""

    hint = "array"

    def title(self):
        return _title(self.value, "spsc_queue", 1)

    def summary(self):
        ix = self.value["ix_"]
        size_t = _size_type()
        self.head = _read_uint(int(ix["head"].address), size_t)
        self.tail = _read_uint(int(ix["tail"].address), size_t)
        elems = self.value["slots_"]["elems"]
        self.elem_type = _basic(elems.type).target()
        self.buf = int(elems.address)
        self.n = _array_length(elems)
        if self.head >= 2 * self.n or self.tail >= 2 * self.n:
            raise _Invalid("head=%d tail=%d beyond 2N=%d" % (self.head, self.tail, 2 * self.n))
        self.len = self.tail - self.head if self.tail >= self.head else self.tail + 2 * self.n - self.head
        if self.len > self.n:
            raise _Invalid("head=%d tail=%d hold more than N=%d" % (self.head, self.tail, self.n))
        return _sized(self.title(), self.len, self.n)

    def elements(self):
        def values():
            c = self.head
            for _ in range(min(self.len, _child_cap())):
                slot = c if c < self.n else c - self.n
                yield _at(self.buf + slot * self.elem_type.sizeof, self.elem_type)
                c = 0 if c + 1 == 2 * self.n else c + 1

        return _indexed(values())


# ---- object_pool.hpp ---------------------------------------------------------------------------


class ObjectPoolPrinter(_Container):
    """object_pool<T, N>: {inline_slots<slot, N> slots_; index free_, high_, live_}. Slots
    [high_, N) were never used; below high_ a slot is in use or on the free list (from free_,
    through the slots' first bytes; N ends it). The objects in use are printed by slot index
    (hint 'map'). A slot handed out by allocate() as raw memory (a box in the pool) prints as a
    T all the same."""

    hint = "map"

    def title(self):
        return _title(self.value, "object_pool", 1)

    def summary(self):
        self.elem_type = _template_arg(self.value.type, 0)
        if self.elem_type is None:
            raise _Invalid("no element type in the debug information")
        elems = self.value["slots_"]["elems"]
        self.n = _array_length(elems)
        self.buf = int(elems.address)
        self.slot_size = _basic(elems.type).target().sizeof
        index_type = self.value["free_"].type
        free = int(self.value["free_"])
        high = int(self.value["high_"])
        live = int(self.value["live_"])
        if high > self.n or live > high:
            raise _Invalid("high=%d live=%d N=%d" % (high, live, self.n))
        self.free = set()
        while free != self.n:
            if free >= high or free in self.free:
                raise _Invalid("broken free list at slot %d" % free)
            self.free.add(free)
            free = _read_uint(self.buf + free * self.slot_size, index_type)
        self.used = [i for i in range(high) if i not in self.free]
        if len(self.used) != live:
            raise _Invalid("%d slots in use, live says %d" % (len(self.used), live))
        return _sized(self.title(), live, self.n)

    def elements(self):
        return _pairs((i, _at(self.buf + i * self.slot_size, self.elem_type)) for i in self.used[: _child_cap()])


class PoolHandlePrinter(_Container):
    """object_pool<T, N>::handle: {object_pool* pool_; T* p_}; null when it owns nothing."""

    def title(self):
        return _type_name(_basic(self.value.type))

    def summary(self):
        self.p = self.value["p_"]
        if int(self.p) == 0:
            return self.title() + " (null)"
        _check_pointee(self.p)
        return self.title()

    def elements(self):
        if int(self.p) == 0:
            return iter(())
        return _pointee_children(self.p)


# ---- box.hpp -----------------------------------------------------------------------------------


class BoxPrinter(_Container):
    """box<T, A>: {T* ptr_; alloc_; info_}, null or owning *ptr_ (shown as its dynamic type);
    box<T[], A>: {T* ptr_; size_t len_; alloc_}, ptr_[0, len_)."""

    def title(self):
        return _title(self.value, "box")

    def summary(self):
        self.ptr = self.value["ptr_"]
        length = _field(self.value, "len_")
        self.count = None if length is None else int(length)
        if self.count is not None:
            self.hint = "array"
            _check_pointee(self.ptr, self.count)
            return _sized(self.title(), self.count)
        if int(self.ptr) == 0:
            return self.title() + " (null)"
        _check_pointee(self.ptr)
        return self.title()

    def elements(self):
        if int(self.ptr) == 0 and self.count is None:
            return iter(())
        return _pointee_children(self.ptr, self.count)


# ---- rc.hpp / arc.hpp: detail/rc_core.hpp ------------------------------------------------------


class _RcBlock:
    """The block an rc / arc / weak points into (detail/rc_core.hpp):
        [slot: size_t len (arrays) or const rc_block_desc* (polymorphic)]
        rc_header<A> {alloc; rc_counts counts {size_t strong, weak}}
        value           <- `whole` (the complete object) points here
    The header is found by its type when the debug information has it, else the counts are
    taken as the two words right before the value (the header's last member)."""

    def __init__(self, rc_type, whole):
        self.whole = whole
        size_t = _size_type()
        word = size_t.sizeof
        header_size, counts_offset = 2 * word, 0
        alloc = _template_arg(rc_type, 1)
        if alloc is not None:
            try:
                header = gdb.lookup_type("bare::detail::rc_header<%s>" % alloc)
                header_size = header.sizeof
                counts_offset = _member_offset(header, "counts")
                if counts_offset is None:
                    counts_offset = header_size - 2 * word
            except gdb.error:
                pass
        base = whole - header_size
        self.header_address = base
        self.strong = _read_uint(base + counts_offset, size_t)
        self.weak = _read_uint(base + counts_offset + word, size_t)
        self.array_length_address = base - word

    def array_length(self):
        return _read_uint(self.array_length_address, _size_type())


# Counts beyond this are not a live block's (rc_core.hpp: an increment past SIZE_MAX / 2
# panics; arc's is_unique briefly stores SIZE_MAX in weak).
def _count_ok(n):
    return n <= (1 << (8 * _pointer_size() - 1))


class RcPrinter(_Container):
    """rc<T, A> / arc<T, A> (detail::rc_ptr<T, A, Policy>): {element_type* ptr_}, null or
    pointing to the value (or a base subobject of it). Shows the counts of rc's API:
    strong_count() and weak_count() (weak pointers, not counting the one all strong pointers
    share), and the value, as its dynamic type; rc<T[]> its elements."""

    def title(self):
        name = str(_basic(self.value.type))
        kind = "rc" if "local_counts" in name else "arc"
        return _title(self.value, kind + ("_weak" if self.kind == "weak" else ""))

    def whole(self):
        """The complete value's address (0: a null pointer)."""
        return 0 if int(self.ptr) == 0 else _complete_object_address(self.ptr)

    def summary(self):
        self.ptr = self.value["ptr_"]
        self.count = None
        self.alive = False
        whole = self.whole()
        if whole == 0:
            return self.title() + " (null)"
        block = _RcBlock(self.value.type, whole)
        if not _count_ok(block.strong) or not _count_ok(block.weak) or block.weak == 0:
            raise _Invalid("counts strong=%d weak=%d" % (block.strong, block.weak))
        if block.strong == 0:
            if self.kind == "weak":
                return "%s (expired, weak=%d)" % (self.title(), block.weak)
            raise _Invalid("strong=0: the value is gone")
        text = "%s (strong=%d, weak=%d)" % (self.title(), block.strong, block.weak - 1)
        elem = _template_arg(self.value.type, 0)
        if elem is not None and _basic(elem).code == gdb.TYPE_CODE_ARRAY:
            self.hint = "array"
            self.count = block.array_length()
            text = _sized(text, self.count)
        self.alive = int(self.ptr) != 0
        if self.alive:
            _check_pointee(self.ptr, self.count)
        return text

    def elements(self):
        if not self.alive:
            return iter(())
        return _pointee_children(self.ptr, self.count)


class RcWeakPrinter(RcPrinter):
    """rc_weak<T, A> / arc_weak<T, A> (detail::rc_weak_ptr): {element_type* ptr_; void*
    whole_}: whole_ is the complete value's address (null: a null weak pointer; ptr_ is null
    if the pointer was converted to a base after the value was gone). The value is alive iff
    strong > 0. Shows strong and the number of weak pointers, and "expired" when the value is
    gone (then only the weak count, which keeps the block)."""

    def whole(self):
        return int(self.value["whole_"])


# ---- result.hpp, alloc/error.hpp ---------------------------------------------------------------


class ResultPrinter(_Container):
    """result<T, E>: {union {T val_; E err_}; bool ok_}; result<T&, E>: {T* ptr_; E err_} (a
    reference iff ptr_ != nullptr); result<void, E>: {E err_; bool ok_}. Shows the value or
    the error as the one child."""

    def title(self):
        t = _template_arg(self.value.type, 0)
        e = _template_arg(self.value.type, 1)
        args = [_type_name(t) if t is not None else "?"]
        if e is not None and str(e) != "bare::alloc_error":
            args.append(_type_name(e))
        return "bare::result<%s>" % ", ".join(args)

    def summary(self):
        ptr = _field(self.value, "ptr_")
        if ptr is not None:
            self.has_value = int(ptr) != 0
            self.ok_value = ptr.dereference() if self.has_value else None
            if self.has_value:
                _check_pointee(ptr)
            return self.title()
        ok = int(self.value["ok_"].cast(gdb.lookup_type("unsigned char")))
        if ok > 1:
            raise _Invalid("ok_=%d is not a bool" % ok)
        self.has_value = ok == 1
        val = _field(self.value, "val_")
        self.ok_value = val if self.has_value else None
        if self.has_value and val is None:
            return self.title() + " (ok)"
        return self.title()

    def elements(self):
        if self.has_value:
            if self.ok_value is not None:
                yield "value", self.ok_value
        else:
            yield "error", self.value["err_"]


_ALLOC_ERRC = {0: "capacity_overflow", 1: "out_of_memory", 2: "full"}


class AllocErrorPrinter(_Printer):
    """alloc_error {alloc_errc kind; layout request {size_t size, align}}."""

    def summary(self):
        kind = int(self.value["kind"])
        request = self.value["request"]
        return "bare::alloc_error(%s, size=%d, align=%d)" % (
            _ALLOC_ERRC.get(kind, "kind=%d" % kind),
            int(request["size"]),
            int(request["align"]),
        )


# ---- registration ------------------------------------------------------------------------------


def _template_head(tag):
    """'bare::vec' for 'bare::vec<int, bare::global>' (the outermost template's name, when its
    argument list ends the name); the whole name otherwise ('bare::str', or a member type
    such as 'bare::object_pool<T, 4>::handle', which a template's printer must not take)."""
    lt = tag.find("<")
    if lt < 0:
        return tag
    depth = 0
    for i in range(lt, len(tag)):
        c = tag[i]
        if c == "<":
            depth += 1
        elif c == ">":
            depth -= 1
            if depth == 0:
                return tag[:lt] if i == len(tag) - 1 else tag
    return tag


class BarePrettyPrinter(gdb.printing.PrettyPrinter):
    """The collection of bare's printers (`info pretty-printer` lists them as bare;NAME). Each
    sub-printer matches a regular expression against the type's template name (without its
    arguments), after typedefs, references and cv-qualifiers are stripped."""

    class _Sub(gdb.printing.SubPrettyPrinter):
        def __init__(self, name, regexp, factory):
            super().__init__(name)
            self.compiled_re = re.compile(regexp)
            self.factory = factory

    def __init__(self):
        super().__init__("bare", [])

    def add(self, name, regexp, factory):
        self.subprinters.append(self._Sub(name, regexp, factory))

    def __call__(self, value):
        type_ = _basic(value.type)
        tag = type_.tag or type_.name
        if not tag or not tag.startswith("bare::"):
            return None
        head = _template_head(tag)
        for p in self.subprinters:
            if p.enabled and p.compiled_re.match(head):
                return p.factory(value)
        return None


def build_pretty_printer():
    pp = BarePrettyPrinter()

    def add(name, regexp, cls, kind=None):
        pp.add(name, regexp, lambda v, cls=cls, kind=kind or name: cls(v, kind))

    for kind in ("vec", "fixed_vec", "small_vec", "vec_view", "buffer_vec"):
        add(kind, r"^bare::%s$" % kind, VecPrinter)
    for kind in ("string", "fixed_string", "string_buf"):
        add(kind, r"^bare::%s$" % kind, StringPrinter)
    add("str", r"^bare::str$", StrPrinter)
    for kind in ("vec_deque", "fixed_deque", "deque_view"):
        add(kind, r"^bare::%s$" % kind, DequePrinter)
    for kind in ("binary_heap", "fixed_binary_heap"):
        add(kind, r"^bare::%s$" % kind, HeapPrinter)
    add("linked_list", r"^bare::linked_list$", LinkedListPrinter)
    add("intrusive_list", r"^bare::intrusive_list$", IntrusiveListPrinter)
    add("list_hook", r"^bare::list_hook$", ListHookPrinter)
    for kind in ("btree_map", "btree_set"):
        add(kind, r"^bare::%s$" % kind, BtreePrinter)
    for kind in ("hash_map", "hash_set", "fixed_hash_map", "fixed_hash_set"):
        add(kind, r"^bare::%s$" % kind, HashPrinter)
    add("fixed_map", r"^bare::fixed_map$", FixedMapPrinter)
    add("spsc_queue", r"^bare::spsc_queue$", SpscQueuePrinter)
    add("object_pool", r"^bare::object_pool$", ObjectPoolPrinter)
    add("object_pool::handle", r"^bare::object_pool<.*>::handle$", PoolHandlePrinter)
    add("box", r"^bare::box$", BoxPrinter)
    add("rc", r"^bare::detail::rc_ptr$", RcPrinter)
    add("rc_weak", r"^bare::detail::rc_weak_ptr$", RcWeakPrinter, "weak")
    add("result", r"^bare::result$", ResultPrinter)
    add("alloc_error", r"^bare::alloc_error$", AllocErrorPrinter)
    return pp


def register(objfile=None):
    """Registers the printers for objfile (None: for every program gdb debugs). Registering
    again replaces them, so sourcing this file twice is harmless."""
    gdb.printing.register_pretty_printer(objfile, build_pretty_printer(), replace=True)


register(None)
