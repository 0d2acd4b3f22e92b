/// The data-copying statistic C_T, with its partition and every cell's z-score.
public struct DataCopyingReport: Codable, Hashable, Sendable {
  /// One cell of the partition.
  public struct Cell: Codable, Hashable, Sendable {
    /// Training, test and generated samples in the cell.
    public var trainingCount: Int
    public var testCount: Int
    public var sampleCount: Int
    /// Z_U of the cell; `nil` when it holds no generated sample.
    public var z: Double?
  }

  /// C_T: below −3 suggests data-copying, above 3 underfitting.
  public var statistic: Double
  /// k, the cells.
  public var cellCount: Int
  /// τ, the generated share a cell needed to count.
  public var minimumGeneratedShare: Double
  /// |Π_τ|, the cells that counted.
  public var cellsUsed: Int
  /// Every cell, in centroid order.
  public var cells: [Cell]
  /// Lloyd iterations of the partition, and whether they converged.
  public var iterations: Int
  public var converged: Bool
  /// The seed of the partition.
  public var seed: UInt64
  /// M, L, N, D.
  public var sampleCount: Int
  public var trainingCount: Int
  public var testCount: Int
  public var dimension: Int
}
