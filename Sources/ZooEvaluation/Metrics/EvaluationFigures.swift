import ImageFiles

/// The pictures an evaluation's metrics draw (nearest-neighbour grids, latent walks), held in
/// memory by file name until the evaluation as a whole has succeeded, so that a failed one
/// leaves the pictures already in a run as they were.
public final class EvaluationFigures {
  /// The pictures, in the order they were added.
  public private(set) var figures: [(name: String, image: Image)] = []

  public init() {}

  /// Keeps `image` as the file `name` (a `.png` name, no folders, unique within the evaluation).
  public func add(_ image: Image, named name: String) {
    precondition(name.hasSuffix(".png") && !name.contains("/"), "EvaluationFigures: \(name) is not a plain .png file name")
    precondition(!figures.contains { $0.name == name }, "EvaluationFigures: two figures named \(name)")
    figures.append((name, image))
  }
}
