import { assert, describe, it } from "vitest"
import { createHouqin } from "../houqin.ts"
import * as Id from "../kernel/Id.ts"

const schoolId = "school-1"
const actor = "staff-1"

type Rejection = { _tag: string; code: string; path: ReadonlyArray<unknown>; zh: string; en: string }
const rejection = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as Rejection)

const sample = (id: string, mealId: string, serviceDate: string, meal: "lunch" | "dinner", dishId: string, takenAt: string) => ({
  id,
  mealId,
  serviceDate,
  meal,
  dishId,
  dishName: dishId,
  grams: "150",
  takenAt,
  takerId: "staff-1",
  reviewerId: "staff-2",
  fridgeId: "fridge-1"
})

/**
 * 16 March: lunch (s-1, s-2, taken 11:40) and dinner (s-3, taken 17:40); 17 March: lunch (s-4).
 * Readings every hour at 4 °C from 16 March 11:00 to 30 March 12:00 (+08:00). The clock stands at
 * 30 March 12:00 — two weeks after the samples were taken.
 */
const school = async (readings: (hour: number) => number = () => 4) => {
  const houqin = createHouqin({ clock: () => Date.UTC(2026, 2, 30, 4, 0), ids: Id.layerSequential("t") })
  await houqin.retention.registerFridge({ schoolId, actor, fridge: { id: "fridge-1", name: "留样柜", dedicated: true } })
  await houqin.retention.recordSamples({
    schoolId,
    actor,
    samples: [
      sample("s-1", "m-0316-lunch", "2026-03-16", "lunch", "hongshaorou", "2026-03-16T11:40+08:00"),
      sample("s-2", "m-0316-lunch", "2026-03-16", "lunch", "fanqie", "2026-03-16T11:41+08:00"),
      sample("s-3", "m-0316-dinner", "2026-03-16", "dinner", "qingcai", "2026-03-16T17:40+08:00"),
      sample("s-4", "m-0317-lunch", "2026-03-17", "lunch", "yu", "2026-03-17T11:40+08:00")
    ]
  })
  await houqin.retention.recordReadings({
    schoolId,
    actor,
    readings: Array.from({ length: 14 * 24 + 2 }, (_, h) => ({
      fridgeId: "fridge-1",
      at: new Date(Date.UTC(2026, 2, 16, 3 + h)).toISOString(),
      celsius: readings(h)
    }))
  })
  return houqin
}

const hold = {
  schoolId,
  actor,
  at: "2026-03-17T09:00+08:00",
  by: "staff-1",
  orderedBy: "区市场监管局",
  reason: "3月16日午餐后多名学生腹痛腹泻，疑似食物中毒",
  reference: "市监食〔2026〕12号"
}

