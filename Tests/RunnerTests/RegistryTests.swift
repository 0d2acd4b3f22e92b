import Foundation
import Testing
import ZooBenchmarks
import ZooRuns
import _TestSupport
@testable import zoo

@Suite struct RegistryTests {
  /// The package root, found from this file's path (Tests/RunnerTests/…).
  let root = SharedData.packageRoot

  @Test func namesAreUniqueAndKebabCase() {
    for names in [registry.variants.map { $0.name }, registry.objectives.map { $0.name }, DataCatalog.names, allBenchmarkWorkloads.map { $0.name }] {
      #expect(Set(names).count == names.count, "duplicate names in \(names)")
      for name in names {
        #expect(name.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" }, "\(name) is not kebab-case")
      }
    }
  }

  @Test func everyVariantHasAReadmeThatNamesItsPaper() throws {
    let folders = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Zoo").path)
    for variant in registry.variants {
      let readme = folders.lazy.map { self.root.appendingPathComponent("Zoo/\($0)/README.md") }
        .first { (try? String(contentsOf: $0, encoding: .utf8))?.contains("`\(variant.name)`") == true }
      #expect(readme != nil, "no Zoo/<Name>/README.md mentions `\(variant.name)`")
      #expect(!variant.paper.isEmpty)
    }
  }

  @Test func unknownNamesListTheValidOnesAndSuggestTheNearest() {
    #expect {
      _ = try registry.variant(named: "gna")
    } throws: { error in
      let message = "\(error)"
      return message.contains("unknown variant 'gna'") && message.contains("gan") && message.contains("Did you mean 'gan'?")
    }
    #expect {
      _ = try registry.objective(named: "wgan")
    } throws: { "\($0)".contains("Did you mean 'wgan-gp'?") }
    #expect {
      _ = try DataCatalog.source(named: "ring")
    } throws: { "\($0)".contains("Did you mean 'ring8'?") }
  }

  @Test func configurationOverridesReachEveryFieldAndRejectUnknownKeys() throws {
    struct Inner: Codable, Equatable { var rate = 0.1 }
    struct Outer: Codable, Equatable { var width = 4; var widths = [1, 2]; var inner = Inner() }
    let changed = try ConfigurationOverrides.apply(["width=8", "widths=[3,4,5]", "inner.rate=0.5"], to: Outer())
    #expect(changed == Outer(width: 8, widths: [3, 4, 5], inner: Inner(rate: 0.5)))
    #expect { _ = try ConfigurationOverrides.apply(["widht=8"], to: Outer()) } throws: {
      "\($0)".contains("unknown configuration key 'widht'") && "\($0)".contains("Did you mean 'width'?")
    }
    #expect { _ = try ConfigurationOverrides.apply(["width=wide"], to: Outer()) } throws: { "\($0)".contains("width") }
    #expect { _ = try ConfigurationOverrides.apply(["width"], to: Outer()) } throws: { "\($0)".contains("key=value") }
  }
}
