/**
 * The health section of a rule pack: the WHO z-score rules (precision, implausibility flags,
 * classification cut-offs), which screening standard classifies overweight, obesity, stunting and
 * wasting (WS/T 586-2018 and WS/T 456-2014 in China, or WHO 2007), the vision-screening grades,
 * the morning-check rules (fever line, required actions), the outbreak reporting rules, the
 * medication-log tolerances and the small-cell suppression of published tables.
 *
 * Every number names its source beside it. Tables come from generated modules (data/*.csv, never
 * typed in). Numbers with no national source — the 37.3 °C fever line, medication tolerances,
 * the suppression threshold — are school or statistical practice and say so. Only `growth` and
 * `screening` are required: a `who` pack sets just those.
 *
 * @since 0.1.0
 */
import { Result, Schema } from "effect"
import { rows as reportingRows } from "../data/school-disease-reporting-thresholds.generated.ts"
import { visionRules } from "../data/vision-rules.generated.ts"
import { rows as stuntingRows } from "../data/wst456-stunting.generated.ts"
import { rows as wastingRows } from "../data/wst456-wasting.generated.ts"
import { rows as bmiCutoffRows } from "../data/wst586-bmi-cutoffs.generated.ts"
import { RulePackError } from "../kernel/Errors.ts"
import { Sex } from "../kernel/People.ts"
import * as RP from "../kernel/RulePack.ts"
import { CheckAction, Disease, Symptom } from "./vocabulary.ts"

// ── growth (WHO) ────────────────────────────────────────────────────────────────────────────────

/**
 * A z-score is flagged as implausible when, rounded, it is below `below` or above `above`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const FlagLimits = Schema.Struct({ below: Schema.Finite, above: Schema.Finite })

/**
 * @since 0.1.0
 * @category models
 */
export type FlagLimits = typeof FlagLimits.Type

/**
 * WHO's z-score rules: the decimals z-scores are rounded to, the implausibility flags per
 * indicator, and the cut-offs of the nutritional classifications.
 *
 * @since 0.1.0
 * @category schemas
 */
export const GrowthRules = Schema.Struct({
  precision: Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 6 })),
  flags: Schema.Struct({
    lengthHeightForAge: FlagLimits,
    weightForAge: FlagLimits,
    weightForLengthHeight: FlagLimits,
    bmiForAge: FlagLimits,
    headCircumferenceForAge: FlagLimits,
    armCircumferenceForAge: FlagLimits,
    tricepsSkinfoldForAge: FlagLimits,
    subscapularSkinfoldForAge: FlagLimits,
    heightForAge5to19: FlagLimits,
    weightForAge5to19: FlagLimits,
    bmiForAge5to19: FlagLimits
  }),
  /** 0–5 years: a child is stunted below `stunting` (HAZ), wasted below `wasting` (WHZ) … */
  under5: Schema.Struct({
    stunting: Schema.Finite,
    severeStunting: Schema.Finite,
    underweight: Schema.Finite,
    severeUnderweight: Schema.Finite,
    wasting: Schema.Finite,
    severeWasting: Schema.Finite,
    overweight: Schema.Finite,
    obesity: Schema.Finite
  }),
  /** 5–19 years: thin below `thinness` (BAZ), overweight above `overweight` (BAZ) … */
  from5to19: Schema.Struct({
    stunting: Schema.Finite,
    severeStunting: Schema.Finite,
    thinness: Schema.Finite,
    severeThinness: Schema.Finite,
    overweight: Schema.Finite,
    obesity: Schema.Finite
  })
})

/**
 * @since 0.1.0
 * @category models
 */
export type GrowthRules = typeof GrowthRules.Type

/**
 * WHO's rules, as WHO's R packages and guidance apply them.
 *
 * @since 0.1.0
 * @category packs
 */
