import Foundation
import TensorBackend

/// Reads and writes the safetensors format (Hugging Face), so PyTorch users can open the zoo's
/// weights with `safetensors.torch.load_file`:
///
///     [u64 little-endian header length N][N bytes of JSON header][raw little-endian tensor data]
///
/// The header maps each tensor name to `{"dtype": "F32"|"F64", "shape": [...], "data_offsets":
/// [begin, end]}` (offsets into the data section) and may hold `"__metadata__"`: string pairs.
public enum SafeTensors {
  /// Encodes named tensors and metadata; names keep the given order in the data section.
  public static func encode(_ tensors: [(name: String, tensor: Tensor)], metadata: [String: String] = [:]) throws -> Data {
    var header: [String: Any] = [:]
    if !metadata.isEmpty { header["__metadata__"] = metadata }
    var offset = 0
    for (name, tensor) in tensors {
      precondition(name != "__metadata__", "SafeTensors: a tensor may not be named __metadata__")
      let bytes = tensor.scalarCount * tensor.dtype.byteCount
      header[name] = [
        "dtype": tensor.dtype == .float32 ? "F32" : "F64",
        "shape": tensor.shape,
        "data_offsets": [offset, offset + bytes],
      ] as [String: Any]
      offset += bytes
    }
    var json = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])
    // Pad with spaces so the data section starts 8-byte aligned (allowed by the format).
    while (8 + json.count) % 8 != 0 { json.append(0x20) }
    var data = Data(capacity: 8 + json.count + offset)
    withUnsafeBytes(of: UInt64(json.count).littleEndian) { data.append(contentsOf: $0) }
    data.append(json)
    for (_, tensor) in tensors {
      switch tensor.dtype {
      case .float32: tensor.withUnsafeBufferPointer(as: Float.self) { data.append(UnsafeRawBufferPointer($0).bindMemory(to: UInt8.self)) }
      case .float64: tensor.withUnsafeBufferPointer(as: Double.self) { data.append(UnsafeRawBufferPointer($0).bindMemory(to: UInt8.self)) }
      }
    }
    return data
  }

  /// The metadata of the safetensors file at `url`, reading its header only (no tensor data).
  public static func readMetadata(from url: URL) throws -> [String: String] {
    func fail(_ problem: String) -> CheckpointError { CheckpointError.corrupt(file: url.path, problem: problem) }
    guard let handle = FileHandle(forReadingAtPath: url.path) else { throw CheckpointError.missing(file: url.path) }
    defer { try? handle.close() }
    let prefix = try handle.read(upToCount: 8) ?? Data()
    guard prefix.count == 8 else { throw fail("file is \(prefix.count) bytes, shorter than the 8-byte header length") }
    let headerLength = prefix.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
    guard headerLength <= 100_000_000 else { throw fail("header length \(headerLength) is implausible") }
    let header = try handle.read(upToCount: Int(headerLength)) ?? Data()
    guard header.count == Int(headerLength), let json = try? JSONSerialization.jsonObject(with: header) as? [String: Any] else {
      throw fail("header is not a JSON object")
    }
    return json["__metadata__"] as? [String: String] ?? [:]
  }

  /// The decoded contents of a safetensors file.
  public struct Contents {
    /// Tensors by name.
    public var tensors: [String: Tensor]
    public var metadata: [String: String]
  }

  /// Decodes safetensors bytes; `source` names the file in error messages.
  public static func decode(_ data: Data, source: String) throws -> Contents {
    func fail(_ problem: String) -> CheckpointError { CheckpointError.corrupt(file: source, problem: problem) }
    guard data.count >= 8 else { throw fail("file is \(data.count) bytes, shorter than the 8-byte header length") }
    let headerLength = data.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
    guard headerLength <= UInt64(data.count - 8) else { throw fail("header length \(headerLength) exceeds the file size \(data.count)") }
    let headerEnd = 8 + Int(headerLength)
    let json: Any
    do {
      json = try JSONSerialization.jsonObject(with: data.subdata(in: 8..<headerEnd))
    } catch {
      throw fail("header is not valid JSON")
    }
    guard let header = json as? [String: Any] else { throw fail("header is not a JSON object") }
    let dataSize = data.count - headerEnd
    var tensors: [String: Tensor] = [:]
    var metadata: [String: String] = [:]
    for (name, value) in header {
      if name == "__metadata__" {
        metadata = value as? [String: String] ?? [:]
        continue
      }
      guard let entry = value as? [String: Any], let dtypeName = entry["dtype"] as? String,
        let shape = entry["shape"] as? [Int], let offsets = entry["data_offsets"] as? [Int], offsets.count == 2
      else { throw fail("tensor \"\(name)\" has a malformed header entry") }
      let dtype: DType
      switch dtypeName {
      case "F32": dtype = .float32
      case "F64": dtype = .float64
      default: throw fail("tensor \"\(name)\" has dtype \(dtypeName); only F32 and F64 are supported")
      }
      guard shape.allSatisfy({ $0 >= 0 }) else { throw fail("tensor \"\(name)\" has a negative dimension in \(shape)") }
      var count = 1
      for extent in shape {
        let (product, overflow) = count.multipliedReportingOverflow(by: extent)
        guard !overflow, product <= dataSize else { throw fail("tensor \"\(name)\" of shape \(shape) is larger than the file") }
        count = product
      }
      let (begin, end) = (offsets[0], offsets[1])
      guard begin >= 0, end >= begin, end <= dataSize else {
        throw fail("tensor \"\(name)\" has data offsets [\(begin), \(end)] outside the \(dataSize)-byte data section")
      }
      guard end - begin == count * dtype.byteCount else {
        throw fail("tensor \"\(name)\" of shape \(shape) needs \(count * dtype.byteCount) bytes, its offsets span \(end - begin)")
      }
      let bytes = data.subdata(in: (headerEnd + begin)..<(headerEnd + end))
      tensors[name] = bytes.withUnsafeBytes { raw -> Tensor in
        switch dtype {
        case .float32:
          return Tensor(shape: shape, scalars: (0..<count).map { raw.loadUnaligned(fromByteOffset: $0 * 4, as: Float.self) })
        case .float64:
          return Tensor(shape: shape, scalars: (0..<count).map { raw.loadUnaligned(fromByteOffset: $0 * 8, as: Double.self) }, dtype: .float64)
        }
      }
    }
    return Contents(tensors: tensors, metadata: metadata)
  }
}

/// A checkpoint that cannot be read.
public enum CheckpointError: Error, CustomStringConvertible, Equatable {
  case missing(file: String)
  case corrupt(file: String, problem: String)
  case mismatch(file: String, problem: String)

  public var description: String {
    switch self {
    case .missing(let file): return "checkpoint \(file) does not exist"
    case .corrupt(let file, let problem): return "checkpoint \(file) is corrupt: \(problem)"
    case .mismatch(let file, let problem): return "checkpoint \(file) does not fit the model: \(problem)"
    }
  }
}
