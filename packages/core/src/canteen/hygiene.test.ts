/**
 * The daily food-safety records: the `cn` minimums read from the reference data, each check with
 * its arithmetic, and the commands' refusals (typed errors with paths, nothing written).
 */
import { assert, describe, it, layer } from "@effect/vitest"
import { Effect, Option } from "effect"
import * as D from "../kernel/Decimal.ts"
import type { LocalDate } from "../kernel/LocalDate.ts"
import * as T from "../kernel/Time.ts"
import { AuditLog } from "../ports/AuditLog.ts"
import { saveOrganisation } from "../ports/people.ts"
import { organisation, services } from "../testing/canteenFixtures.ts"
import { planMeal, recordAccompaniedMeal, recordDiners, recordDisinfection, recordHandlerCheck, saveFoodHandler, saveIngredient, saveRecipe } from "./commands.ts"
import type { AccompaniedMeal, Disinfection, HandlerCheck } from "./hygiene.ts"
import { disinfectionShortfall, handlerCheckOutcome, hygieneFindings } from "./hygiene.ts"
import type { FoodHandler } from "./model.ts"
import { hygieneRegister } from "./queries.ts"
import type { CanteenRules } from "./rules.ts"
import { cn, disinfectionMinimumOf } from "./rules.ts"
import { expectError, failure } from "../../test/support/errors.ts"

const d = (s: string) => Option.getOrThrow(D.parse(s))
const at = (s: string) => T.parseInstant(s)!

describe("the cn minimums come from the reference data (canteen-food-safety-parameters.csv, 2018操作规范 附录)", () => {
  it("heat 100 °C for 10 min (600 s), infrared 120 °C for 600 s, dishwasher 85 °C for 40 s, chlorine 250 mg/L for 5 min (300 s)", () => {
    const m = cn.hygiene.disinfection.methods
    assert.deepStrictEqual([D.format(m.heat.minCelsius!), m.heat.minSeconds], ["100", 600])
    assert.deepStrictEqual([D.format(m.infrared.minCelsius!), m.infrared.minSeconds], ["120", 600])
    assert.deepStrictEqual([D.format(m.dishwasher.minCelsius!), m.dishwasher.minSeconds], ["85", 40])
    assert.deepStrictEqual([D.format(m.chlorine.minChlorineMgPerL!), m.chlorine.minSeconds], ["250", 300])
    assert.isUndefined(m.chlorine.minCelsius)
    assert.isUndefined(m.heat.minChlorineMgPerL)
  })

  it("a row that does not read as a minimum gives none, not a guess", () => {
    assert.isTrue(Option.isNone(disinfectionMinimumOf("100°C")))
    assert.isTrue(Option.isNone(disinfectionMinimumOf("≥10 min")))
    assert.isTrue(Option.isNone(disinfectionMinimumOf("100°C 250 mg/L ≥10 min")))
    assert.deepStrictEqual(Option.map(disinfectionMinimumOf("水温85°C 冲洗消毒≥40 s"), (m) => [D.format(m.minCelsius!), m.minSeconds]), Option.some(["85", 40]))
  })

  it("the symptoms that stand a handler down are the row staff_morning_check's: 发热、腹泻、咽部炎症、皮肤伤口或感染", () => {
    assert.deepStrictEqual([...cn.hygiene.handlerChecks.standDown], ["fever", "diarrhoea", "soreThroat", "skinWound"])
  })
})

describe("disinfectionShortfall", () => {
  const base = { method: "heat", celsius: d("100"), seconds: 600 } as const
  it("meets the minimum exactly (the minimum is inclusive)", () => {
    assert.deepStrictEqual(disinfectionShortfall(base, cn), [])
    assert.deepStrictEqual(disinfectionShortfall({ method: "dishwasher", celsius: d("85"), seconds: 40 }, cn), [])
    assert.deepStrictEqual(disinfectionShortfall({ method: "chlorine", chlorineMgPerL: d("250"), seconds: 300 }, cn), [])
  })
  it("names each measure below it: 99.5 °C < 100 °C; 599 s < 600 s; 249.9 mg/L < 250 mg/L", () => {
    assert.deepStrictEqual(disinfectionShortfall({ ...base, celsius: d("99.5") }, cn), [{ measure: "celsius", value: "99.5", minimum: "100" }])
    assert.deepStrictEqual(disinfectionShortfall({ ...base, seconds: 599 }, cn), [{ measure: "seconds", value: 599, minimum: 600 }])
    assert.deepStrictEqual(disinfectionShortfall({ method: "chlorine", chlorineMgPerL: d("249.9"), seconds: 240 }, cn), [
      { measure: "chlorineMgPerL", value: "249.9", minimum: "250" },
      { measure: "seconds", value: 240, minimum: 300 }
    ])
  })
  it("a measure the method needs and that was not recorded falls short", () => {
    assert.deepStrictEqual(disinfectionShortfall({ method: "infrared", seconds: 600 }, cn), [{ measure: "celsius", value: null, minimum: "120" }])
  })
})

