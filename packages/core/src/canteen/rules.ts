/**
 * The canteen's section of a rule pack (`canteen`): every number a region or a school may set
 * differently, with the `cn` defaults and the source of each beside it.
 *
 * Sources: `packages/core/data/canteen-food-safety-parameters.csv` (copied from the project's
 * reference data; generated into `src/data/canteen-food-safety-parameters.generated.ts`), cited by
 * the row's `key`. Numbers with no national source (price-check thresholds, budgets, the hot
 * season, the meal-fee refund rule) say so where they are defined; they are the school's or the
 * region's to set.
 *
 * Legal minimums state their stricter direction (`strictness`), so a school's override can make
 * them stricter but never weaker: a certificate valid for longer, a warmer chilled delivery, a
 * shorter list of banned foods or a shorter retention of purchase records are refused.
 *
 * @since 0.1.0
 */
import { BigDecimal, Option, Schema } from "effect"
import { rows as foodSafety } from "../data/canteen-food-safety-parameters.generated.ts"
import * as D from "../kernel/Decimal.ts"
import type { LocalDate } from "../kernel/LocalDate.ts"
import * as LD from "../kernel/LocalDate.ts"
import { NonNegativeMoney } from "../kernel/Money.ts"
import { DinerGroupId } from "../kernel/People.ts"
import * as RP from "../kernel/RulePack.ts"
import type { DisinfectionMethod } from "./hygiene.ts"
import { DisinfectionMinimum, HandlerSymptom } from "./hygiene.ts"
import { LicenceKind, MonthDay } from "./model.ts"

const Code = Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(64))
const Count = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))
const Positive = Schema.Int.check(Schema.isGreaterThanOrEqualTo(1))
const ClockTime = Schema.String.check(
  Schema.isPattern(/^([01]\d|2[0-3]):[0-5]\d$/, { expected: "a local time HH:mm such as 11:30", zh: "形如 11:30 的当地时间" })
)
const Ratio = D.NonNegativeDecimal.check(
  Schema.makeFilter((d: D.Decimal) => BigDecimal.isLessThanOrEqualTo(d, D.fromInt(1)), { expected: "a ratio between 0 and 1", zh: "0 到 1 之间的比例" })
)

/**
 * A high-risk food that schools must not make or serve: a stable code (what recipes and
 * ingredients name in `hazards`) and its names.
 *
 * @since 0.1.0
 * @category schemas
 */
export const HighRiskFood = Schema.Struct({ code: Code, zh: Schema.String, en: Schema.String })
/** @since 0.1.0 @category models */
export type HighRiskFood = typeof HighRiskFood.Type

