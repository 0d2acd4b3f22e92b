// Reshape, permute, concatenate, slice and gather, each with its adjoint as backward rule.

extension Tensor {
  /// The same elements in a new shape with the same element count; one extent may be −1 (inferred).
  /// Shares storage.
  public func reshaped(to newShape: [Int]) -> Tensor {
    var target = newShape
    if let inferred = newShape.firstIndex(of: -1) {
      let known = newShape.enumerated().filter { $0.offset != inferred }.reduce(1) { $0 * $1.element }
      precondition(known > 0 && scalarCount % known == 0, "reshape: cannot reshape shape \(shape) to \(newShape)")
      target[inferred] = scalarCount / known
    }
    precondition(
      target.allSatisfy { $0 >= 0 } && target.reduce(1, *) == scalarCount,
      "reshape: cannot reshape shape \(shape) (\(scalarCount) elements) to \(newShape)")
    if target == shape { return self }
    return Tensor.record(Tensor(shape: target, storage: storage), op: "reshape", inputs: [self]) { [shape] g in
      [g.reshaped(to: shape)]
    }
  }

  /// Flattens all dimensions after the first: (N, …) -> (N, rest).
  public func flattenedBatch() -> Tensor { reshaped(to: [shape.first ?? 1, -1]) }

  /// Reorders dimensions: result dimension i is input dimension `axes[i]`.
  public func permuted(_ axes: [Int]) -> Tensor {
    precondition(axes.count == rank && Set(axes) == Set(0..<rank), "permute: \(axes) is not a permutation of the \(rank) axes of shape \(shape)")
    if axes == Array(0..<rank) { return self }
    let outShape = axes.map { shape[$0] }
    let result = Tensor(uninitializedShape: outShape, dtype: dtype)
    var inStrides = [Int](repeating: 1, count: rank)
    for i in stride(from: rank - 2, through: 0, by: -1) { inStrides[i] = inStrides[i + 1] * shape[i + 1] }
    let strides = axes.map { inStrides[$0] }
    let zeros = [Int](repeating: 0, count: rank)
    switch dtype {
    case .float32:
      let x = storage.typed(Float.self)
      Kernels.binary(First.self, x, x, result.storage.typed(Float.self), shape: outShape, aStrides: strides, bStrides: zeros, 0)
    case .float64:
      let x = storage.typed(Double.self)
      Kernels.binary(First.self, x, x, result.storage.typed(Double.self), shape: outShape, aStrides: strides, bStrides: zeros, 0)
    }
    var inverse = [Int](repeating: 0, count: rank)
    for (i, a) in axes.enumerated() { inverse[a] = i }
    return Tensor.record(result, op: "permute", inputs: [self]) { g in [g.permuted(inverse)] }
  }

  /// The transpose of a matrix.
  public func transposed() -> Tensor {
    precondition(rank == 2, "transposed(): needs a matrix, got shape \(shape)")
    return permuted([1, 0])
  }

  /// Joins tensors along `axis`; all other extents must agree.
  public static func concatenate(_ tensors: [Tensor], alongAxis axis: Int) -> Tensor {
    precondition(!tensors.isEmpty, "concatenate: no tensors")
    let first = tensors[0]
    let axis = axis < 0 ? axis + first.rank : axis
    precondition(axis >= 0 && axis < first.rank, "concatenate: axis \(axis) out of range for shape \(first.shape)")
    for t in tensors {
      var a = t.shape, b = first.shape
      precondition(a.count == b.count && t.dtype == first.dtype, "concatenate: shapes \(first.shape) and \(t.shape) (or element types) do not match")
      a[axis] = 0
      b[axis] = 0
      precondition(a == b, "concatenate: shapes \(first.shape) and \(t.shape) differ outside axis \(axis)")
    }
    var outShape = first.shape
    outShape[axis] = tensors.reduce(0) { $0 + $1.shape[axis] }
    let outer = first.shape[..<axis].reduce(1, *)
    let inner = first.shape[(axis + 1)...].reduce(1, *)
    let result = Tensor(uninitializedShape: outShape, dtype: first.dtype)
    let byte = first.dtype.byteCount
    let outRow = outShape[axis] * inner * byte
    var offset = 0
    for t in tensors {
      let row = t.shape[axis] * inner * byte
      for o in 0..<outer {
        (result.storage.pointer + o * outRow + offset).copyMemory(from: t.storage.pointer + o * row, byteCount: row)
      }
      offset += row
    }
    let extents = tensors.map { $0.shape[axis] }
    return record(result, op: "concatenate", inputs: tensors) { g in
      var start = 0
      return zip(tensors, extents).map { t, extent in
        defer { start += extent }
        return t.requiresGradient ? g.sliced(alongAxis: axis, start ..< start + extent) : nil
      }
    }
  }

