import Foundation
import NeuralNetworks
import TensorBackend
import Testing
import ZooCore

/// A generator with one parameter, enough to stand behind a scripted trainer.
final class ConstantGenerator: Generator {
  let value = Parameter(Tensor(shape: [1], scalars: [0.5] as [Double]))
  var latentDimension: Int { 1 }
  var sampleShape: [Int] { [1] }
  var ownParameters: [(name: String, parameter: Parameter)] { [("value", value)] }
  func callAsFunction(noise: Tensor, condition: Tensor?, context: inout ForwardContext) -> Tensor {
    noise * 0 + value.value
  }
}

/// A trainer whose losses follow a script (NaN where the script says so), and whose state is a
/// step counter, so checkpoints show which step they were written at.
final class ScriptedTrainer: Trainer {
  let generator = ConstantGenerator()
  let losses: [Double]
  var steps = 0

  init(losses: [Double]) { self.losses = losses }

  var sampler: any Generator { generator }

  func step(data: inout any BatchSource, using generator: inout SplitMix64) throws -> StepRecord {
    _ = generator.next()
    steps += 1
    return StepRecord(samplesConsumed: 4, losses: [.init("discriminator", 1), .init("generator", losses[steps - 1])])
  }

  func exportState() -> [String: Tensor] { ["steps": Tensor(Double(steps))] }

  func importState(_ state: [String: Tensor]) throws {
    guard let steps = state["steps"] else { throw StateImportError("missing tensor \"steps\"") }
    self.steps = Int(steps.scalar)
  }
}

struct NoData: BatchSource {
  var description: DataDescription { DataDescription(kind: .points, sampleShape: [1]) }
  mutating func nextBatch(size: Int, using generator: inout SplitMix64) throws -> Batch { Batch(samples: Tensor.zeros([size, 1])) }
}

@Suite struct TrainingLoopTests {
  func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("zoo-loop-\(UInt64.random(in: 0...UInt64.max))")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  @Test func nonFiniteLossStopsNamingStepAndTermAndKeepsTheLastGoodCheckpoint() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let checkpoint = folder.appendingPathComponent("checkpoint.safetensors")
    let trainer = ScriptedTrainer(losses: [0.5, 0.4, 0.3, .nan, 0.2])
    let loop = TrainingLoop(observers: [CheckpointWriter(url: checkpoint, interval: 1)])
    var data: any BatchSource = NoData()
    var state = TrainingState(seed: 1)
    #expect {
      try loop.run(trainer: trainer, data: &data, state: &state, totalSteps: 5)
    } throws: { error in
      guard case TrainingError.nonFiniteLoss(let step, let term, let value) = error else { return false }
      return step == 4 && term == "generator" && value.isNaN
    }
    let restored = ScriptedTrainer(losses: [])
    let saved = try Checkpoint.read(from: checkpoint, into: restored)
    #expect(saved.step == 3 && restored.steps == 3)
    #expect("\(TrainingError.nonFiniteLoss(step: 4, term: "generator", value: .nan))".contains("step 4: the generator loss is nan"))
  }

  @Test func missingAndForeignCheckpointsAreClearErrors() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let missing = folder.appendingPathComponent("none.safetensors")
    #expect(throws: CheckpointError.missing(file: missing.path)) { _ = try Checkpoint.read(from: missing, into: ScriptedTrainer(losses: [])) }
    let foreign = folder.appendingPathComponent("foreign.safetensors")
    try SafeTensors.encode([("w", Tensor.ones([2]))]).write(to: foreign)
    #expect { _ = try Checkpoint.read(from: foreign, into: ScriptedTrainer(losses: [])) } throws: {
      "\($0)".contains("foreign.safetensors") && "\($0)".contains("no training state")
    }
  }

  @Test func lossLogDropsRowsPastTheCheckpointOnResume() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("losses.csv")
    let trainer = ScriptedTrainer(losses: Array(repeating: 0.5, count: 10))
    var data: any BatchSource = NoData()
    var state = TrainingState(seed: 1)
    try TrainingLoop(observers: [LossLog(url: url, flushInterval: 1)]).run(trainer: trainer, data: &data, state: &state, totalSteps: 6)
    // Resume from a checkpoint at step 4: rows 5 and 6 go, and training writes them again.
    state.step = 4
    try TrainingLoop(observers: [LossLog(url: url, flushInterval: 1)]).run(trainer: trainer, data: &data, state: &state, totalSteps: 6)
    let log = try LossLog.read(from: url)
    #expect(log.columns == ["step", "images_seen", "seconds", "loss_discriminator", "loss_generator", "mean_d_real", "mean_d_fake"])
    #expect(log.rows.map { Int($0[0]) } == [1, 2, 3, 4, 5, 6])
  }
}
