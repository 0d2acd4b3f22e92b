// Sums, means and maxima, over everything or along axes, and the broadcast that is their adjoint.

enum First: BinaryFunction { @inline(__always) static func apply<T: KernelScalar>(_ a: T, _ b: T, _ p: T) -> T { a } }
enum EqualMask: BinaryFunction { @inline(__always) static func apply<T: KernelScalar>(_ a: T, _ b: T, _ p: T) -> T { a == b ? 1 : 0 } }

extension Tensor {
  /// Normalises possibly negative axes and checks them against the rank.
  func normalized(axes: [Int], op: String) -> [Int] {
    let result = axes.map { $0 < 0 ? $0 + rank : $0 }
    for (given, axis) in zip(axes, result) {
      precondition(axis >= 0 && axis < rank, "\(op): axis \(given) is out of range for a tensor of shape \(shape)")
    }
    precondition(Set(result).count == result.count, "\(op): repeated axis in \(axes)")
    return result.sorted()
  }

  /// The sum of all elements, as a rank-0 tensor.
  public func sum() -> Tensor {
    let total: Double
    switch dtype {
    case .float32: total = Kernels.sumAll(storage.typed(Float.self), scalarCount)
    case .float64: total = Kernels.sumAll(storage.typed(Double.self), scalarCount)
    }
    return Tensor.record(Tensor(total, dtype: dtype), op: "sum", inputs: [self]) { [shape] g in
      [g.broadcast(to: shape)]
    }
  }

  /// Sums along `axes`; with `keepingDimensions` the reduced axes stay with extent 1.
  public func sum(alongAxes axes: [Int], keepingDimensions: Bool = false) -> Tensor {
    let axes = normalized(axes: axes, op: "sum(alongAxes:)")
    let (result, keptShape) = reduced(axes: axes, max: false, keepingDimensions: keepingDimensions)
    return Tensor.record(result, op: "sum", inputs: [self]) { [shape] g in
      [g.reshaped(to: keptShape).broadcast(to: shape)]
    }
  }

  /// The mean of all elements, as a rank-0 tensor.
  public func mean() -> Tensor { sum() * (1 / Double(Swift.max(scalarCount, 1))) }

  /// Means along `axes`.
  public func mean(alongAxes axes: [Int], keepingDimensions: Bool = false) -> Tensor {
    let axes = normalized(axes: axes, op: "mean(alongAxes:)")
    let count = axes.reduce(1) { $0 * shape[$1] }
    return sum(alongAxes: axes, keepingDimensions: keepingDimensions) * (1 / Double(Swift.max(count, 1)))
  }

  /// The largest element, as a rank-0 tensor. The gradient is shared equally among ties.
  public func max() -> Tensor {
    precondition(scalarCount > 0, "max(): empty tensor of shape \(shape)")
    return reshaped(to: [scalarCount]).max(alongAxes: [0])
  }

  /// Maxima along `axes`. The gradient is shared equally among the elements that attain the
  /// maximum (PyTorch's `amax`).
  public func max(alongAxes axes: [Int], keepingDimensions: Bool = false) -> Tensor {
    let axes = normalized(axes: axes, op: "max(alongAxes:)")
    for axis in axes { precondition(shape[axis] > 0, "max(alongAxes:): axis \(axis) of shape \(shape) is empty") }
    let (result, keptShape) = reduced(axes: axes, max: true, keepingDimensions: keepingDimensions)
    return Tensor.record(result, op: "max", inputs: [self]) { [self] g in
      let kept = Tensor(shape: keptShape, storage: result.storage)
      let mask = Tensor.combine(self.detached, kept, EqualMask.self, op: "max")
      let ties = mask.detached.sum(alongAxes: axes, keepingDimensions: true)
      return [g.reshaped(to: keptShape) * (mask / ties)]
    }
  }

  /// Sums or maxima over `axes` (normalized), no gradient; also the shape with those axes kept
  /// at extent 1, which the backward rules broadcast from.
  private func reduced(axes: [Int], max: Bool, keepingDimensions: Bool) -> (Tensor, keptShape: [Int]) {
    var value = detached
    for axis in axes.reversed() { value = value.reduced(axis: axis, max: max) }
    var keptShape = shape
    for axis in axes { keptShape[axis] = 1 }
    let outShape = keepingDimensions ? keptShape : shape.enumerated().filter { !axes.contains($0.offset) }.map(\.element)
    return (Tensor(shape: outShape, storage: value.storage), keptShape)
  }

  /// One axis reduced away (kept with extent 1 in storage order), no gradient.
  private func reduced(axis: Int, max: Bool) -> Tensor {
    let outer = shape[..<axis].reduce(1, *)
    let inner = shape[(axis + 1)...].reduce(1, *)
    var outShape = shape
    outShape[axis] = 1
    let result = Tensor(uninitializedShape: outShape, dtype: dtype)
    switch dtype {
    case .float32:
      let x = storage.typed(Float.self), y = result.storage.typed(Float.self)
      max ? Kernels.maxAxis(x, y, outer: outer, extent: shape[axis], inner: inner)
          : Kernels.sumAxis(x, y, outer: outer, extent: shape[axis], inner: inner)
    case .float64:
      let x = storage.typed(Double.self), y = result.storage.typed(Double.self)
      max ? Kernels.maxAxis(x, y, outer: outer, extent: shape[axis], inner: inner)
          : Kernels.sumAxis(x, y, outer: outer, extent: shape[axis], inner: inner)
    }
    return result
  }

  /// The tensor stretched to `target` by broadcasting (PyTorch's `expand`, materialised).
  /// Its adjoint is `summed(toShape:)`.
  public func broadcast(to target: [Int]) -> Tensor {
    if target == shape { return self }
    let checked = Broadcast.shape(shape, target, op: "broadcast(to:)")
    precondition(checked == target, "broadcast(to:): shape \(shape) cannot be broadcast to \(target)")
    let zeros = [Int](repeating: 0, count: target.count)
    let result = Tensor(uninitializedShape: target, dtype: dtype)
    let strides = Broadcast.strides(of: shape, broadcastTo: target)
    switch dtype {
    case .float32:
      let x = storage.typed(Float.self)
      Kernels.binary(First.self, x, x, result.storage.typed(Float.self), shape: target, aStrides: strides, bStrides: zeros, 0)
    case .float64:
      let x = storage.typed(Double.self)
      Kernels.binary(First.self, x, x, result.storage.typed(Double.self), shape: target, aStrides: strides, bStrides: zeros, 0)
    }
    return Tensor.record(result, op: "broadcast", inputs: [self]) { [shape] g in [g.summed(toShape: shape)] }
  }

  /// Sums a broadcast result back down to `target`: the adjoint of `broadcast(to:)`.
  public func summed(toShape target: [Int]) -> Tensor {
    if target == shape { return self }
    let offset = rank - target.count
    precondition(offset >= 0, "summed(toShape:): cannot sum shape \(shape) to the larger rank of \(target)")
    var axes = Array(0..<offset)
    for i in 0..<target.count where target[i] != shape[i + offset] {
      precondition(target[i] == 1, "summed(toShape:): shape \(shape) does not broadcast from \(target)")
      axes.append(i + offset)
    }
    return sum(alongAxes: axes, keepingDimensions: true).reshaped(to: target)
  }
}
