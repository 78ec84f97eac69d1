import { Result, Schema } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { fromEpochMillis } from "../kernel/Time.ts"
import * as Arb from "../testing/approvals.ts"
import { canActNow, decide, start } from "./decide.ts"
import type { Action, ApprovalState, Policy, Route, Rule } from "./model.ts"
import { Policy as PolicySchema, Request as RequestSchema, requestKinds } from "./model.ts"
import { route } from "./route.ts"

const H = 3_600_000
const setting = Arb.orgChart().chain((org) => fc.record({ org: fc.constant(org), policy: Arb.policy(), request: Arb.requestOf(org) }))
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
              if (step.quorum.type === "chain") expect(on.map((ap) => ap.for)).toEqual(step.eligible.slice(0, on.length))
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
