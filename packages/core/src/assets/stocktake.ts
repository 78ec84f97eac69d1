/**
 * Stocktake (清查): the register's expected list against what was counted.
 *
 * The expected list is every asset in the stocktake's scope (department, location) that is on the
 * books and the school's: received, in service, idle, under repair, on loan or awaiting disposal,
 * added on or before the start date. Assets under repair or on loan are expected **away**.
 * Comparing the list with the counted tags gives:
 *
 * - **surplus** (盘盈): a counted tag the register does not know at all — it must be registered
 *   (at its valuation) to be on the books;
 * - **found, not expected**: a counted tag of a registered asset that is not on the expected list
 *   (outside the scope, added after the start, or off the books: planned, disposed, reallocated
 *   out) — found, with where it was recorded and where it was found; never a surplus;
 * - **shortage** (盘亏): an expected asset that was not counted, other than one expected away;
 * - **away**: an asset under repair or on loan (with its borrower and return date) that was not
 *   counted — not short;
 * - **found away**: an asset expected away that was counted anyway — found, and noted;
 * - **wrong location**: counted somewhere other than its recorded location (not for an asset on
 *   loan: where it is found is where its borrower keeps it);
 * - **condition changed**: counted in another condition than recorded;
 * - **matched**: counted where and as recorded.
 *
 * Every expected asset is exactly one of matched, found with differences, short or away; every
 * counted tag is exactly one of an expected asset, a registered asset not expected, or a surplus.
 * A tag counted twice is reported in `duplicates` (the last count wins). Applying a stocktake moves
 * assets to where they were found, records their condition and requests the disposal of the short
 * ones as losses (报损) — each correction a recorded change in the audit log.
 *
 * @since 0.1.0
 */
import type { AssetStatus } from "./lifecycle.ts"
import type { Asset, Condition } from "./model.ts"

/**
 * Why an expected asset may be away: under repair (送修) or on loan (借出).
 *
 * @since 0.1.0
 * @category models
 */
export type AwayReason = "underRepair" | "onLoan"

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
  /** under repair or on loan: not counted means away, not short */
  readonly away?: boolean | undefined
  /** why it is away (an item `away` without one is under repair) */
  readonly awayReason?: AwayReason | undefined
  /** on loan: to whom and until when */
  readonly loan?: { readonly borrower: string; readonly expectedReturn: string } | undefined
}

/**
 * Why a registered asset is not on a stocktake's expected list: outside its scope (another
 * department or location), added after its start date, or not on the books (planned, disposed,
 * reallocated out).
 *
 * @since 0.1.0
 * @category models
 */
export type NotExpectedReason = "outOfScope" | "addedAfterStart" | "offBooks"

/**
 * A registered asset that is not on the expected list, as a stocktake sees it.
 *
 * @since 0.1.0
 * @category models
 */
export interface RegisteredItem {
  readonly assetId: string
  readonly status: AssetStatus
  readonly reason: NotExpectedReason
  readonly location?: string | undefined
  readonly condition: Condition
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
  /**
   * tags the register does not know (盘盈). `assetId` is never set: a tag on the register is found,
   * not gained (see `foundUnexpected`); the key stays for readers of earlier results.
   */
  readonly surplus: ReadonlyArray<{ readonly tag: string; readonly location?: string | undefined; readonly condition: Condition; readonly assetId?: string | undefined }>
  readonly shortage: ReadonlyArray<{ readonly assetId: string; readonly tag: string; readonly location?: string | undefined }>
  /** expected away and not counted: under repair, or on loan (with the borrower and return date) */
  readonly away: ReadonlyArray<{
    readonly assetId: string
    readonly tag: string
    readonly reason: AwayReason
    readonly borrower?: string | undefined
    readonly expectedReturn?: string | undefined
  }>
  /** expected away and counted: found (also compared as any expected asset is) */
  readonly foundAway: ReadonlyArray<{ readonly assetId: string; readonly tag: string; readonly reason: AwayReason; readonly location?: string | undefined; readonly condition: Condition }>
  /** registered assets counted that were not expected, with where they were recorded and found */
  readonly foundUnexpected: ReadonlyArray<{
    readonly assetId: string
    readonly tag: string
    readonly status: AssetStatus
    readonly reason: NotExpectedReason
    readonly recorded?: string | undefined
    readonly location?: string | undefined
    readonly recordedCondition: Condition
    readonly condition: Condition
  }>
  readonly wrongLocation: ReadonlyArray<{ readonly assetId: string; readonly tag: string; readonly recorded?: string | undefined; readonly found: string }>
  readonly conditionChanged: ReadonlyArray<{ readonly assetId: string; readonly tag: string; readonly recorded: Condition; readonly found: Condition }>
  readonly duplicates: ReadonlyArray<{ readonly tag: string; readonly count: number }>
}

const present = new Set<Asset["status"]>(["received", "inService", "idle", "underRepair", "onLoan", "disposalRequested"])

interface Scope {
  readonly startedOn: string
  readonly scope: { readonly departmentId?: string | undefined; readonly location?: string | undefined }
}

const inScope = (a: Asset, stocktake: Scope) =>
  (stocktake.scope.departmentId === undefined || a.departmentId === stocktake.scope.departmentId) &&
  (stocktake.scope.location === undefined || a.location === stocktake.scope.location)

