/**
 * `decide(state, action)`: the approval workflow as a pure state machine. Each accepted action
 * returns the new state and the audit record of the decision, naming the policy revision that
 * routed the request; a refused action returns a typed {@link DecisionError}.
 *
 * Separation of duties: the requester never approves their own request (not even through a
 * delegate); nobody approves twice in one request unless the policy allows it; a delegate acts
 * only for a delegator who could act, only within the delegation's dates; a cycle of
 * delegations is refused. An overdue step escalates (explicit clock: the action's `at`) to the
 * holders of the route's escalation role, any one of whom may then complete the step. A chain
 * step's deadline applies to each link in turn: a link silent past it is passed, and the next
 * link acts on its own deadline; only the last link's silence escalates to the escalation role.
 *
 * Explanations name people and roles by their names and print times in the school's zone when
 * {@link decide} is given the organisation (the commands always give it); without it they use ids
 * and Asia/Shanghai.
 *
 * @since 0.1.0
 */
import { Result } from "effect"
import type { Messages } from "../kernel/Errors.ts"
import * as Money from "../kernel/Money.ts"
import type { Organisation } from "../kernel/People.ts"
import type { Instant, Zone } from "../kernel/Time.ts"
import { defaultZone, formatLocal } from "../kernel/Time.ts"
import { DecisionError } from "./errors.ts"
import type { Action, Amendment, Approval, ApprovalState, DecisionRecord, PassedLink, Request, Route, RouteStep, Status } from "./model.ts"

const HOUR_MS = 3_600_000

/**
 * What explanations need besides the state: the organisation, for the names of staff and roles,
 * and the school's zone (default: the organisation's, else Asia/Shanghai).
 *
 * @since 0.1.0
 * @category models
 */
export interface DecideOptions {
  readonly org?: Organisation
  readonly zone?: Zone
  /**
   * for a resubmission: the route of the (amended) request under the policy in force at
   * resubmission, which approval restarts on (the `decide` command routes it); default: the
   * request's current route
   */
  readonly route?: Route
}

interface Labels {
  readonly who: (staffId: string) => string
  readonly role: (roleId: string) => Messages
  readonly zone: Zone
}

const labelCache = new WeakMap<Organisation, Labels>()
const idLabels: Labels = { who: (id) => id, role: (id) => ({ zh: id, en: id }), zone: defaultZone }

const labelsOf = (options: DecideOptions): Labels => {
  const org = options.org
  let base = idLabels
  if (org !== undefined) {
    const cached = labelCache.get(org)
    if (cached !== undefined) base = cached
    else {
      const staff = new Map<string, string>(org.staff.map((x) => [x.id, x.name]))
      const roles = new Map<string, Messages>(org.roles.map((r) => [r.id, r.name]))
      base = { who: (id) => staff.get(id) ?? id, role: (id) => roles.get(id) ?? { zh: id, en: id }, zone: org.school.zone }
      labelCache.set(org, base)
    }
  }
  return options.zone === undefined ? base : { ...base, zone: options.zone }
}

/**
 * The state of a freshly submitted request: pending at its first step, or approved at once when
 * its route has no steps.
 *
 * @since 0.1.0
 * @category constructors
 */
export const start = (request: Request, route: Route, options: { readonly allowRepeatApprover?: boolean } = {}): ApprovalState => ({
  requestId: request.id,
  requesterId: request.requesterId,
  route,
  allowRepeatApprover: options.allowRepeatApprover ?? false,
  status: route.steps.length === 0 ? "approved" : "pending",
  step: 0,
  stepStartedAt: request.submittedAt,
  approvals: [],
  escalated: [],
  delegations: [],
  round: 1
})

/**
 * A route step's deadline in elapsed hours: its `deadlineHours`, or — in a route stored before
 * steps kept their deadline — its escalation's `afterHours`; `undefined` when it has none.
 *
 * @since 0.1.0
 * @category getters
 */
export const deadlineOf = (step: RouteStep): number | undefined => step.deadlineHours ?? step.escalation?.afterHours

