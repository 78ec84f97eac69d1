/**
 * The query planner: which index range to read for a `Query`, and the predicate that the rows read
 * must pass.
 *
 * The result of a query is always decided by the memory reference (`applyQuery`) over the rows
 * read, so the planner only has to read a superset of the matching rows — and, when it stops
 * early for a `limit`, to read them in the reference order. Each candidate reads one index: the
 * order field's (rows come out in the reference order, so a `limit` stops the cursor early), an
 * equality field's, the range field's, or the primary key. With more than one candidate the
 * executor counts each range and takes the cheapest; a query on a name that is not a projected
 * field, or with a value of the wrong kind, reads the whole school and lets the reference decide.
 */
import type { Ports } from "@houqin/core"
import { fieldKey } from "../Schema.ts"
import type { Key } from "./keys.ts"
import { encode, NULL_KEY } from "./keys.ts"

type AnySpec = Ports.Storage.AggregateSpec<Ports.Storage.AggregateRoot, unknown>

/**
 * the lowest and highest keys (Dexie's `minKey` and `maxKey`)
 *
 * @since 0.1.0
 * @category models
 */
export interface KeyLimits {
  readonly min: number
  readonly max: unknown
}

/**
 * one key range of an index
 *
 * @since 0.1.0
 * @category models
 */
export interface Bounds {
  readonly lower: ReadonlyArray<unknown>
  readonly upper: ReadonlyArray<unknown>
  readonly lowerOpen: boolean
  readonly upperOpen: boolean
}

/**
 * an index and the ranges of it to read
 *
 * @since 0.1.0
 * @category models
 */
export interface Candidate {
  /** the indexed field, or `undefined` for the primary key `[schoolId+id]` (or an index of several fields) */
  readonly field: string | undefined
  /** the fields of an index of several fields (`[schoolId+$fridgeId+$at+id]`), in its order */
  readonly fields?: ReadonlyArray<string>
  readonly ranges: ReadonlyArray<Bounds>
  /** the rows come out in the query's order (ascending; reversed for `desc`) */
  readonly ordered: boolean
  /** the ranges hold exactly the matching rows: no predicate is left to test */
  readonly exact: boolean
}

/**
 * a stored row as the planner sees it: its projected keys under `$field`
 *
 * @since 0.1.0
 * @category models
 */
export type StoredKeys = { readonly id: string } & { readonly [key: string]: unknown }

/**
 * A plan: nothing can match, read the whole school, or read one of the candidate index ranges.
 *
 * @since 0.1.0
 * @category models
 */
export type Plan =
  | { readonly _tag: "none" }
  | { readonly _tag: "scan" }
  | { readonly _tag: "index"; readonly candidates: ReadonlyArray<Candidate>; readonly test: (row: StoredKeys) => boolean }

const unique = (keys: ReadonlyArray<Key>): Array<Key> => {
  const out = Array.from(new Set(keys))
  // keys of one field share a type (strings or numbers): the index order
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}

/**
 * Plans a query over one school's rows of an aggregate whose store indexes `indexed`.
 *
 * @since 0.1.0
 * @category planning
 */