export const whoGrowth: GrowthRules = {
  // anthro_zscores / anthroplus_zscores round to 2 decimals (argument z_precision = 2)
  precision: 2,
  flags: {
    // anthro (WorldHealthOrganization/anthro, R/z-score.R): flen |z| > 6; fwei z < −6 or > 5;
    // fwfl, fbmi, fhc, fac, fts, fss |z| > 5
    lengthHeightForAge: { below: -6, above: 6 },
    weightForAge: { below: -6, above: 5 },
    weightForLengthHeight: { below: -5, above: 5 },
    bmiForAge: { below: -5, above: 5 },
    headCircumferenceForAge: { below: -5, above: 5 },
    armCircumferenceForAge: { below: -5, above: 5 },
    tricepsSkinfoldForAge: { below: -5, above: 5 },
    subscapularSkinfoldForAge: { below: -5, above: 5 },
    // anthroplus (R/zscores.R): fhfa |z| > 6; fwfa z > 5 or < −6; fbfa |z| > 5
    heightForAge5to19: { below: -6, above: 6 },
    weightForAge5to19: { below: -6, above: 5 },
    bmiForAge5to19: { below: -5, above: 5 }
  },
  // WHO, "Nutrition Landscape Information System (NLIS) country profile indicators: interpretation
  // guide" (2010/2019) and anthro_prevalence: stunting HAZ < −2, underweight WAZ < −2, wasting
  // WHZ < −2 (severe < −3), overweight WHZ > +2, obesity WHZ > +3
  under5: { stunting: -2, severeStunting: -3, underweight: -2, severeUnderweight: -3, wasting: -2, severeWasting: -3, overweight: 2, obesity: 3 },
  // de Onis et al. 2007 (Bull WHO 85:660-7) and anthroplus_prevalence: thinness BAZ < −2 (severe
  // < −3), overweight BAZ > +1, obesity BAZ > +2, stunting HAZ < −2
  from5to19: { stunting: -2, severeStunting: -3, thinness: -2, severeThinness: -3, overweight: 1, obesity: 2 }
}

// ── school screening standards ───────────────────────────────────────────────────────────────────

/**
 * WS/T 586-2018 (学龄儿童青少年超重与肥胖筛查), table 1: per sex and half-year age band (row
 * `fromYears` covers `fromYears ≤ age < fromYears + 0.5`), overweight from `overweightBmi` and
 * obesity from `obesityBmi` (both inclusive). The last band runs to `untilYears`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Wst586 = Schema.Struct({
  source: Schema.String,
  bandYears: Schema.Finite.check(Schema.isGreaterThan(0)),
  untilYears: Schema.Finite,
  bands: Schema.Array(Schema.Struct({ sex: Sex, fromYears: Schema.Finite, overweightBmi: Schema.Finite, obesityBmi: Schema.Finite }))
})

/**
 * @since 0.1.0
 * @category models
 */
export type Wst586 = typeof Wst586.Type

/**
 * WS/T 456-2014 (学龄儿童青少年营养不良筛查): stunting when height ≤ `heightAtMost`; moderate or
 * severe wasting when BMI ≤ `moderateSevereBmiAtMost`, mild wasting up to `mildBmiAtMost`
 * (inclusive), per sex and half-year age band. The last band runs to `untilYears`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Wst456 = Schema.Struct({
  source: Schema.String,
  bandYears: Schema.Finite.check(Schema.isGreaterThan(0)),
  untilYears: Schema.Finite,
  stunting: Schema.Array(Schema.Struct({ sex: Sex, fromYears: Schema.Finite, heightAtMost: Schema.Finite })),
  wasting: Schema.Array(Schema.Struct({
    sex: Sex,
    fromYears: Schema.Finite,
    moderateSevereBmiAtMost: Schema.Finite,
    mildBmiFrom: Schema.Finite,
    mildBmiAtMost: Schema.Finite
  }))
})

/**
 * @since 0.1.0
 * @category models
 */
export type Wst456 = typeof Wst456.Type

/**
 * Which standard screening uses for each question, with the tables of the Chinese standards.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ScreeningRules = Schema.Struct({
  overweightObesity: Schema.Literals(["wst586", "who2007"]),
  stunting: Schema.Literals(["wst456", "who2007"]),
  wasting: Schema.Literals(["wst456", "who2007"]),
  wst586: Schema.optionalKey(Wst586),
  wst456: Schema.optionalKey(Wst456)
})

/**
 * @since 0.1.0
 * @category models
 */
export type ScreeningRules = typeof ScreeningRules.Type

const sexOf = (s: string): "M" | "F" => (s === "F" ? "F" : "M")