  /// The elements with index in `range` along `axis`.
  public func sliced(alongAxis axis: Int, _ range: Range<Int>) -> Tensor {
    let axis = axis < 0 ? axis + rank : axis
    precondition(axis >= 0 && axis < rank, "slice: axis \(axis) out of range for shape \(shape)")
    precondition(range.lowerBound >= 0 && range.upperBound <= shape[axis], "slice: range \(range) out of bounds for axis \(axis) of shape \(shape)")
    var outShape = shape
    outShape[axis] = range.count
    let result = Tensor(uninitializedShape: outShape, dtype: dtype)
    copyRows(from: self, to: result, axis: axis, start: range.lowerBound, scatter: false)
    return Tensor.record(result, op: "slice", inputs: [self]) { [shape] g in
      [g.padded(alongAxis: axis, start: range.lowerBound, extent: shape[axis])]
    }
  }

  /// Places `self` at `start` along `axis` in zeros of extent `extent`: the adjoint of `sliced`.
  func padded(alongAxis axis: Int, start: Int, extent: Int) -> Tensor {
    var outShape = shape
    outShape[axis] = extent
    let result = Tensor.zeros(outShape, dtype: dtype)
    copyRows(from: self, to: result, axis: axis, start: start, scatter: true)
    let count = shape[axis]
    return Tensor.record(result, op: "pad", inputs: [self]) { g in [g.sliced(alongAxis: axis, start ..< start + count)] }
  }

  private func copyRows(from source: Tensor, to destination: Tensor, axis: Int, start: Int, scatter: Bool) {
    let big = scatter ? destination : source, small = scatter ? source : destination
    let outer = shape[..<axis].reduce(1, *)
    let inner = shape[(axis + 1)...].reduce(1, *) * dtype.byteCount
    let bigRow = big.shape[axis] * inner, smallRow = small.shape[axis] * inner
    for o in 0..<outer {
      let b = big.storage.pointer + o * bigRow + start * inner
      let s = small.storage.pointer + o * smallRow
      if scatter { b.copyMemory(from: s, byteCount: smallRow) } else { s.copyMemory(from: b, byteCount: smallRow) }
    }
  }

  /// Rows of a matrix picked by index: table (K, D), indices (N) -> (N, D). This is the
  /// embedding lookup; its adjoint adds each row of the gradient into the row it came from.
  public func gathered(rows indices: [Int]) -> Tensor {
    precondition(rank == 2, "gather: needs a (K, D) table, got shape \(shape)")
    let k = shape[0], d = shape[1], byte = dtype.byteCount
    for i in indices { precondition(i >= 0 && i < k, "gather: index \(i) out of range 0..<\(k) for table of shape \(shape)") }
    let result = Tensor(uninitializedShape: [indices.count, d], dtype: dtype)
    for (r, i) in indices.enumerated() {
      (result.storage.pointer + r * d * byte).copyMemory(from: storage.pointer + i * d * byte, byteCount: d * byte)
    }
    return Tensor.record(result, op: "gather", inputs: [self]) { g in [g.scatterAdded(rows: indices, count: k)] }
  }

  /// out[indices[r]] += self[r] into a (count, D) matrix of zeros: the adjoint of `gathered(rows:)`.
  func scatterAdded(rows indices: [Int], count: Int) -> Tensor {
    let d = shape[1]
    let result = Tensor.zeros([count, d], dtype: dtype)
    func run<T: KernelScalar>(_: T.Type) {
      let src = storage.typed(T.self), dst = result.storage.typed(T.self)
      for (r, i) in indices.enumerated() {
        for j in 0..<d { dst[i * d + j] += src[r * d + j] }
      }
    }
    switch dtype {
    case .float32: run(Float.self)
    case .float64: run(Double.self)
    }
    return Tensor.record(result, op: "scatterAdd", inputs: [self]) { g in [g.gathered(rows: indices)] }
  }
}
