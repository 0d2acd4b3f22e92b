import TensorBackend

/// Spectral normalization (Miyato, Kataoka, Koyama, Yoshida 2018, "Spectral Normalization for
/// Generative Adversarial Networks", ICLR): a weighted layer run on W/σ(W), where σ(W) is the
/// largest singular value of its weight, so the layer is at most 1-Lipschitz (PyTorch's
/// `torch.nn.utils.spectral_norm`).
///
/// The weight, laid out as the wrapped layer lays it out, is read as a matrix W (O, R): its
/// output axis first (`WeightedLayer.outputAxis`), every other axis flattened into R (R = I for a
/// dense layer, C·K² for a convolution). σ(W) is estimated by power iteration on two unit vectors
/// u (O) and v (R), the layer's non-trainable state (paper, Algorithm 1):
///
///     v ← Wᵀu / ‖Wᵀu‖,   u ← Wv / ‖Wv‖,   σ(W) ≈ uᵀWv
///
/// - Training: each forward pass first takes `powerIterations` steps (1, the paper's choice: W
///   changes little between steps, so u carries over and converges along with training), then
///   divides by σ = uᵀWv. u and v are constants of the step: the gradient reaches W through
///   both the numerator and σ, ∂σ/∂W = uvᵀ (paper, eq. 12; PyTorch's `spectral_norm`).
/// - Inference: the stored u and v give σ, and are not updated.
///
/// The wrapped layer's tensors keep their place under PyTorch's names: parameter "weight_orig"
/// (the unnormalized W) and "bias", buffers "weight_u" (O) and "weight_v" (R), so a checkpoint
/// carries the power iteration's state and a resumed run continues it bit for bit.
///
/// Numerical trap: a zero row or column space (W = 0) leaves Wᵀu = 0; as in PyTorch's
/// `F.normalize`, norms are floored at `epsilon` before dividing.
public final class SpectralNormalization<Wrapped: WeightedLayer>: ActivationFusing {
  /// The layer whose weight is normalized.
  public let layer: Wrapped
  /// Power-iteration steps per training forward pass.
  public let powerIterations: Int
  /// The floor of ‖Wᵀu‖ and ‖Wv‖ (PyTorch's 1e-12).
  public let epsilon: Double
  /// u (O), the estimate of W's top left singular vector.
  public let leftVector: Buffer
  /// v (R), the estimate of W's top right singular vector.
  public let rightVector: Buffer

  /// Draws u and v from N(0, 1), normalizes them, and runs 15 power-iteration steps, as PyTorch's
  /// `parametrizations.spectral_norm` does, so σ is close from the first step on.
  /// - Parameters:
  ///   - layer: the layer to normalize; its weight becomes the unnormalized W.
  ///   - powerIterations: steps per training forward pass (the paper's 1).
  public init(_ layer: Wrapped, powerIterations: Int = 1, epsilon: Double = 1e-12, using generator: inout some RandomNumberGenerator) {
    precondition(powerIterations >= 1, "SpectralNormalization: powerIterations must be at least 1, got \(powerIterations)")
    self.layer = layer
    self.powerIterations = powerIterations
    self.epsilon = epsilon
    let weight = layer.weight.value
    let rows = weight.shape[Wrapped.outputAxis]
    let columns = weight.scalarCount / rows
    leftVector = Buffer(Tensor.randomNormal([rows], dtype: weight.dtype, using: &generator))
    rightVector = Buffer(Tensor.randomNormal([columns], dtype: weight.dtype, using: &generator))
    withoutGradient {
      leftVector.value = normalized(leftVector.value)
      rightVector.value = normalized(rightVector.value)
    }
    iterate(steps: 15)
  }

  public var ownParameters: [(name: String, parameter: Parameter)] {
    [("weight_orig", layer.weight)] + (layer.bias.map { [("bias", $0)] } ?? [])
  }

  public var ownBuffers: [(name: String, buffer: Buffer)] {
    [("weight_u", leftVector), ("weight_v", rightVector)]
  }

  /// σ(W) as the stored u and v estimate it, uᵀWv.
  public var largestSingularValue: Double {
    withoutGradient { singularValue(of: layer.weight.value.detached).scalar }
  }

  /// W/σ(W) from the stored u and v, differentiable in W.
  public var normalizedWeight: Tensor {
    let weight = layer.weight.value
    return weight / singularValue(of: weight).reshaped(to: [Int](repeating: 1, count: weight.rank))
  }

  public func callAsFunction(_ input: Tensor, context: inout ForwardContext) -> Tensor {
    self(input, activation: .none, context: &context)
  }

  /// act(layer(x) with W/σ(W)), after the power iteration's steps in training.
  public func callAsFunction(_ input: Tensor, activation: FusedActivation, context: inout ForwardContext) -> Tensor {
    if context.training { iterate(steps: powerIterations) }
    return layer(input, weight: normalizedWeight, activation: activation, context: &context)
  }

  /// `steps` power-iteration steps on the current W, updating u and v.
  public func iterate(steps: Int) {
    withoutGradient {
      let matrix = self.matrix(layer.weight.value.detached)
      var u = leftVector.value.reshaped(to: [matrix.shape[0], 1])
      var v = rightVector.value.reshaped(to: [matrix.shape[1], 1])
      for _ in 0..<steps {
        v = normalized(matmul(matrix, u, transposeA: true))
        u = normalized(matmul(matrix, v))
      }
      leftVector.value = u.reshaped(to: [matrix.shape[0]])
      rightVector.value = v.reshaped(to: [matrix.shape[1]])
    }
  }

  /// uᵀWv (1, 1), differentiable in `weight`.
  private func singularValue(of weight: Tensor) -> Tensor {
    let matrix = self.matrix(weight)
    let u = leftVector.value.reshaped(to: [1, matrix.shape[0]])
    let v = rightVector.value.reshaped(to: [matrix.shape[1], 1])
    return matmul(matmul(u, matrix), v)
  }

  /// The weight as W (O, R), its output axis first.
  private func matrix(_ weight: Tensor) -> Tensor {
    let axis = Wrapped.outputAxis
    let rows = weight.shape[axis]
    guard axis != 0 else { return weight.reshaped(to: [rows, -1]) }
    let order = [axis] + (0..<weight.rank).filter { $0 != axis }
    return weight.permuted(order).reshaped(to: [rows, -1])
  }

  /// x/max(‖x‖, ε) (PyTorch's `F.normalize`).
  private func normalized(_ x: Tensor) -> Tensor {
    x * (1 / Swift.max(sqrt(x.squared().sum()).scalar, epsilon))
  }
}
