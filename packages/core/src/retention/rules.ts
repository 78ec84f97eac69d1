/**
 * The retention section of a rule pack: who must keep samples, how much, how long, how cold, what
 * the register records and how often the fridge must be read. `cn` holds the national numbers,
 * each with its source (packages/core/data/canteen-food-safety-parameters.csv, generated into
 * `src/data/canteen-food-safety-parameters.generated.ts`; a test checks the two agree).
 *
 * Legal minimums declare which way is stricter, so that a region or a school may ask for more
 * (72 hours, 150 g, 2–6 °C) and the pack merge refuses less.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import * as RP from "../kernel/RulePack.ts"

/**
 * Kinds of establishment the retention rule names: school canteens (kindergartens included),
 * eldercare, medical, central kitchens, group-meal delivery, construction-site canteens and any
 * other group dining.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Establishment = Schema.Literals([
  "school",
  "eldercare",
  "medical",
  "centralKitchen",
  "groupMealDelivery",
  "constructionSite",
  "other"
])

/**
 * @since 0.1.0
 * @category models
 */
export type Establishment = typeof Establishment.Type

/**
 * The fields of the retention register a pack may require: dish name (留样食品名称), grams
 * (留样量), time taken (留样时间), taker (留样人员), reviewer (审核人员) and container label.
 * `takenAt` is always present (a sample's retention starts then); it is listed so that the
 * pack reads as the regulation does.
 *
 * @since 0.1.0
 * @category schemas
 */
export const RecordField = Schema.Literals(["dishName", "grams", "takenAt", "takerId", "reviewerId", "containerLabel"])

/**
 * @since 0.1.0
 * @category models
 */
export type RecordField = typeof RecordField.Type

const Positive = Schema.Finite.check(Schema.isGreaterThan(0, { expected: "a number > 0", zh: "大于 0 的数" }))

/**
 * The retention rules.
 *
 * - `requiredFor`: establishments that must always keep samples; above how many diners per meal
 *   any other must (strictly more than `aboveDiners`); whether a major event's meals always must.
 * - `minGrams`: grams per dish. `minHours`: elapsed hours of refrigerated keeping.
 * - `temperature`: the storage range in °C, both ends included.
 * - `recordFields`: the register's required fields. `reviewerNotTaker`: the reviewer must be
 *   another person than the taker. `dedicatedFridge`: samples must be kept in a dedicated fridge.
 * - `readingGap.maxHours`: the longest time between two temperature readings of a fridge holding
 *   samples before the unmonitored time is a finding of its own.
 *
 * @since 0.1.0
 * @category schemas
 */
export const RetentionRules = Schema.Struct({
  requiredFor: Schema.Struct({
    establishments: Schema.Array(Establishment),
    aboveDiners: Schema.Int.check(Schema.isGreaterThanOrEqualTo(0)),
    majorEvents: Schema.Boolean
  }),
  minGrams: Positive,
  minHours: Positive,
  temperature: Schema.Struct({ minC: Schema.Finite, maxC: Schema.Finite }).check(
    Schema.makeFilter((t: { readonly minC: number; readonly maxC: number }) => t.minC < t.maxC, {
      expected: "a range with minC below maxC",
      zh: "下限低于上限的温度范围"
    })
  ),
  recordFields: Schema.Array(RecordField),
  reviewerNotTaker: Schema.Boolean,
  dedicatedFridge: Schema.Boolean,
  readingGap: Schema.Struct({ maxHours: Positive })
})

/**
 * @since 0.1.0
 * @category models
 */
export type RetentionRules = typeof RetentionRules.Type

const ops2018 = "《餐饮服务食品安全操作规范》(2018)"
const gb31654 = "GB 31654-2021"
const order45 = "《学校食品安全与营养健康管理规定》(2019, 教育部等令第45号) 第35条"

/**
 * The national defaults. Sources: packages/core/data/canteen-food-safety-parameters.csv (rows
 * named beside each value) and the documents it cites.
 *
 * @since 0.1.0
 * @category packs
 */
export const cn: RetentionRules = {
  requiredFor: {
    // sample_retention.required_for: 学校(含托幼机构)、养老机构、医疗机构食堂, 中央厨房, 集体用餐配送单位
    // — always; 建筑工地食堂 and 集体聚餐 above 100 diners; 重大活动供餐 always (2018 操作规范; GB 31654-2021)
    establishments: ["school", "eldercare", "medical", "centralKitchen", "groupMealDelivery"],
    aboveDiners: 100,
    majorEvents: true
  },
  // sample_retention.min_grams_per_item: 125 g per dish (2018 操作规范; GB 31654-2021; 45号令第35条)
  minGrams: 125,
  // sample_retention.min_hours: 48 h in a dedicated refrigerator (2018 操作规范; GB 31654-2021; 45号令第35条)
  minHours: 48,
  // refrigeration.temperature_range_c: 冷藏 is 0–8 °C (2018 操作规范 术语; GB 31654-2021)
  temperature: { minC: 0, maxC: 8 },
  // sample_retention.record_fields: 留样食品名称, 留样量, 留样时间(月、日、时), 留样人员, 审核人员 (45号令第35条)
  recordFields: ["dishName", "grams", "takenAt", "takerId", "reviewerId"],
  // interpretation, not a number of the regulation: 45号令第35条 asks for a taker and a reviewer;
  // a reviewer who is the taker reviews nothing
  reviewerNotTaker: true,
  // sample_retention.storage: 专用冷藏设备 (2018 操作规范; 45号令第35条)
  dedicatedFridge: true,
  // no national number: the regulations ask for refrigerated keeping but set no reading interval.
  // 24 h accepts the once-a-day temperature log of a paper register; a region or school with a
  // data logger sets a shorter interval
  readingGap: { maxHours: 24 }
}

/**
 * The retention section: its schema and the direction in which each legal minimum is stricter.
 *
 * @since 0.1.0
 * @category sections
 */
export const section = RP.section("retention", RetentionRules, [
  { path: ["requiredFor", "establishments"], stricter: "superset", source: `${ops2018}; ${gb31654}` },
  { path: ["requiredFor", "aboveDiners"], stricter: "lower", source: `${ops2018}; ${gb31654}` },
  { path: ["requiredFor", "majorEvents"], stricter: "true", source: `${ops2018}; ${gb31654}` },
  { path: ["minGrams"], stricter: "higher", source: `${ops2018}; ${gb31654}; ${order45}` },
  { path: ["minHours"], stricter: "higher", source: `${ops2018}; ${gb31654}; ${order45}` },
  { path: ["temperature", "minC"], stricter: "higher", source: `${ops2018}; ${gb31654}` },
  { path: ["temperature", "maxC"], stricter: "lower", source: `${ops2018}; ${gb31654}` },
  { path: ["recordFields"], stricter: "superset", source: order45 },
  { path: ["reviewerNotTaker"], stricter: "true", source: order45 },
  { path: ["dedicatedFridge"], stricter: "true", source: `${ops2018}; ${order45}` },
  // not a national minimum; declared so that a region's interval binds its schools
  { path: ["readingGap", "maxHours"], stricter: "lower", source: "school practice (no national number)" }
])
