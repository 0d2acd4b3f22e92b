/// One table of a results specification: the runs it holds (every variant × dataset × objective
/// it lists, each for every seed, all on one schedule), the metric columns it shows, and the
/// prose above it. Rows are the variant × dataset × objective combinations; a row's cells are
/// the mean ± standard deviation over its seeds.
///
/// ```json
/// {"id": "ring8-objectives", "title": "Ring of 8 Gaussians: objectives",
///  "variants": ["gan"], "datasets": ["ring8"],
///  "objectives": ["non-saturating", "minimax", "least-squares", "hinge", "wgan-gp"],
///  "seeds": [0, 1, 2], "steps": 3000,
///  "metrics": ["modes-covered", "high-quality", "reverse-kl"]}
/// ```
public struct TableSpecification: Codable, Equatable, Sendable {
  /// Kebab-case, unique in the specification: names the table's loss figure.
  public var id: String
  /// The section heading.
  public var title: String
  /// Paragraphs (Markdown) between the heading and the table: the protocol, what to look for.
  public var text: [String]?
  /// Variants by registry name.
  public var variants: [String]
  /// Datasets as `zoo train --dataset` takes them (`mnist`, `ring8`, `mnist:pad=32`).
  public var datasets: [String]
  /// Objectives (`--objective`, options allowed) for the adversarial variants; `nil`: each
  /// variant's default. A variant without an objective (a VAE) gets one row regardless.
  public var objectives: [String]?
  /// The seeds of every row; three or more give a standard deviation worth reading.
  public var seeds: [UInt64]
  /// The schedule: `nil` fields take the variant's defaults for the data (`zoo train`'s).
  public var steps: Int?
  public var epochs: Int?
  public var batchSize: Int?
  /// `--set key=value` overrides of the variants' configurations.
  public var set: [String]?
  /// The metric columns, by `ResultMetric` name.
  public var metrics: [String]
  /// Whether the table shows a picture of each row's samples and the loss curves of its rows
  /// (default true).
  public var figures: Bool?
  /// Whether a likelihood model's rows are followed by their held-out bound after every epoch
  /// (losses.csv's `test_` columns, mean ± standard deviation over the seeds; default false).
  public var heldOut: Bool?

  public init(
    id: String, title: String, text: [String]? = nil, variants: [String], datasets: [String], objectives: [String]? = nil,
    seeds: [UInt64], steps: Int? = nil, epochs: Int? = nil, batchSize: Int? = nil, set: [String]? = nil, metrics: [String],
    figures: Bool? = nil, heldOut: Bool? = nil
  ) {
    self.id = id
    self.title = title
    self.text = text
    self.variants = variants
    self.datasets = datasets
    self.objectives = objectives
    self.seeds = seeds
    self.steps = steps
    self.epochs = epochs
    self.batchSize = batchSize
    self.set = set
    self.metrics = metrics
    self.figures = figures
    self.heldOut = heldOut
  }

  /// Whether figures are drawn for the table.
  public var showsFigures: Bool { figures ?? true }

  /// Whether the held-out bound after every epoch is shown.
  public var showsHeldOut: Bool { heldOut ?? false }
}
