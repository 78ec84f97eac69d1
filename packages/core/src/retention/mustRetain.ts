/**
 * Who must keep samples of a meal: establishments the rule pack names always; any other when the
 * meal served more diners than the pack's threshold (or an unknown number: an exemption must be
 * shown, not assumed); every establishment for a major event when the pack says so.
 *
 * @since 0.1.0
 */
import type { ServedMeal } from "./model.ts"
import type { Establishment, RetentionRules } from "./rules.ts"

/**
 * Whether samples of this meal must be kept.
 *
 * @since 0.1.0
 * @category predicates
 */
export const mustRetain = (
  policy: RetentionRules,
  establishment: Establishment,
  meal: Pick<ServedMeal, "diners" | "majorEvent">
): boolean =>
  policy.requiredFor.establishments.includes(establishment) ||
  (policy.requiredFor.majorEvents && meal.majorEvent === true) ||
  meal.diners === undefined ||
  meal.diners > policy.requiredFor.aboveDiners
