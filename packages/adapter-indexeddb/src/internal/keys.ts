/**
 * Index keys of projected field values.
 *
 * IndexedDB orders keys by type first (numbers before strings), compares strings by UTF-16 code
 * unit, and has no key for `null` or a boolean; the port orders text by Unicode code point,
 * decimals by value and `null` first. So a value is stored as a key of its field's kind whose
 * IndexedDB order is the port's order:
 *
 * - text: the string with its code units remapped so that code-unit order is code-point order
 *   (characters U+E000–U+FFFF move below the surrogates, which move to the top); the mapping is
 *   one to one, so equal keys are equal texts;
 * - decimals: a fixed-width string of the value's units of 10⁻⁸ (the 8 places of every decimal
 *   column), so that `"1.5"` and `"1.50"` share a key and keys order by value; a value needing
 *   more places, or more than 38 digits, has no key (the SQL columns refuse it too);
 * - dates as strings, numbers as finite numbers, booleans as 0 and 1;
 * - `null` as −Infinity, below every value of its kind.
 *
 * The index `[schoolId+$field+id]` then yields a school's rows in the reference order.
 */
import type { Ports } from "@houqin/core"
import { Decimal } from "@houqin/core/kernel"
import { Option } from "effect"

/**
 * An index key of a projected value.
 *
 * @since 0.1.0
 * @category models
 */
export type Key = string | number

/**
 * The key of `null`: below every value of its kind.
 *
 * @since 0.1.0
 * @category constants
 */
export const NULL_KEY = -Infinity

/**
 * The version of this encoding, part of every store's projection signature: rows written under
 * another are re-projected before they are read.
 *
 * @since 0.1.0
 * @category constants
 */
export const ENCODING = 2

const HIGH = 0xd800

/**
 * The key of a text: code units remapped so that IndexedDB's code-unit order is code-point order.
 * U+0000–U+D7FF stay; U+E000–U+FFFF move down by 0x800 (to U+D800–U+F7FF); surrogates
 * U+D800–U+DFFF move up by 0x2000 (to U+F800–U+FFFF), above every character of the BMP, as the
 * characters beyond U+FFFF that they encode sort in code-point order.
 *
 * @since 0.1.0
 * @category encoding
 */
export const textKey = (text: string): string => {
  let i = 0
  while (i < text.length && text.charCodeAt(i) < HIGH) i++
  if (i === text.length) return text
  let out = text.slice(0, i)
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i)
    out += String.fromCharCode(c < HIGH ? c : c >= 0xe000 ? c - 0x800 : c + 0x2000)
  }
  return out
}

const SCALE = 8
const WIDTH = 38
const LIMIT = 10n ** BigInt(WIDTH)

/**
 * The key of a decimal's text: `"1"` and its units of 10⁻⁸ padded to 38 digits when it is not
 * negative, `"0"` and 10³⁸ minus its units when it is (so that more negative sorts lower);
 * `undefined` when the text is no decimal, needs more than 8 places or has more than 38 digits.
 *
 * @since 0.1.0
 * @category encoding
 */
export const decimalKey = (text: string): string | undefined => {
  const parsed = Option.getOrUndefined(Decimal.parse(text))
  if (parsed === undefined || parsed.scale > SCALE) return undefined
  const units = parsed.value * 10n ** BigInt(SCALE - parsed.scale)
  if (units >= LIMIT || -units >= LIMIT) return undefined
  return units >= 0n ? `1${units.toString().padStart(WIDTH, "0")}` : `0${(LIMIT + units).toString().padStart(WIDTH, "0")}`
}

/**
 * the key of a value of a kind, or `undefined` when the value is not of that kind
 *
 * @since 0.1.0
 * @category encoding
 */
export const encode = (kind: Ports.Storage.FieldKind, value: unknown): Key | undefined => {
  if (value === null) return NULL_KEY
  switch (kind) {
    case "text":
      return typeof value === "string" ? textKey(value) : undefined
    case "date":
      return typeof value === "string" ? value : undefined
    case "decimal":
      return typeof value === "string" ? decimalKey(value) : undefined
    case "int":
    case "number":
    case "instant":
      return typeof value === "number" && Number.isFinite(value) ? value : undefined
    case "bool":
      return typeof value === "boolean" ? (value ? 1 : 0) : undefined
  }
}
