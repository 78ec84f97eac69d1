/**
 * A fridge's temperature log (留样柜温度记录) over a period of local dates: each day's readings
 * with their lowest and highest temperature and how many were out of range, the breaches and the
 * gaps between readings that touch the period, and — when asked — every reading with its mark.
 * It is the page an inspector asks for beside the retention register, and what a front end charts.
 *
 * Breaches and gaps are the storage monitor's ({@link StorageMonitor}): a breach runs from the
 * first reading out of range to the first reading back in range, with nothing averaged; a gap is a
 * stretch longer than the pack's reading interval without a reading. The readings before the period
 * (back to an instant when the fridge was in range) and the first one after it are context: they
 * give a breach or a gap that crosses the period's edges its true start and end, and are not
 * counted in the period's days. Nothing after `asOf` is taken into account: a log of a period that
 * is not over yet shows what was known at `asOf`, a breach still open as open.
 *
 * @since 0.1.0
 */
import { Result } from "effect"
import { ValidationError } from "../kernel/Errors.ts"
import * as LD from "../kernel/LocalDate.ts"
import type { LocalDate } from "../kernel/LocalDate.ts"
import type { Instant, Zone } from "../kernel/Time.ts"
import { formatEpochMillis, startOfDay } from "../kernel/Time.ts"
import type { ReadingOrderError } from "./errors.ts"
import type { RetentionRules } from "./rules.ts"
import * as StorageMonitor from "./storageMonitor.ts"

/**
 * What the log needs of a reading: a stored `Reading` fits.
 *
 * @since 0.1.0
 * @category models
 */
export interface LogReading {
  readonly fridgeId: string
  readonly at: Instant
  readonly celsius: number
  readonly recordedBy?: string | undefined
}

/**
 * One local day of the log. `lowestCelsius` and `highestCelsius` are `null` on a day without
 * readings; `first` and `last` are the day's first and last readings (ISO 8601, UTC).
 *
 * @since 0.1.0
 * @category models
 */
export interface TemperatureDay {
  readonly date: LocalDate
  readonly readings: number
  readonly lowestCelsius: number | null
  readonly highestCelsius: number | null
  readonly outOfRange: number
  readonly first: string | null
  readonly last: string | null
}

/**
 * A breach that touches the period: from its first reading out of range to the first reading back
 * in range (`end`; `null` while it goes on at `asOf`), its peak (the reading farthest from the
 * range), and its length in minutes up to its end or, while it goes on, up to `asOf`.
 *
 * @since 0.1.0
 * @category models
 */
export interface LogBreach {
  readonly start: string
  readonly end: string | null
  readonly minutes: number
  readonly peakCelsius: number
  readonly peakAt: string
  readonly lowestCelsius: number
  readonly highestCelsius: number
  readonly outOfRangeReadings: number
}

/**
 * A stretch without readings longer than the pack's interval that touches the period: after the
 * reading at `from` (`null`: none before the period's start, which the stretch is measured from)
 * until the reading at `to` (`null`: none up to the period's end or `asOf`, whichever is earlier).
 * `hours` is its length as measured between those ends.
 *
 * @since 0.1.0
 * @category models
 */
export interface LogGap {
  readonly from: string | null
  readonly to: string | null
  readonly hours: number
}

/**
 * One reading of the period, with its mark.
 *
 * @since 0.1.0
 * @category models
 */
export interface LogEntry {
  readonly at: string
  readonly celsius: number
  readonly inRange: boolean
  readonly recordedBy: string | null
}

/**
 * The log. Instants are ISO 8601 text in UTC (`2026-03-16T03:00:00.000Z`), dates local to the
 * school's zone; the range is the pack's, both ends included.
 *
 * @since 0.1.0
 * @category models
 */
export interface TemperatureLog {
  readonly fridgeId: string
  readonly fridgeName: string | null
  readonly period: { readonly from: LocalDate; readonly to: LocalDate }
  readonly zone: Zone
  readonly asOf: string
  readonly range: { readonly minC: number; readonly maxC: number }
  readonly maxGapHours: number
  readonly readings: number
  readonly outOfRange: number
  readonly lowestCelsius: number | null
  readonly highestCelsius: number | null
  /** every day of the period, in order (days after `asOf` have no readings yet) */
  readonly days: ReadonlyArray<TemperatureDay>
  readonly breaches: ReadonlyArray<LogBreach>
  readonly gaps: ReadonlyArray<LogGap>
  /** every reading of the period in time order (those of one instant by temperature, then by who recorded them), when asked for */
  readonly entries: ReadonlyArray<LogEntry> | null
}

