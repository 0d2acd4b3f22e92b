/// A metric of generated samples against the real set, beside the same metric for real training
/// images in their place (the floor): what a generator drawing new images of the training
/// distribution would score, so that a number has a scale.
public struct FlooredReport<Figure: Codable & Hashable & Sendable>: Codable, Hashable, Sendable {
  /// The space measured in, and its D.
  public var features: SampleScoring.Features
  public var featureDimension: Int
  /// The real set both are compared with ("MNIST test split").
  public var real: String
  /// The generated samples' figure, and how many there were.
  public var samples: Figure
  public var sampleCount: Int
  /// The floor's figure, and the training images it was measured on.
  public var floor: Figure
  public var floorSource: String
}
