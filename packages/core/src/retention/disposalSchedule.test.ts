import { assert, describe, it } from "vitest"
import type { LocalDate } from "../kernel/LocalDate.ts"
import type { Zone } from "../kernel/Time.ts"
import { atLocal, formatInstant, fromEpochMillis, parseInstant } from "../kernel/Time.ts"
import { earliestDisposalAt, schedule, statusAt } from "./disposalSchedule.ts"
import { formatLocal } from "../kernel/Time.ts"
import type { Sample } from "./model.ts"
import { cn } from "./rules.ts"

const sampleAt = (id: string, takenAt: string, disposedAt?: string): Sample => ({
  schoolId: "s1",
  id,
  version: 1,
  mealId: "m1",
  serviceDate: "2026-03-15",
  meal: "lunch",
  dishId: "d1",
  takenAt: parseInstant(takenAt)!,
  fridgeId: "f1",
  ...(disposedAt === undefined ? {} : { disposal: { at: parseInstant(disposedAt)!, by: "staff-3" } })
}) as Sample

const local = (date: string, hour: number, minute: number, zone: string) => atLocal(date as LocalDate, { hour, minute }, zone as Zone)

describe("earliest disposal: 48 hours of elapsed time (CONTRACTS.md), also across a daylight-saving change", () => {
  it("Asia/Shanghai (no daylight saving): 15 March 11:45 → 17 March 11:45", () => {
    const taken = local("2026-03-15", 11, 45, "Asia/Shanghai")
    const earliest = earliestDisposalAt(cn, { takenAt: taken })
    // 11:45 +08:00 is 03:45Z; + 48 × 3,600 s
    assert.strictEqual(formatInstant(earliest), "2026-03-17T03:45:00.000Z")
    assert.strictEqual(formatLocal(earliest, "Asia/Shanghai" as Zone), "2026-03-17 11:45")
  })

  it("Europe/Berlin, clocks forward on 29 March 2026: 28 March 12:00 CET → 30 March 13:00 CEST (49 h on the wall clock)", () => {
    const taken = local("2026-03-28", 12, 0, "Europe/Berlin")
    assert.strictEqual(formatInstant(taken), "2026-03-28T11:00:00.000Z")
    const earliest = earliestDisposalAt(cn, { takenAt: taken })
    assert.strictEqual(formatInstant(earliest), "2026-03-30T11:00:00.000Z")
    assert.strictEqual(formatLocal(earliest, "Europe/Berlin" as Zone), "2026-03-30 13:00")
  })

  it("America/New_York, clocks back on 1 November 2026: 31 October 12:00 EDT → 2 November 11:00 EST (47 h on the wall clock)", () => {
    const taken = local("2026-10-31", 12, 0, "America/New_York")
    assert.strictEqual(formatInstant(taken), "2026-10-31T16:00:00.000Z")
    const earliest = earliestDisposalAt(cn, { takenAt: taken })
    assert.strictEqual(formatInstant(earliest), "2026-11-02T16:00:00.000Z")
    assert.strictEqual(formatLocal(earliest, "America/New_York" as Zone), "2026-11-02 11:00")
  })

  it("a stricter pack's 72 hours moves it by exactly 24 more hours", () => {
    const taken = local("2026-03-28", 12, 0, "Europe/Berlin")
    const d48 = earliestDisposalAt(cn, { takenAt: taken }).epochMilliseconds
    const d72 = earliestDisposalAt({ minHours: 72 }, { takenAt: taken }).epochMilliseconds
    assert.strictEqual(d72 - d48, 24 * 3_600_000)
  })
})

