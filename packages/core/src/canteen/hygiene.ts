/**
 * The canteen's daily food-safety records and their checks:
 *
 * - **tableware disinfection** (餐用具清洗消毒): each batch with its method and what was measured —
 *   heat (boiling or steam), infrared cabinet, dishwasher (temperature and time), or chlorine
 *   (available chlorine in mg/L and soaking time) — against the pack's minimum for the method
 *   (`cn`: 《餐饮服务食品安全操作规范》(2018) 附录 as in the reference data: 100 °C ≥ 10 min,
 *   120 °C ≥ 10 min, 85 °C ≥ 40 s, 250 mg/L ≥ 5 min); and, where the pack asks for it, a record
 *   after every meal served;
 * - **accompanied meals** (陪餐): a school leader eating the meal with the students and recording
 *   what they found (学校食品安全与营养健康管理规定, 45号令 第9条: every meal, for primary and
 *   secondary schools and kindergartens); a served meal without a record, or with only parents or
 *   other staff at the table, is a finding;
 * - **food handlers' morning checks** (从业人员晨检): before work each day, symptoms and
 *   temperature; a handler with a symptom the pack lists (`cn`: 发热、腹泻、咽部炎症、皮肤伤口或感染,
 *   2018操作规范) or a temperature at or above the fever threshold stands down from handling
 *   ready-to-eat food; a day with meals served on which an active handler has no check is a finding.
 *
 * Everything here is a plain function of the records and the rules; the commands and the query
 * that read and write them are in `commands.ts` and `queries.ts`.
 *
 * @since 0.1.0
 */
import { BigDecimal, Schema } from "effect"
import * as D from "../kernel/Decimal.ts"
import type { Messages } from "../kernel/Errors.ts"
import type { Finding } from "../kernel/Finding.ts"
import * as F from "../kernel/Finding.ts"
import * as Id from "../kernel/Id.ts"
import type { LocalDate } from "../kernel/LocalDate.ts"
import { LocalDateSchema } from "../kernel/LocalDate.ts"
import type { MealKind as MealKindType } from "../kernel/Meal.ts"
import { MealKind, mealKindLabels } from "../kernel/Meal.ts"
import { SchoolId, StaffId } from "../kernel/People.ts"
import type { Zone } from "../kernel/Time.ts"
import * as T from "../kernel/Time.ts"
import { InstantSchema } from "../kernel/Time.ts"
import type { FoodHandler } from "./model.ts"
import type { CanteenRules } from "./rules.ts"

const Text = Schema.String.check(Schema.isMaxLength(2000))
const Name = Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(200))
const Seconds = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))

// ─── tableware disinfection ─────────────────────────────────────────────────────────────────────

/** @since 0.1.0 @category schemas */
export const DisinfectionId = Id.branded("DisinfectionId")
/** @since 0.1.0 @category models */
export type DisinfectionId = typeof DisinfectionId.Type

/**
 * How tableware was disinfected: `heat` (boiling or steam, 煮沸/蒸汽), `infrared` (an infrared
 * cabinet, 红外线消毒柜), `dishwasher` (a machine's rinse, 洗碗机) — each measured by temperature
 * and time —, or `chlorine` (soaking in a chlorine solution, 含氯消毒剂), measured by available
 * chlorine and time.
 *
 * @since 0.1.0
 * @category schemas
 */
export const DisinfectionMethod = Schema.Literals(["heat", "infrared", "dishwasher", "chlorine"])
/** @since 0.1.0 @category models */
export type DisinfectionMethod = typeof DisinfectionMethod.Type

/**
 * The methods' names in both languages.
 *
 * @since 0.1.0
 * @category constants
 */
export const disinfectionMethodLabels: { readonly [K in DisinfectionMethod]: Messages } = {
  heat: { zh: "煮沸/蒸汽消毒", en: "boiling or steam" },
  infrared: { zh: "红外线消毒", en: "infrared cabinet" },
  dishwasher: { zh: "洗碗机消毒", en: "dishwasher" },
  chlorine: { zh: "含氯消毒剂浸泡", en: "chlorine soak" }
}

