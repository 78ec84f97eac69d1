/**
 * fast-check arbitraries of the retention module: rule-pack sections (and stricter ones), and
 * whole sample logs of a few days — fridges, served meals (a late-night meal served after
 * midnight included), samples with their disposals, and temperature readings with excursions and
 * gaps — in zones with and without daylight saving. Every value is accepted by its schema (a test
 * decodes them to prove it).
 *
 * @since 0.1.0
 */
import { BigDecimal } from "effect"
import * as fc from "fast-check"
import type { LocalDate } from "../kernel/LocalDate.ts"
import * as LD from "../kernel/LocalDate.ts"
import type { Instant, Zone } from "../kernel/Time.ts"
import { atLocal, fromEpochMillis } from "../kernel/Time.ts"
import type { Fridge, MealKind, Reading, Sample, ServedMeal } from "../retention/model.ts"
import type { Establishment, RecordField, RetentionRules } from "../retention/rules.ts"
import { Establishment as EstablishmentSchema, RecordField as RecordFieldSchema } from "../retention/rules.ts"

/**
 * Zones the logs are set in: China (no daylight saving) and two zones that have it.
 *
 * @since 0.1.0
 * @category constants
 */
export const zones: ReadonlyArray<Zone> = ["Asia/Shanghai", "Europe/Berlin", "America/New_York"] as unknown as ReadonlyArray<Zone>

const establishments = EstablishmentSchema.literals as ReadonlyArray<Establishment>
const recordFields = RecordFieldSchema.literals as ReadonlyArray<RecordField>

/**
 * A retention section with numbers around the national ones.
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const policy: fc.Arbitrary<RetentionRules> = fc.record({
  establishments: fc.subarray([...establishments]),
  aboveDiners: fc.integer({ min: 0, max: 300 }),
  majorEvents: fc.boolean(),
  minGrams: fc.integer({ min: 50, max: 200 }),
  minHours: fc.integer({ min: 12, max: 96 }),
  minC: fc.integer({ min: -2, max: 3 }),
  maxC: fc.integer({ min: 5, max: 10 }),
  recordFields: fc.subarray([...recordFields]),
  reviewerNotTaker: fc.boolean(),
  dedicatedFridge: fc.boolean(),
  maxGapHours: fc.integer({ min: 1, max: 36 })
}).map((p) => ({
  requiredFor: { establishments: p.establishments, aboveDiners: p.aboveDiners, majorEvents: p.majorEvents },
  minGrams: p.minGrams,
  minHours: p.minHours,
  temperature: { minC: p.minC, maxC: p.maxC },
  recordFields: p.recordFields,
  reviewerNotTaker: p.reviewerNotTaker,
  dedicatedFridge: p.dedicatedFridge,
  readingGap: { maxHours: p.maxGapHours }
}))

/**
 * A section at least as strict as `base` on every legal minimum: more grams and hours, a range
 * inside the base's, a shorter reading interval, more required fields and establishments, a lower
 * diner threshold, and requirements switched on.
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const stricterThan = (base: RetentionRules): fc.Arbitrary<RetentionRules> =>
  fc.record({
    moreGrams: fc.integer({ min: 0, max: 50 }),
    moreHours: fc.integer({ min: 0, max: 48 }),
    narrowLow: fc.integer({ min: 0, max: 10 }),
    narrowHigh: fc.integer({ min: 0, max: 10 }),
    fewerDiners: fc.integer({ min: 0, max: base.requiredFor.aboveDiners }),
    moreEstablishments: fc.subarray([...establishments]),
    moreFields: fc.subarray([...recordFields]),
    reviewerNotTaker: fc.boolean(),
    dedicatedFridge: fc.boolean(),
    majorEvents: fc.boolean(),
    shorterGap: fc.integer({ min: 0, max: Math.max(0, base.readingGap.maxHours * 2 - 1) })
  }).map((s) => {
    // narrow the range by tenths of a degree while keeping minC < maxC
    const width = base.temperature.maxC - base.temperature.minC
    const low = Math.min(s.narrowLow / 10, width / 3)
    const high = Math.min(s.narrowHigh / 10, width / 3)
    return {
      requiredFor: {
        establishments: [...new Set([...base.requiredFor.establishments, ...s.moreEstablishments])],
        aboveDiners: base.requiredFor.aboveDiners - s.fewerDiners,
        majorEvents: base.requiredFor.majorEvents || s.majorEvents
      },
      minGrams: base.minGrams + s.moreGrams,
      minHours: base.minHours + s.moreHours,
      temperature: { minC: base.temperature.minC + low, maxC: base.temperature.maxC - high },
      recordFields: [...new Set([...base.recordFields, ...s.moreFields])],
      reviewerNotTaker: base.reviewerNotTaker || s.reviewerNotTaker,
      dedicatedFridge: base.dedicatedFridge || s.dedicatedFridge,
      readingGap: { maxHours: base.readingGap.maxHours - s.shorterGap / 2 }
    }
  })

/**
 * A few days of one school's retention records.
 *
 * @since 0.1.0
 * @category models
 */
