/**
 * The health module's aggregates, as schemas:
 *
 * - a **screening session** (体检/视力筛查批次): which classes are measured, when, open or closed;
 * - a **measurement**: one child's height, weight, circumferences, skinfolds and vision on a date,
 *   usually within a session; the child's sex, birth date and class are copied from the student
 *   record at the time, so that the measurement keeps its meaning when the child changes class;
 * - a **daily check** (晨检/午检): one child's morning or noon check — present or absent and why,
 *   temperature, symptoms, a diagnosis when one is known — with the fever judgement and the
 *   actions the rules required at the time;
 * - a **medication log** (喂药登记): a parent's request (drug, dose, dates and times) and each dose
 *   given, by whom and to whom.
 *
 * Every aggregate carries `schoolId`, `id` and `version` (CONTRACTS.md).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { PositiveDecimal } from "../kernel/Decimal.ts"
import * as Id from "../kernel/Id.ts"
import { LocalDateSchema } from "../kernel/LocalDate.ts"
import { ClassId, SchoolId, Sex, StaffId, StudentId } from "../kernel/People.ts"
import { InstantSchema } from "../kernel/Time.ts"
import { CheckAction, Disease, Position, Symptom, TemperatureSite } from "./vocabulary.ts"

/** @since 0.1.0 @category schemas */
export const MeasurementId = Id.branded("MeasurementId")
/** @since 0.1.0 @category models */
export type MeasurementId = typeof MeasurementId.Type
/** @since 0.1.0 @category schemas */
export const ScreeningSessionId = Id.branded("ScreeningSessionId")
/** @since 0.1.0 @category models */
export type ScreeningSessionId = typeof ScreeningSessionId.Type
/** @since 0.1.0 @category schemas */
export const DailyCheckId = Id.branded("DailyCheckId")
/** @since 0.1.0 @category models */
export type DailyCheckId = typeof DailyCheckId.Type
/** @since 0.1.0 @category schemas */
export const MedicationLogId = Id.branded("MedicationLogId")
/** @since 0.1.0 @category models */
export type MedicationLogId = typeof MedicationLogId.Type
/** @since 0.1.0 @category schemas */
export const DoseId = Id.branded("DoseId")
/** @since 0.1.0 @category models */
export type DoseId = typeof DoseId.Type

const Positive = Schema.Finite.check(Schema.isGreaterThan(0, { expected: "a positive number", zh: "正数" }))
const Text = Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(500))

/**
 * A local time of day, `HH:MM` (24 hours).
 *
 * @since 0.1.0
 * @category schemas
 */
export const LocalTime = Schema.String.check(
  Schema.makeFilter((s: string) => /^([01]\d|2[0-3]):[0-5]\d$/.test(s), { expected: "a time HH:MM", zh: "HH:MM 格式的时间" })
)

// ── screening session ────────────────────────────────────────────────────────────────────────────

/**
 * What a session measures.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SessionKind = Schema.Literals(["growth", "vision", "full"])

/**
 * A screening session: a term's measurement of some classes, open while measurements come in.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ScreeningSession = Schema.Struct({
  schoolId: SchoolId,
  id: ScreeningSessionId,
  version: Schema.Int,
  name: Text,
  kind: SessionKind,
  term: Schema.optionalKey(Text),
  startsOn: LocalDateSchema,
  endsOn: LocalDateSchema,
  classIds: Schema.Array(ClassId),
  status: Schema.Literals(["open", "closed"]),
  openedBy: StaffId,
  closedBy: Schema.optionalKey(StaffId),
  closedAt: Schema.optionalKey(InstantSchema)
})

/**
 * @since 0.1.0
 * @category models
 */
export type ScreeningSession = typeof ScreeningSession.Type

// ── measurement ──────────────────────────────────────────────────────────────────────────────────

/**
 * One eye's screening record: uncorrected acuity (5-point) and, when autorefraction was done,
 * sphere and cylinder in dioptres.
 *
 * @since 0.1.0
 * @category schemas
 */
export const EyeRecord = Schema.Struct({
  ucva: Schema.Finite,
  sphere: Schema.optionalKey(Schema.Finite),
  cylinder: Schema.optionalKey(Schema.Finite)
})

/**
 * Vision at a screening: both eyes, and the correction the child wears.
 *
 * @since 0.1.0
 * @category schemas
 */
export const VisionRecord = Schema.Struct({
  right: EyeRecord,
  left: EyeRecord,
  correction: Schema.optionalKey(Schema.Literals(["none", "glasses", "contactLenses", "orthokeratology"]))
})

/**
 * @since 0.1.0
 * @category models
 */
export type VisionRecord = typeof VisionRecord.Type

/**
 * The measured values (all optional: a vision session measures no weight).
 *
 * @since 0.1.0
 * @category schemas
 */
