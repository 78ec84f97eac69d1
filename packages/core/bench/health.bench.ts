/**
 * Health benchmark: WHO z-scores through the batch API for a district.
 *
 * - 1,000,000 children of 5–19 years: height-, weight- (to 10 years) and BMI-for-age
 *   (`AnthroPlus.batch`; target: under 0.3 s on one core — WHO's R package takes about 20 s);
 * - 1,000,000 children of 0–5 years: length/height-, weight-, weight-for-length/height and
 *   BMI-for-age (`Anthro.batch`);
 * - the single-child functions, for comparison.
 *
 * The children are drawn from the WHO references themselves (z ~ N(0, 1.1) per indicator, with a
 * seeded generator), so the share of values beyond ±3 SD — which cost two more powers each — is
 * realistic. Each batch runs 7 times; the report gives the first (cold) run and the median.
 *
 *   node --conditions=@houqin/source --expose-gc bench/health.bench.ts
 */
import { Result } from "effect"
import * as Anthro from "../src/health/anthro.ts"
import * as AnthroPlus from "../src/health/anthroplus.ts"
import { measurementAt } from "../src/health/lms.ts"
import { row } from "../src/health/reference.ts"
import { who2006Tables } from "../src/health/who2006Tables.ts"
import { who2007Tables } from "../src/health/who2007Tables.ts"

const tables = { ...who2006Tables, ...who2007Tables }

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined)

// a seeded generator (mulberry32) and Box–Muller normals: the same children on every run
let state = 20260316
const uniform = (): number => {
  state = (state + 0x6d2b79f5) | 0
  let t = Math.imul(state ^ (state >>> 15), 1 | state)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
const normal = (): number => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform())
const spread = 1.1
const tenth = (x: number): number => Math.round(x * 10) / 10

const median = (xs: ReadonlyArray<number>): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const fmt = (n: number): string => Math.round(n).toLocaleString("en")

// CPU time of this process (user + system) as well as wall time: the machine may be shared, and
// "on one core" is CPU time
const run = (label: string, f: () => void): number => {
  const wall: Array<number> = []
  const cpu: Array<number> = []
  for (let i = 0; i < 7; i++) {
    gc()
    const c0 = process.cpuUsage()
    const start = performance.now()
    f()
    wall.push(performance.now() - start)
    const c = process.cpuUsage(c0)
    cpu.push((c.user + c.system) / 1000)
  }
  const m = median(cpu)
  console.log(`${label}: first (cold) run ${cpu[0]!.toFixed(0)} ms CPU; median of 7: ${m.toFixed(0)} ms CPU, ${median(wall).toFixed(0)} ms wall`)
  return m
}

const scoredIn = (columns: ReadonlyArray<{ readonly status: Uint8Array }>, rows: number): number => {
  let k = 0
  for (const c of columns) for (let i = 0; i < rows; i++) k += c.status[i]! <= 1 ? 1 : 0
  return k
}

