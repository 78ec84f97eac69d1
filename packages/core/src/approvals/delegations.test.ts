import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { createHouqin } from "../houqin.ts"
import { Organisation } from "../kernel/People.ts"
import { kindergartenOrg } from "../testing/approvals.ts"

// Standing delegations (常设委托) through the command path. The director (陈主任, s-director) is on
// leave 1–10 March (validFrom 1 March 00:00, validUntil 11 March 00:00, +08:00) and delegates
// purchases to the deputy (李副园长, s-deputy). The policy asks the director (one of the role's
// holders: only 陈主任) to approve every purchase and repair, so without a delegation the deputy
// is not eligible: each refusal below shows that the standing delegation — not anything else —
// is what lets the deputy act, and that the pure `decide`'s rules still bind it.
const schoolId = "kg-deleg"
const org = kindergartenOrg(schoolId)
const policy = {
  id: "director-approves",
  revision: 1,
  effectiveFrom: "2026-02-01",
  name: { zh: "主任审批", en: "the director approves" },
  kinds: ["purchase", "repair"] as const,
  rules: [{
    id: "director",
    name: { zh: "采购、维修由主任审批", en: "purchases and repairs are approved by the director" },
    kinds: ["purchase", "repair"] as const,
    when: {},
    steps: [{ approvers: { type: "role" as const, roleId: "director" }, quorum: { type: "oneOf" as const } }]
  }]
}
const onLeave = {
  id: "dlg-1",
  from: "s-director",
  to: "s-deputy",
  validFrom: "2026-03-01T00:00:00+08:00",
  validUntil: "2026-03-11T00:00:00+08:00",
  kinds: ["purchase"] as const,
  reason: "陈主任请假期间由李副园长代为审批采购"
}
// 2026-03-DD hh:00 +08:00 as epoch milliseconds
const local = (day: number, hour: number) => Date.UTC(2026, 2, day, hour - 8, 0)

const setUp = async (now: { value: number }) => {
  const houqin = createHouqin({ clock: () => now.value })
  await houqin.people.saveOrganisation({ schoolId, actor: "s-head", organisation: Schema.encodeSync(Organisation)(org) })
  await houqin.approvals.savePolicy({ schoolId, actor: "s-head", policy })
  return houqin
}

const submit = (houqin: Awaited<ReturnType<typeof setUp>>, id: string, submittedAt: string, kind: "purchase" | "repair" = "purchase", requesterId = "s-teacher") =>
  houqin.approvals.submitRequest({
    schoolId,
    actor: requesterId,
    request: { id, kind, requesterId, departmentId: "dept-teaching", title: "教具", amount: { amount: 80_000, currency: "CNY" }, submittedAt }
  })

const deputyApproves = (houqin: Awaited<ReturnType<typeof setUp>>, requestId: string) =>
  houqin.approvals.decide({ schoolId, actor: "s-deputy", requestId, action: { type: "approve", actor: "s-deputy", onBehalfOf: "s-director" } })

