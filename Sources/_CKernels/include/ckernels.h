// The backend's C kernels: what Swift cannot express — CPU feature detection, the one OpenMP
// worker pool, and loops compiled for several instruction sets and chosen at run time.
#ifndef CKERNELS_H
#define CKERNELS_H

#include <stddef.h>
#include <stdint.h>

// MARK: - CPU

// Instruction-set levels the kernels are compiled for, best last.
typedef enum ck_isa {
  CK_ISA_GENERIC = 0,  // x86-64 baseline (SSE2)
  CK_ISA_AVX2 = 1,     // AVX2 + FMA (Haswell, Zen)
  CK_ISA_AVX512 = 2,   // AVX-512 F/BW/DQ/VL + FMA (Skylake-SP and later, Zen 4 and later)
} ck_isa;

typedef struct ck_cpu_info {
  char vendor[16];
  char brand[64];
  int family, model, stepping;
  // Features the CPU reports and the operating system enables (XSAVE state for AVX / AVX-512).
  int sse42, avx, avx2, fma, f16c, avx512f, avx512bw, avx512dq, avx512vl, avx512vnni, avx512bf16,
      avx512fp16, avxvnni, amxtile, amxbf16, amxint8;
  // The best level the kernels can use on this CPU.
  ck_isa best_isa;
} ck_cpu_info;

// What this CPU is and can do (read once with cpuid/xgetbv).
const ck_cpu_info *ck_cpu(void);

// The level the kernels run at: the best the CPU has, unless lowered with ck_set_isa (tests, or
// GAN_ZOO_ISA=generic|avx2|avx512 in the environment). Returns the level in force.
ck_isa ck_active_isa(void);
ck_isa ck_set_isa(ck_isa isa);
// Overrides the level for loops run on the calling thread only (−1: no override; levels above
// the CPU's best are lowered to it). Returns the previous override. For tests.
int ck_set_thread_isa(int isa);
const char *ck_isa_name(ck_isa isa);

// Measures the multiply-add throughput of `threads` threads at `isa` (independent fused
// multiply-adds on the widest vectors of that level) for about `seconds`; GFLOP/s, counting a
// multiply-add as 2.
double ck_fma_peak_gflops(ck_isa isa, int threads, double seconds);

// MARK: - Threads

// Calls body(context, part, begin, end) for `parts` contiguous ranges covering [0, count), each
// part on one thread of the backend's worker pool, the caller's thread among them; returns when
// all are done. Runs every part on the calling thread when parts <= 1, when called from inside a
// part, or while another thread's loop holds the pool.
typedef void (*ck_range_body)(void *context, long part, long begin, long end);
void ck_parallel_for(long count, long parts, void *context, ck_range_body body);

// Threads a loop is split among (OMP_NUM_THREADS, else the online processors, unless lowered).
int ck_thread_count(void);
// Lowers (or restores, up to the pool's size) the threads later loops use, at least 1.
void ck_set_thread_count(int threads);
// Whether the caller runs inside a part of a loop.
int ck_in_parallel(void);
// Holds OpenMP (oneDNN's threading) to one thread on the calling thread: the backend splits the
// work among its own workers and calls oneDNN once per part.
void ck_hold_openmp_to_one(void);

// MARK: - float32 loops (isa/loops.h, one variant per instruction set, chosen at run time)

void ck_relu(const float *x, float *y, long n);
void ck_leaky_relu(const float *x, float *y, long n, float slope);
void ck_tanh(const float *x, float *y, long n);
void ck_sigmoid(const float *x, float *y, long n);
void ck_exp(const float *x, float *y, long n);
// log(1 + e^x) and log σ(x), finite for every x.
void ck_softplus(const float *x, float *y, long n);
void ck_log_sigmoid(const float *x, float *y, long n);
// Σ softplus(x) − t·x (binary cross-entropy on logits, summed), and its gradient scale·(σ(x) − t).
double ck_bce_logits_sum(const float *x, const float *t, long n);
void ck_bce_logits_backward(const float *x, const float *t, float *dx, long n, float scale);
// x̄ = ḡ where x > 0, slope·ḡ elsewhere.
void ck_leaky_relu_backward(const float *g, const float *x, float *dx, long n, float slope);
// x̄ = ḡ·(1 − y²) from y = tanh x.
void ck_tanh_backward(const float *g, const float *y, float *dx, long n);
// x̄ = ḡ·y·(1 − y) from y = σ(x).
void ck_sigmoid_backward(const float *g, const float *y, float *dx, long n);
void ck_add(const float *a, const float *b, float *y, long n);
void ck_subtract(const float *a, const float *b, float *y, long n);
void ck_multiply(const float *a, const float *b, float *y, long n);
void ck_divide(const float *a, const float *b, float *y, long n);
void ck_scale(const float *x, float *y, long n, float s);
void ck_add_scalar(const float *x, float *y, long n, float s);
// y += x.
void ck_accumulate(const float *x, float *y, long n);
// a = x[o, c, i]·scale[c] + shift[c] over (outer, channels, inner), y = a where a > 0 and
// slope·a elsewhere (slope 1: y = a; 0: ReLU); NULL scale is 1, NULL shift 0.
void ck_channel_affine(const float *x, const float *scale, const float *shift, float *y, long outer, long channels,
                       long inner, float slope);
// The same over (rows, columns) with a vector per column: (N, C) features.
void ck_row_affine(const float *x, const float *scale, const float *shift, float *y, long rows, long columns,
                   float slope);
