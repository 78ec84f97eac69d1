import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { principalPolicy } from "../../test/support/approvals.ts"
import { fromEpochMillis } from "../kernel/Time.ts"
import { cn } from "../packs/cn.ts"
import { kindergartenOrg, request } from "../testing/approvals.ts"
import { decide, start } from "./decide.ts"
import type { Action, ApprovalState, Policy } from "./model.ts"
import { overdueFindings } from "./overdueFindings.ts"
import { instantiate } from "./policy.ts"
import { route } from "./route.ts"

const org = kindergartenOrg()
const H = 3_600_000
const t0 = Date.UTC(2026, 2, 2, 1, 0)
const at = (hours: number) => fromEpochMillis(t0 + hours * H)
const kg = instantiate(cn.approvals.presets.kindergarten, { schoolId: "kg-1", id: "kg-purchase", effectiveFrom: "2026-02-01" })
const school = instantiate(cn.approvals.presets.school, { schoolId: "kg-1", id: "school", effectiveFrom: "2026-02-01" })
// "the principal must answer within 48 hours": 王园长 is at the top of the org chart
const principal = principalPolicy(kg)
const begin = (policy: Policy, id = "req-1", fen = 100) => {
  const req = request({ fen, id: id as never })
  return start(req, Result.getOrThrow(route(req, policy, org)))
}
const ok = (s: ApprovalState, a: Record<string, unknown>) => Result.getOrThrow(decide(s, a as unknown as Action)).state

describe("overdueFindings: lateness made visible", () => {
  it("the principal's 48 hours: nothing at 47 h; at 50 h a violation, 2 hours overdue, that cannot escalate", () => {
    const s = begin(principal)
    expect(overdueFindings([s], at(47))).toEqual([])
    const [f, ...rest] = overdueFindings([s], at(50), { org })
    expect(rest).toEqual([])
    expect(f).toMatchObject({
      id: "approvals.overdue:approvals.request:req-1@2026-03-04T01:00:00.000Z",
      rule: "approvals.overdue",
      severity: "violation",
      subject: { kind: "approvals.request", id: "req-1" },
      at: at(48),
      evidence: {
        requestId: "req-1",
        step: 0,
        deadlineHours: 48,
        dueAt: "2026-03-04T01:00:00.000Z",
        asOf: "2026-03-04T03:00:00.000Z",
        hoursOverdue: 2,
        canEscalate: false,
        escalated: false
      }
    })
    expect(f!.explanation.zh).toBe("申请 req-1 第 1 步“王园长”应于 2026-03-04 09:00 前完成（期限 48 小时），已逾期 2 小时；没有更高一级的角色可升级，只能催办审批人")
    expect(f!.explanation.en).toContain("is 2 hours overdue; there is no higher role to escalate to: only the approvers can be chased")
    // at the deadline itself it is due (as for escalation): 0 hours overdue
    expect(overdueFindings([s], at(48)).map((x) => x.evidence["hoursOverdue"])).toEqual([0])
    // once approved, nothing is late
    expect(overdueFindings([ok(s, { type: "approve", actor: "s-head", at: at(60) })], at(70))).toEqual([])
  })

  it("a chain link that can still be passed is a warning; the same lateness after the last link escalated is a violation with the same id", () => {
    let s = ok(begin(school, "req-c", 10_000), { type: "approve", actor: "s-leader", at: at(1) })
    const [w] = overdueFindings([s], at(50), { org })
    expect(w).toMatchObject({ severity: "warning", at: at(49), evidence: { step: 0, link: 1, approver: "s-officer", canEscalate: true, escalated: false, hoursOverdue: 1 } })
    expect(w!.explanation.zh).toContain("（刘干事 的审批）")
    s = ok(s, { type: "escalate", actor: "system", at: at(49) })
    // the director's turn, due at 97 h: nothing late at 50 h
    expect(overdueFindings([s], at(50))).toEqual([])
    s = ok(s, { type: "escalate", actor: "system", at: at(97) })
    const [v] = overdueFindings([s], at(100.5))
    expect(v).toMatchObject({ severity: "violation", at: at(97), evidence: { link: 2, approver: "s-director", canEscalate: false, escalated: true, hoursOverdue: 3.5 } })
    expect(v!.explanation.en).toContain("it has escalated and is still not done")
    const [before] = overdueFindings([ok(begin(school, "req-c", 10_000), { type: "approve", actor: "s-leader", at: at(1) })], at(50))
    expect(before!.id).not.toBe(v!.id)
  })

  it("takes stored requests or states in any order, and lists the findings by due time", () => {
    const late = begin(principal, "req-a")
    const later = { ...begin(principal, "req-b"), stepStartedAt: at(-10) }
    const none = begin(kg, "req-z")
    const found = overdueFindings([{ state: late }, none, later], at(60))
    expect(found.map((f) => [f.subject.id, f.at])).toEqual([["req-b", at(38)], ["req-a", at(48)]])
    expect(overdueFindings([later, late], at(60))).toEqual(found)
  })
})
