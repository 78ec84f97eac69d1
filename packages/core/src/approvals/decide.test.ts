import { Result, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { principalPolicy } from "../../test/support/approvals.ts"
import { fromEpochMillis } from "../kernel/Time.ts"
import { cn } from "../packs/cn.ts"
import { kindergartenOrg, request } from "../testing/approvals.ts"
import { canActNow, canEscalate, chainPosition, deadlineOf, decide, dueAt, overdue, start } from "./decide.ts"
import type { Action, ApprovalState, Policy } from "./model.ts"
import { ApprovalState as ApprovalStateSchema } from "./model.ts"
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
    // the team leader silent for 48 hours: the chain passes to the officer
    const passed = named(begin(school, 10_000), { type: "escalate", actor: "system", at: at(48) })
    expect(passed.record.explanation.zh).toBe("第 1 步“责任链（周组长 → 刘干事 → 陈主任）”：周组长 超过 48 小时未审批，转由下一级 刘干事 审批；依据政策 school 第 1 版")
    expect(passed.record.explanation.en).toBe("step 1 \"responsibility chain (周组长 → 刘干事 → 陈主任)\": 周组长 did not approve within 48 hours; it passes to the next level, 刘干事; under policy school revision 1")
    // then the officer and the director: the director, the last link, escalates to the committee
    const officerPassed = named(passed.state, { type: "escalate", actor: "system", at: at(96) })
    const escalated = named(officerPassed.state, { type: "escalate", actor: "system", at: at(144) })
    expect(escalated.record.explanation.zh).toBe("第 1 步“责任链（周组长 → 刘干事 → 陈主任）”：陈主任 超过 48 小时未审批，升级至园委会（李副园长、王园长、赵保健老师）；依据政策 school 第 1 版")
    expect(escalated.record.explanation.en).toContain("陈主任 did not approve within 48 hours; the step escalated to committee (李副园长, 王园长, 赵保健老师)")
  })
})

