import Foundation
import Testing
import ZooCore
import ZooRuns
import _TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// One writer per run: while one `Run` trains a directory, a second writer is refused with the
/// holder's process id, readers are not, and the first run ends intact.
@Suite struct RunLockTests {
  @Test func secondWriterIsRefusedAndTheFirstRunEndsIntact() throws {
    let folder = TemporaryFolder()
    let directory = folder.url.appendingPathComponent("run")
    let first = RunSpecification(variant: "gan", steps: 4, batchSize: 4, seed: 1, overrides: RunFixtures.tinyGAN)
    let writer = try Run.create(first, registry: testRegistry, in: directory)
    let configuration = try Data(contentsOf: directory.appendingPathComponent("config.json"))

    var second = first
    second.seed = 2
    #expect { _ = try Run.create(second, registry: testRegistry, in: directory) } throws: { error in
      (error as? RunBusyError)?.holder == getpid() && "\(error)".contains("is being written by process \(getpid())")
    }
    #expect(throws: RunBusyError.self) { _ = try Run.open(directory, registry: testRegistry, access: .write) }
    let reader = try Run.open(directory, registry: testRegistry)
    #expect(!reader.isWriter)
    #expect(throws: UsageError.self) { try reader.train() }

    try writer.train()
    #expect(try Data(contentsOf: directory.appendingPathComponent("config.json")) == configuration)
    let view = try RunView(directory)
    #expect(view.configuration.seed == 1)
    #expect(try view.progress()?.step == 4 && view.losses()?.rows.count == 4)

    writer.release()
    let next = try Run.open(directory, registry: testRegistry, access: .write)
    #expect(next.isWriter && next.state.step == 4)
  }
}
