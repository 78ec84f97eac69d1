/**
 * Compliance evaluation: every rule of the retention section over a school's meals, samples and
 * fridge readings for a period, as findings (kernel `Finding`, ordered by `Finding.sort`).
 *
 * The evaluation streams: {@link evaluator} takes the meals, samples and fridges (one school's
 * period fits in memory easily), then the readings one at a time, sorted by fridge and then by
 * time, and keeps only the current fridge's state ({@link StorageMonitor}). Each breach or gap the
 * monitor closes is matched against the samples that fridge held at the time, through an interval
 * index, so the work per reading is constant and the work per breach grows with the samples it
 * touches. {@link evaluate} does the same over arrays in any order.
 *
 * Everything is judged as of `asOf`: samples taken, meals served and readings taken after it are
 * left out. A sample is held from `takenAt` until its disposal, or until `asOf` while it is kept. Its storage
 * is checked over that whole time; a breach or a gap after its earliest disposal time (a school
 * keeping samples longer than required) is reported one severity lower.
 *
 * A sample on hold (封存) is kept as long as the authority needs it: no rule limits how long a
 * sample is kept, so a held sample is never found for its age. Its storage is checked while it
 * stays in the fridge; a sample handed over to the authority leaves the fridge when its hold is
 * released.
 *
 * @since 0.1.0
 */
import { Result } from "effect"
import type * as D from "../kernel/Decimal.ts"
import type { Finding } from "../kernel/Finding.ts"
import * as F from "../kernel/Finding.ts"
import type { LocalDate } from "../kernel/LocalDate.ts"
import type { Instant, Zone } from "../kernel/Time.ts"
import { defaultZone, formatInstant } from "../kernel/Time.ts"
import { minHoldMillis } from "./disposalSchedule.ts"
import type { ReadingOrderError } from "./errors.ts"
import { DisposalBeforeTakenError, DuplicateIdError } from "./errors.ts"
import * as Findings from "./findings.ts"
import { sampledDishes, unsampledDishes } from "./mealCoverage.ts"
import type { Fridge, ReadingLike, Sample, ServedMeal } from "./model.ts"
import { removedAt } from "./model.ts"
import { mustRetain } from "./mustRetain.ts"
import type { Establishment, RetentionRules } from "./rules.ts"
import { checkSample, minGramsOf } from "./sampleChecks.ts"
import type { Breach, Gap } from "./storageMonitor.ts"
import * as StorageMonitor from "./storageMonitor.ts"

/**
 * What an evaluation looks at.
 *
 * - `asOf`: the instant of the evaluation. Samples taken and meals served later are left out;
 *   samples still kept are held until then.
 * - `period`: when given, only meals and samples whose service date lies in it (both ends
 *   included) — a late-night meal served after midnight counts on its service date.
 * - `establishment`: the kind of canteen (default `school`).
 * - `zone`: the school's zone, for the times in explanations (default Asia/Shanghai).
 * - `staff`: staff names by id, for explanations (default: ids). Fridges are named by their names.
 *
 * @since 0.1.0
 * @category models
 */
export interface EvaluationInput {
  readonly policy: RetentionRules
  readonly asOf: Instant
  readonly zone?: Zone
  readonly establishment?: Establishment
  readonly period?: { readonly from: LocalDate; readonly to: LocalDate }
  readonly fridges: ReadonlyArray<Fridge>
  readonly meals: ReadonlyArray<ServedMeal>
  readonly samples: ReadonlyArray<Sample>
  readonly staff?: ReadonlyMap<string, string>
}

/**
 * The result of an evaluation: the findings in canonical order and what was looked at.
 *
 * @since 0.1.0
 * @category models
 */
export interface Evaluation {
  readonly asOf: Instant
  readonly period: { readonly from: LocalDate; readonly to: LocalDate } | undefined
  readonly findings: ReadonlyArray<Finding>
  /** meals served in the period by `asOf`, and how many of them had to be sampled */
  readonly meals: number
  readonly mealsRequiringSamples: number
  /** samples taken in the period by `asOf` */
  readonly samples: number
  /**
   * the readings that bear on the samples: those taken, by `asOf`, while their fridge held a
   * sample of the period (from the first sample taken into it to the end of its last hold, both
   * included). The same count whether the readings come from an array or are streamed from
   * storage, which reads only around the holds.
   */
  readonly readings: number
}