// y[r, j] = act(y[r, j] + b[j]) in place on a rows × columns block with row stride ld (b NULL:
// no bias; slope 1: no activation).
void ck_bias_activation(float *y, long ld, const float *b, long rows, long columns, float slope);
// y[r, j] = x[r, j] + b[j].
void ck_add_row_vector(const float *x, const float *b, float *y, long rows, long columns);
// out[j] = Σ_r x[r, j].
void ck_sum_rows(const float *x, float *out, long rows, long columns);
// One Adam update of n parameters (see isa/loops.h).
void ck_adam(float *p, const float *g, float *m, float *v, long n, float step, float b1, float one_minus_b1, float b2,
             float one_minus_b2, float inv_root_c2, float eps, float decay);

// Batch normalization over x viewed as (outer, channels, inner), for channels [first, last):
// forward writes μ, σ² (biased), 1/√(σ² + ε) and x̂ into y; backward writes
// x̄ = (ḡ − mean(ḡ) − x̂·mean(ḡ·x̂))·invstd, using scratch[0 ..< 2·channels].
void ck_batch_norm_forward(const float *x, float *y, long outer, long channels, long inner, long first, long last,
                           float epsilon, float *mean, float *variance, float *invstd);
void ck_batch_norm_backward(const float *g, const float *xhat, float *dx, long outer, long channels, long inner,
                            long first, long last, const float *invstd, float *scratch);
// For channels [first, last): x̄ = (ḡ − mean_g[c] − x̂·mean_gx[c])·invstd[c] with the means given.
void ck_batch_norm_apply_gradient(const float *g, const float *xhat, float *dx, long outer, long channels, long inner,
                                  long first, long last, const float *invstd, const float *mean_g, const float *mean_gx);
// For channels [first, last): sum_g[c] = Σ ḡ, sum_gx[c] = Σ ḡ·x (either output may be NULL).
void ck_channel_sums(const float *g, const float *x, float *sum_g, float *sum_gx, long outer, long channels, long inner,
                     long first, long last);

// MARK: - Matrix products (oneDNN)

// C = alpha·op(A)·op(B) + beta·C, row-major, on the calling thread. Returns 0, or oneDNN's status.
int ck_sgemm(int transpose_a, int transpose_b, long m, long n, long k, float alpha, const float *a, long lda,
             const float *b, long ldb, float beta, float *c, long ldc);

// MARK: - float64 products and LAPACK (OpenBLAS, loaded at first use with its core chosen by the
// CPU's features; see openblas.c)

// Why OpenBLAS could not be loaded, or NULL when it was.
const char *ck_openblas_error(void);
// The core OpenBLAS runs ("SkylakeX", "Haswell", …), or "not loaded".
const char *ck_openblas_core(void);
// C = alpha·op(A)·op(B) + beta·C, row-major, on the calling thread. Returns 0, or -1 without OpenBLAS.
int ck_dgemm(int transpose_a, int transpose_b, long m, long n, long k, double alpha, const double *a, long lda,
             const double *b, long ldb, double beta, double *c, long ldc);
// Eigenvalues (ascending) and orthonormal eigenvectors (the columns of the column-major n×n `a`,
// overwriting it) of a symmetric matrix, by LAPACK's dsyevd. Returns LAPACK's info (0: success),
// or -1000 without OpenBLAS.
int ck_dsyevd(int n, double *a, double *eigenvalues);

// MARK: - Convolutions (oneDNN)

typedef enum ck_conv_kind {
  CK_CONV_FORWARD = 0,          // (x, W) -> y
  CK_CONV_BACKWARD_DATA = 1,    // (ȳ, W) -> x̄, the transposed convolution
  CK_CONV_BACKWARD_WEIGHTS = 2, // (x, ȳ) -> W̄
} ck_conv_kind;

// x (batch, channels, height, width), W (out_channels, channels, kernel_height, kernel_width),
// y (batch, out_channels, out_height, out_width); the same stride and padding on both axes.
typedef struct ck_conv_shape {
  long batch, channels, height, width, out_channels, kernel_height, kernel_width, stride, padding, out_height,
      out_width;
} ck_conv_shape;

typedef struct ck_conv_plan ck_conv_plan;

// A compiled convolution of one kind and shape, or NULL with the reason in `error`.
ck_conv_plan *ck_conv_plan_create(ck_conv_kind kind, ck_conv_shape shape, char *error, size_t length);
void ck_conv_plan_destroy(ck_conv_plan *plan);
// Bytes of workspace (64-byte aligned) one execution needs.
size_t ck_conv_plan_workspace(const ck_conv_plan *plan);
// oneDNN's name for the kernel it chose ("jit:avx512_core", "gemm:jit", …).
const char *ck_conv_plan_implementation(const ck_conv_plan *plan);
// Bytes of the second operand (the filter, for forward and backward data) in the layout the plan
// runs on; 0 when that is the plain layout.
size_t ck_conv_plan_prepared_operand_size(const ck_conv_plan *plan);
// Writes the second operand in the plan's layout into `prepared` (64-byte aligned, of the size
// above), so that many executions, or many calls, reorder a filter once. Returns 0 or -1.
int ck_conv_plan_prepare_operand(const ck_conv_plan *plan, const float *second, void *prepared, char *error,
                                 size_t length);
// Runs the plan: forward (x, W) -> y, backward data (ȳ, W) -> x̄, backward weights (x, ȳ) -> W̄,
// on plain arrays, except that `second` is already in the plan's layout when `second_prepared`.
// Safe to call from several threads at once with separate workspaces. Returns 0, or -1 with the
// reason in `error`.
int ck_conv_plan_execute(const ck_conv_plan *plan, const float *first, const float *second, int second_prepared,
                         float *result, void *workspace, char *error, size_t length);

// oneDNN's version ("2.6.3") and the instruction set its kernels run at ("avx512_core", …).
const char *ck_onednn_version(void);
const char *ck_onednn_isa(void);

#endif