/**
 * WS/T 586-2018 from data/wst586-bmi-cutoffs.csv.
 *
 * @since 0.1.0
 * @category packs
 */
export const wst586: Wst586 = {
  source: "WS/T 586-2018 学龄儿童青少年超重与肥胖筛查, 表1 (data/wst586-bmi-cutoffs.csv)",
  // the table's rows are half-year bands: "6.0~" is 6.0 ≤ age < 6.5
  bandYears: 0.5,
  // scope 6–18 years (to the 19th birthday); the 18.0 row equals the adult cut-offs 24 and 28
  untilYears: 19,
  bands: bmiCutoffRows.map((r) => ({ sex: sexOf(r.sex), fromYears: r.ageYears, overweightBmi: r.overweightBmiGe, obesityBmi: r.obesityBmiGe }))
}

/**
 * WS/T 456-2014 from data/wst456-stunting.csv and data/wst456-wasting.csv.
 *
 * @since 0.1.0
 * @category packs
 */
export const wst456: Wst456 = {
  source: "WS/T 456-2014 学龄儿童青少年营养不良筛查 (data/wst456-stunting.csv, data/wst456-wasting.csv)",
  bandYears: 0.5,
  // the tables end with the 17.5 band; at 18 the adult criteria apply
  untilYears: 18,
  stunting: stuntingRows.map((r) => ({ sex: sexOf(r.sex), fromYears: r.ageYears, heightAtMost: r.stuntingHeightCmLe })),
  wasting: wastingRows.map((r) => ({
    sex: sexOf(r.sex),
    fromYears: r.ageYears,
    moderateSevereBmiAtMost: r.moderateSevereWastingBmiLe,
    mildBmiFrom: r.mildWastingBmiMin,
    mildBmiAtMost: r.mildWastingBmiMax
  }))
}

// ── vision ───────────────────────────────────────────────────────────────────────────────────────

/**
 * School vision screening: grades of reduced uncorrected visual acuity (5-point record), the
 * preschool low-vision lines by age, screening myopia (UCVA and spherical equivalent) and the
 * myopia grades by spherical equivalent (dioptres).
 *
 * @since 0.1.0
 * @category schemas
 */
export const VisionRules = Schema.Struct({
  normalAtLeast: Schema.Finite,
  mildFrom: Schema.Finite,
  moderateFrom: Schema.Finite,
  severeAtMost: Schema.Finite,
  schoolAgeFromYears: Schema.Finite,
  preschool: Schema.Array(Schema.Struct({ fromYears: Schema.Finite, toYears: Schema.NullOr(Schema.Finite), lowAtMost: Schema.Finite })),
  screeningMyopia: Schema.Struct({ ucvaBelow: Schema.Finite, sphericalEquivalentBelow: Schema.Finite, orthokeratologyCountsAsMyopic: Schema.Boolean }),
  myopia: Schema.Struct({ preMyopiaAtMost: Schema.Finite, lowAbove: Schema.Finite, moderateAbove: Schema.Finite, highAtMost: Schema.Finite, diagnosisAtMost: Schema.Finite }),
  cylinderDivisor: Schema.Finite.check(Schema.isGreaterThan(0)),
  /** the rows of data/vision-classification.csv behind these numbers, with their confidence */
  sources: Schema.Array(Schema.Struct({ rule: Schema.String, source: Schema.String, confidence: Schema.String }))
})

/**
 * @since 0.1.0
 * @category models
 */
export type VisionRules = typeof VisionRules.Type

/**
 * The vision rules of data/vision-classification.csv (generated into `vision-rules.generated.ts`;
 * its rows name their sources: WS/T 663-2020, the national student common-disease monitoring
 * syntax, 《近视防治指南》; the preschool lines are an implementation's and need checking against
 * 《0～6岁儿童眼保健及视力检查服务规范》).
 *
 * @since 0.1.0
 * @category packs
 */
