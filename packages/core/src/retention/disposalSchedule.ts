/**
 * The disposal schedule: a sample may be thrown away once it has been kept the pack's minimum
 * hours. "48 hours" is elapsed time (CONTRACTS.md): 48 × 3,600 seconds after the sample was taken,
 * also across a daylight-saving change — the wall clock may then read 47 or 49 hours later.
 *
 * A sample on hold (封存) is kept whatever its age until the hold is released; a sample whose
 * fridge was out of range while it held it is marked, so that whoever disposes of it knows it may
 * not have been valid evidence — the mark does not keep it.
 *
 * @since 0.1.0
 */
import type { Finding } from "../kernel/Finding.ts"
import { sort as sortFindings } from "../kernel/Finding.ts"
import type { Instant } from "../kernel/Time.ts"
import { fromEpochMillis } from "../kernel/Time.ts"
import { ruleIds } from "./findings.ts"
import type { Sample } from "./model.ts"
import { isHeldAt } from "./model.ts"
import type { RetentionRules } from "./rules.ts"

const HOUR = 3_600_000

/**
 * The minimum keeping time in milliseconds.
 *
 * @since 0.1.0
 * @category getters
 */
export const minHoldMillis = (policy: Pick<RetentionRules, "minHours">): number => Math.round(policy.minHours * HOUR)

/**
 * The earliest instant at which a sample may be disposed of: taken + the pack's minimum hours.
 *
 * @since 0.1.0
 * @category getters
 */
export const earliestDisposalAt = (policy: Pick<RetentionRules, "minHours">, sample: Pick<Sample, "takenAt">): Instant =>
  fromEpochMillis(sample.takenAt.epochMilliseconds + minHoldMillis(policy))

/**
 * Where a sample stands at an instant: still to be kept (`keep`), free to be disposed of
 * (`mayDispose`), on hold (`held`, 封存: kept whatever its age until the hold is released), handed
 * over to the authority with its hold (`handedOver`), or already disposed of (`disposed`).
 *
 * @since 0.1.0
 * @category models
 */
export type Status = "keep" | "mayDispose" | "held" | "handedOver" | "disposed"

/**
 * One line of the schedule. `storageBreached` says the fridge was out of the temperature range
 * while it held the sample (the evaluation's `retention.temperature` findings about it, in
 * `storageFindings`): the sample may not have been valid evidence. It is a mark for the person
 * disposing of it, not a reason to keep it.
 *
 * @since 0.1.0
 * @category models
 */
export interface ScheduleEntry {
  readonly sample: Sample
  readonly status: Status
  readonly earliestDisposalAt: Instant
  /** for samples to keep: the milliseconds left until they may be disposed of */
  readonly remainingMillis: number
  readonly storageBreached: boolean
  /** the `retention.temperature` findings about the sample, in canonical order */
  readonly storageFindings: ReadonlyArray<Finding>
}

/**
 * The schedule at an instant: samples that must still be kept (soonest free first), samples that
 * may now be disposed of (oldest first), samples on hold, samples handed over to the authority and
 * samples already disposed of. Samples taken after `at` are left out. A held sample is never in
 * `keep` or `mayDispose`, however old.
 *
 * @since 0.1.0
 * @category models
 */
export interface Schedule {
  readonly at: Instant
  readonly keep: ReadonlyArray<ScheduleEntry>
  readonly mayDispose: ReadonlyArray<ScheduleEntry>
  readonly held: ReadonlyArray<ScheduleEntry>
  readonly handedOver: ReadonlyArray<ScheduleEntry>
  readonly disposed: ReadonlyArray<ScheduleEntry>
}

/**
 * What the schedule may know besides the samples: the findings of an evaluation of them (as of
 * the schedule's instant), to mark the samples whose storage breached.
 *
 * @since 0.1.0
 * @category models
 */
export interface ScheduleOptions {
  readonly findings?: Iterable<Finding>
}

const byEarliest = (a: ScheduleEntry, b: ScheduleEntry): number =>
  a.earliestDisposalAt.epochMilliseconds - b.earliestDisposalAt.epochMilliseconds || (a.sample.id < b.sample.id ? -1 : a.sample.id > b.sample.id ? 1 : 0)

const noFindings: ReadonlyArray<Finding> = []

/**
 * The status of one sample at an instant.
 *
 * @since 0.1.0
 * @category getters
 */
export const statusAt = (
  policy: Pick<RetentionRules, "minHours">,
  sample: Sample,
  at: Instant,
  storageFindings: ReadonlyArray<Finding> = noFindings
): ScheduleEntry => {
  const earliest = earliestDisposalAt(policy, sample)
  const t = at.epochMilliseconds
  const release = sample.hold?.release
  const status: Status = sample.disposal !== undefined && sample.disposal.at.epochMilliseconds <= t
    ? "disposed"
    : release?.outcome === "handedOver" && release.at.epochMilliseconds <= t
    ? "handedOver"
    : isHeldAt(sample, t)
    ? "held"
    : t >= earliest.epochMilliseconds
    ? "mayDispose"
    : "keep"
  return {
    sample,
    status,
    earliestDisposalAt: earliest,
    remainingMillis: status === "keep" ? earliest.epochMilliseconds - t : 0,
    storageBreached: storageFindings.length > 0,
    storageFindings
  }
}

/**
 * The disposal schedule of samples at an instant; with the findings of an evaluation, each entry
 * is marked with the `retention.temperature` findings about its sample.
 *
 * @since 0.1.0
 * @category constructors
 */
export const schedule = (
  policy: Pick<RetentionRules, "minHours">,
  samples: Iterable<Sample>,
  at: Instant,
  options: ScheduleOptions = {}
): Schedule => {
  const breaches = new Map<string, Array<Finding>>()
  for (const f of options.findings ?? []) {
    if (f.rule !== ruleIds.temperature || f.subject.kind !== "sample") continue
    const list = breaches.get(f.subject.id)
    if (list === undefined) breaches.set(f.subject.id, [f])
    else list.push(f)
  }
  const lists: Record<Status, Array<ScheduleEntry>> = { keep: [], mayDispose: [], held: [], handedOver: [], disposed: [] }
  for (const sample of samples) {
    if (sample.takenAt.epochMilliseconds > at.epochMilliseconds) continue
    const found = breaches.get(sample.id)
    const entry = statusAt(policy, sample, at, found === undefined ? noFindings : sortFindings(found))
    lists[entry.status].push(entry)
  }
  return {
    at,
    keep: lists.keep.sort(byEarliest),
    mayDispose: lists.mayDispose.sort(byEarliest),
    held: lists.held.sort(byEarliest),
    handedOver: lists.handedOver.sort(byEarliest),
    disposed: lists.disposed.sort(byEarliest)
  }
}
