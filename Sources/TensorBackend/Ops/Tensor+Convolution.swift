// Convolution and transposed convolution.
//
// Three primitive ops share one `ConvolutionGeometry` (x (N, C, H, W) -> y (N, O, Ho, Wo) with a
// filter (O, C, KH, KW)) and are closed under differentiation, so gradients of any order stay
// within them:
//
//   conv(x, W)             -> y    backward: x̄ = convT(ȳ, W),        W̄ = weightGrad(x, ȳ)
//   convT(y, W)            -> x    backward: ȳ = conv(x̄, W),         W̄ = weightGrad(x̄, y)
//   weightGrad(x, y)       -> W    backward: x̄ = convT(y, W̄),        ȳ = conv(x, W̄)
//
// All three are bilinear, and each is an adjoint of another, which is all these rules say.

/// 2-D cross-correlation (PyTorch's `conv2d`, no bias, no dilation, no groups): input (N, C, H, W),
/// filter (O, C, KH, KW) -> (N, O, (H + 2p − KH)/s + 1, (W + 2p − KW)/s + 1), rounding down,
/// with zero padding p on every side and stride s.
public func conv2d(_ input: Tensor, filter: Tensor, stride: Int = 1, padding: Int = 0) -> Tensor {
  let op = "conv2d"
  checkOperands(op, input, "input", filter)
  let n = input.shape, f = filter.shape
  precondition(n[1] == f[1], "\(op): input \(shapeText(n)) has \(n[1]) channels, filter \(shapeText(f)) expects \(f[1])")
  checkStrideAndPadding(op, stride: stride, padding: padding)
  precondition(
    n[2] + 2 * padding >= f[2] && n[3] + 2 * padding >= f[3],
    "\(op): filter \(shapeText(f)) is larger than input \(shapeText(n)) with padding \(padding)")
  let geometry = ConvolutionGeometry(
    batch: n[0], channels: n[1], height: n[2], width: n[3],
    outChannels: f[0], kernelHeight: f[2], kernelWidth: f[3], stride: stride, padding: padding,
    outHeight: (n[2] + 2 * padding - f[2]) / stride + 1, outWidth: (n[3] + 2 * padding - f[3]) / stride + 1)
  return convolution(input, filter, geometry)
}

/// Transposed ("fractionally strided") convolution, PyTorch's `conv_transpose2d` and
/// `ConvTranspose2d` (no bias, no dilation, no groups): input (N, C, H, W), filter (C, O, KH, KW)
/// -> (N, O, (H − 1)s − 2p + KH + outputPadding, (W − 1)s − 2p + KW + outputPadding).
///
/// It is the gradient of `conv2d` with respect to its input, so it maps a tensor of `conv2d`'s
/// output shape back to its input shape. Several input sizes give the same `conv2d` output size
/// when s > 1; `outputPadding` (0 ≤ outputPadding < stride) picks among them by adding rows and
/// columns at the bottom and right.
public func transposedConv2d(
  _ input: Tensor, filter: Tensor, stride: Int = 1, padding: Int = 0, outputPadding: Int = 0
) -> Tensor {
  let op = "transposedConv2d"
  checkOperands(op, input, "input", filter)
  checkStrideAndPadding(op, stride: stride, padding: padding)
  precondition(
    outputPadding >= 0 && outputPadding < stride,
    "\(op): output padding \(outputPadding) must be at least 0 and less than the stride \(stride)")
  let n = input.shape, f = filter.shape
  let height = (n[2] - 1) * stride - 2 * padding + f[2] + outputPadding
  let width = (n[3] - 1) * stride - 2 * padding + f[3] + outputPadding
  precondition(
    height > 0 && width > 0,
    "\(op): input \(shapeText(n)) with filter \(shapeText(f)), stride \(stride), padding \(padding) gives an empty output (\(height) x \(width))")
  return transposedConv2d(input, filter: filter, stride: stride, padding: padding, outputSize: (height, width))
}

