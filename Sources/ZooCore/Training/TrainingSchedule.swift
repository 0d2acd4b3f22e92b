/// How long a run trains and on what minibatch size.
public struct TrainingSchedule: Codable, Sendable, Equatable {
  /// Training iterations.
  public var steps: Int
  /// N, samples per minibatch.
  public var batchSize: Int

  public init(steps: Int, batchSize: Int) {
    self.steps = steps
    self.batchSize = batchSize
  }
}
