/// One report per feature space a metric was measured in: pixels on [0, 1], the reference
/// classifier's features, or both.
public struct FeatureSpaceReports<Report: Codable & Hashable & Sendable>: Codable, Hashable, Sendable {
  public var pixels: Report?
  public var classifier: Report?

  public init(pixels: Report? = nil, classifier: Report? = nil) {
    self.pixels = pixels
    self.classifier = classifier
  }

  /// The report of `space`.
  public subscript(space: SampleScoring.Features) -> Report? {
    get { space == .pixels ? pixels : classifier }
    set { if space == .pixels { pixels = newValue } else { classifier = newValue } }
  }

  /// The spaces measured, pixels first.
  public var measured: [(space: SampleScoring.Features, report: Report)] {
    [(SampleScoring.Features.pixels, pixels), (.classifier, classifier)].compactMap { pair in pair.1.map { (pair.0, $0) } }
  }
}
