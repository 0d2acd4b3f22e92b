// The backend's float32 loops, written once and compiled three times: for AVX-512, for AVX2 +
// FMA, and for the x86-64 baseline (loops_avx512.c, loops_avx2.c, loops_generic.c include this
// file under a target attribute and a name suffix). Plain loops over restrict pointers, which
// the compiler vectorizes at the width of the target; transcendental functions are written
// without branches (ck_exp, ck_tanh) so that they vectorize too.
//
// Every variant computes each element by the same formula; the variants can differ in the last
// bit only where the wider targets contract a multiply and an add into one fused operation.

#include <math.h>
#include <stdint.h>
#include <string.h>

#define CK_CAT2(a, b) a##_##b
#define CK_CAT(a, b) CK_CAT2(a, b)
#define K(name) CK_CAT(name, CK_SUFFIX)

static inline float K(as_float)(int32_t bits) {
  float f;
  memcpy(&f, &bits, 4);
  return f;
}

// Rounds to the nearest integer (ties to even) with the addition trick, which vectorizes on
// every target; valid for |x| < 2^22.
static inline float K(round)(float x) {
  const float magic = 12582912.0f;  // 1.5 · 2^23
  return (x + magic) - magic;
}

// e^x to about 1 ulp on [−87.3, 88.3] (clamped outside): x = n·ln 2 + r, |r| ≤ ln 2 / 2 (ln 2 in
// two parts, Cody & Waite), e^r by its Taylor polynomial to r⁷, times 2^n built in the exponent.
static inline float K(exp)(float x) {
  x = x < -87.3f ? -87.3f : (x > 88.3f ? 88.3f : x);
  float n = K(round)(x * 1.44269504088896341f);
  float r = x - n * 0.693359375f;
  r = r + n * 2.12194440e-4f;
  float p = 1.0f / 5040.0f;
  p = p * r + 1.0f / 720.0f;
  p = p * r + 1.0f / 120.0f;
  p = p * r + 1.0f / 24.0f;
  p = p * r + 1.0f / 6.0f;
  p = p * r + 0.5f;
  p = p * r + 1.0f;
  p = p * r + 1.0f;
  return p * K(as_float)(((int32_t)n + 127) << 23);
}

// tanh x to about 1 ulp: an odd polynomial for |x| < 0.6 (fitted for this project by least
// squares on Chebyshev nodes, max error 0.71 ulp), 1 − 2/(e^{2|x|} + 1) with the sign beyond,
// and exactly ±1 past 9.02, where tanh rounds to 1 in float.
static inline float K(tanh)(float x) {
  float a = fabsf(x);
  float t = x * x;
  float p = -0.00632318f;
  p = p * t + 0.0211523f;
  p = p * t - 0.05388417f;
  p = p * t + 0.13333003f;
  p = p * t - 0.33333332f;
  float small = x + x * t * p;
  float e = K(exp)(2.0f * (a > 9.02f ? 9.02f : a));
  float large = a > 9.02f ? 1.0f : 1.0f - 2.0f / (e + 1.0f);
  large = x < 0 ? -large : large;
  return a < 0.6f ? small : large;
}

// σ(x) = 1 / (1 + e^−x), as e/(1 + e) with e = e^x for x < 0 so that tiny results keep their
// digits.
static inline float K(sigmoid)(float x) {
  float e = K(exp)(-fabsf(x));
  float s = 1.0f / (1.0f + e);
  return x >= 0 ? s : e * s;
}

// log(1 + u) for u in [0, 1] without cancellation: 2·atanh(s) with s = u/(2 + u) ∈ [0, 1/3], by
// its odd series to s¹⁵ (the next term is below 2e-9 relative).
static inline float K(log1p_unit)(float u) {
  float s = u / (2.0f + u), t = s * s;
  float p = 1.0f / 15.0f;
  p = p * t + 1.0f / 13.0f;
  p = p * t + 1.0f / 11.0f;
  p = p * t + 1.0f / 9.0f;
  p = p * t + 1.0f / 7.0f;
  p = p * t + 1.0f / 5.0f;
  p = p * t + 1.0f / 3.0f;
  p = p * t + 1.0f;
  return 2.0f * s * p;
}

