/// What a variant needs to know about its data to size its networks.
public struct DataDescription: Codable, Sendable, Equatable {
  /// Points in R^D, or images.
  public enum Kind: String, Codable, Sendable {
    case points
    case images
  }

  public var kind: Kind
  /// The shape of one sample: [D] for points, [C, H, W] for images.
  public var sampleShape: [Int]
  /// K, the number of classes, when samples are labelled.
  public var classCount: Int?
  /// The range sample values lie in ([−1, 1] for images scaled for a tanh output).
  public var valueRange: ClosedRange<Double>?
  /// How many samples one epoch holds; `nil` for procedural data, drawn afresh for every batch.
  public var epochSize: Int?

  public init(kind: Kind, sampleShape: [Int], classCount: Int? = nil, valueRange: ClosedRange<Double>? = nil, epochSize: Int? = nil) {
    self.kind = kind
    self.sampleShape = sampleShape
    self.classCount = classCount
    self.valueRange = valueRange
    self.epochSize = epochSize
  }

  /// The number of scalars in one sample.
  public var sampleSize: Int { sampleShape.reduce(1, *) }
}
