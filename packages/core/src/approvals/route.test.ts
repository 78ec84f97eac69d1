import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { cn } from "../packs/cn.ts"
import { kindergartenOrg, request } from "../testing/approvals.ts"
import type { Rule } from "./model.ts"
import { instantiate } from "./policy.ts"
import { route } from "./route.ts"

const org = kindergartenOrg()
const kg = instantiate(cn.approvals.presets.kindergarten, { schoolId: "kg-1", id: "kg-purchase", effectiveFrom: "2026-02-01" })
const routeOk = (fen: number, extra: Parameters<typeof request>[0] extends infer P ? Partial<P> : never = {}) =>
  Result.getOrThrow(route(request({ fen, ...extra }), kg, org))

describe("the seed kindergarten rule: up to ¥1,000 the committee approves; above, committee discussion + form + designated purchasing point", () => {
  it("¥999.99 = 99,999 fen ≤ 100,000 fen: committee only, no conditions", () => {
    const r = routeOk(99_999)
    expect(r.matched.map((m) => m.ruleId)).toEqual(["kg.upTo1000"])
    expect(r.steps.map((s) => [s.label.en, s.quorum.type, s.required])).toEqual([["committee", "all", 3]])
    expect(r.conditions).toEqual([])
    expect(r.explanation.zh).toBe([
      "依据“幼儿园物品购置审批”第 1 版，采购申请 req-1（金额 ¥999.99）：",
      "不适用规则 kg.above1000“仟元以上物品经园委会讨论通过，再填表审批，并到指定的政府采购点购置”：金额 ¥999.99 不满足 > ¥1,000.00。",
      "适用规则 kg.upTo1000“仟元以内物品由园委会讨论通过”：申请类型为“采购”；金额 ¥999.99 ≤ ¥1,000.00。",
      "审批步骤：1. 园委会（全体 3 人）。",
      "附加要求：无。"
    ].join("\n"))
    expect(r.explanation.en).toBe([
      "Under \"Kindergarten purchase approval\" revision 1, purchase request req-1 (amount CNY 999.99):",
      "Rule kg.above1000 \"Above ¥1,000: committee discussion, an approval form and a designated government purchasing point\" does not apply: amount CNY 999.99 is not > CNY 1,000.00.",
      "Rule kg.upTo1000 \"Up to ¥1,000: approved by the committee\" applies: the request is a purchase; amount CNY 999.99 ≤ CNY 1,000.00.",
      "Steps: 1. committee (all 3).",
      "Conditions: none."
    ].join("\n"))
  })

  it("¥1,000.00 = 100,000 fen: 仟元以内 includes the boundary — still committee only", () => {
    const r = routeOk(100_000)
    expect(r.matched.map((m) => m.ruleId)).toEqual(["kg.upTo1000"])
    expect(r.conditions).toEqual([])
    expect(r.matched[0]!.reasons.find((x) => x.input === "amount")).toMatchObject({ value: 100_000, zh: "金额 ¥1,000.00 ≤ ¥1,000.00", en: "amount CNY 1,000.00 ≤ CNY 1,000.00" })
    expect(r.explanation.zh).toContain("不适用规则 kg.above1000“仟元以上物品经园委会讨论通过，再填表审批，并到指定的政府采购点购置”：金额 ¥1,000.00 不满足 > ¥1,000.00。")
    expect(r.explanation.en).toContain("does not apply: amount CNY 1,000.00 is not > CNY 1,000.00.")
    expect(r.explanation.zh.endsWith("审批步骤：1. 园委会（全体 3 人）。\n附加要求：无。")).toBe(true)
  })

  it("¥1,000.01 = 100,001 fen > 100,000 fen: committee, collective decision, form and designated purchasing point", () => {
    const r = routeOk(100_001)
    expect(r.matched.map((m) => m.ruleId)).toEqual(["kg.above1000"])
    expect(r.steps.map((s) => s.label.zh)).toEqual(["园委会"])
    expect(r.conditions).toEqual(["collectiveDecision", "form", "designatedPurchasingPoint"])
    expect(r.explanation.zh).toBe([
      "依据“幼儿园物品购置审批”第 1 版，采购申请 req-1（金额 ¥1,000.01）：",
      "适用规则 kg.above1000“仟元以上物品经园委会讨论通过，再填表审批，并到指定的政府采购点购置”：申请类型为“采购”；金额 ¥1,000.01 > ¥1,000.00。",
      "不适用规则 kg.upTo1000“仟元以内物品由园委会讨论通过”：金额 ¥1,000.01 不满足 ≤ ¥1,000.00。",
      "审批步骤：1. 园委会（全体 3 人）。",
      "附加要求：集体决策；填表审批；到指定的政府采购点购置。"
    ].join("\n"))
    expect(r.explanation.en.split("\n").at(-1)).toBe(
      "Conditions: a collective decision; an approval form; buying at a designated government purchasing point."
    )
  })

  it("a committee member who requests is left out of the committee step (all 3 − requester = 2)", () => {
    const r = routeOk(20_000, { requesterId: "s-head" as never })
    expect(r.steps[0]!.eligible).toEqual(["s-deputy", "s-health"])
    expect(r.steps[0]!.required).toBe(2)
  })
})

