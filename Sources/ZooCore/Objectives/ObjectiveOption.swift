/// A number an objective takes from the command line, `--objective name:key=value` (WGAN-GP's
/// penalty weight λ as `lambda`).
public struct ObjectiveOption: Sendable, Equatable {
  /// The key after the colon.
  public let key: String
  /// One line: what it sets, with the paper's symbol.
  public let summary: String
  /// The values that make sense; others are usage errors.
  public let validRange: ClosedRange<Double>

  public init(key: String, summary: String, validRange: ClosedRange<Double>) {
    self.key = key
    self.summary = summary
    self.validRange = validRange
  }
}
