import NeuralNetworks
import TensorBackend

/// What a trainer is built with besides its configuration: the batch size, where the process
/// stands among those training together, and where its optimizers come from.
///
/// A trainer takes every optimizer from `makeOptimizer` (or passes one it built itself through
/// `wrapOptimizer`), so a data-parallel run can wrap them, say with a gradient all-reduce before
/// each step, without the trainer knowing. In a data-parallel run (`processGroup` set) each
/// process is handed its `shard` of every real batch; a trainer draws every per-sample random
/// number for the whole batch and keeps its shard's rows (`BatchShard.draw`), and passes the
/// shard and the group into its forward contexts (for dropout masks and synchronized batch
/// norm), so the run computes what one process would on the whole batch.
public struct TrainingEnvironment {
  /// N, samples per minibatch of the run.
  public var batchSize: Int
  /// This process's index among `worldSize` training together (0 alone).
  public var rank: Int
  /// The number of processes training together (1 alone).
  public var worldSize: Int
  /// Applied to every optimizer a trainer makes; the identity by default.
  public var wrapOptimizer: (any Optimizer) -> any Optimizer
  /// The processes training together, when more than one does.
  public var processGroup: (any ProcessGroup)?

  public init(batchSize: Int, rank: Int = 0, worldSize: Int = 1, wrapOptimizer: @escaping (any Optimizer) -> any Optimizer = { $0 }) {
    precondition(batchSize >= 1, "TrainingEnvironment: batch size must be at least 1, got \(batchSize)")
    precondition(worldSize >= 1 && (0..<worldSize).contains(rank), "TrainingEnvironment: rank \(rank) outside 0..<\(worldSize)")
    self.batchSize = batchSize
    self.rank = rank
    self.worldSize = worldSize
    self.wrapOptimizer = wrapOptimizer
  }

  /// The environment of one process of `group` training on batches of `batchSize` (the whole
  /// batch, all processes together): every optimizer averages its gradients over the group
  /// before its step.
  public init(batchSize: Int, processGroup group: any ProcessGroup) {
    self.init(batchSize: batchSize, rank: group.rank, worldSize: group.size) { GradientAveraging($0, group: group) }
    processGroup = group.size > 1 ? group : nil
  }

  /// This process's rows of every real batch of `batchSize`.
  public var shard: BatchShard { BatchShard(rank: rank, of: worldSize, globalCount: batchSize) }

  /// A forward context for training with `generator`, carrying the shard and the group when
  /// processes share the batch.
  public func trainingContext(generator: SplitMix64) -> ForwardContext {
    processGroup == nil ? ForwardContext(training: true, generator: generator)
      : ForwardContext(training: true, generator: generator, shard: shard, processGroup: processGroup)
  }

  /// Per-sample random rows for a real batch of `count` rows: drawn for the whole batch and cut
  /// to this process's shard in a data-parallel run, drawn for `count` alone otherwise.
  public func drawRows(count: Int, _ draw: (Int) -> Tensor) -> Tensor {
    guard processGroup != nil else { return draw(count) }
    precondition(count == shard.count, "TrainingEnvironment: a real batch of \(count) rows for \(shard)")
    return shard.draw(draw)
  }

  /// The optimizer `settings` describe over `parameters`, wrapped.
  public func makeOptimizer(_ settings: OptimizerSettings, for parameters: [Parameter]) -> any Optimizer {
    wrapOptimizer(settings.make(for: parameters))
  }
}