export const vision: VisionRules = {
  normalAtLeast: visionRules.acuity.normalAtLeast,
  mildFrom: visionRules.acuity.mildFrom,
  moderateFrom: visionRules.acuity.moderateFrom,
  severeAtMost: visionRules.acuity.severeAtMost,
  // VA-NORMAL … VA-SEV and MYO-SCREEN apply from 6 years ("6岁及以上")
  schoolAgeFromYears: 6,
  preschool: visionRules.preschool.bands,
  screeningMyopia: {
    ucvaBelow: visionRules.screeningMyopia.ucvaBelow,
    sphericalEquivalentBelow: visionRules.screeningMyopia.sphericalEquivalentBelow,
    orthokeratologyCountsAsMyopic: visionRules.screeningMyopia.orthokeratologyCountsAsMyopic
  },
  myopia: {
    preMyopiaAtMost: visionRules.myopia.preMyopia.atMost,
    lowAbove: visionRules.myopia.low.above,
    moderateAbove: visionRules.myopia.moderate.above,
    highAtMost: visionRules.myopia.highAtMost,
    diagnosisAtMost: visionRules.myopia.diagnosisAtMost
  },
  cylinderDivisor: visionRules.sphericalEquivalent.cylinderDivisor,
  sources: [
    ...visionRules.acuity.sources,
    visionRules.preschool.source,
    ...visionRules.screeningMyopia.sources,
    ...visionRules.myopia.sources,
    visionRules.sphericalEquivalent.source
  ]
}

// ── morning and noon checks ──────────────────────────────────────────────────────────────────────

/**
 * What a check requires: for a trigger (fever, a symptom, an absence due to illness), the actions.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CheckTrigger = Schema.Union([
  Schema.Struct({ kind: Schema.Literal("fever") }),
  Schema.Struct({ kind: Schema.Literal("symptom"), symptom: Symptom }),
  Schema.Struct({ kind: Schema.Literal("illnessAbsence") }),
  Schema.Struct({ kind: Schema.Literal("unjudgedSite") })
])

/**
 * @since 0.1.0
 * @category models
 */
export type CheckTrigger = typeof CheckTrigger.Type

/**
 * Morning and noon check rules: the fever line per temperature site (°C, fever when the reading
 * is at or above it), and what each finding requires.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CheckRules = Schema.Struct({
  feverFromCelsius: Schema.Struct({
    axillary: Schema.optionalKey(Schema.Finite),
    forehead: Schema.optionalKey(Schema.Finite),
    ear: Schema.optionalKey(Schema.Finite),
    oral: Schema.optionalKey(Schema.Finite)
  }),
  /** readings outside this range (°C) are refused as measuring errors */
  plausibleCelsius: Schema.Struct({ min: Schema.Finite, max: Schema.Finite }),
  requires: Schema.Array(Schema.Struct({ when: CheckTrigger, actions: Schema.Array(CheckAction) })),
  source: Schema.String
})

/**
 * @since 0.1.0
 * @category models
 */
export type CheckRules = typeof CheckRules.Type

/**
 * The default check rules.
 *
 * @since 0.1.0
 * @category packs
 */
export const checks: CheckRules = {
  // 37.3 °C axillary is school practice (the common 腋温 ≥ 37.3 °C 发热 line of school and
  // kindergarten morning checks), not a number any national standard fixes; the other sites have
  // no default, so a forehead or ear reading asks for an axillary one (`unjudgedSite`)
  feverFromCelsius: { axillary: 37.3 },
  // a thermometer reading outside 34–43 °C is a measuring error, not a child's temperature
  plausibleCelsius: { min: 34, max: 43 },
  requires: [
    // seed documents: "发现学生有发热等现象，应及时去医院就诊"; a kindergarten isolates and calls
    // the parents (隔离室, "及时与家长联系")
    { when: { kind: "fever" }, actions: ["isolate", "notifyParents", "seeDoctor", "informHealthTeacher"] },
    { when: { kind: "symptom", symptom: "rash" }, actions: ["isolate", "notifyParents", "seeDoctor", "informHealthTeacher"] },
    { when: { kind: "symptom", symptom: "vomiting" }, actions: ["isolate", "notifyParents", "informHealthTeacher"] },
    { when: { kind: "symptom", symptom: "diarrhoea" }, actions: ["isolate", "notifyParents", "informHealthTeacher"] },
    { when: { kind: "symptom", symptom: "jaundice" }, actions: ["isolate", "notifyParents", "seeDoctor", "informHealthTeacher"] },
    { when: { kind: "symptom", symptom: "redEyes" }, actions: ["isolate", "notifyParents", "seeDoctor"] },
    { when: { kind: "symptom", symptom: "mouthSores" }, actions: ["isolate", "notifyParents", "seeDoctor", "informHealthTeacher"] },
    { when: { kind: "symptom", symptom: "swollenCheeks" }, actions: ["isolate", "notifyParents", "seeDoctor"] },
    { when: { kind: "symptom", symptom: "cough" }, actions: ["observe"] },
    { when: { kind: "symptom", symptom: "injury" }, actions: ["informHealthTeacher", "notifyParents"] },
    // 因病缺勤病因追查与登记 (卫办疾控发〔2006〕65号 asks schools to register and follow up
    // absences due to illness)
    { when: { kind: "illnessAbsence" }, actions: ["followUpAbsence"] },
    { when: { kind: "unjudgedSite" }, actions: ["recheck"] }
  ],
  source: "school practice (seed documents; 37.3 °C axillary is not a national number); 卫办疾控发〔2006〕65号 for absence follow-up"
}

