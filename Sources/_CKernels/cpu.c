// CPU identification and the multiply-add ceiling, for choosing kernels and for telling users
// when the zoo runs on a slow path.
#include "ckernels.h"

#include <cpuid.h>
#include <immintrin.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static ck_cpu_info cpu_info;
static int cpu_info_ready;
static ck_isa active_isa;
static int active_isa_ready;
static _Thread_local int thread_isa = -1;

static uint64_t read_xcr0(void) {
  uint32_t eax, edx;
  __asm__ volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
  return ((uint64_t)edx << 32) | eax;
}

static void detect(ck_cpu_info *info) {
  memset(info, 0, sizeof *info);
  unsigned a, b, c, d;
  if (!__get_cpuid(0, &a, &b, &c, &d)) return;
  unsigned max_leaf = a;
  memcpy(info->vendor, &b, 4);
  memcpy(info->vendor + 4, &d, 4);
  memcpy(info->vendor + 8, &c, 4);
  __get_cpuid(1, &a, &b, &c, &d);
  int base_family = (a >> 8) & 0xf, base_model = (a >> 4) & 0xf;
  info->family = base_family == 0xf ? base_family + ((a >> 20) & 0xff) : base_family;
  info->model = (base_family == 0x6 || base_family == 0xf) ? (((a >> 16) & 0xf) << 4) | base_model : base_model;
  info->stepping = a & 0xf;
  int osxsave = (c >> 27) & 1;
  uint64_t xcr0 = osxsave ? read_xcr0() : 0;
  // The OS must save the vector registers' upper halves (AVX) and the opmask/ZMM state (AVX-512).
  int os_avx = (xcr0 & 0x6) == 0x6, os_avx512 = (xcr0 & 0xe6) == 0xe6, os_amx = (xcr0 & 0x60000) == 0x60000;
  info->sse42 = (c >> 20) & 1;
  info->avx = os_avx && ((c >> 28) & 1);
  info->fma = info->avx && ((c >> 12) & 1);
  info->f16c = info->avx && ((c >> 29) & 1);
  if (max_leaf >= 7) {
    __cpuid_count(7, 0, a, b, c, d);
    info->avx2 = info->avx && ((b >> 5) & 1);
    info->avx512f = os_avx512 && ((b >> 16) & 1);
    info->avx512dq = os_avx512 && ((b >> 17) & 1);
    info->avx512bw = os_avx512 && ((b >> 30) & 1);
    info->avx512vl = os_avx512 && ((b >> 31) & 1);
    info->avx512vnni = os_avx512 && ((c >> 11) & 1);
    info->avx512fp16 = os_avx512 && ((d >> 23) & 1);
    info->amxbf16 = os_amx && ((d >> 22) & 1);
    info->amxtile = os_amx && ((d >> 24) & 1);
    info->amxint8 = os_amx && ((d >> 25) & 1);
    unsigned sub = a;
    if (sub >= 1) {
      __cpuid_count(7, 1, a, b, c, d);
      info->avxvnni = info->avx && ((a >> 4) & 1);
      info->avx512bf16 = os_avx512 && ((a >> 5) & 1);
    }
  }
  if (__get_cpuid(0x80000000, &a, &b, &c, &d) && a >= 0x80000004) {
    unsigned words[12];
    for (unsigned leaf = 0; leaf < 3; leaf++) {
      __get_cpuid(0x80000002 + leaf, &words[4 * leaf], &words[4 * leaf + 1], &words[4 * leaf + 2], &words[4 * leaf + 3]);
    }
    memcpy(info->brand, words, 48);
    info->brand[48] = 0;
    // Trim the padding some CPUs put around the name.
    char *start = info->brand;
    while (*start == ' ') start++;
    memmove(info->brand, start, strlen(start) + 1);
    size_t n = strlen(info->brand);
    while (n > 0 && info->brand[n - 1] == ' ') info->brand[--n] = 0;
  }
  if (info->avx512f && info->avx512bw && info->avx512dq && info->avx512vl && info->fma) {
    info->best_isa = CK_ISA_AVX512;
  } else if (info->avx2 && info->fma) {
    info->best_isa = CK_ISA_AVX2;
  } else {
    info->best_isa = CK_ISA_GENERIC;
  }
}

const ck_cpu_info *ck_cpu(void) {
  if (!__atomic_load_n(&cpu_info_ready, __ATOMIC_ACQUIRE)) {
    ck_cpu_info info;
    detect(&info);
    cpu_info = info;
    __atomic_store_n(&cpu_info_ready, 1, __ATOMIC_RELEASE);
  }
  return &cpu_info;
}

const char *ck_isa_name(ck_isa isa) {
  switch (isa) {
    case CK_ISA_AVX512: return "avx512";
    case CK_ISA_AVX2: return "avx2";
    default: return "generic";
  }
}

ck_isa ck_set_isa(ck_isa isa) {
  ck_isa best = ck_cpu()->best_isa;
  active_isa = isa > best ? best : isa;
  __atomic_store_n(&active_isa_ready, 1, __ATOMIC_RELEASE);
  return active_isa;
}

int ck_set_thread_isa(int isa) {
  int previous = thread_isa;
  thread_isa = isa < 0 ? -1 : (isa > (int)ck_cpu()->best_isa ? (int)ck_cpu()->best_isa : isa);
  return previous;
}

