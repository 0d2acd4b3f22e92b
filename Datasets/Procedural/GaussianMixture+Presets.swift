import TensorBackend

extension GaussianMixture {
  /// The named mixtures used by the zoo, each under the kebab-case name the command line and
  /// RESULTS.md use; this enum is the one list of those names.
  ///
  /// Names are the shape followed by the mode count, the way the mode-collapse literature
  /// refers to the first two (Lin et al. 2018, "PacGAN": "2D-ring", "2D-grid").
  public enum Preset: String, CaseIterable, Codable, Sendable {
    /// 8 modes evenly spaced on a circle of radius 2, σ = 0.02 (Metz et al. 2017, "Unrolled
    /// Generative Adversarial Networks", section 3.1; also VEEGAN and PacGAN).
    case ring8 = "ring8"
    /// 25 modes on the grid {−4, −2, 0, 2, 4}², σ = 0.05 (Srivastava et al. 2017, "VEEGAN",
    /// section 5.1; Lin et al. 2018, "PacGAN", section 4.1).
    case grid25 = "grid25"
    /// 3 modes at −3, 0 and 3 on the real line, σ = 0.3: not from a paper; one-dimensional so
    /// densities can be drawn as histograms. The 10σ spacing keeps each point unambiguously
    /// attributable to one mode under the 3σ rule (the 3σ windows are 4σ apart).
    case line3 = "line3"

    /// The mixture this name stands for.
    public var mixture: GaussianMixture {
      switch self {
      case .ring8: return .ring8
      case .grid25: return .grid25
      case .line3: return .line3
      }
    }

    /// A one-line description for listings.
    public var summary: String {
      switch self {
      case .ring8: return "8 Gaussians on a circle of radius 2, σ = 0.02 (Metz et al. 2017)"
      case .grid25: return "25 Gaussians on a 5×5 grid with spacing 2, σ = 0.05 (Srivastava et al. 2017)"
      case .line3: return "3 Gaussians at −3, 0, 3 on the line, σ = 0.3"
      }
    }
  }

  /// 8 modes at (2 cos 2πk/8, 2 sin 2πk/8), σ = 0.02; see `Preset.ring8`.
  public static let ring8 = GaussianMixture(
    centers: (0..<8).map { k in
      let angle = 2 * Double.pi * Double(k) / 8
      return [2 * cosine(angle), 2 * sine(angle)]
    },
    standardDeviation: 0.02)

  /// 25 modes at (−4 + 2i, −4 + 2j) for i, j in 0..<5, σ = 0.05; see `Preset.grid25`.
  public static let grid25 = GaussianMixture(
    centers: (0..<25).map { (index: Int) -> [Double] in
      let row = Double(index / 5), column = Double(index % 5)
      return [-4 + 2 * row, -4 + 2 * column]
    },
    standardDeviation: 0.05)

  /// 3 modes at −3, 0, 3, σ = 0.3; see `Preset.line3`.
  public static let line3 = GaussianMixture(centers: [[-3], [0], [3]], standardDeviation: 0.3)

  /// The preset with the given kebab-case name, or `nil`.
  public init?(named name: String) {
    guard let preset = Preset(rawValue: name) else { return nil }
    self = preset.mixture
  }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Exact zeros where the circle crosses an axis, so cos(π/2) prints as 0, not 6e-17.
private func cosine(_ angle: Double) -> Double { snapped(cos(angle)) }
private func sine(_ angle: Double) -> Double { snapped(sin(angle)) }
private func snapped(_ value: Double) -> Double { abs(value) < 1e-12 ? 0 : value }