/**
 * One disinfection batch (aggregate `canteen.disinfection`): its day and, when it followed one,
 * the meal; when it started; the method and what was measured (`celsius` for heat, infrared and
 * dishwasher, `chlorineMgPerL` for chlorine; `seconds` of exposure); what was disinfected; and who
 * did it.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Disinfection = Schema.Struct({
  schoolId: SchoolId,
  id: DisinfectionId,
  version: Schema.Int,
  date: LocalDateSchema,
  meal: Schema.optionalKey(MealKind),
  at: InstantSchema,
  method: DisinfectionMethod,
  celsius: Schema.optionalKey(D.DecimalSchema),
  chlorineMgPerL: Schema.optionalKey(D.NonNegativeDecimal),
  seconds: Seconds,
  items: Schema.optionalKey(Text),
  operator: StaffId,
  note: Schema.optionalKey(Text)
})
/** @since 0.1.0 @category models */
export type Disinfection = typeof Disinfection.Type

/**
 * What a method needs: the lowest temperature (°C) or available chlorine (mg/L), and the shortest
 * exposure in seconds.
 *
 * @since 0.1.0
 * @category schemas
 */
export const DisinfectionMinimum = Schema.Struct({
  minCelsius: Schema.optionalKey(D.DecimalSchema),
  minChlorineMgPerL: Schema.optionalKey(D.NonNegativeDecimal),
  minSeconds: Seconds
})
/** @since 0.1.0 @category models */
export type DisinfectionMinimum = typeof DisinfectionMinimum.Type

/**
 * How a disinfection batch falls short of its method's minimum: each measure below it, with the
 * value and the minimum; empty when it meets it. A measure the method needs that was not recorded
 * falls short too (`value: null`).
 *
 * @since 0.1.0
 * @category rules
 */
export const disinfectionShortfall = (
  record: Pick<Disinfection, "method" | "celsius" | "chlorineMgPerL" | "seconds">,
  rules: CanteenRules
): Array<{ readonly measure: "celsius" | "chlorineMgPerL" | "seconds"; readonly value: string | number | null; readonly minimum: string | number }> => {
  const min = rules.hygiene.disinfection.methods[record.method]
  const out: Array<{ readonly measure: "celsius" | "chlorineMgPerL" | "seconds"; readonly value: string | number | null; readonly minimum: string | number }> = []
  if (min.minCelsius !== undefined && (record.celsius === undefined || BigDecimal.isLessThan(record.celsius, min.minCelsius))) {
    out.push({ measure: "celsius", value: record.celsius === undefined ? null : D.format(record.celsius), minimum: D.format(min.minCelsius) })
  }
  if (min.minChlorineMgPerL !== undefined && (record.chlorineMgPerL === undefined || BigDecimal.isLessThan(record.chlorineMgPerL, min.minChlorineMgPerL))) {
    out.push({ measure: "chlorineMgPerL", value: record.chlorineMgPerL === undefined ? null : D.format(record.chlorineMgPerL), minimum: D.format(min.minChlorineMgPerL) })
  }
  if (record.seconds < min.minSeconds) out.push({ measure: "seconds", value: record.seconds, minimum: min.minSeconds })
  return out
}

// ─── accompanied meals ──────────────────────────────────────────────────────────────────────────

/** @since 0.1.0 @category schemas */
export const AccompaniedMealId = Id.branded("AccompaniedMealId")
/** @since 0.1.0 @category models */
export type AccompaniedMealId = typeof AccompaniedMealId.Type

/**
 * Who ate with the students: a school leader (学校相关负责人, the role the rule names), another
 * member of staff, or a parent (家长陪餐); staff by their id, parents by name.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Companion = Schema.Union([
  Schema.TaggedStruct("leader", { staffId: StaffId, name: Schema.optionalKey(Name) }),
  Schema.TaggedStruct("staff", { staffId: StaffId, name: Schema.optionalKey(Name) }),
  Schema.TaggedStruct("parent", { name: Name })
])
/** @since 0.1.0 @category models */
export type Companion = typeof Companion.Type

/**
 * An accompanied meal (陪餐记录, aggregate `canteen.accompaniedMeal`): the meal by its date and
 * kind, who ate it with the students, when, how they rated it and what they found.
 *
 * @since 0.1.0
 * @category schemas
 */