describe("route: refusals", () => {
  it("a request of a kind the policy does not cover", () => {
    const r = route(request({ fen: 100, kind: "repair" }), kg, org)
    expect(Result.isFailure(r) && r.failure.code).toBe("approvals.kindNotCovered")
  })

  it("a gap: no rule matches", () => {
    const gappy = { ...kg, rules: kg.rules.filter((x) => x.id !== "kg.above1000") }
    const r = route(request({ fen: 100_001 }), gappy, org)
    expect(Result.isFailure(r) && [r.failure._tag, r.failure.code]).toEqual(["ApprovalRouteError", "approvals.noRuleMatches"])
  })

  it("a quorum larger than the approvers left after separation of duties names the rule", () => {
    const twoOf: Rule = { ...kg.rules[0]!, id: "kg.two", steps: [{ approvers: { type: "staff", staffIds: ["s-head", "s-deputy"] as never }, quorum: { type: "nOf", n: 2 } }] }
    const r = route(request({ fen: 100, requesterId: "s-head" as never }), { ...kg, rules: [twoOf] }, org)
    expect(Result.isFailure(r) && [r.failure.code, r.failure.ruleId]).toEqual(["approvals.unsatisfiable", "kg.two"])
  })

  it("a request in another currency", () => {
    const r = route({ ...request({ fen: 100 }), amount: { amount: 100, currency: "HKD" } }, kg, org)
    expect(Result.isFailure(r) && r.failure.code).toBe("approvals.currencyMismatch")
  })
})

