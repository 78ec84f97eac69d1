/**
 * The food sample retention model (留样): refrigerators, samples with their disposal, temperature
 * readings, and the served meals a compliance check compares the samples with.
 *
 * - A **fridge** (留样柜) is a sample refrigerator of the school.
 * - A **sample** (留样) is the portion of one dish of one meal kept for inspection: its dish, grams,
 *   the instant it was taken, the taker (留样人) and the reviewer (审核人), the fridge it is kept in
 *   and, once it is thrown away, its **disposal** (time and person). The disposal is part of the
 *   sample, not an aggregate of its own: a sample is disposed of at most once, the retention
 *   register (留样记录表) prints both on one line, and the sample's version guards against two people
 *   disposing of it at once.
 * - A **hold** (封存) keeps a sample past its normal disposal when food poisoning or an outbreak is
 *   suspected (发生疑似食物中毒时封存留样): who ordered it, why, and — once the authority has decided —
 *   its release (handed over to the health or market regulator, disposed of, or lifted). Like the
 *   disposal it is part of the sample, an optional key: a held sample is never scheduled for
 *   disposal and cannot be disposed of until the hold is released.
 * - A **reading** is one storage temperature of one fridge at one instant (manual or from a logger).
 * - A **served meal** (餐次, the kernel's `Meal.ServedMeal`) is what the check needs from the
 *   canteen: its service date (the local date the meal belongs to, even when it is served after
 *   midnight), when it was served, its dishes and its diners. Retention does not store meals: it
 *   reads those the canteen recorded (`Canteen.Queries.servedMeals`), or callers pass them in.
 *   A sample names its meal by the canteen's meal id and its dish by the recipe id.
 *
 * Fields of the register that a school may leave empty on the day (the reviewer signs later, a
 * weight is forgotten) are optional here; whether they are required is the rule pack's
 * `recordFields`, and a missing one is a finding, not a refused record.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import * as Decimal from "../kernel/Decimal.ts"
import * as Id from "../kernel/Id.ts"
import { LocalDateSchema } from "../kernel/LocalDate.ts"
import { SchoolId, StaffId } from "../kernel/People.ts"
import type { Instant } from "../kernel/Time.ts"
import { InstantSchema } from "../kernel/Time.ts"
import { DishId, MealId, MealKind } from "../kernel/Meal.ts"

// the meals are the kernel's, shared with the canteen
export { DishId, MealId, MealKind, mealKindLabels, ServedDish, ServedMeal } from "../kernel/Meal.ts"

/** @since 0.1.0 @category schemas */
export const FridgeId = Id.branded("FridgeId")
/** @since 0.1.0 @category models */
export type FridgeId = typeof FridgeId.Type
/** @since 0.1.0 @category schemas */
export const SampleId = Id.branded("SampleId")
/** @since 0.1.0 @category models */
export type SampleId = typeof SampleId.Type
/** @since 0.1.0 @category schemas */
export const ReadingId = Id.branded("ReadingId")
/** @since 0.1.0 @category models */
export type ReadingId = typeof ReadingId.Type

const Name = Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(200))
const Note = Schema.String.check(Schema.isMaxLength(1000))

/**
 * A storage temperature in degrees Celsius. Readings outside −100…100 °C are refused as typing
 * or logger errors: no refrigerator reaches them.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Celsius = Schema.Finite.check(
  Schema.isBetween({ minimum: -100, maximum: 100 }, { expected: "a temperature between −100 and 100 °C", zh: "−100 至 100 °C 之间的温度" })
)

/**
 * A sample refrigerator (留样柜). `dedicated` says it holds retained samples only (专用);
 * a fridge that is no longer used is kept with `active: false` so that old samples still name it.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Fridge = Schema.Struct({
  schoolId: SchoolId,
  id: FridgeId,
  version: Schema.Int,
  name: Name,
  location: Schema.optionalKey(Name),
  dedicated: Schema.Boolean,
  active: Schema.Boolean
})

/**
 * @since 0.1.0
 * @category models
 */
export type Fridge = typeof Fridge.Type

/**
 * The disposal of a sample (销毁): when and by whom, with an optional witness and note.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Disposal = Schema.Struct({
  at: InstantSchema,
  by: StaffId,
  witnessId: Schema.optionalKey(StaffId),
  note: Schema.optionalKey(Note)
})

/**
 * @since 0.1.0
 * @category models
 */
export type Disposal = typeof Disposal.Type

