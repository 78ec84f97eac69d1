import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { cn } from "../packs/cn.ts"
import { kindergartenOrg } from "../testing/approvals.ts"
import type { PolicyError } from "./errors.ts"
import type { Policy, Rule } from "./model.ts"
import { instantiate } from "./policy.ts"
import { policyInForce, validatePolicies, validatePolicy } from "./validate.ts"

const org = kindergartenOrg()
const kg = instantiate(cn.approvals.presets.kindergarten, { schoolId: "kg-1", id: "kg-purchase", effectiveFrom: "2026-02-01" })
const withRule = (rule: Rule): Policy => ({ ...kg, rules: [...kg.rules, rule] })
const base: Rule = { id: "kg.extra", name: { zh: "附加规则", en: "extra rule" }, kinds: ["purchase"], when: {}, steps: [] }
const failure = <A>(r: Result.Result<A, PolicyError>) => {
  if (Result.isSuccess(r)) throw new Error("expected a failure")
  return r.failure
}

describe("validatePolicy refuses bad policies with typed errors that name the rule", () => {
  it("accepts the three presets against an org chart with their roles", () => {
    for (const t of [cn.approvals.presets.kindergarten, cn.approvals.presets.school, cn.approvals.presets.government]) {
      expect(Result.isSuccess(validatePolicy(t, org))).toBe(true)
    }
  })

  it("a quorum larger than its named approver set (2 of 1)", () => {
    const e = failure(validatePolicy(withRule({ ...base, steps: [{ approvers: { type: "staff", staffIds: ["s-head"] as never }, quorum: { type: "nOf", n: 2 } }] })))
    expect([e.code, e.ruleId, e.path]).toEqual(["approvals.quorumTooLarge", "kg.extra", ["rules", 2, "steps", 0, "quorum", "n"]])
    expect(e.zh).toBe("规则 kg.extra“附加规则”：第 1 步要求 2 人审批，但只指定了 1 人")
    expect(e.en).toBe("rule kg.extra \"extra rule\": step 1 needs 2 approvals but names only 1 approvers")
  })

  it("a quorum larger than the holders of a role (4 of a committee of 3)", () => {
    const e = failure(validatePolicy(withRule({ ...base, steps: [{ approvers: { type: "role", roleId: "committee" as never }, quorum: { type: "nOf", n: 4 } }] }), org))
    expect([e.code, e.ruleId]).toEqual(["approvals.quorumTooLarge", "kg.extra"])
    expect(e.en).toContain("only 3 staff hold \"committee\"")
  })

  it("an unknown role", () => {
    const e = failure(validatePolicy(withRule({ ...base, steps: [{ approvers: { type: "role", roleId: "principal" as never }, quorum: { type: "oneOf" } }] }), org))
    expect([e.code, e.ruleId, e.path]).toEqual(["approvals.unknownRole", "kg.extra", ["rules", 2, "steps", 0, "approvers", "roleId"]])
    expect(e.zh).toContain("角色 principal 在组织架构中未定义")
  })

  it("an unknown staff member, an unknown escalation role, an empty band, a duplicate rule id", () => {
    expect(failure(validatePolicy(withRule({ ...base, steps: [{ approvers: { type: "staff", staffIds: ["nobody"] as never }, quorum: { type: "oneOf" } }] }), org)).code).toBe("approvals.unknownStaff")
    expect(failure(validatePolicy(withRule({ ...base, steps: [{ approvers: { type: "chain" }, quorum: { type: "chain" }, deadlineHours: 24, escalateTo: { type: "role", roleId: "mayor" as never } }] }), org)).code).toBe("approvals.unknownRole")
    expect(failure(validatePolicy(withRule({ ...base, when: { amount: { gt: 100_000, lte: 100_000 } } }))).code).toBe("approvals.emptyBand")
    expect(failure(validatePolicy(withRule({ ...base, when: { amount: { gt: 1, gte: 2 } } }))).code).toBe("approvals.badBand")
    const dup = failure(validatePolicy(withRule({ ...base, id: "kg.upTo1000" })))
    expect([dup.code, dup.ruleId]).toEqual(["approvals.duplicateRule", "kg.upTo1000"])
  })

  it("overlapping effective dates for one request kind", () => {
    const a = instantiate(cn.approvals.presets.kindergarten, { schoolId: "kg-1", id: "kg-2025", effectiveFrom: "2025-09-01", effectiveTo: "2026-03-01" })
    const b = instantiate(cn.approvals.presets.kindergarten, { schoolId: "kg-1", id: "kg-2026", revision: 2, effectiveFrom: "2026-02-15" })
    const e = failure(validatePolicies([a, b], org))
    expect([e._tag, e.code, e.policyId]).toEqual(["ApprovalPolicyError", "approvals.overlappingPolicies", "kg-2026"])
    expect(e.en).toBe("policy kg-2026 (from 2026-02-15) overlaps policy kg-2025 (from 2025-09-01) for purchase requests")
    // back to back: the old one ends (exclusive) the day the new one starts
    const c = { ...b, effectiveFrom: "2026-03-01" } as Policy
    expect(Result.isSuccess(validatePolicies([a, c], org))).toBe(true)
    expect(policyInForce([a, c], "purchase", "2026-02-28" as never)?.id).toBe("kg-2025")
    expect(policyInForce([a, c], "purchase", "2026-03-01" as never)?.id).toBe("kg-2026")
    expect(policyInForce([a, c], "repair", "2026-03-01" as never)).toBeUndefined()
  })
})
