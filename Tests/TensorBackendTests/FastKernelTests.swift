import Testing
@testable import TensorBackend

/// The fast float32 loops (C, compiled per instruction set) against the reference loops (Swift,
/// libm), at every instruction set this CPU has, on odd lengths and awkward values.
@Suite struct FastKernelTests {
  /// Lengths around the vector widths (4, 8, 16) and a long odd one, all below the threshold
  /// at which loops are shared out, so every element runs at the level under test.
  static let lengths = [1, 3, 7, 15, 16, 17, 33, 1001]

  /// Values across the ranges where the fast transcendental functions switch formulas, plus
  /// the extremes.
  static func values(_ count: Int, seed: UInt64) -> Tensor {
    var generator = SplitMix64(seed: seed)
    let special: [Double] = [0, -0.0, 1e-8, -1e-8, 0.59, 0.61, -0.6, 8.9, 9.1, -20, 20, 88, -88, 100, -100, 1e-30]
    let random = Tensor.randomNormal([count], standardDeviation: 4, using: &generator).scalars
    return Tensor(shape: [count], scalars: (0..<count).map { $0 < special.count ? special[$0] : random[$0] }, dtype: .float32)
  }

  /// |fast − reference| ≤ relative·max(|reference|, floor), worst element named.
  static func expectAgree(_ fast: Tensor, _ reference: Tensor, relative: Double, floor: Double = 1e-6, _ what: String,
                          sourceLocation: SourceLocation = #_sourceLocation) {
    let a = fast.scalars, b = reference.scalars
    #expect(a.count == b.count, "\(what): lengths differ", sourceLocation: sourceLocation)
    var worst = 0.0, at = 0
    for i in b.indices {
      let error = a[i] == b[i] ? 0 : Swift.abs(a[i] - b[i]) / Swift.max(Swift.abs(b[i]), floor)
      if error > worst || a[i].isNaN != b[i].isNaN { worst = a[i].isNaN != b[i].isNaN ? .infinity : error; at = i }
    }
    #expect(worst <= relative, "\(what): fast \(a.isEmpty ? 0 : a[at]) vs reference \(b.isEmpty ? 0 : b[at]) at \(at), relative error \(worst) > \(relative)", sourceLocation: sourceLocation)
  }

  static var unaryOps: [(String, Double, (Tensor) -> Tensor)] { [
    ("relu", 0, { relu($0) }),
    ("leakyRelu", 0, { leakyRelu($0, negativeSlope: 0.2) }),
    ("tanh", 2.4e-7, { tanh($0) }),
    ("sigmoid", 4.8e-7, { sigmoid($0) }),
    ("exp", 3.6e-7, { exp($0.clamped(to: -80...80)) }),
    ("softplus", 4.8e-7, { softplus($0) }),
    ("logSigmoid", 4.8e-7, { logSigmoid($0) }),
    ("scale", 0, { $0 * 0.37 }),
    ("addScalar", 0, { $0 + 2.5 }),
  ] }

  @Test(arguments: LoopInstructionSet.available)
  func unaryLoopsMatchReference(level: LoopInstructionSet) {
    for (name, tolerance, op) in Self.unaryOps {
      for n in Self.lengths {
        let x = Self.values(n, seed: UInt64(n))
        let reference = KernelPath.$current.withValue(.reference) { op(x) }
        let fast = LoopInstructionSet.withLoops(at: level) { op(x) }
        Self.expectAgree(fast, reference, relative: tolerance, "\(name), \(n) elements, \(level)")
      }
    }
  }

  @Test(arguments: LoopInstructionSet.available)
  func binaryLoopsAndBackwardRulesMatchReference(level: LoopInstructionSet) {
    let binary: [(String, (Tensor, Tensor) -> Tensor)] = [
      ("add", { $0 + $1 }), ("subtract", { $0 - $1 }), ("multiply", { $0 * $1 }), ("divide", { $0 / ($1.squared() + 1) }),
    ]
    let activations: [(String, (Tensor) -> Tensor)] = [
      ("relu", { relu($0) }), ("leakyRelu", { leakyRelu($0, negativeSlope: 0.2) }), ("tanh", { tanh($0) }), ("sigmoid", { sigmoid($0) }),
    ]
    for n in Self.lengths {
      let a = Self.values(n, seed: 7), b = Self.values(n, seed: 8)
      for (name, op) in binary {
        let reference = KernelPath.$current.withValue(.reference) { op(a, b) }
        let fast = LoopInstructionSet.withLoops(at: level) { op(a, b) }
        Self.expectAgree(fast, reference, relative: 1.2e-7, "\(name), \(n) elements, \(level)")
      }
      for (name, op) in activations {
        func gradient() -> Tensor {
          let x = a.requiringGradient()
          return op(x).gradients(wrt: [x], seed: b)[0]
        }
        let reference = KernelPath.$current.withValue(.reference) { gradient() }.scalars
        let fast = LoopInstructionSet.withLoops(at: level) { gradient() }.scalars
        // The derivatives are read off the rounded output (1 − y² for tanh, y(1 − y) for the
        // sigmoid), so one ulp of y moves them by up to 2⁻²³·|ḡ|: that, plus a relative 1e-6.
        let g = b.scalars
        for i in reference.indices {
          let bound = 1e-6 * Swift.abs(reference[i]) + 2.4e-7 * Swift.abs(g[i])
          #expect(Swift.abs(fast[i] - reference[i]) <= bound,
                  "\(name) backward, \(n) elements, \(level): fast \(fast[i]) vs reference \(reference[i]) at \(i) (ḡ \(g[i]))")
        }
      }
    }
  }

  /// The level set for a scope is the one the loops run at: the generic loops round a·b + c
  /// twice, the AVX2/AVX-512 loops fuse it, so `tanh` (a polynomial) differs in the last bit
  /// somewhere on a long input exactly when the levels differ.
  @Test func instructionSetOverrideTakesEffect() {
    let levels = LoopInstructionSet.available
    guard levels.count > 1 else { return }
    let x = Self.values(1001, seed: 3)
    KernelPath.$current.withValue(.fast) {
      let generic = LoopInstructionSet.withLoops(at: .generic) { tanh(x) }.scalars
      let best = LoopInstructionSet.withLoops(at: levels.last!) { tanh(x) }.scalars
      let differing = zip(generic, best).filter { $0 != $1 }.count
      #expect(differing > 0, "tanh at generic and at \(levels.last!) gave identical bits on all 1,001 values")
    }
  }

  @Test func largeLoopsSplitAcrossWorkersMatchReference() {
    // Long enough to be shared out among the workers.
    let x = Self.values(300_001, seed: 5)
    for (name, tolerance, op) in Self.unaryOps {
      let reference = KernelPath.$current.withValue(.reference) { op(x) }
      Self.expectAgree(op(x), reference, relative: tolerance, "\(name), 300,001 elements")
    }
  }

  @Test func subnormalResultsAreFlushedToZero() {
    // 1e-39 is subnormal in float32: the fast loops treat it as 0 (and write 0 for it).
    let x = Tensor(shape: [4], scalars: [1e-39, -1e-39, 1, 2], dtype: .float32)
    #expect(KernelPath.$current.withValue(.fast) { (x * 1.0).scalars } == [0, 0, 1, 2])
    #expect(KernelPath.$current.withValue(.reference) { (x * 1.0).scalars }[0] != 0)
  }
}
