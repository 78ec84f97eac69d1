/**
 * The approvals commands: save a policy revision, submit a request, decide on it, escalate
 * overdue steps on an explicit clock, and save or revoke a standing delegation. Each runs in one
 * unit of work and writes one audit entry; every decision also writes its decision record, which
 * names the policy revision.
 *
 * @since 0.1.0
 */
import { Effect, Option, Schema, Tuple } from "effect"
import * as Id from "../kernel/Id.ts"
import type { LocalDate } from "../kernel/LocalDate.ts"
import { ValidationError } from "../kernel/Errors.ts"
import type { Organisation } from "../kernel/People.ts"
import * as Time from "../kernel/Time.ts"
import { InstantSchema, localDate } from "../kernel/Time.ts"
import * as Command from "../ports/Command.ts"
import { OrganisationRepository } from "../ports/people.ts"
import { DecisionRepository, DelegationRepository, PolicyRepository, RequestRepository } from "../ports/approvals.ts"
import { decide as decidePure, overdue, start } from "./decide.ts"
import { RouteError } from "./errors.ts"
import type {
  Action,
  DecisionId,
  DecisionRecord,
  Delegation,
  Policy as PolicyType,
  RequestKind,
  StandingDelegation as StandingDelegationType,
  StoredDecision,
  StoredRequest
} from "./model.ts"
import { Action as ActionSchema, Policy, Request, RequestId, StandingDelegation, StandingDelegationId } from "./model.ts"
import { indexOrg } from "./resolve.ts"
import { route } from "./route.ts"
import { policyInForce, revisionChange, validatePolicies } from "./validate.ts"

const PolicyInput = Policy.mapFields(({ version: _v, schoolId: _s, ...rest }) => ({ ...rest, version: Schema.optionalKey(Schema.Int) }))

/**
 * Saves a policy revision: creates it, or — when `policy.version` names the version read — sets the
 * end of its period (`effectiveTo`). A saved revision is immutable: other rules (or any other
 * field but `effectiveTo`) under its id are refused with `approvals.revisionImmutable` (save a new
 * revision as a new policy), and saving the identical policy again is a no-op that returns the
 * stored one. The policy is checked on its own, against the school's org chart and against the
 * school's other policies (no two in force on one day for one request kind).
 *
 * @since 0.1.0
 * @category commands
 */
export const savePolicy = Command.make({
  name: "approvals.savePolicy",
  input: Schema.Struct({ ...Command.contextFields, policy: PolicyInput }),
  run: (input) =>
    Effect.gen(function*() {
      const repo = yield* PolicyRepository
      const org = yield* OrganisationRepository.use((r) => r.get(input.schoolId, input.schoolId))
      const policy: PolicyType = { ...input.policy, schoolId: input.schoolId, version: input.policy.version ?? 0 }
      const saved = yield* repo.find(input.schoolId, policy.id)
      if (Option.isSome(saved)) {
        // a saved revision never changes its rules; saving it again as it is writes nothing
        const change = yield* Effect.fromResult(revisionChange(saved.value, policy, ["policy"]))
        if (change === "same") return saved.value
      }
      const others = (yield* repo.list(input.schoolId)).filter((p) => p.id !== policy.id)
      yield* Effect.fromResult(validatePolicies([...others, policy], org))
      return policy.version === 0 ? yield* repo.insert(policy) : yield* repo.update(policy)
    })
})

/**
 * Submits a request: routes it under the policy in force for its kind on the local date of its
 * submission (in the school's zone) and stores it with its route and workflow state. A request the
 * policy cannot route is refused with the route's typed error, and nothing is written.
 *
 * @since 0.1.0
 * @category commands
 */