export interface RetentionLog {
  readonly schoolId: string
  readonly zone: Zone
  readonly establishment: Establishment
  readonly asOf: Instant
  readonly period: { readonly from: LocalDate; readonly to: LocalDate }
  readonly fridges: ReadonlyArray<Fridge>
  readonly meals: ReadonlyArray<ServedMeal>
  readonly samples: ReadonlyArray<Sample>
  readonly readings: ReadonlyArray<Reading>
}

const serviceTimes: { readonly [K in MealKind]: { readonly dayOffset: number; readonly hour: number; readonly minute: number } } = {
  breakfast: { dayOffset: 0, hour: 7, minute: 0 },
  morningSnack: { dayOffset: 0, hour: 9, minute: 30 },
  lunch: { dayOffset: 0, hour: 11, minute: 30 },
  afternoonSnack: { dayOffset: 0, hour: 15, minute: 0 },
  dinner: { dayOffset: 0, hour: 17, minute: 30 },
  // served after midnight, still on its service date
  lateNight: { dayOffset: 1, hour: 0, minute: 20 }
}

const mealKinds: ReadonlyArray<MealKind> = ["breakfast", "lunch", "dinner", "lateNight"]

// days around the 2026 daylight-saving changes (Europe 29 March and 25 October, USA 8 March and
// 1 November) and ordinary days
const startDates: ReadonlyArray<LocalDate> = ["2026-03-06", "2026-03-27", "2026-03-28", "2026-05-11", "2026-10-23", "2026-10-31", "2026-11-30"] as unknown as ReadonlyArray<LocalDate>

const MINUTE = 60_000

interface DishPlan {
  readonly sampled: boolean
  readonly gramsTenths: number
  readonly delay: number
  readonly taker: number
  readonly reviewer: number
  readonly fridge: number
  readonly named: boolean
  readonly weighed: boolean
  readonly labelled: boolean
  readonly disposeAfter: number | null
}

interface MealPlan {
  readonly kind: MealKind
  readonly diners: number | null
  readonly majorEvent: boolean
  readonly dishes: ReadonlyArray<DishPlan>
}

interface ReadingPlan {
  readonly step: number
  readonly tenths: number
}

const dishPlan = (compliant: RetentionRules | undefined): fc.Arbitrary<DishPlan> =>
  dishFields(compliant).map((d) =>
    // in a compliant log the reviewer is another of the three staff: `reviewer` is an offset
    compliant === undefined ? d : { ...d, reviewer: ((d.taker - 1 + d.reviewer) % 3) + 1 }
  )

const dishFields = (compliant: RetentionRules | undefined): fc.Arbitrary<DishPlan> =>
  fc.record({
    sampled: compliant === undefined ? fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }) : fc.constant(true),
    gramsTenths: compliant === undefined ? fc.integer({ min: 900, max: 1700 }) : fc.integer({ min: compliant.minGrams * 10, max: compliant.minGrams * 10 + 500 }),
    delay: fc.integer({ min: 0, max: 40 }),
    taker: fc.integer({ min: 1, max: 3 }),
    reviewer: compliant === undefined ? fc.integer({ min: 0, max: 3 }) : fc.integer({ min: 1, max: 2 }),
    fridge: fc.nat(),
    named: compliant === undefined ? fc.oneof({ weight: 19, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }) : fc.constant(true),
    weighed: compliant === undefined ? fc.oneof({ weight: 19, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }) : fc.constant(true),
    labelled: compliant === undefined ? fc.boolean() : fc.constant(true),
    disposeAfter: compliant === undefined
      ? fc.option(fc.integer({ min: 0, max: 100 * 60 }), { freq: 3 })
      : fc.option(fc.integer({ min: Math.ceil(compliant.minHours * 60), max: Math.ceil(compliant.minHours * 60) + 48 * 60 }), { freq: 3 })
  })

