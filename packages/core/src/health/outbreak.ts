/**
 * Outbreak detection from the daily checks, per the school reporting norm (卫办疾控发〔2006〕65号
 * 《学校和托幼机构传染病疫情报告工作规范(试行)》) and the common cluster definitions, with the rules
 * from the rule pack (data/school-disease-reporting-thresholds.csv):
 *
 * - a **case** is a child who, at a check, had a fever or a symptom, was absent because of
 *   illness, or has a (suspected) diagnosis; a child counts once per cluster, however many checks
 *   record them;
 * - a rule matches cases in one class (or one school) that share one of its symptoms (the norm's
 *   "similar symptoms": fever, rash, diarrhoea, vomiting, jaundice, and the signs of the diseases
 *   its clusters are about), that have one of its diseases or meet its case definition (流感样病例:
 *   38 °C or more with a cough or a sore throat), or, for S4, that are undiagnosed with a high fever
 *   or shortness of breath;
 * - "within N days" is N local calendar days in the school's zone, the day of the latest case
 *   included (S1: the same day; S2: that day and the two before);
 * - a rule is **triggered** by the case that brings the count to its minimum; the report is due
 *   `reportWithinHours` of elapsed time after that case's check (24 hours for S1 and S2). Later
 *   cases that keep the window at the minimum join the same cluster. A rule of one case (S3, S4)
 *   makes one cluster per child and episode: the child's matching cases while each comes within
 *   `newEpisodeAfterDays` (default 14) local days of the one before; a case after a longer gap is
 *   reported again.
 *
 * Explanations name the class by its name and print the report deadline in the school's zone when
 * {@link detect} is told them; {@link toFindings} gives the clusters as the kernel's `Finding`s
 * (rule `outbreak.<ruleId>`), for the one report and notification path every module shares.
 *
 * @since 0.1.0
 */
import type { Messages } from "../kernel/Errors.ts"
import type { Finding } from "../kernel/Finding.ts"
import * as F from "../kernel/Finding.ts"
import type { LocalDate } from "../kernel/LocalDate.ts"
import * as LD from "../kernel/LocalDate.ts"
import type { Instant, Zone } from "../kernel/Time.ts"
import * as Time from "../kernel/Time.ts"
import type { DailyCheck } from "./model.ts"
import type { OutbreakRule, OutbreakRules } from "./rules.ts"
import type { Disease, Symptom } from "./vocabulary.ts"
import { diseaseLabels, symptomLabels } from "./vocabulary.ts"

/**
 * An illness case seen at a check.
 *
 * @since 0.1.0
 * @category models
 */
export interface Case {
  readonly checkId: string
  readonly studentId: string
  readonly classId: string
  readonly date: LocalDate
  readonly at: Instant
  readonly symptoms: ReadonlyArray<Symptom>
  /** the infectious disease diagnosed or suspected (a non-infectious diagnosis is none) */
  readonly disease: Disease | undefined
  /** whether the check names any cause, infectious or not (S4 is about illness without one) */
  readonly diagnosed: boolean
  readonly temperatureC: number | undefined
}

/**
 * The illness case a check records, if any.
 *
 * @since 0.1.0
 * @category constructors
 */
export const caseOf = (check: DailyCheck): Case | undefined => {
  const symptoms = new Set(check.symptoms)
  if (check.fever === true) symptoms.add("fever")
  const ill = symptoms.size > 0 || (!check.present && check.absenceReason === "illness") || check.disease !== undefined
  if (!ill) return undefined
  return {
    checkId: check.id,
    studentId: check.studentId,
    classId: check.classId,
    date: check.date,
    at: check.checkedAt,
    symptoms: [...symptoms].sort(),
    disease: check.disease === "nonInfectious" ? undefined : check.disease,
    diagnosed: check.disease !== undefined,
    temperatureC: check.temperatureC
  }
}

