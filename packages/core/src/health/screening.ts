/**
 * One child's growth screening under a rule pack: WHO z-scores for the age (0–5 or 5–19 years),
 * and the three screening questions — overweight or obesity, stunting, wasting — answered by the
 * standard the pack names (WS/T 586-2018 and WS/T 456-2014 in `cn`, WHO 2007 in `who`). Where the
 * named standard does not cover the child's age (the WS/T standards start at 6 years), the WHO
 * classification for the age answers instead, and the result names the standard that was used.
 *
 * Oedema: weight-based z-scores are not computed; as WHO does in its prevalences, a child with
 * oedema counts as severely wasted (below −3 SD) when WHO answers the wasting question, and is
 * not assessed for overweight (nor under WS/T 456, which has no rule for it).
 *
 * @since 0.1.0
 */
import { Result } from "effect"
import type { LocalDate } from "../kernel/LocalDate.ts"
import type { Sex } from "../kernel/People.ts"
import type { ValidationError } from "../kernel/Errors.ts"
import * as Age from "./age.ts"
import * as Anthro from "./anthro.ts"
import * as AnthroPlus from "./anthroplus.ts"
import type { HealthError } from "./errors.ts"
import { check } from "./plausibility.ts"
import type { HealthRules } from "./rules.ts"
import { parse as parseSex } from "./sex.ts"
import * as WhoClass from "./whoClassification.ts"
import * as Wst456 from "./wst456.ts"
import * as Wst586 from "./wst586.ts"

/**
 * The standard that answered a question.
 *
 * @since 0.1.0
 * @category models
 */
export type Standard = "WS/T 586-2018" | "WS/T 456-2014" | "WHO 2007" | "WHO 2006"

/**
 * Why a question could not be answered.
 *
 * @since 0.1.0
 * @category models
 */
export type NotAssessedReason = "notMeasured" | "ageOutsideStandards" | "implausible" | "oedema"

/**
 * An answer, with the standard that gave it.
 *
 * @since 0.1.0
 * @category models
 */
export type Outcome<S extends string> =
  | { readonly standard: Standard; readonly status: S }
  | { readonly standard: Standard | null; readonly notAssessed: NotAssessedReason }

/**
 * Overweight or obesity.
 *
 * @since 0.1.0
 * @category models
 */
export type OverweightStatus = "normal" | "overweight" | "obesity"

/**
 * Stunting: WS/T 456 knows stunted or not; WHO distinguishes severe stunting (below −3).
 *
 * @since 0.1.0
 * @category models
 */
export type StuntingStatus = "none" | "stunted" | "severelyStunted"

/**
 * Wasting or thinness, in the terms of the standard that answered: WS/T 456 (mild,
 * moderate-and-severe), WHO 2007 (thinness, severe thinness), WHO 2006 (wasting, severe wasting).
 *
 * @since 0.1.0
 * @category models
 */
export type WastingStatus = "none" | "mild" | "moderateSevere" | "thinness" | "severeThinness" | "wasting" | "severeWasting"

/**
 * A child to screen: sex, birth date, the date of the measurement and what was measured (height
 * standing from 2 years; under 2 a recumbent length, `measured: "length"`).
 *
 * @since 0.1.0
 * @category models
 */
export interface Child {
  readonly sex: unknown
  readonly birthDate: LocalDate
  readonly measuredOn: LocalDate
  readonly heightCm?: number
  readonly weightKg?: number
  readonly measured?: "length" | "height"
  readonly oedema?: boolean
}

/**
 * A child's screening.
 *
 * @since 0.1.0
 * @category models
 */
export interface Screening {
  readonly sex: Sex
  readonly ageDays: number
  readonly ageMonths: number
  /** calendar age in years (see `Age.years`) */
  readonly ageYears: number
  readonly bmi: number | undefined
  readonly who:
    | { readonly reference: "0to5"; readonly assessment: Anthro.Assessment }
    | { readonly reference: "5to19"; readonly assessment: AnthroPlus.Assessment }
    | undefined
  readonly overweight: Outcome<OverweightStatus>
  readonly stunting: Outcome<StuntingStatus>
  readonly wasting: Outcome<WastingStatus>
  /**
   * WHO 2007's classification beside the pack's answers, for a child of 5–19 years (60 to 228
   * months; undefined outside them): weight status by BMI-for-age (severe thinness below −3 SD,
   * thinness below −2, overweight above +1, obesity above +2; a child with oedema counts as
   * severely thin, as WHO's prevalences do) and stunting by height-for-age — what a school screened
   * under WS/T reports internationally.
   */
  readonly who2007: { readonly weightStatus: Outcome<WhoClass.WeightStatus>; readonly stunting: Outcome<StuntingStatus> } | undefined
}

