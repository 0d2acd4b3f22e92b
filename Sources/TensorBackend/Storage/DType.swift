/// The element type of a tensor.
///
/// Training runs in `float32`; `float64` exists so that finite-difference gradient checks have the
/// precision to tell a wrong backward rule from rounding noise.
public enum DType: String, Sendable, Codable, CaseIterable {
  case float32
  case float64

  /// Bytes per element.
  public var byteCount: Int {
    switch self {
    case .float32: return 4
    case .float64: return 8
    }
  }
}
