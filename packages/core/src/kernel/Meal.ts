/**
 * Meals (餐次), as every module names them: the canteen plans, costs and serves them; food sample
 * retention checks that every dish of every meal served was sampled. One meal id, one set of meal
 * kinds and one shape of a served meal, so that what the canteen recorded is what retention
 * evaluates, without retyping.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import type { Messages } from "./Errors.ts"
import * as Id from "./Id.ts"
import { LocalDateSchema } from "./LocalDate.ts"
import { InstantSchema } from "./Time.ts"

/** @since 0.1.0 @category schemas */
export const MealId = Id.branded("MealId")
/** @since 0.1.0 @category models */
export type MealId = typeof MealId.Type
/** @since 0.1.0 @category schemas */
export const DishId = Id.branded("DishId")
/** @since 0.1.0 @category models */
export type DishId = typeof DishId.Type

/**
 * The meals of a day (餐次), in the order of the day: breakfast 早餐, morning snack 早点 (上午加餐),
 * lunch 午餐, afternoon snack 午点 (下午加餐), dinner 晚餐 and a late-night meal 夜宵 (boarding
 * schools), which is often served after midnight and still belongs to its service date.
 *
 * @since 0.1.0
 * @category schemas
 */
export const MealKind = Schema.Literals(["breakfast", "morningSnack", "lunch", "afternoonSnack", "dinner", "lateNight"])

/**
 * @since 0.1.0
 * @category models
 */
export type MealKind = typeof MealKind.Type

/**
 * The names of the meals in both languages.
 *
 * @since 0.1.0
 * @category constants
 */
export const mealKindLabels: { readonly [K in MealKind]: Messages } = {
  breakfast: { zh: "早餐", en: "breakfast" },
  morningSnack: { zh: "早点", en: "morning snack" },
  lunch: { zh: "午餐", en: "lunch" },
  afternoonSnack: { zh: "午点", en: "afternoon snack" },
  dinner: { zh: "晚餐", en: "dinner" },
  lateNight: { zh: "夜宵", en: "late-night meal" }
}

const Name = Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(200))

/**
 * A dish of a served meal: its id (the canteen's recipe id) and name.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ServedDish = Schema.Struct({ id: DishId, name: Name })

/**
 * @since 0.1.0
 * @category models
 */
export type ServedDish = typeof ServedDish.Type

/**
 * A meal as served: what the canteen recorded and food sample retention compares the samples with.
 * `serviceDate` is the local date the meal belongs to — a late-night meal served at 00:30 belongs
 * to the evening before. `servedAt` is when service began (a missing sample was due then).
 * `diners` is the number of people served (for canteens that must retain only above a number of
 * diners); `majorEvent` marks a meal for a major event (重大活动供餐), which always requires
 * samples.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ServedMeal = Schema.Struct({
  id: MealId,
  serviceDate: LocalDateSchema,
  meal: MealKind,
  servedAt: InstantSchema,
  dishes: Schema.Array(ServedDish),
  diners: Schema.optionalKey(Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))),
  majorEvent: Schema.optionalKey(Schema.Boolean)
})

/**
 * @since 0.1.0
 * @category models
 */
export type ServedMeal = typeof ServedMeal.Type
