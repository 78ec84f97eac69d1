import { Result, Schema } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { fromEpochMillis } from "../kernel/Time.ts"
import * as Arb from "../testing/approvals.ts"
import { canActNow, deadlineOf, decide, dueAt, overdue, start } from "./decide.ts"
import type { Action, ApprovalState, Policy, Route, Rule } from "./model.ts"
import { Policy as PolicySchema, Request as RequestSchema, requestKinds } from "./model.ts"
import { overdueFindings } from "./overdueFindings.ts"
import { route } from "./route.ts"

const H = 3_600_000
const setting = Arb.orgChart().chain((org) => fc.record({ org: fc.constant(org), policy: Arb.policy(), request: Arb.requestOf(org) }))
// a generated move as an action: the staff who can act now (the requester when nobody can) approve
// or return; the system escalates; the requester resubmits
const actionOf = (
  a: { readonly type: "approve" | "escalate" | "return" | "resubmit"; readonly pick: number },
  state: ApprovalState,
  request: { readonly requesterId: string },
  at: ReturnType<typeof fromEpochMillis>
): Action => {
  const able = canActNow(state)
  const actor = able.length > 0 ? able[a.pick % able.length]! : request.requesterId
  return {
    approve: { type: "approve", actor, at },
    escalate: { type: "escalate", actor: "system", at },
    return: { type: "return", actor, at, comment: "请修改" },
    resubmit: { type: "resubmit", actor: request.requesterId, at }
  }[a.type] as unknown as Action
}
const stepKey = (r: Route) => r.steps.map((s) => [...s.eligible].sort().join(","))

