import Foundation
import ZooEvaluation

/// The loss curves of several runs in one picture, and a table of their final metrics: what
/// `zoo compare` draws and prints.
///
/// Every term a loss log names (D and G losses, a penalty, mean D(x) and D(G(z)), a VAE's
/// reconstruction and KL, each level of a LAPGAN) gets one panel, holding the curve of every run
/// that logs it: the terms all runs share come first, then those only some have (their panel
/// says how many). Runs are grouped by a key (objective, variant or dataset) and a group keeps
/// one colour in every panel, lighter shades telling its runs apart. Runs of different variants,
/// datasets and lengths compare; each curve has its own x values (step, samples seen or training
/// seconds).
///
/// ```swift
/// let comparison = try RunComparison([URL(fileURLWithPath: "runs")], groupBy: .variant)
/// try comparison.figure().write(toFile: "compare.png")
/// print(comparison.metricsTable().markdown)
/// ```
public struct RunComparison {
  /// The runs, in the order given (a folder's runs by path).
  public let runs: [ComparedRun]
  public var groupBy: ComparisonKey
  public var axis: ComparisonAxis
  /// The trailing moving average's length in logged steps; 1 draws the raw values.
  public var smoothing: Int
  /// Metric columns of the table besides `ResultMetric.standard`.
  public var extraMetrics: [ResultMetric] = []

