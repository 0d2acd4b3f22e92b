import Testing
@testable import TensorBoardEvents

@Suite struct TFRecordTests {
  @Test func framesLengthChecksumDataChecksum() throws {
    let data = Array("hello".utf8)
    var buffer: [UInt8] = [0xAB]  // appending keeps what is there
    TFRecord.append(data, to: &buffer)
    #expect(buffer.count == 1 + 8 + 4 + data.count + 4)
    #expect(buffer[0] == 0xAB)
    let lengthBytes: [UInt8] = [5, 0, 0, 0, 0, 0, 0, 0]
    #expect(Array(buffer[1..<9]) == lengthBytes)
    #expect(Array(buffer[9..<13]) == Self.littleEndian(CRC32C.masked(CRC32C.checksum(lengthBytes))))
    #expect(Array(buffer[13..<18]) == data)
    #expect(Array(buffer[18..<22]) == Self.littleEndian(CRC32C.masked(CRC32C.checksum(data))))
    #expect(try EventFileReader.records(in: Array(buffer.dropFirst())) == [data])
  }

  @Test func emptyRecordCarriesTheMaskOfZero() {
    var buffer: [UInt8] = []
    TFRecord.append([], to: &buffer)
    #expect(buffer.count == TFRecord.framingByteCount)
    #expect(Array(buffer[12..<16]) == [0xD8, 0xEA, 0x82, 0xA2])  // masked(CRC32C(empty) = 0)
  }

  /// The first record of an event file, as TensorBoard's own `RecordWriter` frames
  /// `Event(wall_time: 1234.5, file_version: "brain.Event:2")`.
  @Test func fileVersionRecordMatchesTensorBoardBytes() throws {
    var event = Tensorboard_Event()
    event.wallTime = 1234.5
    event.fileVersion = "brain.Event:2"
    var buffer: [UInt8] = []
    TFRecord.append(try event.serializedBytes(), to: &buffer)
    #expect(buffer == TensorBoardRecords.fileVersionAt1234_5)
  }

  @Test func readerRejectsCorruption() throws {
    var buffer: [UInt8] = []
    TFRecord.append(Array("payload".utf8), to: &buffer)
    var flippedData = buffer
    flippedData[14] ^= 1
    #expect(throws: EventFileReader.FormatError.self) { try EventFileReader.records(in: flippedData) }
    var flippedLength = buffer
    flippedLength[0] ^= 1
    #expect(throws: EventFileReader.FormatError.self) { try EventFileReader.records(in: flippedLength) }
    #expect(throws: EventFileReader.FormatError.self) { try EventFileReader.records(in: Array(buffer.dropLast())) }
  }

  static func littleEndian(_ value: UInt32) -> [UInt8] {
    (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
  }
}
