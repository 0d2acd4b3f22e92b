/// What a results suite will do for one experiment, and why.
public struct PlannedRun: Sendable {
  /// The suite's next step for the experiment.
  public enum Action: Equatable, Sendable {
    /// Its summary matches the resolved configuration: nothing to do.
    case reuse
    /// Train it from the start (no run directory, or none that matches).
    case train
    /// Continue its interrupted run from the checkpoint at this step.
    case resume(fromStep: Int)
    /// Its run finished; evaluate it and write its summary.
    case evaluate
  }

  public var experiment: Experiment
  public var action: Action
  /// What the experiment resolves to today.
  public var configuration: ResolvedConfiguration
  /// Why, when it is worth saying (a run directory set aside, a summary that no longer matches).
  public var note: String?

  public init(experiment: Experiment, action: Action, configuration: ResolvedConfiguration, note: String? = nil) {
    self.experiment = experiment
    self.action = action
    self.configuration = configuration
    self.note = note
  }

  /// The steps left to train.
  public var remainingSteps: Int {
    switch action {
    case .reuse, .evaluate: return 0
    case .train: return configuration.steps
    case .resume(let step): return configuration.steps - step
    }
  }
}
