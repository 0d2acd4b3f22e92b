// libpng 1.6 (Debian: libpng-dev, which brings zlib). Only the "simplified" API
// (png_image_*) is meant to be called from Swift: it catches libpng's internal longjmp and
// reports failures through png_image.warning_or_error and png_image.message, so corrupt input
// cannot unwind through Swift frames.
#include <png.h>

// Function-like macros do not import into Swift; these wrappers expose the two we need.

// An upper bound on the encoded size of `image`, so one png_image_write_to_memory call suffices.
static inline png_alloc_size_t cpng_image_png_size_max(const png_image *image) {
  return PNG_IMAGE_PNG_SIZE_MAX(*image);
}

// Whether the last png_image_* call on `image` failed (as opposed to only warning).
static inline int cpng_image_failed(const png_image *image) {
  return PNG_IMAGE_FAILED(*image);
}
