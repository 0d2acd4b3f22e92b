#include "cjpeg.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <jerror.h>

// libjpeg's error manager extended with the jump target and the result to report into.
struct error_manager {
  struct jpeg_error_mgr base;
  jmp_buf jump;
  cjpeg_result *result;
};

// A fatal error: keep libjpeg's message and jump back into the wrapper. Never returns.
static void error_exit(j_common_ptr info) {
  struct error_manager *manager = (struct error_manager *)info->err;
  (*info->err->format_message)(info, manager->result->message);
  longjmp(manager->jump, 1);
}

// Warnings (level -1) are counted and the first is kept; trace messages are dropped. Nothing
// is printed: a library must not write to the program's stderr.
static void emit_message(j_common_ptr info, int level) {
  struct error_manager *manager = (struct error_manager *)info->err;
  if (level >= 0) return;
  if (info->err->msg_code == JWRN_JPEG_EOF) manager->result->truncated = 1;
  if (manager->result->warning_count == 0) (*info->err->format_message)(info, manager->result->message);
  manager->result->warning_count += 1;
  info->err->num_warnings += 1;
}

static void output_message(j_common_ptr info) { (void)info; }

static void install(struct error_manager *manager, cjpeg_result *result) {
  jpeg_std_error(&manager->base);
  manager->base.error_exit = error_exit;
  manager->base.emit_message = emit_message;
  manager->base.output_message = output_message;
  manager->result = result;
}

void cjpeg_decode(const unsigned char *data, size_t size, size_t max_bytes, cjpeg_result *result) {
  memset(result, 0, sizeof *result);
  struct jpeg_decompress_struct info;
  struct error_manager manager;
  // Set after setjmp and read after a longjmp, so it must live in memory, not a register.
  unsigned char *volatile pixels = NULL;
  install(&manager, result);
  info.err = &manager.base;
  if (setjmp(manager.jump)) {
    jpeg_destroy_decompress(&info);
    free(pixels);
    result->failed = 1;
    return;
  }
  jpeg_create_decompress(&info);
  if (size == 0 || size > (size_t)(unsigned long)-1) {
    ERREXIT(&info, JERR_INPUT_EMPTY);
  }
  jpeg_mem_src(&info, data, (unsigned long)size);
  jpeg_read_header(&info, TRUE);
  info.out_color_space = info.num_components == 1 ? JCS_GRAYSCALE : JCS_RGB;
  jpeg_calc_output_dimensions(&info);
  size_t width = info.output_width, height = info.output_height, channels = (size_t)info.out_color_components;
  if (width == 0 || height == 0 || (channels != 1 && channels != 3)) {
    snprintf(result->message, CJPEG_MESSAGE_LENGTH, "unsupported image: %zu×%zu with %zu components", width, height, channels);
    jpeg_destroy_decompress(&info);
    result->failed = 1;
    return;
  }
  if (width > max_bytes / height / channels) {
    snprintf(result->message, CJPEG_MESSAGE_LENGTH, "%zu×%zu×%zu image exceeds the decode limit of %zu bytes", width, height, channels, max_bytes);
    jpeg_destroy_decompress(&info);
    result->failed = 1;
    return;
  }
  pixels = malloc(width * height * channels);
  if (pixels == NULL) {
    snprintf(result->message, CJPEG_MESSAGE_LENGTH, "out of memory for a %zu×%zu image", width, height);
    jpeg_destroy_decompress(&info);
    result->failed = 1;
    return;
  }
  jpeg_start_decompress(&info);
  size_t stride = width * channels;
  while (info.output_scanline < info.output_height) {
    JSAMPROW row = pixels + (size_t)info.output_scanline * stride;
    jpeg_read_scanlines(&info, &row, 1);
  }
  jpeg_finish_decompress(&info);
  jpeg_destroy_decompress(&info);
  result->width = (int)width;
  result->height = (int)height;
  result->channels = (int)channels;
  result->pixels = pixels;
}

void cjpeg_encode(const unsigned char *pixels, int width, int height, int channels, int quality, cjpeg_result *result) {
  memset(result, 0, sizeof *result);
  struct jpeg_compress_struct info;
  struct error_manager manager;
  unsigned char *bytes = NULL;
  unsigned long byte_count = 0;
  install(&manager, result);
  info.err = &manager.base;
  if (setjmp(manager.jump)) {
    jpeg_destroy_compress(&info);
    free(bytes);
    result->failed = 1;
    return;
  }
  jpeg_create_compress(&info);
  if (width <= 0 || height <= 0 || (channels != 1 && channels != 3)) {
    snprintf(result->message, CJPEG_MESSAGE_LENGTH, "cannot encode a %d×%d image with %d channels (JPEG takes 1 or 3)", width, height, channels);
    jpeg_destroy_compress(&info);
    result->failed = 1;
    return;
  }
  jpeg_mem_dest(&info, &bytes, &byte_count);
  info.image_width = (JDIMENSION)width;
  info.image_height = (JDIMENSION)height;
  info.input_components = channels;
  info.in_color_space = channels == 1 ? JCS_GRAYSCALE : JCS_RGB;
  jpeg_set_defaults(&info);
  jpeg_set_quality(&info, quality < 1 ? 1 : quality > 100 ? 100 : quality, TRUE);
  jpeg_start_compress(&info, TRUE);
  size_t stride = (size_t)width * (size_t)channels;
  while (info.next_scanline < info.image_height) {
    JSAMPROW row = (JSAMPROW)(pixels + (size_t)info.next_scanline * stride);
    jpeg_write_scanlines(&info, &row, 1);
  }
  jpeg_finish_compress(&info);
  jpeg_destroy_compress(&info);
  result->bytes = bytes;
  result->byte_count = byte_count;
}

void cjpeg_free(void *pointer) { free(pointer); }