describe("decide: escalation on an explicit clock", () => {
  it("a chain's deadline applies to each link: a silent link is passed and the next level acts; only the last link's silence escalates to the committee", () => {
    // the audit's case: the team leader approves at 1 h, the officer says nothing. Before the fix
    // the step escalated at 49 h (48 h from its start) and one committee member's approval
    // completed the whole chain — the officer's and the director's approvals were never asked.
    let s = ok(begin(school, 10_000), { type: "approve", actor: "s-leader", at: at(1) }).state
    expect(canActNow(s)).toEqual(["s-officer"])
    expect(chainPosition(s)).toBe(1)
    // the officer's 48 hours count from the team leader's approval at 1 h: due at 49 h
    expect(dueAt(s)).toBe(at(49).epochMilliseconds)
    expect(overdue(s, at(48.99))).toBe(false)
    expect(code(s, { type: "escalate", actor: "system", at: at(48.99) })).toBe("approvals.notOverdue")
    expect(overdue(s, at(49))).toBe(true)
    const passed = ok(s, { type: "escalate", actor: "system", at: at(49) })
    expect(passed.record).toMatchObject({ action: "escalate", step: 0, statusBefore: "pending", statusAfter: "pending" })
    expect(passed.record.explanation.zh).toBe("第 1 步“责任链（周组长 → 刘干事 → 陈主任）”：s-officer 超过 48 小时未审批，转由下一级 s-director 审批；依据政策 school 第 1 版")
    s = passed.state
    expect(s.escalated).toEqual([])
    expect(s.passedLinks).toEqual([{ step: 0, link: 1, at: at(49) }])
    // the director's turn, not the committee's
    expect(canActNow(s)).toEqual(["s-director"])
    expect(chainPosition(s)).toBe(2)
    expect(code(s, { type: "approve", actor: "s-deputy", at: at(50) })).toBe("approvals.notEligible")
    expect(code(s, { type: "approve", actor: "s-officer", at: at(50) })).toBe("approvals.outOfTurn")
    // the director's 48 hours count from the escalation at 49 h: due at 97 h
    expect(dueAt(s)).toBe(at(97).epochMilliseconds)
    expect(overdue(s, at(96.99))).toBe(false)
    expect(code(s, { type: "escalate", actor: "system", at: at(96.99) })).toBe("approvals.notOverdue")
    // the director, the last link, is silent too: the step escalates to the committee
    const e = ok(s, { type: "escalate", actor: "system", at: at(97) })
    s = e.state
    expect(s.escalated).toEqual([0])
    expect(e.record.explanation.en).toBe("step 1 \"responsibility chain (周组长 → 刘干事 → 陈主任)\": s-director did not approve within 48 hours; the step escalated to committee (s-deputy, s-head, s-health); under policy school revision 1")
    expect(overdue(s, at(200))).toBe(false)
    expect(code(s, { type: "escalate", actor: "system", at: at(98) })).toBe("approvals.alreadyEscalated")
    expect(canActNow(s)).toEqual(["s-director", "s-deputy", "s-head", "s-health"])
    const done = ok(s, { type: "approve", actor: "s-deputy", at: at(98) })
    expect(done.state.status).toBe("approved")
    expect(done.state.approvals.map((a) => [a.for, a.escalated])).toEqual([["s-leader", false], ["s-deputy", true]])
    expect(done.record.explanation.en).toContain("(escalated approval completes the step); the request is approved")
    expect(canActNow(done.state)).toEqual([])
  })

  it("a link's clock starts at the previous approval: the officer approving at 40 h gives the director until 88 h, not 48 h from the step's start", () => {
    let s = ok(begin(school, 10_000), { type: "approve", actor: "s-leader", at: at(10) }).state
    expect(dueAt(s)).toBe(at(58).epochMilliseconds)
    expect(overdue(s, at(48))).toBe(false)
    s = ok(s, { type: "approve", actor: "s-officer", at: at(40) }).state
    expect(canActNow(s)).toEqual(["s-director"])
    expect(dueAt(s)).toBe(at(88).epochMilliseconds)
    expect(code(s, { type: "escalate", actor: "system", at: at(58) })).toBe("approvals.notOverdue")
    expect(overdue(s, at(87.99))).toBe(false)
    expect(overdue(s, at(88))).toBe(true)
    // the director approves late but before anyone escalated: the chain completes in order
    const last = ok(s, { type: "approve", actor: "s-director", at: at(90) })
    expect(last.state.status).toBe("approved")
    expect(last.record.explanation.en).toContain("(3/3); the request is approved")
  })

  it("a passed link counts towards the chain's position: the director approving after the officer was passed completes the step (3/3)", () => {
    let s = begin(school, 10_000)
    // the team leader is silent from the start: passed at 48 h, the officer acts until 96 h
    s = ok(s, { type: "escalate", actor: "system", at: at(48) }).state
    expect(s.passedLinks).toEqual([{ step: 0, link: 0, at: at(48) }])
    expect(canActNow(s)).toEqual(["s-officer"])
    expect(code(s, { type: "approve", actor: "s-leader", at: at(49) })).toBe("approvals.outOfTurn")
    expect(dueAt(s)).toBe(at(96).epochMilliseconds)
    s = ok(s, { type: "approve", actor: "s-officer", at: at(60) }).state
    expect(canActNow(s)).toEqual(["s-director"])
    expect(dueAt(s)).toBe(at(108).epochMilliseconds)
    const last = ok(s, { type: "approve", actor: "s-director", at: at(61) })
    expect(last.state.status).toBe("approved")
    expect(last.record.explanation.zh).toContain("（3/3），申请已批准")
    expect(last.state.escalated).toEqual([])
  })

  it("a resubmission resets the passed links, like the escalations; a stored state without the key still decodes", () => {
    const passed = ok(begin(school, 10_000), { type: "escalate", actor: "system", at: at(48) }).state
    const returned = ok(passed, { type: "return", actor: "s-officer", at: at(50), comment: "请补充报价单" }).state
    const again = ok(returned, { type: "resubmit", actor: "s-teacher", at: at(51) }).state
    expect("passedLinks" in again).toBe(false)
    expect(canActNow(again)).toEqual(["s-leader"])
    expect(dueAt(again)).toBe(at(99).epochMilliseconds)
    const decode = Schema.decodeUnknownSync(ApprovalStateSchema)
    const encode = Schema.encodeSync(ApprovalStateSchema)
    expect(decode(encode(passed)).passedLinks).toEqual([{ step: 0, link: 0, at: at(48) }])
    const { passedLinks: _p, ...old } = encode(passed)
    expect(decode(old).passedLinks).toBeUndefined()
  })

  it("a step that is not a chain keeps one deadline from its start: an approval does not restart it, and one escalation approver completes the step", () => {
    // two of the committee within 24 hours, else the director decides
    const twoOf: Policy = {
      ...kg,
      id: "kg-24h" as Policy["id"],
      rules: [{
        id: "two" as Policy["rules"][number]["id"],
        name: { zh: "两名园委", en: "two of the committee" },
        kinds: ["purchase"],
        when: {},
        steps: [{ approvers: { type: "role", roleId: "committee" as never }, quorum: { type: "nOf", n: 2 }, deadlineHours: 24, escalateTo: { type: "role", roleId: "director" as never } }]
      }] as unknown as Policy["rules"]
    }
    let s = ok(begin(twoOf, 100), { type: "approve", actor: "s-head", at: at(10) }).state
    expect(chainPosition(s)).toBeUndefined()
    expect(dueAt(s)).toBe(at(24).epochMilliseconds)
    expect(overdue(s, at(24))).toBe(true)
    const e = ok(s, { type: "escalate", actor: "system", at: at(24) })
    expect(e.record.explanation.zh).toBe("第 1 步“园委会”超过 24 小时未完成，升级至director（s-director）；依据政策 kg-24h 第 3 版")
    s = e.state
    expect(s.escalated).toEqual([0])
    expect(s.passedLinks).toBeUndefined()
    const done = ok(s, { type: "approve", actor: "s-director", at: at(25) })
    expect(done.state.status).toBe("approved")
  })

  it("a step without a deadline does not escalate, and actions dated before the step began are refused", () => {
    const s = begin(kg, 100)
    expect(code(s, { type: "escalate", actor: "system", at: at(1000) })).toBe("approvals.noDeadline")
    expect(code(s, { type: "approve", actor: "s-head", at: at(-1) })).toBe("approvals.outOfOrder")
  })
})

