/**
 * Seeded replications of a term of approval requests. The simulator generates requests from the
 * scenario's arrival streams, routes each with the real `route`, and walks it through the real
 * `decide` as approvers answer (or do not, and the step escalates at its deadline; on a chain,
 * each link has its own deadline, and a silent link is passed to the next level). It is
 * single-threaded and browser-safe; `@houqin/core/simulation/workers` spreads replications over
 * worker threads with byte-identical results.
 *
 * Random sources (see `random.ts`): `arrivals:<stream id>` (counts, times, amounts, requesters of
 * one arrival stream), `response:<request>:<staff>:<n>` (the n-th answer of one approver to one
 * request), `escalation:<request>:<staff>:<n>` and `resubmit:<request>:<round>`. Keyed by
 * request and person, not by step, so that two policies see the same people answer the same
 * request the same way (common random numbers).
 *
 * @since 0.1.0
 */
import { Result } from "effect"
import { canEscalate, chainPosition, decide, dueAt, start } from "../approvals/decide.ts"
import type { Action, ApprovalState, Request } from "../approvals/model.ts"
import type { OrgIndex } from "../approvals/resolve.ts"
import { indexOrg } from "../approvals/resolve.ts"
import { route } from "../approvals/route.ts"
import type { LocalDate } from "../kernel/LocalDate.ts"
import * as LD from "../kernel/LocalDate.ts"
import { fromEpochMillis, startOfDay } from "../kernel/Time.ts"
import type { LeadTime, ReplicationResult, Scenario } from "./model.ts"
import * as R from "./random.ts"
import { percentile } from "./stats.ts"

const HOUR = 3_600_000
const GOVERNMENT = new Set(["designatedPurchasingPoint", "governmentProcurement", "openTender", "mandatoryTender"])

/**
 * The school days of a term: each date with the instant it starts in the school's zone.
 *
 * @since 0.1.0
 * @category simulation
 */
export const schoolDays = (term: Scenario["term"]): ReadonlyArray<{ readonly date: LocalDate; readonly startMs: number }> => {
  const out: Array<{ date: LocalDate; startMs: number }> = []
  const first = LD.startOfWeek(term.start)
  for (let d = 0; d < term.weeks * 7; d++) {
    const date = LD.addDays(first, d)
    if (date < term.start || LD.dayOfWeek(date) > term.daysPerWeek) continue
    out.push({ date, startMs: startOfDay(date, term.zone).epochMilliseconds })
  }
  return out
}

/**
 * The requests of one replication, in order of submission: the scenario's recorded requests
 * (with their own ids) and the generated ones, in order of submission then of arrival stream.
 * A generated request's id is `r<replication>-<stream>-<n>`: its arrival stream's name (`id`, or
 * the kind) and its place in that stream (1, 2, …). Every random source of a request is keyed by
 * that id, so adding a stream leaves the other streams' requests, routes and outcomes as they
 * were.
 *
 * @since 0.1.0
 * @category simulation
 */