// ── outbreak reporting ───────────────────────────────────────────────────────────────────────────

/**
 * One reporting trigger: so many cases (`minCases` or more) within `windowDays` local calendar
 * days in one class or one school, to be reported within `reportWithinHours` (elapsed) of the case
 * that completes it (0: at once). What makes a case count (`match`):
 *
 * - `symptoms`: cases that share one of the symptoms (a cluster per symptom);
 * - `disease`: cases with one of the diagnoses, confirmed or suspected; with `orCaseDefinition`,
 *   also an undiagnosed case that meets the disease's case definition — a temperature of at least
 *   `minCelsius` with one of the symptoms `withAnyOf` (流感样病例: 体温≥38°C 伴咽痛或咳嗽之一);
 * - `unexplained`: a case without any diagnosis whose temperature is at least `minCelsius` or that
 *   has one of `orSymptoms` (不明原因高热、呼吸急促).
 *
 * A rule of one case reports each child's **episode** once: a child's matching cases belong to one
 * episode while each comes within `newEpisodeAfterDays` local days (default 14) of the one before;
 * after a longer gap the child is reported again.
 *
 * @since 0.1.0
 * @category schemas
 */
export const OutbreakRule = Schema.Struct({
  scope: Schema.Literals(["class", "school"]),
  windowDays: Schema.Int.check(Schema.isGreaterThan(0)),
  minCases: Schema.Int.check(Schema.isGreaterThan(0)),
  match: Schema.Union([
    Schema.Struct({ kind: Schema.Literal("symptoms"), symptoms: Schema.Array(Symptom) }),
    Schema.Struct({
      kind: Schema.Literal("disease"),
      diseases: Schema.Array(Disease),
      orCaseDefinition: Schema.optionalKey(Schema.Struct({ minCelsius: Schema.Finite, withAnyOf: Schema.Array(Symptom) }))
    }),
    Schema.Struct({ kind: Schema.Literal("unexplained"), minCelsius: Schema.Finite, orSymptoms: Schema.Array(Symptom) })
  ]),
  reportWithinHours: Schema.NullOr(Schema.Finite),
  newEpisodeAfterDays: Schema.optionalKey(Schema.Int.check(Schema.isGreaterThan(0))),
  source: Schema.String
})

/**
 * @since 0.1.0
 * @category models
 */
export type OutbreakRule = typeof OutbreakRule.Type

/**
 * The reporting rules, by rule id.
 *
 * @since 0.1.0
 * @category schemas
 */
export const OutbreakRules = Schema.Struct({ rules: Schema.Record(Schema.String, OutbreakRule) })

/**
 * @since 0.1.0
 * @category models
 */
export type OutbreakRules = typeof OutbreakRules.Type

const reportingRow = (id: string) => reportingRows.find((r) => r.id === id)

const hoursOf = (text: string | null): number | null => (text === null ? null : Number(/^\d+/.exec(text)?.[0] ?? Number.NaN))