/**
 * The instant the current step falls due, if it has a deadline (whether or not it can escalate).
 * A step's deadline counts from its start; a chain step's deadline applies to each link in turn,
 * so the current link's counts from the latest of the step's start, the last approval on the step
 * and the last link passed on it.
 *
 * @since 0.1.0
 * @category getters
 */
export const dueAt = (state: ApprovalState): number | undefined => {
  const s = state.route.steps[state.step]
  const hours = s === undefined ? undefined : deadlineOf(s)
  if (s === undefined || hours === undefined) return undefined
  return (s.quorum.type === "chain" ? linkStartedAt(state) : state.stepStartedAt.epochMilliseconds) + hours * HOUR_MS
}

// when the current link of a chain step got its turn: the step's start, or the last approval or
// passed link on the step, whichever is latest
const linkStartedAt = (state: ApprovalState): number => {
  let t = state.stepStartedAt.epochMilliseconds
  for (const a of state.approvals) if (a.step === state.step && a.at.epochMilliseconds > t) t = a.at.epochMilliseconds
  for (const p of state.passedLinks ?? []) if (p.step === state.step && p.at.epochMilliseconds > t) t = p.at.epochMilliseconds
  return t
}

/**
 * On a pending chain step, the place in the chain (0 = the first link, in order of level) of the
 * link whose turn it is: the approvals on the step plus the links passed at their deadlines.
 * `undefined` when the request is not pending or its current step is not a chain.
 *
 * @since 0.1.0
 * @category getters
 */
export const chainPosition = (state: ApprovalState): number | undefined => {
  const s = state.route.steps[state.step]
  return state.status !== "pending" || s?.quorum.type !== "chain" ? undefined : positionOf(state)
}

const passedOn = (state: ApprovalState, step: number): number => {
  let n = 0
  for (const p of state.passedLinks ?? []) if (p.step === step) n++
  return n
}

// how far the current step has got: its approvals, and on a chain the links passed too
const positionOf = (state: ApprovalState): number => {
  const s = state.route.steps[state.step]
  const n = approvalsOn(state, state.step)
  return s?.quorum.type === "chain" ? n + passedOn(state, state.step) : n
}

// a chain step whose current link is not the last: at its deadline the link is passed and the
// next link acts, with or without an escalation role
const passesLink = (state: ApprovalState, s: RouteStep): boolean => s.quorum.type === "chain" && positionOf(state) + 1 < s.required

/**
 * Whether the current step has somewhere to go at its deadline: the request is pending, the step
 * has a deadline, has not escalated yet, and either has an escalation role or is a chain whose
 * current link is not the last (the next link takes over). A step with a deadline but nobody
 * above it cannot escalate: its lateness is only reported (see `overdueFindings`).
 *
 * @since 0.1.0
 * @category predicates
 */
export const canEscalate = (state: ApprovalState): boolean => {
  const s = state.route.steps[state.step]
  return state.status === "pending" && s !== undefined && deadlineOf(s) !== undefined && !state.escalated.includes(state.step) &&
    (s.escalation !== undefined || passesLink(state, s))
}

/**
 * Whether the current step (a chain step: its current link) is overdue at `at` and can still
 * escalate ({@link canEscalate}): what the `escalateOverdue` command acts on. A step past its
 * deadline with nowhere to escalate is not `overdue` in this sense; `overdueFindings` reports it.
 *
 * @since 0.1.0
 * @category predicates
 */
export const overdue = (state: ApprovalState, at: Instant): boolean => {
  const due = dueAt(state)
  return due !== undefined && at.epochMilliseconds >= due && canEscalate(state)
}

/**
 * The staff who may act on the current step now (its eligible approvers — on a chain, the link
 * whose turn it is — and after an escalation the escalation role's holders), less those whose
 * approval would break separation of duties.
 *
 * @since 0.1.0
 * @category getters
 */
export const canActNow = (state: ApprovalState): ReadonlyArray<string> => {
  const s = state.route.steps[state.step]
  if (state.status !== "pending" || s === undefined) return []
  const used = usedBy(state)
  const onStep = new Set(state.approvals.filter((a) => a.step === state.step).flatMap((a) => [a.by, a.for]))
  const pool = state.escalated.includes(state.step) && s.escalation !== undefined ? [...s.eligible, ...s.escalation.eligible] : s.eligible
  const out: Array<string> = []
  for (const p of pool) {
    if (p === state.requesterId || onStep.has(p) || (!state.allowRepeatApprover && used.has(p)) || out.includes(p)) continue
    if (s.quorum.type === "chain" && !isEscalationApprover(state, s, p) && s.eligible[positionOf(state)] !== p) continue
    out.push(p)
  }
  return out
}

