import TensorBackend

/// What a forward pass needs besides its input: whether it is training, the random generator
/// that stochastic layers (dropout) draw from, and, in a data-parallel run, which rows of the
/// batch this process holds and the processes that hold the rest.
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

  /// This process's rows of the batch when several processes share it: stochastic layers draw
  /// for the whole batch and keep these rows, so the result does not depend on the split. nil
  /// for a process alone.
  public var shard: BatchShard?
  /// The processes sharing the batch: batch normalization takes its statistics over all of them
  /// (synchronized batch norm). nil for a process alone.
  public var processGroup: (any ProcessGroup)?

  public init(training: Bool, generator: SplitMix64, shard: BatchShard? = nil, processGroup: (any ProcessGroup)? = nil) {
    self.training = training
    self.generator = generator
    self.shard = shard
    self.processGroup = processGroup
  }

  /// Inference mode. Its generator is never drawn from by the layers in this module.
  public static let inference = ForwardContext(training: false, generator: SplitMix64(seed: 0))
}
