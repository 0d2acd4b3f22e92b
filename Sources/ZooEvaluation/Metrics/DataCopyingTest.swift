/// The data-copying test of Meehan, Chaudhuri & Dasgupta 2020 ("A Non-Parametric Test to Detect
/// Data-Copying in Generative Models", AISTATS, section 3): are generated samples, region by
/// region, systematically closer to the training set than held-out test samples are?
///
/// The instance space is cut into cells π by k-means on the training set T (`KMeansPartition`, k
/// = `cellCount`, 50 in the authors' MNIST experiments). In each cell, with L(x) the distance
/// from x to its nearest training sample of the same cell, test samples P_π (n of them) and
/// generated samples Q_π (m) are compared by the Mann–Whitney U statistic and its z-score:
///
///     U = Σ_{q ∈ Q_π} Σ_{p ∈ P_π} ( 1[L(q) > L(p)] + ½ 1[L(q) = L(p)] )
///     Z_U(π) = (U − mn/2) / √(mn(m + n + 1)/12)
///
/// and the statistic averages the cells that hold at least a share τ of the generated samples
/// (Π_τ; τ = 20/M by default, the authors' choice), weighted by their share of test samples:
///
///     C_T = Σ_{π ∈ Π_τ} P_n(π) Z_U(π) / Σ_{π ∈ Π_τ} P_n(π)
///
/// C_T ≪ 0 (below −3, say) means data-copying: generated samples closer to training samples than
/// new data would be; C_T ≫ 0 means underfitting; near 0, neither.
///
/// What makes it exact here: every L is an exact nearest-neighbour distance (no approximate
/// search), U is counted exactly with ties as halves (by sorting, not by a normal approximation
/// of ranks), and the partition is a deterministic function of the seed. The authors' code
/// (casey-meehan/data-copying, `data_copying_tests.py`) matches this but for two details, where
/// this type follows the paper: it subtracts a continuity correction of ½ from the mean mn/2, and
/// keeps cells with a generated share strictly above τ. Their partitions came from scikit-learn's
/// randomly seeded KMeans, so their C_T values vary from run to run; this one does not.
public struct DataCopyingTest {
  /// The metric's name in messages and reports.
  public static let name = "data-copying test"

  /// k, the cells of the partition.
  public var cellCount: Int
  /// τ, the smallest share of generated samples a cell needs to count; `nil`: 20 / M.
  public var minimumGeneratedShare: Double?
  /// The seed of the k-means seeding.
  public var seed: UInt64
  /// The most Lloyd iterations.
  public var maximumIterations: Int

  public init(cellCount: Int = 50, minimumGeneratedShare: Double? = nil, seed: UInt64 = 0, maximumIterations: Int = 300) {
    self.cellCount = cellCount
    self.minimumGeneratedShare = minimumGeneratedShare
    self.seed = seed
    self.maximumIterations = maximumIterations
  }

