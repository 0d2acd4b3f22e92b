import Foundation
import ZooCore

/// The experiments behind RESULTS.md, as the repository's `results/spec.json` states them: a
/// title and introduction, the tables (each a set of runs and the metric columns it shows), and
/// any metric columns beyond the standard ones. `zoo results` trains what the tables ask for and
/// writes RESULTS.md from it; `results/README.md` describes the format.
///
/// ```json
/// {"title": "Results", "introduction": ["…"],
///  "metrics": [{"name": "fd", "heading": "FD", "report": "frechet-distance", "field": "distance", "digits": 2}],
///  "tables": [{"id": "ring8", "title": "…", "variants": ["gan"], "datasets": ["ring8"], "seeds": [0, 1, 2],
///              "metrics": ["modes-covered"]}]}
/// ```
public struct ResultsSpecification: Codable, Equatable, Sendable {
  /// The document's heading.
  public var title: String
  /// Paragraphs (Markdown) before the first table.
  public var introduction: [String]?
  /// Metric columns the tables may name besides `ResultMetric.standard` (one of the same name
  /// replaces the standard one).
  public var metrics: [ResultMetric]?
  public var tables: [TableSpecification]
  /// Tables of the side-by-side protocol, after the others: the zoo beside the PyTorch
  /// references, from the records `Tests/Fidelity/side-by-side.py` writes.
  public var sideBySide: [SideBySideTableSpecification]?

  public init(
    title: String, introduction: [String]? = nil, metrics: [ResultMetric]? = nil, tables: [TableSpecification],
    sideBySide: [SideBySideTableSpecification]? = nil
  ) {
    self.title = title
    self.introduction = introduction
    self.metrics = metrics
    self.tables = tables
    self.sideBySide = sideBySide
  }

  /// Reads a specification file; a file that is not one is a `UsageError` naming it.
  public static func read(from url: URL) throws -> ResultsSpecification {
    guard FileManager.default.fileExists(atPath: url.path) else {
      throw UsageError("\(url.path): no such results specification")
    }
    return try JSONFile.read(ResultsSpecification.self, from: url, what: "results specification")
  }

  /// Every metric column a table may name: the standard ones, then the specification's own.
  public var availableMetrics: [ResultMetric] {
    let own = metrics ?? []
    return ResultMetric.standard.filter { standard in !own.contains { $0.name == standard.name } } + own
  }

  /// The metric column called `name`, or a usage error listing them and suggesting the nearest.
  public func metric(named name: String) throws -> ResultMetric {
    try NameLookup.find(name, in: availableMetrics.map { ($0.name, $0) }, kind: "metric")
  }

  /// The rows of `table`: each variant × dataset × objective (in the specification's order), each
  /// with one experiment per seed. An adversarial variant without listed objectives takes its
  /// default; a variant without an objective has one row per dataset whatever is listed.
  public func rows(of table: TableSpecification, registry: Registry) throws -> [ResultsRow] {
    var rows: [ResultsRow] = []
    for variantName in table.variants {
      let variant = try registry.variant(named: variantName)
      let objectives: [String?]
      if let adversarial = variant as? any AdversarialVariant.Type {
        objectives = table.objectives ?? [adversarial.defaultObjective.name]
      } else {
        objectives = [nil]
      }
      for dataset in table.datasets {
        for objective in objectives {
          let experiments = table.seeds.map { seed in
            Experiment(
              variant: variant.name, dataset: dataset, objective: objective, seed: seed, steps: table.steps, epochs: table.epochs,
              batchSize: table.batchSize, overrides: table.set ?? [])
          }
          rows.append(ResultsRow(table: table.id, variant: variant.name, dataset: dataset, objective: objective, experiments: experiments))
        }
      }
    }
    return rows
  }

  /// Every experiment of every table, once each, in the order the tables first ask for them.
  /// - Throws: `UsageError` when two different experiments get one name (two image folders of
  ///   the same name), since they would share a run directory and a summary.
  public func experiments(registry: Registry) throws -> [Experiment] {
    var seen: [String: Experiment] = [:], all: [Experiment] = []
    for table in tables {
      for row in try rows(of: table, registry: registry) {
        for experiment in row.experiments {
          if let earlier = seen[experiment.name] {
            guard earlier == experiment else {
              throw UsageError("table \(table.id): two experiments are both named \(experiment.name) (\(earlier.dataset) and \(experiment.dataset)); give their datasets different folder names")
            }
            continue
          }
          seen[experiment.name] = experiment
          all.append(experiment)
        }
      }
    }
    return all
  }

  /// Checks every name the specification uses (variants, datasets, objectives with their
  /// options, metrics) and its numbers, before anything trains: a mistake is a `UsageError`
  /// naming the table and suggesting the nearest valid name.
  public func validate(registry: Registry) throws {
    guard !tables.isEmpty else { throw UsageError("the results specification lists no tables") }
    for metric in metrics ?? [] { try metric.validate() }
    var ids = Set<String>()
    /// Runs `body` for the table `id` (unique, kebab-case), its errors prefixed with the table.
    func check(_ id: String, _ body: () throws -> Void) throws {
      guard ids.insert(id).inserted else { throw UsageError("two tables share the id '\(id)'") }
      do {
        guard Self.isKebabCase(id) else { throw UsageError("the id must be kebab-case (lower-case letters, digits and -)") }
        try body()
      } catch let error as UsageError {
        throw UsageError("table \(id): \(error.description)")
      }
    }
    for table in tables {
      try check(table.id) {
        guard !table.variants.isEmpty, !table.datasets.isEmpty else { throw UsageError("lists no variants or no datasets") }
        guard !table.seeds.isEmpty, Set(table.seeds).count == table.seeds.count else { throw UsageError("needs one or more distinct seeds") }
        guard !table.metrics.isEmpty else { throw UsageError("shows no metrics") }
        if table.steps != nil && table.epochs != nil { throw UsageError("gives both steps and epochs") }
        for (label, value) in [("steps", table.steps), ("epochs", table.epochs), ("batchSize", table.batchSize)] {
          if let value, value <= 0 { throw UsageError("\(label) must be positive, got \(value)") }
        }
        for variant in table.variants { _ = try registry.variant(named: variant) }
        for dataset in table.datasets { try Self.checkDatasetName(dataset) }
        for objective in table.objectives ?? [] { _ = try registry.objective(objective) }
        for metric in table.metrics { _ = try self.metric(named: metric) }
        _ = try rows(of: table, registry: registry)
      }
    }
    _ = try experiments(registry: registry)
    for table in sideBySide ?? [] {
      try check(table.id) {
        guard !table.models.isEmpty, Set(table.models).count == table.models.count else { throw UsageError("needs one or more distinct models") }
        guard !table.metrics.isEmpty else { throw UsageError("shows no metrics") }
        guard !table.records.isEmpty, !table.records.hasPrefix("/") else { throw UsageError("records must be a folder of the repository") }
        for metric in table.metrics { _ = try self.metric(named: metric) }
      }
    }
  }

  /// Whether `name` is kebab-case: lower-case letters, digits and -, not empty.
  static func isKebabCase(_ name: String) -> Bool {
    !name.isEmpty && name.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" }
  }

  /// A dataset the catalog names (options are checked when the data loads), or a folder.
  private static func checkDatasetName(_ text: String) throws {
    let name = try DatasetSpecification(text).name
    guard DataCatalog.names.contains(name) || DatasetSpecification.isFolder(name) else {
      throw UsageError(unknown: name, kind: "dataset", valid: DataCatalog.names + ["or a folder of images"])
    }
  }
}
