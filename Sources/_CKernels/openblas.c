// OpenBLAS, for the float64 products (gradient checks, the evaluation metrics' exact sums) and
// LAPACK's symmetric eigensolver, loaded at first use rather than linked.
//
// OpenBLAS picks its kernels from a table of CPU models when it is loaded, unless the variable
// OPENBLAS_CORETYPE names a core; Debian's 0.3.21 does not know recent CPUs (it calls an AVX-512
// Xeon "Prescott" and runs its SSE3 kernels, a fifth of the speed). Loading it here lets the
// backend name the core by the CPU's features first: SkylakeX with AVX-512, Haswell with AVX2
// and FMA (Zen takes the same kernels), else OpenBLAS's own choice. A core the environment
// already names is left alone.
#include "ckernels.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef void (*dgemm_function)(int order, int transpose_a, int transpose_b, int m, int n, int k, double alpha,
                               const double *a, int lda, const double *b, int ldb, double beta, double *c, int ldc);
typedef void (*set_threads_function)(int);
typedef char *(*corename_function)(void);
typedef void (*dsyevd_function)(const char *jobz, const char *uplo, const int *n, double *a, const int *lda, double *w,
                                double *work, const int *lwork, int *iwork, const int *liwork, int *info,
                                size_t jobz_length, size_t uplo_length);

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static dgemm_function dgemm;
static corename_function corename;
static dsyevd_function dsyevd;
static char load_error[256];
static char requested_core[32];

static const char *core_for_this_cpu(void) {
  const ck_cpu_info *cpu = ck_cpu();
  if (cpu->avx512f && cpu->avx512bw && cpu->avx512dq && cpu->avx512vl) return "SkylakeX";
  if (cpu->avx2 && cpu->fma) return "Haswell";
  return NULL;
}

static void load(void) {
  const char *core = core_for_this_cpu();
  if (core && !getenv("OPENBLAS_CORETYPE")) {
    setenv("OPENBLAS_CORETYPE", core, 0);
    snprintf(requested_core, sizeof requested_core, "%s", core);
  }
  const char *names[] = {"libopenblas.so.0", "libopenblas.so"};
  void *handle = NULL;
  for (unsigned i = 0; i < 2 && !handle; i++) handle = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    snprintf(load_error, sizeof load_error, "OpenBLAS is not installed (libopenblas.so.0: %s); on Debian: apt-get install libopenblas0",
             dlerror());
    return;
  }
  set_threads_function set_threads = (set_threads_function)dlsym(handle, "openblas_set_num_threads");
  // The backend splits products among its own workers; OpenBLAS's threads would compete.
  if (set_threads) set_threads(1);
  dgemm = (dgemm_function)dlsym(handle, "cblas_dgemm");
  corename = (corename_function)dlsym(handle, "openblas_get_corename");
  dsyevd = (dsyevd_function)dlsym(handle, "dsyevd_");
  if (!dgemm) snprintf(load_error, sizeof load_error, "the loaded OpenBLAS has no cblas_dgemm");
}

const char *ck_openblas_error(void) {
  pthread_once(&load_once, load);
  return load_error[0] ? load_error : NULL;
}

const char *ck_openblas_core(void) {
  pthread_once(&load_once, load);
  return corename ? corename() : "not loaded";
}

int ck_dgemm(int transpose_a, int transpose_b, long m, long n, long k, double alpha, const double *a, long lda,
             const double *b, long ldb, double beta, double *c, long ldc) {
  pthread_once(&load_once, load);
  if (!dgemm) return -1;
  // CBLAS: row-major 101, no transpose 111, transpose 112.
  dgemm(101, transpose_a ? 112 : 111, transpose_b ? 112 : 111, (int)m, (int)n, (int)k, alpha, a, (int)lda, b, (int)ldb,
        beta, c, (int)ldc);
  return 0;
}

int ck_dsyevd(int n, double *a, double *eigenvalues) {
  pthread_once(&load_once, load);
  if (!dsyevd) return -1000;
  int info = 0, lwork = -1, liwork = -1, iwork_query = 0;
  double work_query = 0;
  dsyevd("V", "U", &n, a, &n, eigenvalues, &work_query, &lwork, &iwork_query, &liwork, &info, 1, 1);
  if (info != 0) return info;
  lwork = (int)work_query;
  liwork = iwork_query;
  double *work = malloc(sizeof(double) * (size_t)(lwork > 1 ? lwork : 1));
  int *iwork = malloc(sizeof(int) * (size_t)(liwork > 1 ? liwork : 1));
  if (!work || !iwork) {
    free(work);
    free(iwork);
    return -1001;
  }
  dsyevd("V", "U", &n, a, &n, eigenvalues, work, &lwork, iwork, &liwork, &info, 1, 1);
  free(work);
  free(iwork);
  return info;
}
