/**
 * The retention queries over storage: the school's policy and zone, the compliance evaluation of a
 * period (streaming each fridge's readings page by page, never all of them at once), the disposal
 * schedule and the register.
 *
 * @since 0.1.0
 */
import { Effect, Option, Schema } from "effect"
import * as Decode from "../kernel/Decode.ts"
import type { RulePackError } from "../kernel/Errors.ts"
import { ValidationError } from "../kernel/Errors.ts"
import * as LD from "../kernel/LocalDate.ts"
import type { LocalDate } from "../kernel/LocalDate.ts"
import { LocalDateSchema } from "../kernel/LocalDate.ts"
import { SchoolId } from "../kernel/People.ts"
import type { Instant } from "../kernel/Time.ts"
import { InstantSchema, now } from "../kernel/Time.ts"
import { Rules, sectionOf } from "../packs/RulePack.ts"
import { OrganisationRepository } from "../ports/people.ts"
import { zoneOf } from "../ports/School.ts"
import { FridgeRepository, ReadingRepository, SampleRepository } from "../ports/retention.ts"
import { UnknownFridgeError } from "./errors.ts"
import { FridgeId } from "./model.ts"
import type { TemperatureLog } from "./temperatureLog.ts"
import { temperatureLogger } from "./temperatureLog.ts"
import type { StorageError } from "../kernel/Errors.ts"
import type { Evaluator } from "./compliance.ts"
import { evaluator } from "./compliance.ts"
import type { Schedule } from "./disposalSchedule.ts"
import { schedule as scheduleOf } from "./disposalSchedule.ts"
import type { RegisterRow } from "./register.ts"
import { registerRows } from "./register.ts"
import { ServedMeal } from "./model.ts"
import { servedMeals } from "../canteen/queries.ts"
import type { Reading, Sample } from "./model.ts"
import type { RetentionRules } from "./rules.ts"
import { Establishment } from "./rules.ts"

/**
 * The retention rules in force for a school (its pack's `retention` section).
 *
 * @since 0.1.0
 * @category queries
 */
export const policyOf = (schoolId: string, on?: LocalDate): Effect.Effect<RetentionRules, RulePackError, Rules> =>
  Effect.gen(function*() {
    const pack = yield* (yield* Rules).forSchool(schoolId, on)
    return yield* Effect.fromResult(sectionOf(pack, "retention"))
  })

/**
 * The ids of the school's staff, when its organisation is recorded.
 *
 * @since 0.1.0
 * @category queries
 */
export const staffOf = (schoolId: string): Effect.Effect<Option.Option<ReadonlySet<string>>, StorageError, OrganisationRepository> =>
  Effect.map(
    OrganisationRepository.use((r) => r.find(schoolId, schoolId)),
    Option.map((org) => new Set<string>(org.staff.map((s) => s.id)))
  )

const staffNames = (schoolId: string) =>
  Effect.map(
    OrganisationRepository.use((r) => r.find(schoolId, schoolId)),
    (org) => new Map<string, string>(Option.isSome(org) ? org.value.staff.map((s) => [s.id, s.name]) : [])
  )

const checkPeriod = <A extends { readonly from: LD.LocalDate; readonly to: LD.LocalDate }>(input: A) =>
  input.to < input.from
    ? Effect.fail(ValidationError.at(["to"], { zh: "结束日期早于开始日期", en: "the period ends before it starts" }, "retention.invalidPeriod"))
    : Effect.succeed(input)

const samplesOf = (schoolId: string, from: LD.LocalDate, to: LD.LocalDate) =>
  SampleRepository.use((r) => r.list(schoolId, { range: { field: "serviceDate", from, to: LD.addDays(to, 1) } }))

/**
 * The input of {@link evaluateSchool} and {@link schoolRegister}: the school, the period of service
 * dates (both ends included), and optionally the meals served in it (default: the meals the canteen
 * recorded, `Canteen.Queries.servedMeals`), the instant of the evaluation (default: now), the kind
 * of establishment (default `school`) and the page size of the reading stream.
 *
 * @since 0.1.0
 * @category schemas
 */
export const EvaluateInput = Schema.Struct({
  schoolId: SchoolId,
  from: LocalDateSchema,
  to: LocalDateSchema,
  meals: Schema.optionalKey(Schema.Array(ServedMeal)),
  asOf: Schema.optionalKey(InstantSchema),
  establishment: Schema.optionalKey(Establishment),
  pageSize: Schema.optionalKey(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 100_000 })))
})

