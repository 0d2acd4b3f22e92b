// oneDNN's C API (Debian: libdnnl-dev): JIT-compiled GEMM and convolution kernels, chosen at run
// time by the CPU's instruction-set features.
#include <oneapi/dnnl/dnnl.h>