describe("decide: a deadline with nowhere to escalate", () => {
  // "the principal must answer within 48 hours": 王园长 (s-head) approves every purchase, within 48
  // hours, escalating to the next level. He holds the committee role, the top of the org chart:
  // there is nobody to escalate to. Before the fix the route dropped the deadline: dueAt said the
  // step had none, escalate answered "no deadline", and lateness showed nowhere.
  const principal = principalPolicy(kg)

  it("the step keeps its 48-hour deadline, falls due at 48 h, cannot escalate and is never `overdue` for escalateOverdue; escalate is refused with nowhereToEscalate; a late approval still completes it", () => {
    const s = begin(principal, 100)
    const step = s.route.steps[0]!
    expect([step.deadlineHours, step.escalation]).toEqual([48, undefined])
    expect(dueAt(s)).toBe(at(48).epochMilliseconds)
    expect(canEscalate(s)).toBe(false)
    expect(overdue(s, at(50))).toBe(false)
    expect(code(s, { type: "escalate", actor: "system", at: at(50) })).toBe("approvals.nowhereToEscalate")
    // before the deadline too: the answer does not depend on the time
    expect(code(s, { type: "escalate", actor: "system", at: at(10) })).toBe("approvals.nowhereToEscalate")
    const refused = act(s, { type: "escalate", actor: "system", at: at(50) })
    expect(Result.isFailure(refused) && [refused.failure.zh, refused.failure.en, refused.failure.path]).toEqual([
      "第 1 步“王园长”有 48 小时的期限，但没有更高一级的角色可升级：逾期只作提示，不能升级",
      "step 1 \"王园长\" has a 48-hour deadline but no higher role to escalate to: lateness is only reported",
      ["type"]
    ])
    const late = ok(s, { type: "approve", actor: "s-head", at: at(60) })
    expect(late.state.status).toBe("approved")
  })

  it("a chain with no escalation role still passes a silent link to the next; only its last link has nowhere to go", () => {
    // 陈主任 (s-director) asks: his chain is 周组长 → 刘干事, 48 h a link, escalating to the director
    // role — which only he holds, so the route has no escalation. The team leader's silence passes
    // to the officer (the chain's own escalation); the officer's cannot go anywhere.
    const toDirector = instantiate({
      ...cn.approvals.presets.school,
      rules: [{ ...cn.approvals.presets.school.rules[0]!, steps: [{ approvers: { type: "chain" }, quorum: { type: "chain" }, deadlineHours: 48, escalateTo: { type: "role", roleId: "director" } }] }]
    } as never, { schoolId: "kg-1", id: "chain-to-director", effectiveFrom: "2026-02-01" })
    const req = request({ fen: 100, requesterId: "s-director" as never, departmentId: "dept-logistics" as never })
    let s = start(req, Result.getOrThrow(route(req, toDirector, org)))
    expect(s.route.steps.map((x) => [x.eligible, x.deadlineHours, x.escalation])).toEqual([[["s-leader", "s-officer"], 48, undefined]])
    expect(canEscalate(s)).toBe(true)
    expect(overdue(s, at(47))).toBe(false)
    expect(overdue(s, at(48))).toBe(true)
    expect(code(s, { type: "escalate", actor: "system", at: at(47) })).toBe("approvals.notOverdue")
    s = ok(s, { type: "escalate", actor: "system", at: at(48) }).state
    expect(s.passedLinks).toEqual([{ step: 0, link: 0, at: at(48) }])
    expect(canActNow(s)).toEqual(["s-officer"])
    expect(dueAt(s)).toBe(at(96).epochMilliseconds)
    expect(canEscalate(s)).toBe(false)
    expect(overdue(s, at(200))).toBe(false)
    expect(code(s, { type: "escalate", actor: "system", at: at(100) })).toBe("approvals.nowhereToEscalate")
    const refused = act(s, { type: "escalate", actor: "system", at: at(100) })
    expect(Result.isFailure(refused) && refused.failure.en).toContain("(s-officer is the last link)")
  })

  it("a route stored before steps kept their deadline (escalation only) behaves as before", () => {
    const s = begin(school, 10_000)
    const { deadlineHours: _d, ...oldStep } = s.route.steps[0]!
    const old: ApprovalState = { ...s, route: { ...s.route, steps: [oldStep] } }
    expect(deadlineOf(oldStep)).toBe(48)
    expect(dueAt(old)).toBe(at(48).epochMilliseconds)
    expect(overdue(old, at(48))).toBe(true)
    expect(code(old, { type: "escalate", actor: "system", at: at(48) })).toBe("accepted")
  })
})
