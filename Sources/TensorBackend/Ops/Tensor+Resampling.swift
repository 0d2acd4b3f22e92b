// Resampling NCHW images by an integer factor f. Nearest upsampling and average pooling are
// adjoint up to f² (pooling averages the f² pixels that upsampling copies one into), so each is
// the other's backward rule; bilinear upsampling and its adjoint are each other's backward rule.

/// Nearest-neighbour upsampling by an integer factor: (N, C, H, W) -> (N, C, H·f, W·f), each pixel
/// repeated into an f × f block (PyTorch's `F.interpolate(mode="nearest")`).
public func upsampleNearest(_ x: Tensor, factor: Int) -> Tensor {
  let (planes, h, w) = checkImage("upsampleNearest", x, factor: factor)
  if factor == 1 { return x }
  let y = Tensor(uninitializedShape: [x.shape[0], x.shape[1], h * factor, w * factor], dtype: x.dtype)
  func run<T: KernelScalar>(_: T.Type) {
    ResamplingKernels.upsampleNearest(
      x.storage.typed(T.self), y.storage.typed(T.self), planes: planes, height: h, width: w, factor: factor)
  }
  switch x.dtype {
  case .float32: run(Float.self)
  case .float64: run(Double.self)
  }
  return Tensor.record(y, op: "upsampleNearest", inputs: [x]) { ȳ in
    [averagePool(ȳ, factor: factor) * Double(factor * factor)]
  }
}

/// Average pooling with kernel = stride = f: (N, C, H, W) -> (N, C, H/f, W/f), each output the
/// mean of an f × f block (PyTorch's `F.avg_pool2d(x, f)`). H and W must be multiples of f.
public func averagePool(_ x: Tensor, factor: Int) -> Tensor {
  let op = "averagePool"
  _ = checkImage(op, x, factor: factor)
  precondition(
    x.shape[2] % factor == 0 && x.shape[3] % factor == 0,
    "\(op): input \(shapeText(x.shape)) has height and width that are not multiples of the factor \(factor)")
  if factor == 1 { return x }
  let h = x.shape[2] / factor, w = x.shape[3] / factor
  let y = Tensor(uninitializedShape: [x.shape[0], x.shape[1], h, w], dtype: x.dtype)
  func run<T: KernelScalar>(_: T.Type) {
    ResamplingKernels.averagePool(
      x.storage.typed(T.self), y.storage.typed(T.self), planes: x.shape[0] * x.shape[1], height: h, width: w,
      factor: factor)
  }
  switch x.dtype {
  case .float32: run(Float.self)
  case .float64: run(Double.self)
  }
  return Tensor.record(y, op: "averagePool", inputs: [x]) { ȳ in
    [upsampleNearest(ȳ, factor: factor) * (1 / Double(factor * factor))]
  }
}

/// Bilinear upsampling by an integer factor: (N, C, H, W) -> (N, C, H·f, W·f), with PyTorch's
/// `F.interpolate(mode="bilinear", align_corners=False)` semantics: output pixel o samples the
/// input at (o + ½)/f − ½ (clamped at 0), interpolating linearly between the two nearest pixels
/// along each axis and repeating the edge pixels beyond the last one.
public func upsampleBilinear(_ x: Tensor, factor: Int = 2) -> Tensor {
  let (planes, h, w) = checkImage("upsampleBilinear", x, factor: factor)
  if factor == 1 { return x }
  let y = Tensor(uninitializedShape: [x.shape[0], x.shape[1], h * factor, w * factor], dtype: x.dtype)
  if planes > 0 && h > 0 && w > 0 {
    func run<T: KernelScalar>(_: T.Type) {
      ResamplingKernels.upsampleBilinear(
        x.storage.typed(T.self), y.storage.typed(T.self), planes: planes, height: h, width: w, factor: factor)
    }
    switch x.dtype {
    case .float32: run(Float.self)
    case .float64: run(Double.self)
    }
  }
  return Tensor.record(y, op: "upsampleBilinear", inputs: [x]) { ȳ in
    [upsampleBilinearAdjoint(ȳ, factor: factor)]
  }
}

/// The adjoint of `upsampleBilinear` (its gradient): (N, C, H·f, W·f) -> (N, C, H, W). Its own
/// backward rule is `upsampleBilinear`.
func upsampleBilinearAdjoint(_ y: Tensor, factor: Int) -> Tensor {
  let op = "upsampleBilinearAdjoint"
  _ = checkImage(op, y, factor: factor)
  precondition(
    y.shape[2] % factor == 0 && y.shape[3] % factor == 0,
    "\(op): input \(shapeText(y.shape)) has height and width that are not multiples of the factor \(factor)")
  let h = y.shape[2] / factor, w = y.shape[3] / factor, planes = y.shape[0] * y.shape[1]
  let x = Tensor(uninitializedShape: [y.shape[0], y.shape[1], h, w], dtype: y.dtype)
  if planes > 0 && h > 0 && w > 0 {
    func run<T: KernelScalar>(_: T.Type) {
      ResamplingKernels.upsampleBilinearAdjoint(
        y.storage.typed(T.self), x.storage.typed(T.self), planes: planes, height: h, width: w, factor: factor)
    }
    switch y.dtype {
    case .float32: run(Float.self)
    case .float64: run(Double.self)
    }
  }
  return Tensor.record(x, op: op, inputs: [y]) { x̄ in [upsampleBilinear(x̄, factor: factor)] }
}

/// Checks an NCHW image and a resampling factor; returns (N·C, H, W).
private func checkImage(_ op: String, _ x: Tensor, factor: Int) -> (planes: Int, height: Int, width: Int) {
  precondition(x.rank == 4, "\(op): input must be (N, C, H, W), got shape \(shapeText(x.shape))")
  precondition(factor >= 1, "\(op): factor \(factor) must be at least 1 (input \(shapeText(x.shape)))")
  return (x.shape[0] * x.shape[1], x.shape[2], x.shape[3])
}
