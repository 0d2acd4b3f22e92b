/// A 5×7 pixel font for plot text: digits, ASCII letters, common punctuation and '×'.
///
/// Each glyph is seven rows of five pixels, written below as text ('#' on, '.' off) so a reader
/// can check a glyph by eye. A line of text is nine rows: capitals and digits fill rows 0–6 (the
/// cap height), lower-case bodies rows 2–6, and the descending letters g, p, q and y are drawn
/// two rows lower, into rows 7–8. Characters without a glyph render as '?'.
public enum BitmapFont {
  /// Glyph width in font pixels.
  public static let glyphWidth = 5
  /// Glyph height in font pixels, which is also the height of capitals and digits.
  public static let glyphHeight = 7
  /// Rows below the baseline that descending letters reach.
  public static let descent = 2
  /// Blank columns between neighbouring glyphs.
  public static let spacing = 1

  /// The width in image pixels of `text` drawn at `scale` (each font pixel a scale × scale block).
  public static func width(of text: String, scale: Int = 1) -> Int {
    let count = text.count
    return count == 0 ? 0 : (count * (glyphWidth + spacing) - spacing) * scale
  }

  /// The height in image pixels of a line of text at `scale`, descenders included.
  public static func height(scale: Int = 1) -> Int { (glyphHeight + descent) * scale }

  /// The height in image pixels of capitals and digits at `scale`: what to centre on a tick.
  public static func capHeight(scale: Int = 1) -> Int { glyphHeight * scale }

  /// Whether font pixel (`column`, `row`) of `character`'s cell is on; rows run from 0 (top) to
  /// `glyphHeight + descent − 1`.
  public static func isSet(_ character: Character, column: Int, row: Int) -> Bool {
    let rows = glyphs[character] ?? glyphs["?"]!
    let glyphRow = descending.contains(character) ? row - descent : row
    guard glyphRow >= 0 && glyphRow < glyphHeight else { return false }
    return rows[glyphRow] & (1 << (glyphWidth - 1 - column)) != 0
  }

  /// Letters whose sheet drawing starts at the x-height and runs below the baseline.
  private static let descending: Set<Character> = ["g", "p", "q", "y"]

  /// Whether the font has a glyph of its own for `character`.
  public static func hasGlyph(for character: Character) -> Bool { glyphs[character] != nil }

  /// Row bit masks, most significant of the five bits = leftmost pixel; space is blank.
  private static let glyphs: [Character: [UInt8]] = {
    var table: [Character: [UInt8]] = [" ": [UInt8](repeating: 0, count: glyphHeight)]
    let lines = sheet.split(separator: "\n", omittingEmptySubsequences: true).map(Array.init)
    // Bands of eight lines: the characters, each above its glyph, then the glyphs' seven rows.
    for band in stride(from: 0, to: lines.count, by: 8) {
      let header = lines[band]
      for start in stride(from: 0, to: header.count, by: glyphWidth + 1) {
        let rows = (1...glyphHeight).map { offset in
          lines[band + offset][start..<start + glyphWidth].reduce(UInt8(0)) { bits, pixel in
            bits << 1 | (pixel == "#" ? 1 : 0)
          }
        }
        table[header[start]] = rows
      }
    }
    return table
  }()

