import { Result, Schema } from "effect"
import * as fc from "fast-check"
import { assert, describe, it } from "vitest"
import { FindingSchema } from "../kernel/Finding.ts"
import * as Json from "../kernel/Json.ts"
import * as RP from "../kernel/RulePack.ts"
import { fromEpochMillis } from "../kernel/Time.ts"
import type { RetentionLog } from "../testing/retention.ts"
import * as Arb from "../testing/retention.ts"
import type { Evaluation } from "./compliance.ts"
import { evaluate, evaluator } from "./compliance.ts"
import { earliestDisposalAt } from "./disposalSchedule.ts"
import { Fridge, Reading, Sample, ServedMeal } from "./model.ts"
import type { RetentionRules } from "./rules.ts"
import { cn, RetentionRules as RulesSchema, section } from "./rules.ts"

const runs = { numRuns: 150 }

const evaluateLog = (log: RetentionLog, policy: RetentionRules, over: Partial<RetentionLog> = {}): Evaluation => {
  const l = { ...log, ...over }
  const r = evaluate({
    policy,
    asOf: l.asOf,
    zone: l.zone,
    establishment: l.establishment,
    period: l.period,
    fridges: l.fridges,
    meals: l.meals,
    samples: l.samples,
    readings: l.readings
  })
  if (Result.isFailure(r)) assert.fail(JSON.stringify(r.failure))
  return Result.getOrThrow(r)
}

const flagged = (e: Evaluation): Set<string> => new Set(e.findings.map((f) => `${f.subject.kind}:${f.subject.id}`))

const canonical = (e: Evaluation): string =>
  Result.getOrThrow(Json.canonicalize(Schema.encodeSync(Schema.Array(FindingSchema))(e.findings)))

