import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { decide, start } from "../approvals/decide.ts"
import type { Action, ApprovalState, Policy, Request, StoredRequest } from "../approvals/model.ts"
import { instantiate } from "../approvals/policy.ts"
import { route } from "../approvals/route.ts"
import { cn } from "../packs/cn.ts"
import { kindergartenOrg, request } from "../testing/approvals.ts"
import { fromEpochMillis } from "../kernel/Time.ts"
import { fromStored, replay } from "./replay.ts"

const org = kindergartenOrg()
const current = instantiate(cn.approvals.presets.kindergarten, { schoolId: "kg-1", id: "kg", effectiveFrom: "2026-02-01" })
// "what if the threshold were 5,000 yuan?": the same rules with 500,000 fen in place of 100,000
const at5000 = {
  ...current,
  revision: 2,
  rules: current.rules.map((r) => ({ ...r, when: { amount: r.when.amount!.lte !== undefined ? { lte: 500_000 } : { gt: 500_000 } } }))
}

describe("replay: a recorded history under another policy, request by request", () => {
  const history = [99_999, 100_001, 499_999, 500_001].map((fen, i) => {
    const req = request({ fen, id: `req-${i + 1}` as never })
    const r = Result.getOrThrow(route(req, current, org))
    const state = start(req, r)
    return { request: req, route: state.route, approvers: ["s-head", "s-deputy", "s-health"], status: "approved" as const }
  })

  it("raising the threshold to ¥5,000 drops the form, the collective decision and the purchasing point for ¥1,000.01–¥5,000.00", () => {
    const report = replay(history, at5000, org)
    expect([report.total, report.changed, report.policyRevision]).toEqual([4, 2, 2])
    expect(report.lines.map((l) => [l.requestId, l.changed, l.removedConditions])).toEqual([
      ["req-1", false, []],
      ["req-2", true, ["collectiveDecision", "form", "designatedPurchasingPoint"]],
      ["req-3", true, ["collectiveDecision", "form", "designatedPurchasingPoint"]],
      ["req-4", false, []]
    ])
    expect(report.lines[1]!.explanation.en).toBe("req-2: drops conditions: a collective decision; an approval form; buying at a designated government purchasing point")
    expect(report.lines[0]!.explanation.zh).toBe("req-1：无变化")
    expect(report.lines.every((l) => l.recordedApprovalsSuffice === true)).toBe(true)
  })

  it("a policy with a gap reports the requests it could not route; a stricter quorum says the signatures given would not do", () => {
    const gappy = { ...current, rules: current.rules.filter((r) => r.id === "kg.upTo1000") }
    const report = replay(history, gappy, org)
    expect(report.lines[1]!.after.error?.en).toContain("no rule of the policy")
    expect(report.lines[1]!.changed).toBe(true)
    const short = history.map((h) => ({ ...h, approvers: ["s-head"] }))
    expect(replay(short, current, org).lines.map((l) => l.recordedApprovalsSuffice)).toEqual([false, false, false, false])
  })

  it("without a recorded route, the baseline policy gives the before", () => {
    const report = replay(history.map((h) => ({ request: h.request })), at5000, org, current)
    expect(report.changed).toBe(2)
  })
})

