import { describe, expect, it } from "vitest"
import { fromEpochMillis } from "../kernel/Time.ts"
import { cn } from "../packs/cn.ts"
import { kindergartenOrg } from "../testing/approvals.ts"
import { checkPolicy, toFindings } from "./analysis.ts"
import type { Rule } from "./model.ts"
import { instantiate } from "./policy.ts"

const org = kindergartenOrg()
const kg = instantiate(cn.approvals.presets.kindergarten, { schoolId: "kg-1", id: "kg-purchase", effectiveFrom: "2026-02-01" })

describe("static checks return counterexample requests", () => {
  it("the seed kindergarten rule and the school chain have no gap, no unsatisfiable route, no shadowed rule", () => {
    const r = checkPolicy(kg, org)
    expect(r.problems).toEqual([])
    expect(r.exhaustive).toBe(true)
    // amounts 0, 99,999, 100,000, 100,001 fen × 8 requesters
    expect(r.examined).toBe(4 * 8)
    const school = instantiate(cn.approvals.presets.school, { schoolId: "kg-1", id: "school", effectiveFrom: "2026-02-01" })
    expect(checkPolicy(school, org).problems).toEqual([])
  })

  it("a gap: without the rule above ¥1,000, a purchase of ¥1,000.01 matches nothing", () => {
    const r = checkPolicy({ ...kg, rules: kg.rules.filter((x) => x.id === "kg.upTo1000") }, org)
    expect(r.problems.map((p) => [p.check, p.kind, p.request?.amount.amount])).toEqual([["gap", "purchase", 100_001]])
    expect(r.problems[0]!.explanation.en).toBe("no rule matches a purchase request (by s-head, amount CNY 1000.01)")
  })

  it("unsatisfiable: 3 of a committee of 3, when a committee member asks, leaves 2 — the counterexample names the requester", () => {
    const rules = kg.rules.map((x): Rule => ({ ...x, steps: [{ approvers: { type: "role", roleId: "committee" as never }, quorum: { type: "nOf", n: 3 } }] }))
    const r = checkPolicy({ ...kg, rules }, org)
    const u = r.problems.filter((p) => p.check === "unsatisfiable")
    expect(u.map((p) => [p.ruleId, p.request?.requesterId, p.request?.amount.amount])).toEqual([["kg.upTo1000", "s-head", 0], ["kg.above1000", "s-head", 100_001]])
  })

  it("shadowed: a rule asking one committee member above ¥2,000 never changes a route that already needs all of them", () => {
    const redundant: Rule = {
      id: "kg.redundant",
      name: { zh: "两千元以上须园委会一人审批", en: "above ¥2,000 one committee member" },
      kinds: ["purchase"],
      when: { amount: { gt: 200_000 } },
      steps: [{ approvers: { type: "role", roleId: "committee" as never }, quorum: { type: "oneOf" } }],
      conditions: ["form"]
    }
    const unreachable: Rule = { ...redundant, id: "kg.never", when: { amount: { gt: 100, lt: 100 } } }
    const r = checkPolicy({ ...kg, rules: [...kg.rules, redundant, unreachable] }, org)
    expect(r.problems.map((p) => [p.check, p.ruleId, p.request?.amount.amount])).toEqual([
      ["shadowed", "kg.redundant", 200_001],
      ["unreachable", "kg.never", undefined]
    ])
    const f = toFindings(r, kg, fromEpochMillis(0))
    expect(f.map((x) => [x.rule, x.severity, x.subject.id])).toEqual([
      ["approvals.policy.shadowed", "warning", "kg-purchase/kg.redundant"],
      ["approvals.policy.unreachable", "warning", "kg-purchase/kg.never"]
    ])
    expect((f[0]!.evidence["request"] as { amount: { amount: number } }).amount.amount).toBe(200_001)
  })

  it("departments whose members would find no approver: a head with no parent department, and staff with no department", () => {
    // one rule: the head of the requester's department approves. In the kindergarten org 陈主任
    // (s-director) heads 后勤组 (dept-logistics), which has no parent: when he asks, his own
    // department's head is himself and there is nobody above him. The committee members (s-head
    // first) belong to no department at all. Both find no approver; before the fix the first
    // showed only as `unsatisfiable` and the second not at all.
    const rules: Array<Rule> = [{
      id: "kg.head",
      name: { zh: "部门负责人审批", en: "the head of department approves" },
      kinds: ["purchase"],
      when: {},
      steps: [{ approvers: { type: "departmentHead" }, quorum: { type: "oneOf" } }],
      conditions: []
    }]
    const r = checkPolicy({ ...kg, rules }, org)
    const none = r.problems.filter((p) => p.check === "noApprovers")
    expect(none.map((p) => [p.ruleId, p.departmentId, p.request?.requesterId])).toEqual([
      ["kg.head", undefined, "s-head"],
      ["kg.head", "dept-logistics", "s-director"]
    ])
    expect(none[1]!.explanation.en).toContain("dept-logistics")
    expect(r.problems.filter((p) => p.check === "unsatisfiable")).toEqual([])
    const f = toFindings(r, kg, fromEpochMillis(0))
    expect(f.filter((x) => x.rule === "approvals.policy.noApprovers").map((x) => [x.severity, x.subject.id])).toEqual([
      ["violation", "kg-purchase/kg.head/(no department)"],
      ["violation", "kg-purchase/kg.head/dept-logistics"]
    ])
  })

  it("noEscalation: a deadline with nobody to escalate to is a warning, once per rule, with the counterexample", () => {
    // the principal (王园长, committee: the top level) answers within 48 hours, escalating to the
    // next level — there is none; the director's step escalates to the committee, which always has
    // a holder besides the requester, and the chain-free officer step has no deadline
    const rules: Array<Rule> = [
      {
        id: "kg.principal",
        name: { zh: "园长 48 小时内审批", en: "the principal answers within 48 hours" },
        kinds: ["purchase"],
        when: {},
        steps: [{ approvers: { type: "staff", staffIds: ["s-head"] as never }, quorum: { type: "oneOf" }, deadlineHours: 48, escalateTo: { type: "nextLevel" } }]
      },
      {
        id: "kg.director",
        name: { zh: "主任 24 小时内审批", en: "the director answers within 24 hours" },
        kinds: ["purchase"],
        when: {},
        steps: [{ approvers: { type: "role", roleId: "director" as never }, quorum: { type: "oneOf" }, deadlineHours: 24, escalateTo: { type: "nextLevel" } }]
      }
    ]
    const r = checkPolicy({ ...kg, rules }, org)
    const none = r.problems.filter((p) => p.check === "noEscalation")
    expect(none.map((p) => [p.ruleId, p.kind, p.request?.requesterId])).toEqual([["kg.principal", "purchase", "s-deputy"]])
    expect(none[0]!.explanation.zh).toBe("规则 kg.principal“园长 48 小时内审批”第 1 步（王园长）限 48 小时，但采购申请（申请人 s-deputy，金额 ¥0.00）无处升级：组织架构中没有比该步更高一级、且有申请人以外的人担任的角色；逾期只会提示，不会升级")
    const f = toFindings(r, kg, fromEpochMillis(0)).filter((x) => x.rule === "approvals.policy.noEscalation")
    expect(f.map((x) => [x.severity, x.subject.id, (x.evidence["request"] as { requesterId: string }).requesterId])).toEqual([["warning", "kg-purchase/kg.principal", "s-deputy"]])
    // the school chain escalates to the committee for every requester: no problem
    const school = instantiate(cn.approvals.presets.school, { schoolId: "kg-1", id: "school", effectiveFrom: "2026-02-01" })
    expect(checkPolicy(school, org).problems.filter((p) => p.check === "noEscalation")).toEqual([])
  })

  it("noEscalation: a named escalation role whose only holder is the requester", () => {
    const onlyHead = { ...org, staff: org.staff.map((s) => (s.id === "s-deputy" || s.id === "s-health" ? { ...s, roles: [] } : s)) } as typeof org
    const rules: Array<Rule> = [{
      id: "kg.director",
      name: { zh: "主任审批，逾期报园委会", en: "the director, escalating to the committee" },
      kinds: ["purchase"],
      when: {},
      steps: [{ approvers: { type: "role", roleId: "director" as never }, quorum: { type: "oneOf" }, deadlineHours: 24, escalateTo: { type: "role", roleId: "committee" as never } }]
    }]
    const none = checkPolicy({ ...kg, rules }, onlyHead).problems.filter((p) => p.check === "noEscalation")
    expect(none.map((p) => [p.ruleId, p.request?.requesterId])).toEqual([["kg.director", "s-head"]])
    expect(none[0]!.explanation.en).toContain("the escalation role committee has no holder but the requester")
  })
})