/**
 * A triggered cluster: the rule, where (the class, or the whole school), what the cases share,
 * the cases (each child once, at their first matching check), when the rule was triggered and by
 * when it must be reported (null when the rule names no deadline).
 *
 * @since 0.1.0
 * @category models
 */
export interface Cluster {
  readonly ruleId: string
  readonly rule: OutbreakRule
  readonly scope: "class" | "school"
  readonly classId: string | undefined
  readonly shared: Shared
  readonly cases: ReadonlyArray<Case>
  readonly firstDate: LocalDate
  readonly lastDate: LocalDate
  readonly triggeredAt: Instant
  readonly reportBy: Instant | null
  readonly explanation: Messages
}

/**
 * What a cluster's cases share: a symptom, a disease (diagnosed, or met by its case definition), or
 * an illness without a diagnosis (S4: a high fever or shortness of breath).
 *
 * @since 0.1.0
 * @category models
 */
export type Shared =
  | { readonly kind: "symptom"; readonly symptom: Symptom }
  | { readonly kind: "disease"; readonly disease: Disease }
  | { readonly kind: "unexplained"; readonly minCelsius: number; readonly symptoms: ReadonlyArray<Symptom> }

/**
 * What the cases share, in words: `发热` / `fever`, `手足口病` / `hand, foot and mouth disease`,
 * `不明原因的高热（≥39.1 °C）或呼吸急促` / `unexplained high fever (≥ 39.1 °C) or shortness of breath`.
 *
 * @since 0.1.0
 * @category labels
 */
export const sharedLabel = (shared: Shared): Messages => {
  switch (shared.kind) {
    case "symptom":
      return symptomLabels[shared.symptom]
    case "disease":
      return diseaseLabels[shared.disease]
    case "unexplained": {
      const others = shared.symptoms.map((s) => symptomLabels[s])
      return {
        zh: `不明原因的高热（≥${shared.minCelsius} °C）${others.map((o) => `或${o.zh}`).join("")}`,
        en: `unexplained high fever (≥ ${shared.minCelsius} °C)${others.map((o) => ` or ${o.en}`).join("")}`
      }
    }
  }
}

/** the subject's key in a finding: the symptom, the disease, or `unexplained` */
const sharedKey = (shared: Shared): string =>
  shared.kind === "symptom" ? shared.symptom : shared.kind === "disease" ? shared.disease : "unexplained"

const hour = 3_600_000
const defaultEpisodeDays = 14

/**
 * What the explanations need besides the checks: the school's zone (default Asia/Shanghai) for
 * the report deadline, and the names of its classes (default: their ids).
 *
 * @since 0.1.0
 * @category models
 */
export interface DetectOptions {
  readonly zone?: Zone
  readonly className?: (classId: string) => string
}

interface Labels {
  readonly zone: Zone
  readonly className: (classId: string) => string
}

const byTime = (a: Case, b: Case): number =>
  a.at.epochMilliseconds - b.at.epochMilliseconds || (a.studentId < b.studentId ? -1 : a.studentId > b.studentId ? 1 : a.checkId < b.checkId ? -1 : 1)

