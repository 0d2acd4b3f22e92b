// Single-precision matrix products on oneDNN's JIT-compiled GEMM (MKL-class kernels for the
// CPU's instruction set), one thread per call: the backend splits large products among its own
// workers.
#include "ckernels.h"

#include <oneapi/dnnl/dnnl.h>

int ck_sgemm(int transpose_a, int transpose_b, long m, long n, long k, float alpha, const float *a, long lda,
             const float *b, long ldb, float beta, float *c, long ldc) {
  ck_hold_openmp_to_one();
  dnnl_status_t status = dnnl_sgemm(transpose_a ? 'T' : 'N', transpose_b ? 'T' : 'N', m, n, k, alpha, a, lda, b, ldb,
                                    beta, c, ldc);
  return status == dnnl_success ? 0 : (int)status;
}
