import NeuralNetworks
import TensorBackend

/// A generator that draws each sample as a sequence of images, coarse to fine, and can show
/// them: the pyramid levels of LAPGAN (Denton et al. 2015), x₀ = G₀(z), xₖ = up(xₖ₋₁) +
/// Gₖ(up(xₖ₋₁), nₖ). `zoo sample --levels` draws one row per sample from `levels`, so a model
/// that adopts this shows its intermediate images without the command knowing the model.
public protocol MultiscaleGenerator: Generator {
  /// Each level's images for the same noise and condition that `callAsFunction` takes, coarse to
  /// fine: [(N, C, H₀, W₀), …, (N, C, H_L, W_L)], each side a whole multiple of the one before.
  /// The last is the finest level as drawn, before any crop to the data's size (28×28 digits
  /// drawn on a 32×32 canvas), so `callAsFunction` returns it or its centre.
  func levels(noise: Tensor, condition: Tensor?, context: inout ForwardContext) -> [Tensor]
}
