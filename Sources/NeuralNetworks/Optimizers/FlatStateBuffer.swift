import TensorBackend

/// One optimizer state array per parameter (a moment estimate), all of them in one flat,
/// zero-initialised allocation: parameter i's values start at a 64-byte-aligned offset, in the
/// parameter's element type and shape.
final class FlatStateBuffer {
  private let base: UnsafeMutableRawPointer
  private let offsets: [Int]
  private let capacities: [Int]
  private var dtypes: [DType]
  private var shapes: [[Int]]

  /// Room for every parameter's state, sized for float64 so that a parameter converted to
  /// float64 later still fits its slot.
  init(for parameters: [Parameter]) {
    var offsets: [Int] = [], capacities: [Int] = [], total = 0
    for parameter in parameters {
      offsets.append(total)
      let bytes = (parameter.scalarCount * DType.float64.byteCount + 63) & ~63
      capacities.append(bytes)
      total += bytes
    }
    let byteCount = Swift.max(total, 64)
    base = UnsafeMutableRawPointer.allocate(byteCount: byteCount, alignment: 64)
    base.initializeMemory(as: UInt8.self, repeating: 0, count: byteCount)
    self.offsets = offsets
    self.capacities = capacities
    dtypes = parameters.map(\.dtype)
    shapes = parameters.map(\.shape)
  }

  deinit { base.deallocate() }

  func dtype(of index: Int) -> DType { dtypes[index] }

  /// Parameter `index`'s values.
  func pointer<T: KernelScalar>(_: T.Type, _ index: Int) -> UnsafeMutablePointer<T> {
    precondition(T.dtype == dtypes[index], "FlatStateBuffer: \(dtypes[index]) state read as \(T.dtype)")
    return (base + offsets[index]).assumingMemoryBound(to: T.self)
  }

  /// Zeros for parameter `index`, in its current element type and shape.
  func reset(_ index: Int, like parameter: Parameter) {
    dtypes[index] = parameter.dtype
    shapes[index] = parameter.shape
    (base + offsets[index]).initializeMemory(as: UInt8.self, repeating: 0, count: capacities[index])
  }

  /// Copies `tensor` (converted to the slot's element type) into parameter `index`'s values.
  func assign(_ index: Int, _ tensor: Tensor) {
    let count = shapes[index].reduce(1, *)
    let source = tensor.converted(to: dtypes[index])
    switch dtypes[index] {
    case .float32: source.withUnsafeBufferPointer(as: Float.self) { pointer(Float.self, index).update(from: $0.baseAddress!, count: count) }
    case .float64: source.withUnsafeBufferPointer(as: Double.self) { pointer(Double.self, index).update(from: $0.baseAddress!, count: count) }
    }
  }

  /// A constant copy of parameter `index`'s values.
  func tensor(_ index: Int) -> Tensor {
    let count = shapes[index].reduce(1, *)
    switch dtypes[index] {
    case .float32:
      return Tensor(shape: shapes[index], scalars: Array(UnsafeBufferPointer(start: pointer(Float.self, index), count: count)))
    case .float64:
      return Tensor(shape: shapes[index], scalars: Array(UnsafeBufferPointer(start: pointer(Double.self, index), count: count)), dtype: .float64)
    }
  }
}
