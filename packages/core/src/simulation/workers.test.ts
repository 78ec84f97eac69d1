import { describe, expect, it } from "vitest"
import { instantiate } from "../approvals/policy.ts"
import { cn } from "../packs/cn.ts"
import { schoolOrg, schoolScenario } from "../testing/approvals.ts"
import type { Scenario } from "./model.ts"
import { simulate } from "./run.ts"
import { partition, runParallel } from "./workers.ts"

const org = schoolOrg(400)
const policy = instantiate(cn.approvals.presets.kindergarten, { schoolId: "school-1", id: "kg", effectiveFrom: "2026-01-01" })
const base = schoolScenario({ ...policy, kinds: ["purchase"] }, { students: 400, org })
const scenario: Scenario = { ...base, arrivals: base.arrivals.filter((a) => a.kind === "purchase"), term: { ...base.term, weeks: 3 } }

describe("the worker-thread runner", () => {
  it("partitions n replications into k contiguous ranges covering 0…n−1 once", () => {
    expect(partition(7, 3)).toEqual([[0, 1, 2], [3, 4], [5, 6]])
    expect(partition(2, 4)).toEqual([[0], [1]])
    expect(partition(0, 2)).toEqual([])
  })

  it("gives byte-identical results on 1 and 2 worker threads and on this thread", async () => {
    const here = JSON.stringify(simulate(scenario, { seed: 2026, replications: 6 }))
    const one = JSON.stringify(await runParallel(scenario, { seed: 2026, replications: 6, workers: 1 }))
    const two = JSON.stringify(await runParallel(scenario, { seed: 2026, replications: 6, workers: 2 }))
    expect(one).toBe(here)
    expect(two).toBe(here)
  }, 60_000)

  it("rejects a bad scenario with a typed error naming the field", async () => {
    const bad = { ...scenario, behaviour: { ...scenario.behaviour, availability: 2 } }
    await expect(runParallel(bad, { seed: 1, replications: 2, workers: 1 })).rejects.toMatchObject({ _tag: "ValidationError", path: ["behaviour", "availability"] })
  })
})
