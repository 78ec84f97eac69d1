/**
 * The judgement of a morning or noon check (晨午检): is there a fever, and what does the check
 * require next (isolate, notify the parents, see a doctor, follow up an absence …) — as data, from
 * the rule pack's check rules, so that a school can change them and a record keeps what was
 * required at the time.
 *
 * A temperature is a fever at or above the fever line of the site it was taken at (37.3 °C
 * axillary by default: school practice, not a national number). A site with no line in the rules
 * (a forehead scan, say) is not judged; the check then asks for a second reading (`recheck`). A
 * reading outside the plausible range is refused as a measuring error.
 *
 * @since 0.1.0
 */
import { Result } from "effect"
import type { Path } from "../kernel/Errors.ts"
import { InvalidMeasurementError } from "./errors.ts"
import type { CheckObservation } from "./model.ts"
import type { CheckRules, CheckTrigger } from "./rules.ts"
import type { CheckAction, TemperatureSite } from "./vocabulary.ts"
import { CheckAction as CheckActionSchema } from "./vocabulary.ts"

/**
 * A check's judgement.
 *
 * @since 0.1.0
 * @category models
 */
export interface Judgement {
  /** undefined when no temperature was taken or its site has no fever line */
  readonly fever: boolean | undefined
  readonly triggers: ReadonlyArray<CheckTrigger>
  /** the required actions, each once, in the vocabulary's order */
  readonly actions: ReadonlyArray<CheckAction>
}

const actionOrder = CheckActionSchema.literals

const sameTrigger = (a: CheckTrigger, b: CheckTrigger): boolean =>
  a.kind === b.kind && (a.kind !== "symptom" || (b.kind === "symptom" && a.symptom === b.symptom))

/**
 * Whether a reading is a fever: true or false, or undefined when the site has no fever line.
 *
 * @since 0.1.0
 * @category calculations
 */
export const isFever = (temperatureC: number, site: TemperatureSite, rules: CheckRules): boolean | undefined => {
  const line = rules.feverFromCelsius[site]
  return line === undefined ? undefined : temperatureC >= line
}

/**
 * Judges a check's observation under the rules.
 *
 * @since 0.1.0
 * @category calculations
 */
export const judge = (observation: CheckObservation, rules: CheckRules, path: Path = []): Result.Result<Judgement, InvalidMeasurementError> => {
  const triggers: Array<CheckTrigger> = []
  let fever: boolean | undefined
  const t = observation.temperatureC
  if (t !== undefined) {
    if (!Number.isFinite(t)) return Result.fail(InvalidMeasurementError.create("notFinite", [...path, "temperatureC"], t))
    if (t < rules.plausibleCelsius.min || t > rules.plausibleCelsius.max) {
      return Result.fail(InvalidMeasurementError.create("implausible", [...path, "temperatureC"], t))
    }
    fever = isFever(t, observation.site ?? "axillary", rules)
    if (fever === undefined) triggers.push({ kind: "unjudgedSite" })
  }
  if (fever === true || observation.symptoms.includes("fever")) triggers.push({ kind: "fever" })
  for (const symptom of observation.symptoms) if (symptom !== "fever") triggers.push({ kind: "symptom", symptom })
  if (!observation.present && observation.absenceReason === "illness") triggers.push({ kind: "illnessAbsence" })
  const wanted = new Set<CheckAction>()
  for (const rule of rules.requires) {
    if (triggers.some((tr) => sameTrigger(tr, rule.when))) for (const a of rule.actions) wanted.add(a)
  }
  return Result.succeed({
    fever: fever === undefined && observation.symptoms.includes("fever") ? true : fever,
    triggers,
    actions: actionOrder.filter((a) => wanted.has(a))
  })
}
