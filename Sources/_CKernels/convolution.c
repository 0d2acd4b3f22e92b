// Convolutions on oneDNN's JIT-compiled kernels (the kernels PyTorch's CPU convolutions run on).
//
// A plan is one convolution primitive for one shape and direction, created once and executed
// many times, from any thread: forward (x, W -> y), backward data (ȳ, W -> x̄: the transposed
// convolution) and backward weights (x, ȳ -> W̄). Callers hand and receive plain NCHW / OIHW
// arrays; the primitive runs on the blocked layouts oneDNN picks for the CPU (16 channels per
// block on AVX-512), with reorders on the way in and out, into workspace the caller provides.
// oneDNN's own threading (OpenMP) is held to one thread: the backend runs one plan per worker.
#include "ckernels.h"

#include <oneapi/dnnl/dnnl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ck_conv_plan {
  ck_conv_kind kind;
  dnnl_primitive_t primitive;
  char implementation[128];
  // The three tensors in the order execute takes them: the two operands, then the result.
  dnnl_memory_desc_t plain[3], chosen[3];
  int arguments[3];
  dnnl_primitive_t reorder[3];  // plain -> chosen for operands, chosen -> plain for the result
  size_t offset[3];             // where each reordered tensor sits in the workspace
  size_t scratchpad_offset, scratchpad_size, workspace;
  dnnl_memory_desc_t scratchpad;
};

static dnnl_engine_t engine;
static _Thread_local dnnl_stream_t thread_stream;

static int fail(char *error, size_t length, const char *what, dnnl_status_t status) {
  if (error && length) snprintf(error, length, "oneDNN: %s failed (status %d)", what, (int)status);
  return -1;
}

#define TRY(call, what) \
  do { \
    dnnl_status_t status_ = (call); \
    if (status_ != dnnl_success) { fail(error, length, what, status_); goto failed; } \
  } while (0)

static size_t align64(size_t bytes) { return (bytes + 63) & ~(size_t)63; }