describe("combining rules", () => {
  const school = instantiate(cn.approvals.presets.school, { schoolId: "kg-1", id: "school", effectiveFrom: "2026-02-01" })

  it("the school chain: team leader → officer → director, in order of level; ¥50,000 adds the committee after it", () => {
    const small = Result.getOrThrow(route(request({ fen: 4_999_999 }), school, org))
    expect(small.steps.map((s) => [s.label.en, s.eligible])).toEqual([["responsibility chain (周组长 → 刘干事 → 陈主任)", ["s-leader", "s-officer", "s-director"]]])
    expect(small.steps[0]!.escalation).toEqual({ afterHours: 48, roleId: "committee", eligible: ["s-deputy", "s-head", "s-health"] })
    const major = Result.getOrThrow(route(request({ fen: 5_000_000 }), school, org))
    expect(major.steps.map((s) => [s.label.en, s.level, s.rules])).toEqual([
      ["responsibility chain (周组长 → 刘干事 → 陈主任)", 30, ["school.chain"]],
      ["committee", 40, ["school.major"]]
    ])
    expect(major.conditions).toEqual(["collectiveDecision"])
  })

  it("the same approver set is asked once, with the strictest quorum and the shortest deadline", () => {
    const rules: ReadonlyArray<Rule> = [
      { id: "a", name: { zh: "甲", en: "a" }, kinds: ["purchase"], when: {}, steps: [{ approvers: { type: "role", roleId: "committee" as never }, quorum: { type: "oneOf" }, deadlineHours: 72 }] },
      { id: "b", name: { zh: "乙", en: "b" }, kinds: ["purchase"], when: {}, steps: [{ approvers: { type: "role", roleId: "committee" as never }, quorum: { type: "nOf", n: 2 }, deadlineHours: 24 }] },
      { id: "c", name: { zh: "丙", en: "c" }, kinds: ["purchase"], when: {}, steps: [{ approvers: { type: "staff", staffIds: ["s-officer"] as never }, quorum: { type: "oneOf" } }] }
    ]
    const r = Result.getOrThrow(route(request({ fen: 100 }), { ...kg, rules }, org))
    // officer (level 20) before committee (level 40); the committee step merges a and b: 2 of 3, 24 h
    expect(r.steps.map((s) => [s.label.en, s.quorum, s.rules, s.escalation?.afterHours])).toEqual([
      ["刘干事", { type: "oneOf" }, ["c"], undefined],
      ["committee", { type: "nOf", n: 2 }, ["a", "b"], undefined]
    ])
  })

  it("the generated government rules: ¥300,000 of goods needs government procurement; ¥2,000,000 an open tender too", () => {
    const gov = instantiate(cn.approvals.presets.government, { schoolId: "kg-1", id: "gov", effectiveFrom: "2026-02-01" })
    const below = Result.getOrThrow(route(request({ fen: 29_999_999 }), gov, org))
    expect(below.conditions).toEqual(["collectiveDecision"])
    const at = Result.getOrThrow(route(request({ fen: 30_000_000 }), gov, org))
    expect(at.conditions).toEqual(["collectiveDecision", "governmentProcurement"])
    expect(at.explanation.zh).toContain("金额 ¥300,000.00 ≥ ¥300,000.00")
    const tender = Result.getOrThrow(route(request({ fen: 200_000_000 }), gov, org))
    expect(tender.conditions).toEqual(["collectiveDecision", "governmentProcurement", "openTender"])
    const works = Result.getOrThrow(route(request({ fen: 200_000_000, kind: "repair", category: "works", attributes: { budgetFundShare: 0.1 } }), gov, org))
    expect(works.matched.map((m) => m.ruleId).sort()).toEqual(["gov.local_guideline.2", "gov.national.5", "gov.national.6", "gov.national.7", "school.chain"])
  })

  it("the goods-and-services thresholds apply to services: a ¥400,000 repair needs government procurement; a works repair keeps the works threshold", () => {
    // 财库〔2019〕69号, city/county level: goods and services from ¥300,000, works from ¥600,000.
    // A repair is a service (维修服务) unless it is building work (category works), so ¥400,000
    // of repairs is above the services limit; before the fix the row was mapped to purchases only
    // and the repair got no governmentProcurement condition. A ¥400,000 works repair is below the
    // works limit and gets none; ¥2,000,000 of service repairs needs an open tender too.
    const gov = instantiate(cn.approvals.presets.government, { schoolId: "kg-1", id: "gov", effectiveFrom: "2026-02-01" })
    const repair = Result.getOrThrow(route(request({ fen: 40_000_000, kind: "repair", category: "equipment" }), gov, org))
    expect(repair.conditions).toContain("governmentProcurement")
    expect(repair.explanation.zh).toContain("服务")
    const noCategory = Result.getOrThrow(route(request({ fen: 40_000_000, kind: "repair" }), gov, org))
    expect(noCategory.conditions).toContain("governmentProcurement")
    const below = Result.getOrThrow(route(request({ fen: 29_999_999, kind: "repair" }), gov, org))
    expect(below.conditions).not.toContain("governmentProcurement")
    const works = Result.getOrThrow(route(request({ fen: 40_000_000, kind: "repair", category: "works" }), gov, org))
    expect(works.conditions).not.toContain("governmentProcurement")
    const tender = Result.getOrThrow(route(request({ fen: 200_000_000, kind: "repair" }), gov, org))
    expect(tender.conditions).toEqual(expect.arrayContaining(["governmentProcurement", "openTender"]))
  })

  it("the head of department: from the requester's staff record when the request names none; the parent department's head when the head asks", () => {
    // 保教组 (dept-teaching, head 刘干事 s-officer) sits under 园务 (dept-office, head 王园长 s-head).
    // 孙老师's request names no department: her staff record says dept-teaching, so 刘干事
    // approves (before: noApprovers). 刘干事 asking for his own department cannot approve his own
    // request; the head of the parent department does (before: unsatisfiable, never submittable).
    const base = kindergartenOrg()
    const nested = {
      ...base,
      departments: [
        { id: "dept-office", name: "园务", headId: "s-head" },
        { id: "dept-logistics", name: "后勤组", headId: "s-director", parentId: "dept-office" },
        { id: "dept-teaching", name: "保教组", headId: "s-officer", parentId: "dept-office" }
      ]
    } as unknown as typeof base
    const headPolicy = {
      ...kg,
      rules: [{
        id: "kg.head",
        name: { zh: "部门负责人审批", en: "the head of department approves" },
        kinds: ["purchase"],
        when: {},
        steps: [{ approvers: { type: "departmentHead" }, quorum: { type: "oneOf" } }],
        conditions: []
      }]
    } as unknown as typeof kg
    const { departmentId: _d, ...noDept } = request({ fen: 10_000 })
    const teacher = Result.getOrThrow(route(noDept as typeof noDept & { departmentId?: never }, headPolicy, nested))
    expect(teacher.steps.map((x) => x.eligible)).toEqual([["s-officer"]])
    const head = Result.getOrThrow(route(request({ fen: 10_000, requesterId: "s-officer" as never }), headPolicy, nested))
    expect(head.steps.map((x) => x.eligible)).toEqual([["s-head"]])
    expect(head.steps[0]!.label.zh).toContain("王园长")
  })
})