describe("handlerCheckOutcome", () => {
  it("37.2 °C with a cough: fit (a cough is not on the cn list); 37.3 °C: fever, stand down", () => {
    assert.deepStrictEqual(handlerCheckOutcome({ symptoms: ["cough"], celsius: d("37.2") }, cn), { standDown: false, reasons: [] })
    assert.deepStrictEqual(handlerCheckOutcome({ symptoms: [], celsius: d("37.3") }, cn), { standDown: true, reasons: ["fever"] })
  })
  it("diarrhoea and a skin wound: stand down, the reasons in the list's order", () => {
    assert.deepStrictEqual(handlerCheckOutcome({ symptoms: ["skinWound", "cough", "diarrhoea"] }, cn), { standDown: true, reasons: ["diarrhoea", "skinWound"] })
  })
})

describe("hygieneFindings over a day (2026-05-11: lunch and dinner served)", () => {
  const schoolId = "h"
  const day = "2026-05-11" as LocalDate
  const meals = [{ date: day, kind: "lunch" as const }, { date: day, kind: "dinner" as const }]
  const disinfection = (over: Partial<Record<keyof Disinfection, unknown>>): Disinfection =>
    ({ schoolId, id: "dis-1", version: 1, date: day, meal: "lunch", at: at("2026-05-11T13:00:00+08:00"), method: "heat", celsius: d("100"), seconds: 900, operator: "cook-1", ...over }) as Disinfection
  const accompanied = (over: Partial<Record<keyof AccompaniedMeal, unknown>>): AccompaniedMeal =>
    ({ schoolId, id: "acc-1", version: 1, date: day, meal: "lunch", at: at("2026-05-11T12:00:00+08:00"), companions: [{ _tag: "leader", staffId: "director-1" }], problems: [], recordedBy: "director-1", ...over }) as AccompaniedMeal
  const check = (over: Partial<Record<keyof HandlerCheck, unknown>>): HandlerCheck =>
    ({ schoolId, id: "chk-1", version: 1, date: day, handlerId: "cook-1", at: at("2026-05-11T06:30:00+08:00"), symptoms: [], standDown: false, checkedBy: "director-1", ...over }) as HandlerCheck
  const handler = (id: string, name: string, active = true) => ({ schoolId, id, version: 1, name, duty: "cook", active, certificates: [], trainings: [] }) as unknown as FoodHandler
  const handlers = [handler("cook-1", "张师傅"), handler("cook-2", "李师傅"), handler("cook-3", "退休师傅", false)]

  const records = {
    meals,
    disinfections: [disinfection({}), disinfection({ id: "dis-2", meal: "dinner", at: at("2026-05-11T19:00:00+08:00"), celsius: d("95") })],
    accompaniedMeals: [accompanied({}), accompanied({ id: "acc-2", meal: "dinner", companions: [{ _tag: "parent", name: "王女士" }] })],
    handlerChecks: [check({}), check({ id: "chk-2", handlerId: "cook-2", celsius: d("37.6") })],
    handlers
  }

  it("finds what falls short and nothing else", () => {
    const found = hygieneFindings(records, cn).map((f) => `${f.rule} ${f.subject.kind}:${f.subject.id} ${f.severity}`)
    assert.deepStrictEqual(found.sort(), [
      // dinner's batch: 95 °C < 100 °C
      "canteen.hygiene.disinfection.heat disinfection:dis-2 violation",
      // cook-2 at 37.6 °C (≥ 37.3) was recorded as fit
      "canteen.hygiene.handlerChecks.standDown foodHandler:cook-2 violation",
      // dinner was eaten with a parent only
      "canteen.hygiene.accompaniedMeals.leader meal:2026-05-11/dinner warning"
    ].sort())
  })

  it("a meal without a batch, an accompanied meal or a handler's check is a finding; an inactive handler needs none", () => {
    const found = hygieneFindings({ ...records, disinfections: [disinfection({})], accompaniedMeals: [accompanied({})], handlerChecks: [check({})] }, cn).map((f) => `${f.rule} ${f.subject.id}`)
    assert.deepStrictEqual(found.sort(), [
      "canteen.hygiene.accompaniedMeals.everyMeal 2026-05-11/dinner",
      "canteen.hygiene.disinfection.everyMeal 2026-05-11/dinner",
      "canteen.hygiene.handlerChecks.daily cook-2"
    ].sort())
  })

  it("a batch without a meal covers every meal of its day", () => {
    const found = hygieneFindings({ ...records, disinfections: [disinfection({ meal: undefined })] }, cn)
    assert.isFalse(found.some((f) => f.rule === "canteen.hygiene.disinfection.everyMeal"))
  })

  it("packs that do not ask for a record per meal or a daily check find only what falls short", () => {
    const lenient: CanteenRules = {
      ...cn,
      hygiene: { ...cn.hygiene, disinfection: { ...cn.hygiene.disinfection, everyMeal: false }, accompaniedMeals: { everyMeal: false }, handlerChecks: { ...cn.hygiene.handlerChecks, daily: false } }
    }
    const found = hygieneFindings({ ...records, disinfections: [], accompaniedMeals: [], handlerChecks: [] }, lenient)
    assert.deepStrictEqual(found, [])
  })

  it("explains in both languages", () => {
    const f = hygieneFindings(records, cn).find((x) => x.rule === "canteen.hygiene.disinfection.heat")!
    assert.include(f.explanation.zh, "95")
    assert.include(f.explanation.zh, "100")
    assert.include(f.explanation.en, "at least 100 required")
  })
})

