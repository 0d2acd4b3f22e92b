import Datasets
import Foundation
import Testing
import TensorBackend
@testable import ZooEvaluation

@Suite struct SampleScoringTests {
  /// N gray 4 × 4 images with pixels uniform in [low, high).
  static func images(_ count: Int, low: Double = 0, high: Double = 1, seed: UInt64, source: String) -> SampleSet {
    var generator = SplitMix64(seed: seed)
    return SampleSet(
      source: source, sampleShape: [1, 4, 4],
      values: Tensor.randomUniform([count, 16], low: low, high: high, using: &generator))
  }

  /// A small dataset: 400 training images (floor drawn from the first 300, σ chosen on 300–349).
  static func dataset() -> ScoreDataset {
    ScoreDataset(
      name: "tiny", training: images(400, seed: 1, source: "tiny training split"), test: images(150, seed: 2, source: "tiny test split"),
      classifierURL: URL(fileURLWithPath: "/nonexistent/tiny.safetensors"), validationRows: 300..<350, floorRows: 0..<300, rootOption: "")
  }

  @Test func scoresAgainstADatasetWithItsFloor() throws {
    let fake = Self.images(120, low: 0.1, high: 0.9, seed: 3, source: "fake.npy")
    let scoring = SampleScoring(options: SampleScoring.Options(features: .pixels, kernelSubsetCount: 5, dataCopyingCells: 4, seed: 9))
    var stages: [String] = []
    let report = try scoring.score(fake: fake, dataset: Self.dataset()) { progress in
      if stages.last != progress.stage { stages.append(progress.stage) }
    }
    #expect(report.real.source == "tiny test split" && report.real.count == 150 && report.fake.count == 120)
    #expect(report.metrics.kernelDistance.subsetSize == 120, "the smaller set bounds the subsets")
    let memorisation = try #require(report.metrics.memorisation)
    #expect(memorisation.trainingCount == 400 && report.metrics.dataCopying?.cellCount == 4)
    let parzen = try #require(report.metrics.parzenWindow)
    #expect(parzen.sampleCount == 120 && parzen.validationCount == 50 && parzen.testCount == 150)
    let floor = try #require(report.floor)
    #expect(report.floorSamples?.count == 120 && floor.parzenWindow?.sampleCount == 120)
    #expect(floor.memorisation == nil && floor.dataCopying == nil)
    // Uniform training images are closer to the uniform test images than the narrowed fakes are
    // by the Fréchet distance; the floor gives the scale.
    #expect(floor.frechetDistance.distance < report.metrics.frechetDistance.distance)
    #expect(stages.contains("memorisation") && stages.contains("floor: Parzen window"), "stages: \(stages)")

    let decoded = try JSONDecoder().decode(ScoreReport.self, from: JSONEncoder().encode(report))
    #expect(decoded.metrics == report.metrics && decoded.floor == report.floor)
    let table = report.table
    for row in ["Fréchet distance", "kernel distance (5 × 120)", "precision (k = 3)", "coverage (k = 5)", "data-copying C_T (4 cells)", "Parzen log-likelihood", "1 by definition"] {
      #expect(table.contains(row), "the table lacks \(row):\n\(table)")
    }
  }

  @Test func scoresTwoArraysAlone() throws {
    let real = Self.images(60, seed: 4, source: "real.npy"), fake = Self.images(50, seed: 5, source: "fake.npy")
    let report = try SampleScoring(options: SampleScoring.Options(features: .pixels, kernelSubsetCount: 2)).score(fake: fake, real: real)
    #expect(report.floor == nil && report.metrics.memorisation == nil && report.metrics.parzenWindow == nil)
    #expect(report.featureDimension == 16 && !report.table.contains("floor") && report.classifierJudgement == nil)
  }

