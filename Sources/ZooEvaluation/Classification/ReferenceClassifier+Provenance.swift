import Foundation

extension ReferenceClassifier {
  /// What a trained classifier was trained on and how, and how well it does: stored with its
  /// weights (as safetensors metadata, one string per field) and printed by `zoo classifier`.
  public struct Provenance: Codable, Hashable, Sendable {
    /// The dataset, as the data catalog names it (`mnist`, `mnist:pad=32`, `shapes:size=16,channels=1`).
    public var dataset: String
    /// The classes' names, in label order, when the data has them.
    public var classNames: [String]?
    /// The seed of the weights, the data order and the dropout masks.
    public var seed: UInt64
    /// Passes over the training images.
    public var epochs: Int
    public var batchSize: Int
    /// Adam's step size in the first epoch.
    public var learningRate: Double
    /// The factor the step size is multiplied by after each epoch.
    public var learningRateDecay: Double
    /// Training images.
    public var trainingSampleCount: Int
    /// Share of the held-out test images classified correctly, `nil` if none were given.
    public var testAccuracy: Double?
    /// Held-out test images.
    public var testSampleCount: Int
    /// Wall time of the training, test included.
    public var trainingSeconds: Double

    public init(
      dataset: String, classNames: [String]?, seed: UInt64, epochs: Int, batchSize: Int, learningRate: Double,
      learningRateDecay: Double, trainingSampleCount: Int, testAccuracy: Double?, testSampleCount: Int, trainingSeconds: Double
    ) {
      self.dataset = dataset
      self.classNames = classNames
      self.seed = seed
      self.epochs = epochs
      self.batchSize = batchSize
      self.learningRate = learningRate
      self.learningRateDecay = learningRateDecay
      self.trainingSampleCount = trainingSampleCount
      self.testAccuracy = testAccuracy
      self.testSampleCount = testSampleCount
      self.trainingSeconds = trainingSeconds
    }
  }
}

extension ReferenceClassifier.Provenance: CustomStringConvertible {
  /// "mnist: test accuracy 99.12% (10000 images); 3 epochs of 60000, batch 64, Adam 0.001 ×0.3/epoch, seed 0, 95 s".
  public var description: String {
    let accuracy = testAccuracy.map { String(format: "test accuracy %.2f%% (%d images)", 100 * $0, testSampleCount) } ?? "no test accuracy"
    return "\(dataset): \(accuracy); \(epochs) epoch\(epochs == 1 ? "" : "s") of \(trainingSampleCount), batch \(batchSize), Adam \(learningRate) ×\(learningRateDecay)/epoch, seed \(seed), \(String(format: "%.0f", trainingSeconds)) s"
  }
}
