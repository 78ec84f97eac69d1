/**
 * The compliance summary of an evaluation: counts by rule and by severity, how many samples and
 * meals have findings, and the share of samples without any — the numbers of a summary page or a
 * district dashboard.
 *
 * @since 0.1.0
 */
import type { Severity } from "../kernel/Finding.ts"
import { formatInstant } from "../kernel/Time.ts"
import type { Evaluation } from "./compliance.ts"

/**
 * Findings of one rule: how many, and how many distinct subjects (samples or meals) they concern.
 *
 * @since 0.1.0
 * @category models
 */
export interface RuleCount {
  readonly findings: number
  readonly subjects: number
}

/**
 * The summary.
 *
 * @since 0.1.0
 * @category models
 */
export interface Summary {
  readonly asOf: string
  readonly period: { readonly from: string; readonly to: string } | null
  readonly meals: number
  readonly mealsRequiringSamples: number
  /** meals with at least one dish without a sample */
  readonly mealsMissingSamples: number
  readonly samples: number
  /** samples with at least one finding */
  readonly samplesWithFindings: number
  /** samples without findings ÷ samples (1 when there are no samples) */
  readonly compliantShare: number
  readonly readings: number
  readonly byRule: Readonly<Record<string, RuleCount>>
  readonly bySeverity: Readonly<Record<Severity, number>>
}

/**
 * Summarises an evaluation.
 *
 * @since 0.1.0
 * @category constructors
 */
export const summarise = (evaluation: Evaluation): Summary => {
  const subjects = new Map<string, Set<string>>()
  const counts = new Map<string, number>()
  const bySeverity: Record<Severity, number> = { info: 0, warning: 0, violation: 0, critical: 0 }
  const samples = new Set<string>()
  const meals = new Set<string>()
  for (const f of evaluation.findings) {
    counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1)
    let set = subjects.get(f.rule)
    if (set === undefined) {
      set = new Set()
      subjects.set(f.rule, set)
    }
    set.add(`${f.subject.kind}:${f.subject.id}`)
    bySeverity[f.severity]++
    if (f.subject.kind === "sample") samples.add(f.subject.id)
    else if (f.subject.kind === "meal") meals.add(f.subject.id)
  }
  const byRule: Record<string, RuleCount> = {}
  for (const rule of [...counts.keys()].sort()) byRule[rule] = { findings: counts.get(rule)!, subjects: subjects.get(rule)!.size }
  return {
    asOf: formatInstant(evaluation.asOf),
    period: evaluation.period === undefined ? null : { from: evaluation.period.from, to: evaluation.period.to },
    meals: evaluation.meals,
    mealsRequiringSamples: evaluation.mealsRequiringSamples,
    mealsMissingSamples: meals.size,
    samples: evaluation.samples,
    samplesWithFindings: samples.size,
    compliantShare: evaluation.samples === 0 ? 1 : (evaluation.samples - samples.size) / evaluation.samples,
    readings: evaluation.readings,
    byRule,
    bySeverity
  }
}
