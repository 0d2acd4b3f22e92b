/// An n-dimensional array of `Float` or `Double` that records the ops applied to it for
/// reverse-mode differentiation.
///
/// Shapes are row-major; images are NCHW (N batch, C channels, H height, W width). A tensor is a
/// value: ops return new tensors and never change their operands. The exception is explicit and
/// lives in `Parameter`: an optimizer updates a parameter's storage in place.
///
/// A tensor built while gradient recording is on (the default, see `withoutGradient`) from an
/// operand that requires a gradient carries a node of the autodiff graph; `gradients(of:wrt:)`
/// and `backward()` walk that graph.
public struct Tensor {
  /// The extent of each dimension.
  public let shape: [Int]
  let storage: TensorStorage
  /// The autodiff node that produced this tensor, `nil` for constants.
  let node: GradNode?

  init(shape: [Int], storage: TensorStorage, node: GradNode? = nil) {
    self.shape = shape
    self.storage = storage
    self.node = node
  }

  /// A tensor of uninitialised memory; kernels fill it.
  init(uninitializedShape shape: [Int], dtype: DType) {
    Tensor.validate(shape: shape)
    self.init(shape: shape, storage: TensorStorage(count: shape.reduce(1, *), dtype: dtype))
  }

  /// The element type.
  public var dtype: DType { storage.dtype }
  /// The number of dimensions.
  public var rank: Int { shape.count }
  /// The number of elements.
  public var scalarCount: Int { storage.count }
  /// Whether gradients flow back through this tensor.
  public var requiresGradient: Bool { node != nil }

  static func validate(shape: [Int]) {
    precondition(shape.allSatisfy { $0 >= 0 }, "Tensor: negative dimension in shape \(shape)")
  }
}

// MARK: - Creation

extension Tensor {
  /// A tensor holding `scalars` (row-major) in `shape`.
  public init(shape: [Int], scalars: [Double], dtype: DType = .float32) {
    Tensor.validate(shape: shape)
    precondition(
      shape.reduce(1, *) == scalars.count,
      "Tensor(shape:scalars:): shape \(shape) holds \(shape.reduce(1, *)) elements, got \(scalars.count)")
    self.init(uninitializedShape: shape, dtype: dtype)
    switch dtype {
    case .float32:
      let p = storage.typed(Float.self)
      for i in scalars.indices { p[i] = Float(scalars[i]) }
    case .float64:
      let p = storage.typed(Double.self)
      for i in scalars.indices { p[i] = scalars[i] }
    }
  }

  /// A tensor holding `scalars` (row-major) in `shape`.
  public init(shape: [Int], scalars: [Float]) {
    Tensor.validate(shape: shape)
    precondition(
      shape.reduce(1, *) == scalars.count,
      "Tensor(shape:scalars:): shape \(shape) holds \(shape.reduce(1, *)) elements, got \(scalars.count)")
    self.init(uninitializedShape: shape, dtype: .float32)
    scalars.withUnsafeBufferPointer { source in
      storage.typed(Float.self).update(from: source.baseAddress!, count: scalars.count)
    }
  }

  /// A tensor holding a copy of `buffer`'s elements (row-major) in `shape`, of the buffer's
  /// element type.
  public init<T: KernelScalar>(shape: [Int], copying buffer: UnsafeBufferPointer<T>) {
    Tensor.validate(shape: shape)
    precondition(
      shape.reduce(1, *) == buffer.count,
      "Tensor(shape:copying:): shape \(shape) holds \(shape.reduce(1, *)) elements, got \(buffer.count)")
    self.init(uninitializedShape: shape, dtype: T.dtype)
    if let base = buffer.baseAddress { storage.typed(T.self).update(from: base, count: buffer.count) }
  }

  /// A rank-0 tensor.
  public init(_ value: Double, dtype: DType = .float32) {
    self.init(shape: [], scalars: [value], dtype: dtype)
  }