describe("a hold (封存) on retained samples", () => {
  it("by meal: the 16 March lunch is held on the 17th; the schedule never offers it, however old; the dinner of the same day goes as usual", async () => {
    const houqin = await school()
    const held = await houqin.retention.holdSamples({ ...hold, mealIds: ["m-0316-lunch"] })
    assert.deepStrictEqual(held.samples.map((s) => [s.id, s.hold?.orderedBy]), [["s-1", "区市场监管局"], ["s-2", "区市场监管局"]])
    // two weeks on (30 March), all four are far past their 48 hours: only the unheld may go
    const schedule = await houqin.retention.schedule({ schoolId })
    assert.deepStrictEqual(schedule.held.map((e) => [e.sample.id, e.status]), [["s-1", "held"], ["s-2", "held"]])
    assert.deepStrictEqual(schedule.mayDispose.map((e) => e.sample.id), ["s-3", "s-4"])
    assert.deepStrictEqual(schedule.keep, [])
    // before the hold was placed (17 March 08:00), s-1 still had to be kept 3 h 40 min: no hold yet
    const before = await houqin.retention.schedule({ schoolId, at: "2026-03-17T08:00+08:00" })
    assert.deepStrictEqual(before.held, [])
    assert.deepStrictEqual(before.keep.map((e) => e.sample.id), ["s-1", "s-2", "s-3"])
    await houqin.dispose()
  })

  it("a hold dated before a sample was taken is refused at at (retention.holdBeforeSample): s-4 was taken on 17 March 11:40, after a 09:00 hold", async () => {
    const houqin = await school()
    const named = await rejection(houqin.retention.holdSamples({ ...hold, samples: [{ id: "s-4", version: 1 }] }))
    assert.deepStrictEqual([named?._tag, named?.code, named?.path], ["ValidationError", "retention.holdBeforeSample", ["at"]])
    assert.include(named?.zh, "s-4")
    const byMeal = await rejection(houqin.retention.holdSamples({ ...hold, mealIds: ["m-0317-lunch"] }))
    assert.deepStrictEqual([byMeal?.code, byMeal?.path], ["retention.holdBeforeSample", ["at"]])
    assert.isUndefined((await houqin.retention.sample(schoolId, "s-4")).hold)
    await houqin.dispose()
  })

  it("disposing of a held sample is refused at its path (retention.sampleOnHold), and nothing of the batch is written", async () => {
    const houqin = await school()
    await houqin.retention.holdSamples({ ...hold, samples: [{ id: "s-2", version: 1 }] })
    const error = await rejection(houqin.retention.recordDisposal({
      schoolId,
      actor,
      at: "2026-03-20T12:00+08:00",
      by: "staff-3",
      samples: [{ id: "s-1", version: 1 }, { id: "s-2", version: 2 }]
    }))
    assert.deepStrictEqual([error?._tag, error?.code, error?.path], ["SampleOnHoldError", "retention.sampleOnHold", ["samples", 1, "id"]])
    assert.include(error?.zh, "区市场监管局")
    assert.include(error?.en, "2026-03-17 09:00")
    // one unit of work: s-1, named first, is not disposed of either
    assert.isUndefined((await houqin.retention.sample(schoolId, "s-1")).disposal)
    await houqin.dispose()
  })

  it("compliance does not flag a held sample kept two weeks: in range and read hourly, no findings at all", async () => {
    const houqin = await school()
    await houqin.retention.holdSamples({ ...hold, serviceDate: "2026-03-16" })
    const evaluation = await houqin.retention.evaluate({ schoolId, from: "2026-03-16", to: "2026-03-17", meals: [] })
    assert.deepStrictEqual(evaluation.findings, [])
    assert.strictEqual(evaluation.samples, 4)
    await houqin.dispose()
  })

  it("by service date and meal; already held or disposed samples of the choice are listed, not refused; named ones are refused", async () => {
    const houqin = await school()
    await houqin.retention.recordDisposal({ schoolId, actor, at: "2026-03-19T12:00+08:00", by: "staff-3", samples: [{ id: "s-3", version: 1 }] })
    await houqin.retention.holdSamples({ ...hold, samples: [{ id: "s-1", version: 1 }] })
    const lunch = await houqin.retention.holdSamples({ ...hold, at: "2026-03-20T09:00+08:00", serviceDate: "2026-03-16", meal: "lunch" })
    assert.deepStrictEqual(lunch.samples.map((s) => s.id), ["s-2"])
    assert.deepStrictEqual(lunch.alreadyHeld.map((s) => s.id), ["s-1"])
    // the dinner of the 16th was already thrown away on the 19th: the regulator must be told
    const dinner = await rejection(houqin.retention.holdSamples({ ...hold, serviceDate: "2026-03-16", meal: "dinner" }))
    assert.deepStrictEqual([dinner?.code, dinner?.path], ["retention.noSamplesToHold", ["serviceDate"]])
    assert.include(dinner?.en, "1 disposed of")
    const named = await rejection(houqin.retention.holdSamples({ ...hold, at: "2026-03-20T09:00+08:00", samples: [{ id: "s-4", version: 1 }, { id: "s-3", version: 2 }] }))
    assert.deepStrictEqual([named?._tag, named?.path], ["AlreadyDisposedError", ["samples", 1, "id"]])
    const twice = await rejection(houqin.retention.holdSamples({ ...hold, samples: [{ id: "s-1", version: 2 }] }))
    assert.deepStrictEqual([twice?.code, twice?.path], ["retention.sampleOnHold", ["samples", 0, "id"]])
    const none = await rejection(houqin.retention.holdSamples({ ...hold }))
    assert.deepStrictEqual([none?.code, none?.path], ["retention.holdSelection", []])
    await houqin.dispose()
  })

  it("released: handed over to the regulator (leaves the fridge and the schedule), disposed of after its decision, or lifted", async () => {
    const houqin = await school()
    await houqin.retention.holdSamples({ ...hold, serviceDate: "2026-03-16" })
    const noTo = await rejection(houqin.retention.releaseHold({ schoolId, actor, at: "2026-03-18T10:00+08:00", by: "staff-1", outcome: "handedOver", samples: [{ id: "s-1", version: 2 }] }))
    assert.deepStrictEqual([noTo?.code, noTo?.path], ["retention.handedOverTo", ["to"]])
    // s-1, s-2 go to the regulator on the 18th; s-3 is destroyed on its decision on the 25th
    const handed = await houqin.retention.releaseHold({
      schoolId,
      actor,
      at: "2026-03-18T10:00+08:00",
      by: "staff-1",
      outcome: "handedOver",
      to: "区市场监管局 张科长",
      samples: [{ id: "s-1", version: 2 }, { id: "s-2", version: 2 }]
    })
    assert.deepStrictEqual(handed.map((s) => [s.hold?.release?.outcome, s.disposal]), [["handedOver", undefined], ["handedOver", undefined]])
    const disposed = await houqin.retention.releaseHold({
      schoolId,
      actor,
      at: "2026-03-25T10:00+08:00",
      by: "staff-3",
      outcome: "disposed",
      decision: "检验结果未检出致病菌，准予销毁",
      samples: [{ id: "s-3", version: 2 }]
    })
    // the disposal is recorded with the release: the register prints both
    assert.deepStrictEqual([disposed[0]?.disposal?.by, disposed[0]?.disposal?.note], ["staff-3", "检验结果未检出致病菌，准予销毁"])
    const schedule = await houqin.retention.schedule({ schoolId })
    assert.deepStrictEqual(schedule.handedOver.map((e) => e.sample.id), ["s-1", "s-2"])
    // s-3 was disposed of before the schedule's instant: the query loads only what the school still keeps
    assert.deepStrictEqual([...schedule.keep, ...schedule.held, ...schedule.disposed], [])
    assert.deepStrictEqual(schedule.mayDispose.map((e) => e.sample.id), ["s-4"])
    // a handed-over sample is not the school's to dispose of; releasing it again is refused
    const gone = await rejection(houqin.retention.recordDisposal({ schoolId, actor, at: "2026-03-28T12:00+08:00", by: "staff-3", samples: [{ id: "s-1", version: 3 }] }))
    assert.deepStrictEqual([gone?.code, gone?.path], ["retention.sampleHandedOver", ["samples", 0, "id"]])
    const again = await rejection(houqin.retention.releaseHold({ schoolId, actor, at: "2026-03-28T12:00+08:00", by: "staff-1", outcome: "lifted", samples: [{ id: "s-1", version: 3 }] }))
    assert.deepStrictEqual([again?.code, again?.path], ["retention.sampleNotHeld", ["samples", 0, "id"]])
    // the register shows each hold and its release
    const rows = await houqin.retention.register({ schoolId, from: "2026-03-16", to: "2026-03-16", meals: [] })
    assert.deepStrictEqual(rows.map((r) => [r.sampleId, r.hold?.heldAtLocal, r.hold?.orderedBy, r.hold?.outcome, r.hold?.releasedTo, r.hold?.releasedAtLocal]), [
      ["s-1", "2026-03-17 09:00", "区市场监管局", "handedOver", "区市场监管局 张科长", "2026-03-18 10:00"],
      ["s-2", "2026-03-17 09:00", "区市场监管局", "handedOver", "区市场监管局 张科长", "2026-03-18 10:00"],
      ["s-3", "2026-03-17 09:00", "区市场监管局", "disposed", null, "2026-03-25 10:00"]
    ])
    // a hold lifted returns the sample to the normal schedule, and it may then be disposed of
    await houqin.retention.holdSamples({ ...hold, at: "2026-03-17T12:00+08:00", samples: [{ id: "s-4", version: 1 }] })
    const early = await rejection(houqin.retention.releaseHold({ schoolId, actor, at: "2026-03-17T11:50+08:00", by: "staff-1", outcome: "lifted", samples: [{ id: "s-4", version: 2 }] }))
    assert.deepStrictEqual([early?.code, early?.path], ["retention.releaseBeforeHold", ["at"]])
    await houqin.retention.releaseHold({ schoolId, actor, at: "2026-03-26T08:00+08:00", by: "staff-1", outcome: "lifted", samples: [{ id: "s-4", version: 2 }] })
    const after = await houqin.retention.recordDisposal({ schoolId, actor, at: "2026-03-27T08:00+08:00", by: "staff-3", samples: [{ id: "s-4", version: 3 }] })
    assert.deepStrictEqual(after.findings, [])
    await houqin.dispose()
  })

  it("a handed-over sample's storage is judged only while it was in the fridge: a breach after the hand-over is not its", async () => {
    // the fridge reads 12 °C from 20 March 11:00 on (hour 96 after 16 March 11:00)
    const houqin = await school((h) => (h >= 96 ? 12 : 4))
    await houqin.retention.holdSamples({ ...hold, mealIds: ["m-0316-lunch"] })
    await houqin.retention.releaseHold({ schoolId, actor, at: "2026-03-18T10:00+08:00", by: "staff-1", outcome: "handedOver", to: "区疾控中心", samples: [{ id: "s-1", version: 2 }, { id: "s-2", version: 2 }] })
    const evaluation = await houqin.retention.evaluate({ schoolId, from: "2026-03-16", to: "2026-03-16", meals: [] })
    // only the dinner sample (s-3), still in the fridge, met the breach (after its 48 h: a warning)
    assert.deepStrictEqual(evaluation.findings.map((f) => [f.rule, f.subject.id, f.severity]), [["retention.temperature", "s-3", "warning"]])
    await houqin.dispose()
  })
})

