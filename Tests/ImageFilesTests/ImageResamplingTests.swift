import Testing
import ImageFiles

@Suite struct ImageResamplingTests {
  @Test func channelConversions() {
    let rgb = Image(width: 1, height: 1, channels: 3, pixels: [200, 100, 50])
    #expect(rgb.converted(toChannels: 1).pixels == [124])  // 0.299·200 + 0.587·100 + 0.114·50 = 124.2
    #expect(rgb.converted(toChannels: 4).pixels == [200, 100, 50, 255])
    let gray = Image(width: 2, height: 1, channels: 1, pixels: [7, 9])
    #expect(gray.converted(toChannels: 3).pixels == [7, 7, 7, 9, 9, 9])
    #expect(Image(width: 1, height: 1, channels: 4, pixels: [1, 2, 3, 4]).converted(toChannels: 3).pixels == [1, 2, 3])
  }

  @Test func shrinkingAveragesAreas() {
    // 4×2 → 2×1: each output pixel is the mean of a 2×2 block.
    let image = Image(width: 4, height: 2, channels: 1, pixels: [0, 100, 200, 40, 100, 200, 0, 0])
    #expect(image.resized(width: 2, height: 1).pixels == [100, 60])
    // 3 → 2: output 0 covers source [0, 1.5): (a + b/2) / 1.5.
    let row = Image(width: 3, height: 1, channels: 1, pixels: [30, 90, 150])
    #expect(row.resized(width: 2, height: 1).pixels == [50, 130])
  }

  @Test func growingInterpolatesBilinearlyWithHalfPixelCenters() {
    // 2 → 4: centers at −0.25, 0.25, 0.75, 1.25 in source pixels → clamp, ¾a+¼b, ¼a+¾b, clamp.
    let row = Image(width: 2, height: 1, channels: 1, pixels: [0, 200])
    #expect(row.resized(width: 4, height: 1).pixels == [0, 50, 150, 200])
    let same = Image(width: 3, height: 2, channels: 3, pixels: (0..<18).map(UInt8.init))
    #expect(same.resized(width: 3, height: 2) == same)
  }

  @Test func cropAndFill() {
    let image = Image(width: 4, height: 3, channels: 1, pixels: (0..<12).map(UInt8.init))
    #expect(image.centerCropped(width: 2, height: 1).pixels == [5, 6])
    // 92×112 (the ORL faces) to 64×64: scaled to 64×78, rows 7..<71 kept.
    let face = Image(width: 92, height: 112, channels: 1, repeating: 80)
    let filled = face.resizedToFill(width: 64, height: 64)
    #expect(filled.width == 64 && filled.height == 64 && filled.pixels.allSatisfy { $0 == 80 })
    let wide = Image(width: 10, height: 4, channels: 3, repeating: 9).resizedToFill(width: 4, height: 4)
    #expect(wide.width == 4 && wide.height == 4)
  }
}