/**
 * What a log is made for.
 *
 * @since 0.1.0
 * @category models
 */
export interface TemperatureLogOptions {
  readonly fridge: { readonly id: string; readonly name?: string | undefined }
  readonly policy: Pick<RetentionRules, "temperature" | "readingGap">
  readonly zone: Zone
  /** local dates, both included */
  readonly period: { readonly from: LocalDate; readonly to: LocalDate }
  readonly asOf: Instant
  /** list every reading of the period (default `false`: days, breaches and gaps only) */
  readonly entries?: boolean
}

/**
 * A log being built: readings are fed in time order (a page at a time is enough), then `finish`.
 *
 * @since 0.1.0
 * @category models
 */
export interface TemperatureLogger {
  /** the period's first instant (epoch milliseconds): what comes before it is context */
  readonly start: number
  /** the period's end (exclusive), or just after `asOf` when that is earlier: readings from here on count no more */
  readonly end: number
  /**
   * more readings of the fridge, in time order after those fed before; a reading of another fridge
   * is refused with a `ValidationError` at its index, one out of order with a `ReadingOrderError`
   */
  readonly feed: (readings: Iterable<LogReading>) => Result.Result<void, ValidationError | ReadingOrderError>
  readonly finish: () => TemperatureLog
}

const HOUR = 3_600_000
const MINUTE = 60_000

const otherFridge = (index: number, got: string, want: string): ValidationError =>
  ValidationError.at(["readings", index, "fridgeId"], {
    zh: `温度记录属于留样柜 ${got}，不是 ${want}`,
    en: `the reading is of fridge ${got}, not ${want}`
  }, "retention.otherFridge")

const byEntry = (a: LogEntry, b: LogEntry): number =>
  a.at < b.at ? -1 : a.at > b.at ? 1 : a.celsius - b.celsius || ((a.recordedBy ?? "") < (b.recordedBy ?? "") ? -1 : (a.recordedBy ?? "") > (b.recordedBy ?? "") ? 1 : 0)


/**
 * Starts a log.
 *
 * @since 0.1.0
 * @category constructors
 */
