/**
 * Every dish of every served meal that must be sampled has a sample (`retention.requiredFor`).
 *
 * @since 0.1.0
 */
import type { Finding } from "../kernel/Finding.ts"
import type { Zone } from "../kernel/Time.ts"
import * as Findings from "./findings.ts"
import type { Sample, ServedDish, ServedMeal } from "./model.ts"
import { mustRetain } from "./mustRetain.ts"
import type { Establishment, RetentionRules } from "./rules.ts"

/**
 * The sampled dishes of each meal: meal id → dish ids.
 *
 * @since 0.1.0
 * @category constructors
 */
export const sampledDishes = (samples: Iterable<Pick<Sample, "mealId" | "dishId">>): Map<string, Set<string>> => {
  const out = new Map<string, Set<string>>()
  for (const s of samples) {
    let dishes = out.get(s.mealId)
    if (dishes === undefined) {
      dishes = new Set()
      out.set(s.mealId, dishes)
    }
    dishes.add(s.dishId)
  }
  return out
}

/**
 * The dishes of a meal that have no sample, in the meal's order.
 *
 * @since 0.1.0
 * @category checks
 */
export const unsampledDishes = (meal: ServedMeal, sampled: ReadonlyMap<string, ReadonlySet<string>>): Array<ServedDish> => {
  const have = sampled.get(meal.id)
  const seen = new Set<string>()
  const missing: Array<ServedDish> = []
  for (const d of meal.dishes) {
    if (seen.has(d.id)) continue
    seen.add(d.id)
    if (have === undefined || !have.has(d.id)) missing.push(d)
  }
  return missing
}

/**
 * The dishes of a meal with no sample (in the meal's order), or none when the meal need not be
 * sampled.
 *
 * @since 0.1.0
 * @category checks
 */
export const missingDishes = (
  policy: RetentionRules,
  establishment: Establishment,
  meal: ServedMeal,
  sampled: ReadonlyMap<string, ReadonlySet<string>>
): Array<ServedDish> => (mustRetain(policy, establishment, meal) ? unsampledDishes(meal, sampled) : [])

/**
 * The finding of a meal with dishes that have no sample, if any.
 *
 * @since 0.1.0
 * @category checks
 */
export const checkMeal = (
  policy: RetentionRules,
  establishment: Establishment,
  meal: ServedMeal,
  sampled: ReadonlyMap<string, ReadonlySet<string>>,
  zone: Zone
): Finding | undefined => {
  const missing = missingDishes(policy, establishment, meal, sampled)
  return missing.length === 0 ? undefined : Findings.missingSamples(meal, missing, zone)
}
