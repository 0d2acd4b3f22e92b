// zlib (Debian: zlib1g-dev), for gzip-compressed dataset files. inflateInit2 and deflateInit2
// are function-like macros, which do not import into Swift; these wrappers expose them.
#include <zlib.h>

// Starts inflating a gzip stream (window bits 15, +16 selects the gzip wrapper: header, CRC-32
// and length trailer are checked by zlib).
static inline int czlib_inflate_init_gzip(z_streamp stream) {
  return inflateInit2(stream, 15 + 16);
}

// Starts deflating into a gzip stream at `level` (0–9, or Z_DEFAULT_COMPRESSION).
static inline int czlib_deflate_init_gzip(z_streamp stream, int level) {
  return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}