const mealPlans = (compliant: RetentionRules | undefined): fc.Arbitrary<ReadonlyArray<MealPlan>> =>
  fc.subarray([...mealKinds], { minLength: 1 }).chain((kinds) =>
    fc.tuple(...kinds.map((kind) =>
      fc.record({
        kind: fc.constant(kind),
        diners: fc.option(fc.integer({ min: 20, max: 400 }), { freq: 4 }),
        majorEvent: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
        dishes: fc.array(dishPlan(compliant), { minLength: 1, maxLength: 3 })
      })
    ))
  )

const readingPlans = (compliant: RetentionRules | undefined): fc.Arbitrary<ReadonlyArray<ReadingPlan>> => {
  if (compliant !== undefined) {
    const { minC, maxC } = compliant.temperature
    const step = Math.max(1, Math.min(60, Math.floor(compliant.readingGap.maxHours * 60)))
    return fc.array(
      fc.record({ step: fc.integer({ min: Math.ceil(step / 2), max: step }), tenths: fc.integer({ min: Math.ceil(minC * 10), max: Math.floor(maxC * 10) }) }),
      { minLength: 300, maxLength: 300 }
    )
  }
  return fc.array(
    fc.record({
      step: fc.oneof(
        { weight: 12, arbitrary: fc.integer({ min: 10, max: 90 }) },
        { weight: 1, arbitrary: fc.integer({ min: 90, max: 40 * 60 }) },
        { weight: 1, arbitrary: fc.constant(0) }
      ),
      tenths: fc.oneof(
        { weight: 10, arbitrary: fc.integer({ min: 20, max: 70 }) },
        { weight: 1, arbitrary: fc.integer({ min: -40, max: 140 }) },
        { weight: 1, arbitrary: fc.constantFrom(0, 80, 81, -1, 50, 60, 20) }
      )
    }),
    { minLength: 20, maxLength: 160 }
  )
}

