/**
 * Findings: what every check in every module returns, in one shape, so that one report, one
 * dashboard and one notification path serve them all.
 *
 * `{ id, rule, severity, subject: { kind, id }, at, evidence, explanation: { zh, en } }` —
 * `at` is the instant the problem occurred or began (a breach's start; for something missing, the
 * time it was due); `rule` is a stable rule id, also the key of its number in the rule pack;
 * `id` is derived from rule + subject (+ the start of a period), so the same problem found twice
 * has one id. Lists are ordered by `at`, then `rule`, then `subject.id`.
 *
 * @since 0.1.0
 */
import type { Order} from "effect";
import { Schema } from "effect"
import { Messages } from "./Errors.ts"
import type { Instant } from "./Time.ts"
import { formatInstant, InstantSchema } from "./Time.ts"

/**
 * `info` < `warning` < `violation` < `critical`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Severity = Schema.Literals(["info", "warning", "violation", "critical"])

/**
 * @since 0.1.0
 * @category models
 */
export type Severity = typeof Severity.Type

/**
 * The rank of a severity: info 0, warning 1, violation 2, critical 3.
 *
 * @since 0.1.0
 * @category getters
 */
export const severityRank = (s: Severity): number =>
  s === "info" ? 0 : s === "warning" ? 1 : s === "violation" ? 2 : 3

/**
 * What a finding is about: `{ kind: "sample", id: "…" }`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Subject = Schema.Struct({ kind: Schema.String, id: Schema.String })

/**
 * @since 0.1.0
 * @category models
 */
export type Subject = typeof Subject.Type

/**
 * Evidence: the numbers that prove a finding, as JSON (money in fen, decimals as strings,
 * instants as ISO text).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Evidence = Schema.Record(Schema.String, Schema.Json)

/**
 * @since 0.1.0
 * @category schemas
 */
export const FindingSchema = Schema.Struct({
  id: Schema.String,
  rule: Schema.String,
  severity: Severity,
  subject: Subject,
  at: InstantSchema,
  evidence: Evidence,
  explanation: Messages
})

/**
 * @since 0.1.0
 * @category models
 */
export type Finding = typeof FindingSchema.Type

/**
 * The id of a finding: rule, subject and, for problems that are periods (a temperature breach),
 * the start of the period.
 *
 * @since 0.1.0
 * @category constructors
 */
export const findingId = (rule: string, subject: Subject, periodStart?: Instant): string =>
  `${rule}:${subject.kind}:${subject.id}${periodStart === undefined ? "" : `@${formatInstant(periodStart)}`}`

/**
 * A finding, with its id derived from rule, subject and (when `period` is set) `at`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (input: {
  readonly rule: string
  readonly severity: Severity
  readonly subject: Subject
  readonly at: Instant
  readonly evidence: Readonly<Record<string, Schema.Json>>
  readonly explanation: Messages
  /** set for problems that are periods, so that two breaches of one sample have two ids */
  readonly period?: boolean
}): Finding => ({
  id: findingId(input.rule, input.subject, input.period === true ? input.at : undefined),
  rule: input.rule,
  severity: input.severity,
  subject: input.subject,
  at: input.at,
  evidence: input.evidence,
  explanation: input.explanation
})

/**
 * The order of findings: by `at`, then `rule`, then `subject.id` (then `id`, so that the order
 * is total).
 *
 * @since 0.1.0
 * @category orders
 */
export const order: Order.Order<Finding> = (a, b) => {
  const t = a.at.epochMilliseconds - b.at.epochMilliseconds
  if (t !== 0) return t < 0 ? -1 : 1
  if (a.rule !== b.rule) return a.rule < b.rule ? -1 : 1
  if (a.subject.id !== b.subject.id) return a.subject.id < b.subject.id ? -1 : 1
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/**
 * Findings in their canonical order, whatever order the input records came in.
 *
 * @since 0.1.0
 * @category combinators
 */
export const sort = (findings: Iterable<Finding>): Array<Finding> => Array.from(findings).sort(order)

/**
 * Findings of one severity or worse.
 *
 * @since 0.1.0
 * @category combinators
 */
export const atLeast = (findings: Iterable<Finding>, severity: Severity): Array<Finding> =>
  Array.from(findings).filter((f) => severityRank(f.severity) >= severityRank(severity))
