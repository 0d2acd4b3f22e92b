import TensorBackend

/// Layer normalization (Ba, Kiros & Hinton 2016) with PyTorch's `nn.LayerNorm` semantics:
/// each sample is normalized over its trailing dimensions, y = γ ⊙ (x − μ)/√(σ² + ε) + β, with
/// μ and biased σ² per sample and an elementwise affine γ, β of the normalized shape.
///
/// For x (N, C, H, W) and `normalizedShape` (C, H, W) it normalizes over everything but the batch;
/// it uses no batch statistics, which is why WGAN-GP critics take it in place of batch norm
/// (Gulrajani et al. 2017, section 4: the penalty is per sample). Training and inference agree.
///
/// Parameters "weight" (γ, starts at 1) and "bias" (β, starts at 0), both of `normalizedShape`.
public final class LayerNorm: Layer {
  public let normalizedShape: [Int]
  public let epsilon: Double
  public let scale: Parameter?
  public let offset: Parameter?

  /// - Parameter normalizedShape: the trailing dimensions to normalize over, e.g. (C, H, W) or (D).
  public init(normalizedShape: [Int], epsilon: Double = 1e-5, affine: Bool = true, dtype: DType = .float32) {
    precondition(!normalizedShape.isEmpty && normalizedShape.allSatisfy { $0 > 0 }, "LayerNorm: invalid normalized shape \(normalizedShape)")
    self.normalizedShape = normalizedShape
    self.epsilon = epsilon
    scale = affine ? Parameter(.ones(normalizedShape, dtype: dtype)) : nil
    offset = affine ? Parameter(.zeros(normalizedShape, dtype: dtype)) : nil
  }

  public var ownParameters: [(name: String, parameter: Parameter)] {
    guard let scale, let offset else { return [] }
    return [("weight", scale), ("bias", offset)]
  }

  public func callAsFunction(_ input: Tensor, context: inout ForwardContext) -> Tensor {
    let k = normalizedShape.count
    precondition(input.rank > k && Array(input.shape.suffix(k)) == normalizedShape, "LayerNorm: expects (…, \(normalizedShape.map(String.init).joined(separator: ", "))), got shape \(input.shape)")
    let axes = Array((input.rank - k)..<input.rank)
    let output = batchNormalized(input, alongAxes: axes, epsilon: epsilon).output
    guard let scale, let offset else { return output }
    return output * scale.value + offset.value
  }
}
