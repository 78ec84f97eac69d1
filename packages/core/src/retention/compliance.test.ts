import { BigDecimal, Result } from "effect"
import { assert, describe, it } from "vitest"
import type { Finding } from "../kernel/Finding.ts"
import type { LocalDate } from "../kernel/LocalDate.ts"
import type { Instant, Zone } from "../kernel/Time.ts"
import { formatInstant, parseInstant } from "../kernel/Time.ts"
import type { Evaluation, EvaluationInput } from "./compliance.ts"
import { evaluate, evaluator } from "./compliance.ts"
import type { Fridge, ReadingLike, Sample, ServedMeal } from "./model.ts"
import { cn } from "./rules.ts"

const at = (text: string): Instant => parseInstant(text)!
const shanghai = "Asia/Shanghai" as Zone

const fridge = (id: string, dedicated = true): Fridge => ({ schoolId: "s1", id, version: 1, name: `留样柜 ${id}`, dedicated, active: true }) as Fridge

const lunch = (over: Partial<ServedMeal> = {}): ServedMeal => ({
  id: "meal-0316-lunch",
  serviceDate: "2026-03-16",
  meal: "lunch",
  servedAt: at("2026-03-16T11:30+08:00"),
  dishes: [{ id: "dish-1", name: "红烧肉" }, { id: "dish-2", name: "清炒油麦菜" }],
  ...over
}) as ServedMeal

const sample = (over: Partial<Record<keyof Sample, unknown>> = {}): Sample => ({
  schoolId: "s1",
  id: "sample-1",
  version: 1,
  mealId: "meal-0316-lunch",
  serviceDate: "2026-03-16",
  meal: "lunch",
  dishId: "dish-1",
  dishName: "红烧肉",
  grams: BigDecimal.fromStringUnsafe("130"),
  takenAt: at("2026-03-16T11:40+08:00"),
  takerId: "staff-1",
  reviewerId: "staff-2",
  fridgeId: "fridge-1",
  ...over
}) as Sample

/** a reading every `stepMinutes` from `from` to `to` (both included) at `celsius` */
const readings = (fridgeId: string, from: string, to: string, stepMinutes: number, celsius = 4): Array<ReadingLike> => {
  const out: Array<ReadingLike> = []
  for (let t = at(from).epochMilliseconds; t <= at(to).epochMilliseconds; t += stepMinutes * 60_000) {
    out.push({ fridgeId, at: { epochMilliseconds: t }, celsius })
  }
  return out
}

const setTemp = (rs: Array<ReadingLike>, when: string, celsius: number): Array<ReadingLike> =>
  rs.map((r) => (r.at.epochMilliseconds === at(when).epochMilliseconds ? { ...r, celsius } : r))

const run = (input: Partial<EvaluationInput> & { readings?: Iterable<ReadingLike> }): Evaluation => {
  const r = evaluate({
    policy: cn,
    asOf: at("2026-03-19T12:00+08:00"),
    zone: shanghai,
    fridges: [fridge("fridge-1")],
    meals: [],
    samples: [],
    readings: [],
    ...input
  })
  assert.isTrue(Result.isSuccess(r), Result.isFailure(r) ? JSON.stringify(r.failure) : "")
  return Result.getOrThrow(r)
}

const rules = (fs: ReadonlyArray<Finding>) => fs.map((f) => `${f.rule} ${f.subject.kind}:${f.subject.id}`)

// both dishes sampled, disposed after 48 h, the fridge read every 15 minutes at 4 °C
const compliantDay = () => ({
  meals: [lunch()],
  samples: [
    sample({ disposal: { at: at("2026-03-18T12:00+08:00"), by: "staff-3" } }),
    sample({ id: "sample-2", dishId: "dish-2", dishName: "清炒油麦菜", grams: BigDecimal.fromStringUnsafe("125") })
  ],
  readings: readings("fridge-1", "2026-03-16T08:00+08:00", "2026-03-19T12:00+08:00", 15)
})

