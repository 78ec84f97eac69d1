/**
 * Across replications: each output's mean with a 95% confidence interval, and the paired
 * differences between two scenarios run on the same seed (common random numbers: replication i of
 * one is compared with replication i of the other).
 *
 * @since 0.1.0
 */
import type { ReplicationResult } from "./model.ts"
import type { Estimate } from "./stats.ts"
import { estimate } from "./stats.ts"

/**
 * The outputs of a replication, by name (each also the key of its estimate in a {@link Summary}).
 *
 * @since 0.1.0
 * @category constants
 */
export const metricNames = [
  "requests",
  "decisions",
  "shareApproved",
  "shareRejected",
  "shareUnrouted",
  "shareUndecided",
  "shareEscalated",
  "shareCollectiveDecision",
  "shareGovernmentChannel",
  "leadTimeMeanHours",
  "leadTimeP50Hours",
  "leadTimeP90Hours",
  "leadTimeP95Hours"
] as const

/**
 * The name of an output (other than the approvals per role, `approvals.<roleId>`).
 *
 * @since 0.1.0
 * @category models
 */
export type MetricName = typeof metricNames[number]

/**
 * The outputs of one replication, by name. Shares are of the requests, or of the routed ones for
 * the route's properties (escalated, collective decision, government channel); NaN when there is
 * nothing to share. Lead times are in hours, from submission to the final decision.
 *
 * @since 0.1.0
 * @category models
 */
export interface Metrics {
  /** requests submitted in the term */
  readonly requests: number
  /** decisions taken (approvals, rejections, returns, escalations, …) */
  readonly decisions: number
  /** share of the requests approved */
  readonly shareApproved: number
  /** share of the requests rejected */
  readonly shareRejected: number
  /** share of the requests the policy could not route */
  readonly shareUnrouted: number
  /** share of the requests still undecided or withdrawn at the end of the term */
  readonly shareUndecided: number
  /** share of the routed requests with an escalated step */
  readonly shareEscalated: number
  /** share of the routed requests that needed a collective decision */
  readonly shareCollectiveDecision: number
  /** share of the routed requests sent to government procurement */
  readonly shareGovernmentChannel: number
  /** lead time from submission to decision, hours: mean, median, 90th and 95th percentile */
  readonly leadTimeMeanHours: number
  readonly leadTimeP50Hours: number
  readonly leadTimeP90Hours: number
  readonly leadTimeP95Hours: number
  /** approvals given by the holders of each role, under `approvals.<roleId>` */
  readonly [name: string]: number | undefined
}

const share = (n: number, d: number): number => (d === 0 ? Number.NaN : n / d)

/**
 * The named outputs of one replication.
 *
 * @since 0.1.0
 * @category summaries
 */
export const metricsOf = (r: ReplicationResult): Metrics => {
  const routed = r.requests - r.unrouted
  const m: Record<string, number> & Metrics = {
    requests: r.requests,
    decisions: r.decisions,
    shareApproved: share(r.approved, r.requests),
    shareRejected: share(r.rejected, r.requests),
    shareUnrouted: share(r.unrouted, r.requests),
    shareUndecided: share(r.undecided + r.withdrawn, r.requests),
    shareEscalated: share(r.escalated, routed),
    shareCollectiveDecision: share(r.collectiveDecision, routed),
    shareGovernmentChannel: share(r.governmentChannel, routed),
    leadTimeMeanHours: r.leadTimeHours.mean,
    leadTimeP50Hours: r.leadTimeHours.p50,
    leadTimeP90Hours: r.leadTimeHours.p90,
    leadTimeP95Hours: r.leadTimeHours.p95
  }
  for (const [role, n] of Object.entries(r.approvalsByRole)) m[`approvals.${role}`] = n
  return m
}

/**
 * The estimate (mean with a 95% confidence interval over the replications) of every output:
 * `summary.requests`, `summary.shareCollectiveDecision`, `summary.leadTimeMeanHours`, … — the
 * names of {@link metricNames}, documented on {@link Metrics} — and the approvals per role under
 * `approvals.<roleId>` (`summary["approvals.committee"]`, undefined for a role nobody held).
 *
 * @since 0.1.0
 * @category models
 */
export type Summary = { readonly [K in MetricName]: Estimate } & { readonly [name: string]: Estimate | undefined }

const names = (rows: ReadonlyArray<Metrics>): Array<string> => {
  const set = new Set<string>()
  for (const r of rows) for (const k of Object.keys(r)) set.add(k)
  return [...set].sort()
}

/**
 * Means with 95% confidence intervals of every output, over replications in index order. An
 * output a replication lacks (approvals of a role nobody held there) counts as 0.
 *
 * @since 0.1.0
 * @category summaries
 */
export const summarise = (results: ReadonlyArray<ReplicationResult>): Summary => {
  const rows = [...results].sort((a, b) => a.replication - b.replication).map(metricsOf)
  const out: Record<string, Estimate> = {}
  for (const k of names(rows)) out[k] = estimate(rows.map((r) => r[k] ?? (k.startsWith("approvals.") ? 0 : Number.NaN)))
  return out as Summary
}

/**
 * Paired differences `b − a` of every output, replication by replication (both run with the same
 * seed and replication indices), with 95% confidence intervals.
 *
 * @since 0.1.0
 * @category summaries
 */
export const pairedDifferences = (a: ReadonlyArray<ReplicationResult>, b: ReadonlyArray<ReplicationResult>): Summary => {
  const byIndex = new Map(a.map((r) => [r.replication, metricsOf(r)]))
  const pairs = [...b].sort((x, y) => x.replication - y.replication)
    .filter((r) => byIndex.has(r.replication))
    .map((r) => [byIndex.get(r.replication)!, metricsOf(r)] as const)
  const out: Record<string, Estimate> = {}
  for (const k of names(pairs.flatMap(([x, y]) => [x, y]))) {
    const zero = k.startsWith("approvals.") ? 0 : Number.NaN
    out[k] = estimate(pairs.map(([x, y]) => (y[k] ?? zero) - (x[k] ?? zero)))
  }
  return out as Summary
}
