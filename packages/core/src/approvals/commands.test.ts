import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { principalPolicy } from "../../test/support/approvals.ts"
import { createHouqin } from "../houqin.ts"
import { Organisation } from "../kernel/People.ts"
import { fromEpochMillis } from "../kernel/Time.ts"
import { cn } from "../packs/cn.ts"
import { kindergartenOrg } from "../testing/approvals.ts"
import type { Amendment } from "./model.ts"
import { Policy } from "./model.ts"
import { instantiate } from "./policy.ts"
import { overdueFindings } from "./queries.ts"

const schoolId = "kg-1"
const org = kindergartenOrg(schoolId)
const { schoolId: _s, version: _v, ...policy } = Schema.encodeSync(Policy)(
  instantiate(cn.approvals.presets.kindergarten, { schoolId, id: "kg-purchase", effectiveFrom: "2026-02-01" })
)

/**
 * The kindergarten's organisation and a policy saved, and a teacher's purchase request of
 * `fen` submitted at 09:00 on 2 March 2026.
 */
const submitPurchase = async (houqin: ReturnType<typeof createHouqin>, request: { readonly id: string; readonly fen: number; readonly title: string }, saved = policy) => {
  await houqin.people.saveOrganisation({ schoolId, actor: "s-head", organisation: Schema.encodeSync(Organisation)(org) })
  await houqin.approvals.savePolicy({ schoolId, actor: "s-head", policy: saved })
  return houqin.approvals.submitRequest({
    schoolId,
    actor: "s-teacher",
    request: { id: request.id, kind: "purchase", requesterId: "s-teacher", departmentId: "dept-teaching", title: request.title, amount: { amount: request.fen, currency: "CNY" }, submittedAt: "2026-03-02T09:00:00+08:00" }
  })
}