describe("compliance: a day kept by the rules has no findings", () => {
  it("two dishes, two samples of ≥ 125 g, another reviewer, a dedicated fridge read every 15 min at 4 °C", () => {
    const e = run(compliantDay())
    assert.deepStrictEqual(rules(e.findings), [])
    assert.strictEqual(e.meals, 1)
    assert.strictEqual(e.mealsRequiringSamples, 1)
    assert.strictEqual(e.samples, 2)
    // readings are counted while the fridge held a sample: from the first taken (16 March 11:40)
    // to the end of the last hold (sample-2 is still kept at asOf, 19 March 12:00) — 11:45 … 12:00
    // three days later every 15 minutes: 72 h 15 min × 4 + 1 = 290 (the 15 readings from 08:00 to
    // 11:30 on the 16th, before any sample went in, do not count)
    assert.strictEqual(e.readings, 290)
  })
})

describe("compliance: every dish of every meal has a sample (retention.requiredFor)", () => {
  it("a dish without a sample is one finding of the meal, due when it was served", () => {
    const day = compliantDay()
    const e = run({ ...day, samples: [day.samples[0]!] })
    assert.deepStrictEqual(rules(e.findings), ["retention.requiredFor meal:meal-0316-lunch"])
    const f = e.findings[0]!
    assert.strictEqual(formatInstant(f.at), "2026-03-16T03:30:00.000Z")
    assert.deepStrictEqual(f.evidence["missing"], [{ dishId: "dish-2", dishName: "清炒油麦菜" }])
    assert.strictEqual(f.evidence["sampled"], 1)
    assert.include(f.explanation.zh, "清炒油麦菜")
  })

  it("a late-night meal served after midnight belongs to its service date", () => {
    // 夜宵 of 16 March, served at 00:20 on 17 March
    const late = lunch({ id: "meal-0316-late", meal: "lateNight", servedAt: at("2026-03-17T00:20+08:00"), dishes: [{ id: "dish-9", name: "馄饨" }] } as unknown as Partial<ServedMeal>)
    const sampleOfIt = sample({ id: "sample-9", mealId: "meal-0316-late", meal: "lateNight", dishId: "dish-9", dishName: "馄饨", takenAt: at("2026-03-17T00:25+08:00") })
    const rs = readings("fridge-1", "2026-03-16T08:00+08:00", "2026-03-19T12:00+08:00", 15)
    const on16 = run({ meals: [late], samples: [], readings: rs, period: { from: "2026-03-16" as LocalDate, to: "2026-03-16" as LocalDate } })
    assert.strictEqual(on16.meals, 1)
    assert.deepStrictEqual(rules(on16.findings), ["retention.requiredFor meal:meal-0316-late"])
    const on17 = run({ meals: [late], samples: [sampleOfIt], readings: rs, period: { from: "2026-03-17" as LocalDate, to: "2026-03-17" as LocalDate } })
    assert.strictEqual(on17.meals, 0)
    assert.strictEqual(on17.samples, 0)
    // its sample, taken on the 17th by the clock, counts for the 16th
    const kept = run({ meals: [late], samples: [sampleOfIt], readings: rs, period: { from: "2026-03-16" as LocalDate, to: "2026-03-16" as LocalDate } })
    assert.deepStrictEqual(rules(kept.findings), [])
    assert.strictEqual(kept.samples, 1)
  })

  it("who must retain: a school always; another canteen above 100 diners, for a major event, or when the count is unknown", () => {
    const noSamples = (establishment: EvaluationInput["establishment"], over: Partial<ServedMeal>) =>
      run({ establishment: establishment!, meals: [lunch(over)], readings: [] }).findings.length
    assert.strictEqual(noSamples("school", { diners: 30 }), 1)
    assert.strictEqual(noSamples("constructionSite", { diners: 100 }), 0) // "> 100": 100 is not above
    assert.strictEqual(noSamples("constructionSite", { diners: 101 }), 1)
    assert.strictEqual(noSamples("other", { diners: 40, majorEvent: true }), 1)
    assert.strictEqual(noSamples("other", {}), 1)
  })

  it("a meal served after the evaluation instant is not yet due", () => {
    const e = run({ meals: [lunch()], asOf: at("2026-03-16T11:29+08:00") })
    assert.strictEqual(e.meals, 0)
    assert.deepStrictEqual(e.findings, [])
  })
})

