import Datasets
import Foundation
import ImageFiles
import Testing
import ZooEvaluation
import ZooRuns
import _TestSupport
@testable import zoo

/// `zoo sample --class` and one-row-per-class grids.
@Suite struct ConditionalSamplingTests {
  static func trainConditional(in folder: TemporaryFolder) throws -> String {
    try RunnerFixtures.train("cgan", dataset: "shapes:size=8", in: folder, steps: 2)
  }

  @Test func sampleDrawsTheClassAskedForByIndexOrName() throws {
    let folder = TemporaryFolder()
    let run = try Self.trainConditional(in: folder)
    try SampleCommand.parse([run, "--class", "2", "--count", "5", "--format", "npy", "--out", folder.file("two.npy")]).run()
    try SampleCommand.parse([run, "--class", "square", "--count", "5", "--format", "npy", "--out", folder.file("square.npy")]).run()
    try SampleCommand.parse([run, "--class", "0", "--count", "5", "--format", "npy", "--out", folder.file("zero.npy")]).run()
    let two = try NumPyArray(decoding: folder.bytes("two.npy")), zero = try NumPyArray(decoding: folder.bytes("zero.npy"))
    #expect(two.shape == [5, 3, 8, 8])
    #expect(two.values != zero.values, "the same noise for another class gives other images")
    let squareIndex = try Run.open(URL(fileURLWithPath: run), registry: registry).classLabel("square")
    #expect(squareIndex == 1)
    try SampleCommand.parse([run, "--class", "\(squareIndex)", "--count", "5", "--format", "npy", "--out", folder.file("one.npy")]).run()
    #expect(try NumPyArray(decoding: folder.bytes("square.npy")).values == NumPyArray(decoding: folder.bytes("one.npy")).values)
  }

  @Test func conditionalPNGHasOneRowPerClass() throws {
    let folder = TemporaryFolder()
    let run = try Self.trainConditional(in: folder)
    try SampleCommand.parse([run, "--out", folder.file("rows.png")]).run()
    try SampleCommand.parse([run, "--count", "8", "--class", "1", "--out", folder.file("one.png")]).run()
    let rows = try Image(pngFile: folder.file("rows.png")), single = try Image(pngFile: folder.file("one.png"))
    // Five classes of 8 columns: as wide as one row of 8, five rows tall.
    #expect(rows.width == single.width)
    #expect(rows.height > 4 * single.height && rows.height < 6 * single.height)
    // Several classes: one row each, in the order given.
    try SampleCommand.parse([run, "--class", "4,0", "--out", folder.file("two-rows.png")]).run()
    let twoRows = try Image(pngFile: folder.file("two-rows.png"))
    #expect(twoRows.width == single.width && twoRows.height > single.height && twoRows.height < 3 * single.height)
    // Rows in the order given, by name: classes 4, 4, 0, 0 from the same noise as a batch of four
    // of class 4 (same batch size, so the same products to the bit).
    try SampleCommand.parse([run, "--class", "cross,circle", "--count", "4", "--format", "npy", "--out", folder.file("rows.npy")]).run()
    try SampleCommand.parse([run, "--class", "4", "--count", "4", "--format", "npy", "--out", folder.file("four.npy")]).run()
    let rowsArray = try NumPyArray(decoding: folder.bytes("rows.npy")), four = try NumPyArray(decoding: folder.bytes("four.npy"))
    #expect(rowsArray.shape == [4, 3, 8, 8])
    #expect(Array(rowsArray.values.prefix(2 * 192)) == Array(four.values.prefix(2 * 192)))
    #expect(Array(rowsArray.values.suffix(2 * 192)) != Array(four.values.suffix(2 * 192)), "the second row is another class")
    // The snapshots of training draw the same rows.
    let snapshot = try Image(pngFile: run + "/samples/step-000002.png")
    #expect(snapshot.width == rows.width && snapshot.height == rows.height)
  }

  @Test func badClassesAreNamed() throws {
    let folder = TemporaryFolder()
    let run = try Self.trainConditional(in: folder)
    #expect { try SampleCommand.parse([run, "--class", "7"]).run() } throws: {
      "\($0)".contains("no class '7'") && "\($0)".contains("circle")
    }
    #expect { try SampleCommand.parse([run, "--class", "hexagon"]).run() } throws: { "\($0)".contains("0…4") }
    #expect { try SampleCommand.parse([run, "--class", "1,,2"]).run() } throws: { "\($0)".contains("no class ''") }
    let other = TemporaryFolder()
    let unconditional = try RunnerFixtures.train(dataset: "shapes:size=8", in: other, steps: 1)
    #expect { try SampleCommand.parse([unconditional, "--class", "1"]).run() } throws: { "\($0)".contains("needs a conditional variant") }
    #expect { try EvaluateCommand.parse([unconditional, "--label-control"]).run() } throws: { "\($0)".contains("needs a conditional run") }
  }
}
