// NumPy's .npy format, version 1.0 (https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html):
//
//   "\x93NUMPY", major 1, minor 0, header length (uint16, little-endian),
//   header: a Python dict literal {'descr': '<f4', 'fortran_order': False, 'shape': (N, C, H, W), }
//           padded with spaces and ended by '\n' so that magic + lengths + header is a multiple of 64,
//   the data: little-endian float32, C (row-major) order.

/// A float32 array in NumPy's `.npy` format, so samples open with `numpy.load`.
public struct NumPyArray: Equatable, Sendable {
  /// The shape, outermost first.
  public let shape: [Int]
  /// ∏ shape values, row-major.
  public let values: [Float]

  /// An array of `values` in `shape`; the counts must agree.
  public init(shape: [Int], values: [Float]) {
    precondition(shape.allSatisfy { $0 >= 0 }, "NumPyArray: negative dimension in \(shape)")
    precondition(shape.reduce(1, *) == values.count, "NumPyArray: shape \(shape) holds \(shape.reduce(1, *)) values, got \(values.count)")
    self.shape = shape
    self.values = values
  }

  /// numpy aligns the data to 64 bytes (`numpy.lib.format.ARRAY_ALIGN`).
  static let alignment = 64
  static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)

  /// The header dict as numpy writes it: a 1-tuple keeps its comma, `(5,)`.
  public var headerDictionary: String {
    let dimensions = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    return "{'descr': '<f4', 'fortran_order': False, 'shape': \(dimensions), }"
  }

  /// The `.npy` file: version 1.0 header padded with spaces to a multiple of 64 bytes (newline
  /// included), then the values as little-endian float32.
  public func encoded() -> [UInt8] {
    var header = Array(headerDictionary.utf8)
    let unpadded = Self.magic.count + 2 + 2 + header.count + 1
    let padding = (Self.alignment - unpadded % Self.alignment) % Self.alignment
    header += [UInt8](repeating: 0x20, count: padding) + [0x0A]
    var output = Self.magic + [1, 0, UInt8(header.count & 0xFF), UInt8(header.count >> 8)] + header
    let littleEndian = values.map { $0.bitPattern.littleEndian }
    littleEndian.withUnsafeBytes { output.append(contentsOf: $0) }
    return output
  }

  /// Decodes a version 1.0 `.npy` file of little-endian float32 in C order (what `encoded()`
  /// writes, and what `numpy.save` writes for such an array).
  public init(decoding bytes: [UInt8]) throws(DatasetError) {
    func failure(_ problem: String) -> DatasetError { DatasetError(path: nil, problem: "npy: \(problem)") }
    guard bytes.count >= 10, Array(bytes[0..<6]) == Self.magic else { throw failure("not a .npy file (magic \\x93NUMPY missing)") }
    guard bytes[6] == 1 else { throw failure("version \(bytes[6]).\(bytes[7]) is not supported; only 1.0") }
    let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
    guard bytes.count >= 10 + headerLength else { throw failure("header truncated") }
    let header = String(decoding: bytes[10..<(10 + headerLength)], as: UTF8.self)
    guard header.contains("'descr': '<f4'") else { throw failure("only little-endian float32 ('<f4') is supported; header \(header)") }
    guard header.contains("'fortran_order': False") else { throw failure("only C order is supported") }
    guard let open = header.firstRange(of: "'shape': ("), let close = header[open.upperBound...].firstIndex(of: ")") else {
      throw failure("header has no shape: \(header)")
    }
    var shape: [Int] = []
    for part in header[open.upperBound..<close].split(separator: ",") {
      let text = part.trimmingCharacters(in: " ")
      guard let value = Int(text), value >= 0 else { throw failure("bad shape entry '\(text)'") }
      shape.append(value)
    }
    let count = shape.reduce(1, *)
    let start = 10 + headerLength
    guard bytes.count - start == 4 * count else {
      throw failure("shape \(shape) needs \(4 * count) data bytes, the file holds \(bytes.count - start)")
    }
    var words = [UInt32](repeating: 0, count: count)
    words.withUnsafeMutableBytes { destination in
      bytes.withUnsafeBytes { destination.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[start...])) }
    }
    let values = words.map { Float(bitPattern: UInt32(littleEndian: $0)) }
    self.init(shape: shape, values: values)
  }
}

extension Substring {
  fileprivate func trimmingCharacters(in character: Character) -> Substring {
    var text = self
    while text.first == character { text.removeFirst() }
    while text.last == character { text.removeLast() }
    return text
  }
}