describe("a held sample must be kept: its storage counts as within the required hours", () => {
  it("a breach on 20 March (past the 48 hours) is a violation for the held lunch samples, a warning for the dinner sample not held", async () => {
    // 12 °C from hour 96 (20 March 11:00) on; s-1 and s-2 are on hold from 17 March 09:00, never released
    const houqin = await school((h) => (h >= 96 ? 12 : 4))
    await houqin.retention.holdSamples({ ...hold, mealIds: ["m-0316-lunch"] })
    const evaluation = await houqin.retention.evaluate({ schoolId, from: "2026-03-16", to: "2026-03-16", meals: [] })
    assert.deepStrictEqual(
      evaluation.findings.filter((f) => f.rule === "retention.temperature").map((f) => [f.subject.id, f.severity, f.evidence["withinRequiredHold"]]),
      [["s-1", "violation", true], ["s-2", "violation", true], ["s-3", "warning", false]]
    )
    await houqin.dispose()
  })
})

describe("the schedule marks samples whose storage breached", () => {
  it("a breach while the fridge held a sample marks it with the finding; disposal is not blocked", async () => {
    // 12 °C for the readings of 17 March 02:00–04:00 (hours 15–17): s-1, s-2, s-3 were in the fridge; s-4 (taken 11:40) was not
    const houqin = await school((h) => (h >= 15 && h <= 17 ? 12 : 4))
    const schedule = await houqin.retention.schedule({ schoolId, at: "2026-03-20T12:00+08:00" })
    const marks = schedule.mayDispose.map((e) => [e.sample.id, e.storageBreached, e.storageFindings.map((f) => f.rule)])
    assert.deepStrictEqual(marks, [
      ["s-1", true, ["retention.temperature"]],
      ["s-2", true, ["retention.temperature"]],
      ["s-3", true, ["retention.temperature"]],
      ["s-4", false, []]
    ])
    // the finding is the evaluation's: the breach from 02:00 to 05:00 (back in range), peak 12 °C, within the 48 h
    const f = schedule.mayDispose[0]!.storageFindings[0]!
    assert.deepStrictEqual([f.evidence["breachStart"], f.evidence["breachEnd"], f.evidence["peakCelsius"], f.severity], [
      "2026-03-16T18:00:00.000Z",
      "2026-03-16T21:00:00.000Z",
      12,
      "violation"
    ])
    // marked, not kept: the marked samples may still be disposed of
    const { samples } = await houqin.retention.recordDisposal({ schoolId, actor, at: "2026-03-20T12:00+08:00", by: "staff-3", samples: [{ id: "s-1", version: 1 }] })
    assert.strictEqual(samples[0]?.disposal?.by, "staff-3")
    // read in pages of one, the same marks
    const paged = await houqin.retention.schedule({ schoolId, at: "2026-03-20T12:00+08:00", pageSize: 1 })
    assert.deepStrictEqual(paged.mayDispose.map((e) => [e.sample.id, e.storageBreached]), [["s-2", true], ["s-3", true], ["s-4", false]])
    await houqin.dispose()
  })
})
