import Foundation
import ImageFiles
import NeuralNetworks
import TensorBackend
import ZooCore
import ZooEvaluation

/// Drawing from a run's generator, and its pictures: snapshots while training, grids and scatter
/// plots after.
extension Run {
  /// `count` samples from the generator at its current weights, with noise from `seed`, for the
  /// classes `labels` if given (one per sample; a conditional generator otherwise cycles through
  /// the classes).
  public func samples(count: Int, seed: UInt64, labels: [Int]? = nil) -> Tensor {
    subject.samples(count: count, seed: seed, labels: labels)
  }

  /// The generator as metrics see it.
  public var subject: EvaluationSubject {
    EvaluationSubject(generator: trainer.sampler, data: data, isConditional: isConditional, likelihoodModel: trainer.likelihoodModel)
  }

  /// How this run's samples are drawn as a picture: a grid of images, or points over real ones.
  public func rendering(columns: Int = Run.gridColumns) throws -> SampleRendering {
    switch data.kind {
    case .images:
      return .grid(columns: columns)
    case .points:
      var generator = SplitMix64(seed: seeds.realSamples)
      var source = try source()
      let real = try source.nextBatch(size: 1000, using: &generator).samples
      return .scatter(real: Self.planar(real), title: "\(configuration.variant) on \(configuration.dataset)")
    }
  }

  /// Points as (N, 2) for a scatter plot: 2-D as they are, 1-D spread over a unit band.
  public static func planar(_ points: Tensor) -> Tensor {
    guard points.rank == 2, points.shape[1] == 1 else { return points }
    let n = points.shape[0]
    let band = Tensor(shape: [n, 1], scalars: (0..<n).map { Double(($0 * 7919) % n) / Double(max(n, 1)) }, dtype: points.dtype)
    return Tensor.concatenate([points, band], alongAxis: 1)
  }

  /// The picture of `samples` as this run draws them.
  public func picture(of samples: Tensor, columns: Int = Run.gridColumns) throws -> Image {
    try rendering(columns: columns).image(of: Self.planar(samples))
  }

  /// Snapshots show 64 images (a row per class for a conditional variant), or 1,000 points.
  var snapshotCount: Int { data.kind == .images ? gridLabels?.count ?? 64 : 1000 }

  /// Every tenth of the run (`sampleInterval`), the same noise from the snapshot stream.
  func snapshotWriter() throws -> SnapshotWriter {
    var generator = seeds.snapshots
    let noise = trainer.sampler.makeNoise(count: snapshotCount, using: &generator)
    return SnapshotWriter(
      folder: directory.samples, interval: configuration.sampleInterval, noise: noise,
      condition: gridLabels.map(Sampling.condition(labels:)), context: ForwardContext(training: false, generator: generator.split()),
      rendering: try rendering())
  }
}