/**
 * The expected list of a stocktake: assets on the books and the school's, in scope, added on or
 * before the start date; those under repair or on loan expected away.
 *
 * @since 0.1.0
 * @category calculations
 */
export const expectedItems = (assets: Iterable<Asset>, stocktake: Scope): Array<ExpectedItem> => {
  const out: Array<ExpectedItem> = []
  for (const a of assets) {
    if (!present.has(a.status) || a.acquisitionDate > stocktake.startedOn || !inScope(a, stocktake)) continue
    const away = a.status === "underRepair" || a.status === "onLoan" ? a.status : undefined
    out.push({
      assetId: a.id,
      tag: a.tag,
      location: a.location,
      condition: a.condition,
      away: away !== undefined,
      ...(away === undefined ? {} : { awayReason: away }),
      ...(a.status === "onLoan" && a.loan !== undefined ? { loan: { borrower: a.loan.borrower, expectedReturn: a.loan.expectedReturn } } : {})
    })
  }
  return out
}

/**
 * The registered assets that are not on a stocktake's expected list, by tag, with why: what
 * {@link compare} needs so that a counted tag of the register is reported as found, never as a
 * surplus.
 *
 * @since 0.1.0
 * @category calculations
 */
export const registeredItems = (assets: Iterable<Asset>, stocktake: Scope): Map<string, RegisteredItem> => {
  const out = new Map<string, RegisteredItem>()
  for (const a of assets) {
    const reason: NotExpectedReason | undefined = !present.has(a.status)
      ? "offBooks"
      : a.acquisitionDate > stocktake.startedOn
      ? "addedAfterStart"
      : !inScope(a, stocktake)
      ? "outOfScope"
      : undefined
    if (reason === undefined) continue
    out.set(a.tag, { assetId: a.id, status: a.status, reason, location: a.location, condition: a.condition })
  }
  return out
}

/**
 * Compares the expected list with the counted tags. `register` gives the registered assets that
 * are not expected, by tag ({@link registeredItems}): such a tag counted is found
 * (`foundUnexpected`), and only a tag the register does not know is a surplus. (Without it, every
 * tag not expected is taken as unknown.)
 *
 * @since 0.1.0
 * @category calculations
 */
export const compare = (
  expected: ReadonlyArray<ExpectedItem>,
  counted: ReadonlyArray<CountedItem>,
  register?: ReadonlyMap<string, RegisteredItem>
): StocktakeResult => {
  const byTag = new Map<string, CountedItem>()
  const times = new Map<string, number>()
  for (const c of counted) {
    byTag.set(c.tag, c)
    times.set(c.tag, (times.get(c.tag) ?? 0) + 1)
  }
  const matched: Array<StocktakeResult["matched"][number]> = []
  const shortage: Array<StocktakeResult["shortage"][number]> = []
  const away: Array<StocktakeResult["away"][number]> = []
  const foundAway: Array<StocktakeResult["foundAway"][number]> = []
  const wrongLocation: Array<StocktakeResult["wrongLocation"][number]> = []
  const conditionChanged: Array<StocktakeResult["conditionChanged"][number]> = []
  const expectedTags = new Set<string>()
  for (const e of expected) {
    expectedTags.add(e.tag)
    const c = byTag.get(e.tag)
    const reason: AwayReason | undefined = e.away === true ? e.awayReason ?? "underRepair" : undefined
    if (c === undefined) {
      if (reason === undefined) shortage.push({ assetId: e.assetId, tag: e.tag, location: e.location })
      else away.push({ assetId: e.assetId, tag: e.tag, reason, ...(e.loan === undefined ? {} : { borrower: e.loan.borrower, expectedReturn: e.loan.expectedReturn }) })
      continue
    }
    if (reason !== undefined) foundAway.push({ assetId: e.assetId, tag: e.tag, reason, location: c.location, condition: c.condition })
    let same = true
    // a loaned asset is where its borrower keeps it: its recorded location is its home
    if (reason !== "onLoan" && c.location !== undefined && c.location !== e.location) {
      wrongLocation.push({ assetId: e.assetId, tag: e.tag, recorded: e.location, found: c.location })
      same = false
    }
    if (c.condition !== e.condition) {
      conditionChanged.push({ assetId: e.assetId, tag: e.tag, recorded: e.condition, found: c.condition })
      same = false
    }
    if (same) matched.push({ assetId: e.assetId, tag: e.tag })
  }
  const surplus: Array<StocktakeResult["surplus"][number]> = []
  const foundUnexpected: Array<StocktakeResult["foundUnexpected"][number]> = []
  const duplicates: Array<StocktakeResult["duplicates"][number]> = []
  for (const [tag, c] of byTag) {
    const n = times.get(tag)!
    if (n > 1) duplicates.push({ tag, count: n })
    if (expectedTags.has(tag)) continue
    const known = register?.get(tag)
    if (known === undefined) surplus.push({ tag, location: c.location, condition: c.condition })
    else {
      foundUnexpected.push({
        assetId: known.assetId,
        tag,
        status: known.status,
        reason: known.reason,
        recorded: known.location,
        location: c.location,
        recordedCondition: known.condition,
        condition: c.condition
      })
    }
  }
  return { expected: expected.length, counted: byTag.size, matched, surplus, shortage, away, foundAway, foundUnexpected, wrongLocation, conditionChanged, duplicates }
}
