/**
 * Assets benchmark: whole depreciation schedules (every month as a line of Money) for 10,000 and
 * 100,000 assets over 10 years each, values as of a date, and the stocktake comparison of 10,000
 * and 100,000 counted tags. Reports throughput and the time per asset at both sizes; fails (exit 1)
 * when the time per asset at 100,000 is more than 1.5 × that at 10,000.
 *
 *   node --conditions=@houqin/source --expose-gc bench/assets.bench.ts
 */
import { BigDecimal, Result } from "effect"
import type { Depreciable, DepreciationMethod, UnitsUsed } from "../src/assets/depreciation.ts"
import { schedule, valueAt } from "../src/assets/depreciation.ts"
import * as Methods from "../src/assets/methods.ts"
import * as Months from "../src/assets/months.ts"
import type { CountedItem, ExpectedItem } from "../src/assets/stocktake.ts"
import { compare } from "../src/assets/stocktake.ts"
import type { LocalDate } from "../src/kernel/LocalDate.ts"
import * as LD from "../src/kernel/LocalDate.ts"

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined)

/** a seeded linear congruential generator, so that every run sees the same assets */
const lcg = (seed: number) => {
  let s = seed >>> 0
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0
    return s / 2 ** 32
  }
}

const methods: ReadonlyArray<DepreciationMethod> = [
  Methods.governmentStraightLine,
  Methods.governmentStraightLine,
  Methods.governmentStraightLine,
  Methods.enterpriseStraightLine,
  Methods.doubleDecliningBalance,
  Methods.sumOfYearsDigits,
  Methods.unitsOfProduction
]

interface Job {
  readonly asset: Depreciable
  readonly method: DepreciationMethod
  readonly usage: ReadonlyArray<UnitsUsed>
}

const jobs = (n: number, seed: number): Array<Job> => {
  const rand = lcg(seed)
  const out: Array<Job> = []
  for (let i = 0; i < n; i++) {
    const method = methods[i % methods.length]!
    const acquisitionDate = LD.addDays("2015-01-01" as LocalDate, Math.floor(rand() * 3650))
    const first = Months.indexOf(acquisitionDate) + 1
    const usage = method.pattern.basis === "units"
      ? Array.from({ length: 120 }, (_, m) => ({ month: Months.textOf(first + m), units: BigDecimal.fromBigInt(BigInt(Math.floor(rand() * 2_000))) }))
      : []
    out.push({
      asset: {
        cost: { amount: 100_000 + Math.floor(rand() * 50_000_000), currency: "CNY" },
        acquisitionDate,
        usefulLifeMonths: 120,
        residualRate: BigDecimal.fromStringUnsafe("0.05"),
        totalUnits: BigDecimal.fromBigInt(150_000n),
        ...(i % 10 === 0 ? { adjustments: [{ month: Months.textOf(first + 60), remainingMonths: 48 }] } : {})
      },
      method,
      usage
    })
  }
  return out
}

const measure = (label: string, n: number, f: () => number): number => {
  gc()
  const start = performance.now()
  const checksum = f()
  const ms = performance.now() - start
  console.log(`${label}: ${n.toLocaleString("en")} in ${ms.toFixed(0)} ms — ${Math.round(n / (ms / 1000)).toLocaleString("en")}/s, ${((ms * 1000) / n).toFixed(2)} µs each (checksum ${checksum})`)
  return ms / n
}

const runSchedules = (list: ReadonlyArray<Job>): number => {
  let total = 0
  let lines = 0
  for (const j of list) {
    const s = schedule(j.asset, j.method, { usage: j.usage })
    if (Result.isFailure(s)) throw new Error(s.failure.en)
    total += s.success.total.amount
    lines += s.success.lines.length
  }
  return total + lines
}

const runValues = (list: ReadonlyArray<Job>): number => {
  let total = 0
  for (const j of list) {
    const v = valueAt(j.asset, "2026-06-30" as LocalDate, j.method, { usage: j.usage })
    if (Result.isFailure(v)) throw new Error(v.failure.en)
    total += v.success.bookValue.amount
  }
  return total
}

const stocktakeData = (n: number, seed: number): { expected: Array<ExpectedItem>; counted: Array<CountedItem> } => {
  const rand = lcg(seed)
  const places = Array.from({ length: 200 }, (_, i) => `教学楼 ${100 + i}`)
  const expected: Array<ExpectedItem> = []
  const counted: Array<CountedItem> = []
  for (let i = 0; i < n; i++) {
    const tag = `ZC${String(i).padStart(8, "0")}`
    const location = places[i % places.length]!
    expected.push({ assetId: `asset-${i}`, tag, location, condition: "good" })
    const r = rand()
    if (r < 0.02) continue // short
    counted.push({ tag, location: r < 0.05 ? places[(i + 1) % places.length]! : location, condition: r < 0.07 ? "poor" : "good" })
  }
  for (let i = 0; i < n / 100; i++) counted.push({ tag: `NEW${i}`, location: places[0]!, condition: "good" }) // surplus
  return { expected, counted }
}

const runStocktake = (d: { expected: Array<ExpectedItem>; counted: Array<CountedItem> }): number => {
  const r = compare(d.expected, d.counted)
  return r.matched.length + r.shortage.length * 3 + r.surplus.length * 7 + r.wrongLocation.length * 11 + r.conditionChanged.length * 13
}

let failed = false
const scaling = (label: string, small: number, large: number) => {
  const ratio = large / small
  console.log(`  ${label}: time per asset at 100,000 ÷ at 10,000 = ${ratio.toFixed(2)} (limit 1.5)`)
  if (ratio > 1.5) failed = true
}

// warm up the JIT on a small set
runSchedules(jobs(2_000, 7))
runValues(jobs(2_000, 7))
runStocktake(stocktakeData(2_000, 7))

console.log("depreciation schedules, 120 months each (government SL ×3, enterprise SL, DDB, SYD, units of production; 10% with a change of life)")
const j10 = jobs(10_000, 1)
const s10 = measure("  schedules", 10_000, () => runSchedules(j10))
const j100 = jobs(100_000, 2)
const s100 = measure("  schedules", 100_000, () => runSchedules(j100))
scaling("schedules", s10, s100)

console.log("value as of 2026-06-30")
const v10 = measure("  values", 10_000, () => runValues(j10))
const v100 = measure("  values", 100_000, () => runValues(j100))
scaling("values", v10, v100)

console.log("stocktake comparison (2% short, 3% misplaced, 2% condition changed, 1% surplus)")
const d10 = stocktakeData(10_000, 3)
const t10 = measure("  stocktake tags", 10_000, () => runStocktake(d10))
const d100 = stocktakeData(100_000, 4)
const t100 = measure("  stocktake tags", 100_000, () => runStocktake(d100))
scaling("stocktake", t10, t100)

const heap = process.memoryUsage().heapUsed / 1024 / 1024
console.log(`heap in use at the end: ${heap.toFixed(0)} MB`)
if (failed) {
  console.error("scaling limit exceeded")
  process.exit(1)
}
