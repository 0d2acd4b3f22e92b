import TensorBackend

/// A mutable per-parameter array an optimizer owns (a moment estimate), of the parameter's shape
/// and element type, 64-byte aligned for vectorised update loops.
final class StateBuffer {
  let shape: [Int]
  let dtype: DType
  let count: Int
  private let pointer: UnsafeMutableRawPointer

  /// A buffer of zeros shaped like `parameter`.
  init(zerosLike parameter: Parameter) {
    shape = parameter.shape
    dtype = parameter.dtype
    count = parameter.scalarCount
    let bytes = Swift.max(count * dtype.byteCount, 64)
    pointer = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
    pointer.initializeMemory(as: UInt8.self, repeating: 0, count: bytes)
  }

  /// A buffer holding a copy of `tensor`'s values, converted to `dtype`.
  convenience init(copying tensor: Tensor, like parameter: Parameter) {
    self.init(zerosLike: parameter)
    let source = tensor.converted(to: dtype)
    switch dtype {
    case .float32:
      source.withUnsafeBufferPointer(as: Float.self) { typed(Float.self).update(from: $0.baseAddress!, count: count) }
    case .float64:
      source.withUnsafeBufferPointer(as: Double.self) { typed(Double.self).update(from: $0.baseAddress!, count: count) }
    }
  }

  deinit { pointer.deallocate() }

  func typed<T: KernelScalar>(_: T.Type) -> UnsafeMutablePointer<T> {
    precondition(T.dtype == dtype, "StateBuffer: \(dtype) buffer read as \(T.dtype)")
    return pointer.assumingMemoryBound(to: T.self)
  }

  /// A constant copy of the values.
  var tensor: Tensor {
    switch dtype {
    case .float32:
      return Tensor(shape: shape, scalars: Array(UnsafeBufferPointer(start: typed(Float.self), count: count)))
    case .float64:
      return Tensor(shape: shape, scalars: Array(UnsafeBufferPointer(start: typed(Double.self), count: count)), dtype: .float64)
    }
  }
}
