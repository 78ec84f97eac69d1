/**
 * The findings of the retention check: one builder per rule, with the evidence a report needs to
 * print the line without looking anything up (dish, meal, service date, the numbers found and
 * required) and an explanation in zh-CN and en with times in the school's zone.
 *
 * Rule ids are the keys of their numbers in the rule pack's `retention` section
 * (`retention.minGrams` ↔ `retention.minGrams`).
 *
 * @since 0.1.0
 */
import type { Schema } from "effect"
import * as Decimal from "../kernel/Decimal.ts"
import type { Messages } from "../kernel/Errors.ts"
import type { Finding, Severity } from "../kernel/Finding.ts"
import * as F from "../kernel/Finding.ts"
import type { Instant, Zone } from "../kernel/Time.ts"
import { formatInstant, formatLocal, fromEpochMillis } from "../kernel/Time.ts"
import type { Fridge, Sample, ServedDish, ServedMeal } from "./model.ts"
import { mealKindLabels } from "./model.ts"
import type { RecordField, RetentionRules } from "./rules.ts"

/**
 * The rule ids of the retention check.
 *
 * @since 0.1.0
 * @category constants
 */
export const ruleIds = {
  /** a dish of a meal that had to be sampled has no sample */
  requiredFor: "retention.requiredFor",
  /** a sample lighter than the minimum */
  minGrams: "retention.minGrams",
  /** a sample disposed of before its earliest disposal time */
  minHours: "retention.minHours",
  /** the fridge was outside the temperature range while it held the sample */
  temperature: "retention.temperature",
  /** the fridge was not read for longer than the allowed interval while it held the sample */
  readingGap: "retention.readingGap",
  /** a required field of the register is empty */
  recordFields: "retention.recordFields",
  /** the reviewer is the taker */
  reviewerNotTaker: "retention.reviewerNotTaker",
  /** the sample is not kept in a registered, dedicated fridge */
  dedicatedFridge: "retention.dedicatedFridge"
} as const

/**
 * @since 0.1.0
 * @category models
 */
export type RuleId = typeof ruleIds[keyof typeof ruleIds]

/**
 * The severity of each finding. A breach or a reading gap inside the required keeping time
 * endangers the sample as evidence; after it (a school keeping samples longer than required) it is
 * reported one step lower.
 *
 * @since 0.1.0
 * @category constants
 */
export const severities = {
  requiredFor: "violation",
  minGrams: "violation",
  minHours: "violation",
  temperature: "violation",
  temperatureAfterRequiredHold: "warning",
  readingGap: "warning",
  readingGapAfterRequiredHold: "info",
  recordFields: "warning",
  reviewerNotTaker: "warning",
  dedicatedFridge: "violation"
} as const satisfies Record<string, Severity>

/**
 * The names of the register's fields in both languages.
 *
 * @since 0.1.0
 * @category constants
 */
export const fieldNames: { readonly [K in RecordField]: Messages } = {
  dishName: { zh: "留样食品名称", en: "dish name" },
  grams: { zh: "留样量", en: "grams" },
  takenAt: { zh: "留样时间", en: "time taken" },
  takerId: { zh: "留样人员", en: "taker" },
  reviewerId: { zh: "审核人员", en: "reviewer" },
  containerLabel: { zh: "容器标识", en: "container label" }
}

const localText = (i: Instant, zone: Zone): string => formatLocal(i, zone)

const iso = (ms: number): string => formatInstant(fromEpochMillis(ms))

/**
 * A duration as hours and minutes: `47 h 59 min` / `47 小时 59 分钟`.
 *
 * @since 0.1.0
 * @category formatting
 */
export const durationText = (millis: number): Messages => {
  const minutes = Math.floor(millis / 60_000)
  const h = Math.floor(minutes / 60)
  const m = minutes - h * 60
  return { zh: m === 0 ? `${h} 小时` : `${h} 小时 ${m} 分钟`, en: m === 0 ? `${h} h` : `${h} h ${m} min` }
}