export const generateRequests = (scenario: Scenario, seed: number, replication: number): Array<Request> => {
  const days = schoolDays(scenario.term)
  const open = scenario.term.openHour * HOUR
  const span = Math.max(1, scenario.term.closeHour - scenario.term.openHour) * HOUR
  const drafts: Array<{ at: number; stream: number; seq: number; id: string; request: Omit<Request, "id" | "submittedAt"> }> = []
  const staffById = indexOrg(scenario.org).staff
  scenario.arrivals.forEach((a, ai) => {
    const name = a.id ?? a.kind
    const s = R.stream(seed, replication, `arrivals:${name}`)
    const requesters = a.requesters ?? scenario.requesters
    let seq = 0
    for (const day of days) {
      const n = R.poisson(s, a.perDay)
      for (let k = 0; k < n; k++) {
        // to the minute, as records are kept
        const at = day.startMs + Math.floor((open + R.uniform(s) * span) / 60_000) * 60_000
        let fen = Math.round(R.logNormal(s, a.amount.medianFen, a.amount.sigma))
        if (a.amount.minFen !== undefined) fen = Math.max(a.amount.minFen, fen)
        if (a.amount.maxFen !== undefined) fen = Math.min(a.amount.maxFen, fen)
        const requesterId = requesters[R.index(s, requesters.length)]!
        const category = a.categories === undefined ? undefined : R.weighted(s, a.categories)
        const fundingSource = a.fundingSources === undefined ? undefined : R.weighted(s, a.fundingSources)
        const department = staffById.get(requesterId)?.departmentId
        drafts.push({
          at,
          stream: ai,
          seq,
          // the id names the stream and the place in it, so a request's own random sources
          // (keyed by its id) do not move when another stream is added or removed
          id: `r${replication}-${name}-${++seq}`,
          request: {
            kind: a.kind,
            requesterId,
            ...(department === undefined ? {} : { departmentId: department }),
            title: "simulated request",
            amount: { amount: fen, currency: scenario.policy.currency ?? "CNY" },
            ...(category === undefined ? {} : { category }),
            ...(fundingSource === undefined ? {} : { fundingSource })
          }
        })
      }
    }
  })
  drafts.sort((x, y) => x.at - y.at || x.stream - y.stream || x.seq - y.seq)
  const generated = drafts.map((d) => ({ ...d.request, id: d.id, submittedAt: fromEpochMillis(d.at) }) as Request)
  if (scenario.recorded === undefined || scenario.recorded.length === 0) return generated
  return [...scenario.recorded, ...generated].sort((a, b) => a.submittedAt.epochMilliseconds - b.submittedAt.epochMilliseconds)
}

/**
 * What happened to one request.
 *
 * @since 0.1.0
 * @category models
 */
export interface Outcome {
  readonly status: "approved" | "rejected" | "withdrawn" | "undecided" | "unrouted"
  readonly leadTimeHours: number | undefined
  /** whether any deadline passed: a chain link passed to the next level, or a step escalated */
  readonly escalated: boolean
  readonly conditions: ReadonlyArray<string>
  /** who approved (the principal of each accepted approval), in order */
  readonly approvers: ReadonlyArray<string>
  readonly decisions: number
}

interface Answer {
  readonly at: number
  readonly who: string
  readonly verdict: "approve" | "reject" | "return"
}

const verdictOf = (u: number, b: Scenario["behaviour"]): Answer["verdict"] =>
  u < b.rejectShare ? "reject" : u < b.rejectShare + b.returnShare ? "return" : "approve"

/**
 * Walks one request through its route with the real `route` and `decide`, drawing the answers
 * of its approvers from their own streams.
 *
 * @since 0.1.0
 * @category simulation
 */