/**
 * A running evaluation: feed it the readings, sorted by fridge and then by time, then finish.
 *
 * @since 0.1.0
 * @category models
 */
export interface Evaluator {
  /** one reading (the hot path: no allocation); an error when it is out of order */
  readonly push: (fridgeId: string, atMillis: number, celsius: number) => ReadingOrderError | undefined
  /** many readings; stops at the first out of order */
  readonly feed: (readings: Iterable<ReadingLike>) => Result.Result<void, ReadingOrderError>
  /** the findings; fails when a reading was out of order */
  readonly finish: () => Result.Result<Evaluation, ReadingOrderError>
  /**
   * The holding window of each fridge: from the first sample taken into it to the end of its last
   * hold (epoch milliseconds). The findings depend only on the fridge's readings from the last
   * instant before the window whose readings were all in range, to the first such instant after
   * it (a breach open at either end is read to its start and its end).
   */
  readonly windows: () => ReadonlyMap<string, { readonly from: number; readonly to: number }>
}

/**
 * The samples one fridge held, indexed by their holding interval `[start, end)` for "which samples
 * were in the fridge during [a, b)" in time proportional to the answer: sorted by start, with a
 * max-of-end segment tree over them.
 */
class HoldIndex {
  readonly samples: Array<Sample>
  readonly start: Float64Array
  readonly end: Float64Array
  private readonly size: number
  private readonly tree: Float64Array

  constructor(entries: Array<{ readonly sample: Sample; readonly start: number; readonly end: number }>) {
    entries.sort((a, b) => a.start - b.start || (a.sample.id < b.sample.id ? -1 : a.sample.id > b.sample.id ? 1 : 0))
    const n = entries.length
    this.samples = entries.map((e) => e.sample)
    this.start = Float64Array.from(entries, (e) => e.start)
    this.end = Float64Array.from(entries, (e) => e.end)
    let size = 1
    while (size < n) size *= 2
    this.size = size
    this.tree = new Float64Array(2 * size).fill(Number.NEGATIVE_INFINITY)
    for (let i = 0; i < n; i++) this.tree[size + i] = this.end[i]!
    for (let i = size - 1; i >= 1; i--) this.tree[i] = Math.max(this.tree[2 * i]!, this.tree[2 * i + 1]!)
  }

  /** calls `visit` with each sample index whose interval meets `[a, b)`, by start */
  overlapping(a: number, b: number, visit: (i: number) => void): void {
    // the first index whose start is at or after b
    let lo = 0
    let hi = this.samples.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.start[mid]! < b) lo = mid + 1
      else hi = mid
    }
    if (lo > 0) this.descend(1, 0, this.size, lo, a, visit)
  }

  private descend(node: number, lo: number, hi: number, limit: number, a: number, visit: (i: number) => void): void {
    if (lo >= limit || this.tree[node]! <= a) return
    if (hi - lo === 1) {
      visit(lo)
      return
    }
    const mid = (lo + hi) >>> 1
    this.descend(2 * node, lo, mid, limit, a, visit)
    this.descend(2 * node + 1, mid, hi, limit, a, visit)
  }
}

const inPeriod = (date: LocalDate, period: EvaluationInput["period"]): boolean =>
  period === undefined || (date >= period.from && date <= period.to)

/**
 * Starts an evaluation: checks the meals and the samples' records at once, then waits for the
 * readings. Fails with a typed error for two samples or two meals with one id, and for a sample
 * disposed of before it was taken.
 *
 * @since 0.1.0
 * @category constructors
 */
