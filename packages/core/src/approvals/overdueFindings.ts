/**
 * `overdueFindings(requests, at)`: lateness made visible. One finding (`approvals.overdue`) per
 * pending request whose current step — on a chain step, its current link — is past its deadline
 * at `at` ({@link dueAt} ≤ `at`), whether or not the step can escalate and whether or not it
 * already has.
 *
 * Severity says whether the workflow still has a remedy of its own:
 *
 * - `warning`: the step can still escalate ({@link canEscalate}: it has an escalation role, or it
 *   is a chain whose current link is not the last); the `escalateOverdue` command will act on it;
 * - `violation`: it cannot — there is no higher role to escalate to (the step is at the top of the
 *   org chart, or the named role has no holder but the requester), or the step has escalated and
 *   is still not done. Nothing automatic is left: somebody has to chase the approvers.
 *
 * The finding's `at` is the instant the step (link) fell due — the breach's start — and its id is
 * derived from the request and that instant, so the same lateness found again (an hour later, or
 * after it escalated) keeps its id while its severity and hours grow; a later step's or link's
 * lateness is another finding.
 *
 * @since 0.1.0
 */
import type { Messages } from "../kernel/Errors.ts"
import * as Finding from "../kernel/Finding.ts"
import type { Organisation } from "../kernel/People.ts"
import type { Instant, Zone } from "../kernel/Time.ts"
import { defaultZone, formatInstant, formatLocal, fromEpochMillis } from "../kernel/Time.ts"
import { canEscalate, chainPosition, deadlineOf, dueAt } from "./decide.ts"
import type { ApprovalState } from "./model.ts"

const HOUR_MS = 3_600_000

/**
 * What the explanations of {@link overdueFindings} need: the organisation (people by name, and its
 * zone) and the zone times are printed in (default: the organisation's, else Asia/Shanghai).
 *
 * @since 0.1.0
 * @category models
 */
export interface OverdueOptions {
  readonly org?: Organisation
  readonly zone?: Zone
}

/**
 * The findings of lateness among `requests` (workflow states, or stored requests carrying one in
 * `state`) at `at`, in the canonical order of findings. Requests that are not pending, and steps
 * without a deadline, give none.
 *
 * Evidence: `requestId`; `step` (the step's index, 0 = the first, as in decision records) and,
 * on a chain, `link` (the current link's place in the chain) and `approver` (whose turn it is);
 * `deadlineHours`; `dueAt` and `asOf` (ISO instants); `hoursOverdue` (elapsed hours past the
 * deadline, rounded down to the hundredth); `canEscalate` and `escalated`.
 *
 * @since 0.1.0
 * @category checks
 */
export const overdueFindings = (
  requests: Iterable<ApprovalState | { readonly state: ApprovalState }>,
  at: Instant,
  options: OverdueOptions = {}
): Array<Finding.Finding> => {
  const zone = options.zone ?? options.org?.school.zone ?? defaultZone
  const names = new Map<string, string>((options.org?.staff ?? []).map((x) => [x.id, x.name]))
  const who = (id: string): string => names.get(id) ?? id
  const out: Array<Finding.Finding> = []
  for (const x of requests) {
    const state = "state" in x ? x.state : x
    if (state.status !== "pending") continue
    const due = dueAt(state)
    const s = state.route.steps[state.step]
    const hours = s === undefined ? undefined : deadlineOf(s)
    if (due === undefined || s === undefined || hours === undefined || at.epochMilliseconds < due) continue
    const escalated = state.escalated.includes(state.step)
    const can = canEscalate(state)
    const link = chainPosition(state)
    const turn = link === undefined ? undefined : s.eligible[link]
    const late = Math.floor((at.epochMilliseconds - due) / (HOUR_MS / 100)) / 100
    const dueInstant = fromEpochMillis(due)
    const whose: Messages = turn === undefined ? { zh: "", en: "" } : { zh: `（${who(turn)} 的审批）`, en: ` (${who(turn)}'s turn)` }
    const remedy: Messages = can
      ? { zh: "尚可升级（逾期升级将处理）", en: "it can still escalate (escalating overdue steps will act on it)" }
      : escalated
      ? { zh: "已升级，仍未完成", en: "it has escalated and is still not done" }
      : { zh: "没有更高一级的角色可升级，只能催办审批人", en: "there is no higher role to escalate to: only the approvers can be chased" }
    out.push(Finding.make({
      rule: "approvals.overdue",
      severity: can ? "warning" : "violation",
      subject: { kind: "approvals.request", id: state.requestId },
      at: dueInstant,
      period: true,
      evidence: {
        requestId: state.requestId,
        step: state.step,
        ...(link === undefined ? {} : { link }),
        ...(turn === undefined ? {} : { approver: turn }),
        deadlineHours: hours,
        dueAt: formatInstant(dueInstant),
        asOf: formatInstant(at),
        hoursOverdue: late,
        canEscalate: can,
        escalated
      },
      explanation: {
        zh: `申请 ${state.requestId} 第 ${state.step + 1} 步“${s.label.zh}”${whose.zh}应于 ${formatLocal(dueInstant, zone)} 前完成（期限 ${hours} 小时），已逾期 ${late} 小时；${remedy.zh}`,
        en: `request ${state.requestId}: step ${state.step + 1} "${s.label.en}"${whose.en} was due by ${formatLocal(dueInstant, zone, "en")} (a ${hours}-hour deadline) and is ${late} hours overdue; ${remedy.en}`
      }
    }))
  }
  return Finding.sort(out)
}
