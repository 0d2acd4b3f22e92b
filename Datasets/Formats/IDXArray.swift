// IDX, the format of the MNIST files (LeCun et al., http://yann.lecun.com/exdb/mnist/):
//
//   magic: 0x00 0x00, element type, rank R     (4 bytes)
//   R sizes, 32-bit big-endian                  (4·R bytes)
//   the elements, row-major                     (∏ sizes elements)
//
// Element types: 0x08 unsigned byte, 0x09 signed byte, 0x0B int16, 0x0C int32, 0x0D float32,
// 0x0E float64 (all big-endian). MNIST's images are 0x00000803 (bytes, rank 3: N, 28, 28) and
// its labels 0x00000801 (bytes, rank 1: N).

/// An array of unsigned bytes in IDX form: its shape and its elements in row-major order.
public struct IDXArray: Equatable, Sendable {
  /// The size of each dimension, outermost first.
  public let shape: [Int]
  /// ∏ shape elements, row-major.
  public let bytes: [UInt8]

  /// The element type code of unsigned bytes, the only one the zoo reads or writes.
  public static let unsignedByteType: UInt8 = 0x08

  /// An array of `bytes` in `shape`; the counts must agree.
  public init(shape: [Int], bytes: [UInt8]) {
    precondition(!shape.isEmpty && shape.count <= 255 && shape.allSatisfy { $0 >= 0 && $0 <= Int(UInt32.max) },
                 "IDXArray: shape \(shape) must have 1...255 dimensions of at most 2^32 − 1")
    precondition(shape.reduce(1, *) == bytes.count, "IDXArray: shape \(shape) holds \(shape.reduce(1, *)) elements, got \(bytes.count)")
    self.shape = shape
    self.bytes = bytes
  }

  /// The magic number of an unsigned-byte array of `rank` dimensions (0x00000803 for rank 3).
  public static func magic(rank: Int) -> UInt32 {
    UInt32(unsignedByteType) << 8 | UInt32(rank)
  }

  /// Decodes an IDX file's bytes (already decompressed).
  ///
  /// - Throws: `DatasetError` when the first two bytes are not zero, the element type is not
  ///   unsigned bytes, the rank is zero, the header is cut short, or the file is shorter or longer
  ///   than its header says.
  public init(decoding data: [UInt8]) throws(DatasetError) {
    guard data.count >= 4 else {
      throw Self.failure("file of \(data.count) bytes is too short for the 4-byte IDX magic number")
    }
    let magic = Self.bigEndian(data, at: 0)
    guard data[0] == 0, data[1] == 0 else {
      throw Self.failure("not an IDX file: magic number \(Self.hex(magic)) does not start with two zero bytes")
    }
    guard data[2] == Self.unsignedByteType else {
      let names: [UInt8: String] = [0x09: "signed bytes", 0x0B: "16-bit integers", 0x0C: "32-bit integers", 0x0D: "32-bit floats", 0x0E: "64-bit floats"]
      throw Self.failure("magic number \(Self.hex(magic)): element type 0x\(data[2] < 16 ? "0" : "")\(String(data[2], radix: 16, uppercase: true)) (\(names[data[2]] ?? "unknown")) is not supported; only unsigned bytes (0x08)")
    }
    let rank = Int(data[3])
    guard rank > 0 else { throw Self.failure("magic number \(Self.hex(magic)) declares zero dimensions") }
    let headerSize = 4 + 4 * rank
    guard data.count >= headerSize else {
      throw Self.failure("header truncated: \(rank) dimensions need a \(headerSize)-byte header, the file has \(data.count) bytes")
    }
    let shape = (0..<rank).map { Int(Self.bigEndian(data, at: 4 + 4 * $0)) }
    var elementCount = 1
    for size in shape {
      let (product, overflow) = elementCount.multipliedReportingOverflow(by: size)
      guard !overflow else { throw Self.failure("shape \(Self.describe(shape)) is too large") }
      elementCount = product
    }
    let available = data.count - headerSize
    guard available >= elementCount else {
      throw Self.failure("truncated: the header promises \(Self.describe(shape)) = \(elementCount) bytes after the \(headerSize)-byte header, the file holds \(available)")
    }
    guard available == elementCount else {
      throw Self.failure("\(available - elementCount) unexpected bytes after the \(Self.describe(shape)) = \(elementCount) bytes the header promises")
    }
    self.shape = shape
    bytes = Array(data[headerSize...])
  }

  /// The IDX file holding this array.
  public func encoded() -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(4 + 4 * shape.count + bytes.count)
    for value in [Self.magic(rank: shape.count)] + shape.map({ UInt32($0) }) {
      output += [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }
    output += bytes
    return output
  }

  static func bigEndian(_ data: [UInt8], at offset: Int) -> UInt32 {
    UInt32(data[offset]) << 24 | UInt32(data[offset + 1]) << 16 | UInt32(data[offset + 2]) << 8 | UInt32(data[offset + 3])
  }

  static func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
  }

  static func describe(_ shape: [Int]) -> String {
    shape.map(String.init).joined(separator: " × ")
  }

  private static func failure(_ problem: String) -> DatasetError {
    DatasetError(path: nil, problem: "IDX: \(problem)")
  }
}