const usedBy = (state: ApprovalState): Set<string> => {
  const used = new Set<string>()
  for (const a of state.approvals) {
    used.add(a.by)
    used.add(a.for)
  }
  return used
}

const approvalsOn = (state: ApprovalState, step: number): number => {
  let n = 0
  for (const a of state.approvals) if (a.step === step) n++
  return n
}

const has = (list: ReadonlyArray<string>, who: string): boolean => list.includes(who)

// a new round starts with no link passed (states stored before per-link escalation have no key)
const withoutPassedLinks = (state: ApprovalState): ApprovalState => {
  const { passedLinks: _passed, ...rest } = state
  return rest
}

const isEscalationApprover = (state: ApprovalState, s: RouteStep, who: string): boolean =>
  state.escalated.includes(state.step) && s.escalation !== undefined && has(s.escalation.eligible, who) && !has(s.eligible, who)

type Outcome = Result.Result<{ readonly state: ApprovalState; readonly record: DecisionRecord }, DecisionError>

const refuse = (state: ApprovalState, code: string, path: ReadonlyArray<string | number>, m: Messages): Outcome =>
  Result.fail(DecisionError.create(code, path, state.requestId, m))

const recordOf = (
  state: ApprovalState,
  action: Action,
  after: Status,
  explanation: Messages,
  extra: { readonly onBehalfOf?: string; readonly comment?: string } = {}
): DecisionRecord => ({
  requestId: state.requestId,
  action: action.type,
  actor: action.actor,
  ...(extra.onBehalfOf === undefined ? {} : { onBehalfOf: extra.onBehalfOf }),
  at: action.at,
  step: state.step,
  ...(extra.comment === undefined ? {} : { comment: extra.comment }),
  statusBefore: state.status,
  statusAfter: after,
  policyId: state.route.policyId,
  policyRevision: state.route.policyRevision,
  explanation
}) as DecisionRecord

const policyNote = (state: ApprovalState): Messages => ({
  zh: `依据政策 ${state.route.policyId} 第 ${state.route.policyRevision} 版`,
  en: `under policy ${state.route.policyId} revision ${state.route.policyRevision}`
})

/**
 * Finds who the actor acts for: themself, or a delegator whose delegation to them is in force.
 */
const principalOf = (
  state: ApprovalState,
  action: { readonly actor: string; readonly at: Instant; readonly onBehalfOf?: string },
  l: Labels
): Result.Result<string, DecisionError> => {
  if (action.actor === state.requesterId || action.onBehalfOf === state.requesterId) {
    return Result.fail(DecisionError.create("approvals.selfApproval", ["actor"], state.requestId, {
      zh: "申请人不得审批自己的申请（不相容岗位相互分离）",
      en: "a requester never decides their own request (separation of duties)"
    }))
  }
  if (action.onBehalfOf === undefined || action.onBehalfOf === action.actor) return Result.succeed(action.actor)
  const t = action.at.epochMilliseconds
  const d = state.delegations.find((x) => x.from === action.onBehalfOf && x.to === action.actor)
  if (d === undefined || t < d.validFrom.epochMilliseconds || t >= d.validUntil.epochMilliseconds) {
    return Result.fail(DecisionError.create("approvals.delegationNotInForce", ["onBehalfOf"], state.requestId, {
      zh: `${l.who(action.actor)} 此时没有 ${l.who(action.onBehalfOf)} 的有效委托`,
      en: `${l.who(action.actor)} holds no delegation from ${l.who(action.onBehalfOf)} in force at this time`
    }))
  }
  return Result.succeed(action.onBehalfOf)
}

