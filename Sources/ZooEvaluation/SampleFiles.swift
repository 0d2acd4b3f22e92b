import Datasets
import TensorBackend

/// Samples as files other tools read.
public enum SampleFiles {
  /// A float32 `.npy` of the samples in their own shape: (N, C, H, W) or (N, D).
  public static func npy(_ samples: Tensor) -> [UInt8] {
    NumPyArray(shape: samples.shape, values: samples.floats).encoded()
  }

  /// An IDX file of unsigned bytes: a value v in [−1, 1] becomes round((v + 1) / 2 · 255),
  /// clamped, NaN as 0 (as in sample grids); gray images as (N, H, W) (magic 0x00000803, the
  /// MNIST layout), others as (N, C, H, W) (0x00000804).
  public static func idx(_ samples: Tensor) -> [UInt8] {
    precondition(samples.rank == 4, "SampleFiles.idx: expected (N, C, H, W) images, got \(samples.shape)")
    let bytes = samples.floats.map { value -> UInt8 in
      guard !value.isNaN else { return 0 }
      return UInt8(((min(max(value, -1), 1) + 1) * 127.5).rounded())
    }
    let shape = samples.shape[1] == 1 ? [samples.shape[0], samples.shape[2], samples.shape[3]] : samples.shape
    return IDXArray(shape: shape, bytes: bytes).encoded()
  }
}
