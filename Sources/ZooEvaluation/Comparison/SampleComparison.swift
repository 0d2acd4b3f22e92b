import Foundation
import TensorBackend

/// A generator's samples beside a dataset's splits, and everything the metrics that compare them
/// compute from them, computed once per evaluation and shared: the samples themselves (10,000 by
/// default, from one seed), the floor's training images, each set's features in pixels and in
/// the reference classifier's space, and the nearest training image of every sample and every
/// test image.
///
/// The roles of the sets are `SampleScoring`'s (`ScoreDataset` says why): the test split is the
/// real set and the held-out data; the training split is what memorisation is measured against;
/// a draw from its floor rows stands in for the samples to give each metric its floor; its
/// validation rows choose the Parzen window's σ.
///
/// One comparison serves one evaluation of one generator: it keeps the first samples it draws
/// and hands the same to every metric.
public final class SampleComparison {
  /// A set the metrics measure.
  public enum Role: String, Sendable {
    /// The generator's samples.
    case samples
    /// The training split, the test split, the floor's draw, the validation rows.
    case training, test, floor, validation
  }

  public let dataset: ScoreDataset
  /// The dataset's reference classifier; without one, only pixel features exist.
  public let classifier: ReferenceClassifier?
  /// Samples drawn from the generator.
  public let sampleCount: Int
  /// The seed of the samples' noise.
  public let sampleSeed: UInt64
  /// The seed of the floor's draw of training images.
  public let floorSeed: UInt64

  private var drawn: SampleSet?
  private var features: [String: FeatureMatrix] = [:]
  private var nearest: [String: NeighbourList] = [:]

  public init(dataset: ScoreDataset, classifier: ReferenceClassifier?, sampleCount: Int = 10_000, sampleSeed: UInt64, floorSeed: UInt64) {
    self.dataset = dataset
    self.classifier = classifier
    self.sampleCount = sampleCount
    self.sampleSeed = sampleSeed
    self.floorSeed = floorSeed
  }

  /// The spaces features can be had in: pixels, and the classifier's when there is one.
  public var spaces: [SampleScoring.Features] { classifier == nil ? [.pixels] : [.pixels, .classifier] }

  /// The training images of the floor: as many as the samples, drawn from the floor rows.
  public lazy var floorRows: [Int] = {
    var generator = SplitMix64(seed: floorSeed)
    let pool = dataset.floorRows
    return KernelDistance.draw(min(sampleCount, pool.count), from: pool.count, using: &generator).map { $0 + pool.lowerBound }
  }()

  /// The generator's samples as pixels on [0, 1], checked: the data's shape, finite, within
  /// [−1, 1] as drawn.
  ///
  /// - Throws: `GeneratedSampleError` naming what is wrong.
  public func samples(of subject: EvaluationSubject) throws -> SampleSet {
    if let drawn { return drawn }
    let expected = dataset.test.sampleShape
    guard subject.data.sampleShape == expected else {
      throw GeneratedSampleError.shapeMismatch(sampleShape: subject.data.sampleShape, data: "\(dataset.name) (its \(dataset.test.source))", dataShape: expected)
    }
    subject.progress(SampleScoring.Progress(stage: "drawing \(sampleCount) samples", done: 0, total: 1))
    let images = subject.samples(count: sampleCount, seed: sampleSeed)
    guard Array(images.shape.dropFirst()) == expected else {
      throw GeneratedSampleError.shapeMismatch(sampleShape: Array(images.shape.dropFirst()), data: "\(dataset.name) (its \(dataset.test.source))", dataShape: expected)
    }
    let set = try Self.checkedPixels(images, source: "\(sampleCount) generated samples")
    subject.progress(SampleScoring.Progress(stage: "drawing \(sampleCount) samples", done: 1, total: 1))
    drawn = set
    return set
  }