const checkEligible = (state: ApprovalState, s: RouteStep, principal: string, actor: string, l: Labels): DecisionError | undefined => {
  const escalatedHere = state.escalated.includes(state.step) && s.escalation !== undefined
  if (!has(s.eligible, principal) && !(escalatedHere && has(s.escalation.eligible, principal))) {
    return DecisionError.create("approvals.notEligible", ["actor"], state.requestId, {
      zh: `${l.who(principal)} 不是第 ${state.step + 1} 步（${s.label.zh}）的审批人`,
      en: `${l.who(principal)} is not an approver of step ${state.step + 1} (${s.label.en})`
    })
  }
  const onStep = state.approvals.some((a) => a.step === state.step && (a.for === principal || a.by === actor))
  const elsewhere = !state.allowRepeatApprover && state.approvals.some((a) => a.for === principal || a.by === actor || a.by === principal || a.for === actor)
  if (onStep || elsewhere) {
    return DecisionError.create("approvals.alreadyApproved", ["actor"], state.requestId, {
      zh: `${l.who(principal)} 已在本申请中审批过，同一人不得审批两次`,
      en: `${l.who(principal)} has already approved in this request; nobody approves twice`
    })
  }
  return undefined
}

const commentOf = (state: ApprovalState, comment: string | undefined, what: Messages): Result.Result<string, DecisionError> =>
  comment !== undefined && comment.trim().length > 0
    ? Result.succeed(comment)
    : Result.fail(DecisionError.create("approvals.commentRequired", ["comment"], state.requestId, {
      zh: `${what.zh}必须填写意见`,
      en: `${what.en} requires a comment`
    }))

const notPending = (state: ApprovalState, action: Action): Outcome =>
  refuse(state, "approvals.notPending", ["type"], {
    zh: `申请当前状态为“${statusLabel[state.status].zh}”，不能${actionLabel[action.type].zh}`,
    en: `the request is ${statusLabel[state.status].en}; it cannot be ${actionLabel[action.type].en}`
  })

const amendmentText = (amend: Amendment | undefined): Messages => {
  if (amend === undefined) return { zh: "", en: "" }
  const parts: Array<Messages> = []
  if (amend.title !== undefined) parts.push({ zh: `事由改为“${amend.title}”`, en: `title "${amend.title}"` })
  if (amend.amount !== undefined) parts.push({ zh: `金额改为 ${Money.format(amend.amount)}`, en: `amount ${Money.format(amend.amount, "en")}` })
  if (amend.category !== undefined) parts.push({ zh: `类别改为 ${amend.category}`, en: `category ${amend.category}` })
  if (amend.fundingSource !== undefined) parts.push({ zh: `资金来源改为 ${amend.fundingSource}`, en: `funding source ${amend.fundingSource}` })
  if (amend.supplierStatus !== undefined) parts.push({ zh: `供应商状态改为 ${amend.supplierStatus}`, en: `supplier status ${amend.supplierStatus}` })
  if (amend.attributes !== undefined) parts.push({ zh: "属性已更新", en: "attributes updated" })
  return parts.length === 0
    ? { zh: "", en: "" }
    : { zh: `：${parts.map((p) => p.zh).join("，")}`, en: `: ${parts.map((p) => p.en).join(", ")}` }
}

const statusLabel: Readonly<Record<Status, Messages>> = {
  pending: { zh: "审批中", en: "pending" },
  approved: { zh: "已批准", en: "approved" },
  rejected: { zh: "已驳回", en: "rejected" },
  returned: { zh: "已退回修改", en: "returned for changes" }
}

const actionLabel: Readonly<Record<Action["type"], Messages>> = {
  approve: { zh: "审批通过", en: "approved" },
  reject: { zh: "驳回", en: "rejected" },
  return: { zh: "退回修改", en: "returned for changes" },
  resubmit: { zh: "重新提交", en: "resubmitted" },
  delegate: { zh: "委托审批", en: "delegated" },
  escalate: { zh: "升级", en: "escalated" }
}

/**
 * Applies an action to a request's workflow state. `options.org` lets the explanations name people
 * and roles, and sets the zone their times are printed in.
 *
 * @since 0.1.0
 * @category decisions
 */
