// The float32 loops of isa/loops.h compiled for avx2 (chosen at run time in dispatch.c).
#define CK_SUFFIX avx2
#pragma clang attribute push(__attribute__((target("avx2,fma,f16c,bmi2"))), apply_to = function)
#include "isa/loops.h"
#pragma clang attribute pop
