import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { fromEpochMillis } from "../kernel/Time.ts"
import { cn } from "../packs/cn.ts"
import { kindergartenOrg, request } from "../testing/approvals.ts"
import { canActNow, decide, overdue, start } from "./decide.ts"
import type { Action, ApprovalState } from "./model.ts"
import { instantiate } from "./policy.ts"
import { route } from "./route.ts"

const org = kindergartenOrg()
const H = 3_600_000
const t0 = Date.UTC(2026, 2, 2, 1, 0)
const at = (hours: number) => fromEpochMillis(t0 + hours * H)
const school = instantiate(cn.approvals.presets.school, { schoolId: "kg-1", id: "school", effectiveFrom: "2026-02-01" })
const kg = instantiate(cn.approvals.presets.kindergarten, { schoolId: "kg-1", id: "kg-purchase", revision: 3, effectiveFrom: "2026-02-01" })

const begin = (policy: typeof school, fen: number, requester = "s-teacher") => {
  const req = request({ fen, requesterId: requester as never })
  return start(req, Result.getOrThrow(route(req, policy, org)))
}
const act = (s: ApprovalState, a: Record<string, unknown>) => decide(s, a as unknown as Action)
const ok = (s: ApprovalState, a: Record<string, unknown>) => Result.getOrThrow(act(s, a))
const code = (s: ApprovalState, a: Record<string, unknown>) => {
  const r = act(s, a)
  return Result.isFailure(r) ? r.failure.code : "accepted"
}

describe("decide: the chain climbs in order and the audit record names the policy revision", () => {
  it("team leader, officer, director approve in turn; the request is approved", () => {
    let s = begin(school, 10_000)
    expect(canActNow(s)).toEqual(["s-leader"])
    expect(code(s, { type: "approve", actor: "s-officer", at: at(1) })).toBe("approvals.outOfTurn")
    const r1 = ok(s, { type: "approve", actor: "s-leader", at: at(1) })
    expect(r1.record).toMatchObject({ action: "approve", step: 0, statusBefore: "pending", statusAfter: "pending", policyId: "school", policyRevision: 1 })
    expect(r1.record.explanation.en).toBe("s-leader approved step 1 \"responsibility chain (周组长 → 刘干事 → 陈主任)\" (1/3); under policy school revision 1")
    s = ok(r1.state, { type: "approve", actor: "s-officer", at: at(2) }).state
    const last = ok(s, { type: "approve", actor: "s-director", at: at(3) })
    expect(last.state.status).toBe("approved")
    expect(last.record.explanation.zh).toBe("s-director 同意第 1 步“责任链（周组长 → 刘干事 → 陈主任）”（3/3），申请已批准；依据政策 school 第 1 版")
    expect(code(last.state, { type: "approve", actor: "s-head", at: at(4) })).toBe("approvals.notPending")
  })

  it("names the revision of the policy that routed it", () => {
    const r = ok(begin(kg, 100), { type: "approve", actor: "s-head", at: at(1) })
    expect([r.record.policyId, r.record.policyRevision]).toEqual(["kg-purchase", 3])
  })
})

describe("decide: separation of duties", () => {
  it("a requester never approves their own request, not even for someone else", () => {
    const s = begin(kg, 100, "s-head")
    expect(code(s, { type: "approve", actor: "s-head", at: at(1) })).toBe("approvals.selfApproval")
    expect(code(s, { type: "approve", actor: "s-deputy", onBehalfOf: "s-head", at: at(1) })).toBe("approvals.selfApproval")
    expect(code(s, { type: "delegate", actor: "s-deputy", to: "s-head", validFrom: at(0), validUntil: at(10), at: at(0) })).toBe("approvals.selfApproval")
  })

  it("nobody approves twice in one request, and someone outside the step is refused", () => {
    const s1 = ok(begin(kg, 100), { type: "approve", actor: "s-head", at: at(1) }).state
    expect(code(s1, { type: "approve", actor: "s-head", at: at(2) })).toBe("approvals.alreadyApproved")
    expect(code(s1, { type: "approve", actor: "s-officer", at: at(2) })).toBe("approvals.notEligible")
  })

  it("rejecting and returning need a comment; a return can be resubmitted and restarts at step 1", () => {
    const s = begin(kg, 100)
    expect(code(s, { type: "reject", actor: "s-head", at: at(1), comment: "  " })).toBe("approvals.commentRequired")
    const rejected = ok(s, { type: "reject", actor: "s-head", at: at(1), comment: "预算不足" })
    expect(rejected.state.status).toBe("rejected")
    expect(rejected.record.comment).toBe("预算不足")
    const returned = ok(ok(s, { type: "approve", actor: "s-deputy", at: at(1) }).state, { type: "return", actor: "s-head", at: at(2), comment: "请补充报价单" }).state
    expect(returned.status).toBe("returned")
    expect(code(returned, { type: "resubmit", actor: "s-head", at: at(3) })).toBe("approvals.notRequester")
    const again = ok(returned, { type: "resubmit", actor: "s-teacher", at: at(3) }).state
    expect([again.status, again.step, again.round, again.approvals.length]).toEqual(["pending", 0, 2, 0])
  })
})