describe("a deadline is kept whether or not there is anyone to escalate to", () => {
  // "the principal must answer within 48 hours": 王园长 (s-head, committee — the top of the org
  // chart) approves every purchase within 48 hours, escalating to the next level, of which there is
  // none. Before the fix the route dropped the deadline without a trace.
  const rules: ReadonlyArray<Rule> = [{
    id: "principal",
    name: { zh: "园长 48 小时内审批", en: "the principal answers within 48 hours" },
    kinds: ["purchase"],
    when: {},
    steps: [{ approvers: { type: "staff", staffIds: ["s-head"] as never }, quorum: { type: "oneOf" }, deadlineHours: 48, escalateTo: { type: "nextLevel" } }]
  }]

  it("a step at the top of the org chart has deadlineHours 48 and no escalation, and the explanation says its lateness is only reported", () => {
    const r = Result.getOrThrow(route(request({ fen: 100 }), { ...kg, rules }, org))
    expect(r.steps.map((s) => [s.label.zh, s.deadlineHours, s.escalation])).toEqual([["王园长", 48, undefined]])
    expect(r.explanation.zh.split("\n")).toContain("第 1 步“王园长”限 48 小时内完成，但没有更高一级的角色可升级：逾期只作提示，不升级。")
    expect(r.explanation.en.split("\n")).toContain("Step 1 \"王园长\" has a deadline of 48 hours and no higher role to escalate to: lateness is only reported.")
  })

  it("a step that can escalate keeps the same deadline beside its escalation, and its explanation adds no such line", () => {
    const school = instantiate(cn.approvals.presets.school, { schoolId: "kg-1", id: "school", effectiveFrom: "2026-02-01" })
    const r = Result.getOrThrow(route(request({ fen: 100 }), school, org))
    expect(r.steps.map((s) => [s.deadlineHours, s.escalation?.afterHours])).toEqual([[48, 48]])
    expect(r.explanation.en).not.toContain("lateness is only reported")
  })

  it("a named escalation role held by nobody but the requester: the step keeps its deadline, without escalation", () => {
    const toHead: ReadonlyArray<Rule> = [{ ...rules[0]!, steps: [{ approvers: { type: "role", roleId: "director" as never }, quorum: { type: "oneOf" }, deadlineHours: 24, escalateTo: { type: "role", roleId: "committee" as never } }] }]
    const byOther = Result.getOrThrow(route(request({ fen: 100 }), { ...kg, rules: toHead }, org))
    expect(byOther.steps[0]!.escalation?.eligible).toEqual(["s-deputy", "s-head", "s-health"])
    const solo = kindergartenOrg()
    const onlyHead = { ...solo, staff: solo.staff.map((s) => (s.id === "s-deputy" || s.id === "s-health" ? { ...s, roles: [] } : s)) } as typeof solo
    const bySoleHolder = Result.getOrThrow(route(request({ fen: 100, requesterId: "s-head" as never }), { ...kg, rules: toHead }, onlyHead))
    expect(bySoleHolder.steps.map((s) => [s.deadlineHours, s.escalation])).toEqual([[24, undefined]])
    expect(bySoleHolder.explanation.zh).toContain("限 24 小时内完成，但没有更高一级的角色可升级")
  })
})
