/**
 * The retention commands: register and change fridges, record samples, review them, dispose of
 * them, and record temperature readings. Each validates its input (a typed error with the field's
 * path before anything is written), reads through the repository services and writes through one
 * unit of work with one audit entry (`Command.make`).
 *
 * A disposal before the earliest disposal time is recorded, not refused: the register must say
 * what happened. The command returns the `retention.minHours` finding with it, and every later
 * evaluation reports it.
 *
 * @since 0.1.0
 */
import { Effect, Option, Schema } from "effect"
import { NotFoundError, ValidationError } from "../kernel/Errors.ts"
import type { Finding } from "../kernel/Finding.ts"
import * as Id from "../kernel/Id.ts"
import { StaffId } from "../kernel/People.ts"
import type { Path } from "../kernel/Errors.ts"
import { InstantSchema } from "../kernel/Time.ts"
import * as Command from "../ports/Command.ts"
import { FridgeRepository, ReadingRepository, SampleRepository, SampleSpec } from "../ports/retention.ts"
import { earliestDisposalAt } from "./disposalSchedule.ts"
import {
  AlreadyDisposedError,
  DisposalBeforeTakenError,
  RetiredFridgeError,
  ReviewerIsTakerError,
  SampleHandedOverError,
  SampleNotHeldError,
  SampleOnHoldError,
  UnknownFridgeError
} from "./errors.ts"
import * as Findings from "./findings.ts"
import type { Fridge as FridgeType, Hold as HoldType, Reading as ReadingType, Sample as SampleType } from "./model.ts"
import { Celsius, FridgeId, HoldOutcome, MealId, MealKind, SampleId, sampleFields } from "./model.ts"
import { zoneOf } from "../ports/School.ts"
import { policyOf, staffOf } from "./queries.ts"
import type { Zone } from "../kernel/Time.ts"
import { formatInstant, formatLocal } from "../kernel/Time.ts"
import { LocalDateSchema } from "../kernel/LocalDate.ts"

const Name = Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(200))
const NonEmpty = <S extends Schema.Top>(item: S) => Schema.Array(item).check(Schema.isMinLength(1))

// an unknown staff member is the kernel's NotFoundError (`kernel.staff`), as in every module
const checkStaff = (staff: Option.Option<ReadonlySet<string>>, id: string | undefined, path: Path) =>
  id !== undefined && Option.isSome(staff) && !staff.value.has(id)
    ? Effect.fail(NotFoundError.create("kernel.staff", "", id, path))
    : Effect.void

// a sample on hold, or handed over to the authority, is not the school's to dispose of or hold
const checkInKeeping = (sample: SampleType, path: Path, zone: Zone) => {
  const hold = sample.hold
  if (hold === undefined) return Effect.void
  const release = hold.release
  if (release === undefined) {
    return Effect.fail(SampleOnHoldError.create({ sampleId: sample.id, heldAt: formatInstant(hold.at), orderedBy: hold.orderedBy, path, zone }))
  }
  if (release.outcome === "handedOver") {
    return Effect.fail(SampleHandedOverError.create({ sampleId: sample.id, handedOverAt: formatInstant(release.at), to: release.to ?? "", path, zone }))
  }
  return Effect.void
}

/**
 * Registers a sample refrigerator (留样柜).
 *
 * @since 0.1.0
 * @category commands
 */
export const registerFridge = Command.make({
  name: "retention.registerFridge",
  input: Schema.Struct({
    ...Command.contextFields,
    fridge: Schema.Struct({
      id: Schema.optionalKey(FridgeId),
      name: Name,
      location: Schema.optionalKey(Name),
      dedicated: Schema.Boolean
    })
  }),
  run: (input) =>
    Effect.gen(function*() {
      const repo = yield* FridgeRepository
      const id = input.fridge.id ?? (yield* Id.next) as FridgeId
      const fridge: FridgeType = {
        schoolId: input.schoolId,
        id,
        version: 0,
        name: input.fridge.name,
        ...(input.fridge.location === undefined ? {} : { location: input.fridge.location }),
        dedicated: input.fridge.dedicated,
        active: true
      }
      return yield* repo.insert(fridge)
    })
})

/**
 * Changes a fridge's name, location or dedication, or retires it (`active: false`). `version` is
 * the version read.
 *
 * @since 0.1.0
 * @category commands
 */