const schoolId = "hygiene"
const ctx = { schoolId, actor: "director-1" }

layer(services({ prefix: "hy" }))((it) => {
  describe("the commands and the register", () => {
    it.effect("set up: a school, two cooks, a lunch served", () =>
      Effect.gen(function*() {
        yield* saveOrganisation({ ...ctx, organisation: organisation(schoolId) })
        yield* saveFoodHandler({ ...ctx, staffId: "cook-1", name: "张师傅", duty: "cook" })
        yield* saveFoodHandler({ ...ctx, staffId: "cook-2", name: "李师傅", duty: "cook" })
        yield* saveIngredient({ ...ctx, id: "rice", name: "大米", category: "grain", stockUnit: "kg" })
        yield* saveRecipe({ ...ctx, id: "rice-bowl", name: "米饭", kind: "staple", items: [{ _tag: "ingredient", ingredientId: "rice", gross: { value: "150", unit: "g" }, yield: "1" }] })
        const meal = yield* planMeal({ ...ctx, id: "lunch-1", date: "2026-05-11", kind: "lunch", dishes: [{ recipeId: "rice-bowl", plannedServings: 10 }] })
        yield* recordDiners({ ...ctx, mealId: meal.id, diners: [{ dinerGroupId: "lower", count: 10 }] })
      }))

    it.effect("refuses a batch without the measure its method is judged by, or with the other, and writes nothing", () =>
      Effect.gen(function*() {
        const before = (yield* AuditLog.use((a) => a.entries(schoolId))).length
        const base = { ...ctx, date: "2026-05-11", meal: "lunch", at: "2026-05-11T13:00:00+08:00", seconds: 600, operator: "cook-1" } as const
        expectError(yield* failure(recordDisinfection({ ...base, method: "chlorine" })), "ValidationError", "canteen.disinfectionMeasure", ["chlorineMgPerL"])
        expectError(yield* failure(recordDisinfection({ ...base, method: "heat" })), "ValidationError", "canteen.disinfectionMeasure", ["celsius"])
        expectError(yield* failure(recordDisinfection({ ...base, method: "chlorine", chlorineMgPerL: "250", celsius: "20" })), "ValidationError", "canteen.disinfectionMeasure", ["celsius"])
        expectError(yield* failure(recordDisinfection({ ...base, method: "heat", celsius: "100", chlorineMgPerL: "250" })), "ValidationError", "canteen.disinfectionMeasure", ["chlorineMgPerL"])
        expectError(yield* failure(recordDisinfection({ ...base, method: "heat", celsius: "100", operator: "nobody" })), "NotFoundError", "storage.notFound", ["operator"])
        expectError(yield* failure(recordDisinfection({ ...base, method: "heat", celsius: "100", seconds: -1 })), "ValidationError", "validation.invalid", ["seconds"])
        expectError(yield* failure(recordHandlerCheck({ ...ctx, date: "2026-05-11", handlerId: "cook-9", at: "2026-05-11T06:30:00+08:00", checkedBy: "director-1" })), "NotFoundError", "storage.notFound", ["handlerId"])
        expectError(
          yield* failure(recordHandlerCheck({ ...ctx, date: "2026-05-11", handlerId: "cook-1", at: "2026-05-11T06:30:00+08:00", celsius: "38.1", standDown: false, checkedBy: "director-1" })),
          "ValidationError",
          "canteen.handlerMustStandDown",
          ["standDown"]
        )
        expectError(
          yield* failure(recordAccompaniedMeal({ ...ctx, date: "2026-05-11", meal: "lunch", at: "2026-05-11T12:00:00+08:00", companions: [{ _tag: "leader", staffId: "ghost" }], recordedBy: "director-1" })),
          "NotFoundError",
          "storage.notFound",
          ["companions", 0, "staffId"]
        )
        assert.strictEqual((yield* AuditLog.use((a) => a.entries(schoolId))).length, before)
      }))

    it.effect("records a day and reads it back as a register with its findings", () =>
      Effect.gen(function*() {
        const batch = yield* recordDisinfection({ ...ctx, date: "2026-05-11", meal: "lunch", at: "2026-05-11T13:00:00+08:00", method: "dishwasher", celsius: "82", seconds: 45, operator: "cook-1", items: "餐盘 10、碗 10" })
        // 82 °C < 85 °C: kept as the record of what was done, and reported
        assert.deepStrictEqual(batch.shortfall, [{ measure: "celsius", value: "82", minimum: "85" }])
        const checked = yield* recordHandlerCheck({ ...ctx, date: "2026-05-11", handlerId: "cook-1", at: "2026-05-11T06:30:00+08:00", symptoms: ["diarrhoea"], checkedBy: "director-1" })
        assert.isTrue(checked.check.standDown)
        assert.deepStrictEqual(checked.reasons, ["diarrhoea"])
        yield* recordAccompaniedMeal({ ...ctx, date: "2026-05-11", meal: "lunch", at: "2026-05-11T12:00:00+08:00", companions: [{ _tag: "leader", staffId: "director-1" }, { _tag: "parent", name: "王女士" }], rating: "good", problems: ["汤偏咸"], recordedBy: "director-1" })
        const entries = yield* AuditLog.use((a) => a.entries(schoolId))
        assert.deepStrictEqual(entries.slice(-3).map((e) => e.command), ["canteen.recordDisinfection", "canteen.recordHandlerCheck", "canteen.recordAccompaniedMeal"])
        const register = yield* hygieneRegister(schoolId, "2026-05-11", "2026-05-11")
        assert.deepStrictEqual(register.meals.map((m) => `${m.date} ${m.kind}`), ["2026-05-11 lunch"])
        assert.strictEqual(register.disinfections.length, 1)
        assert.strictEqual(register.accompaniedMeals[0]!.problems[0], "汤偏咸")
        assert.deepStrictEqual(register.findings.map((f) => `${f.rule} ${f.subject.id}`).sort(), [
          "canteen.hygiene.disinfection.dishwasher " + batch.disinfection.id,
          // cook-2 was not checked on a day a meal was served
          "canteen.hygiene.handlerChecks.daily cook-2"
        ].sort())
        expectError(yield* failure(hygieneRegister(schoolId, "2026-05-12", "2026-05-11")), "ValidationError", "canteen.invalidPeriod", ["to"])
      }))
  })
})