const sampleSubject = (s: Sample) => ({ kind: "sample", id: s.id })

const sampleContext = (s: Sample): Record<string, Schema.Json> => ({
  sampleId: s.id,
  mealId: s.mealId,
  serviceDate: s.serviceDate,
  meal: s.meal,
  dishId: s.dishId,
  dishName: s.dishName ?? null,
  fridgeId: s.fridgeId,
  takenAt: formatInstant(s.takenAt)
})

/** the fridge as a reader knows it: by its name when it is registered, else by its id */
const fridgeText = (fridgeId: string, fridge: Pick<Fridge, "name"> | undefined): Messages =>
  fridge === undefined
    ? { zh: `冷藏设备（${fridgeId}）`, en: `the refrigerator (${fridgeId})` }
    : { zh: `冷藏设备「${fridge.name}」`, en: `the refrigerator “${fridge.name}”` }

const dishLabel = (s: Sample): Messages => {
  const name = s.dishName ?? s.dishId
  const meal = mealKindLabels[s.meal]
  return { zh: `${s.serviceDate} ${meal.zh}「${name}」`, en: `${name} (${meal.en}, ${s.serviceDate})` }
}

/**
 * A dish of a meal that had to be sampled and has no sample. One finding per meal, listing the
 * dishes without a sample; due when the meal was served.
 *
 * @since 0.1.0
 * @category constructors
 */
export const missingSamples = (meal: ServedMeal, missing: ReadonlyArray<ServedDish>, zone: Zone): Finding => {
  const m = mealKindLabels[meal.meal]
  const names = missing.map((d) => d.name)
  return F.make({
    rule: ruleIds.requiredFor,
    severity: severities.requiredFor,
    subject: { kind: "meal", id: meal.id },
    at: meal.servedAt,
    evidence: {
      mealId: meal.id,
      serviceDate: meal.serviceDate,
      meal: meal.meal,
      servedAt: formatInstant(meal.servedAt),
      dishes: meal.dishes.length,
      sampled: meal.dishes.length - missing.length,
      missing: missing.map((d) => ({ dishId: d.id, dishName: d.name })),
      diners: meal.diners ?? null
    },
    explanation: {
      zh: `${meal.serviceDate} ${m.zh}（${localText(meal.servedAt, zone)} 供餐）有 ${missing.length} 个品种未留样：${names.join("、")}`,
      en: `${m.en} of ${meal.serviceDate} (served ${localText(meal.servedAt, zone)}): ${missing.length} dish(es) without a sample: ${names.join(", ")}`
    }
  })
}

/**
 * A sample lighter than the pack's minimum grams.
 *
 * @since 0.1.0
 * @category constructors
 */
export const underweight = (sample: Sample, grams: Decimal.Decimal, policy: RetentionRules): Finding => {
  const label = dishLabel(sample)
  const g = Decimal.format(grams)
  return F.make({
    rule: ruleIds.minGrams,
    severity: severities.minGrams,
    subject: sampleSubject(sample),
    at: sample.takenAt,
    evidence: { ...sampleContext(sample), grams: g, requiredGrams: policy.minGrams },
    explanation: {
      zh: `${label.zh}留样 ${g} 克，少于规定的 ${policy.minGrams} 克`,
      en: `the sample of ${label.en} weighs ${g} g, less than the required ${policy.minGrams} g`
    }
  })
}

/**
 * A sample disposed of before its earliest disposal time.
 *
 * @since 0.1.0
 * @category constructors
 */
