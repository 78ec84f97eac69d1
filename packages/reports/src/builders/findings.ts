/**
 * The findings report: the findings of any module's checks (the kernel's one `Finding` shape) as
 * one document — counts by severity and by rule, and the list in the canonical order (time, rule,
 * subject) with the rule, the subject, the severity, the evidence and the explanation in the
 * chosen language.
 *
 * @since 0.1.0
 */
import type { Messages } from "@houqin/core"
import { Finding } from "@houqin/core"
import type { Result } from "effect"
import type { ValidationError } from "@houqin/core"
import type { Text } from "../Locale.ts"
import { label } from "../Locale.ts"
import type { BlockInput, Report } from "../Report.ts"
import { make } from "../Report.ts"
import type { DocumentOptions } from "./document.ts"
import { documentFields, signatureLines } from "./document.ts"

/**
 * The names of the severities: 提示 / 警告 / 违规 / 严重.
 *
 * @since 0.1.0
 * @category constants
 */
export const severityLabels: Readonly<Record<Finding.Severity, Messages>> = {
  info: label("提示", "info"),
  warning: label("警告", "warning"),
  violation: label("违规", "violation"),
  critical: label("严重", "critical")
}

/**
 * The severities from the worst down.
 *
 * @since 0.1.0
 * @category constants
 */
export const severitiesWorstFirst: ReadonlyArray<Finding.Severity> = ["critical", "violation", "warning", "info"]

const jsonText = (v: unknown): string => {
  if (v === null || v === undefined) return "—"
  if (typeof v === "string") return v
  if (typeof v === "number" || typeof v === "boolean") return String(v)
  if (Array.isArray(v)) return v.every((x) => x === null || typeof x !== "object") ? v.map(jsonText).join(", ") : JSON.stringify(v)
  return JSON.stringify(v)
}

/**
 * A finding's evidence as one line of text: `grams: 100; requiredGrams: 125`, in the evidence's
 * own order.
 *
 * @since 0.1.0
 * @category formatting
 */
export const evidenceText = (evidence: Finding.Finding["evidence"], omit: ReadonlySet<string> = new Set()): string =>
  Object.entries(evidence).filter(([k]) => !omit.has(k)).map(([k, v]) => `${k}: ${jsonText(v)}`).join("; ")

/**
 * Options of the findings table: labels of rules and subject kinds (the rule id and the kind are
 * shown when a label is missing), and evidence keys to leave out.
 *
 * @since 0.1.0
 * @category models
 */
export interface FindingsTableOptions {
  readonly ruleLabels?: Readonly<Record<string, Messages>>
  readonly subjectLabels?: Readonly<Record<string, Messages>>
  readonly omitEvidence?: ReadonlyArray<string>
  readonly caption?: Text
}

const columns = [
  { label: label("时间", "at"), kind: "instant" },
  { label: label("规则", "rule"), kind: "text" },
  { label: label("对象", "subject"), kind: "text" },
  { label: label("严重程度", "severity"), kind: "text" },
  { label: label("证据", "evidence"), kind: "text" },
  { label: label("说明", "explanation"), kind: "text" }
] as const

const ruleText = (rule: string, labels: FindingsTableOptions["ruleLabels"]): Text => {
  const l = labels?.[rule]
  return l === undefined ? rule : { zh: `${l.zh}（${rule}）`, en: `${l.en} (${rule})` }
}

const subjectText = (s: Finding.Subject, labels: FindingsTableOptions["subjectLabels"]): Text => {
  const l = labels?.[s.kind]
  return l === undefined ? `${s.kind} ${s.id}` : { zh: `${l.zh} ${s.id}`, en: `${l.en} ${s.id}` }
}

/**
 * The table of findings, in the canonical order (time, rule, subject) whatever order they came in.
 *
 * @since 0.1.0
 * @category constructors
 */
export const findingsTable = (findings: Iterable<Finding.Finding>, options: FindingsTableOptions = {}): BlockInput => {
  const omit = new Set(options.omitEvidence ?? [])
  return {
    type: "table",
    ...(options.caption === undefined ? {} : { caption: options.caption }),
    columns,
    rows: Finding.sort(findings).map((f) => [
      f.at,
      ruleText(f.rule, options.ruleLabels),
      subjectText(f.subject, options.subjectLabels),
      severityLabels[f.severity],
      evidenceText(f.evidence, omit),
      f.explanation
    ]),
    empty: label("未发现问题", "no findings")
  }
}

