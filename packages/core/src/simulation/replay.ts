/**
 * Replay: run a recorded history of requests under another policy and report, request by
 * request, what would have changed — steps added or removed, conditions added or removed, a
 * request the new policy cannot route, and whether the approvals actually given would still have
 * been enough.
 *
 * Whether the recorded approvals suffice for a step of the new route is counted thus:
 *
 * - an ordinary approval counts once for each new step its approver is eligible for;
 * - an escalated approval (given by a holder of the escalation role after the step's deadline)
 *   completed its step alone, so it completes a new step alone when its approver is one of that
 *   step's escalation approvers (and not one of its ordinary approvers — as `decide` counts it):
 *   the new step, late as the old one was, would have escalated to them. Where the approver is
 *   one of the new step's ordinary approvers, the approval counts once, like any other: the new
 *   route would not have let them finish the step alone;
 * - a chain link passed at its deadline counts towards a new chain step that has a deadline and
 *   in which the same person is a link but not the last: that chain would have passed them too
 *   (its last link is never passed — its silence escalates).
 *
 * Timing is not replayed: a recorded lateness is taken to be lateness under the new route too.
 *
 * @since 0.1.0
 * @since 0.1.0
 */
import { Result } from "effect"
import type { Routable } from "../approvals/route.ts"
import { route } from "../approvals/route.ts"
import { conditionLabel, quorumLabel } from "../approvals/labels.ts"
import { deadlineOf } from "../approvals/decide.ts"
import type { ConditionKind, Request, Route, RouteStep, Status, StoredRequest } from "../approvals/model.ts"
import { indexOrg } from "../approvals/resolve.ts"
import type { Messages } from "../kernel/Errors.ts"
import type { Organisation } from "../kernel/People.ts"

/**
 * One recorded request: the request, the route it had (when recorded), who approved it and how
 * it ended; optionally which of the approvals were escalated and which chain links were passed
 * at their deadlines (without them, every approval counts as ordinary and no link as passed).
 *
 * @since 0.1.0
 * @category models
 */
export interface HistoryItem {
  readonly request: Request
  readonly route?: Route
  /** the staff who approved (for whom the approval was given, when a delegate gave it) */
  readonly approvers?: ReadonlyArray<string>
  /** of `approvers`, those who approved as escalation approvers: each completed its step alone */
  readonly escalatedApprovers?: ReadonlyArray<string>
  /** the staff whose chain links were passed at their deadlines without their approval */
  readonly passedLinks?: ReadonlyArray<string>
  readonly status?: Status
}

/**
 * A history item from a stored request.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromStored = (s: StoredRequest): HistoryItem => ({
  request: s.request,
  route: s.state.route,
  approvers: s.state.approvals.map((a) => a.for),
  escalatedApprovers: s.state.approvals.filter((a) => a.escalated).map((a) => a.for),
  passedLinks: (s.state.passedLinks ?? []).flatMap((p) => {
    const who = s.state.route.steps[p.step]?.eligible[p.link]
    return who === undefined ? [] : [who]
  }),
  status: s.state.status
})

// whether the recorded approvals (and passed links) satisfy one step of the new route; see the
// module's comment for the rule
const satisfies = (h: HistoryItem, s: RouteStep): boolean => {
  const eligible = new Set<string>(s.eligible)
  const escalated = new Set(h.escalatedApprovers ?? [])
  for (const p of escalated) {
    if (!eligible.has(p) && s.escalation?.eligible.some((e) => e === p) === true) return true
  }
  const counted = new Set<string>()
  for (const p of h.approvers ?? []) if (eligible.has(p)) counted.add(p)
  if (s.quorum.type === "chain" && deadlineOf(s) !== undefined) {
    const last = s.eligible[s.eligible.length - 1]
    for (const p of h.passedLinks ?? []) if (eligible.has(p) && p !== last) counted.add(p)
  }
  return counted.size >= s.required
}

/**
 * What replaying one request found.
 *
 * @since 0.1.0
 * @category models
 */
export interface ReplayLine {
  readonly requestId: string
  readonly changed: boolean
  readonly before: { readonly steps: ReadonlyArray<Messages>; readonly conditions: ReadonlyArray<ConditionKind>; readonly error?: Messages }
  readonly after: { readonly steps: ReadonlyArray<Messages>; readonly conditions: ReadonlyArray<ConditionKind>; readonly error?: Messages }
  readonly addedSteps: ReadonlyArray<Messages>
  readonly removedSteps: ReadonlyArray<Messages>
  readonly addedConditions: ReadonlyArray<ConditionKind>
  readonly removedConditions: ReadonlyArray<ConditionKind>
  /** whether the approvals recorded would satisfy every step of the new route (when recorded) */
  readonly recordedApprovalsSuffice?: boolean
  readonly explanation: Messages
}

/**
 * A replay's findings.
 *
 * @since 0.1.0
 * @category models
 */