const detectIn = (
  ruleId: string,
  rule: OutbreakRule,
  classId: string | undefined,
  shared: Shared,
  cases: ReadonlyArray<Case>,
  labels: Labels
): Array<Cluster> => {
  const sorted = [...cases].sort(byTime)
  const clusters: Array<Cluster> = []
  if (rule.minCases <= 1) {
    // a single case is the event (S3: every case is reported at once): one cluster per child and
    // episode — the child's cases while each comes within `newEpisodeAfterDays` of the one before
    const gap = rule.newEpisodeAfterDays ?? defaultEpisodeDays
    const last = new Map<string, LocalDate>()
    for (const c of sorted) {
      const previous = last.get(c.studentId)
      last.set(c.studentId, c.date)
      if (previous !== undefined && LD.daysBetween(previous, c.date) <= gap) continue
      clusters.push(close(ruleId, rule, classId, shared, { cases: new Map([[c.studentId, c]]), triggeredAt: c.at, lastDate: c.date }, labels))
    }
    return clusters
  }
  let open: { cases: Map<string, Case>; triggeredAt: Instant; lastDate: LocalDate } | undefined
  for (let i = 0; i < sorted.length; i++) {
    const c = sorted[i]!
    const windowStart = LD.addDays(c.date, 1 - rule.windowDays)
    // distinct children with a matching case in the window, up to this case
    const inWindow = new Map<string, Case>()
    for (let j = 0; j <= i; j++) {
      const d = sorted[j]!
      if (d.date >= windowStart && d.date <= c.date && !inWindow.has(d.studentId)) inWindow.set(d.studentId, d)
    }
    if (inWindow.size >= rule.minCases) {
      if (open === undefined) {
        open = { cases: new Map(inWindow), triggeredAt: c.at, lastDate: c.date }
      } else {
        for (const [k, v] of inWindow) if (!open.cases.has(k)) open.cases.set(k, v)
        open.lastDate = c.date
      }
    } else if (open !== undefined) {
      clusters.push(close(ruleId, rule, classId, shared, open, labels))
      open = undefined
    }
  }
  if (open !== undefined) clusters.push(close(ruleId, rule, classId, shared, open, labels))
  return clusters
}

const close = (
  ruleId: string,
  rule: OutbreakRule,
  classId: string | undefined,
  shared: Shared,
  open: { cases: Map<string, Case>; triggeredAt: Instant; lastDate: LocalDate },
  labels: Labels
): Cluster => {
  const cases = [...open.cases.values()].sort(byTime)
  const firstDate = cases.reduce((m, c) => (c.date < m ? c.date : m), cases[0]!.date)
  const what = sharedLabel(shared)
  const className = classId === undefined ? "" : labels.className(classId)
  // a class's name (三(2)班) reads on its own; an id needs the word and a space around it
  const where = rule.scope === "class"
    ? { zh: className !== classId ? className : `班级 ${classId} `, en: `class ${className}` }
    : { zh: "全校", en: "the school" }
  const reportBy = rule.reportWithinHours === null ? null : Time.fromEpochMillis(open.triggeredAt.epochMilliseconds + rule.reportWithinHours * hour)
  const span = rule.windowDays === 1 ? { zh: "同一天", en: "in one day" } : { zh: `${rule.windowDays} 天内`, en: `within ${rule.windowDays} days` }
  return {
    ruleId,
    rule,
    scope: rule.scope,
    classId,
    shared,
    cases,
    firstDate,
    lastDate: open.lastDate,
    triggeredAt: open.triggeredAt,
    reportBy,
    explanation: {
      zh: `${where.zh}${span.zh}出现 ${cases.length} 例${what.zh}病例（规则 ${ruleId}：${rule.minCases} 例及以上）${reportBy === null ? "" : `，须在 ${Time.formatLocal(reportBy, labels.zone)} 前报告`}`,
      en: `${cases.length} cases with ${what.en} in ${where.en} ${span.en} (rule ${ruleId}: ${rule.minCases} or more)${reportBy === null ? "" : `; report by ${Time.formatLocal(reportBy, labels.zone, "en")}`}`
    }
  }
}

/**
 * The clusters the checks trigger under the rules, ordered by trigger time, then rule, then class.
 *
 * @since 0.1.0
 * @category calculations
 */