const decodeEvaluate = Decode.decodeEffect(EvaluateInput)

/**
 * Where the next page of a fridge's readings starts: at the instant of the last reading handed on,
 * past the readings of that instant already handed on (a key, not an offset into the whole range:
 * a year of readings costs its pages, not the square of them).
 */
const nextPage = (page: ReadonlyArray<Reading>, edge: number | undefined, skip: number): { readonly edge: number; readonly skip: number } => {
  const last = page[page.length - 1]!.at.epochMilliseconds
  let atLast = 0
  for (let i = page.length - 1; i >= 0 && page[i]!.at.epochMilliseconds === last; i--) atLast++
  return { edge: last, skip: last === edge ? skip + atLast : atLast }
}

/**
 * A fridge's readings before an instant, back to the latest instant whose readings were all in
 * range (included), in time order: what a stream of its readings from that instant on needs to
 * know of the past (a breach open since, the last reading before).
 */
const readingsBack = (schoolId: string, fridgeId: string, before: number, pageSize: number, inRange: (c: number) => boolean) =>
  Effect.gen(function*() {
    const readings = yield* ReadingRepository
    const back: Array<Reading> = []
    let instant: number | undefined
    let allIn = true
    let edge: number | undefined
    let skip = 0
    for (;;) {
      const to = edge === undefined ? before : edge + 1
      const page = yield* readings.list(schoolId, { where: { fridgeId }, range: { field: "at", to }, direction: "desc", limit: pageSize, offset: skip })
      for (const r of page) {
        const t = r.at.epochMilliseconds
        if (t !== instant) {
          if (instant !== undefined && allIn) return back.reverse()
          instant = t
          allIn = true
        }
        allIn &&= inRange(r.celsius)
        back.push(r)
      }
      if (page.length < pageSize) return back.reverse()
      ;({ edge, skip } = nextPage(page, edge, skip))
    }
  })

/**
 * A fridge's readings in `[from, to)`, in time order, handed to `feed` a page at a time; with
 * `settle`, only up to the first instant whose readings were all in range (included).
 */
const readingsOn = <E, R>(
  schoolId: string,
  fridgeId: string,
  range: { readonly from: number; readonly to: number },
  pageSize: number,
  settle: ((c: number) => boolean) | undefined,
  feed: (rows: ReadonlyArray<Reading>) => Effect.Effect<void, E, R>
) =>
  Effect.gen(function*() {
    if (range.to <= range.from) return
    const readings = yield* ReadingRepository
    let instant: number | undefined
    let allIn = true
    let edge: number | undefined
    let skip = 0
    for (;;) {
      const from = edge ?? range.from
      const page = yield* readings.list(schoolId, { where: { fridgeId }, range: { field: "at", from, to: range.to }, limit: pageSize, offset: skip })
      if (settle !== undefined) {
        for (let i = 0; i < page.length; i++) {
          const r = page[i]!
          const t = r.at.epochMilliseconds
          if (t !== instant) {
            if (instant !== undefined && allIn) return yield* feed(page.slice(0, i))
            instant = t
            allIn = true
          }
          allIn &&= settle(r.celsius)
        }
      }
      yield* feed(page)
      if (page.length < pageSize) return
      ;({ edge, skip } = nextPage(page, edge, skip))
    }
  })

/**
 * Evaluates a school's samples of a period against its rules, with the meals given or, without
 * them, the meals the canteen recorded for the period (so a dish the canteen served and nobody
 * sampled is found). Each fridge's readings are read in time order, page by page, and streamed
 * through the evaluation: from the last instant before its first sample when the fridge was in
 * range, through the samples' holds, to the first instant after them when it was in range again —
 * never more than a page in memory.
 *
 * @since 0.1.0
 * @category queries
 */
export const evaluateSchool = Effect.fn("retention.evaluateSchool")(function*(raw: unknown) {
  const input = yield* Effect.flatMap(decodeEvaluate(raw), checkPeriod)
  const samples = yield* samplesOf(input.schoolId, input.from, input.to)
  return yield* evaluateDecoded(input, samples)
})

/**
 * Streams each fridge's readings through an evaluation: from the last instant before its holding
 * window when the fridge was in range, through the window, to the first instant after it when it
 * was in range again — never more than a page in memory.
 */