  /// A tensor with every element equal to `value`.
  public init(repeating value: Double, shape: [Int], dtype: DType = .float32) {
    self.init(uninitializedShape: shape, dtype: dtype)
    switch dtype {
    case .float32: storage.typed(Float.self).update(repeating: Float(value), count: scalarCount)
    case .float64: storage.typed(Double.self).update(repeating: value, count: scalarCount)
    }
  }

  /// A tensor of zeros.
  public static func zeros(_ shape: [Int], dtype: DType = .float32) -> Tensor {
    let result = Tensor(uninitializedShape: shape, dtype: dtype)
    result.storage.zero()
    return result
  }

  /// A tensor of ones.
  public static func ones(_ shape: [Int], dtype: DType = .float32) -> Tensor {
    Tensor(repeating: 1, shape: shape, dtype: dtype)
  }

  /// The same values as a constant: no gradient flows back through the result (`detach`).
  public var detached: Tensor { Tensor(shape: shape, storage: storage) }

  /// A constant copy in another element type.
  public func converted(to dtype: DType) -> Tensor {
    if dtype == self.dtype { return detached }
    let result = Tensor(uninitializedShape: shape, dtype: dtype)
    switch (self.dtype, dtype) {
    case (.float32, .float64):
      let s = storage.typed(Float.self), d = result.storage.typed(Double.self)
      for i in 0..<scalarCount { d[i] = Double(s[i]) }
    case (.float64, .float32):
      let s = storage.typed(Double.self), d = result.storage.typed(Float.self)
      for i in 0..<scalarCount { d[i] = Float(s[i]) }
    default: break
    }
    return result
  }

  /// A copy with fresh storage (constant).
  public func copied() -> Tensor { Tensor(shape: shape, storage: storage.copy()) }
}

// MARK: - Reading values

extension Tensor {
  /// All elements, row-major, as `Double`.
  public var scalars: [Double] {
    switch dtype {
    case .float32: return UnsafeBufferPointer(start: storage.typed(Float.self), count: scalarCount).map(Double.init)
    case .float64: return Array(UnsafeBufferPointer(start: storage.typed(Double.self), count: scalarCount))
    }
  }

  /// All elements, row-major, as `Float`.
  public var floats: [Float] {
    switch dtype {
    case .float32: return Array(UnsafeBufferPointer(start: storage.typed(Float.self), count: scalarCount))
    case .float64: return UnsafeBufferPointer(start: storage.typed(Double.self), count: scalarCount).map(Float.init)
    }
  }

  /// The single element of a one-element tensor.
  public var scalar: Double {
    precondition(scalarCount == 1, "Tensor.scalar: tensor of shape \(shape) has \(scalarCount) elements, not 1")
    return scalars[0]
  }

  /// The element at a flat (row-major) index.
  public subscript(flat index: Int) -> Double {
    precondition(index >= 0 && index < scalarCount, "Tensor[flat:]: index \(index) out of range 0..<\(scalarCount)")
    switch dtype {
    case .float32: return Double(storage.typed(Float.self)[index])
    case .float64: return storage.typed(Double.self)[index]
    }
  }

  /// Calls `body` with the elements as a read-only buffer of `T`, which must match `dtype`.
  public func withUnsafeBufferPointer<T: KernelScalar, R>(
    as type: T.Type, _ body: (UnsafeBufferPointer<T>) throws -> R
  ) rethrows -> R {
    try body(UnsafeBufferPointer(start: storage.typed(T.self), count: scalarCount))
  }
}

extension Tensor: CustomStringConvertible {
  public var description: String {
    let values = scalars.prefix(8).map { String(format6: $0) }.joined(separator: ", ")
    return "Tensor(\(dtype), shape: \(shape), [\(values)\(scalarCount > 8 ? ", …" : "")])"
  }
}

extension String {
  init(format6 value: Double) {
    let rounded = (value * 1e6).rounded() / 1e6
    self = "\(rounded)"
  }
}
