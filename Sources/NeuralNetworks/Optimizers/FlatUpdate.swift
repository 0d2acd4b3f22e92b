import TensorBackend

/// Shares one optimizer update of many parameters out among the workers by element count, as
/// one flat range over all of them (PyTorch's fused optimizers do the same over lists of
/// tensors): a worker's slice may start in one parameter and end in another.
enum FlatUpdate {
  /// One parameter with a gradient this step.
  struct Segment {
    var parameter: Parameter
    var gradient: Tensor
    /// The parameter's position in the optimizer's list (its state's key).
    var index: Int
    /// t, the parameter's update count including this one.
    var step: Int
  }

  /// Consecutive segments that share t (all of them, unless parameters joined at different
  /// steps), each run updated with one set of bias corrections.
  static func runs(of segments: [Segment]) -> [[Segment]] {
    var runs: [[Segment]] = []
    for segment in segments {
      if let last = runs.last?.last, last.step == segment.step {
        runs[runs.count - 1].append(segment)
      } else {
        runs.append([segment])
      }
    }
    return runs
  }

  /// Calls `body(segment, start, count)` for the pieces of each segment, concurrently across
  /// the workers when the total is large.
  static func forEachSlice(of segments: [Segment], _ body: (Segment, Int, Int) -> Void) {
    var starts: [Int] = [], total = 0
    for segment in segments {
      starts.append(total)
      total += segment.parameter.scalarCount
    }
    // Seven streams of memory per element (p, g, m, v read; p, m, v written).
    Parallel.forEachRange(total, work: 7 * total) { _, range in
      var index = starts.lastIndex { $0 <= range.lowerBound } ?? 0
      var position = range.lowerBound
      while position < range.upperBound && index < segments.count {
        let segment = segments[index]
        let begin = position - starts[index]
        let count = Swift.min(segment.parameter.scalarCount - begin, range.upperBound - position)
        if count > 0 { body(segment, begin, count) }
        position += Swift.max(count, 0)
        index += 1
      }
    }
  }
}