describe("compliance: the sample's record", () => {
  it("124.9 g is under 125 g (retention.minGrams); 125 g is not", () => {
    const day = compliantDay()
    const e = run({ ...day, samples: [day.samples[0]!, { ...day.samples[1]!, grams: BigDecimal.fromStringUnsafe("124.9") }] })
    assert.deepStrictEqual(rules(e.findings), ["retention.minGrams sample:sample-2"])
    assert.strictEqual(e.findings[0]!.evidence["grams"], "124.9")
    assert.strictEqual(e.findings[0]!.evidence["requiredGrams"], 125)
  })

  it("disposed one minute before 48 hours is early (retention.minHours); at 48 hours it is not", () => {
    // taken 16 March 11:40 (+08:00); 48 h later is 18 March 11:40
    const early = sample({ disposal: { at: at("2026-03-18T11:39+08:00"), by: "staff-3" } })
    const onTime = sample({ id: "sample-2", dishId: "dish-2", disposal: { at: at("2026-03-18T11:40+08:00"), by: "staff-3" } })
    const e = run({ meals: [lunch()], samples: [early, onTime], readings: compliantDay().readings })
    assert.deepStrictEqual(rules(e.findings), ["retention.minHours sample:sample-1"])
    const f = e.findings[0]!
    assert.strictEqual(f.evidence["earliestDisposalAt"], "2026-03-18T03:40:00.000Z")
    // held 47 h 59 min = 2,879 minutes, one short of 2,880
    assert.strictEqual(f.evidence["heldMinutes"], 2879)
    assert.strictEqual(f.evidence["shortMinutes"], 1)
    assert.include(f.explanation.zh, "47 小时 59 分钟")
  })

  it("an empty reviewer and a self-review are findings; so is a fridge that is not dedicated or not registered", () => {
    const day = compliantDay()
    const { reviewerId: _r, ...unreviewed } = day.samples[0]!
    const e = run({
      ...day,
      fridges: [fridge("fridge-1"), fridge("fridge-2", false)],
      samples: [unreviewed, { ...day.samples[1]!, reviewerId: "staff-1" } as Sample],
      readings: []
    })
    const byRule = (rule: string) => e.findings.filter((f) => f.rule === rule).map((f) => f.subject.id)
    assert.deepStrictEqual(byRule("retention.recordFields"), ["sample-1"])
    assert.deepStrictEqual(e.findings.find((f) => f.rule === "retention.recordFields")!.evidence["missing"], ["reviewerId"])
    assert.deepStrictEqual(byRule("retention.reviewerNotTaker"), ["sample-2"])
    // with the staff's names, the explanation names the person
    const named = run({ ...day, samples: [{ ...day.samples[1]!, reviewerId: "staff-1" } as Sample], staff: new Map([["staff-1", "张师傅"]]), readings: [] })
    assert.strictEqual(named.findings.find((f) => f.rule === "retention.reviewerNotTaker")!.explanation.zh, "2026-03-16 午餐「清炒油麦菜」留样的审核人与留样人是同一人（张师傅）")
    const elsewhere = run({ ...day, fridges: [fridge("fridge-1", false)], samples: [sample({ id: "s-x", fridgeId: "fridge-9" }), day.samples[0]!] })
    const dedicated = elsewhere.findings.filter((f) => f.rule === "retention.dedicatedFridge")
    assert.deepStrictEqual(dedicated.map((f) => [f.subject.id, f.evidence["registered"], f.evidence["dedicated"]]), [
      // same instant and rule: ordered by subject id ("s-x" < "sample-1")
      ["s-x", false, null],
      ["sample-1", true, false]
    ])
  })
})