export const updateFridge = Command.make({
  name: "retention.updateFridge",
  input: Schema.Struct({
    ...Command.contextFields,
    fridgeId: FridgeId,
    version: Schema.Int,
    name: Schema.optionalKey(Name),
    location: Schema.optionalKey(Name),
    dedicated: Schema.optionalKey(Schema.Boolean),
    active: Schema.optionalKey(Schema.Boolean)
  }),
  run: (input) =>
    Effect.gen(function*() {
      const repo = yield* FridgeRepository
      const current = yield* repo.find(input.schoolId, input.fridgeId)
      if (Option.isNone(current)) return yield* UnknownFridgeError.create(input.fridgeId, ["fridgeId"])
      return yield* repo.update({
        ...current.value,
        version: input.version,
        ...(input.name === undefined ? {} : { name: input.name }),
        ...(input.location === undefined ? {} : { location: input.location }),
        ...(input.dedicated === undefined ? {} : { dedicated: input.dedicated }),
        ...(input.active === undefined ? {} : { active: input.active })
      })
    })
})

/**
 * The input of one sample: the register's fields, with an optional id (one is made otherwise).
 *
 * @since 0.1.0
 * @category schemas
 */
export const SampleInput = Schema.Struct({ id: Schema.optionalKey(SampleId), ...sampleFields })

/**
 * Records the samples of a meal (or any samples): each must go into a registered fridge in use;
 * a reviewer must be another person than the taker when the pack requires it; takers and
 * reviewers must be staff of the school's organisation when it is recorded.
 *
 * @since 0.1.0
 * @category commands
 */
export const recordSamples = Command.make({
  name: "retention.recordSamples",
  input: Schema.Struct({ ...Command.contextFields, samples: NonEmpty(SampleInput) }),
  run: (input) =>
    Effect.gen(function*() {
      const policy = yield* policyOf(input.schoolId)
      const fridges = yield* FridgeRepository
      const repo = yield* SampleRepository
      const staff = yield* staffOf(input.schoolId)
      const checked = new Map<string, FridgeType>()
      const samples: Array<SampleType> = []
      for (let i = 0; i < input.samples.length; i++) {
        const { id, ...fields } = input.samples[i]!
        const path = ["samples", i]
        let fridge = checked.get(fields.fridgeId)
        if (fridge === undefined) {
          const found = yield* fridges.find(input.schoolId, fields.fridgeId)
          if (Option.isNone(found)) return yield* UnknownFridgeError.create(fields.fridgeId, [...path, "fridgeId"])
          fridge = found.value
          checked.set(fridge.id, fridge)
        }
        if (!fridge.active) return yield* RetiredFridgeError.create(fridge.id, [...path, "fridgeId"])
        if (policy.reviewerNotTaker && fields.reviewerId !== undefined && fields.reviewerId === fields.takerId) {
          return yield* ReviewerIsTakerError.create(fields.reviewerId, [...path, "reviewerId"])
        }
        yield* checkStaff(staff, fields.takerId, [...path, "takerId"])
        yield* checkStaff(staff, fields.reviewerId, [...path, "reviewerId"])
        samples.push({ schoolId: input.schoolId, id: id ?? (yield* Id.next) as SampleId, version: 0, ...fields })
      }
      const stored: Array<SampleType> = []
      for (const s of samples) stored.push(yield* repo.insert(s))
      return stored
    })
})

/**
 * The reviewer (审核人) signs a sample: `version` is the version read.
 *
 * @since 0.1.0
 * @category commands
 */
export const reviewSample = Command.make({
  name: "retention.reviewSample",
  input: Schema.Struct({ ...Command.contextFields, sampleId: SampleId, version: Schema.Int, reviewerId: StaffId }),
  run: (input) =>
    Effect.gen(function*() {
      const policy = yield* policyOf(input.schoolId)
      const repo = yield* SampleRepository
      const found = yield* repo.find(input.schoolId, input.sampleId)
      if (Option.isNone(found)) return yield* NotFoundError.create(SampleSpec.name, input.schoolId, input.sampleId, ["sampleId"])
      const sample = found.value
      if (policy.reviewerNotTaker && input.reviewerId === sample.takerId) {
        return yield* ReviewerIsTakerError.create(input.reviewerId, ["reviewerId"])
      }
      yield* checkStaff(yield* staffOf(input.schoolId), input.reviewerId, ["reviewerId"])
      return yield* repo.update({ ...sample, version: input.version, reviewerId: input.reviewerId })
    })
})

