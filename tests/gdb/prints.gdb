# The gdb commands of the pretty-printer test (tests/gdb/check.sh): run when the program
# (tests/gdb/program.cpp) is stopped in bare_gdb_breakpoint. Everything between the two
# marker lines is compared with tests/gdb/expected_<variant>.txt.
set pagination off
set width 0
set height 0
set confirm off
set print pretty off
set print address off
set print elements 200
set host-charset UTF-8
# pp EXPR: "EXPR = <value>", as `print` shows it but named, without a $N history number.
define pp
  echo $arg0\040=\040
  output $arg0
  echo \n
end
up
echo ---- begin\n

echo -- print (the command users type)\n
print v
print bm_small

echo -- contiguous\n
pp v
pp v_empty
pp points
pp v_long
pp fv
pp sv_inline
pp sv_heap
pp vv
pp bv
pp v_arena
pp bset_arena

echo -- strings\n
pp s
pp s_empty
pp st
pp fs
pp sb
pp names

echo -- deques and heaps\n
pp dq
pp fdq
pp dv
pp heap
pp fheap

echo -- lists\n
pp ll
pp ll_strings
pp tasks
pp t1
pp jobs

echo -- maps and sets\n
pp bm
pp bm_deep
pp bm_small
pp bset
pp bm_empty
pp hm
pp hs
pp hm_empty
pp hs_big
pp fhm
pp fhs
pp fm

echo -- smart pointers\n
pp b
pp b_null
pp b_arr
pp b_poly
pp r
pp r2
pp rw
pp r_null
pp rw_expired
pp r_arr
pp r_poly
pp r_arena
pp a
pp aw
pp aw2

echo -- results\n
pp res_ok
pp res_err
pp res_void
pp res_ref

echo -- fixed-capacity others\n
pp q
pp pool
pp p1
pp p2

echo -- print elements 3\n
set print elements 3
pp v
pp dq
pp ll
pp bm
pp hs_big
pp s
set print elements 200

echo -- print pretty on\n
set print pretty on
pp bm_small
pp r
set print pretty off

echo -- garbage: 0xA5 bytes\n
pp bad_vec
pp bad_string
pp bad_str
pp bad_fixed_vec
pp bad_small_vec
pp bad_deque
pp bad_fixed_deque
pp bad_list
pp bad_tasks
pp bad_btree
pp bad_hash
pp bad_box
pp bad_rc
pp bad_weak
pp bad_result
pp bad_queue
pp bad_pool
pp bad_fixed_map
pp bad_alloc_error

echo -- garbage: zero bytes\n
pp zero_list
pp zero_hash

# Only where address 3 is unmapped: on Cortex-M it is the vector table in flash, whose bytes
# change with the image.
echo -- garbage: words of 3 (64-bit hosts)\n
if sizeof(void*) == 8
  pp three_vec
  pp three_string
  pp three_deque
  pp three_list
  pp three_jobs
  pp three_btree
  pp three_hash
  pp three_box
  pp three_rc
  pp three_arc
  pp three_result
end

echo -- corrupted by gdb, then restored\n
set var $saved_size = hs_big.t_.size_
set var hs_big.t_.size_ = 31
pp hs_big
set var hs_big.t_.size_ = $saved_size
set var $saved_link = ll.head_.next->next
set var ll.head_.next->next = 0
pp ll
set print elements 2
pp ll
set print elements 200
set var ll.head_.next->next = $saved_link
pp ll

echo ---- end\n