const streamReadings = (ev: Evaluator, schoolId: string, policy: RetentionRules, asOf: Instant, pageSize: number) =>
  Effect.gen(function*() {
    const { minC, maxC } = policy.temperature
    const inRange = (c: number) => c >= minC && c <= maxC
    const windows = [...ev.windows()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    const feed = (rows: ReadonlyArray<Reading>) => Effect.fromResult(ev.feed(rows))
    for (const [fridgeId, w] of windows) {
      // back from the window's start to the last instant whose readings were all in range: the
      // state (a breach open since, the last reading) carries over from there
      yield* Effect.flatMap(readingsBack(schoolId, fridgeId, w.from, pageSize, inRange), feed)
      // the window, then on to the first instant after it whose readings were all in range: a breach
      // open at the window's end is read to its end, a gap to the next reading
      const end = asOf.epochMilliseconds + 1
      yield* readingsOn(schoolId, fridgeId, { from: w.from, to: Math.min(w.to + 1, end) }, pageSize, undefined, feed)
      yield* readingsOn(schoolId, fridgeId, { from: w.to + 1, to: end }, pageSize, inRange, feed)
    }
  })

const evaluateDecoded = (input: typeof EvaluateInput.Type, samples: ReadonlyArray<Sample>) => Effect.gen(function*() {
  const { schoolId } = input
  // a period is held to the pack in force on its last day
  const policy = yield* policyOf(schoolId, input.to)
  const zone = yield* zoneOf(schoolId)
  const asOf = input.asOf ?? (yield* now)
  const fridges = yield* (yield* FridgeRepository).list(schoolId)
  const meals = input.meals ?? (yield* servedMeals(schoolId, input.from, input.to))
  const ev = yield* Effect.fromResult(evaluator({
    policy,
    zone,
    asOf,
    ...(input.establishment === undefined ? {} : { establishment: input.establishment }),
    period: { from: input.from, to: input.to },
    fridges,
    meals,
    samples,
    staff: yield* staffNames(schoolId)
  }))
  yield* streamReadings(ev, schoolId, policy, asOf, input.pageSize ?? 5_000)
  return yield* Effect.fromResult(ev.finish())
})

/**
 * The input of {@link schoolSchedule}: the school, the instant (default: now) and the page size of
 * the reading stream.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ScheduleInput = Schema.Struct({
  schoolId: SchoolId,
  at: Schema.optionalKey(InstantSchema),
  pageSize: Schema.optionalKey(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 100_000 })))
})

/**
 * The disposal schedule of a school at an instant (default: now): the samples it still keeps,
 * those it must keep longer, those it may now dispose of and those on hold (封存), with their
 * earliest disposal times. The samples' storage is evaluated as of that instant (their fridges'
 * readings streamed page by page, as {@link evaluateSchool} does): each entry whose fridge was out
 * of range while it held the sample is marked `storageBreached`, with the findings.
 *
 * @since 0.1.0
 * @category queries
 */
export const schoolSchedule = Effect.fn("retention.schoolSchedule")(function*(raw: unknown) {
  const input = yield* Decode.decodeEffect(ScheduleInput)(raw)
  const policy = yield* policyOf(input.schoolId)
  const at = input.at ?? (yield* now)
  const repo = yield* SampleRepository
  const kept = yield* repo.list(input.schoolId, { where: { disposed: false }, range: { field: "takenAt", to: at.epochMilliseconds + 1 } })
  // samples disposed of after `at` were still kept then
  const later = yield* repo.list(input.schoolId, {
    where: { disposed: true },
    range: { field: "disposedAt", from: at.epochMilliseconds + 1 }
  })
  const notYet: Array<Sample> = later.map((s) => {
    const { disposal: _d, ...rest } = s
    return rest
  })
  const samples = [...kept, ...notYet]
  // the storage of the samples, as of `at`: a breach while the fridge held one marks it
  const ev = yield* Effect.fromResult(evaluator({
    policy,
    zone: yield* zoneOf(input.schoolId),
    asOf: at,
    fridges: yield* (yield* FridgeRepository).list(input.schoolId),
    meals: [],
    samples
  }))
  yield* streamReadings(ev, input.schoolId, policy, at, input.pageSize ?? 5_000)
  const { findings } = yield* Effect.fromResult(ev.finish())
  return scheduleOf(policy, samples, at, { findings }) satisfies Schedule
})

/**
 * The retention register (留样记录表) of a period (service dates, both ends included), with staff
 * and fridge names and its 问题 column filled: the period is evaluated as {@link evaluateSchool}
 * does (the same input: the meals given, else the canteen's), and each row lists the rules its
 * sample has findings of, with the worst severity.
 *
 * @since 0.1.0
 * @category queries
 */
export const schoolRegister = Effect.fn("retention.schoolRegister")(function*(raw: unknown) {
  const input = yield* Effect.flatMap(decodeEvaluate(raw), checkPeriod)
  const policy = yield* policyOf(input.schoolId, input.to)
  const zone = yield* zoneOf(input.schoolId)
  const fridges = yield* (yield* FridgeRepository).list(input.schoolId)
  const samples = yield* samplesOf(input.schoolId, input.from, input.to)
  const staff = yield* staffNames(input.schoolId)
  const evaluation = yield* evaluateDecoded(input, samples)
  return registerRows(samples, { policy, zone, fridges, staff, findings: evaluation.findings }) satisfies Array<RegisterRow>
})

/**
 * The school's sample refrigerators.
 *
 * @since 0.1.0
 * @category queries
 */
export const fridges = (schoolId: string) => FridgeRepository.use((r) => r.list(schoolId))

/**
 * One sample (a `NotFoundError` when there is none).
 *
 * @since 0.1.0
 * @category queries
 */
export const sample = (schoolId: string, sampleId: string) => SampleRepository.use((r) => r.get(schoolId, sampleId))

/**
 * The input of {@link temperatureLog}: the school, the fridge, the period of local dates (both
 * included), and optionally the instant the log is made at (default: now), whether to list every
 * reading, and the page size of the reading stream.
 *
 * @since 0.1.0
 * @category schemas
 */
export const TemperatureLogInput = Schema.Struct({
  schoolId: SchoolId,
  fridgeId: FridgeId,
  from: LocalDateSchema,
  to: LocalDateSchema,
  asOf: Schema.optionalKey(InstantSchema),
  entries: Schema.optionalKey(Schema.Boolean),
  pageSize: Schema.optionalKey(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 100_000 })))
})

