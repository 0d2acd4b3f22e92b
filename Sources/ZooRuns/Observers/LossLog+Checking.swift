import Foundation

extension LossLog {
  /// Reads a loss log for a reader that must trust every number (`zoo compare`), refusing one
  /// that is damaged: a header without `step,images_seen,seconds` in front, a row with another
  /// number of cells than the header, a cell that is not a number, or steps that do not increase.
  /// An empty cell of a term is a step at which it was not measured (NaN).
  /// A last line without its newline is left out: the run may be writing it right now.
  /// - Throws: `UsageError` naming the file, the line and what is wrong with it.
  public static func readChecked(from url: URL) throws -> Contents {
    guard let text = try? String(contentsOf: url, encoding: .utf8) else {
      throw UsageError("\(url.path) cannot be read as text")
    }
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    // The piece after the last newline: empty for a complete file, a row being written otherwise.
    lines.removeLast()
    guard let header = lines.first else { throw UsageError("\(url.path) is empty: the run has not logged a step") }
    let columns = header.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    guard Array(columns.prefix(3)) == ["step", "images_seen", "seconds"], columns.count > 3, !columns.contains("") else {
      throw UsageError("\(url.path) line 1 is not a loss log header (step,images_seen,seconds,<term>…): '\(header.prefix(80))'")
    }
    var rows: [[Double]] = []
    for (index, line) in lines.enumerated().dropFirst() {
      let cells = line.split(separator: ",", omittingEmptySubsequences: false)
      guard cells.count == columns.count else {
        throw UsageError("\(url.path) line \(index + 1) has \(cells.count) cells where the header has \(columns.count)")
      }
      var row: [Double] = []
      for (position, (column, cell)) in zip(columns, cells).enumerated() {
        // A column measured now and then (`test_negative_elbo`) is empty between measurements.
        if cell.isEmpty && position >= 3 {
          row.append(.nan)
          continue
        }
        guard let value = Double(cell) else {
          throw UsageError("\(url.path) line \(index + 1), column \(column): '\(cell.prefix(40))' is not a number")
        }
        row.append(value)
      }
      if let previous = rows.last, row[0] <= previous[0] {
        throw UsageError("\(url.path) line \(index + 1): step \(ObjectiveSpecification.format(row[0])) follows step \(ObjectiveSpecification.format(previous[0]))")
      }
      rows.append(row)
    }
    return Contents(columns: columns, rows: rows)
  }
}
