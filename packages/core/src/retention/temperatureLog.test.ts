import { Result } from "effect"
import { assert, describe, it } from "vitest"
import type { LocalDate } from "../kernel/LocalDate.ts"
import type { Instant, Zone } from "../kernel/Time.ts"
import { parseInstant } from "../kernel/Time.ts"
import { cn } from "./rules.ts"
import type { LogReading, TemperatureLog, TemperatureLogOptions } from "./temperatureLog.ts"
import { temperatureLog } from "./temperatureLog.ts"

const at = (text: string): Instant => parseInstant(text)!
const shanghai = "Asia/Shanghai" as Zone
const reading = (local: string, celsius: number, recordedBy?: string): LogReading => ({
  fridgeId: "fridge-1",
  at: at(`${local}+08:00`),
  celsius,
  ...(recordedBy === undefined ? {} : { recordedBy })
})

// cn: 0–8 °C (both ends included), at most 24 h between two readings
const options = (over: Partial<TemperatureLogOptions> = {}): TemperatureLogOptions => ({
  fridge: { id: "fridge-1", name: "留样柜" },
  policy: cn,
  zone: shanghai,
  period: { from: "2026-03-16" as LocalDate, to: "2026-03-17" as LocalDate },
  asOf: at("2026-03-19T12:00+08:00"),
  ...over
})

const week = [
  reading("2026-03-15T20:00", 4), // before the period: context only
  reading("2026-03-16T08:00", 3.5),
  reading("2026-03-16T14:00", 9.5), // out of range: a breach starts
  reading("2026-03-16T20:00", 10.2), // its peak
  reading("2026-03-17T08:00", 5, "staff-1"), // back in range: the breach ends
  reading("2026-03-17T08:00", 5.2, "staff-2"), // the same instant, read by another person
  reading("2026-03-18T20:00", 4) // after the period: closes the gap since 17 March 08:00
]

const log = (readings: ReadonlyArray<LogReading>, over: Partial<TemperatureLogOptions> = {}): TemperatureLog =>
  Result.getOrThrow(temperatureLog({ ...options(over), readings }))

