/**
 * The storage monitor: reads a stream of fridge temperatures, sorted by fridge and then by time,
 * and reports temperature breaches and reading gaps as they close, holding only the current
 * fridge's state — never the readings themselves.
 *
 * - A **breach** starts at the first reading outside the range and lasts until the first reading
 *   back inside it (between two readings the last one observed stands; nothing is averaged, so one
 *   reading of 12 °C among readings of 4 °C is a breach). A breach with no reading back in range
 *   is reported when its fridge's readings end, with no end.
 * - A **gap** is the time between two consecutive readings of a fridge when it is longer than the
 *   pack's interval. The time before a fridge's first reading and after its last one are reported
 *   too, with an open end, so that a sample held there can be checked against them.
 *
 * Readings of one instant are taken together: the instant is out of range if any of them is.
 *
 * @since 0.1.0
 */
import { ReadingOrderError } from "./errors.ts"
import type { BreachView } from "./findings.ts"

/**
 * A fridge-level temperature breach (instants in epoch milliseconds).
 *
 * @since 0.1.0
 * @category models
 */
export type Breach = BreachView

/**
 * A fridge-level stretch without readings: after `from` (the last reading; `undefined` before the
 * first) until `to` (the next reading; `undefined` after the last).
 *
 * @since 0.1.0
 * @category models
 */
export interface Gap {
  readonly fridgeId: string
  readonly from: number | undefined
  readonly to: number | undefined
}

/**
 * Where the monitor reports what it finds.
 *
 * @since 0.1.0
 * @category models
 */
export interface Sink {
  readonly breach: (breach: Breach) => void
  readonly gap: (gap: Gap) => void
  /** called when a fridge's readings end */
  readonly fridgeEnd?: (fridgeId: string) => void
}

/**
 * A running monitor.
 *
 * @since 0.1.0
 * @category models
 */
export interface Monitor {
  /** one reading; a {@link ReadingOrderError} when it is out of order (it is then ignored) */
  readonly push: (fridgeId: string, atMillis: number, celsius: number) => ReadingOrderError | undefined
  /** ends the stream: closes the last fridge */
  readonly end: () => void
  /** the number of readings pushed */
  readonly count: () => number
}

/**
 * Starts a monitor for a temperature range (both ends included) and a longest reading interval.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (
  range: { readonly minC: number; readonly maxC: number },
  maxGapMillis: number,
  sink: Sink
): Monitor => {
  const { minC, maxC } = range
  const finished = new Set<string>()
  let index = 0
  let fridge: string | undefined
  let lastT = Number.NEGATIVE_INFINITY
  // the readings of the pending instant
  let gT = Number.NaN
  let gLow = 0
  let gHigh = 0
  let gOut = 0
  // the open breach
  let open = false
  let bStart = 0
  let bPeak = 0
  let bPeakDev = 0
  let bPeakAt = 0
  let bLow = 0
  let bHigh = 0
  let bCount = 0

  const observe = (f: string, t: number, low: number, high: number, outCount: number): void => {
    if (t - lastT > maxGapMillis) {
      sink.gap({ fridgeId: f, from: lastT === Number.NEGATIVE_INFINITY ? undefined : lastT, to: t })
    }
    lastT = t
    if (low < minC || high > maxC) {
      const above = high - maxC
      const below = minC - low
      const dev = above >= below ? above : below
      const peak = above >= below ? high : low
      if (!open) {
        open = true
        bStart = t
        bPeak = peak
        bPeakDev = dev
        bPeakAt = t
        bLow = low
        bHigh = high
        bCount = outCount
      } else {
        if (dev > bPeakDev) {
          bPeakDev = dev
          bPeak = peak
          bPeakAt = t
        }
        if (low < bLow) bLow = low
        if (high > bHigh) bHigh = high
        bCount += outCount
      }
    } else if (open) {
      open = false
      sink.breach(breachOf(f, t))
    }
  }

  const breachOf = (f: string, end: number | undefined): Breach => ({
    fridgeId: f,
    start: bStart,
    end,
    peakCelsius: bPeak,
    peakAt: bPeakAt,
    lowestCelsius: bLow,
    highestCelsius: bHigh,
    outOfRangeReadings: bCount
  })

  const flush = (): void => {
    if (fridge !== undefined && !Number.isNaN(gT)) {
      observe(fridge, gT, gLow, gHigh, gOut)
      gT = Number.NaN
    }
  }

  const closeFridge = (): void => {
    if (fridge === undefined) return
    flush()
    if (open) {
      open = false
      sink.breach(breachOf(fridge, undefined))
    }
    sink.gap({ fridgeId: fridge, from: lastT, to: undefined })
    finished.add(fridge)
    sink.fridgeEnd?.(fridge)
    fridge = undefined
  }

  const outOf = (c: number): number => (c < minC || c > maxC ? 1 : 0)

  return {
    push: (fridgeId, t, celsius) => {
      const i = index++
      if (fridgeId !== fridge) {
        if (finished.has(fridgeId)) return ReadingOrderError.create(fridgeId, i, "fridge")
        closeFridge()
        fridge = fridgeId
        lastT = Number.NEGATIVE_INFINITY
      } else if (t <= gT) {
        if (t < gT) return ReadingOrderError.create(fridgeId, i, "time")
        // another reading of the pending instant
        if (celsius < gLow) gLow = celsius
        if (celsius > gHigh) gHigh = celsius
        gOut += outOf(celsius)
        return undefined
      }
      flush()
      gT = t
      gLow = celsius
      gHigh = celsius
      gOut = outOf(celsius)
      return undefined
    },
    end: closeFridge,
    count: () => index
  }
}

/**
 * The breaches and the gaps between readings of a fridge's readings, all at once (for a fridge's
 * temperature log). The readings may come in any order; gaps before the first and after the last
 * reading are left out.
 *
 * @since 0.1.0
 * @category constructors
 */
export const scan = (
  readings: Iterable<{ readonly fridgeId: string; readonly at: { readonly epochMilliseconds: number }; readonly celsius: number }>,
  range: { readonly minC: number; readonly maxC: number },
  maxGapMillis: number
): { readonly breaches: ReadonlyArray<Breach>; readonly gaps: ReadonlyArray<Gap> } => {
  const sorted = Array.from(readings).sort((a, b) =>
    a.fridgeId < b.fridgeId ? -1 : a.fridgeId > b.fridgeId ? 1 : a.at.epochMilliseconds - b.at.epochMilliseconds
  )
  const breaches: Array<Breach> = []
  const gaps: Array<Gap> = []
  const m = make(range, maxGapMillis, {
    breach: (b) => breaches.push(b),
    gap: (g) => {
      if (g.from !== undefined && g.to !== undefined) gaps.push(g)
    }
  })
  for (const r of sorted) m.push(r.fridgeId, r.at.epochMilliseconds, r.celsius)
  m.end()
  return { breaches, gaps }
}