export const simulateRequest = (
  scenario: Scenario,
  ix: OrgIndex,
  request: Request,
  seed: number,
  replication: number
): Outcome => {
  const r = route(request, scenario.policy, ix, { explain: false })
  if (Result.isFailure(r)) return { status: "unrouted", leadTimeHours: undefined, escalated: false, conditions: [], approvers: [], decisions: 0 }
  const b = scenario.behaviour
  const occurrences = new Map<string, number>()
  const draw = (source: string, who: string) => {
    const key = `${source}:${request.id}:${who}`
    const n = occurrences.get(key) ?? 0
    occurrences.set(key, n + 1)
    return R.stream(seed, replication, `${key}:${n}`)
  }
  let state: ApprovalState = start(request, r.success, { allowRepeatApprover: scenario.policy.allowRepeatApprover === true })
  let decisions = 0
  let escalated = false
  const approvers: Array<string> = []
  const submitted = request.submittedAt.epochMilliseconds
  const apply = (action: Action): boolean => {
    const out = decide(state, action)
    if (Result.isFailure(out)) return false
    state = out.success.state
    decisions++
    if (action.type === "approve") approvers.push(state.approvals[state.approvals.length - 1]!.for)
    return true
  }
  let end = submitted
  while (state.status === "pending" || state.status === "returned") {
    if (state.status === "returned") {
      if (state.round >= b.maxRounds) {
        return { status: "withdrawn", leadTimeHours: undefined, escalated, conditions: r.success.conditions, approvers, decisions }
      }
      const s = R.stream(seed, replication, `resubmit:${request.id}:${state.round}`)
      end = end + R.exponential(s, b.resubmitHours) * HOUR
      apply({ type: "resubmit", actor: request.requesterId, at: fromEpochMillis(Math.ceil(end)) })
      continue
    }
    const stepIndex = state.step
    const round = state.round
    const step = state.route.steps[stepIndex]!
    const stepStart = state.stepStartedAt.epochMilliseconds
    const moved = () => state.status !== "pending" || state.step !== stepIndex || state.round !== round
    if (step.quorum.type === "chain") {
      // one link at a time, each against its own deadline from when its turn began: a link that
      // answers by then acts; a silent one is passed at the deadline and the next link's clock
      // starts; the last link's silence escalates, and then the first to answer of the escalation
      // role's holders and the last link decides
      let cursor = stepStart
      while (!moved()) {
        const who = step.eligible[chainPosition(state)!]!
        const s = draw("response", who)
        const answer: Answer | undefined = R.uniform(s) < b.availability
          ? { at: cursor + R.exponential(s, b.meanResponseHours) * HOUR, who, verdict: verdictOf(R.uniform(s), b) }
          : undefined
        // the deadline acts only where it can pass the link or escalate the step; a link with a
        // deadline and nowhere to go (the last, without an escalation role) is only late, and its
        // answer, however late, decides
        const due = canEscalate(state) ? dueAt(state) : undefined
        if (answer !== undefined && (due === undefined || answer.at <= due)) {
          end = answer.at
          if (!apply(actionOf(answer))) break
          cursor = answer.at
          continue
        }
        // silent with no deadline that acts: the step stays undecided
        if (due === undefined) break
        if (!apply({ type: "escalate", actor: "system", at: fromEpochMillis(Math.ceil(due)) })) break
        escalated = true
        if (!state.escalated.includes(stepIndex) || step.escalation === undefined) {
          // a link passed: the next level's turn from the escalation
          cursor = Math.ceil(due)
          continue
        }
        const e = firstEscalationAnswer(step.escalation.eligible, due, draw, b)
        const first = answer !== undefined && (e === undefined || answer.at < e.at) ? answer : e
        if (first !== undefined) {
          end = first.at
          apply(actionOf(first))
        }
        break
      }
    } else {
      // the answers of the step's approvers, in time order
      const answers: Array<Answer> = []
      for (const who of step.eligible) {
        const s = draw("response", who)
        if (R.uniform(s) >= b.availability) continue
        const at = stepStart + R.exponential(s, b.meanResponseHours) * HOUR
        answers.push({ at, who, verdict: verdictOf(R.uniform(s), b) })
      }
      answers.sort((x, y) => x.at - y.at || (x.who < y.who ? -1 : x.who > y.who ? 1 : 0))
      const due = dueAt(state)
      let k = 0
      const until = (limit: number) => {
        while (k < answers.length && answers[k]!.at <= limit && !moved()) {
          end = answers[k]!.at
          apply(actionOf(answers[k]!))
          k++
        }
      }
      if (due !== undefined && step.escalation !== undefined && !state.escalated.includes(stepIndex)) {
        // answers before the deadline; then the step escalates, and the first escalation approver
        // to answer decides unless the original approvers finish first
        until(due)
        if (!moved()) {
          if (apply({ type: "escalate", actor: "system", at: fromEpochMillis(Math.ceil(due)) })) escalated = true
          const e = firstEscalationAnswer(step.escalation.eligible, due, draw, b)
          until(e === undefined ? Number.POSITIVE_INFINITY : e.at - 1)
          if (!moved() && e !== undefined) {
            end = e.at
            apply(actionOf(e))
          }
        }
      } else {
        until(Number.POSITIVE_INFINITY)
      }
    }
    if (!moved()) {
      return { status: "undecided", leadTimeHours: undefined, escalated, conditions: r.success.conditions, approvers, decisions }
    }
  }
  return {
    status: state.status === "approved" ? "approved" : "rejected",
    leadTimeHours: (end - submitted) / HOUR,
    escalated,
    conditions: r.success.conditions,
    approvers,
    decisions
  }
}

