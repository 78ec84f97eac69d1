import { Result } from "effect"
import { describe, expect, expectTypeOf, it } from "vitest"
import { instantiate } from "../approvals/policy.ts"
import { indexOrg } from "../approvals/resolve.ts"
import { route } from "../approvals/route.ts"
import { cn } from "../packs/cn.ts"
import { kindergartenOrg, request, schoolOrg, schoolScenario } from "../testing/approvals.ts"
import type { Scenario } from "./model.ts"
import type { Estimate } from "./stats.ts"
import { metricNames } from "./summary.ts"
import { compare, decode, simulate } from "./run.ts"
import { generateRequests, runReplication, schoolDays, seniorRole, simulateRequest } from "./simulate.ts"

const org = kindergartenOrg()
const at1000 = instantiate(cn.approvals.presets.kindergarten, { schoolId: "kg-1", id: "kg", effectiveFrom: "2026-01-01" })
const at5000 = {
  ...at1000,
  id: "kg-5000",
  revision: 2,
  rules: at1000.rules.map((r) => ({ ...r, when: { amount: r.when.amount!.lte !== undefined ? { lte: 500_000 } : { gt: 500_000 } } }))
} as unknown as typeof at1000
const scenario = {
  id: "kg-term",
  name: { zh: "幼儿园一学期的采购", en: "a kindergarten's term of purchases" },
  term: { start: "2026-03-02", weeks: 18, daysPerWeek: 5, zone: "Asia/Shanghai", openHour: 8, closeHour: 17 },
  arrivals: [{ kind: "purchase", perDay: 1.5, amount: { medianFen: 60_000, sigma: 1.1, minFen: 100 } }],
  requesters: ["s-teacher", "s-teacher2", "s-leader", "s-officer"],
  behaviour: { availability: 0.95, meanResponseHours: 10, rejectShare: 0.02, returnShare: 0.04, resubmitHours: 24, maxRounds: 3 },
  policy: at1000,
  org
} as unknown as Scenario

describe("simulation: a kindergarten's term", () => {
  it("school days: 18 weeks of Monday–Friday from Monday 2026-03-02 is 90 days, the first starting at 00:00 +08:00", () => {
    const days = schoolDays(scenario.term)
    expect(days.length).toBe(90)
    expect(days[0]).toEqual({ date: "2026-03-02", startMs: Date.UTC(2026, 2, 1, 16, 0) })
    expect(days.at(-1)!.date).toBe("2026-07-03")
  })

  it("every request is walked to a decision with the real decide; counts add up", () => {
    const r = runReplication(scenario, 11, 0)
    expect(r.requests).toBeGreaterThan(90)
    expect(r.approved + r.rejected + r.withdrawn + r.undecided + r.unrouted).toBe(r.requests)
    expect(r.unrouted).toBe(0)
    // the committee of three approves everything that is approved: 3 approvals each (fewer when a member asks)
    expect(r.approvalsByRole["committee"]).toBeGreaterThanOrEqual(2 * r.approved)
    expect(r.leadTimeHours.p50).toBeLessThanOrEqual(r.leadTimeHours.p90)
  })

  it("\"what if the threshold were ¥5,000?\": on common random numbers the share needing a collective decision falls, with a 95% CI below zero", () => {
    const a = simulate(scenario, { seed: 2026, replications: 30 })
    const b = simulate({ ...scenario, policy: at5000 }, { seed: 2026, replications: 30 })
    const d = compare(a, b).difference
    const share = d["shareCollectiveDecision"]
    expect(share.mean).toBeLessThan(0)
    expect(share.high).toBeLessThan(0)
    // the same requests in both: the paired difference of the request count is exactly 0
    expect(d["requests"]).toMatchObject({ mean: 0, sd: 0 })
    // both policies route to the same committee: lead times pair exactly, request by request
    expect(d["leadTimeMeanHours"].sd).toBe(0)
  })

  it("recorded requests (a real term) run in every replication beside the generated ones", () => {
    const recorded = [request({ fen: 120_000, id: "real-1" as never }), request({ fen: 80_000, id: "real-2" as never })]
    const withReal = { ...scenario, arrivals: [], recorded } as unknown as Scenario
    expect(generateRequests(withReal, 1, 0).map((q) => q.id)).toEqual(["real-1", "real-2"])
    const r = simulate(withReal, { seed: 1, replications: 5 })
    expect(r.replications.map((x) => x.requests)).toEqual([2, 2, 2, 2, 2])
    expect(r.summary["requests"]).toMatchObject({ n: 5, mean: 2, sd: 0, low: 2, high: 2 })
  })
})

describe("the summary is typed: its metric names are known", () => {
  it("names every output of a replication and types each estimate", () => {
    const r = simulate(scenario, { seed: 3, replications: 4 })
    // the named outputs, then the approvals per role
    expect(Object.keys(r.summary).filter((k) => !k.startsWith("approvals.")).sort()).toEqual([...metricNames].sort())
    expectTypeOf(r.summary.shareCollectiveDecision).toEqualTypeOf<Estimate>()
    expectTypeOf(r.summary["approvals.committee"]).toEqualTypeOf<Estimate | undefined>()
    expect(r.summary.requests.n).toBe(4)
  })
})