/// The transposed convolution onto an output of exactly `outputSize` (H, W), which must be one
/// that `conv2d` with this filter, stride and padding maps to the input's spatial size.
func transposedConv2d(
  _ input: Tensor, filter: Tensor, stride: Int, padding: Int, outputSize: (height: Int, width: Int)
) -> Tensor {
  let op = "transposedConv2d"
  checkOperands(op, input, "input", filter)
  checkStrideAndPadding(op, stride: stride, padding: padding)
  let n = input.shape, f = filter.shape
  precondition(n[1] == f[0], "\(op): input \(shapeText(n)) has \(n[1]) channels, filter \(shapeText(f)) expects \(f[0])")
  let (h, w) = outputSize
  precondition(
    h + 2 * padding >= f[2] && w + 2 * padding >= f[3]
      && (h + 2 * padding - f[2]) / stride + 1 == n[2] && (w + 2 * padding - f[3]) / stride + 1 == n[3],
    "\(op): output size \(h) x \(w) does not match input \(shapeText(n)) with filter \(shapeText(f)), stride \(stride), padding \(padding)")
  let geometry = ConvolutionGeometry(
    batch: n[0], channels: f[1], height: h, width: w,
    outChannels: f[0], kernelHeight: f[2], kernelWidth: f[3], stride: stride, padding: padding,
    outHeight: n[2], outWidth: n[3])
  return transposedConvolution(input, filter, geometry)
}

/// The gradient of ⟨outputGradient, conv2d(input, filter)⟩ with respect to the filter, for a
/// filter of `kernelSize` (KH, KW): input (N, C, H, W), outputGradient (N, O, Ho, Wo) ->
/// (O, C, KH, KW).
func convWeightGradient(
  _ input: Tensor, outputGradient: Tensor, kernelSize: (height: Int, width: Int), stride: Int, padding: Int
) -> Tensor {
  let op = "convWeightGradient"
  checkOperands(op, input, "input", outputGradient, "output gradient")
  checkStrideAndPadding(op, stride: stride, padding: padding)
  let n = input.shape, y = outputGradient.shape
  let (kh, kw) = kernelSize
  precondition(
    n[0] == y[0] && kh >= 1 && kw >= 1 && n[2] + 2 * padding >= kh && n[3] + 2 * padding >= kw
      && (n[2] + 2 * padding - kh) / stride + 1 == y[2] && (n[3] + 2 * padding - kw) / stride + 1 == y[3],
    "\(op): input \(shapeText(n)) and output gradient \(shapeText(y)) do not match a \(kh) x \(kw) filter with stride \(stride), padding \(padding)")
  let geometry = ConvolutionGeometry(
    batch: n[0], channels: n[1], height: n[2], width: n[3],
    outChannels: y[1], kernelHeight: kh, kernelWidth: kw, stride: stride, padding: padding,
    outHeight: y[2], outWidth: y[3])
  return weightGradient(input, outputGradient, geometry)
}

// MARK: - The three primitives on a checked geometry

private func convolution(_ x: Tensor, _ filter: Tensor, _ g: ConvolutionGeometry) -> Tensor {
  let y = Tensor(uninitializedShape: g.outputShape, dtype: x.dtype)
  run(.convolution, x, filter, into: y, g, terms: g.patchSize)
  return Tensor.record(y, op: "conv2d", inputs: [x, filter]) { ȳ in
    [x.requiresGradient ? transposedConvolution(ȳ, filter, g) : nil,
     filter.requiresGradient ? weightGradient(x, ȳ, g) : nil]
  }
}

private func transposedConvolution(_ y: Tensor, _ filter: Tensor, _ g: ConvolutionGeometry) -> Tensor {
  let x = Tensor(uninitializedShape: g.inputShape, dtype: y.dtype)
  run(.transposedConvolution, y, filter, into: x, g, terms: g.outChannels)
  return Tensor.record(x, op: "transposedConv2d", inputs: [y, filter]) { x̄ in
    [y.requiresGradient ? convolution(x̄, filter, g) : nil,
     filter.requiresGradient ? weightGradient(x̄, y, g) : nil]
  }
}

