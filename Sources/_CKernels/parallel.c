// The backend's one worker pool.
//
// A loop is cut into `parts` contiguous ranges; the calling thread and the workers claim parts
// one at a time from a shared ticket until none is left, and the call returns when every part
// is done. A worker that the scheduler has put aside simply claims nothing: the caller does the
// work itself, so a busy machine slows a loop down instead of stalling it on a barrier (the
// failure of a fixed team of threads, OpenMP's, when another process holds a core). Idle
// workers spin briefly, since the next loop of a training step usually follows within
// microseconds, then sleep on a futex.
//
// oneDNN (Debian's build) threads its kernels with OpenMP; the backend calls it from inside
// these parts, one part per thread, with OpenMP held to one thread (`ck_hold_openmp_to_one`), so
// no second pool ever competes with this one.
#include "ckernels.h"

#include <linux/futex.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

void omp_set_num_threads(int);

#define MAX_WORKERS 256
// Rounds of `pause` an idle worker spins before it sleeps (tens of microseconds).
#define SPIN_ROUNDS 20000

typedef struct pool {
  // (generation << 32) | next unclaimed part.
  _Atomic uint64_t ticket;
  // The job of the current generation; written by the caller before it publishes the ticket.
  long count, parts;
  void *context;
  ck_range_body body;
  _Atomic long completed;
  // Futex word: bumped with each published job; sleeping workers wait on it.
  _Atomic uint32_t wake;
  _Atomic int sleepers;
  int workers;  // threads in all, the caller included
  pthread_mutex_t call_lock;
} pool;

static pool the_pool = {.call_lock = PTHREAD_MUTEX_INITIALIZER};
static pthread_once_t pool_once = PTHREAD_ONCE_INIT;
static _Atomic int requested_threads;
static _Thread_local int inside_part;
static _Thread_local int openmp_held;

static long futex(_Atomic uint32_t *word, int op, uint32_t value) {
  return syscall(SYS_futex, (uint32_t *)word, op | FUTEX_PRIVATE_FLAG, value, NULL, NULL, 0);
}

void ck_hold_openmp_to_one(void) {
  if (!openmp_held) {
    omp_set_num_threads(1);
    openmp_held = 1;
  }
}

static inline void cpu_relax(void) { __builtin_ia32_pause(); }

// Claims and runs parts of the job of `generation` until none is left. Returns whether it ran any.
static int work_on(pool *p, uint32_t generation) {
  int ran = 0;
  for (;;) {
    uint64_t ticket = atomic_load_explicit(&p->ticket, memory_order_acquire);
    if ((uint32_t)(ticket >> 32) != generation) return ran;
    long part = (long)(uint32_t)ticket;
    long parts = p->parts, count = p->count;
    void *context = p->context;
    ck_range_body body = p->body;
    if (part >= parts) return ran;
    if (!atomic_compare_exchange_weak_explicit(&p->ticket, &ticket, ticket + 1, memory_order_acq_rel, memory_order_acquire)) continue;
    long begin = count * part / parts, end = count * (part + 1) / parts;
    inside_part = 1;
    if (end > begin) body(context, part, begin, end);
    inside_part = 0;
    atomic_fetch_add_explicit(&p->completed, 1, memory_order_release);
    ran = 1;
  }
}

static void *worker_main(void *argument) {
  pool *p = argument;
  ck_hold_openmp_to_one();
  uint32_t seen = (uint32_t)(atomic_load(&p->ticket) >> 32);
  for (;;) {
    uint32_t generation;
    int spins = 0;
    for (;;) {
      generation = (uint32_t)(atomic_load_explicit(&p->ticket, memory_order_acquire) >> 32);
      if (generation != seen) break;
      if (++spins < SPIN_ROUNDS) {
        cpu_relax();
        continue;
      }
      uint32_t word = atomic_load(&p->wake);
      atomic_fetch_add(&p->sleepers, 1);
      generation = (uint32_t)(atomic_load(&p->ticket) >> 32);
      if (generation == seen) futex(&p->wake, FUTEX_WAIT, word);
      atomic_fetch_sub(&p->sleepers, 1);
      spins = 0;
    }
    seen = generation;
    work_on(p, generation);
  }
  return NULL;
}

static int default_threads(void) {
  const char *setting = getenv("OMP_NUM_THREADS");
  int n = setting ? atoi(setting) : 0;
  if (n < 1) n = (int)sysconf(_SC_NPROCESSORS_ONLN);
  return n < 1 ? 1 : (n > MAX_WORKERS ? MAX_WORKERS : n);
}

static void start_pool(void) {
  pool *p = &the_pool;
  int wanted = atomic_load(&requested_threads);
  p->workers = wanted > 0 ? wanted : default_threads();
  for (int i = 1; i < p->workers; i++) {
    pthread_t thread;
    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
    if (pthread_create(&thread, &attributes, worker_main, p) != 0) {
      p->workers = i;
      pthread_attr_destroy(&attributes);
      break;
    }
    pthread_attr_destroy(&attributes);
  }
}

static pool *get_pool(void) {
  pthread_once(&pool_once, start_pool);
  return &the_pool;
}

void ck_parallel_for(long count, long parts, void *context, ck_range_body body) {
  if (count <= 0) return;
  if (parts > count) parts = count;
  ck_hold_openmp_to_one();
  pool *p = get_pool();
  int limit = atomic_load(&requested_threads);
  if (limit > 0 && parts > limit) parts = limit;
  // One loop at a time on the pool; a nested or concurrent loop runs on its own thread.
  if (parts <= 1 || inside_part || p->workers <= 1 || pthread_mutex_trylock(&p->call_lock) != 0) {
    int was_inside = inside_part;
    inside_part = 1;
    for (long part = 0; part < parts; part++) {
      long begin = count * part / parts, end = count * (part + 1) / parts;
      if (end > begin) body(context, part, begin, end);
    }
    inside_part = was_inside;
    return;
  }
  p->count = count;
  p->parts = parts;
  p->context = context;
  p->body = body;
  atomic_store_explicit(&p->completed, 0, memory_order_relaxed);
  uint64_t ticket = atomic_load(&p->ticket);
  uint32_t generation = (uint32_t)(ticket >> 32) + 1;
  atomic_store_explicit(&p->ticket, (uint64_t)generation << 32, memory_order_release);
  atomic_fetch_add(&p->wake, 1);
  if (atomic_load(&p->sleepers) > 0) futex(&p->wake, FUTEX_WAKE, INT32_MAX);
  work_on(p, generation);
  while (atomic_load_explicit(&p->completed, memory_order_acquire) < parts) cpu_relax();
  pthread_mutex_unlock(&p->call_lock);
}

int ck_thread_count(void) {
  int limit = atomic_load(&requested_threads);
  int workers = get_pool()->workers;
  return limit > 0 && limit < workers ? limit : workers;
}

void ck_set_thread_count(int threads) {
  if (threads < 1) threads = 1;
  atomic_store(&requested_threads, threads);
}

int ck_in_parallel(void) { return inside_part; }