/**
 * The schema of the canteen section.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CanteenRules = Schema.Struct({
  /** food handlers' health certificates */
  healthCertificate: Schema.Struct({
    /** months a certificate is valid from its issue date, when it states no end date */
    validityMonths: Positive,
    /** days before expiry that a warning is raised */
    warnDays: Count
  }),
  /** food-safety training of food handlers */
  training: Schema.Struct({
    /** the longest time without training before a finding */
    maxIntervalMonths: Positive
  }),
  /** supplier documents (索证索票) */
  suppliers: Schema.Struct({
    /** each inner list is one requirement met by any licence kind in it */
    requiredLicences: Schema.Array(Schema.Array(LicenceKind).check(Schema.isMinLength(1))),
    /** days before a licence lapses that a warning is raised */
    warnDays: Count
  }),
  /** acceptance of deliveries */
  acceptance: Schema.Struct({
    /** the warmest a chilled delivery may be, °C */
    chilledMaxCelsius: D.DecimalSchema,
    /** the warmest a frozen delivery may be, °C */
    frozenMaxCelsius: D.DecimalSchema,
    /**
     * the share of an order line's quantity that may be accepted beyond it before a finding
     * (`canteen.acceptance.overDeliveryTolerance`): accepted in all > ordered × (1 + this)
     */
    overDeliveryTolerance: D.NonNegativeDecimal
  }),
  /** foods a school canteen must not make or serve */
  highRiskFoods: Schema.Array(HighRiskFood),
  /** the hot-season menu rule */
  hotSeason: Schema.Struct({
    from: MonthDay,
    to: MonthDay,
    /** days per week with a cooling drink or soup */
    minCoolingDaysPerWeek: Count,
    /** recipe tags that count as a cooling drink or soup */
    tags: Schema.Array(Code)
  }),
  /**
   * more weekly menu rules of the same shape as the hot-season one, set by a school or a region:
   * within the season (every week without one), at least `minDaysPerWeek` of the days served (or
   * every such day, when fewer are served) have a dish tagged with one of `tags` — "fish or shrimp
   * twice a week" (`{ id: "aquatic", tags: ["aquatic"], minDaysPerWeek: 2 }`); findings
   * `canteen.menuRule.<id>`. Optional: none in the `cn` pack (no national number)
   */
  menuRules: Schema.optionalKey(Schema.Array(Schema.Struct({
    id: Code,
    label: Schema.Struct({ zh: Schema.String.check(Schema.isMinLength(1)), en: Schema.String.check(Schema.isMinLength(1)) }),
    season: Schema.optionalKey(Schema.Struct({ from: MonthDay, to: MonthDay })),
    tags: Schema.Array(Code).check(Schema.isMinLength(1)),
    minDaysPerWeek: Count
  }))),
  /** price checks of accepted prices */
  priceCheck: Schema.Struct({
    /** a finding when the accepted price exceeds the reference price by more than this share */
    referenceThreshold: D.NonNegativeDecimal,
    /** a finding when it exceeds the median of the ingredient's recent prices by more than this share */
    historyThreshold: D.NonNegativeDecimal,
    /** how far back the history reaches, in days */
    historyDays: Positive,
    /** the fewest earlier prices for a history check */
    minHistory: Positive
  }),
  /**
   * when each meal's service begins (local `HH:mm` on its service date), for a meal recorded
   * without its own time: food sample retention counts a dish's sample as due from then
   */
  serviceTimes: Schema.Struct({
    breakfast: ClockTime,
    morningSnack: ClockTime,
    lunch: ClockTime,
    afternoonSnack: ClockTime,
    dinner: ClockTime,
    lateNight: ClockTime
  }),
  /** food budgets per head (菜金) */
  budget: Schema.Struct({
    /** the daily food budget per head of each diner group */
    perHead: Schema.Array(Schema.Struct({ dinerGroupId: DinerGroupId, daily: NonNegativeMoney })),
    /** a finding when spending per head exceeds the budget times this */
    overRatio: D.PositiveDecimal,
    /** a finding when spending per head falls below the budget times this */
    farUnderRatio: Ratio,
    /** each meal's share of the daily budget */
    mealShares: Schema.Struct({ breakfast: Ratio, morningSnack: Ratio, lunch: Ratio, afternoonSnack: Ratio, dinner: Ratio, lateNight: Ratio })
  }),
  /** refunds of meal fees for days absent */
  mealFeeRefund: Schema.Struct({
    /** consecutive meal days absent from which a refund is due */
    minConsecutiveDays: Positive,
    /** refund every day of such an absence, or only the days after the threshold */
    countFrom: Schema.Literals(["firstDay", "afterThreshold"]),
    /** the share of the daily fee refunded */
    ratio: Ratio
  }),
  /** stock */
  stock: Schema.Struct({
    /** the valuation strategy */
    valuation: Schema.Literals(["fifo", "fefo", "movingAverage"]),
    /** days before best-before that a warning is raised */
    expiryWarnDays: Count
  }),
  /** how long purchase records (进货查验记录及凭证) must be kept */
  recordRetention: Schema.Struct({
    afterBestBeforeMonths: Count,
    withoutBestBeforeMonths: Count,
    agriculturalMonths: Count
  }),
  /** the daily food-safety records (see `hygiene.ts`) */
  hygiene: Schema.Struct({
    disinfection: Schema.Struct({
      /** the minimum of each method of tableware disinfection */
      methods: Schema.Struct({ heat: DisinfectionMinimum, infrared: DisinfectionMinimum, dishwasher: DisinfectionMinimum, chlorine: DisinfectionMinimum }),
      /** whether every meal served needs a disinfection batch recorded for it */
      everyMeal: Schema.Boolean
    }),
    accompaniedMeals: Schema.Struct({
      /** whether every meal served needs an accompanied-meal record (陪餐) */
      everyMeal: Schema.Boolean
    }),
    handlerChecks: Schema.Struct({
      /** whether every active food handler needs a morning check on each day meals are served */
      daily: Schema.Boolean,
      /** a temperature at or above this is a fever, °C */
      feverCelsius: D.DecimalSchema,
      /** the symptoms that stand a handler down from handling ready-to-eat food */
      standDown: Schema.Array(HandlerSymptom)
    })
  })
})

/**
 * @since 0.1.0
 * @category models
 */
