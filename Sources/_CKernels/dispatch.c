// The public float32 loops: each calls the variant of isa/loops.h for the instruction set in
// force (ck_active_isa: the CPU's best, unless lowered), with subnormal numbers flushed to zero
// for the call (as TensorFlow's CPU kernels run). Subnormal operands cost a microcode assist of
// a hundred cycles or more each: an optimizer's moment estimates for a unit whose gradient has
// died decay through the subnormal range for thousands of steps (0.999ᵗ), and made Adam ten
// times slower. Values below 2⁻¹²⁶ ≈ 1.2e-38 become 0; nothing else changes.
#include "ckernels.h"

#include <immintrin.h>

// MXCSR bits: flush-to-zero (results) and denormals-are-zero (operands).
#define FLUSH_SUBNORMALS 0x8040

#define VARIANTS(name, params) \
  void name##_avx512 params; \
  void name##_avx2 params; \
  void name##_generic params;

#define DISPATCH(name, params, arguments) \
  VARIANTS(name, params) \
  void name params { \
    unsigned saved = _mm_getcsr(); \
    _mm_setcsr(saved | FLUSH_SUBNORMALS); \
    switch (ck_active_isa()) { \
      case CK_ISA_AVX512: name##_avx512 arguments; break; \
      case CK_ISA_AVX2: name##_avx2 arguments; break; \
      default: name##_generic arguments; break; \
    } \
    _mm_setcsr(saved); \
  }

DISPATCH(ck_relu, (const float *x, float *y, long n), (x, y, n))
DISPATCH(ck_leaky_relu, (const float *x, float *y, long n, float slope), (x, y, n, slope))
DISPATCH(ck_tanh, (const float *x, float *y, long n), (x, y, n))
DISPATCH(ck_sigmoid, (const float *x, float *y, long n), (x, y, n))
DISPATCH(ck_exp, (const float *x, float *y, long n), (x, y, n))
DISPATCH(ck_softplus, (const float *x, float *y, long n), (x, y, n))
DISPATCH(ck_log_sigmoid, (const float *x, float *y, long n), (x, y, n))
DISPATCH(ck_bce_logits_backward, (const float *x, const float *t, float *dx, long n, float scale), (x, t, dx, n, scale))

double ck_bce_logits_sum_avx512(const float *x, const float *t, long n);
double ck_bce_logits_sum_avx2(const float *x, const float *t, long n);
double ck_bce_logits_sum_generic(const float *x, const float *t, long n);
double ck_bce_logits_sum(const float *x, const float *t, long n) {
  unsigned saved = _mm_getcsr();
  _mm_setcsr(saved | FLUSH_SUBNORMALS);
  double total;
  switch (ck_active_isa()) {
    case CK_ISA_AVX512: total = ck_bce_logits_sum_avx512(x, t, n); break;
    case CK_ISA_AVX2: total = ck_bce_logits_sum_avx2(x, t, n); break;
    default: total = ck_bce_logits_sum_generic(x, t, n); break;
  }
  _mm_setcsr(saved);
  return total;
}
DISPATCH(ck_leaky_relu_backward, (const float *g, const float *x, float *dx, long n, float slope), (g, x, dx, n, slope))
DISPATCH(ck_tanh_backward, (const float *g, const float *y, float *dx, long n), (g, y, dx, n))
DISPATCH(ck_sigmoid_backward, (const float *g, const float *y, float *dx, long n), (g, y, dx, n))
DISPATCH(ck_add, (const float *a, const float *b, float *y, long n), (a, b, y, n))
DISPATCH(ck_subtract, (const float *a, const float *b, float *y, long n), (a, b, y, n))
DISPATCH(ck_multiply, (const float *a, const float *b, float *y, long n), (a, b, y, n))
DISPATCH(ck_divide, (const float *a, const float *b, float *y, long n), (a, b, y, n))
DISPATCH(ck_scale, (const float *x, float *y, long n, float s), (x, y, n, s))
DISPATCH(ck_add_scalar, (const float *x, float *y, long n, float s), (x, y, n, s))
DISPATCH(ck_accumulate, (const float *x, float *y, long n), (x, y, n))
DISPATCH(ck_channel_affine,
         (const float *x, const float *scale, const float *shift, float *y, long outer, long channels, long inner,
          float slope),
         (x, scale, shift, y, outer, channels, inner, slope))
DISPATCH(ck_row_affine,
         (const float *x, const float *scale, const float *shift, float *y, long rows, long columns, float slope),
         (x, scale, shift, y, rows, columns, slope))
DISPATCH(ck_bias_activation, (float *y, long ld, const float *b, long rows, long columns, float slope),
         (y, ld, b, rows, columns, slope))
DISPATCH(ck_add_row_vector, (const float *x, const float *b, float *y, long rows, long columns), (x, b, y, rows, columns))
DISPATCH(ck_sum_rows, (const float *x, float *out, long rows, long columns), (x, out, rows, columns))
DISPATCH(ck_adam,
         (float *p, const float *g, float *m, float *v, long n, float step, float b1, float one_minus_b1, float b2,
          float one_minus_b2, float inv_root_c2, float eps, float decay),
         (p, g, m, v, n, step, b1, one_minus_b1, b2, one_minus_b2, inv_root_c2, eps, decay))
DISPATCH(ck_batch_norm_forward,
         (const float *x, float *y, long outer, long channels, long inner, long first, long last, float epsilon,
          float *mean, float *variance, float *invstd),
         (x, y, outer, channels, inner, first, last, epsilon, mean, variance, invstd))
DISPATCH(ck_batch_norm_backward,
         (const float *g, const float *xhat, float *dx, long outer, long channels, long inner, long first, long last,
          const float *invstd, float *scratch),
         (g, xhat, dx, outer, channels, inner, first, last, invstd, scratch))
DISPATCH(ck_channel_sums,
         (const float *g, const float *x, float *sum_g, float *sum_gx, long outer, long channels, long inner,
          long first, long last),
         (g, x, sum_g, sum_gx, outer, channels, inner, first, last))
DISPATCH(ck_batch_norm_apply_gradient,
         (const float *g, const float *xhat, float *dx, long outer, long channels, long inner, long first, long last,
          const float *invstd, const float *mean_g, const float *mean_gx),
         (g, xhat, dx, outer, channels, inner, first, last, invstd, mean_g, mean_gx))