/**
 * What {@link recordDisposal} returns: the disposed samples and, for any disposed of before their
 * earliest disposal time, the `retention.minHours` findings.
 *
 * @since 0.1.0
 * @category models
 */
export interface DisposalResult {
  readonly samples: ReadonlyArray<SampleType>
  readonly findings: ReadonlyArray<Finding>
}

/** a sample named in a command, or the NotFoundError at its path */
const sampleAt = (schoolId: string, id: string, path: ReadonlyArray<string | number>) =>
  Effect.flatMap(SampleRepository.use((r) => r.find(schoolId, id)), (found) =>
    Option.isSome(found) ? Effect.succeed(found.value) : Effect.fail(NotFoundError.create(SampleSpec.name, schoolId, id, path)))

/**
 * Records the disposal (销毁) of samples at one time by one person. Each sample is named with the
 * version read; a sample already disposed of, on hold (封存: `retention.sampleOnHold`), handed over
 * to the authority, or disposed of before it was taken, is refused.
 *
 * @since 0.1.0
 * @category commands
 */
export const recordDisposal = Command.make({
  name: "retention.recordDisposal",
  input: Schema.Struct({
    ...Command.contextFields,
    at: InstantSchema,
    by: StaffId,
    witnessId: Schema.optionalKey(StaffId),
    note: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(1000))),
    samples: NonEmpty(Schema.Struct({ id: SampleId, version: Schema.Int }))
  }),
  run: (input) =>
    Effect.gen(function*() {
      const policy = yield* policyOf(input.schoolId)
      const zone = yield* zoneOf(input.schoolId)
      const repo = yield* SampleRepository
      const staff = yield* staffOf(input.schoolId)
      yield* checkStaff(staff, input.by, ["by"])
      yield* checkStaff(staff, input.witnessId, ["witnessId"])
      const disposal = {
        at: input.at,
        by: input.by,
        ...(input.witnessId === undefined ? {} : { witnessId: input.witnessId }),
        ...(input.note === undefined ? {} : { note: input.note })
      }
      const changed: Array<SampleType> = []
      for (let i = 0; i < input.samples.length; i++) {
        const { id, version } = input.samples[i]!
        const sample = yield* sampleAt(input.schoolId, id, ["samples", i, "id"])
        if (sample.disposal !== undefined) {
          return yield* AlreadyDisposedError.create(id, formatInstant(sample.disposal.at), ["samples", i, "id"], zone)
        }
        yield* checkInKeeping(sample, ["samples", i, "id"], zone)
        if (input.at.epochMilliseconds < sample.takenAt.epochMilliseconds) {
          return yield* DisposalBeforeTakenError.create({
            sampleId: id,
            takenAt: formatInstant(sample.takenAt),
            disposedAt: formatInstant(input.at),
            path: ["at"],
            zone
          })
        }
        changed.push({ ...sample, version, disposal })
      }
      const samples: Array<SampleType> = []
      const findings: Array<Finding> = []
      for (const s of changed) {
        samples.push(yield* repo.update(s))
        const earliest = earliestDisposalAt(policy, s)
        if (input.at.epochMilliseconds < earliest.epochMilliseconds) {
          findings.push(Findings.disposedEarly(s, input.at, earliest, policy, zone))
        }
      }
      return { samples, findings } satisfies DisposalResult
    })
})

const Note = Schema.String.check(Schema.isMaxLength(1000))
const SampleRef = Schema.Struct({ id: SampleId, version: Schema.Int })

/**
 * What {@link holdSamples} returns: the samples put on hold and, when they were chosen by meal or
 * service date, those of the choice that were not — already disposed of (they cannot be handed
 * to the authority: a report must say so), already on hold, or handed over.
 *
 * @since 0.1.0
 * @category models
 */
export interface HoldResult {
  readonly samples: ReadonlyArray<SampleType>
  readonly alreadyDisposed: ReadonlyArray<SampleType>
  readonly alreadyHeld: ReadonlyArray<SampleType>
}

/**
 * Puts samples on hold (封存) when food poisoning or an outbreak is suspected: they are kept past
 * their normal disposal, whatever their age, until the hold is released ({@link releaseHold}).
 * The samples are named by id with the version read (`samples`), or chosen by meal (`mealIds`) or
 * by service date (`serviceDate`, optionally one `meal` of it) — exactly one of the three. Named
 * samples that are disposed of, on hold or handed over are refused; chosen ones are left out and
 * listed in the result. A hold records who recorded it (`by`, staff), who ordered it (`orderedBy`:
 * the head, the health or market regulator), why, and an optional reference. A sample whose hold
 * was lifted may be held again: the audit log keeps the earlier hold.
 *
 * @since 0.1.0
 * @category commands
 */