describe("standing delegations (常设委托) in the decide command", () => {
  it("the deputy approves for the director on leave a request submitted later, within the dates and for the kind; the request stores no delegation", async () => {
    // the request is submitted on 3 March, after the delegation was saved: a delegation in the
    // request's own state could not have reached it, the standing one does
    const now = { value: local(1, 9) }
    const houqin = await setUp(now)
    try {
      const saved = await houqin.approvals.saveDelegation({ schoolId, actor: "s-director", delegation: onLeave })
      expect([saved.version, saved.revoked]).toEqual([1, undefined])
      now.value = local(3, 9)
      await submit(houqin, "req-a", "2026-03-03T09:00:00+08:00")
      now.value = local(3, 10)
      const out = await deputyApproves(houqin, "req-a")
      expect(out.request.state.status).toBe("approved")
      expect([out.decision.record.actor, out.decision.record.onBehalfOf]).toEqual(["s-deputy", "s-director"])
      expect(out.decision.record.explanation.zh).toContain("李副园长（代 陈主任）")
      expect(out.request.state.approvals.map((a) => [a.by, a.for])).toEqual([["s-deputy", "s-director"]])
      // the standing delegation was a view offered to the pure decide: the request keeps none
      expect(out.request.state.delegations).toEqual([])
      expect((await houqin.approvals.delegations(schoolId)).map((d) => d.id)).toEqual(["dlg-1"])
      expect((await houqin.audit.verify(schoolId)).ok).toBe(true)
    } finally {
      await houqin.dispose()
    }
  })

  it("outside the dates, for another kind, after revocation the deputy is refused with approvals.delegationNotInForce; nothing is written", async () => {
    const now = { value: local(1, 9) }
    const houqin = await setUp(now)
    try {
      await houqin.approvals.saveDelegation({ schoolId, actor: "s-director", delegation: onLeave })
      // another kind: the delegation covers purchases only, this is a repair on 3 March
      now.value = local(3, 9)
      await submit(houqin, "req-repair", "2026-03-03T09:00:00+08:00", "repair")
      now.value = local(3, 10)
      await expect(deputyApproves(houqin, "req-repair")).rejects.toMatchObject({ _tag: "ApprovalDecisionError", code: "approvals.delegationNotInForce", path: ["onBehalfOf"] })
      // a purchase submitted within the dates, approved on 11 March 00:00, the delegation's
      // (exclusive) end: out of force
      await submit(houqin, "req-late", "2026-03-10T09:00:00+08:00")
      now.value = local(11, 0)
      await expect(deputyApproves(houqin, "req-late")).rejects.toMatchObject({ code: "approvals.delegationNotInForce" })
      // one minute earlier it is in force (the end is exclusive, the start inclusive)
      now.value = local(11, 0) - 60_000
      expect((await deputyApproves(houqin, "req-late")).decision.record.onBehalfOf).toBe("s-director")
      // revoked on 4 March 08:00: a purchase submitted on 4 March is refused although within the dates
      now.value = local(4, 8)
      const revoked = await houqin.approvals.revokeDelegation({ schoolId, actor: "s-director", delegationId: "dlg-1", version: 1, reason: "提前销假" })
      expect(revoked.revoked).toMatchObject({ by: "s-director", reason: "提前销假" })
      expect(revoked.revoked!.at.epochMilliseconds).toBe(local(4, 8))
      now.value = local(4, 9)
      await submit(houqin, "req-after", "2026-03-04T09:00:00+08:00")
      now.value = local(4, 10)
      await expect(deputyApproves(houqin, "req-after")).rejects.toMatchObject({ code: "approvals.delegationNotInForce" })
      expect(await houqin.approvals.decisions(schoolId, "req-after")).toEqual([])
      // the director, back, approves it himself
      const own = await houqin.approvals.decide({ schoolId, actor: "s-director", requestId: "req-after", action: { type: "approve", actor: "s-director" } })
      expect(own.request.state.status).toBe("approved")
      // a revoked delegation is revoked once, and stays readable with its revocation
      await expect(houqin.approvals.revokeDelegation({ schoolId, actor: "s-director", delegationId: "dlg-1" }))
        .rejects.toMatchObject({ _tag: "ValidationError", code: "approvals.delegationRevoked", path: ["delegationId"] })
      expect((await houqin.approvals.delegations(schoolId))[0]!.revoked?.reason).toBe("提前销假")
    } finally {
      await houqin.dispose()
    }
  })

  it("the deputy cannot approve their own request through the director's delegation (approvals.selfApproval)", async () => {
    // the director is eligible on the deputy's purchase, and the delegation is in force: only
    // separation of duties refuses it
    const now = { value: local(1, 9) }
    const houqin = await setUp(now)
    try {
      await houqin.approvals.saveDelegation({ schoolId, actor: "s-director", delegation: onLeave })
      now.value = local(3, 9)
      await submit(houqin, "req-own", "2026-03-03T09:00:00+08:00", "purchase", "s-deputy")
      now.value = local(3, 10)
      await expect(deputyApproves(houqin, "req-own")).rejects.toMatchObject({ _tag: "ApprovalDecisionError", code: "approvals.selfApproval" })
      // a delegate acts only for a delegator who could act on the current step: a teacher, no
      // approver here, has nothing to hand on, so the deputy acting for her is not eligible
      await houqin.approvals.saveDelegation({ schoolId, actor: "s-teacher", delegation: { ...onLeave, id: "dlg-t", from: "s-teacher", reason: "代为处理" } })
      await submit(houqin, "req-t", "2026-03-03T09:30:00+08:00", "purchase", "s-teacher2")
      await expect(houqin.approvals.decide({ schoolId, actor: "s-deputy", requestId: "req-t", action: { type: "approve", actor: "s-deputy", onBehalfOf: "s-teacher" } }))
        .rejects.toMatchObject({ code: "approvals.notEligible" })
    } finally {
      await houqin.dispose()
    }
  })

  it("saveDelegation refuses a delegation to oneself, a period that does not end after it starts, unknown staff and a cycle over an overlapping period", async () => {
    const now = { value: local(1, 9) }
    const houqin = await setUp(now)
    try {
      const save = (delegation: Record<string, unknown>) =>
        houqin.approvals.saveDelegation({ schoolId, actor: "s-head", delegation: { ...onLeave, ...delegation } })
      await expect(save({ to: "s-director" })).rejects.toMatchObject({ _tag: "ValidationError", code: "approvals.delegationCycle", path: ["delegation", "to"] })
      await expect(save({ validUntil: onLeave.validFrom })).rejects.toMatchObject({ code: "approvals.badDates", path: ["delegation", "validUntil"] })
      await expect(save({ to: "s-nobody" })).rejects.toMatchObject({ code: "approvals.unknownStaff", path: ["delegation", "to"] })
      await expect(save({ from: "s-nobody" })).rejects.toMatchObject({ code: "approvals.unknownStaff", path: ["delegation", "from"] })
      await save({})
      // the deputy delegating back to the director over 5–15 March (overlapping 1–10 March) would
      // be a cycle; over 11–20 March (after the first ends) or for repairs only it is none
      const back = { id: "dlg-2", from: "s-deputy", to: "s-director", reason: "副园长出差" }
      await expect(save({ ...back, validFrom: "2026-03-05T00:00:00+08:00", validUntil: "2026-03-15T00:00:00+08:00" }))
        .rejects.toMatchObject({ code: "approvals.delegationCycle", path: ["delegation", "to"] })
      // a longer cycle through a third person is found too
      await save({ id: "dlg-3", from: "s-deputy", to: "s-officer", reason: "代批" })
      await expect(save({ id: "dlg-4", from: "s-officer", to: "s-director", reason: "代批" }))
        .rejects.toMatchObject({ code: "approvals.delegationCycle" })
      expect((await save({ ...back, validFrom: "2026-03-11T00:00:00+08:00", validUntil: "2026-03-20T00:00:00+08:00" })).id).toBe("dlg-2")
      expect((await save({ ...back, id: "dlg-5", kinds: ["repair"] })).id).toBe("dlg-5")
      // a stale version is a conflict
      await expect(save({ version: 5 })).rejects.toMatchObject({ _tag: "ConflictError" })
      expect((await houqin.approvals.delegations(schoolId)).map((d) => d.id)).toEqual(["dlg-1", "dlg-3", "dlg-5", "dlg-2"])
    } finally {
      await houqin.dispose()
    }
  })
})
