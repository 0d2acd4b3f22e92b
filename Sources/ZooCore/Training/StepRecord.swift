/// What one training iteration reports: its loss terms and its diagnostics, each named by the
/// trainer. Logging, progress and the divergence check read these; none of them lives in the
/// loop, and none assumes a GAN: the loss log has one column per term, in the trainer's order.
public struct StepRecord: Sendable, Equatable {
  /// One named value ("discriminator", "generator", "penalty", "reconstruction", "mean_d_real", …).
  public struct Term: Sendable, Equatable {
    public var name: String
    public var value: Double
    public init(_ name: String, _ value: Double) {
      self.name = name
      self.value = value
    }
  }

  /// The iteration's number, counted from 1 (set by the loop).
  public var step: Int
  /// Real samples the iteration consumed.
  public var samplesConsumed: Int
  /// The losses minimised, in a fixed order for a given trainer; the loop stops when one is not
  /// finite. Logged as `loss_<name>`.
  public var losses: [Term]
  /// Values worth watching that are not minimised, such as the discriminator's mean scores on
  /// real and generated samples (mean D(x), mean D(G(z))), in a fixed order. Logged by name.
  public var diagnostics: [Term]

  public init(step: Int = 0, samplesConsumed: Int, losses: [Term], diagnostics: [Term] = []) {
    self.step = step
    self.samplesConsumed = samplesConsumed
    self.losses = losses
    self.diagnostics = diagnostics
  }

  /// The value of the loss term `name`.
  public func loss(_ name: String) -> Double? { losses.first { $0.name == name }?.value }

  /// The value of the diagnostic `name`.
  public func diagnostic(_ name: String) -> Double? { diagnostics.first { $0.name == name }?.value }
}
