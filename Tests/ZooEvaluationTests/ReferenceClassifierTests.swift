import Datasets
import Foundation
import Testing
import TensorBackend
import NeuralNetworks
@testable import ZooEvaluation

/// Small labelled data and a small network, so that training runs in seconds in a debug build.
enum ClassifierFixtures {
  /// A narrow version of the standard layout: 16×16 → 12 → 6 → 2 → 1 per side.
  static let architecture = ReferenceClassifier.Architecture(convolutionChannels: [8, 16], kernelSize: 5, featureDimension: 32, dropoutProbability: 0.25)

  /// `count` gray 16×16 images of four classes, by the direction of one bright line on a noisy
  /// background: horizontal, vertical, diagonal (↘), antidiagonal (↗). The line's length (7–11
  /// pixels), position and brightness and the noise vary, so no fixed pixel gives the class away;
  /// oriented filters do.
  static func lines(_ count: Int, seed: UInt64) -> ImageCollection {
    var generator = SplitMix64(seed: seed)
    func uniform(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(generator.next() % UInt64(range.count)) }
    var pixels: [UInt8] = [], labels: [Int] = []
    for _ in 0..<count {
      let label = uniform(0...3), length = uniform(7...11)
      let (dx, dy) = [(1, 0), (0, 1), (1, 1), (1, -1)][label]
      let x0 = uniform(1...(14 - (dx == 0 ? 0 : length - 1)))
      let y0 = dy < 0 ? uniform((length)...14) : uniform(1...(14 - (dy == 0 ? 0 : length - 1)))
      var image = (0..<256).map { _ in Double(uniform(0...60)) }
      let ink = Double(uniform(150...255))
      for step in 0..<length { image[(y0 + step * dy) * 16 + x0 + step * dx] = ink }
      pixels += image.map { UInt8($0) }
      labels.append(label)
    }
    return ImageCollection(channels: 1, height: 16, width: 16, pixels: pixels, labels: labels,
                           classNames: ["horizontal", "vertical", "diagonal", "antidiagonal"])
  }

  /// The name the fixtures' classifiers record.
  static let dataset = "lines"

  static func options(epochs: Int, seed: UInt64 = 0) -> ReferenceClassifier.TrainingOptions {
    ReferenceClassifier.TrainingOptions(epochs: epochs, batchSize: 32, learningRate: 1e-2, learningRateDecay: 0.8, seed: seed, architecture: architecture)
  }

  /// A classifier trained for one short epoch: enough for file round trips.
  static func quickClassifier(seed: UInt64 = 0) throws -> ReferenceClassifier {
    try ReferenceClassifier.train(on: lines(96, seed: 1), test: lines(32, seed: 2), dataset: dataset, options: options(epochs: 1, seed: seed))
  }

  /// The bits of every tensor of a classifier, by name.
  static func bits(_ classifier: ReferenceClassifier) -> [String: [UInt32]] {
    classifier.network.exportState().mapValues { $0.floats.map(\.bitPattern) }
  }
}

@Suite struct ReferenceClassifierTests {
  @Test func learnsHeldOutLines() throws {
    let training = ClassifierFixtures.lines(800, seed: 11), test = ClassifierFixtures.lines(200, seed: 12)
    var reports: [ReferenceClassifier.TrainingProgress] = []
    let classifier = try ReferenceClassifier.train(
      on: training, test: test, dataset: ClassifierFixtures.dataset, options: ClassifierFixtures.options(epochs: 5)) { reports.append($0) }
    let accuracy = classifier.accuracy(on: test)
    #expect(accuracy > 0.9, "held-out accuracy \(accuracy) should exceed 0.9")
    let provenance = try #require(classifier.provenance)
    #expect(provenance.testAccuracy == accuracy && provenance.testSampleCount == 200 && provenance.trainingSampleCount == 800)
    #expect(provenance.classNames == training.classNames && provenance.epochs == 5 && provenance.dataset == ClassifierFixtures.dataset)
    let epochEnds = reports.filter(\.isEpochEnd)
    #expect(epochEnds.map(\.epoch) == Array(1...5) && epochEnds.allSatisfy { $0.testAccuracy != nil })
    #expect(epochEnds.last!.testAccuracy == accuracy)
    #expect(reports.last!.step == reports.last!.totalSteps && reports.last!.totalSteps == 5 * (800 / 32))
    #expect(reports.first!.loss > 2 * reports.last!.loss, "loss falls: \(reports.first!.loss) → \(reports.last!.loss)")
  }

