/**
 * Conformance cases of the retention module: its aggregates round-trip, its queries match the
 * reference, its commands write atomically with one audit entry each, and the compliance
 * evaluation over storage (readings streamed page by page) equals the pure evaluation of the same
 * records.
 *
 * @since 0.1.0
 */
import { Effect, Exit, Result, Schema } from "effect"
import * as fc from "fast-check"
import { assert } from "vitest"
import { FindingSchema } from "../../kernel/Finding.ts"
import * as Json from "../../kernel/Json.ts"
import { Organisation as OrganisationSchema } from "../../kernel/People.ts"
import type { Zone } from "../../kernel/Time.ts"
import { formatInstant, fromEpochMillis } from "../../kernel/Time.ts"
import { AuditLog } from "../../ports/AuditLog.ts"
import { applyQuery } from "../../ports/Memory.ts"
import { saveOrganisation } from "../../ports/people.ts"
import { FridgeRepository, FridgeSpec, ReadingRepository, ReadingSpec, SampleRepository, SampleSpec } from "../../ports/retention.ts"
import type { Query } from "../../ports/Storage.ts"
import { recordDisposal, recordReadings, recordSamples, registerFridge, reviewSample, updateFridge } from "../../retention/commands.ts"
import { evaluate } from "../../retention/compliance.ts"
import { Fridge as FridgeSchema, Reading as ReadingSchema, Sample as SampleSchema, ServedMeal } from "../../retention/model.ts"
import { evaluateSchool, schoolRegister, schoolSchedule, temperatureLog as storedTemperatureLog } from "../../retention/queries.ts"
import { temperatureLog } from "../../retention/temperatureLog.ts"
import { cn } from "../../retention/rules.ts"
import * as Arb from "../arbitraries.ts"
import type { Group } from "../conformance.ts"
import * as RetentionArb from "../retention.ts"
import { UnitOfWork } from "../../ports/UnitOfWork.ts"
import type { Fridge, Reading, Sample } from "../../retention/model.ts"
import { hasFields } from "./expect.ts"

const encodeSample = Schema.encodeSync(SampleSchema)
const encodeReading = Schema.encodeSync(ReadingSchema)
const encodeFridge = Schema.encodeSync(FridgeSchema)
const encodeFindings = Schema.encodeSync(Schema.Array(FindingSchema))

const same = (actual: unknown, expected: unknown, message: string) =>
  assert.strictEqual(Result.getOrThrow(Json.canonicalize(actual)), Result.getOrThrow(Json.canonicalize(expected)), message)

/** one fixed sample of an arbitrary, so that every backend sees the same data */
const sampleOf = <A>(arb: fc.Arbitrary<A>, seed: number): A => fc.sample(arb, { seed, numRuns: 1 })[0]!

const actor = "staff-1"

/** a school with its organisation (staff-1 … staff-n) and two fridges */
const setUp = (schoolId: string) =>
  Effect.gen(function*() {
    const org = sampleOf(Arb.organisation(schoolId), 21)
    yield* saveOrganisation({ schoolId, actor, organisation: Schema.encodeSync(OrganisationSchema)(org) })
    const main = yield* registerFridge({ schoolId, actor, fridge: { id: "fridge-main", name: "留样柜 A（厨房）", location: "厨房二楼", dedicated: true } })
    const spare = yield* registerFridge({ schoolId, actor, fridge: { id: "fridge-spare", name: "留样柜 B", dedicated: true } })
    return { org, main, spare }
  })

const lunchSamples = (over: Partial<Record<string, unknown>> = {}) => [
  { id: "s-1", mealId: "meal-1", serviceDate: "2026-03-16", meal: "lunch", dishId: "d-1", dishName: "红烧肉 🍖", grams: "130.5", takenAt: "2026-03-16T11:40+08:00", takerId: "staff-1", reviewerId: "staff-2", fridgeId: "fridge-main", containerLabel: "3/16 午 1", ...over },
  { id: "s-2", mealId: "meal-1", serviceDate: "2026-03-16", meal: "lunch", dishId: "d-2", dishName: "Robert'); DROP TABLE retention_sample;--", grams: 125, takenAt: "2026-03-16T11:41+08:00", takerId: "staff-1", fridgeId: "fridge-main" }
]

/**
 * @since 0.1.0
 * @category cases
 */