export type CanteenRules = typeof CanteenRules.Type

/** the reference data's key of each disinfection method */
const disinfectionKeys: { readonly [K in DisinfectionMethod]: string } = {
  heat: "dish_disinfection.heat_boil_steam",
  infrared: "dish_disinfection.infrared",
  dishwasher: "dish_disinfection.dishwasher",
  chlorine: "dish_disinfection.chlorine"
}

/**
 * A method's minimum read from its row of the reference data ("100°C ≥10 min", "水温85°C
 * 冲洗消毒≥40 s", "有效氯≥250 mg/L 浸泡≥5 min"): the temperature or the concentration, and the
 * time (the last "≥ n min" or "≥ n s"); `None` for text that does not read so (a temperature and a
 * concentration both, neither, or no time).
 *
 * @since 0.1.0
 * @category rules
 */
export const disinfectionMinimumOf = (text: string): Option.Option<DisinfectionMinimum> => {
  const celsius = /(\d+(?:\.\d+)?)\s*°C/.exec(text)
  const chlorine = /(\d+(?:\.\d+)?)\s*mg\/L/.exec(text)
  const time = Array.from(text.matchAll(/≥\s*(\d+(?:\.\d+)?)\s*(min|s)\b/g)).at(-1)
  if (time === undefined || (celsius === null) === (chlorine === null)) return Option.none()
  return Option.some({
    ...(celsius !== null ? { minCelsius: dec(celsius[1]!) } : {}),
    ...(chlorine !== null ? { minChlorineMgPerL: dec(chlorine[1]!) } : {}),
    minSeconds: Number(time[1]) * (time[2] === "min" ? 60 : 1)
  })
}

// A row missing or unreadable would make a minimum no batch meets, so every batch would be a
// finding — loud, never a silently weaker rule; the tests pin the four minimums read.
const disinfectionRow = (m: DisinfectionMethod): DisinfectionMinimum =>
  Option.getOrElse(
    Option.flatMap(Option.fromNullishOr(foodSafety.find((r) => r.key === disinfectionKeys[m])), (row) => disinfectionMinimumOf(row.value)),
    (): DisinfectionMinimum => ({ minSeconds: Number.MAX_SAFE_INTEGER })
  )

// Codes of the symptoms in the csv row `staff_morning_check` (its scope: "发热、腹泻、咽部炎症、
// 皮肤伤口或感染者暂停接触直接入口食品"); the list is read from the generated data module.
const symptomCodes: Readonly<Record<string, HandlerSymptom>> = { "发热": "fever", "腹泻": "diarrhoea", "咽部炎症": "soreThroat", "皮肤伤口或感染": "skinWound", "呕吐": "vomiting" }

/**
 * The symptoms that stand a food handler down, read from the reference data's row
 * `staff_morning_check`.
 *
 * @since 0.1.0
 * @category packs
 */
export const cnStandDown: ReadonlyArray<HandlerSymptom> = (foodSafety.find((r) => r.key === "staff_morning_check")?.scope ?? "")
  .replace(/者.*$/, "")
  .split("、")
  // a symptom without a code stands down as `other` (a test pins the four the row lists)
  .map((s) => symptomCodes[s.trim()] ?? "other")

/**
 * The legal minimums of the section and their stricter direction.
 *
 * @since 0.1.0
 * @category rules
 */
export const strictness: ReadonlyArray<RP.Strictness> = [
  { path: ["healthCertificate", "validityMonths"], stricter: "lower", source: "《食品安全法》第45条 (csv staff_health_check.interval)" },
  { path: ["acceptance", "chilledMaxCelsius"], stricter: "lower", source: "2018操作规范 冷藏 0~8°C (csv refrigeration.temperature_range_c)" },
  { path: ["acceptance", "frozenMaxCelsius"], stricter: "lower", source: "2018操作规范 冷冻 (csv freezing.temperature_c)" },
  { path: ["highRiskFoods"], stricter: "superset", source: "学校食品安全与营养健康管理规定 (45号令) (csv high_risk_foods_banned)" },
  { path: ["recordRetention", "afterBestBeforeMonths"], stricter: "higher", source: "《食品安全法》第50、53条 (csv purchase_records.retention)" },
  { path: ["recordRetention", "withoutBestBeforeMonths"], stricter: "higher", source: "《食品安全法》第50、53条 (csv purchase_records.retention)" },
  { path: ["recordRetention", "agriculturalMonths"], stricter: "higher", source: "《食品安全法》第65条 (csv purchase_records.retention)" },
  ...(["heat", "infrared", "dishwasher", "chlorine"] as const).flatMap((m): Array<RP.Strictness> => [
    { path: ["hygiene", "disinfection", "methods", m, m === "chlorine" ? "minChlorineMgPerL" : "minCelsius"], stricter: "higher", source: `2018操作规范 附录 (csv ${disinfectionKeys[m]})` },
    { path: ["hygiene", "disinfection", "methods", m, "minSeconds"], stricter: "higher", source: `2018操作规范 附录 (csv ${disinfectionKeys[m]})` }
  ]),
  { path: ["hygiene", "handlerChecks", "standDown"], stricter: "superset", source: "2018操作规范 (csv staff_morning_check)" }
]

