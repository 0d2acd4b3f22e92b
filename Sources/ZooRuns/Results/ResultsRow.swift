/// One row of a results table: a variant on a dataset with an objective (for an adversarial
/// variant), over the table's seeds, one experiment each.
public struct ResultsRow: Hashable, Sendable {
  /// The table's id.
  public var table: String
  public var variant: String
  public var dataset: String
  public var objective: String?
  /// One per seed, in the table's seed order.
  public var experiments: [Experiment]

  public init(table: String, variant: String, dataset: String, objective: String?, experiments: [Experiment]) {
    self.table = table
    self.variant = variant
    self.dataset = dataset
    self.objective = objective
    self.experiments = experiments
  }

  /// The first seed's experiment: the row's figure shows its samples.
  public var figureExperiment: Experiment { experiments[0] }
}