export const AccompaniedMeal = Schema.Struct({
  schoolId: SchoolId,
  id: AccompaniedMealId,
  version: Schema.Int,
  date: LocalDateSchema,
  meal: MealKind,
  at: InstantSchema,
  companions: Schema.Array(Companion).check(Schema.isMinLength(1)),
  /** the companions' view of the meal: quantity, taste, temperature, hygiene */
  rating: Schema.optionalKey(Schema.Literals(["good", "fair", "poor"])),
  /** problems found, each to be followed up */
  problems: Schema.Array(Text),
  note: Schema.optionalKey(Text),
  recordedBy: StaffId
})
/** @since 0.1.0 @category models */
export type AccompaniedMeal = typeof AccompaniedMeal.Type

// ─── food handlers' morning checks ──────────────────────────────────────────────────────────────

/** @since 0.1.0 @category schemas */
export const HandlerCheckId = Id.branded("HandlerCheckId")
/** @since 0.1.0 @category models */
export type HandlerCheckId = typeof HandlerCheckId.Type

/**
 * What a morning check can find on a food handler.
 *
 * @since 0.1.0
 * @category schemas
 */
export const HandlerSymptom = Schema.Literals(["fever", "diarrhoea", "vomiting", "soreThroat", "skinWound", "cough", "jaundice", "other"])
/** @since 0.1.0 @category models */
export type HandlerSymptom = typeof HandlerSymptom.Type

/**
 * The symptoms' names in both languages.
 *
 * @since 0.1.0
 * @category constants
 */
export const handlerSymptomLabels: { readonly [K in HandlerSymptom]: Messages } = {
  fever: { zh: "发热", en: "fever" },
  diarrhoea: { zh: "腹泻", en: "diarrhoea" },
  vomiting: { zh: "呕吐", en: "vomiting" },
  soreThroat: { zh: "咽部炎症", en: "sore throat" },
  skinWound: { zh: "皮肤伤口或感染", en: "skin wound or infection" },
  cough: { zh: "咳嗽", en: "cough" },
  jaundice: { zh: "黄疸", en: "jaundice" },
  other: { zh: "其他", en: "other" }
}

/**
 * A food handler's morning check (从业人员晨检, aggregate `canteen.handlerCheck`): the day, the
 * handler, when and by whom, the symptoms seen and the temperature taken, and whether the handler
 * was stood down from handling ready-to-eat food (the command decides it from the pack; see
 * {@link handlerCheckOutcome}).
 *
 * @since 0.1.0
 * @category schemas
 */
export const HandlerCheck = Schema.Struct({
  schoolId: SchoolId,
  id: HandlerCheckId,
  version: Schema.Int,
  date: LocalDateSchema,
  handlerId: StaffId,
  at: InstantSchema,
  symptoms: Schema.Array(HandlerSymptom),
  celsius: Schema.optionalKey(D.DecimalSchema),
  standDown: Schema.Boolean,
  note: Schema.optionalKey(Text),
  checkedBy: StaffId
})
/** @since 0.1.0 @category models */
export type HandlerCheck = typeof HandlerCheck.Type

/**
 * What a morning check requires: stand down (`standDown`) when a symptom the pack lists was seen,
 * or the temperature is at or above its fever threshold (a fever found by the thermometer counts
 * as `fever`); `reasons` lists the symptoms that decided it.
 *
 * @since 0.1.0
 * @category rules
 */
export const handlerCheckOutcome = (
  check: { readonly symptoms: ReadonlyArray<HandlerSymptom>; readonly celsius?: D.Decimal | undefined },
  rules: CanteenRules
): { readonly standDown: boolean; readonly reasons: ReadonlyArray<HandlerSymptom> } => {
  const r = rules.hygiene.handlerChecks
  const reasons = new Set<HandlerSymptom>(check.symptoms.filter((s) => r.standDown.includes(s)))
  if (check.celsius !== undefined && BigDecimal.isGreaterThanOrEqualTo(check.celsius, r.feverCelsius) && r.standDown.includes("fever")) reasons.add("fever")
  const ordered = HandlerSymptom.literals.filter((s) => reasons.has(s))
  return { standDown: ordered.length > 0, reasons: ordered }
}

// ─── findings ───────────────────────────────────────────────────────────────────────────────────

/**
 * The records of a period that the checks read: the meals served (date and kind), the
 * disinfection batches, accompanied meals and morning checks of the period, and the food handlers.
 *
 * @since 0.1.0
 * @category models
 */
