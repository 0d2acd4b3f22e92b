import NeuralNetworks
import TensorBackend
import ZooCore

/// The sampler of LAPGAN: the levels' generators chained coarse to fine (Denton et al. 2015,
/// eq. 2 and figure 1),
///
///     x₀ = G₀(z),   xₖ = lₖ + Gₖ(lₖ, nₖ) with lₖ = u(xₖ₋₁)   (k = 1 … L−1),
///
/// u the bilinear 2× upsampling of `LaplacianPyramid`. This is the one `Generator` the rest of the
/// zoo sees, so sampling, snapshots and metrics treat LAPGAN as any other model; the levels
/// themselves train apart, each on the real pyramid (`PyramidTrainer`).
///
/// Its noise is every level's, drawn by the levels' own `makeNoise` and laid side by side:
/// (N, Z + S₁² + … + S_{L−1}²), z ~ N(0, I) then one uniform plane per finer level, so fixed noise
/// fixes every level (snapshots) and one random stream draws all of it. Each drawn level is
/// clamped to the data's value range, where every real pyramid level lies (averages of pixels in
/// it); the residual generators have no output non-linearity, so the sum may stray. Images of a
/// side a little below the model's (28×28 digits on the 32×32 pyramid) are cropped from the
/// centre of the finest level.
public class PyramidGenerator: MultiscaleGenerator {
  /// G₀: the reference's perceptron (`CoarseGenerator`) or the small convolutional generator
  /// (`CoarseConvolutionalGenerator`, `coarseNetworks=convolutional`).
  public let coarsest: any Generator
  /// K when every level draws a chosen class (CC-LAPGAN), else nil.
  public let conditionalClassCount: Int?
  /// G₁ … G_{L−1}.
  public let refinements: [ResidualGenerator]
  /// The range every level is clamped to.
  public let valueRange: ClosedRange<Double>
  /// The pixels cropped from every side of the finest level.
  public let margin: Int

  public init(coarsest: any Generator, conditionalClassCount: Int? = nil, refinements: [ResidualGenerator], valueRange: ClosedRange<Double>, margin: Int) {
    self.coarsest = coarsest
    self.conditionalClassCount = conditionalClassCount
    self.refinements = refinements
    self.valueRange = valueRange
    self.margin = margin
  }

  /// Z + Σ Sₖ², the length of the noise.
  public var latentDimension: Int { coarsest.latentDimension + refinements.reduce(0) { $0 + $1.latentDimension } }

  /// (C, S − 2m, S − 2m).
  public var sampleShape: [Int] {
    let finest = refinements.last?.sampleShape ?? coarsest.sampleShape
    return [finest[0], finest[1] - 2 * margin, finest[2] - 2 * margin]
  }

  /// The level generators as "level0", "level1", … (their tensors as in the trainer's checkpoint,
  /// under "levelk.generator." there).
  public var sublayers: [(name: String, layer: any Layer)] {
    [("level0", coarsest as any Layer)] + refinements.enumerated().map { ("level\($0.offset + 1)", $0.element as any Layer) }
  }

  /// [z, n₁, …, n_{L−1}] (N, Z + Σ Sₖ²), each part drawn by its level in turn.
  public func makeNoise(count: Int, using generator: inout SplitMix64) -> Tensor {
    let parts = [coarsest.makeNoise(count: count, using: &generator)]
      + refinements.map { $0.makeNoise(count: count, using: &generator).reshaped(to: [count, $0.latentDimension]) }
    return parts.count == 1 ? parts[0] : Tensor.concatenate(parts, alongAxis: 1)
  }

  /// x₀ … x_{L−1}, each (N, C, Sₖ, Sₖ) and clamped to the value range; `condition` is the class
  /// labels (N) of a class-conditional pyramid, else ignored.
  public func levels(noise: Tensor, condition: Tensor?, context: inout ForwardContext) -> [Tensor] {
    precondition(noise.rank == 2 && noise.shape[1] == latentDimension, "lapgan generator: expects noise (N, \(latentDimension)), got \(noise.shape)")
    let n = noise.shape[0]
    let labels = classLabels(condition, count: n)
    var offset = coarsest.latentDimension
    var x = clamp(coarsest(noise: noise.sliced(alongAxis: 1, 0..<offset), condition: labels, context: &context), to: valueRange)
    var result = [x]
    for level in refinements {
      let coarse = upsampleBilinear(x, factor: 2)
      let plane = noise.sliced(alongAxis: 1, offset..<offset + level.latentDimension)
      offset += level.latentDimension
      let residual = level(noise: plane, condition: CoarseCondition.make(coarse: coarse, labels: level.classCount == nil ? nil : labels), context: &context)
      x = clamp(coarse + residual, to: valueRange)
      result.append(x)
    }
    return result
  }

  /// The finest level, cropped to the data's size: (N, C, S − 2m, S − 2m).
  public func callAsFunction(noise: Tensor, condition: Tensor?, context: inout ForwardContext) -> Tensor {
    let finest = levels(noise: noise, condition: condition, context: &context).last!
    guard margin > 0 else { return finest }
    let side = finest.shape[2]
    return finest.sliced(alongAxis: 2, margin..<side - margin).sliced(alongAxis: 3, margin..<side - margin)
  }

  /// The labels the class-conditional levels read: `condition` as given, or for none sample i's
  /// class i mod K; nil for an unconditional pyramid.
  func classLabels(_ condition: Tensor?, count: Int) -> Tensor? {
    guard let classCount = conditionalClassCount else { return nil }
    return condition ?? Tensor(shape: [count], scalars: (0..<count).map { Double($0 % classCount) })
  }
}