// "相似症状(发热、皮疹、腹泻、呕吐、黄疸等)" in S1/S2: the five the norm names, and, for its "等",
// the signs of the diseases its clusters are about — abdominal pain (food-borne and enteric
// infections), red eyes (acute haemorrhagic conjunctivitis), mouth sores (hand, foot and mouth
// disease), swollen cheeks (mumps). Cough, sore throat and a runny nose are left out: three in a
// class on a winter day are no signal; with fever they count as fever, and as influenza-like illness
// under C-ILI.
const similarSymptoms: ReadonlyArray<Symptom> = ["fever", "rash", "diarrhoea", "vomiting", "jaundice", "abdominalPain", "redEyes", "mouthSores", "swollenCheeks"]

// 高热: 39.1 °C and above (the grading of fever in 《诊断学》: 低热 37.3–38, 中等度热 38.1–39,
// 高热 39.1–41, 超高热 above 41; axillary)
const highFeverCelsius = 39.1

// a child's repeat case of a disease reported at once is a new case (a new report) after two weeks
// without one; no national number — a house rule, set your own
const newEpisodeAfterDays = 14

// every disease of the vocabulary except the non-infectious
const infectious = Disease.literals.filter((d) => d !== "nonInfectious")

const fromReportingRow = (
  id: string,
  scope: "class" | "school",
  match: OutbreakRule["match"],
  fallbackHours: number | null,
  windowDaysIfNone?: number,
  note?: string
): ReadonlyArray<readonly [string, OutbreakRule]> => {
  const r = reportingRow(id)
  const windowDays = r?.windowDays ?? windowDaysIfNone
  if (r === undefined || windowDays === undefined) return []
  const hours = hoursOf(r.reportWithinHours)
  return [[id, {
    scope,
    windowDays,
    minCases: r.minCases,
    match,
    reportWithinHours: hours === null || Number.isNaN(hours) ? fallbackHours : hours,
    ...(r.minCases <= 1 ? { newEpisodeAfterDays } : {}),
    source: `${r.source} (data/school-disease-reporting-thresholds.csv ${id}; ${r.confidence})${note === undefined ? "" : `; ${note}`}`
  }]]
}

/**
 * The reporting rules of 卫办疾控发〔2006〕65号 (S1: 3 or more cases with similar symptoms in one
 * class in one day; S2: 5 or more in one class within 3 days; both within 24 hours; S3: a case of
 * an infectious disease, confirmed or suspected, at once; S4: a child with an unexplained high
 * fever or shortness of breath, within 24 hours) and the
 * common cluster definitions (C-*: per disease and window, from a municipal health commission's
 * summary; they name no reporting deadline, so their clusters carry none — every diagnosed case is
 * already reportable at once under S3). Numbers from data/school-disease-reporting-thresholds.csv.
 *
 * What the checks cannot show is left to people: the norm's "共同用餐、饮水史" (cases linked by a
 * shared meal or water rather than by symptoms), S4's "剧烈呕吐、腹泻" (a check records vomiting,
 * not how severe), S5 (a group illness of unknown cause or another public-health emergency is
 * declared, not counted), the dormitory as a scope (the school's records have classes only) and
 * C-DYS's "2 deaths".
 *
 * @since 0.1.0
 * @category packs
 */
