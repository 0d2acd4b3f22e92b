// The float32 loops of isa/loops.h compiled for avx512 (chosen at run time in dispatch.c).
#define CK_SUFFIX avx512
#pragma clang attribute push(__attribute__((target("avx512f,avx512bw,avx512dq,avx512vl,avx2,fma,f16c,bmi2"))), apply_to = function)
#include "isa/loops.h"
#pragma clang attribute pop