  /// The glyphs, ten to a band: '#' is an "on" pixel.
  private static let sheet = """
    0     1     2     3     4     5     6     7     8     9
    .###. ..#.. .###. ##### ...#. ##### ..##. ##### .###. .###.
    #...# .##.. #...# ...#. ..##. #.... .#... ....# #...# #...#
    #..## ..#.. ....# ..#.. .#.#. ####. #.... ...#. #...# #...#
    #.#.# ..#.. ...#. ...#. #..#. ....# ####. ..#.. .###. .####
    ##..# ..#.. ..#.. ....# ##### ....# #...# .#... #...# ....#
    #...# ..#.. .#... #...# ...#. #...# #...# .#... #...# ...#.
    .###. .###. ##### .###. ...#. .###. .###. .#... .###. .##..

    A     B     C     D     E     F     G     H     I     J
    .###. ####. .###. ###.. ##### ##### .###. #...# .###. ..###
    #...# #...# #...# #..#. #.... #.... #...# #...# ..#.. ...#.
    #...# #...# #.... #...# #.... #.... #.... #...# ..#.. ...#.
    ##### ####. #.... #...# ####. ####. #.### ##### ..#.. ...#.
    #...# #...# #.... #...# #.... #.... #...# #...# ..#.. ...#.
    #...# #...# #...# #..#. #.... #.... #...# #...# ..#.. #..#.
    #...# ####. .###. ###.. ##### #.... .#### #...# .###. .##..

    K     L     M     N     O     P     Q     R     S     T
    #...# #.... #...# #...# .###. ####. .###. ####. .#### #####
    #..#. #.... ##.## #...# #...# #...# #...# #...# #.... ..#..
    #.#.. #.... #.#.# ##..# #...# #...# #...# #...# #.... ..#..
    ##... #.... #.#.# #.#.# #...# ####. #...# ####. .###. ..#..
    #.#.. #.... #...# #..## #...# #.... #.#.# #.#.. ....# ..#..
    #..#. #.... #...# #...# #...# #.... #..#. #..#. ....# ..#..
    #...# ##### #...# #...# .###. #.... .##.# #...# ####. ..#..

    U     V     W     X     Y     Z     a     b     c     d
    #...# #...# #...# #...# #...# ##### ..... #.... ..... ....#
    #...# #...# #...# #...# #...# ....# ..... #.... ..... ....#
    #...# #...# #...# .#.#. .#.#. ...#. .###. #.##. .###. .##.#
    #...# #...# #.#.# ..#.. ..#.. ..#.. ....# ##..# #.... #..##
    #...# #...# #.#.# .#.#. ..#.. .#... .#### #...# #.... #...#
    #...# .#.#. #.#.# #...# ..#.. #.... #...# #...# #...# #...#
    .###. ..#.. .#.#. #...# ..#.. ##### .#### ####. .###. .####

    e     f     g     h     i     j     k     l     m     n
    ..... ..##. .#### #.... ..#.. ...#. #.... .##.. ..... .....
    ..... .#..# #...# #.... ..... ..... #.... ..#.. ..... .....
    .###. .#... #...# #.##. .##.. ..##. #..#. ..#.. ##.#. #.##.
    #...# ###.. #...# ##..# ..#.. ...#. #.#.. ..#.. #.#.# ##..#
    ##### .#... .#### #...# ..#.. ...#. ##... ..#.. #.#.# #...#
    #.... .#... ....# #...# ..#.. #..#. #.#.. ..#.. #...# #...#
    .###. .#... .###. #...# .###. .##.. #..#. .###. #...# #...#

    o     p     q     r     s     t     u     v     w     x
    ..... ####. .#### ..... ..... .#... ..... ..... ..... .....
    ..... #...# #...# ..... ..... .#... ..... ..... ..... .....
    .###. #...# #...# #.##. .#### ###.. #...# #...# #...# #...#
    #...# #...# #...# ##..# #.... .#... #...# #...# #...# .#.#.
    #...# ####. .#### #.... .###. .#... #...# #...# #.#.# ..#..
    #...# #.... ....# #.... ....# .#..# #..## .#.#. #.#.# .#.#.
    .###. #.... ....# #.... ####. ..##. .##.# ..#.. .#.#. #...#

    y     z     .     ,     -     :     +     =     (     )
    #...# ..... ..... ..... ..... ..... ..... ..... ...#. .#...
    #...# ..... ..... ..... ..... .##.. ..#.. ..... ..#.. ..#..
    #...# ##### ..... ..... ..... .##.. ..#.. ##### .#... ...#.
    #...# ...#. ..... ..... .###. ..... ##### ..... .#... ...#.
    .#### ..#.. ..... .##.. ..... .##.. ..#.. ##### .#... ...#.
    ....# .#... .##.. ..#.. ..... .##.. ..#.. ..... ..#.. ..#..
    .###. ##### .##.. .#... ..... ..... ..... ..... ...#. .#...

    [     ]     /     %     _     '     !     ?     ×
    .###. .###. ..... ##... ..... ..#.. ..#.. .###. .....
    .#... ...#. ....# ##..# ..... ..#.. ..#.. #...# #...#
    .#... ...#. ...#. ...#. ..... .#... ..#.. ....# .#.#.
    .#... ...#. ..#.. ..#.. ..... ..... ..#.. ...#. ..#..
    .#... ...#. .#... .#... ..... ..... ..#.. ..#.. .#.#.
    .#... ...#. #.... #..## ..... ..... ..... ..... #...#
    .###. .###. ..... ...## ##### ..... ..#.. ..#.. .....
    """
}
