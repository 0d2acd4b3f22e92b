import NeuralNetworks
import TensorBackend

/// What a trainer is built with besides its configuration: the batch size, where the process
/// stands among those training together, and where its optimizers come from.
///
/// A trainer takes every optimizer from `makeOptimizer` (or passes one it built itself through
/// `wrapOptimizer`), so a data-parallel run can wrap them, say with a gradient all-reduce before
/// each step, without the trainer knowing.
public struct TrainingEnvironment {
  /// N, samples per minibatch of the run.
  public var batchSize: Int
  /// This process's index among `worldSize` training together (0 alone).
  public var rank: Int
  /// The number of processes training together (1 alone).
  public var worldSize: Int
  /// Applied to every optimizer a trainer makes; the identity by default.
  public var wrapOptimizer: (any Optimizer) -> any Optimizer

  public init(batchSize: Int, rank: Int = 0, worldSize: Int = 1, wrapOptimizer: @escaping (any Optimizer) -> any Optimizer = { $0 }) {
    precondition(batchSize >= 1, "TrainingEnvironment: batch size must be at least 1, got \(batchSize)")
    precondition(worldSize >= 1 && (0..<worldSize).contains(rank), "TrainingEnvironment: rank \(rank) outside 0..<\(worldSize)")
    self.batchSize = batchSize
    self.rank = rank
    self.worldSize = worldSize
    self.wrapOptimizer = wrapOptimizer
  }

  /// The optimizer `settings` describe over `parameters`, wrapped.
  public func makeOptimizer(_ settings: OptimizerSettings, for parameters: [Parameter]) -> any Optimizer {
    wrapOptimizer(settings.make(for: parameters))
  }
}