const decodeTemperatureLog = Decode.decodeEffect(TemperatureLogInput)

/**
 * A fridge's temperature log (留样柜温度记录) over a period, under the school's rules and in its
 * zone: the days, the breaches and gaps that touch the period — read back before it to an instant
 * when the fridge was in range, and on after it to the next such instant (up to `asOf`), so that
 * they have their true ends — and, with `entries`, every reading. Readings are streamed page by
 * page; only the entries, when asked for, are held.
 *
 * @since 0.1.0
 * @category queries
 */
export const temperatureLog = Effect.fn("retention.temperatureLog")(function*(raw: unknown) {
  const input = yield* Effect.flatMap(decodeTemperatureLog(raw), checkPeriod)
  const { schoolId, fridgeId } = input
  const fridge = yield* FridgeRepository.use((r) => r.find(schoolId, fridgeId))
  if (Option.isNone(fridge)) return yield* Effect.fail(UnknownFridgeError.create(fridgeId, ["fridgeId"]))
  const policy = yield* policyOf(schoolId, input.to)
  const zone = yield* zoneOf(schoolId)
  const asOf = input.asOf ?? (yield* now)
  const log = yield* Effect.fromResult(temperatureLogger({
    fridge: { id: fridgeId, name: fridge.value.name },
    policy,
    zone,
    period: { from: input.from, to: input.to },
    asOf,
    entries: input.entries === true
  }))
  const pageSize = input.pageSize ?? 5_000
  const { minC, maxC } = policy.temperature
  const inRange = (c: number) => c >= minC && c <= maxC
  const feed = (rows: ReadonlyArray<Reading>) => Effect.fromResult(log.feed(rows))
  yield* Effect.flatMap(readingsBack(schoolId, fridgeId, log.start, pageSize, inRange), feed)
  yield* readingsOn(schoolId, fridgeId, { from: log.start, to: log.end }, pageSize, undefined, feed)
  yield* readingsOn(schoolId, fridgeId, { from: log.end, to: asOf.epochMilliseconds + 1 }, pageSize, inRange, feed)
  return log.finish() satisfies TemperatureLog
})
