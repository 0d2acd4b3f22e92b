import Foundation

/// The final metrics of compared runs, one row per run, as Markdown (for reading) and CSV (for
/// a spreadsheet): the run, its group, variant, dataset, objective, steps and training seconds,
/// then the metric columns any run has a value for, then the numeric fields of every report no
/// column reads (`frechet-distance.distance`), so a metric added to the evaluation plan shows
/// without a change here.
public struct MetricsTable {
  /// The header.
  public let columns: [String]
  /// Each run's cells, formatted for Markdown.
  public let formatted: [[String]]
  /// Each run's cells at full precision for CSV (empty where there is no value).
  public let raw: [[String]]

  init(runs: [ComparedRun], groupBy: ComparisonKey, columns metricColumns: [ResultMetric]) {
    let reports = runs.map { $0.metrics?.metrics ?? [:] }
    let shown = metricColumns.filter { column in runs.contains { column.value(in: $0.metrics) != nil } }
    let read = Set(shown.map(\.report))
    var fields: [(report: String, path: String)] = []
    for key in Set(reports.flatMap(\.keys)).subtracting(read).sorted() {
      var paths: [String] = []
      for report in reports.compactMap({ $0[key] }) {
        for (path, _) in TensorBoardLogger.numbers(in: report) where !path.contains(".") && !paths.contains(path) { paths.append(path) }
      }
      fields += paths.sorted().map { (key, $0) }
    }
    columns = ["run", "group (\(groupBy.rawValue))", "variant", "dataset", "objective", "steps", "training seconds"]
      + shown.map(\.heading) + fields.map { "\($0.report).\($0.path)" }
    var formatted: [[String]] = [], raw: [[String]] = []
    for (run, report) in zip(runs, reports) {
      let configuration = run.view.configuration
      let step = run.losses.rows.last.map { Int($0[0]) } ?? 0
      let seconds = run.losses.values(of: "seconds")?.last ?? 0
      let leading = [run.name, run.group(by: groupBy), configuration.variant, configuration.dataset, configuration.objective ?? "",
                     "\(step)/\(configuration.steps)"]
      var pretty = leading + [String(format: "%.1f", seconds)], plain = leading + ["\(seconds)"]
      for column in shown {
        let value = column.value(in: run.metrics)
        pretty.append(value.map(column.format) ?? "–")
        plain.append(value.map { "\($0)" } ?? "")
      }
      for field in fields {
        let value = report[field.report].flatMap { report in TensorBoardLogger.numbers(in: report).first { $0.0 == field.path }?.1 }
        pretty.append(value.map { String(format: "%.4g", $0) } ?? "–")
        plain.append(value.map { "\($0)" } ?? "")
      }
      formatted.append(pretty)
      raw.append(plain)
    }
    self.formatted = formatted
    self.raw = raw
  }

  /// The table in Markdown.
  public var markdown: String {
    let lines = ["| " + columns.joined(separator: " | ") + " |", "|" + String(repeating: "---|", count: columns.count)]
      + formatted.map { "| " + $0.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |" }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The table as CSV (RFC 4180 quoting).
  public var csv: String {
    ([columns] + raw).map { $0.map(Self.quoted).joined(separator: ",") }.joined(separator: "\n") + "\n"
  }

  private static func quoted(_ cell: String) -> String {
    guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return cell }
    return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
