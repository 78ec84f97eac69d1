/**
 * Retention benchmark: the compliance evaluation of one school year of sample logs, for 10 and then
 * 100 schools, one school at a time.
 *
 * Each school (a boarding school in Asia/Shanghai): about 200 school days of breakfast (4 dishes),
 * lunch (6) and dinner (5) — about 3,000 samples a year — and 2 sample fridges read every 15
 * minutes all year — about 70,000 readings. The logs carry what real logs carry: a missed dish now
 * and then, light samples, early disposals, a missing reviewer, door-open excursions, a compressor
 * failure in some schools, and a logger outage per fridge.
 *
 * A school's log is generated (seeded, so every run evaluates the same data), then evaluated by
 * streaming its readings fridge by fridge through `Retention.evaluator`, then dropped before the
 * next school: never more than one school in memory. Generation and evaluation are timed apart.
 *
 * Then a fridge's temperature log (`Retention.temperatureLogger`): one fridge's year, as twelve
 * monthly logs and as one log of the year, with and without every reading listed.
 *
 *   node --conditions=@houqin/source --expose-gc bench/retention.bench.ts [schools=100]
 */
import { BigDecimal, Result } from "effect"
import type { LocalDate } from "../src/kernel/LocalDate.ts"
import * as LD from "../src/kernel/LocalDate.ts"
import type { Zone } from "../src/kernel/Time.ts"
import { atLocal, fromEpochMillis } from "../src/kernel/Time.ts"
import { evaluator } from "../src/retention/compliance.ts"
import type { Fridge, MealKind, Sample, ServedMeal } from "../src/retention/model.ts"
import { cn } from "../src/retention/rules.ts"
import type { LogReading } from "../src/retention/temperatureLog.ts"
import { temperatureLogger } from "../src/retention/temperatureLog.ts"

const zone = "Asia/Shanghai" as Zone
const year = { from: "2026-01-01" as LocalDate, to: "2026-12-31" as LocalDate }
const MINUTE = 60_000
const HOUR = 60 * MINUTE
const READING_STEP = 15 * MINUTE