  @Test func featuresAreThePenultimateLayer() throws {
    var generator = SplitMix64(seed: 3)
    let classifier = try ReferenceClassifier(inputShape: [1, 16, 16], classCount: 5, architecture: ClassifierFixtures.architecture, using: &generator)
    let images = Tensor.randomUniform([7, 1, 16, 16], low: -1, high: 1, using: &generator)
    let features = classifier.features(images)
    #expect(features.shape == [7, 32] && classifier.featureDimension == 32)
    // logits = W · relu(features) + b in inference (dropout off).
    let dense = try #require(classifier.network.classifier.layers.last as? NeuralNetworks.Dense)
    let expected = linear(relu(features), weight: dense.weight.value, bias: dense.bias?.value)
    let logits = classifier.logits(images)
    #expect(logits.shape == [7, 5])
    for (a, b) in zip(logits.scalars, expected.scalars) { #expect(abs(a - b) <= 1e-5, "logit \(a) vs \(b)") }
    #expect(classifier.predictions(images).allSatisfy { (0..<5).contains($0) })
  }

  @Test func inferenceInChunksMatchesOnePass() throws {
    var generator = SplitMix64(seed: 4)
    let classifier = try ReferenceClassifier(inputShape: [1, 16, 16], classCount: 3, architecture: ClassifierFixtures.architecture, using: &generator)
    let n = ReferenceClassifier.inferenceBatchSize + 9
    let images = Tensor.randomUniform([n, 1, 16, 16], low: -1, high: 1, using: &generator)
    let chunked = classifier.features(images)
    #expect(chunked.shape == [n, 32])
    let tail = classifier.features(images.sliced(alongAxis: 0, (n - 9)..<n))
    let chunkedTail = chunked.sliced(alongAxis: 0, (n - 9)..<n)
    #expect(tail.floats.map(\.bitPattern) == chunkedTail.floats.map(\.bitPattern))
  }

  @Test func sameSeedSameBits() throws {
    let first = ClassifierFixtures.bits(try ClassifierFixtures.quickClassifier(seed: 5))
    let second = ClassifierFixtures.bits(try ClassifierFixtures.quickClassifier(seed: 5))
    let other = ClassifierFixtures.bits(try ClassifierFixtures.quickClassifier(seed: 6))
    #expect(first == second)
    #expect(first != other)
  }

  @Test func standardArchitectureTakesMNISTAtBothSizes() throws {
    let standard = ReferenceClassifier.Architecture.standard
    // 28 → 24 → 12 → 8 → 4; 32 → 28 → 14 → 10 → 5.
    #expect(try standard.flattenedSize(for: [1, 28, 28]) == 64 * 4 * 4)
    #expect(try standard.flattenedSize(for: [1, 32, 32]) == 64 * 5 * 5)
    #expect(try standard.flattenedSize(for: [3, 64, 64]) == 64 * 13 * 13)
    #expect(throws: ReferenceClassifierError.self) { try standard.flattenedSize(for: [1, 30, 30]) }
    #expect(throws: ReferenceClassifierError.self) { try standard.flattenedSize(for: [1, 8, 8]) }
    var generator = SplitMix64(seed: 0)
    let classifier = try ReferenceClassifier(inputShape: [1, 28, 28], classCount: 10, using: &generator)
    #expect(classifier.network.namedParameters.map(\.name) == [
      "features.0.weight", "features.0.bias", "features.3.weight", "features.3.bias", "features.7.weight", "features.7.bias",
      "classifier.2.weight", "classifier.2.bias",
    ])
    // 32·25 + 32 + 64·32·25 + 64 + 1024·128 + 128 + 128·10 + 10.
    #expect(classifier.parameterCount == 832 + 51_264 + 131_200 + 1_290)
  }

  @Test func refusesDataItCannotLearn() {
    let unlabelled = ImageCollection(channels: 1, height: 16, width: 16, pixels: [UInt8](repeating: 0, count: 64 * 256))
    #expect(throws: ReferenceClassifierError.self) {
      try ReferenceClassifier.train(on: unlabelled, dataset: "blank", options: ClassifierFixtures.options(epochs: 1))
    }
    let tiny = ClassifierFixtures.lines(8, seed: 0)
    #expect(throws: ReferenceClassifierError.self) {
      try ReferenceClassifier.train(on: tiny, dataset: "tiny", options: ClassifierFixtures.options(epochs: 1))
    }
    #expect(throws: ReferenceClassifierError.invalidOptions("epochs (0), batch size (32), learning rate (0.01) and its decay (0.8) must be positive")) {
      try ReferenceClassifier.train(on: ClassifierFixtures.lines(64, seed: 0), dataset: "lines", options: ClassifierFixtures.options(epochs: 0))
    }
  }

  @Test func crossEntropyMatchesClosedFormAndGradient() {
    // Row 0: logits (1, 2, 3), label 2; row 1: (1000, 0, −1000), label 1 — huge logits must stay finite.
    let logits = Tensor(shape: [2, 3], scalars: [1, 2, 3, 1000, 0, -1000], dtype: .float64).requiringGradient()
    let loss = softmaxCrossEntropy(logits: logits, labels: [2, 1])
    let row0 = log(exp(1.0) + exp(2.0) + exp(3.0)) - 3
    let row1 = 1000.0  // log Σ e^z ≈ 1000, minus z₁ = 0
    #expect(abs(loss.scalar - (row0 + row1) / 2) <= 1e-12, "loss \(loss.scalar) vs \((row0 + row1) / 2)")
    // d/dz = (softmax(z) − onehot) / N.
    let gradient = loss.gradients(wrt: [logits])[0].scalars
    let z = [1.0, 2, 3], sum = z.map(exp).reduce(0, +)
    let expected = z.map { exp($0) / sum }.enumerated().map { ($0.element - ($0.offset == 2 ? 1 : 0)) / 2 } + [0.5, -0.5, 0]
    for (g, e) in zip(gradient, expected) { #expect(abs(g - e) <= 1e-12, "gradient \(g) vs \(e)") }
  }
}