export const MeasuredValues = Schema.Struct({
  heightCm: Schema.optionalKey(Positive),
  measured: Schema.optionalKey(Position),
  weightKg: Schema.optionalKey(Positive),
  headCircumferenceCm: Schema.optionalKey(Positive),
  armCircumferenceCm: Schema.optionalKey(Positive),
  tricepsSkinfoldMm: Schema.optionalKey(Positive),
  subscapularSkinfoldMm: Schema.optionalKey(Positive),
  oedema: Schema.optionalKey(Schema.Boolean),
  vision: Schema.optionalKey(VisionRecord),
  note: Schema.optionalKey(Text)
})

/**
 * @since 0.1.0
 * @category models
 */
export type MeasuredValues = typeof MeasuredValues.Type

/**
 * A measurement of one child on one date.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Measurement = Schema.Struct({
  schoolId: SchoolId,
  id: MeasurementId,
  version: Schema.Int,
  studentId: StudentId,
  classId: ClassId,
  sex: Sex,
  birthDate: LocalDateSchema,
  sessionId: Schema.optionalKey(ScreeningSessionId),
  measuredOn: LocalDateSchema,
  measuredBy: StaffId,
  ...MeasuredValues.fields
})

/**
 * @since 0.1.0
 * @category models
 */
export type Measurement = typeof Measurement.Type

// ── daily check ──────────────────────────────────────────────────────────────────────────────────

/**
 * Why a child is absent.
 *
 * @since 0.1.0
 * @category schemas
 */
export const AbsenceReason = Schema.Literals(["illness", "leave", "other", "unknown"])

/**
 * What a check observed: present or not (with the reason of an absence), the temperature and
 * where it was taken, the symptoms, and a diagnosis when a doctor or the parents reported one
 * (`diseaseSuspected` when it is not confirmed).
 *
 * @since 0.1.0
 * @category schemas
 */
export const CheckObservation = Schema.Struct({
  present: Schema.Boolean,
  absenceReason: Schema.optionalKey(AbsenceReason),
  temperatureC: Schema.optionalKey(Schema.Finite),
  site: Schema.optionalKey(TemperatureSite),
  symptoms: Schema.Array(Symptom),
  disease: Schema.optionalKey(Disease),
  diseaseSuspected: Schema.optionalKey(Schema.Boolean),
  note: Schema.optionalKey(Text)
})

/**
 * @since 0.1.0
 * @category models
 */
export type CheckObservation = typeof CheckObservation.Type

/**
 * A morning or noon check of one child, with the judgement at the time: fever (undefined when the
 * reading's site has no fever line) and the actions required.
 *
 * @since 0.1.0
 * @category schemas
 */
export const DailyCheck = Schema.Struct({
  schoolId: SchoolId,
  id: DailyCheckId,
  version: Schema.Int,
  studentId: StudentId,
  classId: ClassId,
  date: LocalDateSchema,
  slot: Schema.Literals(["morning", "noon"]),
  checkedAt: InstantSchema,
  checkedBy: StaffId,
  ...CheckObservation.fields,
  fever: Schema.optionalKey(Schema.Boolean),
  actions: Schema.Array(CheckAction)
})

/**
 * @since 0.1.0
 * @category models
 */
export type DailyCheck = typeof DailyCheck.Type

// ── medication log ───────────────────────────────────────────────────────────────────────────────

/**
 * A dose: an exact decimal amount and its unit as the parent wrote it (ml, mg, 片, 袋, 滴).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Dose = Schema.Struct({ amount: PositiveDecimal, unit: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(20)) })

/**
 * @since 0.1.0
 * @category models
 */
export type Dose = typeof Dose.Type

/**
 * A dose given: to whom (the child the log is for — or, by mistake, another), when, how much, by
 * whom.
 *
 * @since 0.1.0
 * @category schemas
 */
export const DoseGiven = Schema.Struct({
  id: DoseId,
  givenTo: StudentId,
  givenAt: InstantSchema,
  dose: Dose,
  givenBy: StaffId,
  note: Schema.optionalKey(Text)
})

/**
 * @since 0.1.0
 * @category models
 */
export type DoseGiven = typeof DoseGiven.Type

/**
 * A parent's medication request and the doses given against it.
 *
 * @since 0.1.0
 * @category schemas
 */
export const MedicationLog = Schema.Struct({
  schoolId: SchoolId,
  id: MedicationLogId,
  version: Schema.Int,
  studentId: StudentId,
  classId: ClassId,
  drug: Text,
  dose: Dose,
  route: Schema.optionalKey(Text),
  instructions: Schema.optionalKey(Text),
  from: LocalDateSchema,
  to: LocalDateSchema,
  times: Schema.Array(LocalTime).check(Schema.isMinLength(1)),
  requestedBy: Schema.Struct({ name: Text, relation: Schema.optionalKey(Text), phone: Schema.optionalKey(Text) }),
  requestedAt: InstantSchema,
  receivedBy: StaffId,
  status: Schema.Literals(["active", "cancelled"]),
  /** when the request was withdrawn (logs cancelled before this field existed have none) */
  cancelledAt: Schema.optionalKey(InstantSchema),
  doses: Schema.Array(DoseGiven)
})

/**
 * @since 0.1.0
 * @category models
 */
export type MedicationLog = typeof MedicationLog.Type