/**
 * Counts by rule: `[rule, findings, distinct subjects]`, rules in order of their ids.
 *
 * @since 0.1.0
 * @category getters
 */
export const countsByRule = (findings: Iterable<Finding.Finding>): ReadonlyArray<{ readonly rule: string; readonly findings: number; readonly subjects: number; readonly bySeverity: Readonly<Record<Finding.Severity, number>> }> => {
  const map = new Map<string, { findings: number; subjects: Set<string>; bySeverity: Record<Finding.Severity, number> }>()
  for (const f of findings) {
    let e = map.get(f.rule)
    if (e === undefined) {
      e = { findings: 0, subjects: new Set(), bySeverity: { info: 0, warning: 0, violation: 0, critical: 0 } }
      map.set(f.rule, e)
    }
    e.findings++
    e.subjects.add(`${f.subject.kind}:${f.subject.id}`)
    e.bySeverity[f.severity]++
  }
  return [...map.keys()].sort().map((rule) => {
    const e = map.get(rule)!
    return { rule, findings: e.findings, subjects: e.subjects.size, bySeverity: e.bySeverity }
  })
}

/**
 * Options of the findings report.
 *
 * @since 0.1.0
 * @category models
 */
export interface FindingsReportOptions extends DocumentOptions, FindingsTableOptions {
  readonly title?: Text
  readonly subtitle?: Text
}

/**
 * The findings report: a summary (how many, by severity), a table and a stacked bar chart by rule
 * and severity, and the list of findings.
 *
 * @since 0.1.0
 * @category builders
 */
export const findingsReport = (findings: Iterable<Finding.Finding>, options: FindingsReportOptions = {}): Result.Result<Report, ValidationError> => {
  const list = Finding.sort(findings)
  const bySeverity: Record<Finding.Severity, number> = { info: 0, warning: 0, violation: 0, critical: 0 }
  for (const f of list) bySeverity[f.severity]++
  const byRule = countsByRule(list)
  const ruleName = (rule: string): Text => options.ruleLabels?.[rule] ?? rule
  const summary: Array<BlockInput> = [
    {
      type: "fields",
      fields: [
        { label: label("问题总数", "findings"), value: list.length, type: { kind: "integer" } },
        ...severitiesWorstFirst.map((s) => ({ label: severityLabels[s], value: bySeverity[s], type: { kind: "integer" } as const }))
      ]
    },
    {
      type: "table",
      caption: label("按规则", "By rule"),
      columns: [
        { label: label("规则", "rule"), kind: "text" },
        ...severitiesWorstFirst.map((s) => ({ label: severityLabels[s], kind: "integer" as const })),
        { label: label("问题数", "findings"), kind: "integer" },
        { label: label("涉及对象", "subjects"), kind: "integer" }
      ],
      rows: byRule.map((r) => [ruleText(r.rule, options.ruleLabels), ...severitiesWorstFirst.map((s) => r.bySeverity[s]), r.findings, r.subjects]),
      totals: {
        label: label("合计", "total"),
        values: [null, ...severitiesWorstFirst.map((s) => bySeverity[s]), list.length, null]
      },
      empty: label("未发现问题", "no findings")
    }
  ]
  if (byRule.length > 0) {
    summary.push({
      type: "chart",
      chart: {
        kind: "stackedBar",
        title: label("各规则的问题数（按严重程度）", "Findings by rule and severity"),
        categories: byRule.map((r) => ruleName(r.rule)),
        series: severitiesWorstFirst.map((s) => ({ name: severityLabels[s], values: byRule.map((r) => r.bySeverity[s]) })),
        value: { kind: "integer" },
        yLabel: label("问题数", "findings")
      }
    })
  }
  return make({
    title: options.title ?? label("检查发现的问题", "Findings"),
    ...(options.subtitle === undefined ? {} : { subtitle: options.subtitle }),
    ...documentFields(options),
    sections: [
      { title: label("汇总", "Summary"), blocks: summary },
      {
        title: label("问题清单", "List of findings"),
        blocks: [findingsTable(list, options), ...signatureLines(options)]
      }
    ]
  })
}
