import { DateTime, Equal, Hash, Result } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import * as Arb from "../testing/arbitraries.ts"
import * as Decode from "./Decode.ts"
import type { LocalDate } from "./LocalDate.ts"
import * as Time from "./Time.ts"

const zone = (z: string) => Result.getOrThrow(Time.zone(z))
const berlin = zone("Europe/Berlin")
const newYork = zone("America/New_York")
const at = (s: string) => Time.parseInstant(s)!

describe("Time", () => {
  it("parses ISO instants with an explicit offset and refuses local text", () => {
    expect(Time.formatInstant(at("2026-03-15T19:45+08:00"))).toBe("2026-03-15T11:45:00.000Z")
    expect(Time.formatInstant(at("2026-03-15T19:45:30.5+0800"))).toBe("2026-03-15T11:45:30.500Z")
    expect(Time.parseInstant("2026-03-15T19:45:00")).toBeUndefined()
    expect(Time.parseInstant("2026-02-30T10:00Z")).toBeUndefined()
    const r = Decode.decoder(Time.InstantSchema)("yesterday", ["takenAt"])
    expect(Result.isFailure(r) && r.failure.path).toEqual(["takenAt"])
  })

  it("gives the local date in the school's zone: 23:30 UTC is the next day in Shanghai", () => {
    expect(Time.localDate(at("2026-03-15T23:30Z"))).toBe("2026-03-16")
    expect(Time.localParts(at("2026-03-15T23:30Z"))).toEqual({ date: "2026-03-16", hour: 7, minute: 30, second: 0 })
    expect(Time.formatInstant(Time.startOfDay("2026-03-16" as LocalDate))).toBe("2026-03-15T16:00:00.000Z")
  })

  it("measures durations as elapsed time across a daylight-saving change", () => {
    // Berlin springs forward on 2026-03-29 at 02:00 → 03:00. Noon on the 28th plus 48 elapsed hours
    // is 13:00 local on the 30th, not 12:00.
    const noon = Time.atLocal("2026-03-28" as LocalDate, { hour: 12, minute: 0 }, berlin)
    const later = Time.plus(noon, "48 hours")
    expect(Time.elapsedMillis(noon, later)).toBe(48 * 3_600_000)
    expect(Time.localParts(later, berlin)).toMatchObject({ date: "2026-03-30", hour: 13, minute: 0 })
  })

  it("resolves skipped and repeated wall-clock times as Temporal's 'compatible' does", () => {
    // 2026-03-08 02:30 does not exist in New York (02:00 → 03:00): it becomes 03:30 EDT (07:30Z)
    expect(Time.formatInstant(Time.atLocal("2026-03-08" as LocalDate, { hour: 2, minute: 30 }, newYork))).toBe("2026-03-08T07:30:00.000Z")
    // 2026-11-01 01:30 happens twice: the earlier (EDT, 05:30Z) is taken
    expect(Time.formatInstant(Time.atLocal("2026-11-01" as LocalDate, { hour: 1, minute: 30 }, newYork))).toBe("2026-11-01T05:30:00.000Z")
  })

  it("round-trips local wall-clock time where it exists: atLocal(localParts(i)) = i", () => {
    fc.assert(fc.property(Arb.instant(), fc.constantFrom(Time.defaultZone, berlin, newYork), (i, z) => {
      const p = Time.localParts(i, z)
      const back = Time.atLocal(p.date, p, z)
      // an instant in the repeated hour after a fall-back maps to the earlier of the two
      expect(Math.abs(Time.elapsedMillis(back, i)) === 0 || Time.offsetAt(i.epochMilliseconds, z) !== Time.offsetAt(back.epochMilliseconds, z)).toBe(true)
    }))
  })

  it("knows Shanghai's offset is +8 h all year", () => {
    expect(Time.offsetAt(at("2026-01-15T00:00Z").epochMilliseconds, Time.defaultZone)).toBe(8 * 3_600_000)
    expect(Time.offsetAt(at("2026-07-15T00:00Z").epochMilliseconds, Time.defaultZone)).toBe(8 * 3_600_000)
    expect(Result.isFailure(Time.zone("Mars/Olympus"))).toBe(true)
  })

  it("formats an instant in the school's zone, not in UTC: 2026-04-21T23:35Z is 07:35 the next day in Shanghai", () => {
    const i = at("2026-04-21T23:35Z")
    expect(Time.formatLocal(i)).toBe("2026-04-22 07:35")
    expect(Time.formatLocal(i, Time.defaultZone, "en")).toBe("2026-04-22 07:35")
    // Urumqi is UTC+6: 05:35 the same day
    expect(Time.formatLocal(i, zone("Asia/Urumqi"), "zh-CN", { withZone: true })).toBe("2026-04-22 05:35（Asia/Urumqi）")
    expect(Time.formatLocal(i, zone("Asia/Urumqi"), "en", { withZone: true, seconds: true })).toBe("2026-04-22 05:35:00 (Asia/Urumqi)")
    // New York on the day it springs forward: 06:59Z is 01:59 EST, 07:00Z is 03:00 EDT
    expect(Time.formatLocal(at("2026-03-08T06:59Z"), newYork)).toBe("2026-03-08 01:59")
    expect(Time.formatLocal(at("2026-03-08T07:00Z"), newYork)).toBe("2026-03-08 03:00")
  })

  // from 0001-01-01 to 9999-12-31: every instant whose ISO text has the 24-character form
  const millis = fc.integer({ min: -62_135_596_800_000, max: 253_402_300_799_999 })

  it("law: formatEpochMillis(ms) = new Date(ms).toISOString(), also for a run of one day and past the 4-digit years", () => {
    fc.assert(fc.property(millis, fc.array(fc.integer({ min: 0, max: 86_399_999 }), { maxLength: 5 }), (ms, laterInDay) => {
      expect(Time.formatEpochMillis(ms)).toBe(new Date(ms).toISOString())
      const day = Math.floor(ms / 86_400_000) * 86_400_000
      for (const t of laterInDay) expect(Time.formatEpochMillis(day + t)).toBe(new Date(day + t).toISOString())
    }))
    // outside the 4-digit years and for a fraction of a millisecond, Date's own text
    expect(Time.formatEpochMillis(-62_167_219_200_001)).toBe("-000001-12-31T23:59:59.999Z")
    expect(Time.formatEpochMillis(253_402_300_800_000)).toBe("+010000-01-01T00:00:00.000Z")
    expect(Time.formatEpochMillis(1.5)).toBe("1970-01-01T00:00:00.001Z")
  })

  it("law: fromEpochMillis(ms) is the instant DateTime.makeUnsafe(ms) makes, over the whole range of Date, and refuses what it refuses", () => {
    const limit = 8_640_000_000_000_000
    const ms = fc.oneof(fc.integer({ min: -limit, max: limit }), fc.integer({ min: -1e13, max: 1e13 }), fc.double({ min: -limit, max: limit, noNaN: true }), fc.constantFrom(-limit, limit, 0, -0, 1, -1, 0.5, -0.5))
    fc.assert(fc.property(ms, (m) => {
      const fast = Time.fromEpochMillis(m)
      const slow = DateTime.makeUnsafe(m)
      expect(fast.epochMilliseconds).toBe(slow.epochMilliseconds)
      expect(DateTime.isUtc(fast)).toBe(true)
    }), { numRuns: 2000 })
    // 1.5 ms: Date keeps whole milliseconds, and so does the instant
    expect(Time.fromEpochMillis(1.5).epochMilliseconds).toBe(1)
    for (const bad of [limit + 1, -limit - 1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => DateTime.makeUnsafe(bad)).toThrow()
      expect(() => Time.fromEpochMillis(bad)).toThrow()
    }
  })

  it("law: an instant fromEpochMillis makes is effect's own DateTime.Utc to every observer: equal, hashed, ordered, formatted, compared and taken apart alike, before and after effect caches its parts", () => {
    const limit = 8_640_000_000_000_000
    const ms = fc.oneof(fc.integer({ min: -limit, max: limit }), fc.integer({ min: -1e13, max: 1e13 }), fc.constantFrom(-limit, limit, 0, -0, 1, -1))
    fc.assert(fc.property(ms, ms, (m, other) => {
      const ours = Time.fromEpochMillis(m)
      const theirs = DateTime.makeUnsafe(m)
      const same = (a: DateTime.Utc, b: DateTime.Utc) => {
        expect(Equal.equals(a, b)).toBe(true)
        expect(Equal.equals(b, a)).toBe(true)
        expect(Hash.hash(a)).toBe(Hash.hash(b))
        expect(a).toStrictEqual(b)
        expect(Object.keys(a)).toEqual(Object.keys(b))
        expect(a._tag).toBe("Utc")
        expect(DateTime.isDateTime(a)).toBe(true)
        expect(String(a)).toBe(String(b))
        expect(JSON.stringify(a)).toBe(JSON.stringify(b))
        expect(DateTime.formatIso(a)).toBe(DateTime.formatIso(b))
        expect(DateTime.toDateUtc(a).getTime()).toBe(DateTime.toDateUtc(b).getTime())
      }
      same(ours, theirs)
      // effect fills its cache of the calendar parts on first use: the cache stays out of sight
      expect(DateTime.toPartsUtc(ours)).toEqual(DateTime.toPartsUtc(theirs))
      expect(DateTime.getPartUtc(ours, "year")).toBe(DateTime.getPartUtc(theirs, "year"))
      same(ours, theirs)
      expect(Object.getOwnPropertyDescriptor(ours, "partsUtc")?.enumerable).toBe(false)
      // and the values mix with effect's own: order, arithmetic, zones
      const b = DateTime.makeUnsafe(other)
      expect(DateTime.Order(ours, b)).toBe(DateTime.Order(theirs, b))
      expect(Equal.equals(ours, b)).toBe(m + 0 === other + 0)
      if (Math.abs(m) < 1e15) {
        expect(DateTime.add(ours, { hours: 5 }).epochMilliseconds).toBe(DateTime.add(theirs, { hours: 5 }).epochMilliseconds)
        expect(DateTime.formatIsoZoned(DateTime.setZoneOffset(ours, 8 * 3_600_000))).toBe(DateTime.formatIsoZoned(DateTime.setZoneOffset(theirs, 8 * 3_600_000)))
        expect(DateTime.startOf(ours, "day").epochMilliseconds).toBe(DateTime.startOf(theirs, "day").epochMilliseconds)
      }
    }), { numRuns: 1000 })
  })

  it("law: parseInstant(formatInstant(i)) = i, and the digit-by-digit reading of the written form agrees with the general one", () => {
    fc.assert(fc.property(millis, (ms) => {
      const text = Time.formatEpochMillis(ms)
      expect(Time.parseInstant(text)?.epochMilliseconds).toBe(ms)
      // the same instant written with an explicit +00:00 offset goes through the pattern
      expect(Time.parseInstant(`${text.slice(0, 23)}+00:00`)?.epochMilliseconds).toBe(ms)
    }))
  })

  it("law: on a written instant with one character changed, the digit-by-digit reading answers as the general one does (whatever date it read before)", () => {
    const char = fc.constantFrom(..."0123456789-:.TZ /x\u00e9".split(""))
    fc.assert(fc.property(millis, fc.nat(23), char, millis, (ms, i, c, before) => {
      const text = Time.formatEpochMillis(ms)
      const changed = `${text.slice(0, i)}${c}${text.slice(i + 1)}`
      // read another instant first (or the same day's): the reading remembers the last date
      Time.parseInstant(Time.formatEpochMillis(i % 2 === 0 ? before : ms - (ms % 86_400_000)))
      const general = changed.endsWith("Z") ? Time.parseInstant(`${changed.slice(0, 23)}+00:00`) : undefined
      expect(Time.parseInstant(changed)?.epochMilliseconds, changed).toBe(general?.epochMilliseconds)
    }), { numRuns: 5000 })
  })

  it("refuses 24-character texts that are not a real date and time: 2026-02-29 (2026 is not a leap year), hour 24, second 60, year 0, a letter in the digits", () => {
    for (
      const text of [
        "2026-02-29T00:00:00.000Z",
        "2026-04-31T00:00:00.000Z",
        "2026-03-15T24:00:00.000Z",
        "2026-03-15T23:60:00.000Z",
        "2026-03-15T23:59:60.000Z",
        "0000-01-01T00:00:00.000Z",
        "2026-13-01T00:00:00.000Z",
        "2026-03-1xT00:00:00.000Z",
        "2026-03-15T00:00:00.00xZ",
        "2026-03-15 00:00:00.000Z"
      ]
    ) expect(Time.parseInstant(text), text).toBeUndefined()
    // 2028 is a leap year
    expect(Time.formatInstant(at("2028-02-29T12:00:00.000Z"))).toBe("2028-02-29T12:00:00.000Z")
  })
})
