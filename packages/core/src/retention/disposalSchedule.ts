/**
 * The disposal schedule: a sample may be thrown away once it has been kept the pack's minimum
 * hours. "48 hours" is elapsed time (CONTRACTS.md): 48 × 3,600 seconds after the sample was taken,
 * also across a daylight-saving change — the wall clock may then read 47 or 49 hours later.
 *
 * @since 0.1.0
 */
import type { Instant } from "../kernel/Time.ts"
import { fromEpochMillis } from "../kernel/Time.ts"
import type { Sample } from "./model.ts"
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
 * (`mayDispose`), or already disposed of (`disposed`).
 *
 * @since 0.1.0
 * @category models
 */
export type Status = "keep" | "mayDispose" | "disposed"

/**
 * One line of the schedule.
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
}

/**
 * The schedule at an instant: samples that must still be kept (soonest free first), samples that
 * may now be disposed of (oldest first) and samples already disposed of. Samples taken after `at`
 * are left out.
 *
 * @since 0.1.0
 * @category models
 */
export interface Schedule {
  readonly at: Instant
  readonly keep: ReadonlyArray<ScheduleEntry>
  readonly mayDispose: ReadonlyArray<ScheduleEntry>
  readonly disposed: ReadonlyArray<ScheduleEntry>
}

const byEarliest = (a: ScheduleEntry, b: ScheduleEntry): number =>
  a.earliestDisposalAt.epochMilliseconds - b.earliestDisposalAt.epochMilliseconds || (a.sample.id < b.sample.id ? -1 : a.sample.id > b.sample.id ? 1 : 0)

/**
 * The status of one sample at an instant.
 *
 * @since 0.1.0
 * @category getters
 */
export const statusAt = (policy: Pick<RetentionRules, "minHours">, sample: Sample, at: Instant): ScheduleEntry => {
  const earliest = earliestDisposalAt(policy, sample)
  const t = at.epochMilliseconds
  const status: Status = sample.disposal !== undefined && sample.disposal.at.epochMilliseconds <= t
    ? "disposed"
    : t >= earliest.epochMilliseconds
    ? "mayDispose"
    : "keep"
  return { sample, status, earliestDisposalAt: earliest, remainingMillis: status === "keep" ? earliest.epochMilliseconds - t : 0 }
}

/**
 * The disposal schedule of samples at an instant.
 *
 * @since 0.1.0
 * @category constructors
 */
export const schedule = (policy: Pick<RetentionRules, "minHours">, samples: Iterable<Sample>, at: Instant): Schedule => {
  const keep: Array<ScheduleEntry> = []
  const mayDispose: Array<ScheduleEntry> = []
  const disposed: Array<ScheduleEntry> = []
  for (const sample of samples) {
    if (sample.takenAt.epochMilliseconds > at.epochMilliseconds) continue
    const entry = statusAt(policy, sample, at)
    ;(entry.status === "keep" ? keep : entry.status === "mayDispose" ? mayDispose : disposed).push(entry)
  }
  return { at, keep: keep.sort(byEarliest), mayDispose: mayDispose.sort(byEarliest), disposed: disposed.sort(byEarliest) }
}