/**
 * The section's declaration for the composed rule pack.
 *
 * @since 0.1.0
 * @category sections
 */
export const section = RP.section("canteen", CanteenRules, strictness)

// Codes and English names of the banned foods listed in the csv row `high_risk_foods_banned`.
// The list itself is read from the generated data module (below); this is its translation.
const highRiskLabels: Readonly<Record<string, { readonly code: string; readonly en: string }>> = {
  "冷荤类食品": { code: "coldMeat", en: "cold cooked meat dishes" },
  "生食类食品": { code: "rawFood", en: "food served raw" },
  "裱花蛋糕": { code: "decoratedCake", en: "cream-decorated cakes" },
  "四季豆": { code: "greenBeans", en: "green beans" },
  "鲜黄花菜": { code: "freshDaylily", en: "fresh daylily" },
  "野生蘑菇": { code: "wildMushroom", en: "wild mushrooms" },
  "发芽土豆": { code: "sproutedPotato", en: "sprouted potatoes" }
}

/**
 * The banned high-risk foods of the csv row `high_risk_foods_banned` (45号令: 中小学、幼儿园食堂
 * 不得制售冷荤类食品、生食类食品、裱花蛋糕，不得加工四季豆、鲜黄花菜、野生蘑菇、发芽土豆等高风险食品),
 * in the row's order. The row ends in 等 ("and the like"): the list is open, and a region or a
 * school may add to it (never remove: the merge refuses a shorter list).
 *
 * @since 0.1.0
 * @category rules
 */
export const cnHighRiskFoods: ReadonlyArray<HighRiskFood> = (foodSafety.find((r) => r.key === "high_risk_foods_banned")?.value ?? "")
  .split(";")
  .map((s) => s.trim().replace(/等$/, ""))
  .filter((s) => s.length > 0)
  .map((zh) => ({ code: highRiskLabels[zh]?.code ?? zh, zh, en: highRiskLabels[zh]?.en ?? zh }))

const dec = (text: string): D.Decimal => Option.getOrElse(D.parse(text), () => D.fromInt(0))

/**
 * The `cn` defaults.
 *
 * @since 0.1.0
 * @category packs
 */
