/// The progress of a computation made of several passes of similar cost, reported as one count:
/// pass p of P at (done of total) is reported as (p · 1000 + 1000 · done / total, P · 1000).
struct StepProgress {
  /// P.
  let total: Int
  /// Where the overall progress goes.
  let report: ((Int, Int) -> Void)?
  private var pass = 0

  init(total: Int, report: ((Int, Int) -> Void)?) {
    self.total = total
    self.report = report
  }

  /// The progress callback of the next pass.
  mutating func next() -> ((Int, Int) -> Void)? {
    defer { pass += 1 }
    guard let report else { return nil }
    let base = pass * 1000, overall = total * 1000
    return { done, of in report(base + (of > 0 ? 1000 * done / of : 1000), overall) }
  }
}
