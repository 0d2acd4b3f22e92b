import _CKernels

/// The optimizers' update loops, compiled for the CPU's instruction set (`_CKernels`).
public enum OptimizerKernels {
  /// One Adam update (PyTorch's `torch.optim.Adam`, L2 weight decay λ) of `count` float32
  /// parameters: g += λp; m = β₁m + (1 − β₁)g; v = β₂v + (1 − β₂)g²;
  /// p −= stepSize·m / (√v·inverseCorrection2Root + ε), with stepSize = η / (1 − β₁ᵗ) and
  /// inverseCorrection2Root = 1 / √(1 − β₂ᵗ).
  public static func adam(
    parameters p: UnsafeMutablePointer<Float>, gradients g: UnsafePointer<Float>,
    firstMoments m: UnsafeMutablePointer<Float>, secondMoments v: UnsafeMutablePointer<Float>, count: Int,
    stepSize: Float, beta1: Double, beta2: Double, inverseCorrection2Root: Float, epsilon: Float, weightDecay: Float
  ) {
    // 1 − β rounded once from double precision (1 − 0.999f in float is off by 1.3e-5).
    ck_adam(p, g, m, v, count, stepSize, Float(beta1), Float(1 - beta1), Float(beta2), Float(1 - beta2),
            inverseCorrection2Root, epsilon, weightDecay)
  }
}
