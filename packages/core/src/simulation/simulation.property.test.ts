import { Result } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { instantiate } from "../approvals/policy.ts"
import { indexOrg } from "../approvals/resolve.ts"
import { route } from "../approvals/route.ts"
import { cn } from "../packs/cn.ts"
import { schoolOrg, schoolScenario } from "../testing/approvals.ts"
import type { Scenario } from "./model.ts"
import { assemble, runTask, simulate, task } from "./run.ts"
import { generateRequests, runReplication, simulateRequest } from "./simulate.ts"

// a small school keeps the properties quick: 400 students, about 3–4 requests a school day
const org = schoolOrg(400)
const school = instantiate(cn.approvals.presets.school, { schoolId: "school-1", id: "school", effectiveFrom: "2026-01-01" })
const base = schoolScenario(school, { students: 400, org })
const short: Scenario = { ...base, term: { ...base.term, weeks: 4 } }

describe("simulation: reproducibility laws", () => {
  it("the same seed gives the same output, byte for byte", () => {
    fc.assert(fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 4 }), (seed, n) => {
      const a = JSON.stringify(simulate(short, { seed, replications: n }))
      const b = JSON.stringify(simulate(short, { seed, replications: n }))
      expect(b).toBe(a)
    }), { numRuns: 15 })
  })

  it("a replication's result does not depend on which worker ran it, nor on how replications were split", () => {
    fc.assert(fc.property(
      fc.integer(),
      fc.integer({ min: 1, max: 8 }),
      fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }),
      (seed, n, cuts) => {
        const whole = simulate(short, { seed, replications: n })
        // split 0…n−1 into chunks run as separate worker tasks, in reverse order
        const chunks: Array<Array<number>> = []
        let next = 0
        for (let i = 0; next < n; i++) {
          const len = Math.min(cuts[i % cuts.length]!, n - next)
          chunks.push(Array.from({ length: len }, (_, j) => next + j))
          next += len
        }
        const results = chunks.reverse().flatMap((c) => Result.getOrThrow(runTask(Result.getOrThrow(task(short, seed, c)))))
        expect(JSON.stringify(assemble(short, seed, results))).toBe(JSON.stringify(whole))
        // and replication i alone is replication i of the whole run
        const i = seed % n < 0 ? -(seed % n) : seed % n
        expect(JSON.stringify(runReplication(short, seed, i))).toBe(JSON.stringify(whole.replications[i]))
      }
    ), { numRuns: 10 })
  })

  it("adding a random source never changes the others: a new arrival stream leaves every existing request, its route and its outcome as they were, by id", () => {
    const ix = indexOrg(short.org)
    fc.assert(fc.property(fc.integer(), fc.integer({ min: 0, max: 50 }), (seed, rep) => {
      const more: Scenario = { ...short, arrivals: [...short.arrivals, { id: "extra", kind: "repair", perDay: 2, amount: { medianFen: 5_000, sigma: 0.5 } }] as Scenario["arrivals"] }
      // each request with its route and what happened to it (decisions, approvers, timings), by id
      const outcomes = (scenario: Scenario) =>
        new Map(generateRequests(scenario, seed, rep).map((q) => [q.id, JSON.stringify({
          request: q,
          route: route(q, scenario.policy, ix, { explain: false }),
          outcome: simulateRequest(scenario, ix, q, seed, rep)
        })]))
      const before = outcomes(short)
      const after = outcomes(more)
      expect(after.size).toBeGreaterThanOrEqual(before.size)
      for (const [id, o] of before) expect(after.get(id), id).toBe(o)
    }), { numRuns: 20 })
  })

  it("common random numbers: two policies see the same requests, and the same answers where their routes agree", () => {
    const seed = 7
    const kg = { ...school, rules: school.rules.filter((r) => r.id === "school.chain") }
    const a = generateRequests(short, seed, 3)
    const b = generateRequests({ ...short, policy: kg }, seed, 3)
    expect(JSON.stringify(b)).toBe(JSON.stringify(a))
    const ra = runReplication(short, seed, 3)
    const rb = runReplication({ ...short, policy: kg }, seed, 3)
    // the major-spending rule only adds committee steps: team leaders answer identically
    expect(rb.approvalsByRole["teamLeader"]).toBe(ra.approvalsByRole["teamLeader"])
    expect(ra.requests).toBe(rb.requests)
  })
})