  /// C_T for generated `samples` (M, D), training set `training` (L, D) and held-out `test` (N, D).
  ///
  /// - Throws: `invalidParameter` for fewer than 1 cell or a τ outside [0, 1]; `dimensionMismatch`;
  ///   `tooFewSamples` when the training set has fewer samples than cells or a set is empty;
  ///   `emptyCell` when a cell holds no test sample (fewer cells fix it, as the authors advise);
  ///   `tooFewSamples` when no cell holds a share τ of the samples.
  public func evaluate(
    samples: FeatureMatrix, training: FeatureMatrix, test: FeatureMatrix, progress: ((Int, Int) -> Void)? = nil
  ) throws(MetricError) -> DataCopyingReport {
    guard cellCount >= 1 else { throw .invalidParameter(metric: Self.name, problem: "\(cellCount) cells; at least 1 is needed") }
    if let tau = minimumGeneratedShare, !(0...1).contains(tau) {
      throw .invalidParameter(metric: Self.name, problem: "τ = \(tau) is a share of the samples and must lie in [0, 1]")
    }
    for set in [samples, test] where set.dimension != training.dimension {
      throw .dimensionMismatch(first: training.name, firstDimension: training.dimension, second: set.name, secondDimension: set.dimension)
    }
    guard training.count >= cellCount else {
      throw .tooFewSamples(metric: Self.name, set: training.name, count: training.count, needed: cellCount, reason: "one per cell of the partition")
    }
    for set in [samples, test] where set.count == 0 {
      throw .tooFewSamples(metric: Self.name, set: set.name, count: 0, needed: 1, reason: "the test compares generated and test samples")
    }
    let tau = minimumGeneratedShare ?? min(1, 20 / Double(samples.count))
    var steps = StepProgress(total: 2, report: progress)
    let partition = try KMeansPartition(fitting: training, cells: cellCount, seed: seed, maximumIterations: maximumIterations, progress: steps.next())
    let testCells = try partition.cells(of: test), sampleCells = try partition.cells(of: samples)
    let cellProgress = steps.next()
    var cells: [DataCopyingReport.Cell] = []
    for cell in 0..<cellCount {
      let members = { (assignments: [Int]) in assignments.indices.filter { assignments[$0] == cell } }
      let trainingRows = members(partition.assignments), testRows = members(testCells), sampleRows = members(sampleCells)
      guard !testRows.isEmpty else {
        throw .emptyCell(metric: Self.name, cell: cell, set: test.name, hint: "use fewer cells than \(cellCount), or more test samples")
      }
      var z: Double?
      if !sampleRows.isEmpty {
        let search = NearestNeighbours(references: training.rows(trainingRows))
        let testDistances = try search.search(test.rows(testRows), k: 1).squaredDistances
        let sampleDistances = try search.search(samples.rows(sampleRows), k: 1).squaredDistances
        z = Self.mannWhitneyZ(sampleDistances, testDistances)
      }
      cells.append(DataCopyingReport.Cell(trainingCount: trainingRows.count, testCount: testRows.count, sampleCount: sampleRows.count, z: z))
      cellProgress?(cell + 1, cellCount)
    }
    let used = cells.filter { Double($0.sampleCount) / Double(samples.count) >= tau && $0.z != nil }
    guard !used.isEmpty else {
      throw .tooFewSamples(
        metric: Self.name, set: samples.name, count: samples.count, needed: Int((tau * Double(samples.count)).rounded(.up)),
        reason: "in at least one cell: no cell holds a share τ = \(tau) of them")
    }
    let weights = used.map { Double($0.testCount) / Double(test.count) }
    let statistic = zip(weights, used).reduce(0) { $0 + $1.0 * $1.1.z! } / weights.reduce(0, +)
    return DataCopyingReport(
      statistic: statistic, cellCount: cellCount, minimumGeneratedShare: tau, cellsUsed: used.count, cells: cells,
      iterations: partition.iterations, converged: partition.converged, seed: seed,
      sampleCount: samples.count, trainingCount: training.count, testCount: test.count, dimension: training.dimension)
  }

  /// Z_U of generated distances `q` (m) against test distances `p` (n): U counts pairs with
  /// q > p, ties as ½; any monotone transform of the distances (squares) gives the same U.
  static func mannWhitneyZ(_ q: [Double], _ p: [Double]) -> Double {
    let sorted = p.sorted()
    var u = 0.0
    for value in q {
      let below = lowerBound(of: value, in: sorted)
      let notAbove = upperBound(of: value, in: sorted)
      u += Double(below) + 0.5 * Double(notAbove - below)
    }
    let m = Double(q.count), n = Double(p.count)
    return (u - m * n / 2) / (m * n * (m + n + 1) / 12).squareRoot()
  }

  /// The number of entries of ascending `sorted` below `value`.
  private static func lowerBound(of value: Double, in sorted: [Double]) -> Int {
    var low = 0, high = sorted.count
    while low < high {
      let middle = (low + high) / 2
      if sorted[middle] < value { low = middle + 1 } else { high = middle }
    }
    return low
  }

  /// The number of entries of ascending `sorted` at most `value`.
  private static func upperBound(of value: Double, in sorted: [Double]) -> Int {
    var low = 0, high = sorted.count
    while low < high {
      let middle = (low + high) / 2
      if sorted[middle] <= value { low = middle + 1 } else { high = middle }
    }
    return low
  }
}
