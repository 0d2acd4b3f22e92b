import Foundation
import NeuralNetworks
import TensorBackend
import Testing
import ZooCore
import _TestSupport
import _ZooTestSupport

/// Records the steps it is shown.
final class StepRecorder: TrainingObserver {
  var steps: [Int] = []
  func stepDidFinish(_ record: StepRecord, trainer: any Trainer, state: TrainingState, totalSteps: Int) throws {
    steps.append(state.step)
  }
}

@Suite struct TrainingLoopTests {
  @Test func nonFiniteLossStopsNamingStepAndTermBeforeAnyObserverSeesIt() throws {
    let trainer = ScriptedTrainer(losses: [0.5, 0.4, 0.3, .nan, 0.2])
    let recorder = StepRecorder()
    var data: any BatchSource = NoData()
    var state = TrainingState(seed: 1)
    #expect {
      try TrainingLoop(observers: [recorder]).run(trainer: trainer, data: &data, state: &state, totalSteps: 5)
    } throws: { error in
      guard case TrainingError.nonFiniteLoss(let step, let term, let value) = error else { return false }
      return step == 4 && term == "generator" && value.isNaN
    }
    #expect(recorder.steps == [1, 2, 3])
    #expect("\(TrainingError.nonFiniteLoss(step: 4, term: "generator", value: .nan))".contains("step 4: the generator loss is nan"))
  }

  @Test func checkpointsRoundTripAndTheirHeaderAloneGivesTheState() throws {
    let folder = TemporaryFolder()
    let url = folder.url.appendingPathComponent("checkpoint.safetensors")
    let trainer = ScriptedTrainer(losses: [0.5, 0.4])
    var data: any BatchSource = NoData()
    var state = TrainingState(seed: 1)
    try TrainingLoop().run(trainer: trainer, data: &data, state: &state, totalSteps: 2)
    try Checkpoint.write(trainer: trainer, state: state, to: url)
    let restored = ScriptedTrainer(losses: [])
    #expect(try Checkpoint.read(from: url, into: restored) == state && restored.steps == 2)
    #expect(try Checkpoint.readState(from: url) == state)
  }

  @Test func missingAndForeignCheckpointsAreClearErrors() throws {
    let folder = TemporaryFolder()
    let missing = folder.url.appendingPathComponent("none.safetensors")
    #expect(throws: CheckpointError.missing(file: missing.path)) { _ = try Checkpoint.read(from: missing, into: ScriptedTrainer(losses: [])) }
    #expect(throws: CheckpointError.missing(file: missing.path)) { _ = try Checkpoint.readState(from: missing) }
    let foreign = folder.url.appendingPathComponent("foreign.safetensors")
    try SafeTensors.encode([("w", Tensor.ones([2]))]).write(to: foreign)
    #expect { _ = try Checkpoint.read(from: foreign, into: ScriptedTrainer(losses: [])) } throws: {
      "\($0)".contains("foreign.safetensors") && "\($0)".contains("no training state")
    }
  }
}