/** mulberry32: a small seeded generator, so that every run evaluates the same logs */
const random = (seed: number) => {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const menu: ReadonlyArray<{ readonly meal: MealKind; readonly hour: number; readonly minute: number; readonly dishes: number }> = [
  { meal: "breakfast", hour: 7, minute: 0, dishes: 4 },
  { meal: "lunch", hour: 11, minute: 30, dishes: 6 },
  { meal: "dinner", hour: 17, minute: 30, dishes: 5 }
]

/** school days: weekdays outside the winter (20 Jan – 25 Feb) and summer (10 Jul – 31 Aug) holidays */
const schoolDays: ReadonlyArray<LocalDate> = LD.range(year.from, year.to).filter((d) =>
  LD.dayOfWeek(d) <= 5 && !(d >= "2026-01-20" && d <= "2026-02-25") && !(d >= "2026-07-10" && d <= "2026-08-31")
)

interface SchoolLog {
  readonly fridges: ReadonlyArray<Fridge>
  readonly meals: ReadonlyArray<ServedMeal>
  readonly samples: ReadonlyArray<Sample>
  /** per fridge: reading instants (epoch ms) and temperatures, in time order */
  readonly readings: ReadonlyArray<{ readonly fridgeId: string; readonly at: Float64Array; readonly celsius: Float64Array }>
}

const generate = (school: number): SchoolLog => {
  const rnd = random(school * 7919 + 1)
  const schoolId = `school-${school}`
  const fridges = ["fridge-a", "fridge-b"].map((id, i) => ({ schoolId, id, version: 1, name: `留样柜 ${i + 1}`, dedicated: true, active: true }) as Fridge)
  const meals: Array<ServedMeal> = []
  const samples: Array<Sample> = []
  for (const date of schoolDays) {
    for (const m of menu) {
      const servedAt = atLocal(date, { hour: m.hour, minute: m.minute }, zone)
      const mealId = `${date}-${m.meal}`
      const dishes = Array.from({ length: m.dishes }, (_, k) => ({ id: `${m.meal}-${k + 1}`, name: `菜品 ${k + 1}` }))
      meals.push({ id: mealId, serviceDate: date, meal: m.meal, servedAt, dishes, diners: 600 } as unknown as ServedMeal)
      for (const dish of dishes) {
        if (rnd() < 0.005) continue // a dish nobody sampled
        const takenAt = servedAt.epochMilliseconds + Math.floor(5 + rnd() * 20) * MINUTE
        const taker = 1 + Math.floor(rnd() * 4)
        const r = rnd()
        const reviewer = r < 0.02 ? undefined : r < 0.025 ? taker : (taker % 4) + 1
        const grams = rnd() < 0.01 ? 90 + Math.floor(rnd() * 35) : 125 + Math.floor(rnd() * 55)
        const d = rnd()
        const disposeAfter = d < 0.005 ? 40 * HOUR + Math.floor(rnd() * 7 * 60) * MINUTE : (48 + Math.floor(rnd() * 24)) * HOUR
        const disposedAt = takenAt + disposeAfter
        samples.push({
          schoolId,
          id: `${mealId}-${dish.id}`,
          version: 1,
          mealId,
          serviceDate: date,
          meal: m.meal,
          dishId: dish.id,
          dishName: dish.name,
          grams: BigDecimal.make(BigInt(grams), 0),
          takenAt: fromEpochMillis(takenAt),
          takerId: `staff-${taker}`,
          ...(reviewer === undefined ? {} : { reviewerId: `staff-${reviewer}` }),
          fridgeId: fridges[m.meal === "lunch" ? 0 : 1]!.id,
          ...(disposedAt <= Date.UTC(2027, 0, 1) ? { disposal: { at: fromEpochMillis(disposedAt), by: "staff-5" } } : {})
        } as unknown as Sample)
      }
    }
  }
  const start = atLocal(year.from, { hour: 0, minute: 0 }, zone).epochMilliseconds
  const end = atLocal(LD.addDays(year.to, 1), { hour: 0, minute: 0 }, zone).epochMilliseconds
  const readings = fridges.map((f) => {
    const n = Math.floor((end - start) / READING_STEP)
    // a logger outage of 30 hours somewhere in the year
    const outage = Math.floor(rnd() * (n - 200))
    const kept = n - 120
    const at = new Float64Array(kept)
    const celsius = new Float64Array(kept)
    let j = 0
    for (let i = 0; i < n; i++) {
      if (i >= outage && i < outage + 120) continue
      at[j] = start + i * READING_STEP
      celsius[j] = 3 + rnd() * 3
      j++
    }
    // door-open excursions: one to four readings at 8.5–12 °C, six times a year
    for (let e = 0; e < 6; e++) {
      const i = Math.floor(rnd() * (kept - 5))
      const len = 1 + Math.floor(rnd() * 4)
      for (let k = 0; k < len; k++) celsius[i + k] = 8.5 + rnd() * 3.5
    }
    // a compressor failure (6 hours at 10–15 °C) in one school of ten
    if (rnd() < 0.1) {
      const i = Math.floor(rnd() * (kept - 30))
      for (let k = 0; k < 24; k++) celsius[i + k] = 10 + rnd() * 5
    }
    return { fridgeId: f.id, at, celsius }
  })
  return { fridges, meals, samples, readings }
}

const gc = (): void => (globalThis as { gc?: () => void }).gc?.()

interface Totals {
  schools: number
  samples: number
  readings: number
  findings: number
  generateMs: number
  evaluateMs: number
  peakHeap: number
  heapAfterFirst: number
  heapAfterLast: number
}

const run = (schools: number, offset: number): Totals => {
  const t: Totals = { schools, samples: 0, readings: 0, findings: 0, generateMs: 0, evaluateMs: 0, peakHeap: 0, heapAfterFirst: 0, heapAfterLast: 0 }
  for (let s = 0; s < schools; s++) {
    const g0 = performance.now()
    const log = generate(offset + s)
    const g1 = performance.now()
    const ev = Result.getOrThrow(evaluator({
      policy: cn,
      asOf: fromEpochMillis(Date.UTC(2027, 0, 1)),
      zone,
      period: year,
      fridges: log.fridges,
      meals: log.meals,
      samples: log.samples
    }))
    for (const f of log.readings) {
      const { fridgeId, at, celsius } = f
      for (let i = 0; i < at.length; i++) {
        if (ev.push(fridgeId, at[i]!, celsius[i]!) !== undefined) throw new Error("readings out of order")
      }
    }
    const evaluation = Result.getOrThrow(ev.finish())
    const g2 = performance.now()
    t.generateMs += g1 - g0
    t.evaluateMs += g2 - g1
    t.samples += evaluation.samples
    t.readings += evaluation.readings
    t.findings += evaluation.findings.length
    t.peakHeap = Math.max(t.peakHeap, process.memoryUsage().heapUsed)
    gc()
    const heap = process.memoryUsage().heapUsed
    if (s === 0) t.heapAfterFirst = heap
    t.heapAfterLast = heap
  }
  return t
}

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`
const fmt = (n: number) => Math.round(n).toLocaleString("en")

const report = (t: Totals) => {
  console.log(`${t.schools} schools: ${fmt(t.samples)} samples, ${fmt(t.readings)} readings, ${fmt(t.findings)} findings`)
  console.log(`  evaluate ${fmt(t.evaluateMs)} ms — ${fmt(t.samples / (t.evaluateMs / 1000))} samples/s, ${fmt(t.readings / (t.evaluateMs / 1000))} readings/s, ${(t.evaluateMs * 1000 / t.samples).toFixed(2)} µs per sample (with its share of readings)`)
  console.log(`  generate ${fmt(t.generateMs)} ms (not part of the evaluation)`)
  console.log(`  heap: peak ${mb(t.peakHeap)} after a school's evaluation; after gc ${mb(t.heapAfterFirst)} (first school) → ${mb(t.heapAfterLast)} (last)`)
}