describe("replay: escalated approvals and chain links passed at their deadlines", () => {
  const H = 3_600_000
  const at = (hours: number) => fromEpochMillis(Date.UTC(2026, 2, 2, 1, 0) + hours * H)
  const ok = (s: ApprovalState, a: Record<string, unknown>) => Result.getOrThrow(decide(s, a as unknown as Action)).state
  const stored = (request: Request, state: ApprovalState): StoredRequest => ({ schoolId: "kg-1", id: request.id, version: 1, request, state }) as StoredRequest
  const committeeStep = (extra: Record<string, unknown>) => ({
    ...current,
    rules: [{ id: "two", name: { zh: "两名园委", en: "two of the committee" }, kinds: ["purchase"], when: {}, steps: [{ approvers: { type: "role", roleId: "committee" }, quorum: { type: "nOf", n: 2 }, ...extra }] }]
  }) as unknown as Policy

  it("an escalated approval completed its step alone: it suffices where its approver is the new step's escalation approver, and counts once where they are an ordinary approver", () => {
    // two of the committee within 24 hours, else the director: 王园长 approves at 10 h, nobody else
    // by 24 h, the step escalates and 陈主任 completes it. Counting eligibility only, the replay
    // under the very same policy said the approvals would not do (one of two committee members).
    const twoOf = committeeStep({ deadlineHours: 24, escalateTo: { type: "role", roleId: "director" } })
    const req = request({ fen: 100, id: "req-e" as never })
    let s = start(req, Result.getOrThrow(route(req, twoOf, org)))
    s = ok(s, { type: "approve", actor: "s-head", at: at(10) })
    s = ok(s, { type: "escalate", actor: "system", at: at(24) })
    s = ok(s, { type: "approve", actor: "s-director", at: at(25) })
    expect(s.status).toBe("approved")
    const h = fromStored(stored(req, s))
    expect([h.approvers, h.escalatedApprovers, h.passedLinks]).toEqual([["s-head", "s-director"], ["s-director"], []])
    expect(replay([h], twoOf, org).lines[0]!.recordedApprovalsSuffice).toBe(true)
    // without the escalation flags (an older caller) every approval is ordinary, as before
    expect(replay([{ ...h, escalatedApprovers: [] }], twoOf, org).lines[0]!.recordedApprovalsSuffice).toBe(false)
    // a new policy without the deadline would never have escalated to the director
    expect(replay([h], committeeStep({}), org).lines[0]!.recordedApprovalsSuffice).toBe(false)
    // a new policy where the director is an ordinary approver of a one-of step: once is enough
    const director = { ...current, rules: [{ ...twoOf.rules[0]!, steps: [{ approvers: { type: "role", roleId: "director" }, quorum: { type: "oneOf" } }] }] } as unknown as Policy
    expect(replay([h], director, org).lines[0]!.recordedApprovalsSuffice).toBe(true)
    // …but not of a step that needs the director and the officer both: alone, he was one of two
    const both = { ...current, rules: [{ ...twoOf.rules[0]!, steps: [{ approvers: { type: "staff", staffIds: ["s-director", "s-officer"] }, quorum: { type: "all" } }] }] } as unknown as Policy
    expect(replay([h], both, org).lines[0]!.recordedApprovalsSuffice).toBe(false)
  })

  it("a chain link passed at its deadline counts for a new chain with a deadline that has the same person as a link but not the last", () => {
    // the school chain: 周组长 says nothing and is passed at 48 h, 刘干事 and 陈主任 approve. Counting
    // eligibility only, two approvals of a three-link chain did not suffice under the same policy.
    const school = instantiate(cn.approvals.presets.school, { schoolId: "kg-1", id: "school", effectiveFrom: "2026-02-01" })
    const req = request({ fen: 10_000, id: "req-c" as never })
    let s = start(req, Result.getOrThrow(route(req, school, org)))
    s = ok(s, { type: "escalate", actor: "system", at: at(48) })
    s = ok(s, { type: "approve", actor: "s-officer", at: at(50) })
    s = ok(s, { type: "approve", actor: "s-director", at: at(51) })
    expect(s.status).toBe("approved")
    const h = fromStored(stored(req, s))
    expect(h.passedLinks).toEqual(["s-leader"])
    expect(replay([h], school, org).lines[0]!.recordedApprovalsSuffice).toBe(true)
    // the same chain without a deadline never passes anyone
    const noDeadline = { ...school, rules: school.rules.map((r) => ({ ...r, steps: r.steps.map(({ deadlineHours: _d, escalateTo: _e, ...st }) => st) })) } as Policy
    expect(replay([h], noDeadline, org).lines[0]!.recordedApprovalsSuffice).toBe(false)
    // nor does a passed link stand in for an ordinary step's approval
    const leaderOnly = { ...current, rules: [{ ...school.rules[0]!, steps: [{ approvers: { type: "staff", staffIds: ["s-leader"] }, quorum: { type: "oneOf" }, deadlineHours: 48 }] }] } as unknown as Policy
    expect(replay([h], leaderOnly, org).lines[0]!.recordedApprovalsSuffice).toBe(false)
  })
})
