import Foundation
import Testing
import ZooRuns
import _TestSupport
@testable import zoo

/// RESULTS.md is `zoo results --render` of the committed specification and summaries, to the
/// byte: CI fails when someone edits it by hand, or commits summaries without rendering it.
/// And `zoo compare` and `zoo results` turn bad input into a message and a non-zero exit.
@Suite struct ResultsCommandTests {
  @Test func theCommittedResultsAreTheRenderingOfTheCommittedSummaries() throws {
    let suite = try ResultsSuite(layout: ResultsLayout(root: SharedData.packageRoot), registry: registry)
    let difference = try suite.documentDifference()
    #expect(difference == nil, "\(difference ?? "")")
    #expect(try suite.strayFiles().isEmpty, "results/ holds files no table asks for: zoo results --prune")
    let summaries = try suite.summaries()
    let variants = Set(summaries.values.map(\.configuration.variant))
    #expect(variants.isSuperset(of: registry.variants.map { $0.name }), "RESULTS.md covers every registered variant; missing: \(Set(registry.variants.map { $0.name }).subtracting(variants).sorted())")
  }

  /// Every picture and link RESULTS.md points to is committed beside it.
  @Test func everyFigureTheResultsPointToExists() throws {
    let document = try String(contentsOf: SharedData.packageRoot.appendingPathComponent("RESULTS.md"), encoding: .utf8)
    let targets = document.components(separatedBy: "](").dropFirst().compactMap { $0.split(separator: ")", maxSplits: 1).first.map(String.init) }
    let figures = targets.filter { $0.hasPrefix("results/") }
    #expect(!figures.isEmpty)
    for figure in figures {
      #expect(FileManager.default.fileExists(atPath: SharedData.packageRoot.appendingPathComponent(figure).path), "RESULTS.md points to \(figure), which is missing")
    }
  }

  /// The message `zoo <arguments>` prints for its failure, after checking it exits non-zero.
  static func failure(_ arguments: [String]) -> String {
    do {
      var command = try ZooCommand.parseAsRoot(arguments)
      try command.run()
      return "no error"
    } catch {
      guard ZooCommand.exitCode(for: error) != .success else { return "exit code 0 for \(error)" }
      return ZooCommand.fullMessage(for: error)
    }
  }

  @Test func compareRefusesWhatIsNotARunWithANonZeroExit() {
    let folder = TemporaryFolder()
    folder.makeFolder("empty")
    #expect(Self.failure(["compare", folder.file("empty")]).contains("is not a run directory (no config.json) and holds no runs"))
    #expect(Self.failure(["compare", folder.file("empty"), "--group-by", "objectve"]).contains("Did you mean 'objective'?"))
    #expect(Self.failure(["compare", folder.file("empty"), "--x", "sample"]).contains("Did you mean 'samples'?"))
  }

  @Test func resultsRefusesAMissingSpecificationAndCheckWithoutRender() {
    let folder = TemporaryFolder()
    #expect(Self.failure(["results", "--spec", folder.file("absent.json")]).contains("absent.json: no such results specification"))
    folder.write([UInt8]("{\"title\": 3}".utf8), to: "bad.json")
    #expect(Self.failure(["results", "--spec", folder.file("bad.json")]).contains("is not a readable results specification"))
    #expect(Self.failure(["results", "--check"]).contains("--check goes with --render"))
  }
}
