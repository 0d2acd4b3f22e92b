/// The two loops every elementwise op is built from. Neither records gradients; the public ops
/// wrap them with their backward rules.
extension Tensor {
  func map<F: UnaryFunction>(_: F.Type, _ parameter: Double = 0) -> Tensor {
    let result = Tensor(uninitializedShape: shape, dtype: dtype)
    switch dtype {
    case .float32:
      let x = storage.typed(Float.self), y = result.storage.typed(Float.self)
      if Kernels.fast, let loop = F.fastLoop {
        Kernels.forEachSlice(scalarCount, streams: 2) { start, count in loop(x + start, y + start, count, Float(parameter)) }
      } else {
        Kernels.unary(F.self, x, y, scalarCount, Float(parameter))
      }
    case .float64:
      Kernels.unary(F.self, storage.typed(Double.self), result.storage.typed(Double.self), scalarCount, parameter)
    }
    return result
  }

  static func combine<F: BinaryFunction>(
    _ a: Tensor, _ b: Tensor, _: F.Type, op: String, _ parameter: Double = 0
  ) -> Tensor {
    precondition(a.dtype == b.dtype, "\(op): operands have element types \(a.dtype) and \(b.dtype)")
    let shape = a.shape == b.shape ? a.shape : Broadcast.shape(a.shape, b.shape, op: op)
    let result = Tensor(uninitializedShape: shape, dtype: a.dtype)
    if a.shape == b.shape {
      switch a.dtype {
      case .float32:
        let x = a.storage.typed(Float.self), y = b.storage.typed(Float.self), out = result.storage.typed(Float.self)
        if Kernels.fast, let loop = F.fastLoop {
          Kernels.forEachSlice(result.scalarCount, streams: 3) { start, count in loop(x + start, y + start, out + start, count) }
        } else {
          sameShape(F.self, x, y, out, result.scalarCount, Float(parameter))
        }
      case .float64: sameShape(F.self, a.storage.typed(Double.self), b.storage.typed(Double.self), result.storage.typed(Double.self), result.scalarCount, parameter)
      }
      return result
    }
    let aStrides = Broadcast.strides(of: a.shape, broadcastTo: shape)
    let bStrides = Broadcast.strides(of: b.shape, broadcastTo: shape)
    switch a.dtype {
    case .float32:
      Kernels.binary(F.self, a.storage.typed(Float.self), b.storage.typed(Float.self), result.storage.typed(Float.self),
                     shape: shape, aStrides: aStrides, bStrides: bStrides, Float(parameter))
    case .float64:
      Kernels.binary(F.self, a.storage.typed(Double.self), b.storage.typed(Double.self), result.storage.typed(Double.self),
                     shape: shape, aStrides: aStrides, bStrides: bStrides, parameter)
    }
    return result
  }

  @inline(__always)
  private static func sameShape<F: BinaryFunction, T: KernelScalar>(
    _: F.Type, _ a: UnsafePointer<T>, _ b: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>, _ count: Int, _ p: T
  ) {
    for i in 0..<count { out[i] = F.apply(a[i], b[i], p) }
  }
}
