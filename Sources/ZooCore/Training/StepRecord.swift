/// What one training iteration reports: its loss terms and the discriminator's mean scores.
/// Logging, progress and the divergence check read these; none of them lives in the loop.
public struct StepRecord: Sendable, Equatable {
  /// One named loss value ("discriminator", "generator", "penalty", "reconstruction", …).
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
  /// The loss terms, in a fixed order for a given trainer.
  public var losses: [Term]
  /// Mean D(x) over the real samples of the last discriminator step, as the objective reads it.
  public var meanRealScore: Double?
  /// Mean D(G(z)) over the generated samples of the generator step.
  public var meanFakeScore: Double?

  public init(step: Int = 0, samplesConsumed: Int, losses: [Term], meanRealScore: Double? = nil, meanFakeScore: Double? = nil) {
    self.step = step
    self.samplesConsumed = samplesConsumed
    self.losses = losses
    self.meanRealScore = meanRealScore
    self.meanFakeScore = meanFakeScore
  }

  /// The value of the loss term `name`.
  public func loss(_ name: String) -> Double? { losses.first { $0.name == name }?.value }
}