  /// Reads every run `locations` name: a run directory, or a folder whose runs (every folder
  /// below it holding a config.json) all join.
  /// - Throws: `UsageError` for a path that does not exist, a folder that is neither a run nor
  ///   holds one, a run without a loss log or with a damaged one, and runs that have no loss term
  ///   in common (no term logged by two of them): each names the path and why.
  public init(_ locations: [URL], groupBy: ComparisonKey = .variant, axis: ComparisonAxis = .step, smoothing: Int = 1) throws {
    guard !locations.isEmpty else { throw UsageError("name at least one run directory, or a folder of runs") }
    guard smoothing >= 1 else { throw UsageError("--smooth must be 1 or more logged steps, got \(smoothing)") }
    var views: [RunView] = []
    for location in locations {
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: location.path, isDirectory: &isFolder) else {
        throw UsageError("\(location.path): no such run directory or folder")
      }
      guard isFolder.boolValue else { throw UsageError("\(location.path) is a file, not a run directory or a folder of runs") }
      let found = try RunView.all(under: location)
      guard !found.isEmpty else {
        throw UsageError("\(location.path) is not a run directory (no \(RunDirectory.configurationFile)) and holds no runs")
      }
      for view in found where !views.contains(where: { $0.directory == view.directory }) { views.append(view) }
    }
    var runs = try views.map(ComparedRun.init)
    let names = runs.map(\.name)
    for index in runs.indices where names.filter({ $0 == runs[index].name }).count > 1 {
      runs[index].name = runs[index].view.directory.url.pathComponents.suffix(2).joined(separator: "/")
    }
    self.runs = runs
    self.groupBy = groupBy
    self.axis = axis
    self.smoothing = smoothing
    if runs.count > 1 && !terms.contains(where: { $0.runs.count > 1 }) {
      let listing = runs.map { "\($0.name) logs \($0.terms.joined(separator: ", "))" }.joined(separator: "; ")
      throw UsageError("these runs have nothing in common to compare: no loss term is logged by more than one of them (\(listing))")
    }
  }

  /// Each term and the runs (indices into `runs`) that log it: the terms every run logs first,
  /// then the others, each group in the order the runs first log them.
  public var terms: [(term: String, runs: [Int])] {
    var order: [String] = []
    for run in runs { for term in run.terms where !order.contains(term) { order.append(term) } }
    let all = order.map { term in (term: term, runs: runs.indices.filter { runs[$0].terms.contains(term) }) }
    return all.filter { $0.runs.count == runs.count } + all.filter { $0.runs.count < runs.count }
  }

  /// The groups' names, sorted, each with its runs (indices into `runs`).
  public var groups: [(name: String, runs: [Int])] {
    let names = Set(runs.map { $0.group(by: groupBy) }).sorted()
    return names.map { name in (name, runs.indices.filter { runs[$0].group(by: groupBy) == name }) }
  }

  /// The colour of run `index`: its group's palette colour, lighter for each later run of the group.
  public func color(ofRun index: Int) -> Color {
    let groups = self.groups
    let group = groups.firstIndex { $0.runs.contains(index) }!
    let rank = groups[group].runs.firstIndex(of: index)!
    return Color.series(group).blended(with: .white, amount: min(0.6, 0.3 * Double(rank)))
  }

  /// The picture: a shared legend of the groups and one panel per term.
  public func figure(title: String? = nil) -> PanelFigure {
    let smoothingNote = smoothing > 1 ? ", moving average over \(smoothing) logged steps" : ""
    var figure = PanelFigure(title: title ?? "loss curves of \(runs.count) run\(runs.count == 1 ? "" : "s") by \(groupBy.rawValue)\(smoothingNote)")
    figure.legend = groups.map { group in
      PanelFigure.LegendEntry(
        name: group.runs.count == 1 ? group.name : "\(group.name) (\(group.runs.count) runs)", color: color(ofRun: group.runs[0]))
    }
    figure.columns = min(3, max(1, terms.count))
    figure.panels = terms.map { entry in
      let share = entry.runs.count == runs.count ? "" : " (\(entry.runs.count) of \(runs.count) runs)"
      let curves = entry.runs.map { index in
        let run = runs[index]
        let measured = Self.measured(x: run.losses.values(of: axis.column)!, y: run.losses.values(of: entry.term)!)
        let thinned = Self.thinned(x: measured.x, y: Self.smoothed(measured.y, over: smoothing))
        return PanelFigure.Curve(x: thinned.x, y: thinned.y, color: color(ofRun: index))
      }
      return PanelFigure.Panel(title: Self.title(of: entry.term) + share, xLabel: axis.label, yLabel: Self.unit(of: entry.term), curves: curves)
    }
    return figure
  }

  /// Every run's final metrics: the metric columns any run has a value for, and the numeric
  /// fields of reports no column reads (a metric added to the evaluation plan shows at once).
  public func metricsTable() -> MetricsTable {
    MetricsTable(runs: runs, groupBy: groupBy, columns: ResultMetric.standard + extraMetrics)
  }

  /// Writes the picture to `url` (PNG) and the table beside it (same name, .md and .csv); the
  /// three files.
  @discardableResult
  public func write(to url: URL, title: String? = nil) throws -> [URL] {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try figure(title: title).write(toFile: url.path)
    let table = metricsTable()
    let base = url.deletingPathExtension()
    let markdown = base.appendingPathExtension("md"), csv = base.appendingPathExtension("csv")
    try Data(table.markdown.utf8).write(to: markdown, options: .atomic)
    try Data(table.csv.utf8).write(to: csv, options: .atomic)
    return [url, markdown, csv]
  }

  /// A panel's title for a loss log column: "discriminator loss", "mean D(x)".
  public static func title(of term: String) -> String {
    switch term {
    case "mean_d_real": return "mean D(x)"
    case "mean_d_fake": return "mean D(G(z))"
    default:
      if term.hasPrefix("loss_") { return term.dropFirst(5).replacingOccurrences(of: "_", with: " ") + " loss" }
      return term.replacingOccurrences(of: "_", with: " ")
    }
  }

  /// A panel's y label.
  static func unit(of term: String) -> String {
    if term.hasPrefix("loss_") { return "loss" }
    if term.hasPrefix("mean_d_") { return "discriminator output" }
    return term.replacingOccurrences(of: "_", with: " ")
  }

  /// The steps at which a column was measured: all of them for a loss, every epoch's for a
  /// held-out column (`test_…`, empty in the log between measurements), so smoothing and
  /// thinning work on measurements and cannot drop the sparse ones.
  static func measured(x: [Double], y: [Double]) -> (x: [Double], y: [Double]) {
    let kept = y.indices.filter { y[$0].isFinite }
    guard kept.count < y.count else { return (x, y) }
    return (kept.map { x[$0] }, kept.map { y[$0] })
  }

  /// The trailing mean over `window` values (the finite ones; NaN where a window has none).
  static func smoothed(_ values: [Double], over window: Int) -> [Double] {
    guard window > 1 else { return values }
    var result: [Double] = [], sum = 0.0, count = 0
    result.reserveCapacity(values.count)
    for index in values.indices {
      if values[index].isFinite { sum += values[index]; count += 1 }
      if index >= window, values[index - window].isFinite { sum -= values[index - window]; count -= 1 }
      result.append(count > 0 ? sum / Double(count) : .nan)
    }
    return result
  }

  /// At most about `limit` points, evenly strided, the last one kept: the panels are some 500
  /// pixels wide.
  static func thinned(x: [Double], y: [Double], limit: Int = 2000) -> (x: [Double], y: [Double]) {
    let stride = max(1, x.count / limit)
    guard stride > 1 else { return (x, y) }
    var indices = Array(Swift.stride(from: 0, to: x.count, by: stride))
    if indices.last != x.count - 1 { indices.append(x.count - 1) }
    return (indices.map { x[$0] }, indices.map { y[$0] })
  }
}
