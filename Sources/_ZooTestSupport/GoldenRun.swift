import Testing
import TensorBackend
import ZooCore

/// A seeded short run against its recorded loss trajectory, the golden test every variant's
/// tests keep: `steps` iterations of any `trainer` on `data`, every loss term of every step in
/// the trainer's order ([D₁, G₁, D₂, G₂, …] for a GAN without penalty) compared with `recorded`
/// within `relativeTolerance` of the larger magnitude, |a − b| ≤ tol · max(|a|, |b|), which
/// holds for a WGAN critic's losses near 0 as for a logistic loss near 1.4.
///
/// Re-record on purpose only (when the model, the loop or the random draws change): the failure
/// message prints the whole trajectory to paste.
public func checkGoldenRun(
  _ trainer: any Trainer, data: any BatchSource, steps: Int, using generator: inout SplitMix64, recorded: [Double],
  relativeTolerance: Double = 1e-4, label: String = "", sourceLocation: SourceLocation = #_sourceLocation
) throws {
  var source = data
  var trajectory: [Double] = []
  var names: [String] = []
  for _ in 0..<steps {
    let record = try trainer.step(data: &source, using: &generator)
    names = record.losses.map(\.name)
    trajectory += record.losses.map(\.value)
  }
  let prefix = label.isEmpty ? "" : label + " "
  #expect(recorded.count == trajectory.count, "\(prefix)trajectory: \(trajectory)", sourceLocation: sourceLocation)
  for (index, (actual, expected)) in zip(trajectory, recorded).enumerated() {
    let bound = relativeTolerance * max(Swift.abs(actual), Swift.abs(expected))
    #expect(Swift.abs(actual - expected) <= bound,
            "\(prefix)step \(index / names.count + 1) loss \(names[index % names.count]) \(actual), recorded \(expected), relative tolerance \(relativeTolerance); trajectory \(trajectory)",
            sourceLocation: sourceLocation)
  }
}
