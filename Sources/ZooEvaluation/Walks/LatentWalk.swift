import NeuralNetworks
import TensorBackend
import ZooCore

/// One walk through a generator's latent space: points in the part of the noise a walk moves
/// (`Generator.walkedLatent`, L coordinates), the rest of the noise taken from one base noise
/// row and held fixed along the walk, under one class for a conditional generator.
public struct LatentWalk: Sendable, Equatable {
  /// The walk's points, each L coordinates.
  public var points: [[Double]]
  /// The row of the base noise whose other parts every point keeps.
  public var baseRow: Int
  /// The class every point is drawn as (conditional generators), else `nil`.
  public var label: Int?

  public init(points: [[Double]], baseRow: Int, label: Int? = nil) {
    self.points = points
    self.baseRow = baseRow
    self.label = label
  }

  /// The walked latent of every row of `noise`, as L values per row.
  public static func latentRows(of noise: Tensor, generator: any Generator) -> [[Double]] {
    let latent = generator.walkedLatent(of: noise)
    let width = latent.shape[1], values = latent.scalars
    return (0..<latent.shape[0]).map { Array(values[$0 * width..<($0 + 1) * width]) }
  }

  /// The noise of every point of `walks`, walk after walk: (Σ points, noise shape…), each row
  /// `baseNoise`'s row `baseRow` with its walked part replaced by the point.
  public static func noise(for walks: [LatentWalk], generator: any Generator, baseNoise: Tensor) -> Tensor {
    let rows = walks.flatMap { walk in Array(repeating: walk.baseRow, count: walk.points.count) }
    let flat = baseNoise.reshaped(to: [baseNoise.shape[0], -1]).gathered(rows: rows)
    let base = flat.reshaped(to: [rows.count] + baseNoise.shape.dropFirst())
    let points = walks.flatMap(\.points)
    let width = points.first?.count ?? 0
    let latent = Tensor(shape: [points.count, width], scalars: points.flatMap { $0 }, dtype: baseNoise.dtype)
    return generator.replacingWalkedLatent(of: base, with: latent)
  }

  /// The images of every point of `walks`, walk after walk (Σ points, sample shape…), drawn in
  /// inference mode; a forward context split off `random` serves any noise the generator draws
  /// itself.
  public static func draw(_ walks: [LatentWalk], from generator: any Generator, baseNoise: Tensor, using random: inout SplitMix64) -> Tensor {
    let noise = noise(for: walks, generator: generator, baseNoise: baseNoise)
    let labels = walks.flatMap { walk in walk.label.map { Array(repeating: $0, count: walk.points.count) } ?? [] }
    precondition(labels.isEmpty || labels.count == noise.shape[0], "LatentWalk.draw: every walk or none has a class")
    var context = ForwardContext(training: false, generator: random.split())
    return Sampling.generate(generator, noise: noise, condition: labels.isEmpty ? nil : Sampling.condition(labels: labels), context: &context)
  }
}
