import Testing
import ImageFiles

@Suite struct ImageTests {
  @Test func pixelAddressingIsRowMajorInterleaved() {
    var image = Image(width: 3, height: 2, channels: 3)
    image[x: 2, y: 1, channel: 1] = 7
    #expect(image.pixels[(1 * 3 + 2) * 3 + 1] == 7)
    image.setPixel(x: 0, y: 1, to: [1, 2, 3])
    #expect(image.pixel(x: 0, y: 1) == [1, 2, 3])
    #expect(image.description == "Image(3×2, RGB)")
  }

  @Test func repeatingFillsEverySample() {
    let image = Image(width: 4, height: 5, channels: 4, repeating: 9)
    #expect(image.pixels.count == 80)
    #expect(image.pixels.allSatisfy { $0 == 9 })
  }
}