export interface HygieneRecords {
  readonly meals: ReadonlyArray<{ readonly date: LocalDate; readonly kind: MealKindType }>
  readonly disinfections: ReadonlyArray<Disinfection>
  readonly accompaniedMeals: ReadonlyArray<AccompaniedMeal>
  readonly handlerChecks: ReadonlyArray<HandlerCheck>
  readonly handlers: ReadonlyArray<FoodHandler>
}

/**
 * A period's daily food-safety records as `hygieneRegister` gives them: the dates (inclusive), the
 * meals served, the three kinds of record in time order, and their findings.
 *
 * @since 0.1.0
 * @category models
 */
export interface HygieneRegister {
  readonly from: LocalDate
  readonly to: LocalDate
  readonly meals: ReadonlyArray<{ readonly date: LocalDate; readonly kind: MealKindType }>
  readonly disinfections: ReadonlyArray<Disinfection>
  readonly accompaniedMeals: ReadonlyArray<AccompaniedMeal>
  readonly handlerChecks: ReadonlyArray<HandlerCheck>
  readonly findings: ReadonlyArray<Finding>
}

const mealOrder = (k: MealKindType) => MealKind.literals.indexOf(k)
const measureLabels: Record<"celsius" | "chlorineMgPerL" | "seconds", Messages> = {
  celsius: { zh: "温度（°C）", en: "temperature (°C)" },
  chlorineMgPerL: { zh: "有效氯（mg/L）", en: "available chlorine (mg/L)" },
  seconds: { zh: "时间（秒）", en: "time (s)" }
}

/**
 * The findings on a period's food-safety records:
 *
 * - `canteen.hygiene.disinfection.<method>` (violation): a batch below its method's minimum, with
 *   each measure, its value and the minimum;
 * - `canteen.hygiene.disinfection.everyMeal` (violation, when the pack asks): a meal served with
 *   no disinfection batch recorded for it (a batch names its meal, or one without a meal counts
 *   for every meal of its day);
 * - `canteen.hygiene.accompaniedMeals.everyMeal` (violation, when the pack asks): a meal served
 *   without an accompanied-meal record; `canteen.hygiene.accompaniedMeals.leader` (warning): one
 *   where no school leader ate;
 * - `canteen.hygiene.handlerChecks.daily` (violation, when the pack asks): an active food handler
 *   without a morning check on a day meals were served; `canteen.hygiene.handlerChecks.standDown`
 *   (violation): a check whose symptoms or temperature call for standing down, recorded as fit.
 *
 * Meals are the served meals the caller passes (one finding per date and kind).
 *
 * @since 0.1.0
 * @category checks
 */
