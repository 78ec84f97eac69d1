import { Result } from "effect"
import * as fc from "fast-check"
import { assert, describe, it } from "vitest"
import * as LD from "../kernel/LocalDate.ts"
import type { LocalDate } from "../kernel/LocalDate.ts"
import type { Zone } from "../kernel/Time.ts"
import { fromEpochMillis, localDate, startOfDay } from "../kernel/Time.ts"
import type { LogReading, TemperatureLog, TemperatureLogOptions } from "./temperatureLog.ts"
import { temperatureLog, temperatureLogger } from "./temperatureLog.ts"

const runs = { numRuns: 200 }
const MINUTE = 60_000
const from = "2026-03-07" as LocalDate

/** a period of one to four days in a zone (New York's includes its daylight-saving change), its policy, readings around it and the instant of the log */
const scenario = fc.record({
  zone: fc.constantFrom("Asia/Shanghai", "America/New_York") as fc.Arbitrary<Zone>,
  days: fc.integer({ min: 1, max: 4 }),
  minC: fc.integer({ min: -2, max: 2 }),
  maxC: fc.integer({ min: 6, max: 10 }),
  maxHours: fc.integer({ min: 1, max: 30 }),
  // minutes from the period's first day's start, two days before it to two after it: a logger's
  // series every `step` minutes (with stretches left out), and readings by hand at any minute
  series: fc.record({ step: fc.integer({ min: 30, max: 720 }), offset: fc.nat({ max: 719 }), tenths: fc.array(fc.integer({ min: -40, max: 130 }), { minLength: 1, maxLength: 40 }), skip: fc.array(fc.boolean(), { minLength: 1, maxLength: 30 }) }),
  readings: fc.array(fc.record({ minute: fc.integer({ min: -2 * 1440, max: 6 * 1440 }), tenths: fc.integer({ min: -40, max: 130 }), by: fc.constantFrom("a", "b") }), { maxLength: 40 }),
  asOfMinute: fc.integer({ min: -1440, max: 8 * 1440 }),
  entries: fc.boolean()
}).map((s) => {
  const start = startOfDay(from, s.zone).epochMilliseconds
  const options: TemperatureLogOptions = {
    fridge: { id: "fridge-1" },
    policy: { temperature: { minC: s.minC, maxC: s.maxC }, readingGap: { maxHours: s.maxHours } },
    zone: s.zone,
    period: { from, to: LD.addDays(from, s.days - 1) },
    asOf: fromEpochMillis(start + s.asOfMinute * MINUTE),
    entries: s.entries
  }
  const readings: Array<LogReading> = s.readings.map((r) => ({ fridgeId: "fridge-1", at: fromEpochMillis(start + r.minute * MINUTE), celsius: r.tenths / 10, recordedBy: r.by }))
  const { step, offset, tenths, skip } = s.series
  for (let minute = -2 * 1440 + offset, i = 0; minute <= 6 * 1440; minute += step, i++) {
    if (skip[i % skip.length]!) continue
    readings.push({ fridgeId: "fridge-1", at: fromEpochMillis(start + minute * MINUTE), celsius: tenths[i % tenths.length]! / 10, recordedBy: "logger" })
  }
  return { options, readings }
})

const logOf = (options: TemperatureLogOptions, readings: ReadonlyArray<LogReading>): TemperatureLog => Result.getOrThrow(temperatureLog({ ...options, readings }))

