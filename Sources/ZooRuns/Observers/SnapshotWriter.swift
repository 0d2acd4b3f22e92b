import Foundation
import ImageFiles
import NeuralNetworks
import TensorBackend
import ZooCore
import ZooEvaluation

/// Draws samples from the same fixed noise every `interval` steps and saves them as a picture
/// (`samples/step-000500.png`), so successive pictures show how one set of latent points moves
/// during training.
public final class SnapshotWriter: TrainingObserver {
  public let folder: URL
  public let interval: Int
  let noise: Tensor
  let condition: Tensor?
  /// The forward context of every snapshot: the same each time, like the noise.
  let context: ForwardContext
  let rendering: SampleRendering
  /// Called with each snapshot's picture and step after it is saved (the TensorBoard log takes
  /// it from here, so the samples are drawn once).
  public var onSnapshot: ((_ picture: Image, _ step: Int) throws -> Void)?

  /// - Parameters:
  ///   - noise: the generator's noise for every snapshot (`Generator.makeNoise`).
  ///   - context: an inference-mode context, the same for every snapshot.
  public init(folder: URL, interval: Int, noise: Tensor, condition: Tensor? = nil, context: ForwardContext, rendering: SampleRendering) {
    self.folder = folder
    self.interval = max(1, interval)
    self.noise = noise
    self.condition = condition
    self.context = context
    self.rendering = rendering
  }

  public func stepDidFinish(_ record: StepRecord, trainer: any Trainer, state: TrainingState, totalSteps: Int) throws {
    guard state.step % interval == 0 || state.step == totalSteps else { return }
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    var context = self.context
    let samples = Sampling.generate(trainer.sampler, noise: noise, condition: condition, context: &context)
    let url = folder.appendingPathComponent(String(format: "step-%06d.png", state.step))
    let picture = rendering.image(of: samples, step: state.step)
    try picture.writePNG(toFile: url.path)
    try onSnapshot?(picture, state.step)
  }
}