describe("decide: delegation", () => {
  it("a delegate acts for the delegator only within the delegation's dates, with no more authority", () => {
    let s = begin(kg, 100)
    s = ok(s, { type: "delegate", actor: "s-head", to: "s-officer", validFrom: at(0), validUntil: at(24), at: at(0) }).state
    expect(code(s, { type: "approve", actor: "s-officer", onBehalfOf: "s-head", at: at(30) })).toBe("approvals.delegationNotInForce")
    // the delegate has no authority of their own on the committee step
    expect(code(s, { type: "approve", actor: "s-officer", at: at(1) })).toBe("approvals.notEligible")
    const r = ok(s, { type: "approve", actor: "s-officer", onBehalfOf: "s-head", at: at(1) })
    expect(r.record.onBehalfOf).toBe("s-head")
    expect(r.record.explanation.en).toContain("s-officer for s-head approved step 1")
    // the delegator's authority is used up
    expect(code(r.state, { type: "approve", actor: "s-head", at: at(2) })).toBe("approvals.alreadyApproved")
  })

  it("a cycle of delegations is refused", () => {
    let s = begin(kg, 100)
    s = ok(s, { type: "delegate", actor: "s-head", to: "s-deputy", validFrom: at(0), validUntil: at(24), at: at(0) }).state
    s = ok(s, { type: "delegate", actor: "s-deputy", to: "s-health", validFrom: at(0), validUntil: at(24), at: at(0) }).state
    expect(code(s, { type: "delegate", actor: "s-health", to: "s-head", validFrom: at(0), validUntil: at(24), at: at(0) })).toBe("approvals.delegationCycle")
    expect(code(s, { type: "delegate", actor: "s-head", to: "s-head", validFrom: at(0), validUntil: at(24), at: at(0) })).toBe("approvals.delegationCycle")
    expect(code(s, { type: "delegate", actor: "s-teacher2", to: "s-officer", validFrom: at(0), validUntil: at(24), at: at(0) })).toBe("approvals.notEligible")
  })
})

describe("decide: explanations a reader can use", () => {
  it("name staff and roles from the organisation and print times in the school's zone", () => {
    const named = (st: ApprovalState, a: Record<string, unknown>, zone?: string) =>
      Result.getOrThrow(decide(st, a as unknown as Action, { org, ...(zone === undefined ? {} : { zone: zone as never }) }))
    let s = begin(school, 10_000)
    const approved = named(s, { type: "approve", actor: "s-leader", at: at(1) })
    expect(approved.record.explanation.zh).toBe("周组长 同意第 1 步“责任链（周组长 → 刘干事 → 陈主任）”（1/3）；依据政策 school 第 1 版")
    s = approved.state
    // validUntil 2026-03-07T00:00+08:00 = 2026-03-06T16:00Z: printed as the school reads it
    const delegated = named(s, { type: "delegate", actor: "s-officer", to: "s-teacher2", validFrom: at(0), validUntil: fromEpochMillis(Date.UTC(2026, 2, 6, 16)), at: at(2) })
    expect(delegated.record.explanation.zh).toBe("刘干事 委托 吴老师 代为审批，有效期至 2026-03-07 00:00；依据政策 school 第 1 版")
    expect(delegated.record.explanation.en).toBe("刘干事 delegated to 吴老师 until 2026-03-07 00:00; under policy school revision 1")
    // the same instant in Urumqi (UTC+6) is 22:00 the evening before
    const urumqi = named(s, { type: "delegate", actor: "s-officer", to: "s-teacher2", validFrom: at(0), validUntil: fromEpochMillis(Date.UTC(2026, 2, 6, 16)), at: at(2) }, "Asia/Urumqi")
    expect(urumqi.record.explanation.en).toContain("until 2026-03-06 22:00")
    const escalated = named(begin(school, 10_000), { type: "escalate", actor: "system", at: at(48) })
    expect(escalated.record.explanation.zh).toBe("第 1 步“责任链（周组长 → 刘干事 → 陈主任）”超过 48 小时未完成，升级至园委会（李副园长、王园长、赵保健老师）；依据政策 school 第 1 版")
    expect(escalated.record.explanation.en).toContain("escalated to committee (李副园长, 王园长, 赵保健老师)")
  })
})

describe("decide: escalation on an explicit clock", () => {
  it("a chain link silent for 48 hours escalates to the next level, one of whom completes the step", () => {
    const s = begin(school, 10_000)
    expect(overdue(s, at(47.99))).toBe(false)
    expect(code(s, { type: "escalate", actor: "system", at: at(47.99) })).toBe("approvals.notOverdue")
    expect(overdue(s, at(48))).toBe(true)
    const e = ok(s, { type: "escalate", actor: "system", at: at(48) })
    expect(e.record.explanation.en).toBe("step 1 \"responsibility chain (周组长 → 刘干事 → 陈主任)\" passed its 48-hour deadline and escalated to committee (s-deputy, s-head, s-health); under policy school revision 1")
    expect(code(e.state, { type: "escalate", actor: "system", at: at(50) })).toBe("approvals.alreadyEscalated")
    expect(canActNow(e.state)).toEqual(["s-leader", "s-deputy", "s-head", "s-health"])
    const done = ok(e.state, { type: "approve", actor: "s-deputy", at: at(50) })
    expect(done.state.status).toBe("approved")
    expect(done.state.approvals[0]!.escalated).toBe(true)
  })

  it("a step without a deadline does not escalate, and actions dated before the step began are refused", () => {
    const s = begin(kg, 100)
    expect(code(s, { type: "escalate", actor: "system", at: at(1000) })).toBe("approvals.noDeadline")
    expect(code(s, { type: "approve", actor: "s-head", at: at(-1) })).toBe("approvals.outOfOrder")
  })
})
