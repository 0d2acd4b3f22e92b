/// Exact k-nearest-neighbour search in Euclidean distance, by matrix products on the backend.
///
/// For each query row qᵢ, the k reference rows yⱼ with the smallest ‖qᵢ − yⱼ‖, ordered by
/// (distance, index): ties go to the lower reference index, so the answer is the one a brute-force
/// scan with a stable sort gives, and does not depend on block sizes or thread counts.
///
/// How it stays exact while using float32 products (`PairwiseSquaredDistances`): each row keeps
/// the K = k + 16 smallest approximations d̃² (`candidateMargin`), recomputes those K exactly in float64 and
/// orders them. Any other reference j has d̃²ⱼ ≥ the largest kept approximation a_K, so its true
/// d²ⱼ ≥ a_K − Bᵢ where Bᵢ bounds the rounding of the whole row. When a_K − Bᵢ exceeds the exact
/// k-th distance, no other reference can enter the top k and the answer is certified; otherwise
/// (near-ties at the edge of the candidate set, rare) the row is searched again exactly against
/// every reference. Distances come out exact to float64 rounding.
///
/// 10,000 queries against MNIST's 60,000 training images in pixel space (D = 784) take about
/// 10¹² multiply-adds in float32; see the README for the time this takes.
public struct NearestNeighbours {
  /// The rows searched, Y (M, D).
  public let references: FeatureMatrix

  /// How many candidates beyond k each row keeps before certification, by default.
  public static let candidateMargin = 16

  /// The most memory one block of distances takes (`PairwiseSquaredDistances`).
  var blockBytes = PairwiseSquaredDistances.defaultBlockBytes

  public init(references: FeatureMatrix) {
    self.references = references
  }

  /// The k nearest references of every row of `queries` (N, D).
  ///
  /// - Parameters:
  ///   - excludingSelf: `queries` are the references themselves, and row i may not be its own
  ///     neighbour (the k-th neighbour of a sample within its own set, as the radii of precision,
  ///     recall, density and coverage need). Duplicates of row i at other indices still count.
  ///   - candidateMargin: candidates kept beyond k for certification; fewer make certification
  ///     fail more often but cost less exact recomputation (worth it against few references).
  ///   - progress: called with (query rows done, N) after every block.
  /// - Throws: `dimensionMismatch`; `tooFewSamples` when there are fewer than k references
  ///   (k + 1 when excluding self); `invalidParameter` for k < 1 or, excluding self, queries that
  ///   are not the references.
  public func search(
    _ queries: FeatureMatrix, k: Int, excludingSelf: Bool = false, candidateMargin: Int = NearestNeighbours.candidateMargin,
    progress: ((Int, Int) -> Void)? = nil
  ) throws(MetricError) -> NeighbourList {
    let metric = "nearest neighbours"
    guard k >= 1 else { throw .invalidParameter(metric: metric, problem: "k = \(k), must be at least 1") }
    if excludingSelf && queries.count != references.count {
      throw .invalidParameter(metric: metric, problem: "excluding self needs the queries to be the \(references.count) references, got \(queries.count) rows")
    }
    let available = references.count - (excludingSelf ? 1 : 0)
    guard available >= k else {
      throw .tooFewSamples(
        metric: metric, set: references.name, count: references.count, needed: k + (excludingSelf ? 1 : 0),
        reason: excludingSelf ? "each sample's \(k)-th nearest other sample" : "\(k) neighbours per query")
    }
    var distances = try PairwiseSquaredDistances(queries: queries, references: references)
    distances.blockBytes = blockBytes
    let n = queries.count, candidateCount = min(available, k + max(1, candidateMargin))
    var indices = [Int](repeating: 0, count: n * k)
    var squared = [Double](repeating: 0, count: n * k)
    var exhaustive = [Bool](repeating: false, count: n)
    indices.withUnsafeMutableBufferPointer { indexOut in
      squared.withUnsafeMutableBufferPointer { distanceOut in
        exhaustive.withUnsafeMutableBufferPointer { exhaustiveOut in
          distances.forEachRow(in: Float.self, progress: progress) { i, row in
            let skip = excludingSelf ? i : -1
            var heap = CandidateHeap(capacity: candidateCount)
            for j in 0..<row.count where j != skip { heap.offer(row.approximate(j), j) }
            var exact = heap.entries.map { (distance: row.exact($0.index), index: $0.index) }
            exact.sort { ($0.distance, $0.index) < ($1.distance, $1.index) }
            let certified = candidateCount == available || heap.largest - row.rowBound > exact[k - 1].distance
            if !certified {
              exhaustiveOut[i] = true
              exact = (0..<row.count).filter { $0 != skip }.map { (row.exact($0), $0) }
              exact.sort { ($0.distance, $0.index) < ($1.distance, $1.index) }
            }
            for r in 0..<k {
              indexOut[i * k + r] = exact[r].index
              distanceOut[i * k + r] = exact[r].distance
            }
          }
        }
      }
    }
    return NeighbourList(queryCount: n, k: k, indices: indices, squaredDistances: squared, exhaustiveRowCount: exhaustive.filter { $0 }.count)
  }
}

/// The `capacity` smallest (approximate distance, index) pairs offered, as a max-heap.
private struct CandidateHeap {
  let capacity: Int
  private(set) var entries: [(distance: Double, index: Int)] = []

  init(capacity: Int) {
    self.capacity = capacity
    entries.reserveCapacity(capacity)
  }

  /// The largest kept distance (the heap's top).
  var largest: Double { entries[0].distance }

  @inline(__always) mutating func offer(_ distance: Double, _ index: Int) {
    if entries.count < capacity {
      entries.append((distance, index))
      siftUp(entries.count - 1)
    } else if distance < entries[0].distance {
      entries[0] = (distance, index)
      siftDown(0)
    }
  }

  private mutating func siftUp(_ start: Int) {
    var child = start
    while child > 0 {
      let parent = (child - 1) / 2
      guard entries[child].distance > entries[parent].distance else { return }
      entries.swapAt(child, parent)
      child = parent
    }
  }

  private mutating func siftDown(_ start: Int) {
    var parent = start
    while true {
      let left = 2 * parent + 1, right = left + 1
      var largest = parent
      if left < entries.count && entries[left].distance > entries[largest].distance { largest = left }
      if right < entries.count && entries[right].distance > entries[largest].distance { largest = right }
      guard largest != parent else { return }
      entries.swapAt(parent, largest)
      parent = largest
    }
  }
}