ck_conv_plan *ck_conv_plan_create(ck_conv_kind kind, ck_conv_shape s, char *error, size_t length) {
  ck_hold_openmp_to_one();
  ck_conv_plan *plan = calloc(1, sizeof *plan);
  if (!plan) return NULL;
  plan->kind = kind;
  dnnl_primitive_desc_t hint = NULL, pd = NULL;
  dnnl_primitive_attr_t attributes = NULL;
  if (!engine) {
    dnnl_engine_t created;
    TRY(dnnl_engine_create(&created, dnnl_cpu, 0), "creating the CPU engine");
    dnnl_engine_t expected = NULL;
    if (!__atomic_compare_exchange_n(&engine, &expected, created, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
      dnnl_engine_destroy(created);
    }
  }
  dnnl_dims_t x_dims = {s.batch, s.channels, s.height, s.width};
  dnnl_dims_t w_dims = {s.out_channels, s.channels, s.kernel_height, s.kernel_width};
  dnnl_dims_t y_dims = {s.batch, s.out_channels, s.out_height, s.out_width};
  dnnl_dims_t strides = {s.stride, s.stride}, padding = {s.padding, s.padding};
  // Bottom/right padding as PyTorch computes it: enough for the last window, possibly less than p.
  dnnl_dims_t padding_r = {
      (s.out_height - 1) * s.stride + s.kernel_height - s.height - s.padding,
      (s.out_width - 1) * s.stride + s.kernel_width - s.width - s.padding};
  dnnl_memory_desc_t x_plain, w_plain, y_plain, x_any, w_any, y_any;
  TRY(dnnl_memory_desc_init_by_tag(&x_plain, 4, x_dims, dnnl_f32, dnnl_nchw), "describing x");
  TRY(dnnl_memory_desc_init_by_tag(&w_plain, 4, w_dims, dnnl_f32, dnnl_oihw), "describing the filter");
  TRY(dnnl_memory_desc_init_by_tag(&y_plain, 4, y_dims, dnnl_f32, dnnl_nchw), "describing y");
  TRY(dnnl_memory_desc_init_by_tag(&x_any, 4, x_dims, dnnl_f32, dnnl_format_tag_any), "describing x");
  TRY(dnnl_memory_desc_init_by_tag(&w_any, 4, w_dims, dnnl_f32, dnnl_format_tag_any), "describing the filter");
  TRY(dnnl_memory_desc_init_by_tag(&y_any, 4, y_dims, dnnl_f32, dnnl_format_tag_any), "describing y");
  TRY(dnnl_primitive_attr_create(&attributes), "creating attributes");
  TRY(dnnl_primitive_attr_set_scratchpad_mode(attributes, dnnl_scratchpad_mode_user), "setting the scratchpad mode");

  dnnl_convolution_desc_t forward;
  TRY(dnnl_convolution_forward_desc_init(&forward, dnnl_forward_training, dnnl_convolution_direct, &x_any, &w_any, NULL,
                                         &y_any, strides, padding, padding_r), "describing the convolution");
  dnnl_query_t queries[3];
  switch (kind) {
    case CK_CONV_FORWARD: {
      TRY(dnnl_primitive_desc_create(&pd, &forward, attributes, engine, NULL), "creating the forward convolution");
      plan->plain[0] = x_plain; plan->plain[1] = w_plain; plan->plain[2] = y_plain;
      queries[0] = dnnl_query_src_md; queries[1] = dnnl_query_weights_md; queries[2] = dnnl_query_dst_md;
      plan->arguments[0] = DNNL_ARG_SRC; plan->arguments[1] = DNNL_ARG_WEIGHTS; plan->arguments[2] = DNNL_ARG_DST;
      break;
    }
    case CK_CONV_BACKWARD_DATA: {
      TRY(dnnl_primitive_desc_create(&hint, &forward, NULL, engine, NULL), "creating the forward hint");
      dnnl_convolution_desc_t backward;
      TRY(dnnl_convolution_backward_data_desc_init(&backward, dnnl_convolution_direct, &x_any, &w_any, &y_any, strides,
                                                   padding, padding_r), "describing the backward-data convolution");
      TRY(dnnl_primitive_desc_create(&pd, &backward, attributes, engine, hint), "creating the backward-data convolution");
      plan->plain[0] = y_plain; plan->plain[1] = w_plain; plan->plain[2] = x_plain;
      queries[0] = dnnl_query_diff_dst_md; queries[1] = dnnl_query_weights_md; queries[2] = dnnl_query_diff_src_md;
      plan->arguments[0] = DNNL_ARG_DIFF_DST; plan->arguments[1] = DNNL_ARG_WEIGHTS; plan->arguments[2] = DNNL_ARG_DIFF_SRC;
      break;
    }
    case CK_CONV_BACKWARD_WEIGHTS: {
      TRY(dnnl_primitive_desc_create(&hint, &forward, NULL, engine, NULL), "creating the forward hint");
      dnnl_convolution_desc_t backward;
      TRY(dnnl_convolution_backward_weights_desc_init(&backward, dnnl_convolution_direct, &x_any, &w_any, NULL, &y_any,
                                                      strides, padding, padding_r), "describing the backward-weights convolution");
      TRY(dnnl_primitive_desc_create(&pd, &backward, attributes, engine, hint), "creating the backward-weights convolution");
      plan->plain[0] = x_plain; plan->plain[1] = y_plain; plan->plain[2] = w_plain;
      queries[0] = dnnl_query_src_md; queries[1] = dnnl_query_diff_dst_md; queries[2] = dnnl_query_diff_weights_md;
      plan->arguments[0] = DNNL_ARG_SRC; plan->arguments[1] = DNNL_ARG_DIFF_DST; plan->arguments[2] = DNNL_ARG_DIFF_WEIGHTS;
      break;
    }
  }
  const char *name = NULL;
  dnnl_primitive_desc_query(pd, dnnl_query_impl_info_str, 0, &name);
  snprintf(plan->implementation, sizeof plan->implementation, "%s", name ? name : "?");
  size_t offset = 0;
  for (int i = 0; i < 3; i++) {
    plan->chosen[i] = *dnnl_primitive_desc_query_md(pd, queries[i], 0);
    if (!dnnl_memory_desc_equal(&plan->chosen[i], &plan->plain[i])) {
      dnnl_primitive_desc_t reorder_pd;
      const dnnl_memory_desc_t *from = i < 2 ? &plan->plain[i] : &plan->chosen[i];
      const dnnl_memory_desc_t *to = i < 2 ? &plan->chosen[i] : &plan->plain[i];
      TRY(dnnl_reorder_primitive_desc_create(&reorder_pd, from, engine, to, engine, NULL), "creating a reorder");
      dnnl_status_t status = dnnl_primitive_create(&plan->reorder[i], reorder_pd);
      dnnl_primitive_desc_destroy(reorder_pd);
      TRY(status, "creating a reorder");
      plan->offset[i] = offset;
      offset += align64(dnnl_memory_desc_get_size(&plan->chosen[i]));
    }
  }
  plan->scratchpad = *dnnl_primitive_desc_query_md(pd, dnnl_query_scratchpad_md, 0);
  plan->scratchpad_size = dnnl_memory_desc_get_size(&plan->scratchpad);
  plan->scratchpad_offset = offset;
  plan->workspace = offset + align64(plan->scratchpad_size);
  TRY(dnnl_primitive_create(&plan->primitive, pd), "creating the convolution");
  dnnl_primitive_desc_destroy(pd);
  if (hint) dnnl_primitive_desc_destroy(hint);
  dnnl_primitive_attr_destroy(attributes);
  return plan;
failed:
  if (pd) dnnl_primitive_desc_destroy(pd);
  if (hint) dnnl_primitive_desc_destroy(hint);
  if (attributes) dnnl_primitive_attr_destroy(attributes);
  ck_conv_plan_destroy(plan);
  return NULL;
}

void ck_conv_plan_destroy(ck_conv_plan *plan) {
  if (!plan) return;
  for (int i = 0; i < 3; i++) {
    if (plan->reorder[i]) dnnl_primitive_destroy(plan->reorder[i]);
  }
  if (plan->primitive) dnnl_primitive_destroy(plan->primitive);
  free(plan);
}

size_t ck_conv_plan_workspace(const ck_conv_plan *plan) { return plan->workspace; }

const char *ck_conv_plan_implementation(const ck_conv_plan *plan) { return plan->implementation; }

static dnnl_stream_t stream_of_this_thread(void) {
  if (!thread_stream) dnnl_stream_create(&thread_stream, engine, dnnl_stream_default_flags);
  return thread_stream;
}

size_t ck_conv_plan_prepared_operand_size(const ck_conv_plan *plan) {
  return plan->reorder[1] ? dnnl_memory_desc_get_size(&plan->chosen[1]) : 0;
}

int ck_conv_plan_prepare_operand(const ck_conv_plan *plan, const float *second, void *prepared, char *error,
                                 size_t length) {
  ck_hold_openmp_to_one();
  if (!plan->reorder[1]) return 0;
  dnnl_stream_t stream = stream_of_this_thread();
  dnnl_memory_t from = NULL, to = NULL;
  int code = -1;
  TRY(dnnl_memory_create(&from, &plan->plain[1], engine, (void *)second), "wrapping the filter");
  TRY(dnnl_memory_create(&to, &plan->chosen[1], engine, prepared), "wrapping a buffer");
  dnnl_exec_arg_t arguments[2] = {{DNNL_ARG_FROM, from}, {DNNL_ARG_TO, to}};
  TRY(dnnl_primitive_execute(plan->reorder[1], stream, 2, arguments), "reordering the filter");
  TRY(dnnl_stream_wait(stream), "waiting for the stream");
  code = 0;
failed:
  if (from) dnnl_memory_destroy(from);
  if (to) dnnl_memory_destroy(to);
  return code;
}

int ck_conv_plan_execute(const ck_conv_plan *plan, const float *first, const float *second, int second_prepared,
                         float *result, void *workspace, char *error, size_t length) {
  ck_hold_openmp_to_one();
  dnnl_stream_t stream = stream_of_this_thread();
  char *base = workspace;
  void *user[3] = {(void *)first, (void *)second, result};
  dnnl_memory_t plain[3] = {0}, chosen[3] = {0}, scratchpad = NULL;
  int code = -1;
  for (int i = 0; i < 3; i++) {
    TRY(dnnl_memory_create(&plain[i], &plan->plain[i], engine, user[i]), "wrapping an array");
    if (plan->reorder[i]) {
      void *buffer = i == 1 && second_prepared ? (void *)second : base + plan->offset[i];
      TRY(dnnl_memory_create(&chosen[i], &plan->chosen[i], engine, buffer), "wrapping a buffer");
    }
  }
  TRY(dnnl_memory_create(&scratchpad, &plan->scratchpad, engine, base + plan->scratchpad_offset), "wrapping the scratchpad");
  for (int i = 0; i < 2; i++) {
    if (plan->reorder[i] && !(i == 1 && second_prepared)) {
      dnnl_exec_arg_t arguments[2] = {{DNNL_ARG_FROM, plain[i]}, {DNNL_ARG_TO, chosen[i]}};
      TRY(dnnl_primitive_execute(plan->reorder[i], stream, 2, arguments), "reordering an operand");
    }
  }
  dnnl_exec_arg_t arguments[4];
  for (int i = 0; i < 3; i++) {
    arguments[i].arg = plan->arguments[i];
    arguments[i].memory = plan->reorder[i] ? chosen[i] : plain[i];
  }
  arguments[3].arg = DNNL_ARG_SCRATCHPAD;
  arguments[3].memory = scratchpad;
  TRY(dnnl_primitive_execute(plan->primitive, stream, 4, arguments), "the convolution");
  if (plan->reorder[2]) {
    dnnl_exec_arg_t back[2] = {{DNNL_ARG_FROM, chosen[2]}, {DNNL_ARG_TO, plain[2]}};
    TRY(dnnl_primitive_execute(plan->reorder[2], stream, 2, back), "reordering the result");
  }
  TRY(dnnl_stream_wait(stream), "waiting for the stream");
  code = 0;
failed:
  for (int i = 0; i < 3; i++) {
    if (plain[i]) dnnl_memory_destroy(plain[i]);
    if (chosen[i]) dnnl_memory_destroy(chosen[i]);
  }
  if (scratchpad) dnnl_memory_destroy(scratchpad);
  return code;
}

const char *ck_onednn_version(void) {
  static char text[64];
  const dnnl_version_t *v = dnnl_version();
  snprintf(text, sizeof text, "%d.%d.%d", v->major, v->minor, v->patch);
  return text;
}

const char *ck_onednn_isa(void) {
  switch (dnnl_get_effective_cpu_isa()) {
    case dnnl_cpu_isa_sse41: return "sse41";
    case dnnl_cpu_isa_avx: return "avx";
    case dnnl_cpu_isa_avx2: return "avx2";
    case dnnl_cpu_isa_avx512_mic: return "avx512_mic";
    case dnnl_cpu_isa_avx512_mic_4ops: return "avx512_mic_4ops";
    case dnnl_cpu_isa_avx512_core: return "avx512_core";
    case dnnl_cpu_isa_avx512_core_vnni: return "avx512_core_vnni";
    case dnnl_cpu_isa_avx512_core_bf16: return "avx512_core_bf16";
    case dnnl_cpu_isa_avx512_core_amx: return "avx512_core_amx";
    case dnnl_cpu_isa_avx2_vnni: return "avx2_vnni";
    default: return "all";
  }
}
