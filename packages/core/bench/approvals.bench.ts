/**
 * Approvals and simulation benchmark:
 *
 * 1. `route` over 1,000,000 requests (the government preset: the school chain, major spending and
 *    the generated procurement thresholds; a 2,000-student school's org chart), with and without
 *    reading the explanation;
 * 2. 1,000 replications of a term (20 weeks) of a 2,000-student school's requests, each request
 *    routed with the real `route` and walked through the real `decide`, on one worker thread and on
 *    two (node:worker_threads), with the speed-up and a check that both give the same bytes.
 *
 *   node --conditions=@houqin/source --expose-gc bench/approvals.bench.ts [replications]
 */
import { createHash } from "node:crypto"
import { Result } from "effect"
import * as A from "../src/approvals/index.ts"
import { cn } from "../src/packs/cn.ts"
import { runParallel } from "../src/simulation/workers.ts"
import { generateRequests } from "../src/simulation/simulate.ts"
import { schoolOrg, schoolScenario } from "../src/testing/approvals.ts"

const fmt = (n: number) => Math.round(n).toLocaleString("en")
const org = schoolOrg(2000)
const policy = A.instantiate(cn.approvals.presets.government, { schoolId: "school-1", id: "gov", effectiveFrom: "2026-01-01" })
const scenario = schoolScenario(policy, { org })

// 1. routing
const sample = [0, 1, 2, 3, 4, 5].flatMap((rep) => generateRequests(scenario, 99, rep))
const N = 1_000_000
console.log(`route: ${fmt(N)} requests (cycling through ${fmt(sample.length)} generated ones of all five kinds)`)
globalThis.gc?.()
let steps = 0
let failures = 0
let t = performance.now()
for (let i = 0; i < N; i++) {
  const r = A.route(sample[i % sample.length]!, policy, org)
  if (Result.isSuccess(r)) steps += r.success.steps.length
  else failures++
}
let ms = performance.now() - t
console.log(`  ${fmt(N)} routes in ${fmt(ms)} ms — ${fmt(N / (ms / 1000))} routes/s (${(ms * 1000 / N).toFixed(2)} µs each; ${fmt(steps)} steps, ${failures} unroutable)`)

// 2. replications on one and two workers
const reps = Number(process.argv[2] ?? 1000)
console.log(`simulation: ${fmt(reps)} replications of a 20-week term of a 2,000-student school (~${fmt(sample.length / 6)} requests each)`)
const timings: Array<{ workers: number; ms: number; hash: string; decisions: number }> = []
for (const workers of [1, 2]) {
  globalThis.gc?.()
  t = performance.now()
  const result = await runParallel(scenario, { seed: 2026, replications: reps, workers })
  ms = performance.now() - t
  const hash = createHash("sha256").update(JSON.stringify(result)).digest("hex")
  const decisions = result.replications.reduce((s, r) => s + r.decisions, 0)
  timings.push({ workers, ms, hash, decisions })
  console.log(`  ${workers} worker${workers > 1 ? "s" : ""}: ${fmt(ms)} ms — ${(reps / (ms / 1000)).toFixed(1)} replications/s, ${fmt(decisions / (ms / 1000))} decide calls/s (sha256 ${hash.slice(0, 16)})`)
  if (workers === 1) {
    const s = result.summary
    const show = (k: string, scale = 1, unit = "") => {
      const e = s[k]
      if (e !== undefined) console.log(`    ${k}: ${(e.mean * scale).toFixed(2)}${unit} (95% CI ${(e.low * scale).toFixed(2)}–${(e.high * scale).toFixed(2)})`)
    }
    show("requests")
    show("leadTimeMeanHours", 1, " h")
    show("leadTimeP90Hours", 1, " h")
    show("shareEscalated", 100, "%")
    show("shareCollectiveDecision", 100, "%")
    show("shareGovernmentChannel", 100, "%")
  }
}
const [one, two] = timings
console.log(`  speed-up on 2 workers: ${(one!.ms / two!.ms).toFixed(2)}×; byte-identical results: ${one!.hash === two!.hash ? "yes" : "NO"}`)
if (one!.hash !== two!.hash) process.exit(1)