export const disposedEarly = (sample: Sample, disposedAt: Instant, earliest: Instant, policy: RetentionRules, zone: Zone): Finding => {
  const label = dishLabel(sample)
  const held = disposedAt.epochMilliseconds - sample.takenAt.epochMilliseconds
  const heldText = durationText(held)
  const short = earliest.epochMilliseconds - disposedAt.epochMilliseconds
  return F.make({
    rule: ruleIds.minHours,
    severity: severities.minHours,
    subject: sampleSubject(sample),
    at: disposedAt,
    evidence: {
      ...sampleContext(sample),
      disposedAt: formatInstant(disposedAt),
      earliestDisposalAt: formatInstant(earliest),
      heldMinutes: held / 60_000,
      shortMinutes: short / 60_000,
      requiredHours: policy.minHours
    },
    explanation: {
      zh: `${label.zh}留样于 ${localText(disposedAt, zone)} 销毁，仅留存 ${heldText.zh}，不足 ${policy.minHours} 小时（最早可于 ${localText(earliest, zone)} 销毁）`,
      en: `the sample of ${label.en} was disposed of at ${localText(disposedAt, zone)} after ${heldText.en}, short of ${policy.minHours} h (earliest disposal ${localText(earliest, zone)})`
    }
  })
}

/**
 * Required fields of the register left empty.
 *
 * @since 0.1.0
 * @category constructors
 */
export const missingFields = (sample: Sample, missing: ReadonlyArray<RecordField>): Finding => {
  const label = dishLabel(sample)
  return F.make({
    rule: ruleIds.recordFields,
    severity: severities.recordFields,
    subject: sampleSubject(sample),
    at: sample.takenAt,
    evidence: { ...sampleContext(sample), missing: [...missing] },
    explanation: {
      zh: `${label.zh}留样记录缺少：${missing.map((f) => fieldNames[f].zh).join("、")}`,
      en: `the register entry of ${label.en} lacks: ${missing.map((f) => fieldNames[f].en).join(", ")}`
    }
  })
}

/**
 * A sample reviewed by its own taker.
 *
 * @since 0.1.0
 * @category constructors
 */
export const selfReviewed = (sample: Sample, staffId: string, staffName: string = staffId): Finding => {
  const label = dishLabel(sample)
  return F.make({
    rule: ruleIds.reviewerNotTaker,
    severity: severities.reviewerNotTaker,
    subject: sampleSubject(sample),
    at: sample.takenAt,
    evidence: { ...sampleContext(sample), staffId },
    explanation: {
      zh: `${label.zh}留样的审核人与留样人是同一人（${staffName}）`,
      en: `the sample of ${label.en} was reviewed by its own taker (${staffName})`
    }
  })
}

/**
 * A sample kept in a fridge that is not registered or not dedicated to samples.
 *
 * @since 0.1.0
 * @category constructors
 */
export const notDedicated = (sample: Sample, fridge: Fridge | undefined): Finding => {
  const label = dishLabel(sample)
  return F.make({
    rule: ruleIds.dedicatedFridge,
    severity: severities.dedicatedFridge,
    subject: sampleSubject(sample),
    at: sample.takenAt,
    evidence: { ...sampleContext(sample), registered: fridge !== undefined, dedicated: fridge?.dedicated ?? null },
    explanation: fridge === undefined
      ? {
        zh: `${label.zh}留样存放在未登记的冷藏设备（${sample.fridgeId}）中`,
        en: `the sample of ${label.en} is kept in an unregistered refrigerator (${sample.fridgeId})`
      }
      : {
        zh: `${label.zh}留样存放在非专用冷藏设备「${fridge.name}」中`,
        en: `the sample of ${label.en} is kept in “${fridge.name}”, which is not a dedicated sample refrigerator`
      }
  })
}

/**
 * A temperature breach of a fridge, as seen by one sample it held: the fridge-level breach (from
 * the first reading outside the range to the first reading back inside it) and the part of it the
 * sample was in the fridge for.
 *
 * @since 0.1.0
 * @category models
 */
export interface BreachView {
  readonly fridgeId: string
  readonly start: number
  /** the first reading back in range; `undefined` while the breach goes on */
  readonly end: number | undefined
  readonly peakCelsius: number
  readonly peakAt: number
  readonly lowestCelsius: number
  readonly highestCelsius: number
  readonly outOfRangeReadings: number
}