  /// `images` (N, C, H, W) on [−1, 1] as a sample set of pixels on [0, 1].
  ///
  /// - Throws: `GeneratedSampleError.nonFinite` or `.outOfRange`.
  public static func checkedPixels(_ images: Tensor, source: String) throws -> SampleSet {
    let values = images.floats
    var bad = 0, firstBad = -1, outside = 0
    var low = Float.infinity, high = -Float.infinity
    for (index, value) in values.enumerated() {
      if !value.isFinite {
        bad += 1
        if firstBad < 0 { firstBad = index }
      } else {
        low = min(low, value)
        high = max(high, value)
        if value < -1 || value > 1 { outside += 1 }
      }
    }
    if bad > 0 { throw GeneratedSampleError.nonFinite(count: bad, total: values.count, firstIndex: firstBad) }
    if outside > 0 { throw GeneratedSampleError.outOfRange(count: outside, total: values.count, minimum: Double(low), maximum: Double(high)) }
    let n = images.shape[0], size = values.count / max(1, n)
    let pixels = Tensor(shape: [n, size], scalars: values.map { ($0 + 1) / 2 })
    return SampleSet(source: source, sampleShape: Array(images.shape.dropFirst()), values: pixels)
  }

  /// The set of `role`.
  public func set(_ role: Role, subject: EvaluationSubject) throws -> SampleSet {
    switch role {
    case .samples: return try samples(of: subject)
    case .training: return dataset.training
    case .test: return dataset.test
    case .floor: return dataset.training.subset(floorRows, source: "\(floorRows.count) \(dataset.name) training images")
    case .validation: return dataset.training.subset(Array(dataset.validationRows), source: "\(dataset.name) validation images")
    }
  }

  /// The features of `role`'s set in `space`, named by the role in messages.
  ///
  /// - Throws: `ScoreError.featuresUnavailable` for classifier features without a classifier;
  ///   what `samples(of:)` throws.
  public func features(_ role: Role, in space: SampleScoring.Features, subject: EvaluationSubject) throws -> FeatureMatrix {
    let key = "\(role.rawValue)|\(space.rawValue)"
    if let cached = features[key] { return cached }
    if role == .floor {
      let training = try features(.training, in: space, subject: subject)
      let floor = training.rows(floorRows).named("floor")
      features[key] = floor
      return floor
    }
    guard space == .pixels || classifier != nil else {
      throw ScoreError.featuresUnavailable("classifier features of \(dataset.name) need its reference classifier, and there is none")
    }
    let set = try self.set(role, subject: subject)
    let space = FeatureSpace(kind: space, classifier: classifier, progress: subject.progress)
    let matrix = try space.of(set, name: role.rawValue)
    features[key] = matrix
    return matrix
  }

  /// The nearest training image of every row of `role`'s set (samples or test), in `space`.
  public func nearestTraining(of role: Role, in space: SampleScoring.Features, subject: EvaluationSubject) throws -> NeighbourList {
    let key = "\(role.rawValue)|\(space.rawValue)"
    if let cached = nearest[key] { return cached }
    let training = try features(.training, in: space, subject: subject), queries = try features(role, in: space, subject: subject)
    let list = try NearestNeighbours(references: training)
      .search(queries, k: 1, progress: subject.stage("nearest training images of the \(role.rawValue), \(space.rawValue)"))
    nearest[key] = list
    return list
  }

  /// A metric of the samples and of the floor, each against the test split, in `space`:
  /// `measure(real, generated, stage)` once for the samples, once for the floor.
  public func floored<Figure>(
    _ space: SampleScoring.Features, subject: EvaluationSubject, metric name: String,
    _ measure: (FeatureMatrix, FeatureMatrix, @escaping (Int, Int) -> Void) throws -> Figure
  ) throws -> FlooredReport<Figure> {
    let real = try features(.test, in: space, subject: subject)
    let generated = try features(.samples, in: space, subject: subject)
    let sampleFigure = try measure(real, generated, subject.stage("\(name), \(space.rawValue)"))
    let floor = try features(.floor, in: space, subject: subject)
    let floorFigure = try measure(real, floor, subject.stage("floor: \(name), \(space.rawValue)"))
    return FlooredReport(
      features: space, featureDimension: real.dimension, real: dataset.test.source, samples: sampleFigure, sampleCount: generated.count,
      floor: floorFigure, floorSource: "\(floorRows.count) \(dataset.name) training images")
  }
}