export const plan = (
  spec: AnySpec,
  indexed: ReadonlySet<string>,
  schoolId: string,
  query: Ports.Storage.Query,
  limits: KeyLimits,
  compounds: ReadonlyArray<ReadonlyArray<string>> = []
): Plan => {
  const where = Object.entries(query.where ?? {})
  const names = [...where.map(([n]) => n), ...(query.range === undefined ? [] : [query.range.field]), ...(query.orderBy === undefined ? [] : [query.orderBy])]
  if (names.some((n) => !Object.hasOwn(spec.fields, n))) return { _tag: "scan" }

  const eqs: Array<{ readonly field: string; readonly key: string; readonly keys: ReadonlyArray<Key>; readonly set: ReadonlySet<Key> }> = []
  for (const [field, v] of where) {
    const kind = spec.fields[field]!.kind
    const values: ReadonlyArray<unknown> = Array.isArray(v) ? v : [v]
    const keys: Array<Key> = []
    for (const value of values) {
      const k = encode(kind, value)
      if (k === undefined) return { _tag: "scan" }
      keys.push(k)
    }
    if (keys.length === 0) return { _tag: "none" }
    const sorted = unique(keys)
    eqs.push({ field, key: fieldKey(field), keys: sorted, set: new Set(sorted) })
  }

  let range: { readonly field: string; readonly key: string; readonly lo: Key | undefined; readonly hi: Key | undefined } | undefined
  if (query.range !== undefined) {
    const kind = spec.fields[query.range.field]!.kind
    const bound = (v: Ports.Storage.FieldValue | undefined): Key | undefined | "invalid" => {
      if (v === undefined || v === null) return undefined
      const k = encode(kind, v)
      return k === undefined ? "invalid" : k
    }
    const lo = bound(query.range.from)
    const hi = bound(query.range.to)
    if (lo === "invalid" || hi === "invalid") return { _tag: "scan" }
    if (lo !== undefined && hi !== undefined && lo >= hi) return { _tag: "none" }
    range = { field: query.range.field, key: fieldKey(query.range.field), lo, hi }
  }

  const test = (row: StoredKeys): boolean => {
    for (const e of eqs) {
      const k = row[e.key] as Key
      if (e.keys.length === 1 ? k !== e.keys[0] : !e.set.has(k)) return false
    }
    if (range !== undefined) {
      const k = row[range.key] as Key | undefined
      if (k === undefined || k === NULL_KEY) return false
      if (range.lo !== undefined && k < range.lo) return false
      if (range.hi !== undefined && k >= range.hi) return false
    }
    return true
  }

  const equal = (k: Key): Bounds => ({
    lower: [schoolId, k, limits.min],
    upper: [schoolId, k, limits.max],
    lowerOpen: false,
    upperOpen: false
  })
  const ranged = (lo: Key | undefined, hi: Key | undefined): Bounds => ({
    // without a lower bound, still above null (−Infinity), which a range never matches
    lower: lo === undefined ? [schoolId, NULL_KEY, limits.max] : [schoolId, lo, limits.min],
    lowerOpen: lo === undefined,
    upper: hi === undefined ? [schoolId, limits.max] : [schoolId, hi, limits.min],
    upperOpen: hi !== undefined
  })
  const school: Bounds = { lower: [schoolId, limits.min], upper: [schoolId, limits.max], lowerOpen: false, upperOpen: false }

  const orderField = query.orderBy ?? query.range?.field
  const candidates: Array<Candidate> = []
  const eqOf = (field: string) => eqs.find((e) => e.field === field)
  if (orderField !== undefined && indexed.has(orderField)) {
    const eq = eqOf(orderField)
    if (eq !== undefined) {
      candidates.push({
        field: orderField,
        ranges: eq.keys.map(equal),
        ordered: eq.keys.length === 1,
        exact: eqs.length === 1 && range === undefined
      })
    } else if (range !== undefined && range.field === orderField) {
      candidates.push({ field: orderField, ranges: [ranged(range.lo, range.hi)], ordered: true, exact: eqs.length === 0 })
    } else {
      candidates.push({ field: orderField, ranges: [school], ordered: true, exact: eqs.length === 0 && range === undefined })
    }
  } else {
    candidates.push({ field: undefined, ranges: [school], ordered: orderField === undefined, exact: eqs.length === 0 && range === undefined })
  }
  for (const e of eqs) {
    if (e.field === orderField || !indexed.has(e.field)) continue
    candidates.push({
      field: e.field,
      ranges: e.keys.map(equal),
      ordered: orderField === undefined && e.keys.length === 1,
      exact: eqs.length === 1 && range === undefined
    })
  }
  if (range !== undefined && range.field !== orderField && indexed.has(range.field)) {
    candidates.push({ field: range.field, ranges: [ranged(range.lo, range.hi)], ordered: false, exact: eqs.length === 0 })
  }
  // Indexes of several fields: the leading fields with equalities, one range per combination of
  // their keys; then the next field's range, if the query's range is on it. The rows come out in
  // the query's order when one combination leaves the index's last field, the order field, next.
  for (const fields of compounds) {
    let j = 0
    while (j < fields.length && eqOf(fields[j]!) !== undefined) j++
    if (j === 0) continue
    const prefix = fields.slice(0, j).map((f) => eqOf(f)!.keys)
    const combos = prefix.reduce<Array<Array<Key>>>((acc, keys) => acc.flatMap((c) => keys.map((k) => [...c, k])), [[]])
    if (combos.length > 64) continue
    const next = fields[j]
    const bounded = next !== undefined && range !== undefined && range.field === next ? range : undefined
    const covered = eqs.every((e) => fields.slice(0, j).includes(e.field))
    const ranges = combos.map((combo): Bounds =>
      bounded === undefined
        ? { lower: [schoolId, ...combo, limits.min], upper: [schoolId, ...combo, limits.max], lowerOpen: false, upperOpen: false }
        : {
          // as for one field: without a lower bound, still above null
          lower: bounded.lo === undefined ? [schoolId, ...combo, NULL_KEY, limits.max] : [schoolId, ...combo, bounded.lo, limits.min],
          lowerOpen: bounded.lo === undefined,
          upper: bounded.hi === undefined ? [schoolId, ...combo, limits.max] : [schoolId, ...combo, bounded.hi, limits.min],
          upperOpen: bounded.hi !== undefined
        }
    )
    // one combination: within it the rows are ordered by the fields after the prefix, then id
    const rest = fields.slice(j)
    const ordered = combos.length === 1 &&
      (orderField === undefined ? rest.length === 0 : rest.length === 0 ? fields.includes(orderField) : rest.length === 1 && rest[0] === orderField)
    candidates.push({
      field: undefined,
      fields,
      ranges,
      ordered,
      exact: covered && (range === undefined || bounded !== undefined)
    })
  }
  return { _tag: "index", candidates, test }
}

