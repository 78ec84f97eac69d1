/**
 * Storage of the health module: the aggregate specs (screening sessions, measurements, daily
 * checks, medication logs) with their projected fields, one repository service per aggregate, and
 * the `repositories` layer.
 *
 * Measurements, checks and medication logs name their student (`kernel.student`, a foreign key:
 * the commands refuse an unknown student first), and a measurement its screening session.
 * Measured values are JavaScript numbers in the model (`number` columns, double precision); a
 * dose is an exact decimal with its unit.
 *
 * @since 0.1.0
 */
import { Context, Layer } from "effect"
import type {
  DailyCheck as DailyCheckType,
  Measurement as MeasurementType,
  MedicationLog as MedicationLogType,
  ScreeningSession as ScreeningSessionType
} from "../health/model.ts"
import { DailyCheck, Measurement, MedicationLog, ScreeningSession } from "../health/model.ts"
import { format as decimal } from "../kernel/Decimal.ts"
import * as Repository from "./Repository.ts"
import { aggregate } from "./Storage.ts"

/**
 * Screening sessions (`health.screeningSession`), queryable by name, term, kind, status and dates.
 *
 * @since 0.1.0
 * @category specs
 */
export const ScreeningSessionSpec = aggregate({
  name: "health.screeningSession",
  schema: ScreeningSession,
  fields: {
    name: { kind: "text", get: (s: ScreeningSessionType) => s.name },
    term: { kind: "text", get: (s: ScreeningSessionType) => s.term ?? null },
    status: { kind: "text", get: (s: ScreeningSessionType) => s.status },
    kind: { kind: "text", get: (s: ScreeningSessionType) => s.kind },
    startsOn: { kind: "date", get: (s: ScreeningSessionType) => s.startsOn },
    endsOn: { kind: "date", get: (s: ScreeningSessionType) => s.endsOn }
  }
})

/**
 * Measurements (`health.measurement`), queryable by student and session (references), class, sex,
 * birth date, date and who measured, with height (cm) and weight (kg) when taken.
 *
 * @since 0.1.0
 * @category specs
 */
export const MeasurementSpec = aggregate({
  name: "health.measurement",
  schema: Measurement,
  fields: {
    studentId: { kind: "text", get: (m: MeasurementType) => m.studentId, references: "kernel.student" },
    sessionId: { kind: "text", get: (m: MeasurementType) => m.sessionId ?? null, references: "health.screeningSession" },
    classId: { kind: "text", get: (m: MeasurementType) => m.classId },
    sex: { kind: "text", get: (m: MeasurementType) => m.sex },
    birthDate: { kind: "date", get: (m: MeasurementType) => m.birthDate },
    measuredOn: { kind: "date", get: (m: MeasurementType) => m.measuredOn },
    measuredBy: { kind: "text", get: (m: MeasurementType) => m.measuredBy },
    heightCm: { kind: "number", get: (m: MeasurementType) => m.heightCm ?? null },
    weightKg: { kind: "number", get: (m: MeasurementType) => m.weightKg ?? null }
  },
  // a student's measurements up to a date (growth over time)
  indexes: [["studentId", "measuredOn"]]
})

/**
 * Daily checks (`health.dailyCheck`), queryable by student (a reference), class, date, slot, time,
 * who checked, presence, temperature (°C), fever and illness.
 *
 * @since 0.1.0
 * @category specs
 */
export const DailyCheckSpec = aggregate({
  name: "health.dailyCheck",
  schema: DailyCheck,
  fields: {
    studentId: { kind: "text", get: (c: DailyCheckType) => c.studentId, references: "kernel.student" },
    classId: { kind: "text", get: (c: DailyCheckType) => c.classId },
    date: { kind: "date", get: (c: DailyCheckType) => c.date },
    slot: { kind: "text", get: (c: DailyCheckType) => c.slot },
    checkedAt: { kind: "instant", get: (c: DailyCheckType) => c.checkedAt.epochMilliseconds },
    checkedBy: { kind: "text", get: (c: DailyCheckType) => c.checkedBy },
    present: { kind: "bool", get: (c: DailyCheckType) => c.present },
    temperatureC: { kind: "number", get: (c: DailyCheckType) => c.temperatureC ?? null },
    fever: { kind: "bool", get: (c: DailyCheckType) => c.fever === true },
    ill: {
      kind: "bool",
      get: (c: DailyCheckType) => c.fever === true || c.symptoms.length > 0 || c.disease !== undefined || (!c.present && c.absenceReason === "illness")
    }
  }
})

/**
 * Medication logs (`health.medicationLog`), queryable by student (a reference), class, drug, the
 * dose (an exact decimal and its unit), dates, who received the medicine and status.
 *
 * @since 0.1.0
 * @category specs
 */
export const MedicationLogSpec = aggregate({
  name: "health.medicationLog",
  schema: MedicationLog,
  fields: {
    studentId: { kind: "text", get: (l: MedicationLogType) => l.studentId, references: "kernel.student" },
    classId: { kind: "text", get: (l: MedicationLogType) => l.classId },
    drug: { kind: "text", get: (l: MedicationLogType) => l.drug },
    doseAmount: { kind: "decimal", get: (l: MedicationLogType) => decimal(l.dose.amount) },
    doseUnit: { kind: "text", get: (l: MedicationLogType) => l.dose.unit },
    receivedBy: { kind: "text", get: (l: MedicationLogType) => l.receivedBy },
    from: { kind: "date", get: (l: MedicationLogType) => l.from },
    to: { kind: "date", get: (l: MedicationLogType) => l.to },
    status: { kind: "text", get: (l: MedicationLogType) => l.status }
  }
})

/**
 * @since 0.1.0
 * @category services
 */
export class ScreeningSessionRepository extends Context.Service<ScreeningSessionRepository, Repository.Repository<ScreeningSessionType>>()(
  "@houqin/core/health/ScreeningSessionRepository"
) {}

/**
 * @since 0.1.0
 * @category services
 */
export class MeasurementRepository extends Context.Service<MeasurementRepository, Repository.Repository<MeasurementType>>()(
  "@houqin/core/health/MeasurementRepository"
) {}

/**
 * @since 0.1.0
 * @category services
 */
export class DailyCheckRepository extends Context.Service<DailyCheckRepository, Repository.Repository<DailyCheckType>>()(
  "@houqin/core/health/DailyCheckRepository"
) {}

/**
 * @since 0.1.0
 * @category services
 */
export class MedicationLogRepository extends Context.Service<MedicationLogRepository, Repository.Repository<MedicationLogType>>()(
  "@houqin/core/health/MedicationLogRepository"
) {}

/**
 * The health repositories over a storage backend.
 *
 * @since 0.1.0
 * @category layers
 */
export const repositories = Layer.mergeAll(
  Repository.layer(ScreeningSessionRepository, ScreeningSessionSpec),
  Repository.layer(MeasurementRepository, MeasurementSpec),
  Repository.layer(DailyCheckRepository, DailyCheckSpec),
  Repository.layer(MedicationLogRepository, MedicationLogSpec)
)

/**
 * Every aggregate spec of the health module (for adapters' migrations).
 *
 * @since 0.1.0
 * @category specs
 */
export const specs = [ScreeningSessionSpec, MeasurementSpec, DailyCheckSpec, MedicationLogSpec] as const