private func weightGradient(_ x: Tensor, _ y: Tensor, _ g: ConvolutionGeometry) -> Tensor {
  let filter = Tensor(uninitializedShape: g.filterShape, dtype: x.dtype)
  run(.filterGradient, x, y, into: filter, g, terms: g.batch * g.outputPlane)
  return Tensor.record(filter, op: "convWeightGradient", inputs: [x, y]) { w̄ in
    [x.requiresGradient ? transposedConvolution(y, w̄, g) : nil,
     y.requiresGradient ? convolution(x, w̄, g) : nil]
  }
}

// MARK: - Helpers

private enum ConvolutionKernel {
  case convolution, transposedConvolution, filterGradient
}

/// Runs `kernel` with the algorithm `ConvolutionAlgorithm` picks for the result's element type; a result whose
/// sums have no `terms` is zeros.
private func run(
  _ kernel: ConvolutionKernel, _ a: Tensor, _ b: Tensor, into result: Tensor, _ g: ConvolutionGeometry, terms: Int
) {
  guard result.scalarCount > 0 else { return }
  guard terms > 0 else {
    result.storage.zero()
    return
  }
  let algorithm = ConvolutionAlgorithm.resolved(for: result.dtype, g, transposed: kernel == .transposedConvolution)
  func run<T: KernelScalar>(_: T.Type) {
    let a = a.storage.typed(T.self), b = b.storage.typed(T.self), r = result.storage.typed(T.self)
    switch (kernel, algorithm) {
    case (.convolution, .reference): ReferenceConvolution.conv2d(a, b, r, g)
    case (.convolution, _): GemmConvolution.conv2d(a, b, r, g)
    case (.transposedConvolution, .reference): ReferenceConvolution.transposedConv2d(a, b, r, g)
    case (.transposedConvolution, _): GemmConvolution.transposedConv2d(a, b, r, g)
    case (.filterGradient, .reference): ReferenceConvolution.filterGradient(a, b, r, g)
    case (.filterGradient, _): GemmConvolution.filterGradient(a, b, r, g)
    }
  }
  if algorithm == .oneDNN {
    let a = a.storage.typed(Float.self), r = result.storage.typed(Float.self)
    switch kernel {
    case .convolution: OneDNNConvolution.conv2d(a, b.storage, r, g)
    case .transposedConvolution: OneDNNConvolution.transposedConv2d(a, b.storage, r, g)
    case .filterGradient: OneDNNConvolution.filterGradient(a, b.storage.typed(Float.self), r, g)
    }
    return
  }
  switch result.dtype {
  case .float32: run(Float.self)
  case .float64: run(Double.self)
  }
}

/// Both operands are 4-D and of one element type.
private func checkOperands(_ op: String, _ a: Tensor, _ aName: String, _ b: Tensor, _ bName: String = "filter") {
  precondition(
    a.rank == 4 && b.rank == 4,
    "\(op): \(aName) \(shapeText(a.shape)) and \(bName) \(shapeText(b.shape)) must both have 4 dimensions")
  precondition(
    a.dtype == b.dtype,
    "\(op): \(aName) \(shapeText(a.shape)) is \(a.dtype), \(bName) \(shapeText(b.shape)) is \(b.dtype)")
}

private func checkStrideAndPadding(_ op: String, stride: Int, padding: Int) {
  precondition(stride >= 1, "\(op): stride \(stride) must be at least 1")
  precondition(padding >= 0, "\(op): padding \(padding) must not be negative")
}

/// "(2, 3, 8, 8)".
func shapeText(_ shape: [Int]) -> String {
  "(" + shape.map(String.init).joined(separator: ", ") + ")"
}