describe("the Promise API: houqin.approvals", () => {
  it("saves a policy, submits a request, decides on it and keeps the decisions with the policy revision", async () => {
    const houqin = createHouqin({ clock: () => Date.UTC(2026, 2, 2, 2, 0) })
    try {
      const submitted = await submitPurchase(houqin, { id: "req-1", fen: 100_001, title: "户外玩具" })
      expect(submitted.state.route.conditions).toEqual(["collectiveDecision", "form", "designatedPurchasingPoint"])
      for (const who of ["s-head", "s-deputy", "s-health"]) {
        await houqin.approvals.decide({ schoolId, actor: who, requestId: "req-1", action: { type: "approve", actor: who, at: "2026-03-02T10:00:00+08:00" } })
      }
      expect((await houqin.approvals.request(schoolId, "req-1")).state.status).toBe("approved")
      const decisions = await houqin.approvals.decisions(schoolId, "req-1")
      expect(decisions.map((d) => [d.seq, d.record.actor, d.record.policyRevision])).toEqual([[1, "s-head", 1], [2, "s-deputy", 1], [3, "s-health", 1]])
      // the stored explanations name the approvers from the organisation, not by their ids
      expect(decisions.map((d) => d.record.explanation.zh.split(" ")[0])).toEqual(["王园长", "李副园长", "赵保健老师"])
      // a refused action rejects with the typed error object
      await expect(houqin.approvals.decide({ schoolId, actor: "s-head", requestId: "req-1", action: { type: "approve", actor: "s-head", at: "2026-03-02T10:00:00+08:00" } }))
        .rejects.toMatchObject({ _tag: "ApprovalDecisionError", code: "approvals.notPending" })
      // bad input: a typed error with the field's path
      // deliberately bad input, cast past the compiler that would refuse it
      await expect(houqin.approvals.submitRequest({ schoolId, actor: "s-teacher", request: { id: "req-2", kind: "gift" } as never }))
        .rejects.toMatchObject({ _tag: "ValidationError", path: ["request", "kind"] })
      expect((await houqin.audit.verify(schoolId)).ok).toBe(true)
    } finally {
      await houqin.dispose()
    }
  })

  it("a decision is dated by the clock: a backdated or post-dated `at` is refused at [action, at], and an action without `at` is stamped with the clock's reading", async () => {
    // the clock reads 2026-03-02 10:00 +08:00 (02:00 UTC); the ¥500 request was submitted at 09:00
    // and goes to the committee of three (no deadlines), so only the time is under test. 09:00
    // (backdated an hour) and 11:00 (post-dated an hour) are both valid times for the pure
    // `decide` — neither is before the step began — so before the fix both were accepted. Both
    // are more than the 5-minute tolerance from the clock and are refused, writing nothing; 10:03
    // is within it and accepted, but the record carries the clock's 10:00, not the caller's 10:03.
    let now = Date.UTC(2026, 2, 2, 2, 0)
    const houqin = createHouqin({ clock: () => now })
    try {
      await submitPurchase(houqin, { id: "req-t", fen: 50_000, title: "绘本" })
      for (const at of ["2026-03-02T09:00:00+08:00", "2026-03-02T11:00:00+08:00"]) {
        await expect(houqin.approvals.decide({ schoolId, actor: "s-head", requestId: "req-t", action: { type: "approve", actor: "s-head", at } }))
          .rejects.toMatchObject({ _tag: "ValidationError", code: "approvals.actionTimeOffClock", path: ["action", "at"] })
      }
      expect(await houqin.approvals.decisions(schoolId, "req-t")).toEqual([])
      const near = await houqin.approvals.decide({ schoolId, actor: "s-head", requestId: "req-t", action: { type: "approve", actor: "s-head", at: "2026-03-02T10:03:00+08:00" } })
      expect(near.decision.record.at.epochMilliseconds).toBe(now)
      now += 3 * 3_600_000
      const stamped = await houqin.approvals.decide({ schoolId, actor: "s-deputy", requestId: "req-t", action: { type: "approve", actor: "s-deputy" } })
      expect(stamped.decision.record.at.epochMilliseconds).toBe(now)
    } finally {
      await houqin.dispose()
    }
  })

  it("a saved policy revision is immutable: the same policy again changes nothing, other rules under (id, revision) are refused, closing its period is allowed", async () => {
    // a request is routed under kg-purchase revision 1 (¥1,000.01: committee plus conditions).
    // Changing revision 1's threshold afterwards would make its decision records name a revision
    // whose rules no longer produced that route, so it is refused; before the fix it was accepted
    // and silently replaced revision 1 in place. Saving the very same policy is a no-op (its
    // version stays 1), and setting effectiveTo (to hand over to a new revision) leaves the
    // rules, hence every route made under them, as they were.
    const houqin = createHouqin({ clock: () => Date.UTC(2026, 2, 2, 2, 0) })
    try {
      await submitPurchase(houqin, { id: "req-v", fen: 100_001, title: "户外玩具" })
      const again = await houqin.approvals.savePolicy({ schoolId, actor: "s-head", policy: { ...policy, version: 1 } })
      expect(again.version).toBe(1)
      const cheaper = { ...policy, version: 1, rules: policy.rules.map((r) => ({ ...r, when: { ...r.when, amount: r.when.amount?.lte !== undefined ? { lte: 500_000 } : { gt: 500_000 } } })) }
      await expect(houqin.approvals.savePolicy({ schoolId, actor: "s-head", policy: cheaper }))
        .rejects.toMatchObject({ _tag: "ApprovalPolicyError", code: "approvals.revisionImmutable", path: ["policy", "rules"], policyId: "kg-purchase" })
      await expect(houqin.approvals.savePolicy({ schoolId, actor: "s-head", policy: { ...cheaper, revision: 2 } }))
        .rejects.toMatchObject({ _tag: "ApprovalPolicyError", code: "approvals.revisionImmutable", path: ["policy", "revision"] })
      const [stored] = await houqin.approvals.policies(schoolId)
      expect(stored!.rules.map((r) => r.when.amount)).toEqual([{ lte: 100_000 }, { gt: 100_000 }])
      const closed = await houqin.approvals.savePolicy({ schoolId, actor: "s-head", policy: { ...policy, version: 1, effectiveTo: "2026-09-01" } })
      expect([closed.version, closed.effectiveTo]).toEqual([2, "2026-09-01"])
    } finally {
      await houqin.dispose()
    }
  })

  it("return for changes: a ¥500.00 request returned and resubmitted at ¥1,500.00 carries the new amount and is routed again for it", async () => {
    // at ¥500.00 (50,000 fen) the kindergarten policy asks the committee only (仟元以内); the head
    // returns it, and the teacher resubmits the amended request at ¥1,500.00 — above ¥1,000.00,
    // so the route that amount requires adds the collective decision, the form and the designated
    // purchasing point. Before the fix the resubmission carried no changes: the stored request
    // kept ¥500.00 and the committee-only route. Requester and kind cannot be amended.
    let now = Date.UTC(2026, 2, 2, 1, 0)
    const houqin = createHouqin({ clock: () => now })
    try {
      const first = await submitPurchase(houqin, { id: "req-r", fen: 50_000, title: "绘本" })
      expect(first.state.route.conditions).toEqual([])
      now += 3_600_000
      await houqin.approvals.decide({ schoolId, actor: "s-head", requestId: "req-r", action: { type: "return", actor: "s-head", comment: "请按整套购买重新报价" } })
      now += 3_600_000
      const out = await houqin.approvals.decide({
        schoolId,
        actor: "s-teacher",
        requestId: "req-r",
        action: { type: "resubmit", actor: "s-teacher", comment: "整套", amend: { amount: { amount: 150_000, currency: "CNY" }, title: "绘本（整套）" } }
      })
      expect(out.request.request.amount.amount).toBe(150_000)
      expect(out.request.request.title).toBe("绘本（整套）")
      expect(out.request.state.status).toBe("pending")
      expect(out.request.state.route.conditions).toEqual(["collectiveDecision", "form", "designatedPurchasingPoint"])
      expect(out.request.state.route.matched.map((m) => m.ruleId)).toEqual(["kg.above1000"])
      expect(out.decision.record.changes).toEqual({ amount: { amount: 150_000, currency: "CNY" }, title: "绘本（整套）" })
      expect(out.decision.record.explanation.zh).toContain("¥1,500.00")
      // the audit entry holds the request before and after the change
      const entries = await houqin.audit.entries(schoolId)
      const last = entries[entries.length - 1]!
      const [before, after] = [last.changes[0]!.before, last.changes[0]!.after] as Array<{ request: { amount: { amount: number } } }>
      expect([before!.request.amount.amount, after!.request.amount.amount]).toEqual([50_000, 150_000])
      // neither the requester nor the kind can be amended: the amendment has no such fields
      // @ts-expect-error the kind is not amendable
      const kind: Amendment = { kind: "repair" }
      // @ts-expect-error nor is the requester
      const requester: Amendment = { requesterId: "s-head" }
      expect([kind, requester]).toHaveLength(2)
    } finally {
      await houqin.dispose()
    }
  })

  it("a step with a deadline and nowhere to escalate: escalateOverdue leaves it alone, the overdue query reports it", async () => {
    // "the principal must answer within 48 hours": 王园长 approves every purchase, escalating to the
    // next level — there is none above him. Submitted 09:00 on 2 March, due 09:00 on 4 March.
    let now = Date.UTC(2026, 2, 2, 1, 0)
    const houqin = createHouqin({ clock: () => now })
    try {
      const submitted = await submitPurchase(houqin, { id: "req-p", fen: 50_000, title: "绘本" }, principalPolicy(policy))
      expect(submitted.state.route.steps.map((s) => [s.deadlineHours, s.escalation])).toEqual([[48, undefined]])
      now += 47 * 3_600_000
      expect(await houqin.run(overdueFindings(schoolId))).toEqual([])
      now += 3 * 3_600_000
      expect(await houqin.approvals.escalateOverdue({ schoolId, actor: "system" })).toEqual([])
      expect(await houqin.approvals.decisions(schoolId, "req-p")).toEqual([])
      const found = await houqin.run(overdueFindings(schoolId))
      expect(found.map((f) => [f.rule, f.severity, f.subject.id, f.evidence["hoursOverdue"]])).toEqual([["approvals.overdue", "violation", "req-p", 2]])
      // names from the organisation, times in its zone
      expect(found[0]!.explanation.zh).toBe("申请 req-p 第 1 步“王园长”应于 2026-03-04 09:00 前完成（期限 48 小时），已逾期 2 小时；没有更高一级的角色可升级，只能催办审批人")
      // an explicit instant
      expect(await houqin.run(overdueFindings(schoolId, fromEpochMillis(Date.UTC(2026, 2, 4, 0, 59))))).toEqual([])
      // the Promise front door: the same findings; an instant as ISO text, refused at its path when it names none
      expect(await houqin.approvals.overdueFindings(schoolId)).toEqual(found)
      expect(await houqin.approvals.overdueFindings(schoolId, "2026-03-04T08:59:00+08:00")).toEqual([])
      expect((await houqin.approvals.overdueFindings(schoolId, "2026-03-04T10:00:00+08:00")).map((f) => f.evidence["hoursOverdue"])).toEqual([1])
      await expect(houqin.approvals.overdueFindings(schoolId, "2026-03-04 10:00")).rejects.toMatchObject({ _tag: "ValidationError", path: ["at"] })
    } finally {
      await houqin.dispose()
    }
  })
})