/**
 * A candidate that no count can beat, if there is one: an exact one (its ranges hold just the
 * matches, and every other candidate's hold them too) that is ordered or has to read every match
 * anyway (no limit). Counting the candidates is then skipped.
 *
 * @since 0.1.0
 * @category planning
 */
export const certain = (candidates: ReadonlyArray<Candidate>, need: number): number | undefined => {
  let found: number | undefined
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i]!
    if (!c.exact || !(c.ordered || !Number.isFinite(need))) continue
    // of two, the one that reads its matches in order (a limit stops it), else fewer ranges
    const best = found === undefined ? undefined : candidates[found]!
    if (best === undefined || (c.ordered && !best.ordered) || (c.ordered === best.ordered && c.ranges.length < best.ranges.length)) found = i
  }
  return found
}

/**
 * The candidate to read, given the number of rows in each one's ranges: the fewest rows to
 * read, where an ordered candidate that may stop after `need` matches is expected to read
 * `need × its rows ÷ the matches` (the fewest rows of any candidate bounds the matches).
 *
 * @since 0.1.0
 * @category planning
 */
export const choose = (candidates: ReadonlyArray<Candidate>, counts: ReadonlyArray<number>, need: number): number => {
  const matches = Math.max(1, Math.min(...counts))
  let best = 0
  let bestCost = Infinity
  for (let i = 0; i < candidates.length; i++) {
    const n = counts[i]!
    const cost = candidates[i]!.ordered && Number.isFinite(need) ? Math.min(n, (need * n) / matches) : n
    if (cost < bestCost || (cost === bestCost && candidates[i]!.ordered && !candidates[best]!.ordered)) {
      best = i
      bestCost = cost
    }
  }
  return best
}
