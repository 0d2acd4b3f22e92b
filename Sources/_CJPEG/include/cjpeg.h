// JPEG decoding and encoding over libjpeg (Debian: libjpeg62-turbo-dev, via libjpeg-dev).
//
// libjpeg reports fatal errors by calling error_exit, which by default prints and calls exit();
// the usual remedy, setjmp/longjmp, cannot be written in Swift. These wrappers do it in C: the
// error manager's error_exit formats the message and longjmps back into the wrapper, which
// cleans up and returns a failure with the message. Warnings are recorded, never printed.
#ifndef CJPEG_H
#define CJPEG_H

#include <stddef.h>

#define CJPEG_MESSAGE_LENGTH 200

// The outcome of one call.
typedef struct cjpeg_result {
  // 0 on success; otherwise the call failed and `message` says why.
  int failed;
  // The decoded image: width × height pixels of `channels` (1 gray, 3 RGB) 8-bit samples,
  // row-major and interleaved, in `pixels` (allocated with malloc; release with cjpeg_free).
  int width;
  int height;
  int channels;
  unsigned char *pixels;
  // The encoded bytes (cjpeg_encode), allocated by libjpeg; release with cjpeg_free.
  unsigned char *bytes;
  unsigned long byte_count;
  // Warnings libjpeg raised while decoding, and whether one of them was the end of the data
  // arriving before the image was complete (libjpeg pads such an image with gray and goes on).
  int warning_count;
  int truncated;
  // The failure, or the first warning, as libjpeg words it.
  char message[CJPEG_MESSAGE_LENGTH];
} cjpeg_result;

// Decodes the JPEG in data[0..<size] to gray (for one-component files) or RGB samples.
// Refuses, before allocating, an image whose decoded size would exceed `max_bytes`.
void cjpeg_decode(const unsigned char *data, size_t size, size_t max_bytes, cjpeg_result *result);

// Encodes width × height pixels of `channels` (1 or 3) interleaved 8-bit samples as a baseline
// JPEG of the given quality (1–100); the bytes land in result->bytes / result->byte_count.
void cjpeg_encode(const unsigned char *pixels, int width, int height, int channels, int quality, cjpeg_result *result);

// Releases memory a result points to.
void cjpeg_free(void *pointer);

#endif
