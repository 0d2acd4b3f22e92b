import NeuralNetworks
import TensorBackend
import ZooCore

/// The figure of a generator that draws in levels (Denton et al. 2015, figures 3 and 4): one row
/// per sample, each level's image from coarse to fine, every image enlarged by repeating its
/// pixels to the finest level's size, so a row shows the sample sharpen from left to right.
public enum LevelFigure {
  /// L levels of N images, [(N, C, H₀, W₀), …, (N, C, H, W)], as tiles (N·L, C, H, W): sample i's
  /// levels at rows i·L ..< (i + 1)·L, ready for `SampleGrid(tiles, columns: L)`.
  public static func tiles(_ levels: [Tensor]) -> Tensor {
    precondition(!levels.isEmpty, "LevelFigure: no levels")
    let finest = levels.last!
    let n = finest.shape[0], c = finest.shape[1], h = finest.shape[2], w = finest.shape[3]
    let enlarged = levels.map { level -> Tensor in
      precondition(level.rank == 4 && level.shape[0] == n && level.shape[1] == c && h % level.shape[2] == 0 && h / level.shape[2] == w / level.shape[3],
                   "LevelFigure: level \(level.shape) does not divide the finest level \(finest.shape)")
      let factor = h / level.shape[2]
      return (factor == 1 ? level : upsampleNearest(level, factor: factor)).reshaped(to: [n, 1, c, h, w])
    }
    return Tensor.concatenate(enlarged, alongAxis: 1).reshaped(to: [n * levels.count, c, h, w])
  }

  /// The figure of `count` samples: noise from `generator.makeNoise` with `random`, then the
  /// levels in inference mode with a context split off `random` after the noise, exactly as
  /// `Sampling.draw` draws, so the last column shows the samples `Sampling.draw` gives (before any
  /// crop to the data's size).
  public static func draw(from generator: any MultiscaleGenerator, count: Int, condition: Tensor? = nil, using random: inout SplitMix64) -> SampleGrid {
    let noise = generator.makeNoise(count: count, using: &random)
    var context = ForwardContext(training: false, generator: random.split())
    let levels = withoutGradient { generator.levels(noise: noise, condition: condition, context: &context) }
    return SampleGrid(tiles(levels), columns: levels.count)
  }
}
