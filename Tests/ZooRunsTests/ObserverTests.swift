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
}