export const retentionCases: Group = {
  name: "retention",
  cases: [
    {
      name: "round trip: fridges, samples (Chinese text, exact grams, disposal, hold) and readings read back exactly as written",
      run: Effect.gen(function*() {
        const schoolId = "conf-ret-roundtrip"
        const { main } = yield* setUp(schoolId)
        const stored = yield* recordSamples({ schoolId, actor, samples: lunchSamples() })
        yield* recordDisposal({ schoolId, actor, at: "2026-03-18T12:00+08:00", by: "staff-3", note: "按时销毁", samples: [{ id: "s-1", version: 1 }] })
        const readings = yield* recordReadings({
          schoolId,
          actor,
          readings: [
            { fridgeId: "fridge-main", at: "2026-03-16T12:00+08:00", celsius: 4.5 },
            { fridgeId: "fridge-main", at: "2026-03-16T12:15+08:00", celsius: -0.25, recordedBy: "staff-2" }
          ]
        })
        same(encodeFridge(yield* FridgeRepository.use((r) => r.get(schoolId, "fridge-main"))), encodeFridge(main), "fridge")
        const s1 = yield* SampleRepository.use((r) => r.get(schoolId, "s-1"))
        assert.strictEqual(s1.version, 2)
        same(encodeSample({ ...s1, version: 1 }), { ...encodeSample(stored[0]!), disposal: { at: "2026-03-18T04:00:00.000Z", by: "staff-3", note: "按时销毁" } }, "disposed sample")
        same(encodeSample(yield* SampleRepository.use((r) => r.get(schoolId, "s-2"))), encodeSample(stored[1]!), "sample with SQL text")
        // a hold (封存) and its release read back whole: the optional keys, Chinese text and instants
        const s2 = yield* SampleRepository.use((r) => r.get(schoolId, "s-2"))
        const held = yield* SampleRepository.use((r) => r.update({
          ...s2,
          hold: {
            at: fromEpochMillis(Date.UTC(2026, 2, 17, 1, 0)),
            by: "staff-1",
            orderedBy: "区市场监管局“食品科”",
            reason: "疑似食物中毒 🤢",
            reference: "市监食〔2026〕12号",
            release: { at: fromEpochMillis(Date.UTC(2026, 2, 18, 2, 0)), by: "staff-1", outcome: "handedOver", to: "张科长" }
          }
        } as Sample))
        same(encodeSample(yield* SampleRepository.use((r) => r.get(schoolId, "s-2"))), encodeSample(held), "held sample")
        for (const r of readings) same(encodeReading(yield* ReadingRepository.use((repo) => repo.get(schoolId, r.id))), encodeReading(r), `reading ${r.id}`)
        assert.strictEqual(encodeSample(stored[0]!).grams, "130.5")
      })
    },
    {
      name: "queries: samples by service date, meal, fridge and disposal; readings by fridge and instant in time order, paged — as the reference",
      run: Effect.gen(function*() {
        const schoolId = "conf-ret-query"
        const log = sampleOf(RetentionArb.log(schoolId), 22)
        // fridges first: samples and readings name them
        yield* FridgeRepository.use((r) => r.insertMany(log.fridges))
        const samples = yield* SampleRepository.use((r) => r.insertMany(log.samples))
        const readings = yield* ReadingRepository.use((r) => r.insertMany(log.readings))
        const dates = [...new Set(samples.map((s) => s.serviceDate))].sort()
        const t = readings.map((r) => r.at.epochMilliseconds).sort((a, b) => a - b)
        const mid = t[Math.floor(t.length / 2)]!
        const sampleQueries: Array<Query> = [
          {},
          { range: { field: "serviceDate", from: dates[0]!, to: dates[dates.length - 1]! } },
          { where: { meal: ["lunch", "lateNight"] } },
          { where: { fridgeId: "fridge-1", disposed: false } },
          { where: { disposed: true }, range: { field: "disposedAt", from: t[0]! } },
          { orderBy: "takenAt", direction: "desc", limit: 3, offset: 1 }
        ]
        for (const q of sampleQueries) {
          const actual = (yield* SampleRepository.use((r) => r.list(schoolId, q))).map((s) => s.id)
          assert.deepStrictEqual(actual, applyQuery(SampleSpec, samples, q).map((s) => s.id), JSON.stringify(q))
        }
        const readingQueries: Array<Query> = [
          { where: { fridgeId: "fridge-1" }, range: { field: "at", from: t[0]!, to: mid }, limit: 7, offset: 7 },
          { where: { fridgeId: "fridge-1" }, range: { field: "at", to: mid }, direction: "desc", limit: 1 },
          { where: { fridgeId: ["fridge-1", "fridge-2"] }, range: { field: "at", from: mid } }
        ]
        for (const q of readingQueries) {
          const actual = (yield* ReadingRepository.use((r) => r.list(schoolId, q))).map((x) => x.id)
          assert.deepStrictEqual(actual, applyQuery(ReadingSpec, readings, q).map((x) => x.id), JSON.stringify(q))
          const { limit: _l, offset: _o, ...unpaged } = q
          assert.strictEqual(yield* ReadingRepository.use((r) => r.count(schoolId, q)), applyQuery(ReadingSpec, readings, unpaged).length)
        }
      })
    },
    {
      name: "recording samples: an unknown or retired fridge, a self-review and an unknown taker are refused with paths, and nothing is written",
      run: Effect.gen(function*() {
        const schoolId = "conf-ret-bad-samples"
        const { spare } = yield* setUp(schoolId)
        const entriesBefore = (yield* AuditLog.use((a) => a.entries(schoolId))).length
        const refuse = (samples: unknown) => Effect.flip(recordSamples({ schoolId, actor, samples }))
        const unknown = yield* refuse(lunchSamples().map((s, i) => (i === 1 ? { ...s, fridgeId: "fridge-x" } : s)))
        assert.strictEqual(unknown._tag, "UnknownFridgeError")
        assert.deepStrictEqual((unknown as { path: unknown }).path, ["samples", 1, "fridgeId"])
        yield* updateFridge({ schoolId, actor, fridgeId: spare.id, version: spare.version, active: false })
        const retired = yield* refuse(lunchSamples({ fridgeId: spare.id }))
        assert.strictEqual(retired._tag, "RetiredFridgeError")
        const self = yield* refuse(lunchSamples({ reviewerId: "staff-1" }))
        assert.strictEqual(self._tag, "ReviewerIsTakerError")
        assert.deepStrictEqual((self as { path: unknown }).path, ["samples", 0, "reviewerId"])
        const stranger = yield* refuse(lunchSamples({ takerId: "staff-404" }))
        assert.strictEqual(stranger._tag, "NotFoundError")
        assert.deepStrictEqual((stranger as { aggregate: unknown; path: unknown }).aggregate, "kernel.staff")
        assert.deepStrictEqual((stranger as { path: unknown }).path, ["samples", 0, "takerId"])
        const negative = yield* refuse(lunchSamples({ grams: "-5" }))
        assert.strictEqual(negative._tag, "ValidationError")
        assert.deepStrictEqual((negative as { path: unknown }).path, ["samples", 0, "grams"])
        assert.strictEqual(yield* SampleRepository.use((r) => r.count(schoolId)), 0)
        // only the fridge's retirement was written
        assert.strictEqual((yield* AuditLog.use((a) => a.entries(schoolId))).length, entriesBefore + 1)
      })
    },
    {
      name: "disposal: checked against the version read, never before the sample was taken, never twice; an early one is recorded with its finding; the audit has before and after",
      run: Effect.gen(function*() {
        const schoolId = "conf-ret-dispose"
        yield* setUp(schoolId)
        yield* recordSamples({ schoolId, actor, samples: lunchSamples() })
        const before = yield* Effect.flip(recordDisposal({ schoolId, actor, at: "2026-03-16T11:39+08:00", by: "staff-3", samples: [{ id: "s-1", version: 1 }] }))
        assert.strictEqual(before._tag, "DisposalBeforeTakenError")
        assert.deepStrictEqual((before as { path: unknown }).path, ["at"])
        const stale = yield* Effect.flip(recordDisposal({ schoolId, actor, at: "2026-03-18T12:00+08:00", by: "staff-3", samples: [{ id: "s-1", version: 1 }, { id: "s-2", version: 7 }] }))
        assert.strictEqual(stale._tag, "ConflictError")
        assert.isUndefined((yield* SampleRepository.use((r) => r.get(schoolId, "s-1"))).disposal, "the batch rolled back")
        // s-2 was taken 11:41 on the 16th: 48 h end at 11:41 on the 18th; disposed at 11:00
        const early = yield* recordDisposal({ schoolId, actor, at: "2026-03-18T11:00+08:00", by: "staff-3", samples: [{ id: "s-2", version: 1 }] })
        assert.deepStrictEqual(early.findings.map((f) => [f.rule, f.subject.id, f.evidence["shortMinutes"]]), [["retention.minHours", "s-2", 41]])
        const twice = yield* Effect.flip(recordDisposal({ schoolId, actor, at: "2026-03-19T11:00+08:00", by: "staff-3", samples: [{ id: "s-2", version: 2 }] }))
        assert.strictEqual(twice._tag, "AlreadyDisposedError")
        const entries = yield* AuditLog.use((a) => a.entries(schoolId))
        const last = entries[entries.length - 1]!
        assert.strictEqual(last.command, "retention.recordDisposal")
        const change = last.changes[0]!
        assert.strictEqual(change.op, "update")
        assert.isUndefined((change.before as { disposal?: unknown }).disposal)
        assert.strictEqual((change.after as { disposal: { at: string } }).disposal.at, "2026-03-18T03:00:00.000Z")
        assert.isTrue((yield* AuditLog.use((a) => a.verify(schoolId))).ok)
      })
    },
    {
      name: "reviewing: the reviewer signs later, never the taker",
      run: Effect.gen(function*() {
        const schoolId = "conf-ret-review"
        yield* setUp(schoolId)
        yield* recordSamples({ schoolId, actor, samples: lunchSamples() })
        const self = yield* Effect.flip(reviewSample({ schoolId, actor, sampleId: "s-2", version: 1, reviewerId: "staff-1" }))
        assert.strictEqual(self._tag, "ReviewerIsTakerError")
        const signed = yield* reviewSample({ schoolId, actor: "staff-3", sampleId: "s-2", version: 1, reviewerId: "staff-3" })
        assert.strictEqual(signed.reviewerId, "staff-3")
        assert.strictEqual(signed.version, 2)
      })
    },
    {
      name: "readings: one bulk write with one audit entry (count and hash); an unknown fridge or a missing one refuses the whole batch",
      run: Effect.gen(function*() {
        const schoolId = "conf-ret-readings"
        yield* setUp(schoolId)
        const batch = Array.from({ length: 200 }, (_, i) => ({
          fridgeId: i % 2 === 0 ? "fridge-main" : "fridge-spare",
          at: formatInstant(fromEpochMillis(Date.UTC(2026, 2, 16, 0, 15 * Math.floor(i / 2)))),
          celsius: 3 + (i % 7) / 2
        }))
        const written = yield* recordReadings({ schoolId, actor, readings: batch })
        assert.strictEqual(written.length, 200)
        const entries = yield* AuditLog.use((a) => a.entries(schoolId))
        const bulk = entries[entries.length - 1]!.changes
        assert.deepStrictEqual(bulk.map((c) => [c.op, c.count]), [["bulkInsert", 200]])
        assert.strictEqual(bulk[0]!.hash, yield* Json.hashCanonical(written.map((r) => encodeReading(r))))
        // the input records the rows as their count and hash too, not the rows themselves
        const input = entries[entries.length - 1]!.input as { readonly readings: { readonly count: number; readonly hash: string } }
        assert.strictEqual(input.readings.count, 200)
        assert.match(input.readings.hash, /^[0-9a-f]{64}$/)
        assert.isBelow(JSON.stringify(input).length, 300)
        const unknown = yield* Effect.flip(recordReadings({ schoolId, actor, readings: [batch[0]!, { ...batch[1]!, fridgeId: "fridge-x" }] }))
        assert.strictEqual(unknown._tag, "UnknownFridgeError")
        assert.deepStrictEqual((unknown as { path: unknown }).path, ["readings", 1, "fridgeId"])
        const { fridgeId: _f, ...noFridge } = batch[0]!
        const missing = yield* Effect.flip(recordReadings({ schoolId, actor, readings: [noFridge] }))
        assert.strictEqual(missing._tag, "ValidationError")
        assert.deepStrictEqual((missing as { path: unknown }).path, ["readings", 0, "fridgeId"])
        assert.strictEqual(yield* ReadingRepository.use((r) => r.count(schoolId)), 200)
      })
    },
    {
      name: "evaluation over storage: streaming each fridge's readings in pages gives the pure evaluation's findings",
      run: Effect.gen(function*() {
        for (const seed of [31, 32, 33]) {
          const schoolId = `conf-ret-eval-${seed}`
          const log = sampleOf(RetentionArb.log(schoolId), seed)
          yield* FridgeRepository.use((r) => r.insertMany(log.fridges))
          yield* SampleRepository.use((r) => r.insertMany(log.samples))
          yield* ReadingRepository.use((r) => r.insertMany(log.readings))
          const stored = yield* evaluateSchool({
            schoolId,
            from: log.period.from,
            to: log.period.to,
            meals: log.meals.map((m) => Schema.encodeSync(ServedMeal)(m)),
            asOf: formatInstant(log.asOf),
            establishment: log.establishment,
            pageSize: 7
          })
          const pure = Result.getOrThrow(evaluate({ ...log, zone: "Asia/Shanghai" as Zone, policy: cn }))
          same(encodeFindings(stored.findings), encodeFindings(pure.findings), `seed ${seed}`)
          assert.strictEqual(stored.samples, pure.samples)
        }
      }),
      timeout: 60_000
    },
    {
      name: "temperature log over storage: read back before the period and on after it, in pages, gives the pure log of all the fridge's readings",
      run: Effect.gen(function*() {
        for (const seed of [34, 35, 36]) {
          const schoolId = `conf-ret-log-${seed}`
          const generated = sampleOf(RetentionArb.log(schoolId), seed)
          // and five readings of each fridge at one instant of the period (one out of range), so
          // that pages of 3 end inside an instant
          const burst = generated.readings.find((r) => r.at.epochMilliseconds > generated.asOf.epochMilliseconds - 86_400_000 && r.at.epochMilliseconds <= generated.asOf.epochMilliseconds) ?? generated.readings[0]!
          const log = {
            ...generated,
            readings: [
              ...generated.readings,
              ...generated.fridges.flatMap((f) =>
                [2, 5, 12, 3, 4].map((celsius, i) => ({ ...burst, id: `${f.id}-burst-${i}`, fridgeId: f.id, celsius, recordedBy: `staff-${i + 1}` }) as Reading)
              )
            ]
          }
          yield* FridgeRepository.use((r) => r.insertMany(log.fridges))
          yield* ReadingRepository.use((r) => r.insertMany(log.readings))
          for (const fridge of log.fridges) {
            const stored = yield* storedTemperatureLog({
              schoolId,
              fridgeId: fridge.id,
              from: log.period.from,
              to: log.period.to,
              asOf: formatInstant(log.asOf),
              entries: true,
              pageSize: 3
            })
            const pure = Result.getOrThrow(temperatureLog({
              fridge,
              policy: cn,
              zone: "Asia/Shanghai" as Zone,
              period: log.period,
              asOf: log.asOf,
              entries: true,
              readings: log.readings.filter((r) => r.fridgeId === fridge.id)
            }))
            same(stored, pure, `seed ${seed}, ${fridge.id}`)
          }
        }
      }),
      timeout: 60_000
    },
    {
      name: "schedule and register: what to keep and what may go at an instant; the register's rows with names and local times",
      run: Effect.gen(function*() {
        const schoolId = "conf-ret-schedule"
        const { org } = yield* setUp(schoolId)
        yield* recordSamples({ schoolId, actor, samples: lunchSamples() })
        yield* recordDisposal({ schoolId, actor, at: "2026-03-18T12:00+08:00", by: "staff-3", samples: [{ id: "s-1", version: 1 }] })
        // at 11:40:30 on the 18th s-1 (taken 11:40) may go; s-2 (taken 11:41) must stay 30 s more
        const s = yield* schoolSchedule({ schoolId, at: "2026-03-18T11:40:30+08:00" })
        assert.deepStrictEqual(s.mayDispose.map((e) => e.sample.id), ["s-1"])
        assert.deepStrictEqual(s.keep.map((e) => [e.sample.id, e.remainingMillis]), [["s-2", 30_000]])
        const later = yield* schoolSchedule({ schoolId, at: "2026-03-18T12:30+08:00" })
        assert.deepStrictEqual(later.mayDispose.map((e) => e.sample.id), ["s-2"])
        const rows = yield* schoolRegister({ schoolId, from: "2026-03-16", to: "2026-03-16" })
        assert.deepStrictEqual(rows.map((r) => [r.sampleId, r.takenAtLocal, r.fridgeName, r.disposedAtLocal]), [
          ["s-1", "2026-03-16 11:40", "留样柜 A（厨房）", "2026-03-18 12:00"],
          ["s-2", "2026-03-16 11:41", "留样柜 A（厨房）", null]
        ])
        assert.strictEqual(rows[0]!.takerName, org.staff.find((x) => x.id === "staff-1")!.name)
        const bad = yield* Effect.flip(schoolRegister({ schoolId, from: "2026-03-17", to: "2026-03-16" }))
        assert.deepStrictEqual(bad.path, ["to"])
      })
    },
    {
      name: "integrity: a sample or reading naming a fridge that does not exist is refused, alone or in bulk, leaving the rest of the unit of work; a fridge still named cannot be removed",
      run: Effect.gen(function*() {
        const schoolId = "conf-ret-integrity"
        const T = Date.UTC(2026, 2, 16, 3, 0)
        const fridgeOf = (id: string): Fridge => ({ schoolId, id, version: 0, name: `留样柜 ${id}`, dedicated: true, active: true }) as Fridge
        const reading = (id: string, fridgeId: string, minute: number): Reading =>
          ({ schoolId, id, version: 0, fridgeId, at: fromEpochMillis(T + minute * 60_000), celsius: 3.5 }) as Reading
        const sample = (id: string, fridgeId: string): Sample => ({
          schoolId,
          id,
          version: 0,
          mealId: "meal-1",
          serviceDate: "2026-03-16",
          meal: "lunch",
          dishId: "dish-1",
          takenAt: fromEpochMillis(T),
          fridgeId
        }) as Sample
        const fridge = yield* FridgeRepository.use((r) => r.insert(fridgeOf("fridge-a")))
        const alone = yield* Effect.flip(ReadingRepository.use((r) => r.insert(reading("r-0", "fridge-404", 0))))
        hasFields(alone, {
          _tag: "ReferenceError",
          code: "storage.missingReference",
          path: ["fridgeId"],
          aggregate: "retention.reading",
          id: "r-0",
          target: "retention.fridge",
          targetId: "fridge-404"
        })
        const bulk = yield* Effect.flip(ReadingRepository.use((r) =>
          r.insertMany([reading("r-1", fridge.id, 1), reading("r-2", "fridge-404", 2), reading("r-3", fridge.id, 3)])
        ))
        hasFields(bulk, { _tag: "ReferenceError", code: "storage.missingReference", id: "r-2", targetId: "fridge-404" })
        assert.strictEqual(yield* ReadingRepository.use((r) => r.count(schoolId)), 0, "nothing of a refused bulk write is kept")
        // inside one unit of work, a refused write is undone alone and the others commit
        yield* UnitOfWork.use((u) =>
          u.transaction(Effect.gen(function*() {
            const refused = yield* Effect.flip(SampleRepository.use((r) => r.insert(sample("s-bad", "fridge-404"))))
            hasFields(refused, { _tag: "ReferenceError", code: "storage.missingReference", path: ["fridgeId"] })
            yield* SampleRepository.use((r) => r.insert(sample("s-1", fridge.id)))
            yield* ReadingRepository.use((r) => r.insertMany([reading("r-4", fridge.id, 4), reading("r-5", fridge.id, 5)]))
          }))
        )
        assert.deepStrictEqual((yield* SampleRepository.use((r) => r.list(schoolId))).map((x) => x.id), ["s-1"])
        assert.strictEqual(yield* ReadingRepository.use((r) => r.count(schoolId)), 2)
        // moving a sample into a fridge that does not exist is refused too
        const s1 = yield* SampleRepository.use((r) => r.get(schoolId, "s-1"))
        hasFields(yield* Effect.flip(SampleRepository.use((r) => r.update({ ...s1, fridgeId: "fridge-404" as Sample["fridgeId"] }))), {
          _tag: "ReferenceError",
          code: "storage.missingReference",
          path: ["fridgeId"]
        })
        // a fridge still named stays; once nothing names it, it can go
        const used = yield* Effect.flip(FridgeRepository.use((r) => r.remove(fridge)))
        hasFields(used, { _tag: "ReferenceError", code: "storage.referenced", aggregate: "retention.fridge", id: "fridge-a", path: ["id"] })
        // which record is named first is the backend's choice; that it is one of them is not
        assert.include(["retention.sample", "retention.reading"], (used as { target: string }).target)
        assert.strictEqual((yield* FridgeRepository.use((r) => r.get(schoolId, "fridge-a"))).version, 1)
        yield* SampleRepository.use((r) => r.remove(s1))
        for (const x of yield* ReadingRepository.use((r) => r.list(schoolId))) yield* ReadingRepository.use((r) => r.remove(x))
        yield* FridgeRepository.use((r) => r.remove(fridge))
        assert.strictEqual(yield* FridgeRepository.use((r) => r.count(schoolId)), 0)
      })
    },
    {
      name: "text order: names sort and range by Unicode code point — no locale, no accent or width folding, trailing spaces count",
      run: Effect.gen(function*() {
        const schoolId = "conf-ret-text-order"
        // code points: Z 5A, a 61, "a " 61 20, e+◌́ 65 301, z 7A, é E9, 中 4E2D, U+E000, （ FF08, ａ FF41, 😀 1F600, 𠀀 20000
        const names = ["𠀀", "（", "z", "中", "a ", "😀", "é", "\uE000", "Z", "ａ", "e\u0301", "a"]
        const expected = ["Z", "a", "a ", "e\u0301", "z", "é", "中", "\uE000", "（", "ａ", "😀", "𠀀"]
        const fridges = names.map((name, i) => ({ schoolId, id: `fridge-${String(i).padStart(2, "0")}`, version: 0, name, dedicated: true, active: true }) as Fridge)
        const stored = yield* FridgeRepository.use((r) => r.insertMany(fridges))
        const byName = new Map(fridges.map((f) => [f.name, f.id]))
        const ids = (list: ReadonlyArray<Fridge>) => list.map((f) => f.id)
        assert.deepStrictEqual(ids(yield* FridgeRepository.use((r) => r.list(schoolId, { orderBy: "name" }))), expected.map((n) => byName.get(n)))
        const queries: Array<Query> = [
          { orderBy: "name" },
          { orderBy: "name", direction: "desc", limit: 4 },
          { range: { field: "name", from: "a", to: "（" } },
          { range: { field: "name", from: "\uE000" } },
          { where: { name: "é" } },
          { where: { name: ["a", "ａ"] }, orderBy: "name" }
        ]
        for (const q of queries) {
          assert.deepStrictEqual(ids(yield* FridgeRepository.use((r) => r.list(schoolId, q))), ids(applyQuery(FridgeSpec, stored, q)), JSON.stringify(q))
        }
        assert.deepStrictEqual(ids(yield* FridgeRepository.use((r) => r.list(schoolId, { range: { field: "name", from: "a", to: "（" } }))), ["a", "a ", "e\u0301", "z", "é", "中", "\uE000"].map((n) => byName.get(n)))
        assert.deepStrictEqual(ids(yield* FridgeRepository.use((r) => r.list(schoolId, { where: { name: "é" } }))), [byName.get("é")], "é and e + U+0301 are different text")
      })
    },
    {
      name: "concurrency: two people disposing of one sample at once — one succeeds, the other gets a conflict",
      run: Effect.gen(function*() {
        const schoolId = "conf-ret-race"
        yield* setUp(schoolId)
        yield* recordSamples({ schoolId, actor, samples: lunchSamples() })
        const results = yield* Effect.all([
          Effect.exit(recordDisposal({ schoolId, actor: "staff-2", at: "2026-03-18T12:00+08:00", by: "staff-2", samples: [{ id: "s-1", version: 1 }] })),
          Effect.exit(recordDisposal({ schoolId, actor: "staff-3", at: "2026-03-18T12:05+08:00", by: "staff-3", samples: [{ id: "s-1", version: 1 }] }))
        ], { concurrency: 2 })
        assert.strictEqual(results.filter(Exit.isSuccess).length, 1)
        const sample = yield* SampleRepository.use((r) => r.get(schoolId, "s-1"))
        assert.strictEqual(sample.version, 2)
        const winner = results.findIndex(Exit.isSuccess)
        assert.strictEqual(sample.disposal?.by, winner === 0 ? "staff-2" : "staff-3")
      })
    }
  ]
}
