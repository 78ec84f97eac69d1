/**
 * The display width of text in character cells: wide characters (CJK ideographs, kana, hangul,
 * full-width forms) count two, others one — for column widths and label layout.
 *
 * @since 0.1.0
 */

const isWide = (cp: number): boolean =>
  cp >= 0x1100 && (
    cp <= 0x115f ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    cp >= 0x20000
  )

/**
 * The width of a text in character cells.
 *
 * @since 0.1.0
 * @category getters
 */
export const displayWidth = (s: string): number => {
  let w = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x1100) w += 1
    else {
      const cp = s.codePointAt(i)!
      if (cp > 0xffff) i++
      w += isWide(cp) ? 2 : 1
    }
  }
  return w
}

/**
 * The text cut to a width, with an ellipsis when it was longer.
 *
 * @since 0.1.0
 * @category combinators
 */
export const truncate = (s: string, width: number): string => {
  if (displayWidth(s) <= width) return s
  let out = ""
  let w = 0
  for (const ch of s) {
    const cw = displayWidth(ch)
    if (w + cw > width - 1) break
    out += ch
    w += cw
  }
  return `${out}…`
}