describe("compliance: storage temperature (retention.temperature), found from the readings without averaging", () => {
  it("one reading of 11 °C among readings of 4 °C is a breach from it to the next reading in range", () => {
    // the day's mean stays near 4 °C; the check never averages
    let rs = readings("fridge-1", "2026-03-16T08:00+08:00", "2026-03-19T12:00+08:00", 15)
    rs = setTemp(rs, "2026-03-16T14:00+08:00", 9.5)
    rs = setTemp(rs, "2026-03-16T14:15+08:00", 11)
    const e = run({ ...compliantDay(), readings: rs })
    assert.deepStrictEqual(rules(e.findings), ["retention.temperature sample:sample-1", "retention.temperature sample:sample-2"])
    const f = e.findings[0]!
    assert.strictEqual(f.severity, "violation")
    assert.strictEqual(formatInstant(f.at), "2026-03-16T06:00:00.000Z")
    assert.strictEqual(f.evidence["breachStart"], "2026-03-16T06:00:00.000Z")
    // back in range at the 14:30 reading
    assert.strictEqual(f.evidence["breachEnd"], "2026-03-16T06:30:00.000Z")
    assert.strictEqual(f.evidence["peakCelsius"], 11)
    assert.strictEqual(f.evidence["outOfRangeReadings"], 2)
    assert.strictEqual(f.id, "retention.temperature:sample:sample-1@2026-03-16T06:00:00.000Z")
    // the fridge by its name, the times as the school reads them
    assert.strictEqual(f.explanation.zh, "2026-03-16 午餐「红烧肉」留样所在冷藏设备「留样柜 fridge-1」自 2026-03-16 14:00 起超出 0–8 °C，至 2026-03-16 14:30 恢复，峰值 11 °C")
    assert.strictEqual(f.explanation.en, "the refrigerator “留样柜 fridge-1” holding the sample of 红烧肉 (lunch, 2026-03-16) was outside 0–8 °C from 2026-03-16 14:00 until 2026-03-16 14:30, peak 11 °C")
  })

  it("the ends of the range are in it: 0 °C and 8 °C pass, 8.1 °C and −0.1 °C do not", () => {
    let rs = readings("fridge-1", "2026-03-16T08:00+08:00", "2026-03-19T12:00+08:00", 15)
    rs = setTemp(rs, "2026-03-16T14:00+08:00", 8)
    rs = setTemp(rs, "2026-03-16T15:00+08:00", 0)
    assert.deepStrictEqual(run({ ...compliantDay(), readings: rs }).findings, [])
    const hot = run({ ...compliantDay(), readings: setTemp(rs, "2026-03-16T16:00+08:00", 8.1) })
    assert.strictEqual(hot.findings.length, 2)
    const cold = run({ ...compliantDay(), readings: setTemp(rs, "2026-03-16T16:00+08:00", -0.1) })
    assert.strictEqual(cold.findings[0]!.evidence["peakCelsius"], -0.1)
  })

  it("readings of one instant count together: 5 °C and 9 °C at once is out of range, in either order", () => {
    const rs = readings("fridge-1", "2026-03-16T08:00+08:00", "2026-03-19T12:00+08:00", 15)
    const extra: ReadingLike = { fridgeId: "fridge-1", at: at("2026-03-16T14:00+08:00"), celsius: 9 }
    const a = run({ ...compliantDay(), readings: [...rs, extra] })
    const b = run({ ...compliantDay(), readings: [extra, ...rs] })
    assert.deepStrictEqual(rules(a.findings), ["retention.temperature sample:sample-1", "retention.temperature sample:sample-2"])
    assert.deepStrictEqual(a.findings, b.findings)
  })

  it("a breach before the sample went in or after it was disposed of does not touch it", () => {
    let rs = readings("fridge-1", "2026-03-16T08:00+08:00", "2026-03-19T12:00+08:00", 15)
    rs = setTemp(rs, "2026-03-16T10:00+08:00", 12) // before 11:40
    rs = setTemp(rs, "2026-03-18T13:00+08:00", 12) // sample-1 disposed at 12:00 on the 18th
    const e = run({ ...compliantDay(), readings: rs })
    assert.deepStrictEqual(rules(e.findings), ["retention.temperature sample:sample-2"])
  })

  it("a breach after the required 48 hours, while the school still keeps the sample, is a warning", () => {
    const rs = setTemp(readings("fridge-1", "2026-03-16T08:00+08:00", "2026-03-19T12:00+08:00", 15), "2026-03-19T08:00+08:00", 12)
    const e = run({ ...compliantDay(), readings: rs })
    assert.deepStrictEqual(e.findings.map((f) => [f.subject.id, f.severity]), [["sample-2", "warning"]])
    assert.isFalse(e.findings[0]!.evidence["withinRequiredHold"])
  })

  it("a breach with no reading back in range is reported as ongoing", () => {
    const rs = readings("fridge-1", "2026-03-16T08:00+08:00", "2026-03-17T12:00+08:00", 15).map((r) =>
      r.at.epochMilliseconds >= at("2026-03-17T06:00+08:00").epochMilliseconds ? { ...r, celsius: 15 } : r
    )
    const e = run({ ...compliantDay(), readings: rs, asOf: at("2026-03-17T12:00+08:00") })
    const f = e.findings.find((x) => x.rule === "retention.temperature")!
    assert.isNull(f.evidence["breachEnd"])
    assert.isTrue(f.evidence["ongoing"])
  })
})

