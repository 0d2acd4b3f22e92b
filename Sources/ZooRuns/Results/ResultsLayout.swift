import Foundation

/// Where a results suite keeps its files, all relative to the repository's root: the
/// specification (`results/spec.json`), the committed run summaries (`results/summaries/`) and
/// figures (`results/figures/`), the document (`RESULTS.md`), and the run directories, which are
/// not committed (`runs/results/`).
public struct ResultsLayout: Sendable {
  /// The repository's root: the current directory for `zoo results`.
  public var root: URL
  public var specification: String
  public var summaries: String
  public var figures: String
  public var document: String
  public var runs: String

  public init(
    root: URL, specification: String = "results/spec.json", summaries: String = "results/summaries", figures: String = "results/figures",
    document: String = "RESULTS.md", runs: String = "runs/results"
  ) {
    self.root = root.standardizedFileURL
    self.specification = specification
    self.summaries = summaries
    self.figures = figures
    self.document = document
    self.runs = runs
  }

  /// `path` under the root (an absolute path stays as it is).
  public func url(_ path: String) -> URL {
    path.hasPrefix("/") ? URL(fileURLWithPath: path) : root.appendingPathComponent(path)
  }

  /// The summary of the run `name`.
  public func summary(of name: String) -> URL { url(summaries).appendingPathComponent(name + ".json") }

  /// The run directory of `name`.
  public func runDirectory(of name: String) -> URL { url(runs).appendingPathComponent(name) }

  /// The samples figure of run `name`, relative to the root (as documents link it).
  public func figure(of name: String) -> String { figures + "/" + name + ".png" }
}
