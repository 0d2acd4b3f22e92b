import NeuralNetworks
import TensorBackend
import ZooCore

/// A trainer whose losses follow a script (NaN where the script says so) and whose state is a
/// step counter, so checkpoints show which step they were written at: a stand-in for tests of
/// the loop and its observers.
public final class ScriptedTrainer: Trainer {
  public let generator = ConstantGenerator()
  public let losses: [Double]
  public private(set) var steps = 0

  public init(losses: [Double]) { self.losses = losses }

  public var sampler: any Generator { generator }
  public var batchSize: Int { 4 }
  public var batchesPerStep: Int { 1 }
  public var networks: [(name: String, layer: any Layer)] { [("generator", generator)] }

  public func step(nextBatch: (inout SplitMix64) throws -> Batch, using generator: inout SplitMix64) throws -> StepRecord {
    _ = try nextBatch(&generator)
    _ = generator.next()
    steps += 1
    return StepRecord(samplesConsumed: 4, losses: [.init("discriminator", 1), .init("generator", losses[steps - 1])])
  }

  public func exportState() -> [String: Tensor] { ["steps": Tensor(Double(steps))] }

  public func importState(_ state: [String: Tensor]) throws {
    guard let steps = state["steps"] else { throw StateImportError("missing tensor \"steps\"") }
    self.steps = Int(steps.scalar)
  }
}
