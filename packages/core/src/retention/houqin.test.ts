import { assert, describe, it } from "vitest"
import { createHouqin } from "../houqin.ts"
import * as Id from "../kernel/Id.ts"
import { cn as cnPack } from "../packs/cn.ts"
import type { RulePack } from "../packs/RulePack.ts"
import { override } from "../packs/RulePack.ts"
import { Result } from "effect"

const schoolId = "school-1"
const actor = "staff-1"

const lunch = {
  id: "meal-0316-lunch",
  serviceDate: "2026-03-16",
  meal: "lunch",
  servedAt: "2026-03-16T11:30+08:00",
  dishes: [{ id: "dish-1", name: "红烧肉" }, { id: "dish-2", name: "番茄炒蛋" }]
} as const

const day = async (rules: RulePack = cnPack) => {
  // the clock stands at 19 March 12:00 (+08:00): the evaluation's default instant
  const houqin = createHouqin({ rules, clock: () => Date.UTC(2026, 2, 19, 4, 0), ids: Id.layerSequential("t") })
  await houqin.retention.registerFridge({ schoolId, actor, fridge: { id: "fridge-1", name: "留样柜", dedicated: true } })
  await houqin.retention.recordSamples({
    schoolId,
    actor,
    samples: [
      { id: "s-1", mealId: lunch.id, serviceDate: "2026-03-16", meal: "lunch", dishId: "dish-1", dishName: "红烧肉", grams: "150", takenAt: "2026-03-16T11:40+08:00", takerId: "staff-1", reviewerId: "staff-2", fridgeId: "fridge-1" },
      { id: "s-2", mealId: lunch.id, serviceDate: "2026-03-16", meal: "lunch", dishId: "dish-2", dishName: "番茄炒蛋", grams: "130", takenAt: "2026-03-16T11:41+08:00", takerId: "staff-1", reviewerId: "staff-2", fridgeId: "fridge-1" }
    ]
  })
  // hourly readings at 4 °C from 16 March 11:00 to 19 March 12:00 (+08:00)
  const readings = Array.from({ length: 3 * 24 + 2 }, (_, h) => ({
    fridgeId: "fridge-1",
    at: new Date(Date.UTC(2026, 2, 16, 3 + h)).toISOString(),
    celsius: 4
  }))
  await houqin.retention.recordReadings({ schoolId, actor, readings })
  return houqin
}

