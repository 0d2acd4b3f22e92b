import _CZlib

/// gzip (RFC 1952) through zlib: decompression with every failure reported, and compression.
///
/// zlib checks the member's CRC-32 and length trailer itself, so a corrupt stream is caught even
/// when the deflate data happen to parse.
public enum Gzip {
  /// The largest decompressed size accepted by default (4 GiB): a forged stream must not fill memory.
  public static let defaultMaximumSize = 1 << 32

  /// Whether `bytes` start with the gzip magic number 1f 8b.
  public static func hasSignature(_ bytes: [UInt8]) -> Bool {
    bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
  }

  /// The decompressed contents of a gzip file: every member in turn (`gzip -d` concatenates
  /// them); zero bytes after the last member are ignored as padding.
  ///
  /// - Throws: `DatasetError` for a missing signature, a stream that ends early (truncated),
  ///   corrupt data or a failed CRC/length check, trailing bytes that are not another member, or
  ///   output beyond `maximumSize`.
  public static func decompress(_ bytes: [UInt8], maximumSize: Int = defaultMaximumSize) throws(DatasetError) -> [UInt8] {
    guard !bytes.isEmpty else { throw failure("no data (0 bytes)") }
    guard hasSignature(bytes) else { throw failure("not a gzip file (magic number 1f 8b missing)") }
    guard bytes.count <= Int(UInt32.max) else { throw failure("compressed input of \(bytes.count) bytes is too large") }
    var output: [UInt8] = []
    // The trailer's ISIZE is the last member's length mod 2^32: a good first guess, trusted no
    // further than deflate's largest ratio (about 1032:1) so a forged trailer cannot reserve much.
    let hint = bytes.suffix(4).reversed().reduce(0) { $0 << 8 | Int($1) }
    output.reserveCapacity(min(max(hint, bytes.count), 1032 * bytes.count, maximumSize, 1 << 30))
    var stream = z_stream()
    guard czlib_inflate_init_gzip(&stream) == Z_OK else { throw failure("zlib could not start inflating") }
    defer { inflateEnd(&stream) }
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    let result: DatasetError? = bytes.withUnsafeBufferPointer { input -> DatasetError? in
      stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
      stream.avail_in = UInt32(input.count)
      while true {
        let status = chunk.withUnsafeMutableBufferPointer { out -> Int32 in
          stream.next_out = out.baseAddress
          stream.avail_out = UInt32(out.count)
          return inflate(&stream, Z_NO_FLUSH)
        }
        let produced = chunk.count - Int(stream.avail_out)
        if produced > 0 {
          guard output.count + produced <= maximumSize else {
            return failure("decompressed data exceed the limit of \(maximumSize) bytes")
          }
          output.append(contentsOf: chunk[0..<produced])
        }
        let consumed = input.count - Int(stream.avail_in)
        switch status {
        case Z_STREAM_END:
          let rest = input[consumed...]
          if rest.isEmpty || rest.allSatisfy({ $0 == 0 }) { return nil }
          guard rest.count >= 2, rest[rest.startIndex] == 0x1F, rest[rest.startIndex + 1] == 0x8B else {
            return failure("\(rest.count) unexpected bytes after the end of the gzip stream at byte \(consumed)")
          }
          inflateReset(&stream)
        case Z_OK:
          continue
        case Z_BUF_ERROR where stream.avail_in == 0:
          // No progress is possible: the input ran out inside a member.
          return failure("truncated: the stream ends after \(input.count) compressed bytes (\(output.count) decompressed) without its end marker and checksum")
        case Z_DATA_ERROR, Z_NEED_DICT:
          let reason = stream.msg.map { String(cString: $0) } ?? "invalid deflate data"
          return failure("corrupt data at compressed byte \(consumed): \(reason)")
        case Z_MEM_ERROR:
          return failure("out of memory while inflating")
        default:
          return failure("zlib inflate failed with status \(status) at compressed byte \(consumed)")
        }
      }
    }
    if let result { throw result }
    return output
  }

  /// `bytes` compressed as one gzip member at `level` (0 stores, 9 compresses hardest).
  public static func compress(_ bytes: [UInt8], level: Int = 6) -> [UInt8] {
    var stream = z_stream()
    precondition(czlib_deflate_init_gzip(&stream, Int32(min(max(level, 0), 9))) == Z_OK, "Gzip.compress: zlib could not start deflating")
    defer { deflateEnd(&stream) }
    var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(bytes.count))) + 64)
    var input = bytes
    let written = input.withUnsafeMutableBufferPointer { source in
      output.withUnsafeMutableBufferPointer { destination -> Int in
        stream.next_in = source.baseAddress
        stream.avail_in = UInt32(source.count)
        stream.next_out = destination.baseAddress
        stream.avail_out = UInt32(destination.count)
        let status = deflate(&stream, Z_FINISH)
        precondition(status == Z_STREAM_END, "Gzip.compress: deflate returned \(status) with a buffer of deflateBound's size")
        return destination.count - Int(stream.avail_out)
      }
    }
    output.removeSubrange(written...)
    return output
  }

  private static func failure(_ problem: String) -> DatasetError {
    DatasetError(path: nil, problem: "gzip: \(problem)")
  }
}
