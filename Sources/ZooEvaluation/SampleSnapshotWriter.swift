import Foundation
import ImageFiles
import NeuralNetworks
import TensorBackend
import ZooCore

/// Draws samples from the same fixed noise every `interval` steps and saves them as a picture
/// (`samples/step-000500.png`), so successive pictures show how one set of latent points moves
/// during training.
public final class SampleSnapshotWriter: TrainingObserver {
  /// How a batch of samples becomes a picture.
  public enum Rendering {
    /// A grid of images (N, C, H, W) in [−1, 1].
    case grid(columns: Int)
    /// A scatter plot of points (N, 2) over real points from the data.
    case scatter(real: Tensor, title: String)
  }

  public let folder: URL
  public let interval: Int
  let noise: Tensor
  let condition: Tensor?
  let rendering: Rendering

  public init(folder: URL, interval: Int, noise: Tensor, condition: Tensor? = nil, rendering: Rendering) {
    self.folder = folder
    self.interval = max(1, interval)
    self.noise = noise
    self.condition = condition
    self.rendering = rendering
  }

  public func stepDidFinish(_ record: StepRecord, trainer: any Trainer, state: TrainingState, totalSteps: Int) throws {
    guard state.step % interval == 0 || state.step == totalSteps else { return }
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let samples = Self.generate(trainer.sampler, noise: noise, condition: condition)
    let url = folder.appendingPathComponent(String(format: "step-%06d.png", state.step))
    try Self.render(samples, as: rendering, step: state.step).writePNG(toFile: url.path)
  }

  /// Samples per forward pass in `generate`: 10,000 DCGAN images at once would hold gigabytes of
  /// activations.
  public static let generationChunkSize = 500

  /// G(z) in inference mode (batch norm on running statistics), recording nothing; in chunks of
  /// `generationChunkSize` samples, each with its rows of the condition.
  public static func generate(_ generator: any Generator, noise: Tensor, condition: Tensor? = nil) -> Tensor {
    withoutGradient {
      concatenatingChunks(of: noise.shape[0], size: generationChunkSize) { range in
        let whole = range.count == noise.shape[0]
        var context = ForwardContext.inference
        return generator(
          noise: whole ? noise : noise.sliced(alongAxis: 0, range),
          condition: whole ? condition : condition?.sliced(alongAxis: 0, range), context: &context)
      }
    }
  }

  /// The picture of `samples`.
  public static func render(_ samples: Tensor, as rendering: Rendering, step: Int? = nil) -> Image {
    switch rendering {
    case .grid(let columns):
      return SampleGrid(samples, columns: columns).image
    case .scatter(let real, let title):
      var plot = ScatterPlot(title: step.map { "\(title), step \($0)" } ?? title)
      plot.add("real", points: real)
      plot.add("generated", points: samples)
      return plot.render()
    }
  }
}
