import Testing
import TensorBackend
import ZooCore

/// A seeded short run against its recorded loss trajectory, the golden test every variant's
/// tests keep: `steps` iterations of `trainer` on `data`, the discriminator's and generator's
/// losses compared with `recorded` ([D₁, G₁, D₂, G₂, …]) within `tolerance` on both sides.
///
/// Re-record on purpose only (when the model, the loop or the random draws change): the failure
/// message prints the whole trajectory to paste.
public func checkGoldenRun(
  _ trainer: any Trainer, data: any BatchSource, steps: Int, using generator: inout SplitMix64, recorded: [Double],
  tolerance: Double = 1e-4, label: String = "", sourceLocation: SourceLocation = #_sourceLocation
) throws {
  var source = data
  var trajectory: [Double] = []
  for _ in 0..<steps {
    let record = try trainer.step(data: &source, using: &generator)
    trajectory += [record.loss("discriminator")!, record.loss("generator")!]
  }
  let prefix = label.isEmpty ? "" : label + " "
  #expect(recorded.count == trajectory.count, "\(prefix)trajectory: \(trajectory)", sourceLocation: sourceLocation)
  for (index, (actual, expected)) in zip(trajectory, recorded).enumerated() {
    #expect(Swift.abs(actual - expected) <= tolerance,
            "\(prefix)step \(index / 2 + 1) \(index % 2 == 0 ? "D" : "G") loss \(actual), recorded \(expected), tolerance \(tolerance); trajectory \(trajectory)",
            sourceLocation: sourceLocation)
  }
}