const notAssessed = (standard: Standard | null, reason: NotAssessedReason) => ({ standard, notAssessed: reason })

const fromWho = <S extends string>(standard: Standard, value: S | WhoClass.Unclassified, notScored: NotAssessedReason): Outcome<S> =>
  value === "implausible" ? notAssessed(standard, "implausible") : value === "notScored" ? notAssessed(standard, notScored) : { standard, status: value }

/**
 * Screens one child under the pack's health rules.
 *
 * @since 0.1.0
 * @category calculations
 */
export const screen = (child: Child, rules: HealthRules): Result.Result<Screening, HealthError | ValidationError> => {
  const sexR = parseSex(child.sex)
  if (Result.isFailure(sexR)) return Result.fail(sexR.failure)
  const sex = sexR.success
  const daysR = Age.days(child.birthDate, child.measuredOn)
  if (Result.isFailure(daysR)) return Result.fail(daysR.failure)
  const ageDays = daysR.success
  const ageMonths = ageDays / Anthro.daysPerMonth
  const ageYears = Result.getOrElse(Age.years(child.birthDate, child.measuredOn), () => ageMonths / 12)
  const growth = rules.growth
  let who: Screening["who"]
  let bmi: number | undefined
  if (ageMonths < Anthro.ageLimitMonths) {
    const a = Anthro.zScores({
      sex,
      ageDays,
      ...(child.weightKg === undefined ? {} : { weightKg: child.weightKg }),
      ...(child.heightCm === undefined ? {} : { lengthHeightCm: child.heightCm }),
      ...(child.measured === undefined ? {} : { measured: child.measured }),
      ...(child.oedema === undefined ? {} : { oedema: child.oedema })
    }, { rules: growth })
    if (Result.isFailure(a)) return Result.fail(a.failure)
    who = { reference: "0to5", assessment: a.success }
    bmi = a.success.bmi
  } else if (ageMonths < AnthroPlus.heightBmiUntilMonths()) {
    const a = AnthroPlus.zScores({
      sex,
      ageMonths,
      ...(child.weightKg === undefined ? {} : { weightKg: child.weightKg }),
      ...(child.heightCm === undefined ? {} : { heightCm: child.heightCm }),
      ...(child.oedema === undefined ? {} : { oedema: child.oedema })
    }, { rules: growth })
    if (Result.isFailure(a)) return Result.fail(a.failure)
    who = { reference: "5to19", assessment: a.success }
    bmi = a.success.bmi
  } else {
    for (const [field, kind] of [["heightCm", "lengthHeight"], ["weightKg", "weight"]] as const) {
      const v = child[field]
      if (v === undefined) continue
      const c = check(kind, v, [field])
      if (Result.isFailure(c)) return Result.fail(c.failure)
    }
    bmi = child.weightKg !== undefined && child.heightCm !== undefined ? child.weightKg / ((child.heightCm / 100) * (child.heightCm / 100)) : undefined
  }
  const oedema = child.oedema === true

  // WHO answers, by the reference for the age
  const whoOverweight = (): Outcome<OverweightStatus> => {
    if (who === undefined) return notAssessed(null, "ageOutsideStandards")
    if (oedema) return notAssessed(who.reference === "0to5" ? "WHO 2006" : "WHO 2007", "oedema")
    if (who.reference === "0to5") {
      const s = WhoClass.weightStatusUnder5(who.assessment.scores.weightForLengthHeight, growth)
      return fromWho("WHO 2006", s === "wasting" || s === "severeWasting" ? "normal" : s, "notMeasured")
    }
    const s = WhoClass.weightStatus5to19(who.assessment.scores.bmiForAge, growth)
    return fromWho("WHO 2007", s === "thinness" || s === "severeThinness" ? "normal" : s, "notMeasured")
  }
  const whoStunting = (): Outcome<StuntingStatus> => {
    if (who === undefined) return notAssessed(null, "ageOutsideStandards")
    const d = who.reference === "0to5"
      ? WhoClass.stuntingUnder5(who.assessment.scores.lengthHeightForAge, growth)
      : WhoClass.stunting5to19(who.assessment.scores.heightForAge, growth)
    const mapped = d === "severe" ? "severelyStunted" : d === "moderate" ? "stunted" : d
    return fromWho(who.reference === "0to5" ? "WHO 2006" : "WHO 2007", mapped, "notMeasured")
  }
  const whoWasting = (): Outcome<WastingStatus> => {
    if (who === undefined) return notAssessed(null, "ageOutsideStandards")
    // WHO counts a child with oedema as below −3 SD in weight-based prevalences (anthro_prevalence)
    if (oedema) return { standard: who.reference === "0to5" ? "WHO 2006" : "WHO 2007", status: who.reference === "0to5" ? "severeWasting" : "severeThinness" }
    if (who.reference === "0to5") {
      const s = WhoClass.weightStatusUnder5(who.assessment.scores.weightForLengthHeight, growth)
      return fromWho("WHO 2006", s === "wasting" || s === "severeWasting" ? s : s === "notScored" || s === "implausible" ? s : "none", "notMeasured")
    }
    const s = WhoClass.weightStatus5to19(who.assessment.scores.bmiForAge, growth)
    return fromWho("WHO 2007", s === "thinness" || s === "severeThinness" ? s : s === "notScored" || s === "implausible" ? s : "none", "notMeasured")
  }

  const screening = rules.screening
  // The WS/T tables have no plausibility limits of their own: a BMI or a height that WHO's reference
  // for the age flags as implausible (|z| > 5 for BMI-for-age, > 6 for height-for-age: a slip of the
  // pen, such as 2 kg for 20) is measured again, not classified
  const whoFlags = (question: "bmi" | "height"): boolean => {
    if (who === undefined || who.reference !== "5to19") return false
    const s = who.assessment.scores
    return (question === "bmi" ? WhoClass.weightStatus5to19(s.bmiForAge, growth) : WhoClass.stunting5to19(s.heightForAge, growth)) === "implausible"
  }
  const overweight = ((): Outcome<OverweightStatus> => {
    if (screening.overweightObesity !== "wst586" || screening.wst586 === undefined) return whoOverweight()
    if (bmi === undefined) return notAssessed("WS/T 586-2018", "notMeasured")
    if (oedema) return notAssessed("WS/T 586-2018", "oedema")
    if (whoFlags("bmi")) return notAssessed("WS/T 586-2018", "implausible")
    const r = Wst586.classify({ sex, ageYears, bmi }, screening.wst586)
    return Result.isSuccess(r) ? { standard: "WS/T 586-2018", status: r.success.status } : whoOverweight()
  })()
  const stunting = ((): Outcome<StuntingStatus> => {
    if (screening.stunting !== "wst456" || screening.wst456 === undefined) return whoStunting()
    if (child.heightCm === undefined) return notAssessed("WS/T 456-2014", "notMeasured")
    if (whoFlags("height")) return notAssessed("WS/T 456-2014", "implausible")
    const r = Wst456.stunting({ sex, ageYears, heightCm: child.heightCm }, screening.wst456)
    return Result.isSuccess(r) ? { standard: "WS/T 456-2014", status: r.success.stunted ? "stunted" : "none" } : whoStunting()
  })()
  const wasting = ((): Outcome<WastingStatus> => {
    if (screening.wasting !== "wst456" || screening.wst456 === undefined) return whoWasting()
    if (bmi === undefined) return notAssessed("WS/T 456-2014", "notMeasured")
    if (oedema) return notAssessed("WS/T 456-2014", "oedema")
    if (whoFlags("bmi")) return notAssessed("WS/T 456-2014", "implausible")
    const r = Wst456.wasting({ sex, ageYears, bmi }, screening.wst456)
    return Result.isSuccess(r) ? { standard: "WS/T 456-2014", status: r.success.status } : whoWasting()
  })()
  const who2007 = who === undefined || who.reference !== "5to19"
    ? undefined
    : {
      weightStatus: oedema
        ? { standard: "WHO 2007" as const, status: "severeThinness" as const }
        : fromWho("WHO 2007", WhoClass.weightStatus5to19(who.assessment.scores.bmiForAge, growth), "notMeasured"),
      stunting: whoStunting()
    }
  return Result.succeed({ sex, ageDays, ageMonths, ageYears, bmi, who, overweight, stunting, wasting, who2007 })
}

/**
 * Whether an outcome was answered.
 *
 * @since 0.1.0
 * @category guards
 */
export const isAssessed = <S extends string>(o: Outcome<S>): o is { readonly standard: Standard; readonly status: S } => "status" in o
