/// A table of the side-by-side protocol (`Tests/Fidelity/side-by-side.py`): each model of the
/// zoo beside the PyTorch reference it reproduces, trained for the same schedule with the same
/// seeds and scored by the same `zoo score` command, rendered from the records the script writes
/// (`SideBySideRecord`), one per model, side and seed.
///
/// ```json
/// {"id": "mnist-side-by-side", "title": "MNIST: zoo vs PyTorch reference, equal epochs",
///  "records": "results/side-by-side", "models": ["dcgan32", "cgan-mlp"],
///  "metrics": ["score-fd", "training-time"]}
/// ```
public struct SideBySideTableSpecification: Codable, Equatable, Sendable {
  /// Kebab-case, unique among the specification's tables.
  public var id: String
  /// The section heading.
  public var title: String
  /// Paragraphs (Markdown) between the heading and the table.
  public var text: [String]?
  /// The folder of the records, relative to the repository.
  public var records: String
  /// The models, in row order, by the protocol's names (`gan-mlp`, `dcgan32`, …); a model
  /// without records has a row saying so.
  public var models: [String]
  /// The columns, by `ResultMetric` name; a column's `report` is a part of the record
  /// (`score`: the `zoo score` report; `training`: steps, batch size, seconds) and its `field` a
  /// dotted path in it.
  public var metrics: [String]

  public init(id: String, title: String, text: [String]? = nil, records: String, models: [String], metrics: [String]) {
    self.id = id
    self.title = title
    self.text = text
    self.records = records
    self.models = models
    self.metrics = metrics
  }
}