export const detect = (checks: Iterable<DailyCheck>, rules: OutbreakRules, options: DetectOptions = {}): Array<Cluster> => {
  const labels: Labels = { zone: options.zone ?? Time.defaultZone, className: options.className ?? ((id) => id) }
  const cases: Array<Case> = []
  for (const check of checks) {
    const c = caseOf(check)
    if (c !== undefined) cases.push(c)
  }
  const clusters: Array<Cluster> = []
  for (const [ruleId, rule] of Object.entries(rules.rules).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const groups = new Map<string | undefined, Array<Case>>()
    for (const c of cases) {
      const key = rule.scope === "class" ? c.classId : undefined
      const list = groups.get(key) ?? []
      list.push(c)
      groups.set(key, list)
    }
    for (const [classId, group] of groups) {
      const match = rule.match
      const found = (shared: Shared, matching: ReadonlyArray<Case>) => {
        if (matching.length >= rule.minCases) clusters.push(...detectIn(ruleId, rule, classId, shared, matching, labels))
      }
      switch (match.kind) {
        case "symptoms":
          for (const symptom of match.symptoms) found({ kind: "symptom", symptom }, group.filter((c) => c.symptoms.includes(symptom)))
          break
        case "disease": {
          // an undiagnosed case that meets the case definition counts for the rule's first disease
          // (the one the definition describes: 流感样病例)
          const definition = match.orCaseDefinition
          const meets = (c: Case) =>
            definition !== undefined && !c.diagnosed && c.temperatureC !== undefined && c.temperatureC >= definition.minCelsius &&
            definition.withAnyOf.some((s) => c.symptoms.includes(s))
          match.diseases.forEach((disease, i) => found({ kind: "disease", disease }, group.filter((c) => c.disease === disease || (i === 0 && meets(c)))))
          break
        }
        case "unexplained":
          found(
            { kind: "unexplained", minCelsius: match.minCelsius, symptoms: match.orSymptoms },
            group.filter((c) =>
              !c.diagnosed && ((c.temperatureC !== undefined && c.temperatureC >= match.minCelsius) || match.orSymptoms.some((s) => c.symptoms.includes(s)))
            )
          )
          break
      }
    }
  }
  return clusters.sort((a, b) =>
    a.triggeredAt.epochMilliseconds - b.triggeredAt.epochMilliseconds ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    ((a.classId ?? "") < (b.classId ?? "") ? -1 : (a.classId ?? "") > (b.classId ?? "") ? 1 : 0)
  )
}

/**
 * The clusters as findings, in the kernel's order: rule `outbreak.<ruleId>` (the key of its numbers
 * in the pack's `health.outbreak.rules`), subject the cluster (`{ kind: "outbreakCluster", id:
 * "<class or school>:<symptom or disease>" }`), `at` the instant the rule was triggered, severity
 * `critical` when the rule sets a reporting deadline (the school must report) and `warning` when it
 * names none; the evidence carries the class, what the cases share, the case count and children,
 * the dates and the deadline (ISO 8601). The cluster's explanation is the finding's.
 *
 * @since 0.1.0
 * @category conversions
 */
export const toFindings = (clusters: Iterable<Cluster>): Array<Finding> => {
  const out: Array<Finding> = []
  for (const c of clusters) {
    const what = sharedKey(c.shared)
    out.push(F.make({
      rule: `outbreak.${c.ruleId}`,
      severity: c.reportBy === null ? "warning" : "critical",
      subject: { kind: "outbreakCluster", id: `${c.classId ?? "school"}:${what}` },
      at: c.triggeredAt,
      period: true,
      evidence: {
        ruleId: c.ruleId,
        scope: c.scope,
        classId: c.classId ?? null,
        shared: c.shared.kind,
        [c.shared.kind]: what,
        cases: c.cases.length,
        minCases: c.rule.minCases,
        windowDays: c.rule.windowDays,
        studentIds: c.cases.map((x) => x.studentId),
        firstDate: c.firstDate,
        lastDate: c.lastDate,
        triggeredAt: Time.formatInstant(c.triggeredAt),
        reportBy: c.reportBy === null ? null : Time.formatInstant(c.reportBy)
      },
      explanation: c.explanation
    }))
  }
  return F.sort(out)
}