export const cn: CanteenRules = {
  healthCertificate: {
    // csv staff_health_check.interval = 12 months: 《食品安全法》第45条, 每年进行健康检查，取得健康证明后方可上岗
    validityMonths: 12,
    // no national source: a month's notice to renew (school practice)
    warnDays: 30
  },
  training: {
    // no national source in the reference data: 《食品安全法》第44条 requires training without a
    // fixed interval; yearly is common school practice
    maxIntervalMonths: 12
  },
  suppliers: {
    // 《食品安全法》第50、53条 (查验供货者的许可证): a business licence, and a food business or food
    // production licence; recalled, not in the project's reference data
    requiredLicences: [["business"], ["foodBusiness", "foodProduction"]],
    // no national source: a month's notice (school practice)
    warnDays: 30
  },
  acceptance: {
    // csv refrigeration.temperature_range_c = 0~8 °C (2018操作规范 术语 冷藏; GB 31654-2021)
    chilledMaxCelsius: D.fromInt(8),
    // csv freezing.temperature_c = <-12 °C (2018操作规范 术语 冷冻)
    frozenMaxCelsius: D.fromInt(-12),
    // no national source: a house rule. Fresh food is weighed and seldom comes to the exact kilo,
    // so a little over the order is normal; more than 5% over is worth a look (an order padded at
    // delivery, or stock the kitchen did not ask for). Accepting it is not refused.
    overDeliveryTolerance: dec("0.05")
  },
  // csv high_risk_foods_banned (45号令)
  highRiskFoods: cnHighRiskFoods,
  hotSeason: {
    // no national source: provinces set their own 高温季节; June to September is the common span
    from: "06-01",
    to: "09-30",
    // no national source: the seed documents' rule "凉茶、绿豆汤等清暑类的汤类，每周不得少于两次"
    minCoolingDaysPerWeek: 2,
    tags: ["cooling"]
  },
  priceCheck: {
    // no national source: the documents ask to "spot-check prices" and buy at the lowest fair price;
    // 10% above the reference and 15% above the recent median are this library's starting points
    referenceThreshold: dec("0.1"),
    historyThreshold: dec("0.15"),
    historyDays: 30,
    minHistory: 3
  },
  // no national source: a common school timetable (早餐 7:00, 上午加餐 9:30, 午餐 11:30, 午点 15:00,
  // 晚餐 17:30, 夜宵 21:00); a school sets its own, or records each meal's time when planning it
  serviceTimes: { breakfast: "07:00", morningSnack: "09:30", lunch: "11:30", afternoonSnack: "15:00", dinner: "17:30", lateNight: "21:00" },
  budget: {
    // no national source: the daily food budget per head (菜金 / 伙食标准) is set by each school
    perHead: [],
    // no national source: any spending above the budget is reported ...
    overRatio: dec("1"),
    // ... and spending below 85% of it (fees collected for food should be spent on food)
    farUnderRatio: dec("0.85"),
    // no national source for money; mirrors the energy split of WS/T 554-2017 学生餐营养指南
    // (早餐 25–30%, 午餐 35–40%, 晚餐 30–35%); snacks are taken from no share by default
    mealShares: { breakfast: dec("0.3"), morningSnack: dec("0"), lunch: dec("0.4"), afternoonSnack: dec("0"), dinner: dec("0.3"), lateNight: dec("0") }
  },
  mealFeeRefund: {
    // no national source: regions and schools set the refund of meal fees for absence; the
    // default refunds every absent meal day in full (the most protective reading)
    minConsecutiveDays: 1,
    countFrom: "firstDay",
    ratio: dec("1")
  },
  stock: {
    // no national source: first in, first out is the common valuation of canteen stock
    valuation: "fifo",
    // no national source: a day's notice before best-before
    expiryWarnDays: 1
  },
  recordRetention: {
    // csv purchase_records.retention: 保质期满后6个月 (《食品安全法》第50、53条)
    afterBestBeforeMonths: 6,
    // csv purchase_records.retention: 无明确保质期不少于2年
    withoutBestBeforeMonths: 24,
    // csv purchase_records.retention: 食用农产品不少于6个月 (《食品安全法》第65条)
    agriculturalMonths: 6
  },
  hygiene: {
    disinfection: {
      // csv dish_disinfection.* (2018操作规范 附录): 100 °C ≥ 10 min, 120 °C ≥ 10 min, 85 °C ≥ 40 s,
      // available chlorine ≥ 250 mg/L ≥ 5 min
      methods: { heat: disinfectionRow("heat"), infrared: disinfectionRow("infrared"), dishwasher: disinfectionRow("dishwasher"), chlorine: disinfectionRow("chlorine") },
      // 2018操作规范: tableware is cleaned and disinfected after each use; a record per meal is
      // school practice
      everyMeal: true
    },
    // csv accompany_meal(陪餐) = 每餐 (45号令 第9条)
    accompaniedMeals: { everyMeal: true },
    handlerChecks: {
      // csv staff_morning_check = 每日上岗前 (2018操作规范)
      daily: true,
      // no value in the reference data: the health module's axillary fever threshold
      feverCelsius: dec("37.3"),
      standDown: cnStandDown
    }
  }
}

/**
 * The date until which the purchase records of a lot must be kept (进货查验记录及凭证):
 * 食用农产品 for `agriculturalMonths` from receipt, other food for `afterBestBeforeMonths` after
 * its best-before, or `withoutBestBeforeMonths` from receipt when it has none.
 *
 * @since 0.1.0
 * @category rules
 */
export const recordsRetainedUntil = (
  lot: { readonly receivedOn: LocalDate; readonly bestBefore?: LocalDate | undefined },
  agricultural: boolean,
  rules: CanteenRules
): LocalDate => {
  const r = rules.recordRetention
  if (agricultural) return LD.addMonths(lot.receivedOn, r.agriculturalMonths)
  return lot.bestBefore === undefined
    ? LD.addMonths(lot.receivedOn, r.withoutBestBeforeMonths)
    : LD.addMonths(lot.bestBefore, r.afterBestBeforeMonths)
}
