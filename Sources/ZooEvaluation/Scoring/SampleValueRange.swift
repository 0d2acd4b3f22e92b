/// The scale the values of a floating-point array are on, so that it can be brought to pixels in
/// [0, 1]: the zoo's samples and a tanh output are in [−1, 1], many PyTorch pipelines save [0, 1],
/// others 0…255. Byte images (IDX files, PNG, JPEG, PGM) are 0…255 by their format.
public enum SampleValueRange: String, CaseIterable, Codable, Sendable {
  case minusOneToOne = "-1,1"
  case zeroToOne = "0,1"
  case zeroTo255 = "0,255"

  /// The lowest and highest value an array on this scale may hold.
  public var bounds: ClosedRange<Double> {
    switch self {
    case .minusOneToOne: return -1...1
    case .zeroToOne: return 0...1
    case .zeroTo255: return 0...255
    }
  }

  /// v on this scale as a pixel in [0, 1]: (v − low) / (high − low).
  @inline(__always) public func unit(_ value: Float) -> Float {
    switch self {
    case .minusOneToOne: return (value + 1) / 2
    case .zeroToOne: return value
    case .zeroTo255: return value / 255
    }
  }
}