export const outbreak: OutbreakRules = {
  rules: Object.fromEntries([
    ...fromReportingRow("S1", "class", { kind: "symptoms", symptoms: similarSymptoms }, null),
    ...fromReportingRow("S2", "class", { kind: "symptoms", symptoms: similarSymptoms }, null),
    // S3: any case of an infectious disease, confirmed or suspected, is reported at once ("0(立即)");
    // a single case needs no window, so the window is that case's day
    ...fromReportingRow("S3", "school", { kind: "disease", diseases: infectious }, null, 1),
    // S4: "不明原因高热、呼吸急促或剧烈呕吐、腹泻等" — an undiagnosed child with a high fever or
    // shortness of breath (how severe a vomiting is, a check does not record)
    ...fromReportingRow("S4", "school", { kind: "unexplained", minCelsius: highFeverCelsius, orSymptoms: ["shortnessOfBreath"] }, null, 1,
      `高热 ≥ ${highFeverCelsius} °C (《诊断学》发热分度)`),
    ...fromReportingRow("C-HFMD-SCHOOL", "school", { kind: "disease", diseases: ["handFootMouth"] }, null),
    ...fromReportingRow("C-HFMD-CLASS", "class", { kind: "disease", diseases: ["handFootMouth"] }, null),
    ...fromReportingRow("C-NORO", "school", { kind: "disease", diseases: ["norovirus"] }, null),
    ...fromReportingRow("C-DYS", "school", { kind: "disease", diseases: ["bacillaryDysentery"] }, null),
    ...fromReportingRow("C-AHC", "school", { kind: "disease", diseases: ["acuteHaemorrhagicConjunctivitis"] }, null),
    // 流感样病例: diagnosed as such, or an undiagnosed case meeting the definition (体温≥38°C 伴咽痛或咳嗽之一)
    ...fromReportingRow("C-ILI", "school", {
      kind: "disease",
      diseases: ["influenzaLikeIllness"],
      orCaseDefinition: { minCelsius: 38, withAnyOf: ["cough", "soreThroat"] }
    }, null),
    ...fromReportingRow("C-SF", "school", { kind: "disease", diseases: ["scarletFever"] }, null),
    ...fromReportingRow("C-MEASLES", "school", { kind: "disease", diseases: ["measles"] }, null),
    ...fromReportingRow("C-RUBELLA", "school", { kind: "disease", diseases: ["rubella"] }, null),
    ...fromReportingRow("C-MUMPS", "school", { kind: "disease", diseases: ["mumps"] }, null),
    ...fromReportingRow("C-VZV", "school", { kind: "disease", diseases: ["varicella"] }, null),
    ...fromReportingRow("C-DENGUE", "school", { kind: "disease", diseases: ["dengue"] }, null)
  ])
}

// ── medication log ───────────────────────────────────────────────────────────────────────────────

/**
 * How far from the requested time a dose may be given (minutes) before it is early or late, and
 * from when a requested dose with no record counts as missed.
 *
 * @since 0.1.0
 * @category schemas
 */
export const MedicationRules = Schema.Struct({
  earlyMinutes: Schema.Finite.check(Schema.isGreaterThanOrEqualTo(0)),
  lateMinutes: Schema.Finite.check(Schema.isGreaterThanOrEqualTo(0)),
  source: Schema.String
})

/**
 * @since 0.1.0
 * @category models
 */
export type MedicationRules = typeof MedicationRules.Type

/**
 * The default tolerances.
 *
 * @since 0.1.0
 * @category packs
 */
export const medication: MedicationRules = {
  // kindergarten practice (喂药登记: give at the time the parent wrote); no national number — a
  // half hour either side is a common house rule, set your own
  earlyMinutes: 30,
  lateMinutes: 30,
  source: "kindergarten practice; no national standard sets these tolerances"
}

// ── publication ──────────────────────────────────────────────────────────────────────────────────

/**
 * Suppression of small cells in published tables, and the confidence level of intervals.
 *
 * @since 0.1.0
 * @category schemas
 */
export const PublicationRules = Schema.Struct({
  minCellSize: Schema.Int.check(Schema.isGreaterThanOrEqualTo(1)),
  /**
   * When set, an outcome counted in 1 to `minCases − 1` children of a published cell is suppressed
   * too (a count of 1 obese child in a class of 30 can point at the child); off by default — a
   * school deciding what its publication may show sets it (5 is the common "rule of five")
   */
  minCases: Schema.optionalKey(Schema.Int.check(Schema.isGreaterThanOrEqualTo(1))),
  secondarySuppression: Schema.Boolean,
  confidenceLevel: Schema.Finite.check(Schema.isBetween({ minimum: 0.5, maximum: 0.999 })),
  source: Schema.String
})

/**
 * @since 0.1.0
 * @category models
 */
export type PublicationRules = typeof PublicationRules.Type

/**
 * The default publication rules.
 *
 * @since 0.1.0
 * @category packs
 */
export const publication: PublicationRules = {
  // statistical disclosure control practice: cells of fewer than 5 people are not published
  // (e.g. the "rule of five" of many statistical offices); not a national health number
  minCellSize: 5,
  // a lone suppressed cell in a breakdown could be recovered from the total: suppress another
  secondarySuppression: true,
  confidenceLevel: 0.95,
  source: "statistical disclosure practice (minimum cell size 5); 95% intervals"
}

