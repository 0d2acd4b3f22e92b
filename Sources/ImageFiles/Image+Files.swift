extension Image {
  /// Reads a PNG, JPEG or PGM (P5/P2) file, recognising the format by its first bytes rather
  /// than by the file name's extension.
  ///
  /// - Throws: `ImageFileError` naming `path` if the file cannot be read, is in neither format,
  ///   or fails to decode.
  public init(contentsOfFile path: String) throws(ImageFileError) {
    let bytes = try FileSystem.readAll(path)
    do throws(ImageFileError) {
      if Image.hasPNGSignature(bytes) {
        self = try Image(pngBytes: bytes)
      } else if Image.hasJPEGSignature(bytes) {
        self = try Image(jpegBytes: bytes)
      } else if bytes.starts(with: Array("P5".utf8)) || bytes.starts(with: Array("P2".utf8)) {
        self = try Image(pgmBytes: bytes)
      } else if bytes.isEmpty {
        throw ImageFileError(path: nil, problem: "empty file (0 bytes)")
      } else {
        throw ImageFileError(path: nil, problem: "neither PNG, JPEG nor PGM (unrecognised first bytes)")
      }
    } catch {
      throw error.attributed(to: path)
    }
  }
}
