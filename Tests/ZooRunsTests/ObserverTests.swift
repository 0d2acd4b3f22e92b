import Foundation
import TensorBackend
import Testing
import ZooCore
import ZooRuns
import _TestSupport
import _ZooTestSupport

@Suite struct ObserverTests {
  @Test func nonFiniteLossKeepsTheLastGoodCheckpoint() throws {
    let folder = TemporaryFolder()
    let checkpoint = folder.url.appendingPathComponent("checkpoint.safetensors")
    let trainer = ScriptedTrainer(losses: [0.5, 0.4, 0.3, .nan, 0.2])
    var data: any BatchSource = NoData()
    var state = TrainingState(seed: 1)
    #expect(throws: TrainingError.self) {
      try TrainingLoop(observers: [CheckpointWriter(url: checkpoint, interval: 1)]).run(trainer: trainer, data: &data, state: &state, totalSteps: 5)
    }
    let restored = ScriptedTrainer(losses: [])
    let saved = try Checkpoint.read(from: checkpoint, into: restored)
    #expect(saved.step == 3 && restored.steps == 3)
  }

  /// The log's columns are the trainer's terms; a resumed run drops the rows past its checkpoint.
  @Test func lossLogDropsRowsPastTheCheckpointOnResume() throws {
    let folder = TemporaryFolder()
    let url = folder.url.appendingPathComponent("losses.csv")
    let trainer = ScriptedTrainer(losses: Array(repeating: 0.5, count: 10))
    var data: any BatchSource = NoData()
    var state = TrainingState(seed: 1)
    try TrainingLoop(observers: [LossLog(url: url, flushInterval: 1)]).run(trainer: trainer, data: &data, state: &state, totalSteps: 6)
    // Resume from a checkpoint at step 4: rows 5 and 6 go, and training writes them again.
    state.step = 4
    try TrainingLoop(observers: [LossLog(url: url, flushInterval: 1)]).run(trainer: trainer, data: &data, state: &state, totalSteps: 6)
    let log = try LossLog.read(from: url)
    #expect(log.columns == ["step", "images_seen", "seconds", "loss_discriminator", "loss_generator"])
    #expect(log.rows.map { Int($0[0]) } == [1, 2, 3, 4, 5, 6])
    #expect(log.values(of: "loss_generator") == Array(repeating: 0.5, count: 6))
  }

  /// An observer's own columns follow the trainer's terms, filled on the steps it measured and
  /// empty (read back as NaN) on the others.
  @Test func lossLogWritesAnObserversColumnsWhereItMeasured() throws {
    final class EveryThirdStep: TrainingObserver, LossLogColumns {
      var last = 0
      var columns: [String] { ["test_a", "test_b"] }
      func values(atStep step: Int) -> [Double]? { step == last ? [Double(step), -1] : nil }
      func stepDidFinish(_ record: StepRecord, trainer: any Trainer, state: TrainingState, totalSteps: Int) throws {
        if state.step % 3 == 0 { last = state.step }
      }
    }
    let folder = TemporaryFolder()
    let url = folder.url.appendingPathComponent("losses.csv")
    let measurement = EveryThirdStep()
    var data: any BatchSource = NoData()
    var state = TrainingState(seed: 1)
    let loop = TrainingLoop(observers: [measurement, LossLog(url: url, flushInterval: 2, extraColumns: [measurement])])
    try loop.run(trainer: ScriptedTrainer(losses: Array(repeating: 0.5, count: 7)), data: &data, state: &state, totalSteps: 7)
    let log = try LossLog.read(from: url)
    #expect(log.columns == ["step", "images_seen", "seconds", "loss_discriminator", "loss_generator", "test_a", "test_b"])
    let a = try #require(log.values(of: "test_a"))
    #expect(a.enumerated().allSatisfy { ($0.offset + 1) % 3 == 0 ? $0.element == Double($0.offset + 1) : $0.element.isNaN }, "\(a)")
    #expect(log.values(of: "test_b")?.filter { !$0.isNaN } == [-1, -1])
  }

  /// The held-out bound is measured after every epoch, but at most 50 times a run (plus the last
  /// step): 200 one-step epochs are measured every fourth.
  @Test func heldOutBoundIsMeasuredEveryEpochAtMostFiftyTimes() throws {
    final class CountingModel: LikelihoodModel {
      var measurements = 0
      var likelihoodSummary: String { "constant" }
      var likelihoodEvaluation: LikelihoodEvaluation { LikelihoodEvaluation(importanceSamples: 1, sampleCount: 1) }
      var boundTermNames: [String] { ["bound"] }
      func negativeBound(of samples: Tensor, using generator: inout SplitMix64) -> [[Double]] {
        measurements += 1
        return [Array(repeating: 1, count: samples.shape[0])]
      }
      func importanceWeightedLogLikelihood(of samples: Tensor, importanceSamples k: Int, using generator: inout SplitMix64) -> [Double] { [] }
    }
    func measuredSteps(epochs: Int) throws -> [Int] {
      let model = CountingModel()
      let log = HeldOutBoundLog(model: model, samples: .zeros([2, 1]), seed: 1, epochSize: 4, interval: 1)
      var measured: [Int] = []
      final class Recorder: TrainingObserver {
        let log: HeldOutBoundLog
        var steps: [Int] = []
        init(_ log: HeldOutBoundLog) { self.log = log }
        func stepDidFinish(_ record: StepRecord, trainer: any Trainer, state: TrainingState, totalSteps: Int) throws {
          if log.values(atStep: state.step) != nil { steps.append(state.step) }
        }
      }
      let recorder = Recorder(log)
      var data: any BatchSource = NoData()
      var state = TrainingState(seed: 1)
      try TrainingLoop(observers: [log, recorder]).run(
        trainer: ScriptedTrainer(losses: Array(repeating: 0.5, count: epochs)), data: &data, state: &state, totalSteps: epochs)
      measured = recorder.steps
      #expect(model.measurements == measured.count)
      return measured
    }
    #expect(try measuredSteps(epochs: 10) == Array(1...10))
    #expect(try measuredSteps(epochs: 200) == Array(stride(from: 4, through: 200, by: 4)))
  }
}