export const decide = (state: ApprovalState, action: Action, options: DecideOptions = {}): Outcome => {
  const l = labelsOf(options)
  const t = action.at.epochMilliseconds
  if (t < state.stepStartedAt.epochMilliseconds) {
    return refuse(state, "approvals.outOfOrder", ["at"], {
      zh: "操作时间早于当前步骤开始的时间",
      en: "the action is dated before the current step began"
    })
  }
  const note = policyNote(state)
  switch (action.type) {
    case "approve": {
      if (state.status !== "pending") return notPending(state, action)
      const p = principalOf(state, action, l)
      if (Result.isFailure(p)) return Result.fail(p.failure)
      const principal = p.success
      const s = state.route.steps[state.step]!
      const bad = checkEligible(state, s, principal, action.actor, l)
      if (bad !== undefined) return Result.fail(bad)
      const escalatedApproval = isEscalationApprover(state, s, principal)
      // on a chain, the place of the link whose turn it is (links passed count)
      const count = positionOf(state)
      if (s.quorum.type === "chain" && !escalatedApproval && s.eligible[count] !== principal) {
        return refuse(state, "approvals.outOfTurn", ["actor"], {
          zh: `第 ${state.step + 1} 步须按级别依次审批，现在应由 ${l.who(s.eligible[count]!)} 审批`,
          en: `step ${state.step + 1} is approved in order of level; it is ${l.who(s.eligible[count]!)}'s turn`
        })
      }
      const approval: Approval = { step: state.step, by: action.actor, for: principal as Approval["for"], at: action.at, escalated: escalatedApproval }
      const done = escalatedApproval || count + 1 >= s.required
      const last = state.step + 1 >= state.route.steps.length
      const status: Status = done && last ? "approved" : "pending"
      const next: ApprovalState = {
        ...state,
        approvals: [...state.approvals, approval],
        status,
        step: done && !last ? state.step + 1 : state.step,
        stepStartedAt: done && !last ? action.at : state.stepStartedAt
      }
      const who = principal === action.actor ? l.who(action.actor) : `${l.who(action.actor)}（代 ${l.who(principal)}）`
      const whoEn = principal === action.actor ? l.who(action.actor) : `${l.who(action.actor)} for ${l.who(principal)}`
      const progress = escalatedApproval ? { zh: "（升级审批，本步完成）", en: " (escalated approval completes the step)" } : { zh: `（${count + 1}/${s.required}）`, en: ` (${count + 1}/${s.required})` }
      return Result.succeed({
        state: next,
        record: recordOf(state, action, status, {
          zh: `${who} 同意第 ${state.step + 1} 步“${s.label.zh}”${progress.zh}${status === "approved" ? "，申请已批准" : ""}；${note.zh}`,
          en: `${whoEn} approved step ${state.step + 1} "${s.label.en}"${progress.en}${status === "approved" ? "; the request is approved" : ""}; ${note.en}`
        }, { ...(principal === action.actor ? {} : { onBehalfOf: principal }), ...(action.comment === undefined ? {} : { comment: action.comment }) })
      })
    }
    case "reject":
    case "return": {
      if (state.status !== "pending") return notPending(state, action)
      const c = commentOf(state, action.comment, actionLabel[action.type])
      if (Result.isFailure(c)) return Result.fail(c.failure)
      const p = principalOf(state, action, l)
      if (Result.isFailure(p)) return Result.fail(p.failure)
      const s = state.route.steps[state.step]!
      const bad = checkEligible(state, s, p.success, action.actor, l)
      if (bad !== undefined && bad.code === "approvals.notEligible") return Result.fail(bad)
      const status: Status = action.type === "reject" ? "rejected" : "returned"
      const label = actionLabel[action.type]
      return Result.succeed({
        state: { ...state, status },
        record: recordOf(state, action, status, {
          zh: `${l.who(action.actor)} 在第 ${state.step + 1} 步“${s.label.zh}”${label.zh}：${c.success}；${note.zh}`,
          en: `${l.who(action.actor)} ${label.en} the request at step ${state.step + 1} "${s.label.en}": ${c.success}; ${note.en}`
        }, { ...(p.success === action.actor ? {} : { onBehalfOf: p.success }), comment: c.success })
      })
    }
    case "resubmit": {
      if (state.status !== "returned") return notPending(state, action)
      if (action.actor !== state.requesterId) {
        return refuse(state, "approvals.notRequester", ["actor"], { zh: "只有申请人可以重新提交", en: "only the requester can resubmit" })
      }
      const route = options.route ?? state.route
      const status: Status = route.steps.length === 0 ? "approved" : "pending"
      const under = { ...state, route }
      const changed = amendmentText(action.amend)
      const record = recordOf(under, action, status, {
        zh: `申请人 ${l.who(action.actor)} 修改后重新提交（第 ${state.round + 1} 轮）${changed.zh}，${status === "approved" ? "无需审批，申请已批准" : "从第 1 步重新审批"}；${policyNote(under).zh}`,
        en: `the requester ${l.who(action.actor)} resubmitted after changes (round ${state.round + 1})${changed.en}; ${status === "approved" ? "no approval is needed: the request is approved" : "approval restarts at step 1"}; ${policyNote(under).en}`
      }, action.comment === undefined ? {} : { comment: action.comment })
      return Result.succeed({
        state: { ...withoutPassedLinks(state), route, status, step: 0, stepStartedAt: action.at, approvals: [], escalated: [], round: state.round + 1 },
        record: action.amend === undefined ? record : { ...record, changes: action.amend }
      })
    }
    case "delegate": {
      if (state.status !== "pending") return notPending(state, action)
      if (action.to === state.requesterId || action.actor === state.requesterId) {
        return refuse(state, "approvals.selfApproval", ["to"], {
          zh: "不得委托给申请人，申请人也不得委托他人审批自己的申请",
          en: "nobody delegates to the requester, and the requester delegates no authority over their own request"
        })
      }
      if (action.to === action.actor) {
        return refuse(state, "approvals.delegationCycle", ["to"], { zh: "不能委托给自己", en: "a delegation to oneself is a cycle" })
      }
      if (action.validUntil.epochMilliseconds <= action.validFrom.epochMilliseconds) {
        return refuse(state, "approvals.badDates", ["validUntil"], { zh: "委托的截止时间必须晚于开始时间", en: "a delegation must end after it starts" })
      }
      const authority = state.route.steps.some((s) => has(s.eligible, action.actor) || has(s.escalation?.eligible ?? [], action.actor))
      if (!authority) {
        return refuse(state, "approvals.notEligible", ["actor"], {
          zh: `${l.who(action.actor)} 在本申请中没有审批权，无可委托`,
          en: `${l.who(action.actor)} has no authority in this request to delegate`
        })
      }
      // a cycle: following delegations from the delegate leads back to the delegator
      const seen = new Set<string>([action.to])
      const queue: Array<string> = [action.to]
      while (queue.length > 0) {
        const from = queue.shift()!
        for (const d of state.delegations) {
          if (d.from !== from) continue
          if (d.to === action.actor) {
            return refuse(state, "approvals.delegationCycle", ["to"], {
              zh: `委托形成循环：${l.who(action.actor)} → ${l.who(action.to)} → … → ${l.who(action.actor)}`,
              en: `the delegations would form a cycle: ${l.who(action.actor)} → ${l.who(action.to)} → … → ${l.who(action.actor)}`
            })
          }
          if (!seen.has(d.to)) {
            seen.add(d.to)
            queue.push(d.to)
          }
        }
      }
      return Result.succeed({
        state: { ...state, delegations: [...state.delegations, { from: action.actor, to: action.to, validFrom: action.validFrom, validUntil: action.validUntil }] },
        record: recordOf(state, action, state.status, {
          zh: `${l.who(action.actor)} 委托 ${l.who(action.to)} 代为审批，有效期至 ${formatLocal(action.validUntil, l.zone)}；${note.zh}`,
          en: `${l.who(action.actor)} delegated to ${l.who(action.to)} until ${formatLocal(action.validUntil, l.zone, "en")}; ${note.en}`
        })
      })
    }
    case "escalate": {
      if (state.status !== "pending") return notPending(state, action)
      const s = state.route.steps[state.step]!
      const due = dueAt(state)
      const hours = deadlineOf(s)
      if (due === undefined || hours === undefined) {
        return refuse(state, "approvals.noDeadline", ["type"], { zh: `第 ${state.step + 1} 步没有期限，不能升级`, en: `step ${state.step + 1} has no deadline to escalate on` })
      }
      if (state.escalated.includes(state.step)) {
        return refuse(state, "approvals.alreadyEscalated", ["type"], { zh: `第 ${state.step + 1} 步已升级`, en: `step ${state.step + 1} has already escalated` })
      }
      const link = s.quorum.type === "chain" ? positionOf(state) : undefined
      const silent = link === undefined ? undefined : s.eligible[link]
      const passes = link !== undefined && silent !== undefined && link + 1 < s.required
      if (!passes && s.escalation === undefined) {
        // a deadline with nobody above the step (or above a chain's last link): late, but nowhere to go
        const last = silent === undefined ? { zh: "", en: "" } : { zh: `（${l.who(silent)} 是最后一级）`, en: ` (${l.who(silent)} is the last link)` }
        return refuse(state, "approvals.nowhereToEscalate", ["type"], {
          zh: `第 ${state.step + 1} 步“${s.label.zh}”有 ${hours} 小时的期限，但没有更高一级的角色可升级${last.zh}：逾期只作提示，不能升级`,
          en: `step ${state.step + 1} "${s.label.en}" has a ${hours}-hour deadline but no higher role to escalate to${last.en}: lateness is only reported`
        })
      }
      if (t < due) {
        const whose = silent === undefined ? { zh: "", en: "" } : { zh: `${l.who(silent)} 的审批`, en: ` (${l.who(silent)}'s turn)` }
        return refuse(state, "approvals.notOverdue", ["at"], {
          zh: `第 ${state.step + 1} 步${whose.zh}尚未超过 ${hours} 小时的期限`,
          en: `step ${state.step + 1}${whose.en} is not yet past its ${hours}-hour deadline`
        })
      }
      if (passes && link !== undefined && silent !== undefined) {
        // a silent link that is not the last: the chain passes it, the next level acts
        const next = s.eligible[link + 1]!
        const passed: PassedLink = { step: state.step, link, at: action.at }
        return Result.succeed({
          state: { ...state, passedLinks: [...(state.passedLinks ?? []), passed] },
          record: recordOf(state, action, state.status, {
            zh: `第 ${state.step + 1} 步“${s.label.zh}”：${l.who(silent)} 超过 ${hours} 小时未审批，转由下一级 ${l.who(next)} 审批；${note.zh}`,
            en: `step ${state.step + 1} "${s.label.en}": ${l.who(silent)} did not approve within ${hours} hours; it passes to the next level, ${l.who(next)}; ${note.en}`
          })
        })
      }
      // a step that passes no link has an escalation role (checked above)
      const esc = s.escalation!
      if (silent !== undefined) {
        // the last link of a chain is silent: the step escalates to the escalation role
        return Result.succeed({
          state: { ...state, escalated: [...state.escalated, state.step] },
          record: recordOf(state, action, state.status, {
            zh: `第 ${state.step + 1} 步“${s.label.zh}”：${l.who(silent)} 超过 ${hours} 小时未审批，升级至${l.role(esc.roleId).zh}（${esc.eligible.map(l.who).join("、")}）；${note.zh}`,
            en: `step ${state.step + 1} "${s.label.en}": ${l.who(silent)} did not approve within ${hours} hours; the step escalated to ${l.role(esc.roleId).en} (${esc.eligible.map(l.who).join(", ")}); ${note.en}`
          })
        })
      }
      return Result.succeed({
        state: { ...state, escalated: [...state.escalated, state.step] },
        record: recordOf(state, action, state.status, {
          zh: `第 ${state.step + 1} 步“${s.label.zh}”超过 ${hours} 小时未完成，升级至${l.role(esc.roleId).zh}（${esc.eligible.map(l.who).join("、")}）；${note.zh}`,
          en: `step ${state.step + 1} "${s.label.en}" passed its ${hours}-hour deadline and escalated to ${l.role(esc.roleId).en} (${esc.eligible.map(l.who).join(", ")}); ${note.en}`
        })
      })
    }
  }
}