export const holdSamples = Command.make({
  name: "retention.holdSamples",
  input: Schema.Struct({
    ...Command.contextFields,
    at: InstantSchema,
    by: StaffId,
    orderedBy: Name,
    reason: Note.check(Schema.isMinLength(1)),
    reference: Schema.optionalKey(Name),
    samples: Schema.optionalKey(NonEmpty(SampleRef)),
    mealIds: Schema.optionalKey(NonEmpty(MealId)),
    serviceDate: Schema.optionalKey(LocalDateSchema),
    meal: Schema.optionalKey(MealKind)
  }),
  run: (input) =>
    Effect.gen(function*() {
      const chosen = [input.samples, input.mealIds, input.serviceDate].filter((x) => x !== undefined).length
      if (chosen !== 1) {
        return yield* ValidationError.at(
          [],
          { zh: "请指定留样编号、餐次或供餐日期中的一项", en: "name exactly one of samples, mealIds or serviceDate" },
          "retention.holdSelection"
        )
      }
      if (input.meal !== undefined && input.serviceDate === undefined) {
        return yield* ValidationError.at(["meal"], { zh: "餐次须与供餐日期一起指定", en: "meal is given only with serviceDate" }, "retention.holdSelection")
      }
      const zone = yield* zoneOf(input.schoolId)
      const repo = yield* SampleRepository
      const staff = yield* staffOf(input.schoolId)
      yield* checkStaff(staff, input.by, ["by"])
      const hold: HoldType = {
        at: input.at,
        by: input.by,
        orderedBy: input.orderedBy,
        reason: input.reason,
        ...(input.reference === undefined ? {} : { reference: input.reference })
      }
      const changed: Array<SampleType> = []
      const alreadyDisposed: Array<SampleType> = []
      const alreadyHeld: Array<SampleType> = []
      // a hold is put on samples already taken
      const takenAfter = (sample: SampleType) =>
        sample.takenAt.epochMilliseconds > input.at.epochMilliseconds
          ? ValidationError.at(["at"], {
            zh: `封存时间 ${formatLocal(input.at, zone)} 早于留样 ${sample.id} 的留样时间 ${formatLocal(sample.takenAt, zone)}`,
            en: `the hold (${formatLocal(input.at, zone, "en")}) is dated before sample ${sample.id} was taken (${formatLocal(sample.takenAt, zone, "en")})`
          }, "retention.holdBeforeSample")
          : undefined
      if (input.samples !== undefined) {
        for (let i = 0; i < input.samples.length; i++) {
          const { id, version } = input.samples[i]!
          const path = ["samples", i, "id"]
          const sample = yield* sampleAt(input.schoolId, id, path)
          if (sample.disposal !== undefined) {
            return yield* AlreadyDisposedError.create(id, formatInstant(sample.disposal.at), path, zone)
          }
          yield* checkInKeeping(sample, path, zone)
          const early = takenAfter(sample)
          if (early !== undefined) return yield* early
          changed.push({ ...sample, version, hold })
        }
      } else {
        const where = input.mealIds !== undefined
          ? { mealId: input.mealIds }
          : { serviceDate: input.serviceDate!, ...(input.meal === undefined ? {} : { meal: input.meal }) }
        const found = yield* repo.list(input.schoolId, { where, orderBy: "takenAt" })
        for (const sample of found) {
          if (sample.disposal !== undefined) alreadyDisposed.push(sample)
          else if (sample.hold !== undefined && (sample.hold.release === undefined || sample.hold.release.outcome === "handedOver")) {
            alreadyHeld.push(sample)
          } else {
            const early = takenAfter(sample)
            if (early !== undefined) return yield* early
            changed.push({ ...sample, hold })
          }
        }
        if (changed.length === 0) {
          const path = input.mealIds !== undefined ? ["mealIds"] : ["serviceDate"]
          return yield* ValidationError.at(
            path,
            { zh: `没有可封存的留样（已销毁 ${alreadyDisposed.length} 份，已封存 ${alreadyHeld.length} 份）`, en: `no sample to hold (${alreadyDisposed.length} disposed of, ${alreadyHeld.length} already on hold)` },
            "retention.noSamplesToHold"
          )
        }
      }
      const samples: Array<SampleType> = []
      for (const s of changed) samples.push(yield* repo.update(s))
      return { samples, alreadyDisposed, alreadyHeld } satisfies HoldResult
    })
})