  @Test func setsThatCannotBeComparedAreErrors() throws {
    let scoring = SampleScoring(options: SampleScoring.Options(features: .pixels))
    let real = Self.images(60, seed: 6, source: "real.npy")
    let wide = SampleSet(source: "wide.npy", sampleShape: [1, 4, 5], values: Tensor.zeros([60, 20]))
    #expect(throws: ScoreError.shapeMismatch(first: "real.npy", firstShape: [1, 4, 4], second: "wide.npy", secondShape: [1, 4, 5])) {
      try scoring.score(fake: wide, real: real)
    }
    #expect(throws: ScoreError.self) { try scoring.score(fake: real) }
    let classifier = SampleScoring(options: SampleScoring.Options(features: .classifier))
    #expect(throws: ScoreError.featuresUnavailable(
      "--features classifier needs --dataset (the reference classifier is a dataset's, e.g. mnist); score the arrays alone with --features pixels")) {
      try classifier.score(fake: real, real: real)
    }
    // The tiny dataset has no classifier file: the error says how to get one.
    do {
      _ = try classifier.score(fake: Self.images(60, seed: 7, source: "fake.npy"), dataset: Self.dataset())
      Issue.record("scored without a classifier")
    } catch let error as ReferenceClassifierError {
      #expect("\(error)".contains("zoo classifier train --dataset tiny"), "\(error)")
    }
    // Too few samples for a full-rank covariance: the metric's error, naming the set.
    let few = Self.images(10, seed: 8, source: "few.npy")
    #expect(throws: MetricError.tooFewSamples(
      metric: "Fréchet distance", set: "fake", count: 10, needed: 17, reason: "a covariance of full rank 16 needs more samples than feature dimensions")) {
      try scoring.score(fake: few, real: real)
    }
  }

  /// The tiny dataset at 16 × 16 with an untrained ten-class classifier cached for it in `folder`.
  static func judgedDataset(in folder: URL) throws -> ScoreDataset {
    var generator = SplitMix64(seed: 11)
    let classifier = try ReferenceClassifier(inputShape: [1, 16, 16], classCount: 10, architecture: ClassifierFixtures.architecture, using: &generator)
    classifier.provenance = ReferenceClassifier.Provenance(
      dataset: "tiny", classNames: nil, seed: 11, epochs: 0, batchSize: 1, learningRate: 0, learningRateDecay: 1, trainingSampleCount: 0,
      testAccuracy: 0.5, testSampleCount: 1, trainingSeconds: 0)
    let url = folder.appendingPathComponent("tiny.safetensors")
    try classifier.write(to: url)
    func images(_ count: Int, seed: UInt64, source: String) -> SampleSet {
      var generator = SplitMix64(seed: seed)
      return SampleSet(source: source, sampleShape: [1, 16, 16], values: Tensor.randomUniform([count, 256], low: 0, high: 1, using: &generator))
    }
    return ScoreDataset(
      name: "tiny", training: images(400, seed: 1, source: "tiny training split"), test: images(150, seed: 2, source: "tiny test split"),
      classifierURL: url, validationRows: 300..<350, floorRows: 0..<300, rootOption: "")
  }

  @Test func theClassifierJudgesTheSamplesAndTheClassesTheyWereAskedFor() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sample-scoring-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let dataset = try Self.judgedDataset(in: folder)
    var generator = SplitMix64(seed: 12)
    let fake = SampleSet(source: "fake.npy", sampleShape: [1, 16, 16], values: Tensor.randomUniform([100, 256], low: 0, high: 1, using: &generator))
    let requested = (0..<100).map { $0 / 10 }
    let scoring = SampleScoring(options: SampleScoring.Options(features: .classifier, kernelSubsetCount: 3, seed: 1, usesTrainingSplit: false))
    let report = try scoring.score(fake: fake, dataset: dataset, requestedLabels: requested)
    // The same predictions as the classifier's own, counted as zoo evaluate counts them.
    let predictions = try dataset.classifier().predictions(fake.classifierInput(0..<100))
    let judgement = try #require(report.classifierJudgement)
    #expect(judgement.labelHistogram == ClassifierJudgement.labelHistogram(predictions: predictions, classCount: 10))
    #expect(judgement.conditionalAccuracy == ClassifierJudgement.conditionalAccuracy(predictions: predictions, requestedLabels: requested, classCount: 10))
    #expect(judgement.conditionalAccuracy?.requestedCounts == Array(repeating: 10, count: 10) && judgement.classifierTestAccuracy == 0.5)
    // Without the training split: the test split is the real set, and nothing else is measured.
    #expect(report.real.source == "tiny test split" && report.floor == nil && report.metrics.memorisation == nil && report.metrics.parzenWindow == nil)
    #expect(report.table.contains("label histogram: classes") && report.table.contains("drawn as asked: lowest"), "\(report.table)")

    let unconditional = try scoring.score(fake: fake, dataset: dataset)
    #expect(unconditional.classifierJudgement?.labelHistogram == judgement.labelHistogram && unconditional.classifierJudgement?.conditionalAccuracy == nil)
    #expect(throws: ScoreError.featuresUnavailable("99 requested labels for the 100 samples of fake.npy; give one per sample")) {
      try scoring.score(fake: fake, dataset: dataset, requestedLabels: Array(requested.prefix(99)))
    }
    #expect(throws: ScoreError.featuresUnavailable("requested label 10 lies outside the classifier's classes 0…9")) {
      try scoring.score(fake: fake, dataset: dataset, requestedLabels: Array(requested.dropLast()) + [10])
    }
    let pixels = SampleScoring(options: SampleScoring.Options(features: .pixels, kernelSubsetCount: 3))
    #expect(throws: ScoreError.self) { try pixels.score(fake: fake, dataset: dataset, requestedLabels: requested) }
  }

  @Test func requestedLabelsReadFromIDXAndNumPyFiles() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("requested-labels-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    func write(_ bytes: [UInt8], _ name: String) throws -> String {
      let url = folder.appendingPathComponent(name)
      try Data(bytes).write(to: url)
      return url.path
    }
    #expect(try RequestedLabels.load(write(IDXArray(shape: [4], bytes: [0, 9, 3, 3]).encoded(), "labels.idx")) == [0, 9, 3, 3])
    #expect(try RequestedLabels.load(write(NumPyArray(shape: [3], values: [2, 0, 7]).encoded(), "labels.npy")) == [2, 0, 7])
    let fractional = try write(NumPyArray(shape: [2], values: [1, 2.5]).encoded(), "fractional.npy")
    #expect(throws: ScoreError.unreadable(path: fractional, problem: "label 1 is 2.5, not a class index (a whole number from 0)")) {
      try RequestedLabels.load(fractional)
    }
    let matrix = try write(NumPyArray(shape: [2, 2], values: [0, 1, 2, 3]).encoded(), "matrix.npy")
    #expect(throws: ScoreError.unreadable(path: matrix, problem: "labels must have shape (N), one per sample; this array has shape [2, 2]")) {
      try RequestedLabels.load(matrix)
    }
    #expect(throws: ScoreError.self) { try RequestedLabels.load(folder.appendingPathComponent("absent.npy").path) }
  }
}
