/**
 * A canteen meal as served, in the kernel's `Meal.ServedMeal` shape: what food sample retention
 * checks the samples against, so that the meals the canteen recorded are the meals retention
 * evaluates — nobody types them again.
 *
 * - the dishes are the meal's recipes (a dish's id is the recipe id, its name the recipe's name):
 *   a sample names its meal by the canteen's meal id and its dish by the recipe id;
 * - `servedAt` is the meal's own (planned or recorded) when it has one, else the pack's
 *   `canteen.serviceTimes` for its kind on its date, in the school's zone;
 * - `diners` are those counted once the meal is served, else those planned (none: unknown).
 *
 * @since 0.1.0
 */
import type { LocalDate } from "../kernel/LocalDate.ts"
import type { MealKind, ServedMeal } from "../kernel/Meal.ts"
import type { Zone } from "../kernel/Time.ts"
import * as T from "../kernel/Time.ts"
import type { Meal } from "./model.ts"
import type { CanteenRules } from "./rules.ts"

/**
 * When a meal of a kind is served on a date by the pack's timetable.
 *
 * @since 0.1.0
 * @category calculations
 */
export const serviceStart = (date: LocalDate, kind: MealKind, rules: Pick<CanteenRules, "serviceTimes">, zone: Zone): T.Instant => {
  const [hour, minute] = rules.serviceTimes[kind].split(":").map(Number) as [number, number]
  return T.atLocal(date, { hour, minute }, zone)
}

/**
 * A canteen meal as served (see the module's description).
 *
 * @since 0.1.0
 * @category conversions
 */
export const servedMeal = (
  meal: Meal,
  recipeName: (recipeId: string) => string,
  rules: Pick<CanteenRules, "serviceTimes">,
  zone: Zone
): ServedMeal => {
  const counted = meal.status === "served" ? meal.diners : meal.plannedDiners
  return {
    id: meal.id,
    serviceDate: meal.date,
    meal: meal.kind,
    servedAt: meal.servedAt ?? serviceStart(meal.date, meal.kind, rules, zone),
    dishes: meal.dishes.map((d) => ({ id: d.recipeId as string as ServedMeal["dishes"][number]["id"], name: recipeName(d.recipeId) })),
    ...(counted.length === 0 ? {} : { diners: counted.reduce((a, g) => a + g.count, 0) })
  }
}