export const submitRequest = Command.make({
  name: "approvals.submitRequest",
  input: Schema.Struct({ ...Command.contextFields, request: Request }),
  run: (input) =>
    Effect.gen(function*() {
      const org = yield* OrganisationRepository.use((r) => r.get(input.schoolId, input.schoolId))
      const policies = yield* PolicyRepository.use((r) => r.list(input.schoolId))
      const on: LocalDate = localDate(input.request.submittedAt, org.school.zone)
      const policy = policyInForce(policies, input.request.kind, on)
      if (policy === undefined) {
        return yield* RouteError.create("approvals.noPolicyInForce", ["request", "kind"], input.request.id, {
          zh: `${on} 没有适用于该类申请的审批政策`,
          en: `no approval policy covers this kind of request on ${on}`
        })
      }
      const r = yield* Effect.fromResult(route(input.request, policy, org))
      const stored: StoredRequest = {
        schoolId: input.schoolId,
        id: input.request.id,
        version: 0,
        request: input.request,
        state: start(input.request, r, { allowRepeatApprover: policy.allowRepeatApprover === true })
      }
      return yield* RequestRepository.use((repo) => repo.insert(stored))
    })
})

const record = (schoolId: string, stored: StoredRequest, rec: DecisionRecord) =>
  Effect.gen(function*() {
    const decisions = yield* DecisionRepository
    const seq = (yield* decisions.count(schoolId, { where: { requestId: stored.id } })) + 1
    const id = (yield* Id.next) as DecisionId
    const decision: StoredDecision = { schoolId: stored.schoolId, id, version: 0, seq, record: rec }
    return yield* decisions.insert(decision)
  })

// a resubmission: the amended request, routed again under the policy in force on the day of
// resubmission (which may be a later revision than the one that routed it first)
const resubmission = (read: StoredRequest, action: Extract<Action, { readonly type: "resubmit" }>, org: Organisation) =>
  Effect.gen(function*() {
    const request = { ...read.request, ...action.amend }
    if (read.state.status !== "returned") return { request, route: undefined, policy: undefined }
    const policies = yield* PolicyRepository.use((r) => r.list(read.schoolId))
    const on: LocalDate = localDate(action.at, org.school.zone)
    const policy = policyInForce(policies, request.kind, on)
    if (policy === undefined) {
      return yield* RouteError.create("approvals.noPolicyInForce", ["action", "amend"], request.id, {
        zh: `${on} 没有适用于该类申请的审批政策，无法重新提交`,
        en: `no approval policy covers this kind of request on ${on}; it cannot be resubmitted`
      })
    }
    const r = yield* Effect.fromResult(route(request, policy, org))
    return { request, route: r, policy }
  })

/**
 * Whether a standing delegation is in force at `t` (epoch milliseconds) for a request of `kind`:
 * not revoked, `validFrom` ≤ `t` < `validUntil`, and its kinds (if any) include `kind`.
 *
 * @since 0.1.0
 * @category predicates
 */
export const delegationInForce = (d: StandingDelegationType, kind: RequestKind, t: number): boolean =>
  d.revoked === undefined && d.validFrom.epochMilliseconds <= t && t < d.validUntil.epochMilliseconds &&
  (d.kinds === undefined || d.kinds.includes(kind))

// the school's standing delegations in force at `at` for a request of `kind`, as the pure
// `decide` takes a delegation (ordered by id, so the view is the same on every backend)
const standingFor = (schoolId: string, kind: RequestKind, at: Time.Instant) =>
  Effect.map(
    DelegationRepository.use((r) => r.list(schoolId, { where: { revoked: false } })),
    (all): ReadonlyArray<Delegation> =>
      all
        .filter((d) => delegationInForce(d, kind, at.epochMilliseconds))
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
        .map((d) => ({ from: d.from, to: d.to, validFrom: d.validFrom, validUntil: d.validUntil }))
  )

// the actions a delegation bears on: acting for a delegator, and a request's own delegation
// (whose cycle check then sees the standing ones too)
const actsThroughDelegations = (action: Action): boolean =>
  action.type === "approve" || action.type === "reject" || action.type === "return" || action.type === "delegate"

