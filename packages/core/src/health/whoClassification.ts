/**
 * WHO's nutritional classifications from z-scores, with the cut-offs of the rule pack (WHO's by
 * default). As WHO does in its prevalence estimates, the rounded z is compared (`z < −2`, strictly)
 * and a flagged (implausible) z is not classified.
 *
 * - 5–19 years (de Onis et al. 2007): BMI-for-age below −3 severe thinness, below −2 thinness,
 *   above +1 overweight, above +2 obesity; height-for-age below −2 stunting (below −3 severe).
 * - 0–5 years: length/height-for-age below −2 stunting; weight-for-age below −2 underweight;
 *   weight-for-length/height below −2 wasting, above +2 overweight, above +3 obesity (severe below
 *   −3 throughout).
 *
 * @since 0.1.0
 */
import type { GrowthRules } from "./rules.ts"
import type { NotScored, ZScore } from "./zscore.ts"
import { isScored } from "./zscore.ts"

/**
 * A WHO weight status (BMI-for-age, 5–19 years; weight-for-length/height, 0–5 years).
 *
 * @since 0.1.0
 * @category models
 */
export type WeightStatus = "severeThinness" | "thinness" | "normal" | "overweight" | "obesity"

/**
 * A WHO weight status by weight-for-length/height, 0–5 years.
 *
 * @since 0.1.0
 * @category models
 */
export type WeightStatusUnder5 = "severeWasting" | "wasting" | "normal" | "overweight" | "obesity"

/**
 * Below −3, below −2, or neither.
 *
 * @since 0.1.0
 * @category models
 */
export type Deficit = "severe" | "moderate" | "none"

/**
 * Why a z-score could not be classified: it was not scored, or it is flagged as implausible.
 *
 * @since 0.1.0
 * @category models
 */
export type Unclassified = "notScored" | "implausible"

const usable = (score: ZScore | NotScored | undefined): ZScore | Unclassified =>
  score === undefined || !isScored(score) ? "notScored" : score.flagged ? "implausible" : score

const deficit = (z: number, moderate: number, severe: number): Deficit => (z < severe ? "severe" : z < moderate ? "moderate" : "none")

/**
 * BMI-for-age weight status, 5–19 years.
 *
 * @since 0.1.0
 * @category calculations
 */
export const weightStatus5to19 = (bmiForAge: ZScore | NotScored | undefined, rules: GrowthRules): WeightStatus | Unclassified => {
  const s = usable(bmiForAge)
  if (typeof s === "string") return s
  const c = rules.from5to19
  return s.z < c.severeThinness ? "severeThinness" : s.z < c.thinness ? "thinness" : s.z > c.obesity ? "obesity" : s.z > c.overweight ? "overweight" : "normal"
}

/**
 * Stunting by height-for-age, 5–19 years.
 *
 * @since 0.1.0
 * @category calculations
 */
export const stunting5to19 = (heightForAge: ZScore | NotScored | undefined, rules: GrowthRules): Deficit | Unclassified => {
  const s = usable(heightForAge)
  return typeof s === "string" ? s : deficit(s.z, rules.from5to19.stunting, rules.from5to19.severeStunting)
}

/**
 * Weight status by weight-for-length/height, 0–5 years (wasting below −2, overweight above +2,
 * obesity above +3).
 *
 * @since 0.1.0
 * @category calculations
 */
export const weightStatusUnder5 = (weightForLengthHeight: ZScore | NotScored | undefined, rules: GrowthRules): WeightStatusUnder5 | Unclassified => {
  const s = usable(weightForLengthHeight)
  if (typeof s === "string") return s
  const c = rules.under5
  return s.z < c.severeWasting ? "severeWasting" : s.z < c.wasting ? "wasting" : s.z > c.obesity ? "obesity" : s.z > c.overweight ? "overweight" : "normal"
}

/**
 * Stunting by length/height-for-age, 0–5 years.
 *
 * @since 0.1.0
 * @category calculations
 */
export const stuntingUnder5 = (lengthHeightForAge: ZScore | NotScored | undefined, rules: GrowthRules): Deficit | Unclassified => {
  const s = usable(lengthHeightForAge)
  return typeof s === "string" ? s : deficit(s.z, rules.under5.stunting, rules.under5.severeStunting)
}

/**
 * Underweight by weight-for-age, 0–5 years.
 *
 * @since 0.1.0
 * @category calculations
 */
export const underweightUnder5 = (weightForAge: ZScore | NotScored | undefined, rules: GrowthRules): Deficit | Unclassified => {
  const s = usable(weightForAge)
  return typeof s === "string" ? s : deficit(s.z, rules.under5.underweight, rules.under5.severeUnderweight)
}