describe("a fridge's temperature log", () => {
  it("two days by hand: the days, one breach of 18 hours and one gap of 36 hours", () => {
    const l = log(week, { entries: true })
    // 16 March: 08:00 3.5, 14:00 9.5, 20:00 10.2 → 3 readings, lowest 3.5, highest 10.2, 2 above 8 °C
    // 17 March: 08:00 5.0 and 5.2 → 2 readings, none out of range; 15 and 18 March are outside the period
    assert.deepStrictEqual<unknown>(l.days, [
      { date: "2026-03-16", readings: 3, lowestCelsius: 3.5, highestCelsius: 10.2, outOfRange: 2, first: "2026-03-16T00:00:00.000Z", last: "2026-03-16T12:00:00.000Z" },
      { date: "2026-03-17", readings: 2, lowestCelsius: 5, highestCelsius: 5.2, outOfRange: 0, first: "2026-03-17T00:00:00.000Z", last: "2026-03-17T00:00:00.000Z" }
    ])
    assert.strictEqual(l.readings, 3 + 2)
    assert.strictEqual(l.outOfRange, 2)
    assert.strictEqual(l.lowestCelsius, 3.5)
    assert.strictEqual(l.highestCelsius, 10.2)
    // from 16 March 14:00 to 17 March 08:00 (+08:00): 18 h = 1,080 minutes; the peak is 10.2 °C at 20:00
    assert.deepStrictEqual(l.breaches, [{
      start: "2026-03-16T06:00:00.000Z",
      end: "2026-03-17T00:00:00.000Z",
      minutes: 18 * 60,
      peakCelsius: 10.2,
      peakAt: "2026-03-16T12:00:00.000Z",
      lowestCelsius: 9.5,
      highestCelsius: 10.2,
      outOfRangeReadings: 2
    }])
    // 15 March 20:00 → 16 March 08:00 is 12 h (allowed); 17 March 08:00 → 18 March 20:00 is 36 h > 24 h
    assert.deepStrictEqual(l.gaps, [{ from: "2026-03-17T00:00:00.000Z", to: "2026-03-18T12:00:00.000Z", hours: 36 }])
    assert.deepStrictEqual(l.entries?.map((e) => [e.at, e.celsius, e.inRange, e.recordedBy]), [
      ["2026-03-16T00:00:00.000Z", 3.5, true, null],
      ["2026-03-16T06:00:00.000Z", 9.5, false, null],
      ["2026-03-16T12:00:00.000Z", 10.2, false, null],
      ["2026-03-17T00:00:00.000Z", 5, true, "staff-1"],
      ["2026-03-17T00:00:00.000Z", 5.2, true, "staff-2"]
    ])
    assert.deepStrictEqual([l.fridgeId, l.fridgeName, l.range, l.maxGapHours, l.asOf], ["fridge-1", "留样柜", { minC: 0, maxC: 8 }, 24, "2026-03-19T04:00:00.000Z"])
  })

  it("both ends of the range are in range: 0 °C and 8 °C are not breaches, −0.5 °C and 8.1 °C are", () => {
    const edge = log([reading("2026-03-16T08:00", 0), reading("2026-03-16T12:00", 8), reading("2026-03-16T16:00", 4)])
    assert.deepStrictEqual([edge.outOfRange, edge.breaches.length], [0, 0])
    const past = log([reading("2026-03-16T08:00", -0.5), reading("2026-03-16T12:00", 8.1), reading("2026-03-16T16:00", 4)])
    assert.strictEqual(past.outOfRange, 2)
    // one breach from 08:00 to 16:00 (8 h); its peak is the reading farthest from the range: −0.5 is 0.5 below, 8.1 only 0.1 above
    assert.deepStrictEqual(past.breaches.map((b) => [b.minutes, b.peakCelsius, b.lowestCelsius, b.highestCelsius]), [[8 * 60, -0.5, -0.5, 8.1]])
  })

  it("as of an instant inside the period: later readings are not known, the breach is still open, its minutes run to asOf", () => {
    const l = log(week, { asOf: at("2026-03-16T22:00+08:00") })
    // open since 14:00: 8 h = 480 minutes at 22:00
    assert.deepStrictEqual(l.breaches.map((b) => [b.start, b.end, b.minutes]), [["2026-03-16T06:00:00.000Z", null, 480]])
    assert.deepStrictEqual(l.days.map((d) => d.readings), [3, 0])
    assert.deepStrictEqual<unknown>(l.days[1], { date: "2026-03-17", readings: 0, lowestCelsius: null, highestCelsius: null, outOfRange: 0, first: null, last: null })
    // 20:00 → 22:00 without a reading is 2 h: no gap
    assert.deepStrictEqual(l.gaps, [])
  })

  it("a breach open before the period keeps its true start; one that ends after it, its true end", () => {
    const l = log([
      reading("2026-03-15T20:00", 12),
      reading("2026-03-16T08:00", 11),
      reading("2026-03-16T20:00", 4),
      reading("2026-03-17T20:00", 9),
      reading("2026-03-18T06:00", 4)
    ])
    assert.deepStrictEqual(l.breaches.map((b) => [b.start, b.end, b.minutes, b.outOfRangeReadings]), [
      // 15 March 20:00 → 16 March 20:00: 24 h; both readings out of range are counted in the breach,
      ["2026-03-15T12:00:00.000Z", "2026-03-16T12:00:00.000Z", 24 * 60, 2],
      // 17 March 20:00 → 18 March 06:00: 10 h
      ["2026-03-17T12:00:00.000Z", "2026-03-17T22:00:00.000Z", 10 * 60, 1]
    ])
    // … but only the period's readings in its days: 11 on 16 March, 9 on 17 March
    assert.deepStrictEqual(l.days.map((d) => d.outOfRange), [1, 1])
  })

  it("gaps at the period's edges are measured from its start and to its end; no reading at all is one gap of the whole period", () => {
    // no reading before 17 March 06:00: 30 h since 16 March 00:00; none after 17 March 06:00 up to 18 March 00:00: 18 h (allowed)
    const late = log([reading("2026-03-17T06:00", 4)])
    assert.deepStrictEqual(late.gaps, [{ from: null, to: "2026-03-16T22:00:00.000Z", hours: 30 }])
    // read at 16 March 01:00, then nothing up to the end of 17 March: 47 h
    const early = log([reading("2026-03-16T01:00", 4)])
    assert.deepStrictEqual(early.gaps, [{ from: "2026-03-15T17:00:00.000Z", to: null, hours: 47 }])
    const none = log([])
    assert.deepStrictEqual(none.gaps, [{ from: null, to: null, hours: 48 }])
    assert.deepStrictEqual([none.readings, none.lowestCelsius, none.highestCelsius, none.breaches], [0, null, null, []])
  })

  it("days are local days of the school's zone: 8 March 2026 in New York has 23 hours", () => {
    const newYork = "America/New_York" as Zone
    // hourly from 7 March 05:00Z (midnight EST) to 9 March 04:00Z (midnight EDT): 23 readings on the 8th
    const hourly = Array.from({ length: 24 + 23 }, (_, h) => ({ fridgeId: "fridge-1", at: at(new Date(Date.UTC(2026, 2, 7, 5 + h)).toISOString()), celsius: 4 }))
    const l = log(hourly, { zone: newYork, period: { from: "2026-03-07" as LocalDate, to: "2026-03-08" as LocalDate }, asOf: at("2026-03-10T00:00Z") })
    assert.deepStrictEqual(l.days.map((d) => [d.date, d.readings, d.first, d.last]), [
      ["2026-03-07", 24, "2026-03-07T05:00:00.000Z", "2026-03-08T04:00:00.000Z"],
      ["2026-03-08", 23, "2026-03-08T05:00:00.000Z", "2026-03-09T03:00:00.000Z"]
    ])
  })

  it("refuses a period that ends before it starts, and a reading of another fridge, with the path", () => {
    const backwards = temperatureLog({ ...options({ period: { from: "2026-03-17" as LocalDate, to: "2026-03-16" as LocalDate } }), readings: [] })
    assert.isTrue(Result.isFailure(backwards))
    if (Result.isFailure(backwards)) assert.deepStrictEqual([backwards.failure.code, backwards.failure.path], ["retention.invalidPeriod", ["period", "to"]])
    const other = temperatureLog({ ...options(), readings: [week[1]!, { ...week[2]!, fridgeId: "fridge-2" }] })
    assert.isTrue(Result.isFailure(other))
    if (Result.isFailure(other)) {
      assert.deepStrictEqual([other.failure.code, other.failure.path], ["retention.otherFridge", ["readings", 1, "fridgeId"]])
      assert.include(other.failure.zh, "fridge-2")
      assert.include(other.failure.en, "fridge-2")
    }
  })
})