const applyAction = (schoolId: string, requestId: string, action: Action, version: number | undefined, org: Organisation) =>
  Effect.gen(function*() {
    const requests = yield* RequestRepository
    const current = yield* requests.get(schoolId, requestId)
    const read = version === undefined ? current : { ...current, version }
    const again = action.type === "resubmit" ? yield* resubmission(read, action, org) : undefined
    // the standing delegations in force at the action's time are offered to the pure `decide`
    // before the request's own (its rules unchanged: a delegate acts only for a delegator who
    // could act now, never on their own request); they are a view, never stored in the request
    const standing = actsThroughDelegations(action) ? yield* standingFor(schoolId, read.request.kind, action.at) : []
    const view = standing.length === 0 ? read.state : { ...read.state, delegations: [...standing, ...read.state.delegations] }
    // the org chart names people and roles in the explanations, the school's zone sets their times
    const decided = yield* Effect.fromResult(decidePure(view, action, { org, ...(again?.route === undefined ? {} : { route: again.route }) }))
    const out = standing.length === 0 ? decided : { ...decided, state: { ...decided.state, delegations: decided.state.delegations.slice(standing.length) } }
    const state = again?.policy === undefined ? out.state : { ...out.state, allowRepeatApprover: again.policy.allowRepeatApprover === true }
    const updated = yield* requests.update({ ...read, ...(again?.policy === undefined ? {} : { request: again.request }), state })
    const decision = yield* record(schoolId, updated, out.record)
    return { request: updated, decision }
  })

/**
 * How far, in minutes, an action's `at` may stand from the clock when the caller gives one: the
 * command stamps the clock's reading either way, and refuses a time further off than this (a
 * backdated or post-dated decision). Records are kept to the minute; five minutes allows for a
 * device's clock drifting. School practice, no national source.
 *
 * @since 0.1.0
 * @category constants
 */
export const actionClockToleranceMinutes = 5

/**
 * An action as the `decide` command takes it: `at` is optional, since the command stamps the
 * clock's reading.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CommandAction = ActionSchema.mapMembers(Tuple.map(Schema.fieldsAssign({ at: Schema.optionalKey(InstantSchema) })))

/**
 * Holds a time the caller gave against the clock: refused (`approvals.actionTimeOffClock` at
 * `path`) when it is more than {@link actionClockToleranceMinutes} after the clock's reading and,
 * unless `earlier` is allowed, more than that before it. `zone` (for the message's times) is read
 * only for a refusal.
 */
const checkAgainstClock = <E, R>(
  given: Time.Instant | undefined,
  now: Time.Instant,
  zoneOf: Effect.Effect<Time.Zone, E, R>,
  path: ReadonlyArray<string>,
  what: { readonly zh: string; readonly en: string },
  options: { readonly earlier: boolean }
) =>
  Effect.gen(function*() {
    if (given === undefined) return
    const off = given.epochMilliseconds - now.epochMilliseconds
    const tolerance = actionClockToleranceMinutes * 60_000
    if (off <= tolerance && (options.earlier || off >= -tolerance)) return
    const zone = yield* zoneOf
    const rule = options.earlier
      ? { zh: "不得预填未来的时间提前升级", en: "a future time would escalate early" }
      : { zh: "审批时间以系统时钟为准，不得补记或预填", en: "a decision is dated by the clock, never backdated or post-dated" }
    const gap = options.earlier
      ? { zh: "晚于", en: "after" }
      : { zh: "与", en: "from" }
    return yield* ValidationError.at(path, {
      zh: options.earlier
        ? `${what.zh} ${Time.formatLocal(given, zone)} ${gap.zh}当前时间 ${Time.formatLocal(now, zone)} 超过 ${actionClockToleranceMinutes} 分钟；${rule.zh}`
        : `${what.zh} ${Time.formatLocal(given, zone)} ${gap.zh}当前时间 ${Time.formatLocal(now, zone)} 相差超过 ${actionClockToleranceMinutes} 分钟；${rule.zh}`,
      en: `${what.en} ${Time.formatLocal(given, zone, "en")} is more than ${actionClockToleranceMinutes} minutes ${gap.en} the clock's ${Time.formatLocal(now, zone, "en")}; ${rule.en}`
    }, "approvals.actionTimeOffClock")
  })

/**
 * Applies an action (approve, reject, return, resubmit, delegate, escalate) to a stored request.
 * The command's actor must be the action's actor. The decision is dated by the clock, never by
 * the caller: an `at` the caller gives is only checked, and one more than
 * {@link actionClockToleranceMinutes} away from the clock is refused (`approvals.actionTimeOffClock`
 * at `["action", "at"]`). `version`, when given, is the version of the request the actor saw: a
 * stale one fails with a conflict.
 *
 * @since 0.1.0
 * @category commands
 */