describe("compliance: reading gaps (retention.readingGap)", () => {
  it("30 hours without a reading while the fridge held samples is a gap; 23 hours is not", () => {
    const before = readings("fridge-1", "2026-03-16T08:00+08:00", "2026-03-16T20:00+08:00", 60)
    const after30 = readings("fridge-1", "2026-03-18T02:00+08:00", "2026-03-19T12:00+08:00", 60)
    const e = run({ ...compliantDay(), readings: [...before, ...after30] })
    assert.deepStrictEqual(rules(e.findings), ["retention.readingGap sample:sample-1", "retention.readingGap sample:sample-2"])
    const f = e.findings[0]!
    assert.strictEqual(f.evidence["from"], "2026-03-16T12:00:00.000Z")
    assert.strictEqual(f.evidence["to"], "2026-03-17T18:00:00.000Z")
    assert.strictEqual(f.evidence["minutes"], 30 * 60)
    assert.strictEqual(f.severity, "warning")
    assert.isTrue(f.explanation.zh.includes("留样所在冷藏设备「留样柜 fridge-1」自 2026-03-16 20:00 起 30 小时无温度记录"), f.explanation.zh)
    // a fridge nobody registered is named by its id
    const unregistered = run({ ...compliantDay(), fridges: [], readings: [...before, ...after30] }).findings.find((x) => x.rule === "retention.readingGap")!
    assert.isTrue(unregistered.explanation.en.startsWith("the refrigerator (fridge-1) holding"), unregistered.explanation.en)
    const after23 = readings("fridge-1", "2026-03-17T19:00+08:00", "2026-03-19T12:00+08:00", 60)
    assert.deepStrictEqual(run({ ...compliantDay(), readings: [...before, ...after23] }).findings, [])
  })

  it("a fridge with no reading at all leaves its samples unmonitored for their whole hold", () => {
    const e = run({ ...compliantDay(), readings: [] })
    const gaps = e.findings.filter((f) => f.rule === "retention.readingGap")
    assert.deepStrictEqual(gaps.map((f) => [f.subject.id, f.evidence["from"], f.evidence["to"]]), [
      // held from 11:40 on the 16th (+08:00): sample-1 until its disposal, sample-2 until asOf
      ["sample-1", "2026-03-16T03:40:00.000Z", "2026-03-18T04:00:00.000Z"],
      ["sample-2", "2026-03-16T03:40:00.000Z", "2026-03-19T04:00:00.000Z"]
    ])
    assert.isNull(gaps[0]!.evidence["lastReadingAt"])
  })

  it("the stretch before a sample went in does not count: the sample's own unmonitored time does", () => {
    // readings end 20 h before the sample is taken and resume 10 h after: 10 h of the hold unread
    const rs = [
      ...readings("fridge-1", "2026-03-15T08:00+08:00", "2026-03-15T15:40+08:00", 60),
      ...readings("fridge-1", "2026-03-16T21:40+08:00", "2026-03-19T12:00+08:00", 60)
    ]
    assert.deepStrictEqual(run({ ...compliantDay(), readings: rs }).findings, [])
  })
})