/**
 * How a hold ends: the samples are handed over to the authority (`handedOver`: they leave the
 * school's fridge), disposed of after its decision (`disposed`: the sample's disposal is recorded
 * with the release), or the hold is lifted and the samples return to the normal schedule (`lifted`).
 *
 * @since 0.1.0
 * @category schemas
 */
export const HoldOutcome = Schema.Literals(["handedOver", "disposed", "lifted"])

/**
 * @since 0.1.0
 * @category models
 */
export type HoldOutcome = typeof HoldOutcome.Type

/**
 * The release of a hold (解除封存): when, recorded by whom, the outcome, to whom the samples were
 * handed over (required for `handedOver`) and the authority's decision (a note or its reference).
 *
 * @since 0.1.0
 * @category schemas
 */
export const HoldRelease = Schema.Struct({
  at: InstantSchema,
  by: StaffId,
  outcome: HoldOutcome,
  to: Schema.optionalKey(Name),
  decision: Schema.optionalKey(Note)
})

/**
 * @since 0.1.0
 * @category models
 */
export type HoldRelease = typeof HoldRelease.Type

/**
 * A hold (封存) on a sample: from when, recorded by whom (`by`, a staff member), who ordered it
 * (`orderedBy`: the school's head, the health or market regulator — a name, since an authority is
 * not staff), why, an optional reference (a case or document number), and its release once decided.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Hold = Schema.Struct({
  at: InstantSchema,
  by: StaffId,
  orderedBy: Name,
  reason: Note.check(Schema.isMinLength(1)),
  reference: Schema.optionalKey(Name),
  release: Schema.optionalKey(HoldRelease)
})

/**
 * @since 0.1.0
 * @category models
 */
export type Hold = typeof Hold.Type

/**
 * Whether a sample is on hold at an instant: a hold placed by then and not released by then.
 *
 * @since 0.1.0
 * @category predicates
 */
export const isHeldAt = (sample: { readonly hold?: Hold | undefined }, atMillis: number): boolean =>
  sample.hold !== undefined && sample.hold.at.epochMilliseconds <= atMillis &&
  (sample.hold.release === undefined || sample.hold.release.at.epochMilliseconds > atMillis)

/**
 * When a sample left the school's fridge, if it has: its disposal, or the release of its hold when
 * it was handed over to the authority.
 *
 * @since 0.1.0
 * @category getters
 */
export const removedAt = (sample: { readonly disposal?: Disposal | undefined; readonly hold?: Hold | undefined }): Instant | undefined =>
  sample.disposal?.at ??
    (sample.hold?.release?.outcome === "handedOver" ? sample.hold.release.at : undefined)

/**
 * The fields of a sample as a taker records it (the input of `recordSamples`).
 *
 * @since 0.1.0
 * @category schemas
 */
export const sampleFields = {
  mealId: MealId,
  serviceDate: LocalDateSchema,
  meal: MealKind,
  dishId: DishId,
  dishName: Schema.optionalKey(Name),
  grams: Schema.optionalKey(Decimal.PositiveDecimal),
  takenAt: InstantSchema,
  takerId: Schema.optionalKey(StaffId),
  reviewerId: Schema.optionalKey(StaffId),
  fridgeId: FridgeId,
  containerLabel: Schema.optionalKey(Name)
} as const

/**
 * A retained sample (留样): one dish of one meal, with its weight in grams (an exact decimal), the
 * instant it was taken (to the minute at least), taker and reviewer, fridge and container label,
 * and its disposal once it is thrown away.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Sample = Schema.Struct({
  schoolId: SchoolId,
  id: SampleId,
  version: Schema.Int,
  ...sampleFields,
  disposal: Schema.optionalKey(Disposal),
  hold: Schema.optionalKey(Hold)
})

/**
 * @since 0.1.0
 * @category models
 */
export type Sample = typeof Sample.Type

/**
 * One storage temperature of one fridge.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Reading = Schema.Struct({
  schoolId: SchoolId,
  id: ReadingId,
  version: Schema.Int,
  fridgeId: FridgeId,
  at: InstantSchema,
  celsius: Celsius,
  recordedBy: Schema.optionalKey(StaffId)
})

/**
 * @since 0.1.0
 * @category models
 */
export type Reading = typeof Reading.Type

/**
 * What the compliance check needs of a reading: a stored {@link Reading}, or a row streamed from
 * a logger.
 *
 * @since 0.1.0
 * @category models
 */
export interface ReadingLike {
  readonly fridgeId: string
  readonly at: { readonly epochMilliseconds: number }
  readonly celsius: number
}