// log(1 + e^x) = max(x, 0) + log(1 + e^−|x|): finite for every x.
static inline float K(softplus)(float x) {
  return (x > 0 ? x : 0.0f) + K(log1p_unit)(K(exp)(-fabsf(x)));
}

// MARK: - Unary maps and their backward rules

void K(ck_softplus)(const float *restrict x, float *restrict y, long n) {
  for (long i = 0; i < n; i++) y[i] = K(softplus)(x[i]);
}

// log σ(x) = min(x, 0) − log(1 + e^−|x|).
void K(ck_log_sigmoid)(const float *restrict x, float *restrict y, long n) {
  for (long i = 0; i < n; i++) y[i] = (x[i] < 0 ? x[i] : 0.0f) - K(log1p_unit)(K(exp)(-fabsf(x[i])));
}

// Σ softplus(x) − t·x over n elements (binary cross-entropy on logits), in blocks of 256 summed
// in float and the blocks in double.
double K(ck_bce_logits_sum)(const float *restrict x, const float *restrict t, long n) {
  double total = 0;
  for (long start = 0; start < n; start += 256) {
    long end = start + 256 < n ? start + 256 : n;
    float block = 0;
    for (long i = start; i < end; i++) block += K(softplus)(x[i]) - t[i] * x[i];
    total += block;
  }
  return total;
}

// x̄ = scale·(σ(x) − t): the gradient of the sum above, scaled by the loss's upstream gradient.
void K(ck_bce_logits_backward)(const float *restrict x, const float *restrict t, float *restrict dx, long n,
                               float scale) {
  for (long i = 0; i < n; i++) dx[i] = scale * (K(sigmoid)(x[i]) - t[i]);
}


void K(ck_relu)(const float *restrict x, float *restrict y, long n) {
  for (long i = 0; i < n; i++) y[i] = x[i] > 0 ? x[i] : 0.0f;
}

void K(ck_leaky_relu)(const float *restrict x, float *restrict y, long n, float slope) {
  for (long i = 0; i < n; i++) y[i] = x[i] > 0 ? x[i] : x[i] * slope;
}

void K(ck_tanh)(const float *restrict x, float *restrict y, long n) {
  for (long i = 0; i < n; i++) y[i] = K(tanh)(x[i]);
}

void K(ck_sigmoid)(const float *restrict x, float *restrict y, long n) {
  for (long i = 0; i < n; i++) y[i] = K(sigmoid)(x[i]);
}

void K(ck_exp)(const float *restrict x, float *restrict y, long n) {
  for (long i = 0; i < n; i++) y[i] = K(exp)(x[i]);
}

// x̄ = ḡ where x > 0, slope·ḡ elsewhere (slope 0: ReLU).
void K(ck_leaky_relu_backward)(const float *restrict g, const float *restrict x, float *restrict dx, long n, float slope) {
  for (long i = 0; i < n; i++) dx[i] = x[i] > 0 ? g[i] : g[i] * slope;
}

// x̄ = ḡ·(1 − y²), y = tanh x.
void K(ck_tanh_backward)(const float *restrict g, const float *restrict y, float *restrict dx, long n) {
  for (long i = 0; i < n; i++) dx[i] = g[i] * (1.0f - y[i] * y[i]);
}

// x̄ = ḡ·y·(1 − y), y = σ(x).
void K(ck_sigmoid_backward)(const float *restrict g, const float *restrict y, float *restrict dx, long n) {
  for (long i = 0; i < n; i++) dx[i] = g[i] * y[i] * (1.0f - y[i]);
}

// MARK: - Binary maps

void K(ck_add)(const float *restrict a, const float *restrict b, float *restrict y, long n) {
  for (long i = 0; i < n; i++) y[i] = a[i] + b[i];
}

void K(ck_subtract)(const float *restrict a, const float *restrict b, float *restrict y, long n) {
  for (long i = 0; i < n; i++) y[i] = a[i] - b[i];
}