describe("the Promise front door: houqin.retention", () => {
  it("records a day and evaluates it: kept 60 h (more than 48) and read hourly in range — no findings", async () => {
    const houqin = await day()
    await houqin.retention.recordDisposal({ schoolId, actor, at: "2026-03-18T23:40+08:00", by: "staff-3", samples: [{ id: "s-1", version: 1 }] })
    const evaluation = await houqin.retention.evaluate({ schoolId, from: "2026-03-16", to: "2026-03-16", meals: [lunch] })
    assert.deepStrictEqual(evaluation.findings, [])
    assert.strictEqual(evaluation.samples, 2)
    const summary = await houqin.retention.summary({ schoolId, from: "2026-03-16", to: "2026-03-16", meals: [lunch] })
    assert.strictEqual(summary.asOf, "2026-03-19T04:00:00.000Z")
    assert.strictEqual(summary.compliantShare, 1)
    await houqin.dispose()
  })

  it("a school's 72-hour rule flags what the national 48 hours allows", async () => {
    const stricter = Result.getOrThrow(override(cnPack, { id: "school-1-pack", sections: { retention: { minHours: 72 } } }))
    const houqin = await day(stricter)
    const { findings } = await houqin.retention.recordDisposal({ schoolId, actor, at: "2026-03-18T23:40+08:00", by: "staff-3", samples: [{ id: "s-1", version: 1 }] })
    // taken 16 March 11:40, disposed 18 March 23:40: 60 h, 12 h short of 72
    assert.deepStrictEqual(findings.map((f) => [f.rule, f.evidence["shortMinutes"]]), [["retention.minHours", 12 * 60]])
    const summary = await houqin.retention.summary({ schoolId, from: "2026-03-16", to: "2026-03-16", meals: [lunch] })
    assert.deepStrictEqual(summary.byRule, { "retention.minHours": { findings: 1, subjects: 1 } })
    assert.strictEqual(summary.compliantShare, 0.5)
    await houqin.dispose()
  })

  it("rejects bad input with the typed error: negative grams, with the path and messages in both languages", async () => {
    const houqin = await day()
    const error = await houqin.retention.recordSamples({
      schoolId,
      actor,
      samples: [{ mealId: lunch.id, serviceDate: "2026-03-16", meal: "lunch", dishId: "dish-3", grams: -20, takenAt: "2026-03-16T11:45+08:00", fridgeId: "fridge-1" }]
    }).then(() => undefined, (e: unknown) => e as { _tag: string; path: ReadonlyArray<unknown>; zh: string; en: string })
    assert.strictEqual(error?._tag, "ValidationError")
    assert.deepStrictEqual(error?.path, ["samples", 0, "grams"])
    assert.isNotEmpty(error?.zh)
    assert.isNotEmpty(error?.en)
    const schedule = await houqin.retention.schedule({ schoolId, at: "2026-03-18T11:40+08:00" })
    assert.deepStrictEqual(schedule.mayDispose.map((e) => e.sample.id), ["s-1"])
    assert.deepStrictEqual(schedule.keep.map((e) => e.sample.id), ["s-2"])
    await houqin.dispose()
  })

  it("a fridge's temperature log: breaches crossing the period's edges get their true ends, read in pages of one or of 5,000 alike", async () => {
    const houqin = createHouqin({ clock: () => Date.UTC(2026, 2, 19, 4, 0), ids: Id.layerSequential("t") })
    await houqin.retention.registerFridge({ schoolId, actor, fridge: { id: "fridge-1", name: "留样柜", dedicated: true } })
    // every 4 hours from 15 March 00:00 to 19 March 08:00 (+08:00) at 4 °C, but for two breaches
    const out: Record<string, number> = {
      "2026-03-16T20:00": 10, "2026-03-17T00:00": 11, "2026-03-17T04:00": 9, // back in range at 08:00
      "2026-03-17T20:00": 9.5, "2026-03-18T00:00": 12, "2026-03-18T04:00": 10 // back in range at 08:00
    }
    const readings = Array.from({ length: 4 * 6 + 3 }, (_, i) => {
      const local = new Date(Date.UTC(2026, 2, 15, 4 * i)).toISOString().slice(0, 16)
      return { fridgeId: "fridge-1", at: `${local}+08:00`, celsius: out[local] ?? 4 }
    })
    // two more readings at 17 March 00:00 by hand (three at one instant: pages of one must step over them)
    await houqin.retention.recordReadings({ schoolId, actor, readings: [...readings, { fridgeId: "fridge-1", at: "2026-03-17T00:00+08:00", celsius: 10.5 }, { fridgeId: "fridge-1", at: "2026-03-17T00:00+08:00", celsius: 11.5 }] })
    const log = await houqin.retention.temperatureLog({ schoolId, fridgeId: "fridge-1", from: "2026-03-17", to: "2026-03-17" })
    // 17 March: 00:00 11, 10.5 and 11.5, 04:00 9, 08:00 4, 12:00 4, 16:00 4, 20:00 9.5 → 8 readings, 5 out of range, 4 to 11.5 °C
    assert.deepStrictEqual<unknown>(log.days, [{ date: "2026-03-17", readings: 8, lowestCelsius: 4, highestCelsius: 11.5, outOfRange: 5, first: "2026-03-16T16:00:00.000Z", last: "2026-03-17T12:00:00.000Z" }])
    assert.deepStrictEqual(log.breaches.map((b) => [b.start, b.end, b.minutes, b.outOfRangeReadings, b.peakCelsius]), [
      // from 16 March 20:00 (before the period) to 17 March 08:00: 12 h, its reading of the 16th counted too
      ["2026-03-16T12:00:00.000Z", "2026-03-17T00:00:00.000Z", 12 * 60, 5, 11.5],
      // from 17 March 20:00 to 18 March 08:00 (after the period): 12 h
      ["2026-03-17T12:00:00.000Z", "2026-03-18T00:00:00.000Z", 12 * 60, 3, 12]
    ])
    assert.deepStrictEqual(log.gaps, [])
    assert.deepStrictEqual([log.fridgeName, log.zone, log.asOf], ["留样柜", "Asia/Shanghai", "2026-03-19T04:00:00.000Z"])
    const paged = await houqin.retention.temperatureLog({ schoolId, fridgeId: "fridge-1", from: "2026-03-17", to: "2026-03-17", pageSize: 1 })
    assert.deepStrictEqual(paged, log)
    const withEntries = await houqin.retention.temperatureLog({ schoolId, fridgeId: "fridge-1", from: "2026-03-17", to: "2026-03-17", entries: true })
    assert.deepStrictEqual(withEntries.entries?.map((e) => [e.celsius, e.inRange]), [[10.5, false], [11, false], [11.5, false], [9, false], [4, true], [4, true], [4, true], [9.5, false]])
    // three days, in pages of one and of two (a page may end inside the instant of three readings): the same log
    const paged1 = await houqin.retention.temperatureLog({ schoolId, fridgeId: "fridge-1", from: "2026-03-16", to: "2026-03-18", pageSize: 1, entries: true })
    const paged2 = await houqin.retention.temperatureLog({ schoolId, fridgeId: "fridge-1", from: "2026-03-16", to: "2026-03-18", pageSize: 2, entries: true })
    const whole = await houqin.retention.temperatureLog({ schoolId, fridgeId: "fridge-1", from: "2026-03-16", to: "2026-03-18", entries: true })
    assert.deepStrictEqual([paged1, paged2], [whole, whole])
    assert.strictEqual(whole.readings, 6 * 3 + 2)
    const unknown = await houqin.retention.temperatureLog({ schoolId, fridgeId: "fridge-9", from: "2026-03-17", to: "2026-03-17" }).then(
      () => undefined,
      (e: unknown) => e as { _tag: string; path: ReadonlyArray<unknown> }
    )
    assert.deepStrictEqual([unknown?._tag, unknown?.path], ["UnknownFridgeError", ["fridgeId"]])
    const backwards = await houqin.retention.temperatureLog({ schoolId, fridgeId: "fridge-1", from: "2026-03-17", to: "2026-03-16" }).then(
      () => undefined,
      (e: unknown) => e as { _tag: string; path: ReadonlyArray<unknown> }
    )
    assert.deepStrictEqual([backwards?._tag, backwards?.path], ["ValidationError", ["to"]])
    await houqin.dispose()
  })
})