const large = Number(process.argv[2] ?? 100)
console.log(`one school year each: ${schoolDays.length} school days × ${menu.reduce((n, m) => n + m.dishes, 0)} dishes; 2 fridges read every 15 min`)
run(3, 10_000) // warm-up, not measured
gc()
const small = run(10, 0)
report(small)
gc()
const big = run(large, 0)
report(big)
const ratio = (big.evaluateMs / big.samples) / (small.evaluateMs / small.samples)
const usage = process.resourceUsage()
console.log(`peak resident memory of the whole run: ${mb(usage.maxRSS * 1024)}`)
console.log(`time per sample, ${large} schools vs 10: ×${ratio.toFixed(2)} (limit ×1.5) — ${ratio <= 1.5 ? "ok" : "TOO SLOW"}`)
if (ratio > 1.5) process.exitCode = 1

// a fridge's temperature log: one fridge's year of the first school, fed in pages of 5,000 as the
// query reads them (the readings are made into records first, as storage returns them)
const fridgeYear = generate(0).readings[0]!
const records: Array<LogReading> = Array.from(fridgeYear.at, (t, i) => ({ fridgeId: fridgeYear.fridgeId, at: fromEpochMillis(t), celsius: fridgeYear.celsius[i]! }))
const months = Array.from({ length: 12 }, (_, m) => {
  const from = LD.fromParts(2026, m + 1, 1)
  return { from, to: LD.endOfMonth(from) }
})
const logOf = (period: { readonly from: LocalDate; readonly to: LocalDate }, entries: boolean) => {
  const logger = Result.getOrThrow(temperatureLogger({ fridge: { id: fridgeYear.fridgeId }, policy: cn, zone, period, asOf: fromEpochMillis(Date.UTC(2027, 0, 1)), entries }))
  // the query reads the period's readings; here the year's, found by the logger's own window
  let lo = 0
  while (lo < records.length && records[lo]!.at.epochMilliseconds < logger.start) lo++
  let hi = lo
  while (hi < records.length && records[hi]!.at.epochMilliseconds < logger.end) hi++
  for (let i = lo; i < hi; i += 5_000) Result.getOrThrow(logger.feed(records.slice(i, Math.min(hi, i + 5_000))))
  return logger.finish()
}
for (const entries of [false, true]) {
  for (let i = 0; i < 3; i++) for (const m of months) logOf(m, entries) // warm-up
  let monthly = Number.POSITIVE_INFINITY
  let yearly = Number.POSITIVE_INFINITY
  let n = 0
  for (let run = 0; run < 5; run++) {
    let t = performance.now()
    n = 0
    for (const m of months) n += logOf(m, entries).readings
    monthly = Math.min(monthly, performance.now() - t)
    t = performance.now()
    logOf(year, entries)
    yearly = Math.min(yearly, performance.now() - t)
  }
  console.log(
    `temperature log of a fridge's year (${fmt(n)} readings${entries ? ", every reading listed" : ""}): 12 monthly logs ${monthly.toFixed(1)} ms, ` +
      `the year's ${yearly.toFixed(1)} ms — ${fmt(n / (yearly / 1000))} readings/s`
  )
}