void K(ck_multiply)(const float *restrict a, const float *restrict b, float *restrict y, long n) {
  for (long i = 0; i < n; i++) y[i] = a[i] * b[i];
}

void K(ck_divide)(const float *restrict a, const float *restrict b, float *restrict y, long n) {
  for (long i = 0; i < n; i++) y[i] = a[i] / b[i];
}

void K(ck_scale)(const float *restrict x, float *restrict y, long n, float s) {
  for (long i = 0; i < n; i++) y[i] = x[i] * s;
}

void K(ck_add_scalar)(const float *restrict x, float *restrict y, long n, float s) {
  for (long i = 0; i < n; i++) y[i] = x[i] + s;
}

// y += x.
void K(ck_accumulate)(const float *restrict x, float *restrict y, long n) {
  for (long i = 0; i < n; i++) y[i] += x[i];
}

// MARK: - Per-channel maps over (outer, channels, inner)

// a = x[o, c, i]·scale[c] + shift[c], y = a where a > 0, slope·a elsewhere (slope 1: y = a);
// a NULL scale is 1, a NULL shift 0.
void K(ck_channel_affine)(const float *restrict x, const float *restrict scale, const float *restrict shift,
                          float *restrict y, long outer, long channels, long inner, float slope) {
  for (long o = 0; o < outer; o++) {
    for (long c = 0; c < channels; c++) {
      const float *xr = x + (o * channels + c) * inner;
      float *yr = y + (o * channels + c) * inner;
      float s = scale ? scale[c] : 1.0f, b = shift ? shift[c] : 0.0f;
      for (long i = 0; i < inner; i++) {
        float a = xr[i] * s + b;
        yr[i] = a > 0 ? a : a * slope;
      }
    }
  }
}

// For (N, C) with inner 1, channels vary fastest: the same map with the channel loop innermost.
void K(ck_row_affine)(const float *restrict x, const float *restrict scale, const float *restrict shift,
                      float *restrict y, long rows, long columns, float slope) {
  for (long r = 0; r < rows; r++) {
    const float *xr = x + r * columns;
    float *yr = y + r * columns;
    for (long j = 0; j < columns; j++) {
      float a = xr[j] * (scale ? scale[j] : 1.0f) + (shift ? shift[j] : 0.0f);
      yr[j] = a > 0 ? a : a * slope;
    }
  }
}

// y[r, j] = act(y[r, j] + b[j]) in place over a block of `rows` × `columns` with row stride ld:
// a dense layer's bias (NULL: none) and activation (slope 1: none, 0: ReLU), after its product.
void K(ck_bias_activation)(float *restrict y, long ld, const float *restrict b, long rows, long columns, float slope) {
  for (long r = 0; r < rows; r++) {
    float *yr = y + r * ld;
    for (long j = 0; j < columns; j++) {
      float a = yr[j] + (b ? b[j] : 0.0f);
      yr[j] = a > 0 ? a : a * slope;
    }
  }
}

// y[r, j] = x[r, j] + b[j] over rows of `columns`: a dense layer's bias.
void K(ck_add_row_vector)(const float *restrict x, const float *restrict b, float *restrict y, long rows, long columns) {
  for (long r = 0; r < rows; r++) {
    const float *xr = x + r * columns;
    float *yr = y + r * columns;
    for (long j = 0; j < columns; j++) yr[j] = xr[j] + b[j];
  }
}

// out[j] = Σ_r x[r, j] (a bias gradient), accumulating in float.
void K(ck_sum_rows)(const float *restrict x, float *restrict out, long rows, long columns) {
  for (long j = 0; j < columns; j++) out[j] = 0;
  for (long r = 0; r < rows; r++) {
    const float *xr = x + r * columns;
    for (long j = 0; j < columns; j++) out[j] += xr[j];
  }
}

// MARK: - Adam

