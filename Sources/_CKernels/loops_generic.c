// The float32 loops of isa/loops.h compiled for the x86-64 baseline (chosen at run time in dispatch.c).
#define CK_SUFFIX generic
#include "isa/loops.h"
