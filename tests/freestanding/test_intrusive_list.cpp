// intrusive_list on every target: linking user objects without any allocation, both size
// policies, erase / pop / splice / reverse, unlinking from the hook alone, objects in two lists
// at once, and moving a list.
#include <cstdint>

#include "bare/intrusive_list.hpp"
#include "runner.hpp"
#include "test_heap.hpp"

namespace {

struct alignas(16) job {
  int id = 0;
  bare::list_hook queue;  // in the run queue
  long pad = 0;
  bare::list_hook all;    // in the list of every job
  explicit job(int i = 0) : id(i) {}
};
using queue_list = bare::intrusive_list<job, &job::queue>;
using all_list = bare::intrusive_list<job, &job::all, bare::intrusive_size::linear>;

template <class L>
bool ids(const L& l, const int* want, std::size_t n) {
  if (l.size() != n || !l.check()) return false;
  std::size_t i = 0;
  for (const job& j : l)
    if (j.id != want[i++]) return false;
  return true;
}

void link_unlink_without_heap() {
  const std::size_t live = test_heap_live_blocks();
  job a(1), b(2), c(3), d(4);
  {
    queue_list q;
    q.push_back(a);
    q.push_back(b);
    q.push_front(c);
    q.insert(q.iterator_to(b), d);
    const int want[] = {3, 1, 4, 2};
    FT_CHECK(ids(q, want, 4) && &q.front() == &c && &q.back() == &b);
    FT_CHECK(queue_list::is_linked(a) && !a.all.is_linked());
    q.erase(d);
    FT_CHECK(q.pop_front() == &c && q.pop_back() == &b && q.size() == 1);
    FT_CHECK(!b.queue.is_linked() && !c.queue.is_linked() && !d.queue.is_linked());
    q.push_back(b);
    q.reverse();
    const int rev[] = {2, 1};
    FT_CHECK(ids(q, rev, 2));
  }  // the destructor unlinks a and b
  FT_CHECK(!a.queue.is_linked() && !b.queue.is_linked());
  FT_CHECK(test_heap_live_blocks() == live);
  FT_CHECK(sizeof(bare::list_hook) == 2 * sizeof(void*) && sizeof(all_list) == 2 * sizeof(void*));
}

void two_lists_and_unlink_from_hook() {
  job jobs[5] = {job(0), job(1), job(2), job(3), job(4)};
  queue_list q;
  all_list all;
  for (job& j : jobs) {
    all.push_back(j);
    if (j.id % 2 == 0) q.push_back(j);
  }
  all_list::unlink(jobs[2]);  // from the hook alone: O(1), no list
  const int everyone[] = {0, 1, 3, 4}, queued[] = {0, 2, 4};
  FT_CHECK(ids(all, everyone, 4) && ids(q, queued, 3) && !jobs[2].all.is_linked());
  bool aligned = true;
  for (job& j : q) aligned = aligned && reinterpret_cast<std::uintptr_t>(&j) % 16 == 0;
  FT_CHECK(aligned);
  q.clear();
  all.clear();
}

void splice_and_move() {
  job a(1), b(2), c(3);
  queue_list p, q;
  p.push_back(a);
  q.push_back(b);
  q.push_back(c);
  p.splice(p.begin(), q);
  const int want[] = {2, 3, 1};
  FT_CHECK(ids(p, want, 3) && q.empty() && q.size() == 0);
  q.splice(q.end(), p, p.iterator_to(c));
  FT_CHECK(p.size() == 2 && q.size() == 1 && &q.front() == &c);
  queue_list moved(static_cast<queue_list&&>(p));
  FT_CHECK(p.empty() && moved.size() == 2 && moved.check());
  FT_CHECK(moved.remove_if([](job& j) { return j.id == 2; }) == 1 && !b.queue.is_linked());
  moved.clear();
  q.clear();
}

}  // namespace

FT_GROUP(intrusive_list, FT_TEST(link_unlink_without_heap), FT_TEST(two_lists_and_unlink_from_hook),
         FT_TEST(splice_and_move));
