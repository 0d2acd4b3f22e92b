import TensorBackend

/// What a forward pass needs besides its input: whether it is training, and the random generator
/// that stochastic layers (dropout) draw from.
///
/// Passed `inout` through every layer, so a network's random draws happen in a fixed order and a
/// seeded run repeats bit for bit. There is no global training switch: `training` here decides
/// batch norm's statistics and dropout's masks; gradient recording is a separate matter
/// (`withoutGradient`).
public struct ForwardContext: Sendable {
  /// Training (batch statistics, dropout on) or inference (running statistics, dropout off).
  public var training: Bool
  /// The generator dropout masks are drawn from.
  public var generator: SplitMix64

  public init(training: Bool, generator: SplitMix64) {
    self.training = training
    self.generator = generator
  }

  /// Inference mode. Its generator is never drawn from by the layers in this module.
  public static let inference = ForwardContext(training: false, generator: SplitMix64(seed: 0))
}
