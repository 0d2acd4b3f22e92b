import Foundation

/// The report as the table `zoo score` prints.
extension ScoreReport {
  /// A header naming the sets and features, then one row per metric with the generated set's
  /// value beside the floor's, then the classifier's judgement of the generated set.
  public var table: String {
    func shape(_ set: SetInfo) -> String { "\(set.count) samples of \(ScoreError.text(set.shape))" }
    var lines = [
      "features: " + (features == .classifier ? "the \(dataset ?? "") reference classifier's, \(featureDimension)-D" : "pixels in [0, 1], \(featureDimension)-D"),
      "real: \(real.source) (\(shape(real)))",
      "fake: \(fake.source) (\(shape(fake)))",
    ]
    if let floorSamples { lines.append("floor: \(floorSamples.source) in place of the fake samples") }
    lines.append("")
    var rows: [[String]] = [["metric", "fake"] + (floor == nil ? [] : ["floor"])]
    func row(_ name: String, _ value: (Metrics) -> String?, floorText: String? = nil) {
      guard let fakeValue = value(metrics) else { return }
      rows.append([name, fakeValue] + (floor == nil ? [] : [floorText ?? floor.flatMap(value) ?? "—"]))
    }
    let m = metrics
    row("Fréchet distance", { Self.number($0.frechetDistance.distance) })
    row("kernel distance (\(m.kernelDistance.subsetCount) × \(m.kernelDistance.subsetSize))", {
      Self.number($0.kernelDistance.mean) + " ± " + Self.number($0.kernelDistance.standardDeviation, digits: 2)
    })
    row("precision (k = \(m.precisionRecall.k))", { String(format: "%.4f", $0.precisionRecall.precision) })
    row("recall (k = \(m.precisionRecall.k))", { String(format: "%.4f", $0.precisionRecall.recall) })
    row("density (k = \(m.densityCoverage.k))", { String(format: "%.4f", $0.densityCoverage.density) })
    row("coverage (k = \(m.densityCoverage.k))", { String(format: "%.4f", $0.densityCoverage.coverage) })
    row("memorisation: median NN distance ratio", { $0.memorisation.map { $0.medianRatio.map { String(format: "%.3f", $0) } ?? "n/a" } }, floorText: "1 by definition")
    row("memorisation: nearer than test's 1st pct", { $0.memorisation.map { String(format: "%.2f%%", 100 * $0.closeShare) } }, floorText: "1% by definition")
    row("memorisation: exact copies", { $0.memorisation.map { "\($0.exactCopyCount)" } }, floorText: "—")
    row("data-copying C_T (\(m.dataCopying?.cellCount ?? 0) cells)", { $0.dataCopying.map { String(format: "%.2f", $0.statistic) } }, floorText: "—")
    row("Parzen log-likelihood, pixels", {
      $0.parzenWindow.map { String(format: "%.1f ± %.1f (σ %.3f)", $0.logLikelihood, $0.standardError, $0.sigma) }
    })
    let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max()! }
    for row in rows {
      lines.append(row.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }
        .joined(separator: "   ").trimmingCharacters(in: .whitespaces))
    }
    if let classifierJudgement { lines += [""] + classifierJudgement.summary }
    return lines.joined(separator: "\n")
  }

  /// Four significant digits, plain for moderate magnitudes.
  static func number(_ value: Double, digits: Int = 4) -> String {
    String(format: "%.\(digits)g", value)
  }
}
