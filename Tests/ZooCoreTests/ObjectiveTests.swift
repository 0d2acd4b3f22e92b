import Testing
import TensorBackend
import ZooCore

/// Each objective's value and gradient signs on hand-made logits, against the closed forms.
@Suite struct ObjectiveTests {
  let real = Tensor(shape: [4, 1], scalars: [2, 0.5, -1, 3] as [Double], dtype: .float64)
  let fake = Tensor(shape: [4, 1], scalars: [-2, 0, 1, -0.5] as [Double], dtype: .float64)

  func sigma(_ x: Double) -> Double { 1 / (1 + scalarExp(-x)) }
  func mean(_ v: [Double]) -> Double { v.reduce(0, +) / Double(v.count) }

  /// d loss / d logits.
  func gradient(_ loss: (Tensor) -> Tensor, at logits: Tensor) -> [Double] {
    let x = logits.requiringGradient()
    return loss(x).gradients(wrt: [x])[0].scalars
  }

  @Test func minimax() {
    let o = MinimaxObjective()
    let d = mean(real.scalars.map { -scalarLog(sigma($0)) }) + mean(fake.scalars.map { -scalarLog(1 - sigma($0)) })
    expectClose(o.discriminatorLoss(realLogits: real, fakeLogits: fake).scalar, d)
    expectClose(o.generatorLoss(fakeLogits: fake).scalar, mean(fake.scalars.map { scalarLog(1 - sigma($0)) }))
    // G descends log(1 − D): raising a fake logit lowers the loss, by σ(l)/N — vanishing as D wins.
    let g = gradient({ o.generatorLoss(fakeLogits: $0) }, at: fake)
    #expect(g.allSatisfy { $0 < 0 })
    expectClose(g[0], -sigma(-2) / 4)
    #expect(gradient({ o.discriminatorLoss(realLogits: $0, fakeLogits: fake) }, at: real).allSatisfy { $0 < 0 })
    #expect(gradient({ o.discriminatorLoss(realLogits: real, fakeLogits: $0) }, at: fake).allSatisfy { $0 > 0 })
  }

  @Test func nonSaturating() {
    let o = NonSaturatingObjective()
    expectClose(o.generatorLoss(fakeLogits: fake).scalar, mean(fake.scalars.map { -scalarLog(sigma($0)) }))
    let g = gradient({ o.generatorLoss(fakeLogits: $0) }, at: fake)
    #expect(g.allSatisfy { $0 < 0 })
    // Strong gradient where D rejects the fake (l = −2): −(1 − σ(−2))/N, unlike the minimax one.
    expectClose(g[0], -(1 - sigma(-2)) / 4)
    expectClose(o.discriminatorLoss(realLogits: real, fakeLogits: fake).scalar,
                MinimaxObjective().discriminatorLoss(realLogits: real, fakeLogits: fake).scalar)
  }

  @Test func leastSquares() {
    let o = LeastSquaresObjective()
    let d = 0.5 * mean(real.scalars.map { ($0 - 1) * ($0 - 1) }) + 0.5 * mean(fake.scalars.map { $0 * $0 })
    expectClose(o.discriminatorLoss(realLogits: real, fakeLogits: fake).scalar, d)
    expectClose(o.generatorLoss(fakeLogits: fake).scalar, 0.5 * mean(fake.scalars.map { ($0 - 1) * ($0 - 1) }))
    let g = gradient({ o.generatorLoss(fakeLogits: $0) }, at: fake)
    expectClose(g[2], 0)  // a fake already scored 1 gets no push
    #expect(g[0] < 0 && g[3] < 0)
  }

  @Test func hinge() {
    let o = HingeObjective()
    let d = mean(real.scalars.map { max(0, 1 - $0) }) + mean(fake.scalars.map { max(0, 1 + $0) })
    expectClose(o.discriminatorLoss(realLogits: real, fakeLogits: fake).scalar, d)
    expectClose(o.generatorLoss(fakeLogits: fake).scalar, -mean(fake.scalars))
    let gReal = gradient({ o.discriminatorLoss(realLogits: $0, fakeLogits: fake) }, at: real)
    #expect(gReal == [0, -0.25, -0.25, 0])  // only reals inside the margin are pushed
    #expect(gradient({ o.generatorLoss(fakeLogits: $0) }, at: fake).allSatisfy { $0 == -0.25 })
  }