/**
 * A temperature breach while the fridge held a sample.
 *
 * @since 0.1.0
 * @category constructors
 */
export const breach = (
  sample: Sample,
  b: BreachView,
  heldFrom: number,
  heldTo: number,
  withinRequiredHold: boolean,
  policy: RetentionRules,
  zone: Zone,
  fridge?: Pick<Fridge, "name">
): Finding => {
  const label = dishLabel(sample)
  const where = fridgeText(b.fridgeId, fridge)
  const range = `${policy.temperature.minC}–${policy.temperature.maxC} °C`
  const from = localText(fromEpochMillis(b.start), zone)
  const until = b.end === undefined
    ? { zh: "，至今未恢复", en: "not back in range since" }
    : { zh: `，至 ${localText(fromEpochMillis(b.end), zone)} 恢复`, en: `until ${localText(fromEpochMillis(b.end), zone)}` }
  return F.make({
    rule: ruleIds.temperature,
    severity: withinRequiredHold ? severities.temperature : severities.temperatureAfterRequiredHold,
    subject: sampleSubject(sample),
    at: fromEpochMillis(heldFrom),
    period: true,
    evidence: {
      ...sampleContext(sample),
      breachStart: iso(b.start),
      breachEnd: b.end === undefined ? null : iso(b.end),
      ongoing: b.end === undefined,
      heldFrom: iso(heldFrom),
      heldTo: iso(heldTo),
      peakCelsius: b.peakCelsius,
      peakAt: iso(b.peakAt),
      lowestCelsius: b.lowestCelsius,
      highestCelsius: b.highestCelsius,
      outOfRangeReadings: b.outOfRangeReadings,
      minC: policy.temperature.minC,
      maxC: policy.temperature.maxC,
      withinRequiredHold
    },
    explanation: {
      zh: `${label.zh}留样所在${where.zh}自 ${from} 起超出 ${range}${until.zh}，峰值 ${b.peakCelsius} °C`,
      en: `${where.en} holding the sample of ${label.en} was outside ${range} from ${from} ${until.en}, peak ${b.peakCelsius} °C`
    }
  })
}

/**
 * A stretch of the time a fridge held a sample with no temperature reading for longer than the
 * pack allows.
 *
 * @since 0.1.0
 * @category constructors
 */
export const readingGap = (
  sample: Sample,
  gap: { readonly from: number; readonly to: number; readonly lastReadingAt: number | undefined; readonly nextReadingAt: number | undefined },
  withinRequiredHold: boolean,
  policy: RetentionRules,
  zone: Zone,
  fridge?: Pick<Fridge, "name">
): Finding => {
  const label = dishLabel(sample)
  const where = fridgeText(sample.fridgeId, fridge)
  const length = durationText(gap.to - gap.from)
  return F.make({
    rule: ruleIds.readingGap,
    severity: withinRequiredHold ? severities.readingGap : severities.readingGapAfterRequiredHold,
    subject: sampleSubject(sample),
    at: fromEpochMillis(gap.from),
    period: true,
    evidence: {
      ...sampleContext(sample),
      from: iso(gap.from),
      to: iso(gap.to),
      minutes: (gap.to - gap.from) / 60_000,
      maxHours: policy.readingGap.maxHours,
      lastReadingAt: gap.lastReadingAt === undefined ? null : iso(gap.lastReadingAt),
      nextReadingAt: gap.nextReadingAt === undefined ? null : iso(gap.nextReadingAt),
      withinRequiredHold
    },
    explanation: {
      zh: `${label.zh}留样所在${where.zh}自 ${localText(fromEpochMillis(gap.from), zone)} 起 ${length.zh}无温度记录（允许间隔 ${policy.readingGap.maxHours} 小时）`,
      en: `${where.en} holding the sample of ${label.en} has no temperature reading for ${length.en} from ${localText(fromEpochMillis(gap.from), zone)} (at most ${policy.readingGap.maxHours} h allowed)`
    }
  })
}