/** a permutation of a list from a seed (Fisher–Yates over a xorshift stream) */
const shuffle = <A>(items: ReadonlyArray<A>, seed: number): Array<A> => {
  const out = [...items]
  let x = seed | 1
  for (let i = out.length - 1; i > 0; i--) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    const j = Math.abs(x) % (i + 1)
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

describe("retention arbitraries", () => {
  it("produce values the schemas accept", () => {
    fc.assert(fc.property(Arb.log(), Arb.policy, (log, policy) => {
      const roundTrip = <S extends Schema.Codec<unknown, unknown>>(schema: S, value: unknown) =>
        assert.isTrue(Result.isSuccess(Schema.decodeUnknownResult(schema)(Schema.encodeUnknownSync(schema)(value))))
      for (const f of log.fridges) roundTrip(Fridge, f)
      for (const m of log.meals) roundTrip(ServedMeal, m)
      for (const s of log.samples) roundTrip(Sample, s)
      for (const r of log.readings.slice(0, 5)) roundTrip(Reading, r)
      roundTrip(RulesSchema, policy)
    }), { numRuns: 50 })
  })
})

describe("compliance laws", () => {
  it("a stricter policy never clears what a looser one flagged: every sample or meal with a finding still has one (counted by subject, since breaches may merge)", () => {
    fc.assert(
      fc.property(
        Arb.log(),
        Arb.policy.chain((p) => fc.tuple(fc.constant(p), Arb.stricterThan(p))),
        (log, [loose, strict]) => {
          // the stricter policy is one the rule-pack merge accepts over the looser one
          const merged = RP.mergeSection(section, loose, Schema.encodeSync(RulesSchema)(strict))
          assert.isTrue(Result.isSuccess(merged), Result.isFailure(merged) ? merged.failure.en : "")
          const before = flagged(evaluateLog(log, loose))
          const after = flagged(evaluateLog(log, strict))
          for (const subject of before) assert.isTrue(after.has(subject), `${subject} was flagged under the looser policy only`)
        }
      ),
      runs
    )
  })

  it("a log built to satisfy the policy yields no findings", () => {
    fc.assert(
      fc.property(Arb.policy.chain((p) => fc.tuple(fc.constant(p), Arb.compliantLog(p))), ([policy, log]) => {
        const e = evaluateLog(log, policy)
        assert.deepStrictEqual(e.findings.map((f) => f.explanation.en), [])
        assert.strictEqual(e.samples, log.samples.filter((s) => s.takenAt.epochMilliseconds <= log.asOf.epochMilliseconds).length)
      }),
      runs
    )
  })

  it("a sample disposed of at or after its earliest disposal time is never flagged for duration; one disposed of a minute before is", () => {
    fc.assert(
      fc.property(
        Arb.log(),
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: 0, max: 24 * 60 }),
        fc.nat(),
        (log, minHours, lateMinutes, pick) => {
          fc.pre(log.samples.length > 0)
          const policy: RetentionRules = { ...cn, minHours }
          const target = log.samples[pick % log.samples.length]!
          const earliest = earliestDisposalAt(policy, target).epochMilliseconds
          const at = (ms: number) => log.samples.map((s) => (s.id === target.id ? { ...s, disposal: { at: fromEpochMillis(ms), by: "staff-9" } } as typeof s : s))
          const asOf = fromEpochMillis(earliest + 48 * 3_600_000)
          const durationOf = (e: Evaluation) => e.findings.filter((f) => f.rule === "retention.minHours" && f.subject.id === target.id)
          const onTime = evaluateLog(log, policy, { samples: at(earliest + lateMinutes * 60_000), asOf })
          assert.deepStrictEqual(durationOf(onTime), [])
          const early = evaluateLog(log, policy, { samples: at(earliest - 60_000), asOf })
          assert.strictEqual(durationOf(early).length, 1)
          assert.strictEqual(durationOf(early)[0]!.evidence["shortMinutes"], 1)
        }
      ),
      runs
    )
  })

  it("findings do not depend on the order in which records arrive", () => {
    fc.assert(
      fc.property(Arb.log(), Arb.policy, fc.integer(), (log, policy, seed) => {
        const a = evaluateLog(log, policy)
        const b = evaluateLog(log, policy, {
          fridges: shuffle(log.fridges, seed),
          meals: shuffle(log.meals, seed + 1),
          samples: shuffle(log.samples, seed + 2),
          readings: shuffle(log.readings, seed + 3)
        })
        assert.strictEqual(canonical(b), canonical(a))
        assert.strictEqual(new Set(a.findings.map((f) => f.id)).size, a.findings.length, "finding ids are unique")
      }),
      runs
    )
  })

  it("streaming the readings in pages gives the same findings as evaluating them at once", () => {
    fc.assert(
      fc.property(Arb.log(), Arb.policy, fc.integer({ min: 1, max: 40 }), (log, policy, page) => {
        const all = evaluateLog(log, policy)
        const ev = Result.getOrThrow(evaluator({ ...log, policy }))
        const sorted = [...log.readings].sort((x, y) =>
          x.fridgeId < y.fridgeId ? -1 : x.fridgeId > y.fridgeId ? 1 : x.at.epochMilliseconds - y.at.epochMilliseconds
        )
        for (let i = 0; i < sorted.length; i += page) assert.isTrue(Result.isSuccess(ev.feed(sorted.slice(i, i + page))))
        const streamed = Result.getOrThrow(ev.finish())
        assert.strictEqual(canonical(streamed), canonical(all))
        // the readings counted are those taken by the evaluation's instant while their fridge held a sample
        const windows = ev.windows()
        assert.strictEqual(streamed.readings, log.readings.filter((r) => {
          const w = windows.get(r.fridgeId)
          const t = r.at.epochMilliseconds
          return t <= log.asOf.epochMilliseconds && w !== undefined && t >= w.from && t <= w.to
        }).length)
      }),
      runs
    )
  })

  it("no reading outside the range goes unreported, and no breach is reported without one: a sample in the fridge when such a reading was taken has a breach covering it", () => {
    fc.assert(
      fc.property(Arb.log(), Arb.policy, (log, policy) => {
        const e = evaluateLog(log, policy)
        const { minC, maxC } = policy.temperature
        const out = log.readings.filter((r) => r.celsius < minC || r.celsius > maxC)
        const held = log.samples.filter((s) =>
          s.serviceDate >= log.period.from && s.serviceDate <= log.period.to && s.takenAt.epochMilliseconds <= log.asOf.epochMilliseconds
        )
        const breaches = e.findings.filter((f) => f.rule === "retention.temperature")
        const window = (f: (typeof breaches)[number]) => ({
          from: Date.parse(f.evidence["breachStart"] as string),
          to: f.evidence["breachEnd"] === null ? Number.POSITIVE_INFINITY : Date.parse(f.evidence["breachEnd"] as string)
        })
        for (const r of out) {
          const t = r.at.epochMilliseconds
          for (const s of held) {
            const end = Math.min(s.disposal?.at.epochMilliseconds ?? Number.POSITIVE_INFINITY, log.asOf.epochMilliseconds)
            if (s.fridgeId !== r.fridgeId || t < s.takenAt.epochMilliseconds || t >= end) continue
            assert.isTrue(
              breaches.some((f) => f.subject.id === s.id && window(f).from <= t && t < window(f).to),
              `reading ${r.celsius} °C at ${r.at.epochMilliseconds} in ${r.fridgeId} while ${s.id} was held`
            )
          }
        }
        for (const f of breaches) {
          const w = window(f)
          const sample = log.samples.find((s) => s.id === f.subject.id)!
          assert.isTrue(out.some((r) => r.fridgeId === sample.fridgeId && r.at.epochMilliseconds >= w.from && r.at.epochMilliseconds < w.to))
        }
      }),
      runs
    )
  })
})