/**
 * Releases the hold (解除封存) on samples once the authority has decided: `handedOver` (to whom,
 * `to`, is required: the samples leave the school's fridge), `disposed` (the sample's disposal is
 * recorded with the release, at the same instant by the same person) or `lifted` (the samples return
 * to the normal schedule). Each sample is named with the version read; one not on hold is refused
 * (`retention.sampleNotHeld`), and so is a release dated before the hold.
 *
 * @since 0.1.0
 * @category commands
 */
export const releaseHold = Command.make({
  name: "retention.releaseHold",
  input: Schema.Struct({
    ...Command.contextFields,
    at: InstantSchema,
    by: StaffId,
    outcome: HoldOutcome,
    to: Schema.optionalKey(Name),
    decision: Schema.optionalKey(Note),
    witnessId: Schema.optionalKey(StaffId),
    samples: NonEmpty(SampleRef)
  }),
  run: (input) =>
    Effect.gen(function*() {
      if (input.outcome === "handedOver" && input.to === undefined) {
        return yield* ValidationError.at(["to"], { zh: "移交留样须写明接收单位或人员", en: "a hand-over names who received the samples" }, "retention.handedOverTo")
      }
      const repo = yield* SampleRepository
      const staff = yield* staffOf(input.schoolId)
      yield* checkStaff(staff, input.by, ["by"])
      yield* checkStaff(staff, input.witnessId, ["witnessId"])
      const release = {
        at: input.at,
        by: input.by,
        outcome: input.outcome,
        ...(input.to === undefined ? {} : { to: input.to }),
        ...(input.decision === undefined ? {} : { decision: input.decision })
      }
      const changed: Array<SampleType> = []
      for (let i = 0; i < input.samples.length; i++) {
        const { id, version } = input.samples[i]!
        const path = ["samples", i, "id"]
        const sample = yield* sampleAt(input.schoolId, id, path)
        const hold = sample.hold
        if (hold === undefined || hold.release !== undefined || sample.disposal !== undefined) {
          return yield* SampleNotHeldError.create(id, path)
        }
        if (input.at.epochMilliseconds < hold.at.epochMilliseconds) {
          return yield* ValidationError.at(["at"], { zh: "解除封存时间早于封存时间", en: "the release is dated before the hold" }, "retention.releaseBeforeHold")
        }
        const disposal = input.outcome === "disposed"
          ? {
            disposal: {
              at: input.at,
              by: input.by,
              ...(input.witnessId === undefined ? {} : { witnessId: input.witnessId }),
              ...(input.decision === undefined ? {} : { note: input.decision })
            }
          }
          : {}
        changed.push({ ...sample, version, hold: { ...hold, release }, ...disposal })
      }
      const samples: Array<SampleType> = []
      for (const s of changed) samples.push(yield* repo.update(s))
      return samples
    })
})

/**
 * The input of one temperature reading.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ReadingInput = Schema.Struct({
  fridgeId: FridgeId,
  at: InstantSchema,
  celsius: Celsius,
  recordedBy: Schema.optionalKey(StaffId)
})

/**
 * Records temperature readings of the school's fridges (a logger's upload or a day's manual log)
 * as one bulk write: one audit entry with the rows' count and hash. Every reading must name a
 * registered fridge.
 *
 * @since 0.1.0
 * @category commands
 */
export const recordReadings = Command.make({
  name: "retention.recordReadings",
  bulk: "readings",
  input: Schema.Struct({ ...Command.contextFields, readings: NonEmpty(ReadingInput) }),
  run: (input) =>
    Effect.gen(function*() {
      const fridges = yield* FridgeRepository
      const repo = yield* ReadingRepository
      const known = new Set<string>((yield* fridges.list(input.schoolId)).map((f) => f.id))
      const rows: Array<ReadingType> = []
      for (let i = 0; i < input.readings.length; i++) {
        const r = input.readings[i]!
        if (!known.has(r.fridgeId)) return yield* UnknownFridgeError.create(r.fridgeId, ["readings", i, "fridgeId"])
        rows.push({ schoolId: input.schoolId, id: (yield* Id.next) as ReadingType["id"], version: 0, ...r })
      }
      return yield* repo.insertMany(rows)
    })
})
