/// The side-by-side tables of RESULTS.md: each model of the zoo beside its PyTorch reference.
extension ResultsDocument {
  /// The section of `table`: its heading and text, then per model and schedule a row for the
  /// zoo and one for the PyTorch reference, each the mean ± standard deviation over the seeds of
  /// its records; a model without records says *not run*. Each record's machine joins
  /// `machines`, listed at the end of the document.
  func sideBySideSection(_ table: SideBySideTableSpecification, machines: inout [String]) throws -> [String] {
    let columns = try table.metrics.map { try specification.metric(named: $0) }
    let records = sideBySideRecords[table.records] ?? []
    var lines = ["## \(table.title)", ""]
    for paragraph in table.text ?? [] { lines += [paragraph, ""] }
    lines += [
      "Records: `\(table.records)/`, one per model, side and seed, written by `Tests/Fidelity/side-by-side.py`. Each row is one side "
        + "of one model, the zoo's variant or the PyTorch reference of `shared/bench/reference.py`, with the mean ± standard deviation "
        + "over its seeds; *training time* is the time in training steps per run.",
      "",
    ]
    let header = ["model", "side", "schedule", "steps × batch", "seeds"] + columns.map(\.fullHeading) + ["software", "machine"]
    lines.append("| " + header.joined(separator: " | ") + " |")
    lines.append("|" + String(repeating: "---|", count: header.count))
    for model in table.models {
      let own = records.filter { $0.model == model }
      guard !own.isEmpty else {
        lines.append("| " + (["`\(model)`", "not run"] + Array(repeating: "–", count: header.count - 2)).joined(separator: " | ") + " |")
        continue
      }
      var schedules: [String] = [], sides = ["zoo", "pytorch"]
      for record in own.sorted(by: { ($0.epochs ?? 0, $0.schedule) < ($1.epochs ?? 0, $1.schedule) }) {
        if !schedules.contains(record.schedule) { schedules.append(record.schedule) }
        if !sides.contains(record.side) { sides.append(record.side) }
      }
      for schedule in schedules {
        for side in sides {
          let group = own.filter { $0.schedule == schedule && $0.side == side }.sorted { $0.seed < $1.seed }
          guard let first = group.first else { continue }
          lines.append("| " + sideBySideCells(group, first: first, columns: columns, machines: &machines).joined(separator: " | ") + " |")
        }
      }
    }
    lines.append("")
    return lines
  }

  /// The cells of one side of one model on one schedule, `first` the record of its first seed.
  private func sideBySideCells(_ group: [SideBySideRecord], first: SideBySideRecord, columns: [ResultMetric], machines: inout [String]) -> [String] {
    let side = first.side == "zoo" ? "zoo `\(first.variant)`" : first.side == "pytorch" ? "PyTorch `\(first.reference)`" : first.side
    let schedule = first.epochs.map { "\($0) epoch\($0 == 1 ? "" : "s")" } ?? first.training("steps").map { "\(Self.grouped(Int($0))) steps" } ?? first.schedule
    let steps = first.training("steps").map { Self.grouped(Int($0)) } ?? "?"
    let batch = first.training("batchSize").map { String(Int($0)) } ?? "?"
    var cells = ["`\(first.model)`", side, schedule, "\(steps) × \(batch)", group.map { String($0.seed) }.joined(separator: ", ")]
    cells += columns.map { Self.cell($0, metrics: group.map(\.reports)) }
    var software: [String] = [], rowMachines: [String] = []
    for record in group {
      if !software.contains(record.software) { software.append(record.software) }
      let id = Self.machineID(record.machine, threads: record.training("threads").map { String(Int($0)) } ?? "?", machines: &machines)
      if !rowMachines.contains(id) { rowMachines.append(id) }
    }
    return cells + [software.joined(separator: ", "), rowMachines.joined(separator: ", ")]
  }
}