export const decide = Command.make({
  name: "approvals.decide",
  input: Schema.Struct({ ...Command.contextFields, requestId: RequestId, version: Schema.optionalKey(Schema.Int), action: CommandAction }),
  run: (input) =>
    Effect.gen(function*() {
      if (input.action.actor !== input.actor) {
        return yield* ValidationError.at(["action", "actor"], {
          zh: "操作人必须是执行命令的人",
          en: "the action's actor must be the command's actor"
        }, "approvals.actorMismatch")
      }
      const org = yield* OrganisationRepository.use((r) => r.get(input.schoolId, input.schoolId))
      const zone = org.school.zone
      const now = yield* Time.now
      yield* checkAgainstClock(input.action.at, now, Effect.succeed(zone), ["action", "at"], { zh: "操作时间", en: "the action's time" }, { earlier: false })
      const action = { ...input.action, at: now } as Action
      return yield* applyAction(input.schoolId, input.requestId, action, input.version, org)
    })
})

/**
 * Escalates every pending request whose current step (a chain step: its current link) is overdue
 * at `at`, writing one decision record per escalation: a chain link that is not the last is
 * passed and the next link acts, anything else escalates to the escalation role. `at` defaults to
 * the clock's reading; a given `at` may be earlier (a scheduler catching up dates each escalation
 * when it fell due), never more than {@link actionClockToleranceMinutes} later than the clock
 * (`approvals.actionTimeOffClock` at `["at"]`): an escalation dated in the future would escalate
 * early. A step that began after `at` is not overdue at `at`.
 *
 * @since 0.1.0
 * @category commands
 */
export const escalateOverdue = Command.make({
  name: "approvals.escalateOverdue",
  input: Schema.Struct({ ...Command.contextFields, at: Schema.optionalKey(InstantSchema) }),
  run: (input) =>
    Effect.gen(function*() {
      const now = yield* Time.now
      const orgOf = OrganisationRepository.use((r) => r.get(input.schoolId, input.schoolId))
      yield* checkAgainstClock(input.at, now, Effect.map(orgOf, (o) => o.school.zone), ["at"], { zh: "升级时间", en: "the escalation's time" }, { earlier: true })
      const at = input.at ?? now
      const pending = yield* RequestRepository.use((r) => r.list(input.schoolId, { where: { status: "pending" } }))
      const out: Array<StoredDecision> = []
      const due = pending.filter((p) => overdue(p.state, at))
      if (due.length === 0) return out
      const org = yield* orgOf
      for (const p of due) {
        const { decision } = yield* applyAction(input.schoolId, p.id, { type: "escalate", actor: input.actor, at }, undefined, org)
        out.push(decision)
      }
      return out
    })
})

const DelegationInput = StandingDelegation.mapFields(({ version: _v, schoolId: _s, revoked: _r, ...rest }) => ({
  ...rest,
  version: Schema.optionalKey(Schema.Int)
}))

const overlaps = (a: StandingDelegationType, b: StandingDelegationType): boolean =>
  a.validFrom.epochMilliseconds < b.validUntil.epochMilliseconds && b.validFrom.epochMilliseconds < a.validUntil.epochMilliseconds

const kindsMeet = (a: StandingDelegationType, b: StandingDelegationType): boolean =>
  a.kinds === undefined || b.kinds === undefined || a.kinds.some((k) => b.kinds!.includes(k))

/**
 * Saves a standing delegation (常设委托): creates it, or — when `delegation.version` names the
 * version read — changes it (a revoked one is refused with `approvals.delegationRevoked`). Refused
 * with a `ValidationError` at the field: a delegation to oneself (`approvals.delegationCycle` at
 * `["delegation", "to"]`), a period that does not end after it starts (`approvals.badDates` at
 * `["delegation", "validUntil"]`), a delegator or delegate not in the org chart
 * (`approvals.unknownStaff`), and a cycle with the school's other standing delegations that are
 * not revoked and overlap it in time and request kinds (`approvals.delegationCycle` at
 * `["delegation", "to"]`: following them from the delegate leads back to the delegator).
 *
 * @since 0.1.0
 * @category commands
 */
