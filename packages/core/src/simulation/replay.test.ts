import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { start } from "../approvals/decide.ts"
import { instantiate } from "../approvals/policy.ts"
import { route } from "../approvals/route.ts"
import { cn } from "../packs/cn.ts"
import { kindergartenOrg, request } from "../testing/approvals.ts"
import { replay } from "./replay.ts"

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