export const evaluator = (input: EvaluationInput): Result.Result<Evaluator, DuplicateIdError | DisposalBeforeTakenError> => {
  const { policy, asOf, period } = input
  const zone = input.zone ?? defaultZone
  const establishment = input.establishment ?? "school"
  const now = asOf.epochMilliseconds
  const required = minHoldMillis(policy)
  const maxGap = Math.round(policy.readingGap.maxHours * 3_600_000)
  const findings: Array<Finding> = []

  // samples: valid, unique, in the period and taken by asOf
  const samples: Array<Sample> = []
  const sampleIds = new Set<string>()
  for (let i = 0; i < input.samples.length; i++) {
    const s = input.samples[i]!
    if (sampleIds.has(s.id)) return Result.fail(DuplicateIdError.create("sample", s.id, ["samples", i, "id"]))
    sampleIds.add(s.id)
    if (s.disposal !== undefined && s.disposal.at.epochMilliseconds < s.takenAt.epochMilliseconds) {
      return Result.fail(DisposalBeforeTakenError.create({
        sampleId: s.id,
        takenAt: formatInstant(s.takenAt),
        disposedAt: formatInstant(s.disposal.at),
        path: ["samples", i, "disposal", "at"],
        zone
      }))
    }
    if (inPeriod(s.serviceDate, period) && s.takenAt.epochMilliseconds <= now) samples.push(s)
  }
  const meals: Array<ServedMeal> = []
  const mealIds = new Set<string>()
  for (let i = 0; i < input.meals.length; i++) {
    const m = input.meals[i]!
    if (mealIds.has(m.id)) return Result.fail(DuplicateIdError.create("meal", m.id, ["meals", i, "id"]))
    mealIds.add(m.id)
    if (inPeriod(m.serviceDate, period) && m.servedAt.epochMilliseconds <= now) meals.push(m)
  }

  // every dish of every meal that must be sampled has a sample
  const sampled = sampledDishes(samples)
  let mealsRequiringSamples = 0
  for (const m of meals) {
    if (!mustRetain(policy, establishment, m)) continue
    mealsRequiringSamples++
    const missing = unsampledDishes(m, sampled)
    if (missing.length > 0) findings.push(Findings.missingSamples(m, missing, zone))
  }

  // each sample's record
  const fridges = new Map(input.fridges.map((f) => [f.id as string, f]))
  const minGrams: D.Decimal = minGramsOf(policy)
  const ctx = { policy, zone, asOf, fridges, minGrams, ...(input.staff === undefined ? {} : { staff: input.staff }) }
  for (const s of samples) checkSample(ctx, s, findings)

  // each fridge's holds
  const byFridge = new Map<string, Array<{ sample: Sample; start: number; end: number }>>()
  const windows = new Map<string, { from: number; to: number }>()
  for (const s of samples) {
    const start = s.takenAt.epochMilliseconds
    // in the fridge until disposed of or handed over to the authority (a hold's release)
    const end = Math.min(removedAt(s)?.epochMilliseconds ?? Number.POSITIVE_INFINITY, now)
    if (end <= start) continue
    let list = byFridge.get(s.fridgeId)
    if (list === undefined) {
      list = []
      byFridge.set(s.fridgeId, list)
    }
    list.push({ sample: s, start, end })
    const w = windows.get(s.fridgeId)
    if (w === undefined) windows.set(s.fridgeId, { from: start, to: end })
    else {
      if (start < w.from) w.from = start
      if (end > w.to) w.to = end
    }
  }
  const index = new Map<string, HoldIndex>()
  for (const [fridgeId, list] of byFridge) index.set(fridgeId, new HoldIndex(list))

  // the sample must be kept at t: within its required hours, or on hold (封存) by an authority's
  // order — a breach or a gap then is as serious as within the 48 hours
  const mustKeep = (sample: Sample, start: number, t: number): boolean => {
    if (t < start + required) return true
    const hold = sample.hold
    return hold !== undefined && t >= hold.at.epochMilliseconds && (hold.release === undefined || t < hold.release.at.epochMilliseconds)
  }
  const onBreach = (b: Breach): void => {
    const idx = index.get(b.fridgeId)
    if (idx === undefined) return
    const bEnd = b.end ?? Number.POSITIVE_INFINITY
    idx.overlapping(b.start, bEnd, (i) => {
      const s = idx.start[i]!
      const e = idx.end[i]!
      const from = Math.max(b.start, s)
      const to = Math.min(bEnd, e)
      findings.push(Findings.breach(idx.samples[i]!, b, from, to, mustKeep(idx.samples[i]!, s, from), policy, zone, fridges.get(b.fridgeId)))
    })
  }
  const onGap = (g: Gap): void => {
    const idx = index.get(g.fridgeId)
    if (idx === undefined) return
    const p = g.from ?? Number.NEGATIVE_INFINITY
    const q = g.to ?? Number.POSITIVE_INFINITY
    idx.overlapping(p, q, (i) => {
      const s = idx.start[i]!
      const from = Math.max(p, s)
      const to = Math.min(q, idx.end[i]!)
      if (to - from > maxGap) {
        findings.push(Findings.readingGap(
          idx.samples[i]!,
          { from, to, lastReadingAt: g.from, nextReadingAt: g.to },
          mustKeep(idx.samples[i]!, s, from),
          policy,
          zone,
          fridges.get(g.fridgeId)
        ))
      }
    })
  }
  const seen = new Set<string>()
  const monitor = StorageMonitor.make(policy.temperature, maxGap, {
    breach: onBreach,
    gap: onGap,
    fridgeEnd: (f) => seen.add(f)
  })

  let failure: ReadingOrderError | undefined
  let read = 0
  let done: Evaluation | undefined
  // the holding window of the fridge being read (readings come fridge by fridge)
  let windowOf: string | undefined
  let windowFrom = Number.POSITIVE_INFINITY
  let windowTo = Number.NEGATIVE_INFINITY
  const push = (fridgeId: string, t: number, c: number): ReadingOrderError | undefined => {
    if (failure !== undefined) return failure
    // as of `asOf`, later readings have not been taken yet
    if (t > now) return undefined
    const e = monitor.push(fridgeId, t, c)
    if (e !== undefined) {
      failure = e
      return e
    }
    if (fridgeId !== windowOf) {
      const w = windows.get(fridgeId)
      windowOf = fridgeId
      windowFrom = w?.from ?? Number.POSITIVE_INFINITY
      windowTo = w?.to ?? Number.NEGATIVE_INFINITY
    }
    if (t >= windowFrom && t <= windowTo) read++
    return undefined
  }
  return Result.succeed({
    push,
    feed: (readings) => {
      for (const r of readings) {
        const e = push(r.fridgeId, r.at.epochMilliseconds, r.celsius)
        if (e !== undefined) return Result.fail(e)
      }
      return Result.void
    },
    windows: () => windows,
    finish: () => {
      if (failure !== undefined) return Result.fail(failure)
      if (done === undefined) {
        monitor.end()
        // fridges that held samples and sent no reading at all
        for (const fridgeId of [...index.keys()].sort()) {
          if (!seen.has(fridgeId)) onGap({ fridgeId, from: undefined, to: undefined })
        }
        done = {
          asOf,
          period,
          findings: F.sort(findings),
          meals: meals.length,
          mealsRequiringSamples,
          samples: samples.length,
          readings: read
        }
      }
      return Result.succeed(done)
    }
  })
}

const byFridgeThenTime = (a: ReadingLike, b: ReadingLike): number =>
  a.fridgeId < b.fridgeId
    ? -1
    : a.fridgeId > b.fridgeId
    ? 1
    : a.at.epochMilliseconds - b.at.epochMilliseconds

/**
 * Evaluates a period at once: the readings may come in any order (they are sorted here). The
 * findings do not depend on the order of any input list.
 *
 * @since 0.1.0
 * @category constructors
 */
export const evaluate = (
  input: EvaluationInput & { readonly readings: Iterable<ReadingLike> }
): Result.Result<Evaluation, DuplicateIdError | DisposalBeforeTakenError | ReadingOrderError> =>
  Result.flatMap(evaluator(input), (ev) => {
    const sorted = Array.from(input.readings).sort(byFridgeThenTime)
    return Result.flatMap(ev.feed(sorted), () => ev.finish())
  })