describe("approvals: laws", () => {
  it("the arbitraries produce values the schemas accept", () => {
    fc.assert(fc.property(setting, ({ policy, request }) => {
      const p = Schema.decodeUnknownResult(PolicySchema)(Schema.encodeSync(PolicySchema)(policy))
      const q = Schema.decodeUnknownResult(RequestSchema)(Schema.encodeSync(RequestSchema)(request))
      return Result.isSuccess(p) && Result.isSuccess(q)
    }), { numRuns: 100 })
  })

  it("separation of duties: whatever anyone does, nobody approves their own request, nobody approves twice, and approval needs every quorum", () => {
    const actions = (staff: ReadonlyArray<string>) =>
      fc.array(fc.record({
        type: fc.constantFrom("approve", "approve", "approve", "approve", "approve", "approve", "approve", "approve", "delegate", "escalate", "reject", "return", "resubmit"),
        actor: fc.constantFrom(...staff),
        other: fc.constantFrom(...staff),
        onBehalf: fc.boolean(),
        smart: fc.boolean(),
        pick: fc.nat(),
        hours: fc.integer({ min: 0, max: 100 })
      }), { maxLength: 25 })
    let approvals = 0
    let approved = 0
    fc.assert(fc.property(
      setting.chain((s) => fc.record({ s: fc.constant(s), acts: actions(s.org.staff.map((x) => x.id)) })),
      ({ s: { org, policy, request }, acts }) => {
        const r = route(request, policy, org)
        if (Result.isFailure(r)) return true
        let state: ApprovalState = start(request, r.success, { allowRepeatApprover: policy.allowRepeatApprover === true })
        let clock = request.submittedAt.epochMilliseconds
        for (const a of acts) {
          clock += a.hours * H
          const at = fromEpochMillis(clock)
          const able = canActNow(state)
          const actor = a.smart && able.length > 0 ? able[a.pick % able.length]! : a.actor
          const action = {
            approve: { type: "approve", actor, at, ...(a.onBehalf ? { onBehalfOf: a.other } : {}) },
            delegate: { type: "delegate", actor: a.actor, to: a.other, at, validFrom: at, validUntil: fromEpochMillis(clock + 50 * H) },
            escalate: { type: "escalate", actor: "system", at },
            reject: { type: "reject", actor: a.actor, at, comment: "不同意" },
            return: { type: "return", actor: a.actor, at, comment: "请修改" },
            resubmit: { type: "resubmit", actor: a.actor, at }
          }[a.type] as unknown as Action
          const out = decide(state, action)
          if (Result.isSuccess(out)) {
            state = out.success.state
            if (action.type === "approve") approvals++
          }
          for (const ap of state.approvals) {
            expect(ap.by).not.toBe(request.requesterId)
            expect(ap.for).not.toBe(request.requesterId)
          }
          if (!state.allowRepeatApprover) {
            const people = state.approvals.map((ap) => ap.for)
            expect(new Set(people).size).toBe(people.length)
          }
          // approved only when every step's quorum was met by distinct eligible people (chains in
          // order), or an escalation approver completed it
          if (state.status === "approved") {
            state.route.steps.forEach((step, i) => {
              const on = state.approvals.filter((ap) => ap.step === i)
              if (on.some((ap) => ap.escalated)) return
              expect(new Set(on.map((ap) => ap.for)).size).toBeGreaterThanOrEqual(step.required)
              // a chain in order, each link approving or passed at its deadline
              const passed = new Set((state.passedLinks ?? []).filter((p) => p.step === i).map((p) => p.link))
              if (step.quorum.type === "chain") expect(on.map((ap) => ap.for)).toEqual(step.eligible.filter((_, k) => !passed.has(k)).slice(0, on.length))
            })
            approved++
          }
          // an approval counts only for someone the step allowed (or its escalation)
          for (const ap of state.approvals) {
            const step = state.route.steps[ap.step]!
            expect([...step.eligible, ...(step.escalation?.eligible ?? [])]).toContain(ap.for)
          }
        }
      }
    ), { numRuns: 300 })
    // the law was exercised: many actions were accepted
    expect(approvals).toBeGreaterThan(60)
    expect(approved).toBeGreaterThan(0)
  })

  it("a chain step is never completed without every link either approving or being passed at its deadline, unless its last link escalated", () => {
    // every step is a chain (its approvers in order of level) with a deadline of 12, 24 or 48
    // hours, escalating to the next level; the actors are those who may act now, and the clock
    // moves 0–60 hours an action
    const withDeadlines = (policy: Policy, hours: number): Policy => ({
      ...policy,
      rules: policy.rules.map((r) => ({ ...r, steps: r.steps.map((st) => ({ ...st, quorum: { type: "chain" }, deadlineHours: hours, escalateTo: { type: "nextLevel" } })) }))
    })
    const acts = fc.array(fc.record({
      type: fc.constantFrom("approve", "approve", "approve", "escalate", "escalate", "escalate", "return", "resubmit"),
      pick: fc.nat(),
      hours: fc.integer({ min: 0, max: 60 })
    }), { maxLength: 30 })
    let passes = 0
    let completedWithPass = 0
    let completedByEscalation = 0
    fc.assert(fc.property(setting, fc.constantFrom(12, 24, 48), acts, ({ org, policy: p0, request }, hours, list) => {
      const policy = withDeadlines(p0, hours)
      const r = route(request, policy, org)
      if (Result.isFailure(r)) return
      let state: ApprovalState = start(request, r.success, { allowRepeatApprover: policy.allowRepeatApprover === true })
      let clock = request.submittedAt.epochMilliseconds
      // when each step of the current round began
      let starts = new Map<number, number>([[0, state.stepStartedAt.epochMilliseconds]])
      let withPass = 0
      let byEscalationNow = 0
      for (const a of list) {
        clock += a.hours * H
        const at = fromEpochMillis(clock)
        const action = actionOf(a, state, request, at)
        const out = decide(state, action)
        if (Result.isFailure(out)) continue
        const before = state
        state = out.success.state
        if (state.round !== before.round) starts = new Map()
        if (!starts.has(state.step)) starts.set(state.step, state.stepStartedAt.epochMilliseconds)
        if ((state.passedLinks?.length ?? 0) > (before.passedLinks?.length ?? 0)) passes++
        withPass = 0
        byEscalationNow = 0
        // every chain step completed so far
        state.route.steps.forEach((step, i) => {
          const complete = i < state.step || (state.status === "approved" && i <= state.step)
          const hoursOf = deadlineOf(step)
          if (!complete || step.quorum.type !== "chain" || hoursOf === undefined) return
          const on = state.approvals.filter((ap) => ap.step === i)
          const passed = (state.passedLinks ?? []).filter((p) => p.step === i)
          const byEscalation = on.some((ap) => ap.escalated)
          // the links in order: each one approved by its own person or passed, never both
          const events = step.eligible.map((who, k) => {
            const approval = on.find((ap) => !ap.escalated && ap.for === who)
            const pass = passed.find((p) => p.link === k)
            expect(approval !== undefined && pass !== undefined).toBe(false)
            return approval?.at.epochMilliseconds ?? pass?.at.epochMilliseconds
          })
          const covered = byEscalation ? step.required - 1 : step.required
          // unless the last link escalated (and an escalation approver completed it), every link acted or was passed
          for (let k = 0; k < covered; k++) expect(events[k], `step ${i} link ${k}`).toBeDefined()
          if (byEscalation) {
            expect(state.escalated).toContain(i)
            expect(events[step.required - 1]).toBeUndefined()
          }
          // each link passed no earlier than its own deadline, counted from the link before it
          for (const p of passed) {
            const from = p.link === 0 ? starts.get(i)! : events[p.link - 1]!
            expect(p.at.epochMilliseconds - from).toBeGreaterThanOrEqual(hoursOf * H)
            // the last link is never passed: it escalates
            expect(p.link).toBeLessThan(step.required - 1)
          }
          if (passed.length > 0) withPass++
          if (byEscalation) byEscalationNow++
        })
      }
      // what the final state holds: chain steps completed after a pass, and by an escalation
      completedWithPass += withPass
      completedByEscalation += byEscalationNow
    }), { numRuns: 400 })
    // the law was exercised: links were passed, and chains completed after a pass and by escalation
    expect(passes).toBeGreaterThan(40)
    expect(completedWithPass).toBeGreaterThan(10)
    expect(completedByEscalation).toBeGreaterThan(10)
  })

  it("law: a request is in overdueFindings exactly when its current step is past dueAt; the finding is a warning exactly when the step is overdue (escalate would be accepted), else a violation", () => {
    // every step gets a deadline (12, 24 or 48 hours), escalating to the next level or to the
    // committee — in random org charts often to nobody (the committee is the top level; its only
    // holder may be the requester); approvals, escalations and returns move the state along
    const withDeadlines = (policy: Policy, hours: number, toCommittee: boolean): Policy => ({
      ...policy,
      rules: policy.rules.map((r) => ({
        ...r,
        steps: r.steps.map((st) => ({ ...st, deadlineHours: hours, escalateTo: toCommittee ? { type: "role", roleId: "committee" } : { type: "nextLevel" } }))
      }))
    }) as Policy
    const acts = fc.array(fc.record({
      type: fc.constantFrom("approve", "approve", "escalate", "escalate", "return", "resubmit"),
      pick: fc.nat(),
      hours: fc.integer({ min: 0, max: 60 })
    }), { maxLength: 12 })
    const seen = { none: 0, warning: 0, violation: 0 }
    fc.assert(fc.property(
      setting,
      fc.constantFrom(12, 24, 48),
      fc.boolean(),
      acts,
      fc.integer({ min: 0, max: 100 }),
      ({ org, policy: p0, request }, hours, toCommittee, list, wait) => {
        const policy = withDeadlines(p0, hours, toCommittee)
        const r = route(request, policy, org)
        if (Result.isFailure(r)) return
        let state: ApprovalState = start(request, r.success, { allowRepeatApprover: policy.allowRepeatApprover === true })
        let clock = request.submittedAt.epochMilliseconds
        for (const a of list) {
          clock += a.hours * H
          const at = fromEpochMillis(clock)
          const action = actionOf(a, state, request, at)
          const out = decide(state, action)
          if (Result.isSuccess(out)) state = out.success.state
        }
        const at = fromEpochMillis(Math.max(clock, state.stepStartedAt.epochMilliseconds) + wait * H)
        const due = dueAt(state)
        const found = overdueFindings([state], at)
        const late = state.status === "pending" && due !== undefined && at.epochMilliseconds >= due
        expect(found.length).toBe(late ? 1 : 0)
        // escalate is accepted exactly when the step is overdue
        const escalated = decide(state, { type: "escalate", actor: "system", at } as unknown as Action)
        expect(Result.isSuccess(escalated)).toBe(overdue(state, at))
        if (found.length === 0) {
          seen.none++
          return
        }
        const f = found[0]!
        expect(f.at.epochMilliseconds).toBe(due)
        expect(f.severity).toBe(overdue(state, at) ? "warning" : "violation")
        expect(f.evidence["canEscalate"]).toBe(overdue(state, at))
        seen[f.severity as "warning" | "violation"]++
      }
    ), { numRuns: 1000 })
    // the law was exercised on each side (violations are the rarest: about one run in fifteen)
    expect(seen.none).toBeGreaterThan(20)
    expect(seen.warning).toBeGreaterThan(20)
    expect(seen.violation).toBeGreaterThan(20)
  })

  it("monotone thresholds: for rules \"at or above T requires S\", raising T never adds steps to any request", () => {
    const thresholdRule = (i: number) =>
      fc.record({
        t: fc.constantFrom(...Arb.thresholds),
        step: fc.constantFrom(
          { approvers: { type: "role", roleId: "officer" }, quorum: { type: "oneOf" } },
          { approvers: { type: "role", roleId: "director" }, quorum: { type: "oneOf" } },
          { approvers: { type: "role", roleId: "committee" }, quorum: { type: "all" } },
          { approvers: { type: "role", roleId: "committee" }, quorum: { type: "oneOf" } },
          { approvers: { type: "chain" }, quorum: { type: "chain" } }
        )
      }).map(({ t, step }) => ({ id: `t${i}`, name: { zh: `门槛${i}`, en: `threshold ${i}` }, kinds: requestKinds, when: { amount: { gte: t } }, steps: [step] }) as unknown as Rule)
    let routed = 0
    fc.assert(fc.property(
      setting,
      fc.array(fc.nat(), { minLength: 1, maxLength: 4 }).chain((xs) => fc.tuple(...xs.map((_, i) => thresholdRule(i)))),
      fc.nat(),
      fc.integer({ min: 0, max: 10_000_000 }),
      ({ org, policy, request }, rules, which, raise) => {
        const base: Policy = { ...policy, rules: [policy.rules[0]!, ...rules] }
        const k = which % rules.length
        const raised: Policy = { ...base, rules: base.rules.map((r) => (r.id === rules[k]!.id ? { ...r, when: { amount: { gte: r.when.amount!.gte! + raise } } } : r)) }
        const before = route(request, base, org)
        const after = route(request, raised, org)
        if (Result.isFailure(before)) return true
        expect(Result.isSuccess(after)).toBe(true)
        if (Result.isFailure(after)) return
        const had = new Set(stepKey(before.success))
        expect(after.success.steps.length).toBeLessThanOrEqual(before.success.steps.length)
        for (const key of stepKey(after.success)) expect(had.has(key)).toBe(true)
        routed++
      }
    ), { numRuns: 500 })
    expect(routed).toBeGreaterThan(150)
  })

  it("order independence: a request's route does not depend on the order in which the rules are listed", () => {
    fc.assert(fc.property(setting, fc.infiniteStream(fc.nat()), ({ org, policy, request }, keys) => {
      const ks = [...keys.take(policy.rules.length)]
      const shuffled = policy.rules.map((r, i) => [ks[i]!, r] as const).sort((a, b) => a[0] - b[0]).map(([, r]) => r)
      const a = route(request, policy, org)
      const b = route(request, { ...policy, rules: shuffled }, org)
      expect(JSON.stringify(b)).toBe(JSON.stringify(a))
    }), { numRuns: 500 })
  })
})
