/**
 * The twelve WHO LMS tables as flat typed arrays for fast lookup. The data are generated from
 * WHO's files (`src/data/who-*.generated.ts`, see data/who/README.md); each table is turned into a
 * `Float64Array` on first use, so a bundle pays only for the tables it scores with.
 *
 * The WHO Child Growth Standards' tables are in `who2006Tables.ts`, the WHO Growth Reference 2007's in
 * `who2007Tables.ts`: a bundle that scores only one age range carries only its tables.
 *
 * Row layout: male rows then female rows, each row `L, M, S`: the row of sex code `c` (1 or 2)
 * and row index `r` starts at `((c − 1)·rows + r)·3`.
 *
 * @since 0.1.0
 */
import type { LmsTable } from "../data/who-weianthro.generated.ts"

export type { LmsTable } from "../data/who-weianthro.generated.ts"

/**
 * A WHO table ready for lookup.
 *
 * @since 0.1.0
 * @category models
 */
export interface Reference {
  readonly table: LmsTable
  /** the first key (day, month or cm) */
  readonly first: number
  /** the last key with a row (for the WHO 2007 tables: the padding row) */
  readonly last: number
  /** rows per key unit (10 for the 0.1 cm tables) */
  readonly scale: number
  /** rows per sex */
  readonly rows: number
  /** male rows then female rows, each `L, M, S` */
  readonly lms: Float64Array
}

const build = (table: LmsTable): Reference => {
  const lms = new Float64Array(table.rows * 6)
  lms.set(table.male, 0)
  lms.set(table.female, table.rows * 3)
  return { table, first: table.first, last: table.last, scale: table.scale, rows: table.rows, lms }
}

/**
 * A table turned into a lookup on first use (so that importing a module costs nothing until it
 * scores).
 *
 * @since 0.1.0
 * @category constructors
 */
export const lazy = (table: LmsTable): (() => Reference) => {
  let ref: Reference | undefined
  return () => (ref ??= build(table))
}

/**
 * The L, M and S of a row, or `undefined` when the table has no row there (for tests, docs and
 * users who want the reference values themselves).
 *
 * @since 0.1.0
 * @category getters
 */
export const row = (ref: Reference, sexCode: 1 | 2, key: number): { readonly l: number; readonly m: number; readonly s: number } | undefined => {
  const r = Math.round((key - ref.first) * ref.scale)
  if (!(r >= 0 && r < ref.rows)) return undefined
  const o = ((sexCode - 1) * ref.rows + r) * 3
  return { l: ref.lms[o]!, m: ref.lms[o + 1]!, s: ref.lms[o + 2]! }
}