export const saveDelegation = Command.make({
  name: "approvals.saveDelegation",
  input: Schema.Struct({ ...Command.contextFields, delegation: DelegationInput }),
  run: (input) =>
    Effect.gen(function*() {
      const repo = yield* DelegationRepository
      const org = yield* OrganisationRepository.use((r) => r.get(input.schoolId, input.schoolId))
      const d: StandingDelegationType = { ...input.delegation, schoolId: input.schoolId, version: input.delegation.version ?? 0 }
      const who = (id: string) => indexOrg(org).staff.get(id)?.name ?? id
      for (const field of ["from", "to"] as const) {
        if (!indexOrg(org).staff.has(d[field])) {
          return yield* ValidationError.at(["delegation", field], {
            zh: `教职工 ${d[field]} 不在组织架构中`,
            en: `staff member ${d[field]} is not in the org chart`
          }, "approvals.unknownStaff")
        }
      }
      if (d.from === d.to) {
        return yield* ValidationError.at(["delegation", "to"], { zh: "不能委托给自己", en: "a delegation to oneself is a cycle" }, "approvals.delegationCycle")
      }
      if (d.validUntil.epochMilliseconds <= d.validFrom.epochMilliseconds) {
        return yield* ValidationError.at(["delegation", "validUntil"], {
          zh: "委托的截止时间必须晚于开始时间",
          en: "a delegation must end after it starts"
        }, "approvals.badDates")
      }
      if (d.version !== 0) {
        const saved = yield* repo.get(input.schoolId, d.id)
        if (saved.revoked !== undefined) {
          return yield* ValidationError.at(["delegation", "id"], {
            zh: "该委托已撤销，不能修改；请另建新的委托",
            en: "the delegation is revoked and cannot change; save a new one"
          }, "approvals.delegationRevoked")
        }
      }
      // a cycle: from the delegate, the delegations in force with this one lead back to the delegator
      const others = (yield* repo.list(input.schoolId, { where: { revoked: false } }))
        .filter((o) => o.id !== d.id && overlaps(o, d) && kindsMeet(o, d))
      const seen = new Set<string>([d.to])
      const queue: Array<string> = [d.to]
      while (queue.length > 0) {
        const from = queue.shift()!
        for (const o of others) {
          if (o.from !== from) continue
          if (o.to === d.from) {
            return yield* ValidationError.at(["delegation", "to"], {
              zh: `委托形成循环：${who(d.from)} → ${who(d.to)} → … → ${who(d.from)}（与委托 ${o.id} 的期间重叠）`,
              en: `the standing delegations would form a cycle: ${who(d.from)} → ${who(d.to)} → … → ${who(d.from)} (overlapping delegation ${o.id})`
            }, "approvals.delegationCycle")
          }
          if (!seen.has(o.to)) {
            seen.add(o.to)
            queue.push(o.to)
          }
        }
      }
      return d.version === 0 ? yield* repo.insert(d) : yield* repo.update(d)
    })
})

/**
 * Revokes a standing delegation: it is kept, with the clock's reading, the actor and the optional
 * reason, and the `decide` command no longer offers it. `version`, when given, is the version the
 * actor saw (a stale one fails with a conflict); revoking a revoked delegation is refused with
 * `approvals.delegationRevoked` at `["delegationId"]`.
 *
 * @since 0.1.0
 * @category commands
 */
export const revokeDelegation = Command.make({
  name: "approvals.revokeDelegation",
  input: Schema.Struct({
    ...Command.contextFields,
    delegationId: StandingDelegationId,
    version: Schema.optionalKey(Schema.Int),
    reason: Schema.optionalKey(Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(500)))
  }),
  run: (input) =>
    Effect.gen(function*() {
      const repo = yield* DelegationRepository
      const current = yield* repo.get(input.schoolId, input.delegationId)
      if (current.revoked !== undefined) {
        return yield* ValidationError.at(["delegationId"], {
          zh: "该委托已撤销",
          en: "the delegation is already revoked"
        }, "approvals.delegationRevoked")
      }
      const now = yield* Time.now
      const read = input.version === undefined ? current : { ...current, version: input.version }
      return yield* repo.update({
        ...read,
        revoked: { at: now, by: input.actor, ...(input.reason === undefined ? {} : { reason: input.reason }) }
      })
    })
})