const actionOf = (a: Answer): Action =>
  (a.verdict === "approve"
    ? { type: "approve", actor: a.who, at: fromEpochMillis(Math.ceil(a.at)) }
    : { type: a.verdict, actor: a.who, at: fromEpochMillis(Math.ceil(a.at)), comment: a.verdict === "reject" ? "simulated rejection" : "simulated return" }) as Action

const firstEscalationAnswer = (
  eligible: ReadonlyArray<string>,
  from: number,
  draw: (source: string, who: string) => R.Stream,
  b: Scenario["behaviour"]
): Answer | undefined => {
  let best: Answer | undefined
  for (const who of eligible) {
    const s = draw("escalation", who)
    const at = from + R.exponential(s, b.meanResponseHours) * HOUR
    const verdict = verdictOf(R.uniform(s), b)
    if (best === undefined || at < best.at || (at === best.at && who < best.who)) best = { at, who, verdict }
  }
  return best
}

const leadTime = (hours: Array<number>): LeadTime => {
  hours.sort((a, b) => a - b)
  let sum = 0
  for (const h of hours) sum += h
  return {
    mean: hours.length === 0 ? Number.NaN : sum / hours.length,
    p50: percentile(hours, 50),
    p90: percentile(hours, 90),
    p95: percentile(hours, 95),
    max: hours.length === 0 ? Number.NaN : hours[hours.length - 1]!
  }
}

/**
 * The most senior role of each staff member (the role approvals are counted under).
 *
 * @since 0.1.0
 * @category simulation
 */
export const seniorRole = (ix: OrgIndex, staffId: string): string => {
  const s = ix.staff.get(staffId)
  let best: { id: string; level: number } | undefined
  for (const r of s?.roles ?? []) {
    const role = ix.roles.get(r)
    if (role !== undefined && (best === undefined || role.level > best.level)) best = { id: role.id, level: role.level }
  }
  return best?.id ?? "(none)"
}

/**
 * Runs one replication: generates its requests and walks each through the policy.
 *
 * @since 0.1.0
 * @category simulation
 */
export const runReplication = (scenario: Scenario, seed: number, replication: number): ReplicationResult => {
  const ix = indexOrg(scenario.org)
  const requests = generateRequests(scenario, seed, replication)
  const byRole = new Map<string, number>()
  const hours: Array<number> = []
  let unrouted = 0
  let approved = 0
  let rejected = 0
  let withdrawn = 0
  let undecided = 0
  let escalated = 0
  let collective = 0
  let government = 0
  let decisions = 0
  for (const request of requests) {
    const o = simulateRequest(scenario, ix, request, seed, replication)
    decisions += o.decisions
    switch (o.status) {
      case "unrouted":
        unrouted++
        continue
      case "approved":
        approved++
        break
      case "rejected":
        rejected++
        break
      case "withdrawn":
        withdrawn++
        break
      case "undecided":
        undecided++
        break
    }
    if (o.leadTimeHours !== undefined) hours.push(o.leadTimeHours)
    if (o.escalated) escalated++
    if (o.conditions.includes("collectiveDecision")) collective++
    if (o.conditions.some((c) => GOVERNMENT.has(c))) government++
    for (const who of o.approvers) {
      const role = seniorRole(ix, who)
      byRole.set(role, (byRole.get(role) ?? 0) + 1)
    }
  }
  const approvalsByRole: Record<string, number> = {}
  for (const k of [...byRole.keys()].sort()) approvalsByRole[k] = byRole.get(k)!
  return {
    replication,
    requests: requests.length,
    unrouted,
    approved,
    rejected,
    withdrawn,
    undecided,
    escalated,
    collectiveDecision: collective,
    governmentChannel: government,
    approvalsByRole,
    decisions,
    leadTimeHours: leadTime(hours)
  }
}

/**
 * Runs the given replications, in the order given.
 *
 * @since 0.1.0
 * @category simulation
 */
export const runReplications = (scenario: Scenario, seed: number, replications: ReadonlyArray<number>): Array<ReplicationResult> =>
  replications.map((i) => runReplication(scenario, seed, i))
