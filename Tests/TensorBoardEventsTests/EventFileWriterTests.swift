import Foundation
import ImageFiles
import Testing
@testable import TensorBoardEvents

@Suite struct EventFileWriterTests {
  @Test func newFileIsNamedLikeTensorFlowsAndStartsWithTheFileVersion() throws {
    try withTemporaryFolder { folder in
      let before = Date().timeIntervalSince1970
      let writer = try EventFileWriter(directory: folder + "/nested/logdir")
      let after = Date().timeIntervalSince1970
      try writer.close()

      let name = URL(fileURLWithPath: writer.path).lastPathComponent
      #expect(writer.path == folder + "/nested/logdir/" + name)
      let parts = name.split(separator: ".", maxSplits: 4).map(String.init)
      #expect(parts.count == 5, "\(name)")
      #expect(Array(parts.prefix(3)) == ["events", "out", "tfevents"])
      #expect(parts[3].count == 10 && parts[3].allSatisfy(\.isASCII) && parts[3].allSatisfy(\.isNumber), "\(name)")
      let seconds = Double(parts[3]) ?? -1
      #expect(seconds >= before.rounded(.down) && seconds <= after, "file time \(seconds) outside [\(before), \(after)]")
      #expect(parts[4] == ProcessInfo.processInfo.hostName, "\(name)")

      let events = try EventFileReader.events(atPath: writer.path)
      #expect(events.count == 1)
      #expect(events.first?.fileVersion == "brain.Event:2")
      let wallTime = events.first?.wallTime ?? -1
      #expect(wallTime >= before && wallTime <= after, "first event at \(wallTime), outside [\(before), \(after)]")
    }
  }

  /// A scalar and a session start with given wall times are the very records TensorBoard's
  /// Python writer produces for the same events.
  @Test func recordsAreByteIdenticalToTensorBoards() throws {
    try withTemporaryFolder { folder in
      let writer = try EventFileWriter(directory: folder)
      try writer.addScalar(tag: "loss/generator", value: Float(0.6931472), step: 42, wallTime: 1_700_000_000.25)
      try writer.addSessionStart(step: 7, wallTime: 1_700_000_001)
      try writer.close()
      let bytes = try fileBytes(writer.path)
      let records = try EventFileReader.records(in: bytes)
      let header = records[0].count + TFRecord.framingByteCount
      #expect(Array(bytes[header...]) == TensorBoardRecords.generatorLossAtStep42 + TensorBoardRecords.sessionStartAtStep7)
    }
  }

  @Test func scalarsAndImagesReadBack() throws {
    try withTemporaryFolder { folder in
      let images = [1, 3, 4].map { channels in
        Image(
          width: 7 + channels, height: 5, channels: channels,
          pixels: (0..<(7 + channels) * 5 * channels).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ channels) })
      }
      let writer = try EventFileWriter(directory: folder)
      for step in 0..<20 {
        try writer.addScalar(tag: "loss/discriminator", value: 1.5 - 0.01 * Double(step), step: step, wallTime: 100 + Double(step))
        try writer.addScalar(tag: "loss/generator", value: Float(step) / 3, step: step, wallTime: 100.5 + Double(step))
      }
      for (index, image) in images.enumerated() {
        try writer.addImage(tag: "samples/\(image.channels)", image: image, step: 10 * index, wallTime: 200)
      }
      try writer.close()

      let events = try EventFileReader.events(atPath: writer.path)
      #expect(events.count == 1 + 40 + images.count)
      let values = events.dropFirst().flatMap { event in event.summary.value.map { (event, $0) } }
      let discriminator = values.filter { $0.1.tag == "loss/discriminator" }
      #expect(discriminator.map(\.0.step) == Array(0..<20))
      #expect(discriminator.map(\.1.simpleValue) == (0..<20).map { Float(1.5 - 0.01 * Double($0)) })
      #expect(discriminator.map(\.0.wallTime) == (0..<20).map { 100 + Double($0) })
      let generator = values.filter { $0.1.tag == "loss/generator" }
      #expect(generator.map(\.1.simpleValue) == (0..<20).map { Float($0) / 3 })

