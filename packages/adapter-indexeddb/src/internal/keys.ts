/**
 * Index keys of projected field values.
 *
 * IndexedDB orders keys by type first (numbers before strings) and has no key for `null` or a
 * boolean, while the memory reference compares with JavaScript's `<` and puts `null` first. So a
 * value is stored as a key of its field's kind: text and dates as strings, numbers as finite
 * numbers, booleans as 0 and 1, and `null` as −Infinity, below every value of its kind. Within a
 * kind the two orders agree (strings by UTF-16 code units, numbers numerically, false < true), and
 * the index `[schoolId+$field+id]` yields a school's rows in the reference order.
 */
import type { Ports } from "@houqin/core"

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
 * the key of a value of a kind, or `undefined` when the value is not of that kind
 *
 * @since 0.1.0
 * @category encoding
 */
export const encode = (kind: Ports.Storage.FieldKind, value: unknown): Key | undefined => {
  if (value === null) return NULL_KEY
  switch (kind) {
    case "text":
    case "date":
      return typeof value === "string" ? value : undefined
    case "int":
    case "number":
    case "instant":
      return typeof value === "number" && Number.isFinite(value) ? value : undefined
    case "bool":
      return typeof value === "boolean" ? (value ? 1 : 0) : undefined
  }
}