export interface ReplayReport {
  readonly policyId: string
  readonly policyRevision: number
  readonly total: number
  readonly changed: number
  readonly lines: ReadonlyArray<ReplayLine>
}

const stepKey = (s: RouteStep): string => `${[...s.eligible].sort().join(",")}|${JSON.stringify(s.quorum)}|${s.required}`
const stepText = (s: RouteStep): Messages => {
  const q = quorumLabel(s.quorum, s.eligible.length)
  return { zh: `${s.label.zh}（${q.zh}）`, en: `${s.label.en} (${q.en})` }
}

const side = (r: Result.Result<Route, { readonly zh: string; readonly en: string }>) =>
  Result.isSuccess(r)
    ? { steps: r.success.steps, conditions: r.success.conditions }
    : { steps: [] as ReadonlyArray<RouteStep>, conditions: [] as ReadonlyArray<ConditionKind>, error: { zh: r.failure.zh, en: r.failure.en } }

/**
 * Replays a history under `policy`. The "before" of each request is its recorded route, or —
 * when none was recorded — its route under `baseline`.
 *
 * @since 0.1.0
 * @category replay
 */
export const replay = (
  history: ReadonlyArray<HistoryItem>,
  policy: Routable,
  org: Organisation,
  baseline?: Routable
): ReplayReport => {
  const ix = indexOrg(org)
  const lines = history.map((h): ReplayLine => {
    const beforeResult = h.route !== undefined
      ? Result.succeed(h.route)
      : baseline !== undefined
      ? route(h.request, baseline, ix)
      : Result.fail({ zh: "没有记录原审批路径", en: "no recorded route" })
    const before = side(beforeResult)
    const after = side(route(h.request, policy, ix))
    const beforeKeys = new Set(before.steps.map(stepKey))
    const afterKeys = new Set(after.steps.map(stepKey))
    const addedSteps = after.steps.filter((s) => !beforeKeys.has(stepKey(s))).map(stepText)
    const removedSteps = before.steps.filter((s) => !afterKeys.has(stepKey(s))).map(stepText)
    const addedConditions = after.conditions.filter((c) => !before.conditions.includes(c))
    const removedConditions = before.conditions.filter((c) => !after.conditions.includes(c))
    const errorChanged = (before.error === undefined) !== (after.error === undefined)
    const changed = addedSteps.length + removedSteps.length + addedConditions.length + removedConditions.length > 0 || errorChanged
    const suffice = h.approvers === undefined || after.error !== undefined
      ? undefined
      : after.steps.every((s) => satisfies(h, s))
    const zh: Array<string> = []
    const en: Array<string> = []
    if (after.error !== undefined) {
      zh.push(`新政策下无法审批：${after.error.zh}`)
      en.push(`cannot be routed under the new policy: ${after.error.en}`)
    }
    if (addedSteps.length > 0) {
      zh.push(`增加步骤：${addedSteps.map((s) => s.zh).join("；")}`)
      en.push(`adds steps: ${addedSteps.map((s) => s.en).join("; ")}`)
    }
    if (removedSteps.length > 0) {
      zh.push(`取消步骤：${removedSteps.map((s) => s.zh).join("；")}`)
      en.push(`drops steps: ${removedSteps.map((s) => s.en).join("; ")}`)
    }
    if (addedConditions.length > 0) {
      zh.push(`增加要求：${addedConditions.map((c) => conditionLabel[c].zh).join("；")}`)
      en.push(`adds conditions: ${addedConditions.map((c) => conditionLabel[c].en).join("; ")}`)
    }
    if (removedConditions.length > 0) {
      zh.push(`取消要求：${removedConditions.map((c) => conditionLabel[c].zh).join("；")}`)
      en.push(`drops conditions: ${removedConditions.map((c) => conditionLabel[c].en).join("; ")}`)
    }
    if (suffice === false) {
      zh.push("已有的审批签字不足以满足新路径")
      en.push("the approvals given would not satisfy the new route")
    }
    if (!changed) {
      zh.push("无变化")
      en.push("no change")
    }
    return {
      requestId: h.request.id,
      changed,
      before: { steps: before.steps.map(stepText), conditions: before.conditions, ...(before.error === undefined ? {} : { error: before.error }) },
      after: { steps: after.steps.map(stepText), conditions: after.conditions, ...(after.error === undefined ? {} : { error: after.error }) },
      addedSteps,
      removedSteps,
      addedConditions,
      removedConditions,
      ...(suffice === undefined ? {} : { recordedApprovalsSuffice: suffice }),
      explanation: { zh: `${h.request.id}：${zh.join("；")}`, en: `${h.request.id}: ${en.join("; ")}` }
    }
  })
  return { policyId: policy.id, policyRevision: policy.revision, total: lines.length, changed: lines.filter((l) => l.changed).length, lines }
}
