/**
 * Projected field values as column parameters: each kind checked and bound the way the dialect's
 * column holds it, or refused — with the reason — before it reaches SQL.
 *
 * @since 0.1.0
 */
import type { Ports } from "@houqin/core"
import * as DecimalColumn from "./DecimalColumn.ts"
import type { Capabilities } from "./Dialect.ts"
import type { Column } from "./Tables.ts"

type FieldKind = Ports.Storage.FieldKind
type FieldValue = Ports.Storage.FieldValue

/**
 * Why a value cannot be bound.
 *
 * @since 0.1.0
 * @category models
 */
export class Refused {
  readonly problem: string
  constructor(problem: string) {
    this.problem = problem
  }
}

const dateText = /^\d{4}-\d{2}-\d{2}$/

/**
 * Whether a value has the JavaScript type of its field's kind.
 *
 * @since 0.1.0
 * @category guards
 */
export const kindMatches = (kind: FieldKind, v: FieldValue): boolean => {
  switch (kind) {
    case "text":
    case "date":
    case "decimal":
      return typeof v === "string"
    case "int":
    case "number":
    case "instant":
      return typeof v === "number"
    case "bool":
      return typeof v === "boolean"
  }
}

/**
 * A decimal's text as its column's parameter, or why the column cannot hold it.
 *
 * @since 0.1.0
 * @category binding
 */
export const bindDecimal = (caps: Capabilities, value: string): unknown => {
  const parts = DecimalColumn.parse(value)
  if (typeof parts === "string") return new Refused(`is ${JSON.stringify(value)}, which ${parts}`)
  const bound = caps.decimal.bind(parts)
  return bound === undefined ? new Refused(`is ${value}, outside what this engine's decimal column holds: ${caps.decimal.range}`) : bound
}

/**
 * A projected field's value as its column's parameter, or {@link Refused}: a value of another
 * kind, text longer than the engine's column or holding U+0000 where it cannot, a malformed date,
 * an unsafe integer, a non-finite number, a decimal that needs more than 8 places or lies outside
 * the column's range.
 *
 * @since 0.1.0
 * @category binding
 */
export const bindField = (caps: Capabilities, c: Column, v: FieldValue): unknown => {
  if (v === null) return null
  const bad = (why: string) => new Refused(`field ${c.field} ${why}`)
  if (!kindMatches(c.kind, v)) return bad(`is ${JSON.stringify(v)}, not a ${c.kind}`)
  switch (c.kind) {
    case "text": {
      const s = v as string
      const limit = c.references === undefined ? caps.limits.textLength : caps.limits.idLength
      if (limit !== undefined && s.length > limit && [...s].length > limit) {
        return bad(`is longer than the ${limit} characters this engine ${c.references === undefined ? "indexes" : "keeps for an id"}`)
      }
      if (!caps.limits.nul && s.includes("\u0000")) return bad("holds U+0000, which this engine's text cannot")
      return s
    }
    case "date":
      return dateText.test(v as string) ? v : bad(`is ${JSON.stringify(v)}, not a date YYYY-MM-DD`)
    case "int":
      return Number.isSafeInteger(v) ? v : bad(`is ${String(v)}, not a safe integer`)
    case "number":
      return Number.isFinite(v) ? v : bad(`is ${String(v)}, not a finite number`)
    case "decimal": {
      const bound = bindDecimal(caps, v as string)
      return bound instanceof Refused ? bad(bound.problem) : bound
    }
    case "instant":
      return Number.isFinite(v) ? caps.bind.instant(v as number) : bad(`is ${String(v)}, not epoch milliseconds`)
    case "bool":
      return caps.bind.bool(v as boolean)
  }
}

/**
 * A bound of a range query on a decimal field, as its parameter: `"none"` when the bound excludes
 * every value the column can hold (a lower bound above its range), `"all"` when it excludes none
 * (a lower bound below it), `undefined` when it is no decimal. Bounds with more than 8 places are
 * rounded up, which keeps `x ≥ from` and `x < to` exact on stored values.
 *
 * @since 0.1.0
 * @category binding
 */
export const decimalBound = (caps: Capabilities, value: string, side: "from" | "to"): unknown => {
  const parts = DecimalColumn.ceiling(value)
  if (parts === undefined) return undefined
  const bound = caps.decimal.bind(parts)
  if (bound !== undefined) return bound
  // outside the column's range: above every value if positive, below every value if negative
  const above = !parts.negative
  return side === "from" ? (above ? "none" : "all") : (above ? "all" : "none")
}