// ── 1,000,000 children of 5–19 ──────────────────────────────────────────────────────────────────
const n = 1_000_000
{
  const sex = new Uint8Array(n)
  const ageMonths = new Float64Array(n)
  const heightCm = new Float64Array(n)
  const weightKg = new Float64Array(n)
  const hfa = tables.hfawho2007()
  const bfa = tables.bfawho2007()
  for (let i = 0; i < n; i++) {
    const s = (1 + (uniform() < 0.5 ? 0 : 1)) as 1 | 2
    const age = 60 + uniform() * 168.99
    const h = AnthroPlus.lmsAt(hfa, s, age)!
    const b = AnthroPlus.lmsAt(bfa, s, age)!
    const height = tenth(measurementAt(spread * normal(), h.l, h.m, h.s, false))
    const bmi = measurementAt(spread * normal(), b.l, b.m, b.s, true)
    sex[i] = s
    ageMonths[i] = age
    heightCm[i] = height
    weightKg[i] = tenth(bmi * (height / 100) * (height / 100))
  }
  const into = {
    heightForAge: { z: new Float64Array(n), status: new Uint8Array(n) },
    weightForAge: { z: new Float64Array(n), status: new Uint8Array(n) },
    bmiForAge: { z: new Float64Array(n), status: new Uint8Array(n) }
  }
  const ms = run("5–19 years, 1,000,000 children (height-, weight-, BMI-for-age), AnthroPlus.batch", () => {
    Result.getOrThrow(AnthroPlus.batch({ sex, ageMonths, heightCm, weightKg }, { into }))
  })
  const scored = scoredIn([into.heightForAge, into.weightForAge, into.bmiForAge], n)
  console.log(`  ${fmt(scored)} z-scores per run (weight-for-age only to 10 years): ${fmt(scored / (ms / 1000))} z-scores/s; ${(ms / 1000).toFixed(3)} s for 1,000,000 children (target < 0.3 s)`)
  let flagged = 0
  for (let i = 0; i < n; i++) flagged += into.bmiForAge.status[i] === 1 ? 1 : 0
  console.log(`  (checksum: BMI-for-age z[0..2] = ${Array.from(into.bmiForAge.z.slice(0, 3)).join(", ")}; flagged ${fmt(flagged)})`)
}

// ── 1,000,000 children of 0–5 ───────────────────────────────────────────────────────────────────
{
  const sex = new Uint8Array(n)
  const ageDays = new Float64Array(n)
  const lengthHeightCm = new Float64Array(n)
  const weightKg = new Float64Array(n)
  const measured = new Uint8Array(n)
  const len = tables.lenanthro()
  const wei = tables.weianthro()
  for (let i = 0; i < n; i++) {
    const s = (1 + (uniform() < 0.5 ? 0 : 1)) as 1 | 2
    const day = Math.floor(uniform() * 1827)
    const l = row(len, s, day)!
    const w = row(wei, s, day)!
    sex[i] = s
    ageDays[i] = day
    lengthHeightCm[i] = tenth(measurementAt(spread * normal(), l.l, l.m, l.s, false))
    weightKg[i] = tenth(measurementAt(spread * normal(), w.l, w.m, w.s, true))
    measured[i] = day < 731 ? 1 : 2
  }
  let last: Anthro.BatchResult | undefined
  const ms = run("0–5 years, 1,000,000 children (length/height-, weight-, weight-for-length/height, BMI-for-age), Anthro.batch", () => {
    last = Result.getOrThrow(Anthro.batch({ sex, ageDays, weightKg, lengthHeightCm, measured }))
  })
  const scored = scoredIn([last!.lengthHeightForAge!, last!.weightForAge!, last!.weightForLengthHeight!, last!.bmiForAge!], n)
  console.log(`  ${fmt(scored)} z-scores per run: ${fmt(scored / (ms / 1000))} z-scores/s; ${(ms / 1000).toFixed(3)} s for 1,000,000 children`)
}

// ── single-child functions ──────────────────────────────────────────────────────────────────────
{
  const m = 100_000
  const children = Array.from({ length: m }, () => ({ sex: uniform() < 0.5 ? "M" : "F", ageMonths: 60 + uniform() * 168.99, heightCm: tenth(120 + uniform() * 50), weightKg: tenth(20 + uniform() * 40) }))
  let sum = 0
  const ms = run(`5–19 years, ${fmt(m)} children, AnthroPlus.zScores one by one`, () => {
    for (const c of children) {
      const r = AnthroPlus.zScores(c)
      if (Result.isSuccess(r) && "z" in r.success.scores.heightForAge) sum += r.success.scores.heightForAge.z
    }
  })
  console.log(`  ${((ms * 1000) / m).toFixed(2)} µs per child, ${fmt((m * 3) / (ms / 1000))} z-scores/s (checksum ${sum.toFixed(2)})`)
}