  @Test func wassersteinGradientPenalty() {
    let o = WassersteinGradientPenaltyObjective()
    expectClose(o.discriminatorLoss(realLogits: real, fakeLogits: fake).scalar, mean(fake.scalars) - mean(real.scalars))
    expectClose(o.generatorLoss(fakeLogits: fake).scalar, -mean(fake.scalars))
    // A linear critic D(x) = w·x has ‖∇D‖ = ‖w‖ everywhere: penalty = λ(‖w‖ − 1)².
    let w = Tensor(shape: [3, 1], scalars: [3, 0, 4] as [Double], dtype: .float64)
    var generator = SplitMix64(seed: 1)
    let realSamples = Tensor.randomNormal([5, 3], dtype: .float64, using: &generator)
    let fakeSamples = Tensor.randomNormal([5, 3], dtype: .float64, using: &generator)
    let penalty = o.discriminatorPenalty(real: realSamples, fake: fakeSamples, critic: { matmul($0, w) }, using: &generator)!
    expectClose(penalty.scalar, 10 * 16, tolerance: 1e-9)
    // Its gradient with respect to the critic's weights: λ·2(‖w‖ − 1)·w/‖w‖.
    let tracked = w.requiringGradient()
    let p = o.discriminatorPenalty(real: realSamples, fake: fakeSamples, critic: { matmul($0, tracked) }, using: &generator)!
    let g = p.gradients(wrt: [tracked])[0].scalars
    expectClose(g[0], 10 * 2 * 4 * 3 / 5, tolerance: 1e-9)
    expectClose(g[2], 10 * 2 * 4 * 4 / 5, tolerance: 1e-9)
  }

  @Test func wasserstein() {
    let o = WassersteinObjective()
    expectClose(o.discriminatorLoss(realLogits: real, fakeLogits: fake).scalar, mean(fake.scalars) - mean(real.scalars))
    expectClose(o.generatorLoss(fakeLogits: fake).scalar, -mean(fake.scalars))
    #expect(gradient({ o.discriminatorLoss(realLogits: $0, fakeLogits: fake) }, at: real).allSatisfy { $0 == -0.25 })
    #expect(o.score(real).scalars == real.scalars, "a critic value, not a probability")
    #expect(WassersteinObjective.recommendedSettings == AdversarialSettings(
      discriminatorStepsPerGeneratorStep: 5, generatorOptimizer: .rmsprop(learningRate: 5e-5), discriminatorOptimizer: .rmsprop(learningRate: 5e-5)))
  }

  /// Variants ask objectives what they need, never which type they are.
  @Test func traitsSayWhatTheCriticNeeds() {
    #expect(WassersteinGradientPenaltyObjective.traits == .penalizesCriticGradient)
    #expect(WassersteinObjective.traits == .needsLipschitzCritic)
    for o in [MinimaxObjective.self as any Objective.Type, NonSaturatingObjective.self, LeastSquaresObjective.self, HingeObjective.self] {
      #expect(o.traits.isEmpty, "\(o.name)")
    }
    let names = StandardObjectives.all.map { $0.name }
    #expect(names == ["minimax", "non-saturating", "least-squares", "hinge", "wasserstein", "wgan-gp"])
  }

  @Test func onlyWassersteinHasAPenalty() {
    var generator = SplitMix64(seed: 1)
    let x = Tensor.zeros([2, 3], dtype: .float64)
    for o in [MinimaxObjective() as any Objective, NonSaturatingObjective(), LeastSquaresObjective(), HingeObjective(), WassersteinObjective()] {
      #expect(o.discriminatorPenalty(real: x, fake: x, critic: { $0 }, using: &generator) == nil, "\(o.name)")
    }
  }
}

func expectClose(_ a: Double, _ b: Double, tolerance: Double = 1e-12, sourceLocation: SourceLocation = #_sourceLocation) {
  #expect(Swift.abs(a - b) <= tolerance, "|\(a) − \(b)| = \(Swift.abs(a - b)) exceeds \(tolerance)", sourceLocation: sourceLocation)
}

#if canImport(Glibc)
import Glibc
func scalarExp(_ x: Double) -> Double { Glibc.exp(x) }
func scalarLog(_ x: Double) -> Double { Glibc.log(x) }
#endif