describe("the schedule at an instant", () => {
  const a = sampleAt("a", "2026-03-15T11:45+08:00")
  const b = sampleAt("b", "2026-03-15T17:40+08:00")
  const c = sampleAt("c", "2026-03-13T11:45+08:00", "2026-03-15T12:00+08:00")
  const d = sampleAt("d", "2026-03-17T12:10+08:00")

  it("at 17 March 11:45: a may be disposed of (exactly 48 h), b must be kept 5 h 55 min more, c is gone, d is not yet taken", () => {
    const s = schedule(cn, [d, c, b, a], parseInstant("2026-03-17T11:45+08:00")!)
    assert.deepStrictEqual(s.mayDispose.map((e) => e.sample.id), ["a"])
    assert.deepStrictEqual(s.keep.map((e) => e.sample.id), ["b"])
    // b: taken 17:40 on the 15th, free at 17:40 on the 17th; from 11:45 that is 5 h 55 min
    assert.strictEqual(s.keep[0]!.remainingMillis, (5 * 60 + 55) * 60_000)
    assert.deepStrictEqual(s.disposed.map((e) => e.sample.id), ["c"])
  })

  it("one minute earlier, a must still be kept for one minute", () => {
    const e = statusAt(cn, a, parseInstant("2026-03-17T11:44+08:00")!)
    assert.strictEqual(e.status, "keep")
    assert.strictEqual(e.remainingMillis, 60_000)
  })

  it("a sample disposed of after the schedule's instant was still kept then", () => {
    const e = statusAt(cn, c, fromEpochMillis(parseInstant("2026-03-15T11:59+08:00")!.epochMilliseconds))
    assert.strictEqual(e.status, "mayDispose")
  })
})

describe("holds (封存) and storage marks in the pure schedule", () => {
  const hold = { at: parseInstant("2026-03-16T09:00+08:00")!, by: "staff-1", orderedBy: "区市场监管局", reason: "疑似食物中毒" }
  const held = { ...sampleAt("h", "2026-03-15T11:45+08:00"), hold } as Sample

  it("a held sample is never free, however old: a year later it is still held", () => {
    const s = schedule(cn, [held], parseInstant("2027-03-15T11:45+08:00")!)
    assert.deepStrictEqual([s.held.map((e) => e.status), s.mayDispose, s.keep], [["held"], [], []])
    // before the hold was placed it was an ordinary sample to keep
    assert.strictEqual(statusAt(cn, held, parseInstant("2026-03-16T08:59+08:00")!).status, "keep")
  })

  it("released: lifted → back to the schedule; handed over → out of the school's keeping", () => {
    const release = (outcome: "lifted" | "handedOver") =>
      ({ ...held, hold: { ...hold, release: { at: parseInstant("2026-03-20T09:00+08:00")!, by: "staff-1", outcome, to: "区疾控中心" } } }) as Sample
    const at = parseInstant("2026-03-21T09:00+08:00")!
    assert.strictEqual(statusAt(cn, release("lifted"), at).status, "mayDispose")
    assert.strictEqual(statusAt(cn, release("handedOver"), at).status, "handedOver")
    // at an instant before the release it was still held
    assert.strictEqual(statusAt(cn, release("handedOver"), parseInstant("2026-03-19T09:00+08:00")!).status, "held")
  })

  it("only the temperature findings about a sample mark it; other rules and other subjects do not", () => {
    const a = sampleAt("a", "2026-03-15T11:45+08:00")
    const b = sampleAt("b", "2026-03-15T11:46+08:00")
    const finding = (rule: string, subject: { kind: string; id: string }) => ({
      id: `${rule}:${subject.kind}:${subject.id}`,
      rule,
      severity: "violation" as const,
      subject,
      at: parseInstant("2026-03-16T02:00+08:00")!,
      evidence: {},
      explanation: { zh: "", en: "" }
    })
    const s = schedule(cn, [a, b], parseInstant("2026-03-18T12:00+08:00")!, {
      findings: [
        finding("retention.temperature", { kind: "sample", id: "a" }),
        finding("retention.readingGap", { kind: "sample", id: "b" }),
        finding("retention.temperature", { kind: "meal", id: "b" })
      ]
    })
    assert.deepStrictEqual(s.mayDispose.map((e) => [e.sample.id, e.storageBreached, e.storageFindings.map((f) => f.id)]), [
      ["a", true, ["retention.temperature:sample:a"]],
      ["b", false, []]
    ])
  })
})