      for (index, image) in images.enumerated() {
        let matches = values.filter { $0.1.tag == "samples/\(image.channels)" }
        #expect(matches.count == 1)
        guard let (event, value) = matches.first else { continue }
        #expect(event.step == Int64(10 * index))
        #expect(value.image.width == Int32(image.width) && value.image.height == Int32(image.height))
        #expect(value.image.colorspace == Int32(image.channels))
        #expect(try Image(pngBytes: [UInt8](value.image.encodedImageString)) == image)
      }
    }
  }

  @Test func eventsWaitForTheIntervalOrAFlush() throws {
    try withTemporaryFolder { folder in
      let writer = try EventFileWriter(directory: folder, flushInterval: .seconds(3600))
      let header = try fileBytes(writer.path).count
      try writer.addScalar(tag: "loss", value: 1.0, step: 0)
      try writer.addScalar(tag: "loss", value: 0.5, step: 1)
      #expect(try fileBytes(writer.path).count == header, "scalars written before the interval passed")
      try writer.flush()
      #expect(try EventFileReader.events(atPath: writer.path).count == 3)
      // An image is written at once, with what was buffered before it.
      try writer.addScalar(tag: "loss", value: 0.25, step: 2)
      try writer.addImage(tag: "samples", image: Image(width: 2, height: 2, channels: 1), step: 2)
      #expect(try EventFileReader.events(atPath: writer.path).count == 5)
      try writer.addScalar(tag: "loss", value: 0.125, step: 3)
      try writer.close()
      #expect(try EventFileReader.events(atPath: writer.path).count == 6)
    }
  }

  @Test func zeroIntervalWritesEveryEvent() throws {
    try withTemporaryFolder { folder in
      let writer = try EventFileWriter(directory: folder, flushInterval: .zero)
      for step in 0..<3 {
        try writer.addScalar(tag: "loss", value: Double(step), step: step)
        #expect(try EventFileReader.events(atPath: writer.path).count == 2 + step)
      }
    }
  }

  @Test func reopeningStartsANewFileThatSortsAfterTheFirst() throws {
    try withTemporaryFolder { folder in
      let first = try EventFileWriter(directory: folder)
      try first.addScalar(tag: "loss", value: 1.0, step: 0)
      try first.close()
      let firstBytes = try fileBytes(first.path)
      // Opened within the same second as the first, these must take new names.
      let second = try EventFileWriter(directory: folder)
      let third = try EventFileWriter(directory: folder)
      try second.addScalar(tag: "loss", value: 2.0, step: 0)
      try second.close()
      try third.close()
      #expect(Set([first.path, second.path, third.path]).count == 3)
      let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
      #expect(names.map { folder + "/" + $0 } == [first.path, second.path, third.path])
      #expect(try fileBytes(first.path) == firstBytes)
    }
  }

  @Test func closedWriterRefusesEventsAndClosesOnce() throws {
    try withTemporaryFolder { folder in
      let writer = try EventFileWriter(directory: folder)
      try writer.close()
      try writer.close()
      let error = #expect(throws: EventFileError.self) { try writer.addScalar(tag: "loss", value: 1.0, step: 0) }
      #expect(error?.description == "\(writer.path): the writer is closed")
      #expect(throws: EventFileError.self) { try writer.flush() }
    }
  }

  @Test func folderThatCannotBeCreatedIsAnError() throws {
    try withTemporaryFolder { folder in
      let file = folder + "/file"
      #expect(FileManager.default.createFile(atPath: file, contents: Data([1])))
      let error = #expect(throws: EventFileError.self) { try EventFileWriter(directory: file + "/logdir") }
      #expect(error?.path == file + "/logdir")
      #expect(error?.problem == "cannot create folder \(file)/logdir: Not a directory", "\(String(describing: error))")
      let notAFolder = #expect(throws: EventFileError.self) { try EventFileWriter(directory: file) }
      #expect(notAFolder?.description == "\(file): not a folder")
    }
  }

  @Test func imageThatCannotBeEncodedIsAnError() throws {
    try withTemporaryFolder { folder in
      let writer = try EventFileWriter(directory: folder)
      let error = #expect(throws: EventFileError.self) {
        try writer.addImage(tag: "samples", image: Image(width: 0, height: 3, channels: 3), step: 4)
      }
      #expect(error?.problem.hasPrefix("image \"samples\" at step 4: PNG: cannot encode an empty") == true, "\(String(describing: error))")
      try writer.close()
      #expect(try EventFileReader.events(atPath: writer.path).count == 1)
    }
  }
}