export const temperatureLogger = (options: TemperatureLogOptions): Result.Result<TemperatureLogger, ValidationError> => {
  const { fridge, policy, zone, period } = options
  if (period.to < period.from) {
    return Result.fail(ValidationError.at(["period", "to"], { zh: "结束日期早于开始日期", en: "the period ends before it starts" }, "retention.invalidPeriod"))
  }
  const { minC, maxC } = policy.temperature
  const maxGap = policy.readingGap.maxHours * HOUR
  const asOf = options.asOf.epochMilliseconds
  const dates = LD.range(period.from, period.to)
  // each day's first instant in the zone, and the period's end: the days of a daylight-saving
  // change are 23 or 25 hours long
  const bounds = [...dates, LD.addDays(period.to, 1)].map((d) => startOfDay(d, zone).epochMilliseconds)
  const start = bounds[0]!
  const periodEnd = bounds[bounds.length - 1]!
  const end = Math.min(periodEnd, asOf + 1)
  // the stretch the breaches and gaps must touch: the period, up to asOf
  const until = Math.min(periodEnd, asOf)

  const count = new Array<number>(dates.length).fill(0)
  const low = new Array<number>(dates.length).fill(Number.POSITIVE_INFINITY)
  const high = new Array<number>(dates.length).fill(Number.NEGATIVE_INFINITY)
  const out = new Array<number>(dates.length).fill(0)
  const first = new Array<number>(dates.length).fill(Number.NaN)
  const last = new Array<number>(dates.length).fill(Number.NaN)
  const entries: Array<LogEntry> | null = options.entries === true ? [] : null
  let day = 0
  let fed = 0

  const breaches: Array<LogBreach> = []
  const gaps: Array<LogGap> = []
  const monitor = StorageMonitor.make({ minC, maxC }, maxGap, {
    breach: (b) => {
      // one that starts at a reading the period counts, or goes on into it
      if (b.start >= end || (b.end !== undefined && b.end <= start)) return
      breaches.push({
        start: formatEpochMillis(b.start),
        end: b.end === undefined ? null : formatEpochMillis(b.end),
        minutes: Math.floor(((b.end ?? asOf) - b.start) / MINUTE),
        peakCelsius: b.peakCelsius,
        peakAt: formatEpochMillis(b.peakAt),
        lowestCelsius: b.lowestCelsius,
        highestCelsius: b.highestCelsius,
        outOfRangeReadings: b.outOfRangeReadings
      })
    },
    gap: (g) => {
      // measured from the period's start when nothing came before, to its end (or asOf) when
      // nothing came after
      const from = g.from ?? start
      const to = g.to ?? until
      if (to - from <= maxGap || from >= until || to <= start) return
      gaps.push({ from: g.from === undefined ? null : formatEpochMillis(g.from), to: g.to === undefined ? null : formatEpochMillis(g.to), hours: (to - from) / HOUR })
    }
  })

  const feed = (readings: Iterable<LogReading>): Result.Result<void, ValidationError | ReadingOrderError> => {
    for (const r of readings) {
      const index = fed++
      if (r.fridgeId !== fridge.id) return Result.fail(otherFridge(index, r.fridgeId, fridge.id))
      const t = r.at.epochMilliseconds
      if (t > asOf) continue
      const refused = monitor.push(fridge.id, t, r.celsius)
      if (refused !== undefined) return Result.fail(refused)
      if (t < start || t >= end) continue
      while (t >= bounds[day + 1]!) day++
      const c = r.celsius
      const inRange = c >= minC && c <= maxC
      count[day]!++
      if (c < low[day]!) low[day] = c
      if (c > high[day]!) high[day] = c
      if (!inRange) out[day]!++
      if (Number.isNaN(first[day]!)) first[day] = t
      last[day] = t
      entries?.push({ at: formatEpochMillis(t), celsius: c, inRange, recordedBy: r.recordedBy ?? null })
    }
    return Result.void
  }

  const finish = (): TemperatureLog => {
    if (monitor.count() === 0) {
      // not one reading: the whole period (up to asOf) is one stretch without any
      if (until - start > maxGap) gaps.push({ from: null, to: null, hours: (until - start) / HOUR })
    } else monitor.end()
    const days: Array<TemperatureDay> = dates.map((date, i) => ({
      date,
      readings: count[i]!,
      lowestCelsius: count[i] === 0 ? null : low[i]!,
      highestCelsius: count[i] === 0 ? null : high[i]!,
      outOfRange: out[i]!,
      first: count[i] === 0 ? null : formatEpochMillis(first[i]!),
      last: count[i] === 0 ? null : formatEpochMillis(last[i]!)
    }))
    const seen = days.filter((d) => d.readings > 0)
    return {
      fridgeId: fridge.id,
      fridgeName: fridge.name ?? null,
      period: { from: period.from, to: period.to },
      zone,
      asOf: formatEpochMillis(asOf),
      range: { minC, maxC },
      maxGapHours: policy.readingGap.maxHours,
      readings: days.reduce((n, d) => n + d.readings, 0),
      outOfRange: days.reduce((n, d) => n + d.outOfRange, 0),
      lowestCelsius: seen.length === 0 ? null : Math.min(...seen.map((d) => d.lowestCelsius!)),
      highestCelsius: seen.length === 0 ? null : Math.max(...seen.map((d) => d.highestCelsius!)),
      days,
      breaches,
      gaps,
      // readings of one instant in one order, whatever order storage gave them in
      entries: entries === null ? null : entries.sort(byEntry)
    }
  }

  return Result.succeed({ start, end, feed, finish })
}

/**
 * The log of a fridge's readings, given all at once in any order: those of the period, and any
 * before or after it as context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const temperatureLog = (
  options: TemperatureLogOptions & { readonly readings: Iterable<LogReading> }
): Result.Result<TemperatureLog, ValidationError> =>
  Result.flatMap(temperatureLogger(options), (logger) => {
    const readings = Array.from(options.readings)
    const other = readings.findIndex((r) => r.fridgeId !== options.fridge.id)
    if (other >= 0) return Result.fail(otherFridge(other, readings[other]!.fridgeId, options.fridge.id))
    // sorted by time, nothing is out of order and every reading is of the fridge: feeding cannot
    // fail (the readings of one instant count alike in any order, and the entries sort themselves)
    readings.sort((a, b) => a.at.epochMilliseconds - b.at.epochMilliseconds)
    logger.feed(readings)
    return Result.succeed(logger.finish())
  })