const build = (
  plan: {
    readonly zone: Zone
    readonly start: LocalDate
    readonly days: ReadonlyArray<ReadonlyArray<MealPlan>>
    readonly fridges: ReadonlyArray<{ readonly dedicated: boolean; readonly readings: ReadonlyArray<ReadingPlan> }>
    readonly establishment: Establishment
    readonly asOfHours: number
  },
  schoolId: string
): RetentionLog => {
  const { zone, start } = plan
  const fridges: Array<Fridge> = plan.fridges.map((f, i) => ({
    schoolId,
    id: `fridge-${i + 1}`,
    version: 1,
    name: `留样柜 ${i + 1}`,
    dedicated: f.dedicated,
    active: true
  }) as Fridge)
  const meals: Array<ServedMeal> = []
  const samples: Array<Sample> = []
  plan.days.forEach((day, d) => {
    const date = LD.addDays(start, d)
    for (const m of day) {
      const t = serviceTimes[m.kind]
      const servedAt = atLocal(LD.addDays(date, t.dayOffset), { hour: t.hour, minute: t.minute }, zone)
      const mealId = `meal-${date}-${m.kind}`
      meals.push({
        id: mealId,
        serviceDate: date,
        meal: m.kind,
        servedAt,
        dishes: m.dishes.map((_, k) => ({ id: `dish-${m.kind}-${k + 1}`, name: `菜品${k + 1}` })),
        ...(m.diners === null ? {} : { diners: m.diners }),
        ...(m.majorEvent ? { majorEvent: true } : {})
      } as unknown as ServedMeal)
      m.dishes.forEach((dish, k) => {
        if (!dish.sampled) return
        const takenAt = fromEpochMillis(servedAt.epochMilliseconds + dish.delay * MINUTE)
        const base = {
          schoolId,
          id: `sample-${date}-${m.kind}-${k + 1}`,
          version: 1,
          mealId,
          serviceDate: date,
          meal: m.kind,
          dishId: `dish-${m.kind}-${k + 1}`,
          takenAt,
          takerId: `staff-${dish.taker}`,
          fridgeId: fridges[dish.fridge % fridges.length]!.id,
          ...(dish.named ? { dishName: `菜品${k + 1}` } : {}),
          ...(dish.weighed ? { grams: BigDecimal.make(BigInt(dish.gramsTenths), 1) } : {}),
          ...(dish.reviewer === 0 ? {} : { reviewerId: `staff-${dish.reviewer}` }),
          ...(dish.labelled ? { containerLabel: `${date} ${m.kind} ${k + 1}` } : {}),
          ...(dish.disposeAfter === null
            ? {}
            : { disposal: { at: fromEpochMillis(takenAt.epochMilliseconds + dish.disposeAfter * MINUTE), by: "staff-9" } })
        }
        samples.push(base as unknown as Sample)
      })
    }
  })
  const first = atLocal(start, { hour: 0, minute: 0 }, zone).epochMilliseconds - 2 * 60 * MINUTE
  const readings: Array<Reading> = []
  plan.fridges.forEach((f, i) => {
    let t = first
    f.readings.forEach((r, j) => {
      t += r.step * MINUTE
      readings.push({ schoolId, id: `reading-${i + 1}-${j + 1}`, version: 1, fridgeId: fridges[i]!.id, at: fromEpochMillis(t), celsius: r.tenths / 10 } as Reading)
    })
  })
  const end = atLocal(LD.addDays(start, plan.days.length), { hour: 2, minute: 0 }, zone).epochMilliseconds
  return {
    schoolId,
    zone,
    establishment: plan.establishment,
    asOf: fromEpochMillis(end + plan.asOfHours * 60 * MINUTE),
    period: { from: start, to: LD.addDays(start, plan.days.length - 1) },
    fridges,
    meals,
    samples,
    readings
  }
}

/**
 * A few days of records of one school, with every kind of problem the check looks for: dishes
 * without samples, light samples, early disposals, empty fields, self-reviews, fridges that are not
 * dedicated, excursions (single readings and long ones), gaps, and readings of one instant.
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const log = (schoolId = "school-log"): fc.Arbitrary<RetentionLog> =>
  fc.record({
    zone: fc.constantFrom(...zones),
    start: fc.constantFrom(...startDates),
    days: fc.array(mealPlans(undefined), { minLength: 1, maxLength: 2 }),
    fridges: fc.array(
      fc.record({
        dedicated: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
        readings: readingPlans(undefined)
      }),
      { minLength: 1, maxLength: 2 }
    ),
    establishment: fc.constantFrom(...establishments),
    asOfHours: fc.integer({ min: 0, max: 120 })
  }).map((plan) => build(plan, schoolId))

/**
 * A few days of records built to satisfy `rules`: every dish sampled with enough grams, every
 * field filled, another reviewer, dedicated fridges read in range at least as often as required
 * from before the first sample to the end, and no disposal before its time.
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const compliantLog = (rules: RetentionRules, schoolId = "school-ok"): fc.Arbitrary<RetentionLog> =>
  fc.record({
    zone: fc.constantFrom(...zones),
    start: fc.constantFrom(...startDates),
    days: fc.array(mealPlans(rules), { minLength: 1, maxLength: 2 }),
    fridges: fc.array(fc.record({ dedicated: fc.constant(true), readings: readingPlans(rules) }), { minLength: 1, maxLength: 2 }),
    establishment: fc.constantFrom(...establishments),
    asOfHours: fc.integer({ min: 0, max: 72 })
  }).map((plan) => {
    const built = build(plan, schoolId)
    // the readings must reach the end of every hold: trim the evaluation to the last reading
    const lastReading = Math.min(...built.fridges.map((f) =>
      Math.max(...built.readings.filter((r) => r.fridgeId === f.id).map((r) => r.at.epochMilliseconds))
    ))
    return { ...built, asOf: fromEpochMillis(Math.min(built.asOf.epochMilliseconds, lastReading)) }
  })