describe("compliance: bad input is refused with typed errors and paths", () => {
  it("a disposal before the sample was taken", () => {
    const r = evaluate({
      policy: cn,
      asOf: at("2026-03-19T12:00+08:00"),
      fridges: [],
      meals: [],
      samples: [sample(), sample({ id: "sample-2", disposal: { at: at("2026-03-16T11:39+08:00"), by: "staff-3" } })],
      readings: []
    })
    assert.isTrue(Result.isFailure(r))
    const e = (r as Result.Failure<unknown, { _tag: string; path: ReadonlyArray<unknown>; code: string }>).failure
    assert.strictEqual(e._tag, "DisposalBeforeTakenError")
    assert.strictEqual(e.code, "retention.disposalBeforeTaken")
    assert.deepStrictEqual(e.path, ["samples", 1, "disposal", "at"])
  })

  it("two samples with one id", () => {
    const r = evaluate({ policy: cn, asOf: at("2026-03-19T12:00+08:00"), fridges: [], meals: [], samples: [sample(), sample()], readings: [] })
    assert.deepStrictEqual((r as Result.Failure<unknown, { path: ReadonlyArray<unknown> }>).failure.path, ["samples", 1, "id"])
  })

  it("a stream out of order: a reading earlier than its fridge's last, or a fridge that comes back", () => {
    const ev = Result.getOrThrow(evaluator({ policy: cn, asOf: at("2026-03-19T12:00+08:00"), fridges: [], meals: [], samples: [] }))
    assert.isUndefined(ev.push("fridge-1", 2_000, 4))
    const back = ev.push("fridge-1", 1_000, 4)
    assert.strictEqual(back?._tag, "ReadingOrderError")
    assert.deepStrictEqual(back?.path, ["readings", 1])
    assert.isTrue(Result.isFailure(ev.finish()))
    const ev2 = Result.getOrThrow(evaluator({ policy: cn, asOf: at("2026-03-19T12:00+08:00"), fridges: [], meals: [], samples: [] }))
    ev2.push("fridge-1", 1_000, 4)
    ev2.push("fridge-2", 1_000, 4)
    assert.deepStrictEqual(ev2.push("fridge-1", 5_000, 4)?.path, ["readings", 2])
  })
})

describe("compliance: findings are data in canonical order", () => {
  it("ordered by time, then rule, then subject", () => {
    const day = compliantDay()
    const e = run({
      meals: [lunch()],
      samples: [{ ...day.samples[0]!, grams: BigDecimal.fromStringUnsafe("100") }],
      readings: setTemp(day.readings, "2026-03-16T11:00+08:00", 12)
    })
    // 11:30 meal due (requiredFor: dish-2 missing), 11:40 sample-1 taken light (minGrams);
    // the 11:00 breach ends at 11:15, before the sample went in
    assert.deepStrictEqual(rules(e.findings), ["retention.requiredFor meal:meal-0316-lunch", "retention.minGrams sample:sample-1"])
  })
})
