/**
 * Stocktake (清查): the register's expected list against what was counted.
 *
 * The expected list is every asset in the stocktake's scope (department, location) that is on the
 * books and on site: received, in service, idle, under repair or awaiting disposal, added on or
 * before the start date. Comparing it with the counted tags gives:
 *
 * - **surplus** (盘盈): a counted tag that is not expected — unknown to the register, or the tag of an
 *   asset outside the scope or off the books;
 * - **shortage** (盘亏): an expected asset that was not counted (assets under repair that were not
 *   counted are listed as `away`, not short);
 * - **wrong location**: counted somewhere other than its recorded location;
 * - **condition changed**: counted in another condition than recorded;
 * - **matched**: counted where and as recorded.
 *
 * Every expected asset is exactly one of matched, found with differences, short or away; a tag
 * counted twice is reported in `duplicates` (the last count wins). Applying a stocktake moves
 * assets to where they were found, records their condition and requests the disposal of the short
 * ones as losses (报损) — each correction a recorded change in the audit log.
 *
 * @since 0.1.0
 */
import type { Asset, Condition } from "./model.ts"

/**
 * An asset the register expects to find.
 *
 * @since 0.1.0
 * @category models
 */
export interface ExpectedItem {
  readonly assetId: string
  readonly tag: string
  readonly location?: string | undefined
  readonly condition: Condition
  /** under repair: not counted means away, not short */
  readonly away?: boolean | undefined
}

/**
 * A counted tag.
 *
 * @since 0.1.0
 * @category models
 */
export interface CountedItem {
  readonly tag: string
  readonly location?: string | undefined
  readonly condition: Condition
}

/**
 * The outcome of a stocktake.
 *
 * @since 0.1.0
 * @category models
 */
export interface StocktakeResult {
  readonly expected: number
  readonly counted: number
  readonly matched: ReadonlyArray<{ readonly assetId: string; readonly tag: string }>
  readonly surplus: ReadonlyArray<{ readonly tag: string; readonly location?: string | undefined; readonly condition: Condition; readonly assetId?: string | undefined }>
  readonly shortage: ReadonlyArray<{ readonly assetId: string; readonly tag: string; readonly location?: string | undefined }>
  readonly away: ReadonlyArray<{ readonly assetId: string; readonly tag: string }>
  readonly wrongLocation: ReadonlyArray<{ readonly assetId: string; readonly tag: string; readonly recorded?: string | undefined; readonly found: string }>
  readonly conditionChanged: ReadonlyArray<{ readonly assetId: string; readonly tag: string; readonly recorded: Condition; readonly found: Condition }>
  readonly duplicates: ReadonlyArray<{ readonly tag: string; readonly count: number }>
}

const onSite = new Set<Asset["status"]>(["received", "inService", "idle", "underRepair", "disposalRequested"])

/**
 * The expected list of a stocktake: assets on the books and on site, in scope, added on or before
 * the start date.
 *
 * @since 0.1.0
 * @category calculations
 */
export const expectedItems = (
  assets: Iterable<Asset>,
  stocktake: { readonly startedOn: string; readonly scope: { readonly departmentId?: string | undefined; readonly location?: string | undefined } }
): Array<ExpectedItem> => {
  const out: Array<ExpectedItem> = []
  for (const a of assets) {
    if (!onSite.has(a.status) || a.acquisitionDate > stocktake.startedOn) continue
    if (stocktake.scope.departmentId !== undefined && a.departmentId !== stocktake.scope.departmentId) continue
    if (stocktake.scope.location !== undefined && a.location !== stocktake.scope.location) continue
    out.push({ assetId: a.id, tag: a.tag, location: a.location, condition: a.condition, away: a.status === "underRepair" })
  }
  return out
}

/**
 * Compares the expected list with the counted tags. `register` maps tags of the whole register to
 * asset ids, so that a surplus names the asset when the tag is known but was not expected.
 *
 * @since 0.1.0
 * @category calculations
 */
export const compare = (
  expected: ReadonlyArray<ExpectedItem>,
  counted: ReadonlyArray<CountedItem>,
  register?: ReadonlyMap<string, string>
): StocktakeResult => {
  const byTag = new Map<string, CountedItem>()
  const times = new Map<string, number>()
  for (const c of counted) {
    byTag.set(c.tag, c)
    times.set(c.tag, (times.get(c.tag) ?? 0) + 1)
  }
  const matched: Array<{ assetId: string; tag: string }> = []
  const shortage: Array<{ assetId: string; tag: string; location?: string | undefined }> = []
  const away: Array<{ assetId: string; tag: string }> = []
  const wrongLocation: Array<{ assetId: string; tag: string; recorded?: string | undefined; found: string }> = []
  const conditionChanged: Array<{ assetId: string; tag: string; recorded: Condition; found: Condition }> = []
  const expectedTags = new Set<string>()
  for (const e of expected) {
    expectedTags.add(e.tag)
    const c = byTag.get(e.tag)
    if (c === undefined) {
      if (e.away === true) away.push({ assetId: e.assetId, tag: e.tag })
      else shortage.push({ assetId: e.assetId, tag: e.tag, location: e.location })
      continue
    }
    let same = true
    if (c.location !== undefined && c.location !== e.location) {
      wrongLocation.push({ assetId: e.assetId, tag: e.tag, recorded: e.location, found: c.location })
      same = false
    }
    if (c.condition !== e.condition) {
      conditionChanged.push({ assetId: e.assetId, tag: e.tag, recorded: e.condition, found: c.condition })
      same = false
    }
    if (same) matched.push({ assetId: e.assetId, tag: e.tag })
  }
  const surplus: Array<{ tag: string; location?: string | undefined; condition: Condition; assetId?: string | undefined }> = []
  const duplicates: Array<{ tag: string; count: number }> = []
  for (const [tag, c] of byTag) {
    const n = times.get(tag)!
    if (n > 1) duplicates.push({ tag, count: n })
    if (!expectedTags.has(tag)) surplus.push({ tag, location: c.location, condition: c.condition, assetId: register?.get(tag) })
  }
  return { expected: expected.length, counted: byTag.size, matched, surplus, shortage, away, wrongLocation, conditionChanged, duplicates }
}
