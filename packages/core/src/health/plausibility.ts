/**
 * Checks that a measurement is a positive, finite number in the expected unit before it is scored.
 *
 * WHO's packages score any positive value and flag implausible z-scores afterwards. Houqin does the
 * same for values that are merely extreme, but refuses values that can only be a unit mistake —
 * a height of 1.42 (metres), a weight of 18000 (grams) — with a typed error that says so, instead
 * of returning a z-score of −50 with a flag that a busy nurse may not read. The bounds below are
 * far outside human growth in either unit, so no real child is refused.
 *
 * @since 0.1.0
 */
import { Result } from "effect"
import type { Path } from "../kernel/Errors.ts"
import { InvalidMeasurementError } from "./errors.ts"

/**
 * What a value measures, which decides its unit checks: a length or height (cm), a weight (kg),
 * a circumference (cm), a skinfold (mm) or a BMI (kg/m²).
 *
 * @since 0.1.0
 * @category models
 */
export type MeasurementKind = "lengthHeight" | "weight" | "circumference" | "skinfold" | "bmi"

/**
 * Below this many centimetres a length, height or circumference can only be metres: the shortest
 * newborn length in the WHO standards' −6 SD range is about 38 cm, the smallest head about 25 cm,
 * while 3 metres exceeds any person.
 *
 * @since 0.1.0
 * @category constants
 */
export const metresBelowCm = 3

/**
 * Above this many centimetres a length or height can only be millimetres (the tallest person
 * measured was 272 cm).
 *
 * @since 0.1.0
 * @category constants
 */
export const heightMillimetresAboveCm = 300

/**
 * Above this many centimetres a head or arm circumference can only be millimetres (an adult
 * head measures about 57 cm).
 *
 * @since 0.1.0
 * @category constants
 */
export const circumferenceMillimetresAboveCm = 100

/**
 * From this many kilograms a weight can only be grams: no child weighs 500 kg, and a weight
 * typed in grams is 2,000 g or more from birth.
 *
 * @since 0.1.0
 * @category constants
 */
export const gramsFromKg = 500

/**
 * The problem with a measurement, or `undefined` when it can be scored. Allocation-free, for the
 * batch API.
 *
 * @since 0.1.0
 * @category predicates
 */
export const problemOf = (kind: MeasurementKind, value: number): InvalidMeasurementError["problem"] | undefined => {
  if (!Number.isFinite(value)) return "notFinite"
  if (value <= 0) return "notPositive"
  switch (kind) {
    case "lengthHeight":
      return value < metresBelowCm ? "likelyMetres" : value > heightMillimetresAboveCm ? "likelyMillimetres" : undefined
    case "circumference":
      return value < metresBelowCm ? "likelyMetres" : value > circumferenceMillimetresAboveCm ? "likelyMillimetres" : undefined
    case "weight":
      return value >= gramsFromKg ? "likelyGrams" : undefined
    case "skinfold":
    case "bmi":
      return undefined
  }
}

/**
 * The measurement, or an {@link InvalidMeasurementError} with its path.
 *
 * @since 0.1.0
 * @category constructors
 */
export const check = (kind: MeasurementKind, value: number, path: Path): Result.Result<number, InvalidMeasurementError> => {
  const problem = problemOf(kind, value)
  return problem === undefined ? Result.succeed(value) : Result.fail(InvalidMeasurementError.create(problem, path, value))
}