describe("arrival streams name their requests", () => {
  it("a generated request's id is its stream's name and its place in that stream; two streams with one name are refused", () => {
    // the kindergarten scenario has one stream, named after its kind: purchase-1, purchase-2, …
    // in order of submission, so the sequence numbers of that stream read 1, 2, 3 … in the ids
    const ids = generateRequests(scenario, 11, 2).map((q) => q.id)
    expect(ids.slice(0, 3)).toEqual(["r2-purchase-1", "r2-purchase-2", "r2-purchase-3"])
    // a second unnamed purchase stream would draw the same numbers under the same ids: refused
    const twice = { ...scenario, arrivals: [...scenario.arrivals, ...scenario.arrivals] }
    expect(Result.isFailure(decode(twice))).toBe(true)
    expect(Result.isSuccess(decode({ ...twice, arrivals: [scenario.arrivals[0], { ...scenario.arrivals[0], id: "more" }] }))).toBe(true)
  })
})

describe("simulation: a chain's links answer against their own deadlines", () => {
  // the school preset's chain alone (team leader → officer → director, 48 hours each, then the
  // committee); nobody in the chain ever answers, every answer given approves
  const chainOnly = instantiate({ ...cn.approvals.presets.school, rules: cn.approvals.presets.school.rules.filter((r) => r.id === "school.chain") }, { schoolId: "school-1", id: "chain", effectiveFrom: "2026-01-01" })
  const base = schoolScenario(chainOnly, { students: 400, org: schoolOrg(400) })
  const silent: Scenario = { ...base, term: { ...base.term, weeks: 2 }, behaviour: { ...base.behaviour, availability: 0, rejectShare: 0, returnShare: 0 } }
  const ix = indexOrg(silent.org)

  it("a silent chain passes each link at its deadline and escalates at the last: 48 hours a link before the committee decides", () => {
    // before per-link escalation the whole chain escalated once, 48 hours after it began, and one
    // committee member's approval completed it: 2 decisions and a lead time from 48 hours
    const requests = generateRequests(silent, 5, 0)
    expect(requests.length).toBeGreaterThan(10)
    for (const q of requests) {
      const links = Result.getOrThrow(route(q, chainOnly, ix, { explain: false })).steps[0]!.eligible.length
      const o = simulateRequest(silent, ix, q, 5, 0)
      expect(o.status).toBe("approved")
      expect(o.escalated).toBe(true)
      // links − 1 passes, one escalation, one approval
      expect(o.decisions).toBe(links + 1)
      expect(o.approvers.map((who) => seniorRole(ix, who))).toEqual(["committee"])
      expect(o.leadTimeHours!).toBeGreaterThan(48 * links)
    }
  })

  it("a chain with a deadline and no escalation role passes its silent links and waits for the last one's answer, however late", () => {
    // the same chain escalating to a role nobody holds: the route keeps the 48-hour deadline
    // without an escalation; every link answers, all after 48 hours (mean 1,000,000 hours: one
    // answer in about 20,000 falls within 48). The
    // links before the last are passed at their deadlines; the last link has nowhere to pass to,
    // so its late approval decides: links − 1 passes and one approval, approved by the director
    const noRole = {
      ...chainOnly,
      rules: chainOnly.rules.map((r) => ({ ...r, steps: r.steps.map((s) => ({ ...s, escalateTo: { type: "role" as const, roleId: "no-such-role" } })) }))
    } as unknown as typeof chainOnly
    const late: Scenario = { ...silent, policy: noRole, behaviour: { ...silent.behaviour, availability: 1, meanResponseHours: 1_000_000 } }
    const requests = generateRequests(late, 5, 0)
    expect(requests.length).toBeGreaterThan(10)
    let checked = 0
    for (const q of requests) {
      const r = Result.getOrThrow(route(q, noRole, ix, { explain: false }))
      const step = r.steps[0]!
      expect(step.escalation).toBeUndefined()
      expect(step.deadlineHours).toBe(48)
      const o = simulateRequest(late, ix, q, 5, 0)
      expect(o.status).toBe("approved")
      checked++
      expect(o.decisions).toBe(step.eligible.length)
      expect(o.approvers).toEqual([step.eligible.at(-1)])
      expect(o.escalated).toBe(step.eligible.length > 1)
      expect(o.leadTimeHours!).toBeGreaterThan(48 * (step.eligible.length - 1))
    }
    expect(checked).toBe(requests.length)
  })

  it("a chain that answers in time never escalates, whatever the deadline", () => {
    const prompt: Scenario = { ...silent, behaviour: { ...silent.behaviour, availability: 1, meanResponseHours: 0.01 } }
    const r = runReplication(prompt, 5, 0)
    expect(r.escalated).toBe(0)
    expect(r.approved).toBe(r.requests)
    expect(r.approvalsByRole["committee"]).toBeUndefined()
  })
})
