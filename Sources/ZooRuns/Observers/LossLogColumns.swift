/// Columns an observer adds to the loss log: figures it measures now and then rather than at
/// every step (a likelihood model's held-out bound after every epoch). The log writes them after
/// the trainer's terms, empty on the steps they were not measured; list the observer before the
/// loss log, so it has measured a step by the time the log writes that step's row.
public protocol LossLogColumns: AnyObject {
  /// The columns' names, fixed for a run.
  var columns: [String] { get }
  /// The values measured after `step`, one per column; `nil` when nothing was measured then.
  func values(atStep step: Int) -> [Double]?
}