// ── the section ──────────────────────────────────────────────────────────────────────────────────

/**
 * The health section's schema.
 *
 * @since 0.1.0
 * @category schemas
 */
export const HealthRules = Schema.Struct({
  growth: GrowthRules,
  screening: ScreeningRules,
  vision: Schema.optionalKey(VisionRules),
  checks: Schema.optionalKey(CheckRules),
  outbreak: Schema.optionalKey(OutbreakRules),
  medication: Schema.optionalKey(MedicationRules),
  publication: Schema.optionalKey(PublicationRules)
})

/**
 * @since 0.1.0
 * @category models
 */
export type HealthRules = typeof HealthRules.Type

const reportingSource = "卫办疾控发〔2006〕65号《学校和托幼机构传染病疫情报告工作规范(试行)》"

/**
 * The section: a region may report sooner, on fewer cases or over a longer window than the
 * national reporting norm, never later, on more cases or over a shorter window.
 *
 * @since 0.1.0
 * @category sections
 */
export const section = RP.section("health", HealthRules, [
  { path: ["outbreak", "rules", "S1", "minCases"], stricter: "lower", source: reportingSource },
  { path: ["outbreak", "rules", "S1", "windowDays"], stricter: "higher", source: reportingSource },
  { path: ["outbreak", "rules", "S1", "reportWithinHours"], stricter: "lower", source: reportingSource },
  { path: ["outbreak", "rules", "S2", "minCases"], stricter: "lower", source: reportingSource },
  { path: ["outbreak", "rules", "S2", "windowDays"], stricter: "higher", source: reportingSource },
  { path: ["outbreak", "rules", "S2", "reportWithinHours"], stricter: "lower", source: reportingSource },
  { path: ["outbreak", "rules", "S3", "reportWithinHours"], stricter: "lower", source: reportingSource },
  { path: ["outbreak", "rules", "S4", "reportWithinHours"], stricter: "lower", source: reportingSource },
  { path: ["outbreak", "rules", "S3", "minCases"], stricter: "lower", source: reportingSource },
  // a school may add symptoms, not remove those the norm names; the base list also holds the house
  // additions for its "等" (abdominal pain, red eyes, mouth sores, swollen cheeks), which `superset`
  // then keeps too — accepted: a school cannot drop them either
  { path: ["outbreak", "rules", "S1", "match", "symptoms"], stricter: "superset", source: reportingSource },
  { path: ["outbreak", "rules", "S2", "match", "symptoms"], stricter: "superset", source: reportingSource },
  // the norm counts S1 and S2 in one class: the scope does not change
  { path: ["outbreak", "rules", "S1", "scope"], stricter: "same", source: reportingSource },
  { path: ["outbreak", "rules", "S2", "scope"], stricter: "same", source: reportingSource }
])

/**
 * The `cn` health section: WHO z-scores, WS/T 586-2018 and WS/T 456-2014 for screening, and the
 * Chinese school rules.
 *
 * @since 0.1.0
 * @category packs
 */
export const cn: HealthRules = {
  growth: whoGrowth,
  screening: { overweightObesity: "wst586", stunting: "wst456", wasting: "wst456", wst586, wst456 },
  vision,
  checks,
  outbreak,
  medication,
  publication
}

/**
 * The `who` health section: WHO z-scores and WHO 2007 classification for screening.
 *
 * @since 0.1.0
 * @category packs
 */
export const who: HealthRules = {
  growth: whoGrowth,
  screening: { overweightObesity: "who2007", stunting: "who2007", wasting: "who2007" }
}

/**
 * An optional part of the health section, or a typed error naming it when the pack has none.
 *
 * @since 0.1.0
 * @category getters
 */
export const part = <K extends "vision" | "checks" | "outbreak" | "medication" | "publication">(
  rules: HealthRules,
  key: K
): Result.Result<NonNullable<HealthRules[K]>, RulePackError> => {
  const value = rules[key]
  return value === undefined
    ? Result.fail(RulePackError.create("rulePack.missingSection", ["health", key], {
      zh: `规则包的 health 部分缺少“${key}”`,
      en: `the rule pack's health section has no "${key}"`
    }))
    : Result.succeed(value)
}
