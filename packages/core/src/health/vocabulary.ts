/**
 * The health module's vocabularies: symptoms, diseases, what a check may require, temperature
 * sites, measurement positions. Each is a schema of literals, with zh-CN and en labels for reports.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import type { Messages } from "../kernel/Errors.ts"

/**
 * Symptoms a morning or noon check records (一问二看三摸四查). `fever` is also derived from the
 * temperature.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Symptom = Schema.Literals([
  "fever",
  "cough",
  "shortnessOfBreath",
  "soreThroat",
  "runnyNose",
  "rash",
  "vomiting",
  "diarrhoea",
  "abdominalPain",
  "jaundice",
  "redEyes",
  "mouthSores",
  "swollenCheeks",
  "headache",
  "fatigue",
  "injury",
  "other"
])

/**
 * @since 0.1.0
 * @category models
 */
export type Symptom = typeof Symptom.Type

/**
 * Labels of the symptoms.
 *
 * @since 0.1.0
 * @category labels
 */
export const symptomLabels: Readonly<Record<Symptom, Messages>> = {
  fever: { zh: "发热", en: "fever" },
  cough: { zh: "咳嗽", en: "cough" },
  shortnessOfBreath: { zh: "呼吸急促", en: "shortness of breath" },
  soreThroat: { zh: "咽痛", en: "sore throat" },
  runnyNose: { zh: "流涕", en: "runny nose" },
  rash: { zh: "皮疹", en: "rash" },
  vomiting: { zh: "呕吐", en: "vomiting" },
  diarrhoea: { zh: "腹泻", en: "diarrhoea" },
  abdominalPain: { zh: "腹痛", en: "abdominal pain" },
  jaundice: { zh: "黄疸", en: "jaundice" },
  redEyes: { zh: "眼红", en: "red eyes" },
  mouthSores: { zh: "口腔疱疹", en: "mouth sores" },
  swollenCheeks: { zh: "腮腺肿大", en: "swollen cheeks" },
  headache: { zh: "头痛", en: "headache" },
  fatigue: { zh: "精神差", en: "fatigue" },
  injury: { zh: "外伤", en: "injury" },
  other: { zh: "其他", en: "other" }
}

/**
 * Diagnosed (or suspected) diseases that school cluster definitions name.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Disease = Schema.Literals([
  "handFootMouth",
  "norovirus",
  "bacillaryDysentery",
  "acuteHaemorrhagicConjunctivitis",
  "influenzaLikeIllness",
  "scarletFever",
  "measles",
  "rubella",
  "mumps",
  "varicella",
  "dengue",
  "influenza",
  "tuberculosis",
  "otherInfectious",
  "nonInfectious"
])

/**
 * @since 0.1.0
 * @category models
 */
export type Disease = typeof Disease.Type

/**
 * Labels of the diseases.
 *
 * @since 0.1.0
 * @category labels
 */
export const diseaseLabels: Readonly<Record<Disease, Messages>> = {
  handFootMouth: { zh: "手足口病", en: "hand, foot and mouth disease" },
  norovirus: { zh: "诺如病毒感染", en: "norovirus infection" },
  bacillaryDysentery: { zh: "细菌性痢疾", en: "bacillary dysentery" },
  acuteHaemorrhagicConjunctivitis: { zh: "急性出血性结膜炎", en: "acute haemorrhagic conjunctivitis" },
  influenzaLikeIllness: { zh: "流感样病例", en: "influenza-like illness" },
  scarletFever: { zh: "猩红热", en: "scarlet fever" },
  measles: { zh: "麻疹", en: "measles" },
  rubella: { zh: "风疹", en: "rubella" },
  mumps: { zh: "流行性腮腺炎", en: "mumps" },
  varicella: { zh: "水痘", en: "varicella (chickenpox)" },
  dengue: { zh: "登革热", en: "dengue" },
  influenza: { zh: "流行性感冒", en: "influenza" },
  tuberculosis: { zh: "肺结核", en: "tuberculosis" },
  otherInfectious: { zh: "其他传染病", en: "other infectious disease" },
  nonInfectious: { zh: "非传染性疾病", en: "non-infectious illness" }
}

/**
 * What a check may require next.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CheckAction = Schema.Literals([
  "observe",
  "recheck",
  "isolate",
  "notifyParents",
  "sendHome",
  "seeDoctor",
  "informHealthTeacher",
  "followUpAbsence"
])

/**
 * @since 0.1.0
 * @category models
 */
export type CheckAction = typeof CheckAction.Type

/**
 * Labels of the actions.
 *
 * @since 0.1.0
 * @category labels
 */
export const actionLabels: Readonly<Record<CheckAction, Messages>> = {
  observe: { zh: "留观", en: "observe" },
  recheck: { zh: "复测体温", en: "take the temperature again" },
  isolate: { zh: "隔离观察", en: "isolate and observe" },
  notifyParents: { zh: "通知家长", en: "notify the parents" },
  sendHome: { zh: "由家长接回", en: "send home with a parent" },
  seeDoctor: { zh: "及时就医", en: "see a doctor" },
  informHealthTeacher: { zh: "报告保健老师", en: "inform the health teacher" },
  followUpAbsence: { zh: "因病缺勤追踪登记", en: "follow up the absence and record its cause" }
}

/**
 * Where a temperature was taken.
 *
 * @since 0.1.0
 * @category schemas
 */
export const TemperatureSite = Schema.Literals(["axillary", "forehead", "ear", "oral"])

/**
 * @since 0.1.0
 * @category models
 */
export type TemperatureSite = typeof TemperatureSite.Type

/**
 * How a length or height was measured: lying (recumbent length) or standing (height).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Position = Schema.Literals(["length", "height"])

/**
 * @since 0.1.0
 * @category models
 */
export type Position = typeof Position.Type