// One Adam step (PyTorch's torch.optim.Adam, L2 weight decay) on n parameters:
//   g += decay·p; m = b1·m + (1 − b1)·g; v = b2·v + (1 − b2)·g²;
//   p −= step·m / (√v·inv_root_c2 + eps), step = lr / (1 − b1^t), inv_root_c2 = 1/√(1 − b2^t).
// The caller rounds 1 − b1 and 1 − b2 from double precision: in float, 1 − 0.999f is off by
// 1.3e-5 relative, enough to move v visibly.
void K(ck_adam)(float *restrict p, const float *restrict g, float *restrict m, float *restrict v, long n, float step,
                float b1, float one_minus_b1, float b2, float one_minus_b2, float inv_root_c2, float eps, float decay) {
  for (long i = 0; i < n; i++) {
    float gi = g[i] + decay * p[i];
    float mi = b1 * m[i] + one_minus_b1 * gi;
    float vi = b2 * v[i] + one_minus_b2 * gi * gi;
    m[i] = mi;
    v[i] = vi;
    // __builtin_elementwise_sqrt: the square root without errno, which lets the loop vectorize.
    p[i] -= step * mi / (__builtin_elementwise_sqrt(vi) * inv_root_c2 + eps);
  }
}

// MARK: - Batch normalization, per channel, over x viewed as (outer, channels, inner)

// For channels [first, last): μ, σ² (biased, two passes: no cancellation), 1/√(σ² + ε), and
// x̂ = (x − μ)/√(σ² + ε) into y.
void K(ck_batch_norm_forward)(const float *restrict x, float *restrict y, long outer, long channels, long inner,
                              long first, long last, float epsilon, float *restrict mean, float *restrict variance,
                              float *restrict invstd) {
  const float count = (float)(outer * inner);
  for (long c = first; c < last; c++) { mean[c] = 0; variance[c] = 0; }
  if (inner == 1) {
    for (long o = 0; o < outer; o++) {
      const float *row = x + o * channels;
      for (long c = first; c < last; c++) mean[c] += row[c];
    }
    for (long c = first; c < last; c++) mean[c] /= count;
    for (long o = 0; o < outer; o++) {
      const float *row = x + o * channels;
      for (long c = first; c < last; c++) { float d = row[c] - mean[c]; variance[c] += d * d; }
    }
    for (long c = first; c < last; c++) {
      variance[c] /= count;
      invstd[c] = 1.0f / __builtin_elementwise_sqrt(variance[c] + epsilon);
    }
    for (long o = 0; o < outer; o++) {
      const float *row = x + o * channels;
      float *out = y + o * channels;
      for (long c = first; c < last; c++) out[c] = (row[c] - mean[c]) * invstd[c];
    }
    return;
  }
  for (long c = first; c < last; c++) {
    float s = 0;
    for (long o = 0; o < outer; o++) {
      const float *row = x + (o * channels + c) * inner;
      for (long i = 0; i < inner; i++) s += row[i];
    }
    float m = s / count, v = 0;
    for (long o = 0; o < outer; o++) {
      const float *row = x + (o * channels + c) * inner;
      for (long i = 0; i < inner; i++) { float d = row[i] - m; v += d * d; }
    }
    v /= count;
    float r = 1.0f / __builtin_elementwise_sqrt(v + epsilon);
    mean[c] = m; variance[c] = v; invstd[c] = r;
    for (long o = 0; o < outer; o++) {
      const float *row = x + (o * channels + c) * inner;
      float *out = y + (o * channels + c) * inner;
      for (long i = 0; i < inner; i++) out[i] = (row[i] - m) * r;
    }
  }
}

