import ImageFiles
import TensorBackend

/// How a batch of samples becomes a picture.
public enum SampleRendering {
  /// A grid of images (N, C, H, W) in [−1, 1].
  case grid(columns: Int)
  /// A scatter plot of points (N, 2) over real points from the data.
  case scatter(real: Tensor, title: String)

  /// The picture of `samples`, titled with the training step when given.
  public func image(of samples: Tensor, step: Int? = nil) -> Image {
    switch self {
    case .grid(let columns):
      return SampleGrid(samples, columns: columns).image
    case .scatter(let real, let title):
      var plot = ScatterPlot(title: step.map { "\(title), step \($0)" } ?? title)
      plot.add("real", points: real)
      plot.add("generated", points: samples)
      return plot.render()
    }
  }
}