describe("temperature log laws", () => {
  it("order independence: the log does not depend on the order in which the readings are given", () => {
    fc.assert(
      fc.property(scenario, fc.infiniteStream(fc.double({ noNaN: true })), ({ options, readings }, keys) => {
        const it = keys[Symbol.iterator]()
        const shuffled = readings.map((r) => ({ r, k: it.next().value as number })).sort((a, b) => a.k - b.k).map((x) => x.r)
        assert.deepStrictEqual(logOf(options, shuffled), logOf(options, readings))
      }),
      runs
    )
  })

  it("conservation: the days (local dates of the zone) hold exactly the period's readings up to asOf, their out-of-range counts those outside the range, their extremes the extremes", () => {
    fc.assert(
      fc.property(scenario, ({ options, readings }) => {
        const l = logOf(options, readings)
        const start = startOfDay(options.period.from, options.zone).epochMilliseconds
        const end = startOfDay(LD.addDays(options.period.to, 1), options.zone).epochMilliseconds
        const inPeriod = readings.filter((r) => r.at.epochMilliseconds >= start && r.at.epochMilliseconds < end && r.at.epochMilliseconds <= options.asOf.epochMilliseconds)
        const { minC, maxC } = options.policy.temperature
        assert.strictEqual(l.days.length, LD.daysBetween(options.period.from, options.period.to) + 1)
        assert.strictEqual(l.days.reduce((n, d) => n + d.readings, 0), inPeriod.length)
        // each day holds the readings whose local date in the zone is that day
        for (const d of l.days) {
          const its = inPeriod.filter((r) => localDate(r.at, options.zone) === d.date)
          assert.strictEqual(d.readings, its.length, d.date)
          assert.strictEqual(d.outOfRange, its.filter((r) => r.celsius < options.policy.temperature.minC || r.celsius > options.policy.temperature.maxC).length, d.date)
        }
        assert.strictEqual(l.readings, inPeriod.length)
        assert.strictEqual(l.outOfRange, inPeriod.filter((r) => r.celsius < minC || r.celsius > maxC).length)
        assert.strictEqual(l.lowestCelsius, inPeriod.length === 0 ? null : Math.min(...inPeriod.map((r) => r.celsius)))
        assert.strictEqual(l.highestCelsius, inPeriod.length === 0 ? null : Math.max(...inPeriod.map((r) => r.celsius)))
        if (options.entries === true) assert.strictEqual(l.entries?.length, inPeriod.length)
        else assert.isNull(l.entries)
      }),
      runs
    )
  })

  it("no breach without a reading out of range: every out-of-range reading of the period lies in a breach, every breach peaks outside the range", () => {
    fc.assert(
      fc.property(scenario, ({ options, readings }) => {
        const l = logOf({ ...options, entries: true }, readings)
        const { minC, maxC } = options.policy.temperature
        const asOf = options.asOf.epochMilliseconds
        for (const b of l.breaches) {
          assert.isTrue(b.peakCelsius < minC || b.peakCelsius > maxC, `peak ${b.peakCelsius}`)
          assert.isTrue(b.lowestCelsius <= b.peakCelsius && b.peakCelsius <= b.highestCelsius)
          assert.isAtLeast(b.outOfRangeReadings, 1)
          assert.isAtLeast(b.minutes, 0)
        }
        for (const e of l.entries!) {
          if (e.inRange) continue
          const t = Date.parse(e.at)
          assert.isTrue(l.breaches.some((b) => Date.parse(b.start) <= t && t < (b.end === null ? asOf + 1 : Date.parse(b.end))), `reading at ${e.at}`)
        }
        for (const g of l.gaps) assert.isAbove(g.hours, options.policy.readingGap.maxHours)
      }),
      runs
    )
  })

  it("streaming: fed in time order a page at a time, of any size, the logger gives the log of all the readings at once", () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 1, max: 10 }), ({ options, readings }, size) => {
        const sorted = [...readings].sort((a, b) => a.at.epochMilliseconds - b.at.epochMilliseconds || a.celsius - b.celsius || (a.recordedBy! < b.recordedBy! ? -1 : a.recordedBy! > b.recordedBy! ? 1 : 0))
        const logger = Result.getOrThrow(temperatureLogger(options))
        for (let i = 0; i < sorted.length; i += size) assert.isTrue(Result.isSuccess(logger.feed(sorted.slice(i, i + size))))
        assert.deepStrictEqual(logger.finish(), logOf(options, readings))
      }),
      runs
    )
  })
})