export const hygieneFindings = (records: HygieneRecords, rules: CanteenRules, zone: Zone = T.defaultZone): Array<Finding> => {
  const out: Array<Finding> = []
  const h = rules.hygiene
  const served = new Map<string, { readonly date: LocalDate; readonly kind: MealKindType }>()
  for (const m of records.meals) served.set(`${m.date}|${m.kind}`, m)
  const meals = Array.from(served.values()).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : mealOrder(a.kind) - mealOrder(b.kind)))
  const mealName = (m: { readonly date: LocalDate; readonly kind: MealKindType }): Messages => ({
    zh: `${m.date} ${mealKindLabels[m.kind].zh}`,
    en: `${mealKindLabels[m.kind].en} of ${m.date}`
  })

  for (const d of records.disinfections) {
    const short = disinfectionShortfall(d, rules)
    if (short.length === 0) continue
    const label = disinfectionMethodLabels[d.method]
    out.push(F.make({
      rule: `canteen.hygiene.disinfection.${d.method}`,
      severity: "violation",
      subject: { kind: "disinfection", id: d.id },
      at: d.at,
      evidence: { method: d.method, date: d.date, meal: d.meal ?? null, operator: d.operator, shortfall: short.map((s) => ({ measure: s.measure, value: s.value, minimum: s.minimum })) },
      explanation: {
        zh: `${d.date} ${label.zh}未达要求：${short.map((s) => `${measureLabels[s.measure].zh} ${s.value ?? "未记录"}，应不低于 ${s.minimum}`).join("；")}`,
        en: `${label.en} on ${d.date} fell short: ${short.map((s) => `${measureLabels[s.measure].en} ${s.value ?? "not recorded"}, at least ${s.minimum} required`).join("; ")}`
      }
    }))
  }

  if (h.disinfection.everyMeal) {
    const covered = new Set<string>()
    const wholeDay = new Set<string>()
    for (const d of records.disinfections) {
      if (d.meal === undefined) wholeDay.add(d.date)
      else covered.add(`${d.date}|${d.meal}`)
    }
    for (const m of meals) {
      if (covered.has(`${m.date}|${m.kind}`) || wholeDay.has(m.date)) continue
      const name = mealName(m)
      out.push(F.make({
        rule: "canteen.hygiene.disinfection.everyMeal",
        severity: "violation",
        subject: { kind: "meal", id: `${m.date}/${m.kind}` },
        at: T.startOfDay(m.date, zone),
        evidence: { date: m.date, meal: m.kind },
        explanation: { zh: `${name.zh}后没有餐用具消毒记录`, en: `no tableware disinfection is recorded for the ${name.en}` }
      }))
    }
  }

  if (h.accompaniedMeals.everyMeal) {
    const by = new Map<string, Array<AccompaniedMeal>>()
    for (const a of records.accompaniedMeals) {
      const k = `${a.date}|${a.meal}`
      by.set(k, [...(by.get(k) ?? []), a])
    }
    for (const m of meals) {
      const found = by.get(`${m.date}|${m.kind}`) ?? []
      const name = mealName(m)
      if (found.length === 0) {
        out.push(F.make({
          rule: "canteen.hygiene.accompaniedMeals.everyMeal",
          severity: "violation",
          subject: { kind: "meal", id: `${m.date}/${m.kind}` },
          at: T.startOfDay(m.date, zone),
          evidence: { date: m.date, meal: m.kind },
          explanation: { zh: `${name.zh}没有陪餐记录`, en: `no accompanied-meal record for the ${name.en}` }
        }))
      } else if (!found.some((a) => a.companions.some((c) => c._tag === "leader"))) {
        out.push(F.make({
          rule: "canteen.hygiene.accompaniedMeals.leader",
          severity: "warning",
          subject: { kind: "meal", id: `${m.date}/${m.kind}` },
          at: T.startOfDay(m.date, zone),
          evidence: { date: m.date, meal: m.kind, records: found.map((a) => a.id), companions: found.flatMap((a) => a.companions.map((c) => c._tag)) },
          explanation: { zh: `${name.zh}的陪餐人员中没有学校负责人`, en: `no school leader ate the ${name.en} with the students` }
        }))
      }
    }
  }

  for (const c of records.handlerChecks) {
    const outcome = handlerCheckOutcome(c, rules)
    if (!outcome.standDown || c.standDown) continue
    const who = records.handlers.find((x) => x.id === c.handlerId)?.name ?? c.handlerId
    out.push(F.make({
      rule: "canteen.hygiene.handlerChecks.standDown",
      severity: "violation",
      subject: { kind: "foodHandler", id: c.handlerId },
      at: c.at,
      evidence: { check: c.id, date: c.date, symptoms: [...c.symptoms], celsius: c.celsius === undefined ? null : D.format(c.celsius), reasons: [...outcome.reasons] },
      explanation: {
        zh: `${who} ${c.date} 晨检有${outcome.reasons.map((s) => handlerSymptomLabels[s].zh).join("、")}，应暂停接触直接入口食品的工作，但记录为可上岗`,
        en: `${who}'s morning check on ${c.date} found ${outcome.reasons.map((s) => handlerSymptomLabels[s].en).join(", ")}, which calls for standing down from ready-to-eat food, but was recorded as fit`
      }
    }))
  }

  if (h.handlerChecks.daily) {
    const days = Array.from(new Set(meals.map((m) => m.date))).sort()
    const checked = new Set(records.handlerChecks.map((c) => `${c.date}|${c.handlerId}`))
    for (const day of days) {
      for (const handler of records.handlers) {
        if (!handler.active || checked.has(`${day}|${handler.id}`)) continue
        out.push(F.make({
          rule: "canteen.hygiene.handlerChecks.daily",
          severity: "violation",
          subject: { kind: "foodHandler", id: handler.id },
          at: T.startOfDay(day, zone),
          evidence: { date: day, staffId: handler.id },
          explanation: { zh: `${handler.name} ${day} 没有上岗前晨检记录`, en: `${handler.name} has no morning check on ${day}` }
        }))
      }
    }
  }
  return F.sort(out)
}