// For channels [first, last): x̄ = (ḡ − mean(ḡ) − x̂·mean(ḡ·x̂))·invstd, the means over outer and inner.
void K(ck_batch_norm_backward)(const float *restrict g, const float *restrict xhat, float *restrict dx, long outer,
                               long channels, long inner, long first, long last, const float *restrict invstd,
                               float *restrict scratch) {
  const float count = (float)(outer * inner);
  float *mean_g = scratch, *mean_gx = scratch + channels;
  for (long c = first; c < last; c++) { mean_g[c] = 0; mean_gx[c] = 0; }
  if (inner == 1) {
    for (long o = 0; o < outer; o++) {
      const float *gr = g + o * channels, *xr = xhat + o * channels;
      for (long c = first; c < last; c++) { mean_g[c] += gr[c]; mean_gx[c] += gr[c] * xr[c]; }
    }
    for (long c = first; c < last; c++) { mean_g[c] /= count; mean_gx[c] /= count; }
    for (long o = 0; o < outer; o++) {
      const float *gr = g + o * channels, *xr = xhat + o * channels;
      float *dr = dx + o * channels;
      for (long c = first; c < last; c++) dr[c] = invstd[c] * (gr[c] - mean_g[c] - xr[c] * mean_gx[c]);
    }
    return;
  }
  for (long c = first; c < last; c++) {
    float a = 0, b = 0;
    for (long o = 0; o < outer; o++) {
      const float *gr = g + (o * channels + c) * inner, *xr = xhat + (o * channels + c) * inner;
      for (long i = 0; i < inner; i++) { a += gr[i]; b += gr[i] * xr[i]; }
    }
    float mg = a / count, mgx = b / count, s = invstd[c];
    for (long o = 0; o < outer; o++) {
      const float *gr = g + (o * channels + c) * inner, *xr = xhat + (o * channels + c) * inner;
      float *dr = dx + (o * channels + c) * inner;
      for (long i = 0; i < inner; i++) dr[i] = s * (gr[i] - mg - xr[i] * mgx);
    }
  }
}

// For channels [first, last): x̄ = (ḡ − mean_g[c] − x̂·mean_gx[c])·invstd[c], with the means given
// (batch norm's backward once the means over a batch that processes share are known).
void K(ck_batch_norm_apply_gradient)(const float *restrict g, const float *restrict xhat, float *restrict dx, long outer,
                                     long channels, long inner, long first, long last, const float *restrict invstd,
                                     const float *restrict mean_g, const float *restrict mean_gx) {
  for (long o = 0; o < outer; o++) {
    if (inner == 1) {
      const float *gr = g + o * channels, *xr = xhat + o * channels;
      float *dr = dx + o * channels;
      for (long c = first; c < last; c++) dr[c] = invstd[c] * (gr[c] - mean_g[c] - xr[c] * mean_gx[c]);
      continue;
    }
    for (long c = first; c < last; c++) {
      const float *gr = g + (o * channels + c) * inner, *xr = xhat + (o * channels + c) * inner;
      float *dr = dx + (o * channels + c) * inner;
      float s = invstd[c], mg = mean_g[c], mgx = mean_gx[c];
      for (long i = 0; i < inner; i++) dr[i] = s * (gr[i] - mg - xr[i] * mgx);
    }
  }
}

// For channels [first, last): sum_g[c] = Σ ḡ and, when x is given, sum_gx[c] = Σ ḡ·x (the
// gradients of a per-channel shift and scale).
void K(ck_channel_sums)(const float *restrict g, const float *restrict x, float *restrict sum_g,
                        float *restrict sum_gx, long outer, long channels, long inner, long first, long last) {
  for (long c = first; c < last; c++) { if (sum_g) sum_g[c] = 0; if (sum_gx) sum_gx[c] = 0; }
  if (inner == 1) {
    for (long o = 0; o < outer; o++) {
      const float *gr = g + o * channels;
      if (sum_g) for (long c = first; c < last; c++) sum_g[c] += gr[c];
      if (sum_gx) {
        const float *xr = x + o * channels;
        for (long c = first; c < last; c++) sum_gx[c] += gr[c] * xr[c];
      }
    }
    return;
  }
  for (long c = first; c < last; c++) {
    float a = 0, b = 0;
    for (long o = 0; o < outer; o++) {
      const float *gr = g + (o * channels + c) * inner;
      for (long i = 0; i < inner; i++) a += gr[i];
      if (sum_gx) {
        const float *xr = x + (o * channels + c) * inner;
        for (long i = 0; i < inner; i++) b += gr[i] * xr[i];
      }
    }
    if (sum_g) sum_g[c] = a;
    if (sum_gx) sum_gx[c] = b;
  }
}
