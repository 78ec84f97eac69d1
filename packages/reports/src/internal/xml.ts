/**
 * Escaping for XML, HTML and SVG text and attribute values: `& < > " '` become entities, and
 * characters XML 1.0 cannot carry (C0 controls other than tab, line feed and carriage return,
 * U+FFFE, U+FFFF, unpaired surrogates) become U+FFFD, so hostile text can neither close an element
 * nor make a document ill-formed.
 *
 * @since 0.1.0
 */

// the control characters are the point: they are what XML 1.0 cannot carry
// eslint-disable-next-line no-control-regex
const special = /[&<>"'\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|\p{Cs}/u
// eslint-disable-next-line no-control-regex
const specials = /[&<>"'\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|\p{Cs}/gu

const entity = (c: string): string => {
  switch (c) {
    case "&":
      return "&amp;"
    case "<":
      return "&lt;"
    case ">":
      return "&gt;"
    case "\"":
      return "&quot;"
    case "'":
      return "&#39;"
    default:
      return "\uFFFD"
  }
}

/**
 * Text escaped for element content and attribute values alike.
 *
 * @since 0.1.0
 * @category formatting
 */
export const escape = (s: string): string => (special.test(s) ? s.replace(specials, entity) : s)

// eslint-disable-next-line no-control-regex
const invalid = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|\p{Cs}/gu

/**
 * Text with the characters XML cannot carry replaced by U+FFFD (no entity escaping).
 *
 * @since 0.1.0
 * @category formatting
 */
export const clean = (s: string): string => s.replace(invalid, "\uFFFD")