ck_isa ck_active_isa(void) {
  if (thread_isa >= 0) return (ck_isa)thread_isa;
  if (!__atomic_load_n(&active_isa_ready, __ATOMIC_ACQUIRE)) {
    ck_isa wanted = ck_cpu()->best_isa;
    const char *setting = getenv("GAN_ZOO_ISA");
    if (setting) {
      if (!strcmp(setting, "generic")) wanted = CK_ISA_GENERIC;
      else if (!strcmp(setting, "avx2")) wanted = CK_ISA_AVX2;
    }
    return ck_set_isa(wanted);
  }
  return active_isa;
}

// MARK: - Multiply-add ceiling

static double seconds_now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

// Twelve independent chains: enough to cover the multiply-add latency (4 cycles) on two units.
#define CHAINS(X) X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7) X(8) X(9) X(10) X(11)

__attribute__((target("avx512f,fma"))) static float fma_loop_avx512(long iterations) {
  const __m512 b = _mm512_set1_ps(0.9999f), c = _mm512_set1_ps(1e-7f);
#define DECLARE(i) __m512 a##i = _mm512_set1_ps(1.0f + i);
  CHAINS(DECLARE)
  for (long n = 0; n < iterations; n++) {
#define STEP(i) a##i = _mm512_fmadd_ps(a##i, b, c);
    CHAINS(STEP)
  }
  __m512 s = _mm512_setzero_ps();
#define SUM(i) s = _mm512_add_ps(s, a##i);
  CHAINS(SUM)
  return _mm512_reduce_add_ps(s);
}

__attribute__((target("avx2,fma"))) static float fma_loop_avx2(long iterations) {
  const __m256 b = _mm256_set1_ps(0.9999f), c = _mm256_set1_ps(1e-7f);
#define DECLARE2(i) __m256 a##i = _mm256_set1_ps(1.0f + i);
  CHAINS(DECLARE2)
  for (long n = 0; n < iterations; n++) {
#define STEP2(i) a##i = _mm256_fmadd_ps(a##i, b, c);
    CHAINS(STEP2)
  }
  __m256 s = _mm256_setzero_ps();
#define SUM2(i) s = _mm256_add_ps(s, a##i);
  CHAINS(SUM2)
  float lanes[8];
  _mm256_storeu_ps(lanes, s);
  return lanes[0] + lanes[1] + lanes[2] + lanes[3] + lanes[4] + lanes[5] + lanes[6] + lanes[7];
}

static float fma_loop_generic(long iterations) {
  // SSE2 has no fused multiply-add: a multiply and an add per lane, counted as one multiply-add.
  __m128 b = _mm_set1_ps(0.9999f), c = _mm_set1_ps(1e-7f);
#define DECLARE1(i) __m128 a##i = _mm_set1_ps(1.0f + i);
  CHAINS(DECLARE1)
  for (long n = 0; n < iterations; n++) {
#define STEP1(i) a##i = _mm_add_ps(_mm_mul_ps(a##i, b), c);
    CHAINS(STEP1)
  }
  __m128 s = _mm_setzero_ps();
#define SUM1(i) s = _mm_add_ps(s, a##i);
  CHAINS(SUM1)
  float lanes[4];
  _mm_storeu_ps(lanes, s);
  return lanes[0] + lanes[1] + lanes[2] + lanes[3];
}

typedef struct fma_job {
  ck_isa isa;
  long iterations;
  volatile float sink;
} fma_job;

static float fma_loop(ck_isa isa, long iterations) {
  switch (isa) {
    case CK_ISA_AVX512: return fma_loop_avx512(iterations);
    case CK_ISA_AVX2: return fma_loop_avx2(iterations);
    default: return fma_loop_generic(iterations);
  }
}

static void fma_part(void *context, long part, long begin, long end) {
  fma_job *job = context;
  (void)part;
  for (long i = begin; i < end; i++) job->sink = fma_loop(job->isa, job->iterations);
}

double ck_fma_peak_gflops(ck_isa isa, int threads, double seconds) {
  if (isa > ck_cpu()->best_isa) isa = ck_cpu()->best_isa;
  int lanes = isa == CK_ISA_AVX512 ? 16 : isa == CK_ISA_AVX2 ? 8 : 4;
  if (threads < 1) threads = 1;
  // Calibrate on one thread, then time all threads together (the clock may drop when every core
  // runs wide vectors, which is the ceiling that matters).
  long iterations = 1 << 16;
  for (;;) {
    double start = seconds_now();
    fma_loop(isa, iterations);
    double elapsed = seconds_now() - start;
    if (elapsed > seconds / 10 || iterations > (1L << 40)) {
      iterations = (long)(iterations * (seconds / 3) / (elapsed > 0 ? elapsed : 1e-9)) + 1;
      break;
    }
    iterations *= 4;
  }
  double best = 0;
  for (int round = 0; round < 3; round++) {
    fma_job job = {isa, iterations, 0};
    double start = seconds_now();
    ck_parallel_for(threads, threads, &job, fma_part);
    double elapsed = seconds_now() - start;
    double rate = 2.0 * 12 * lanes * (double)iterations * threads / elapsed / 1e9;
    if (rate > best) best = rate;
  }
  return best;
}
