/**
 * Checking a medication log (喂药登记) against the parent's request: every requested time of every
 * requested day is a slot; each dose given to the child is matched to the nearest slot. Findings:
 *
 * - `medication.missedDose` (violation): a slot with no dose once its late tolerance has passed;
 * - `medication.earlyDose` / `medication.lateDose` (warning): a dose given more than the
 *   tolerance before or after its slot;
 * - `medication.doubleDose` (critical): a second dose for one slot;
 * - `medication.wrongAmount` (violation): a dose other than the requested amount and unit;
 * - `medication.wrongChild` (critical): a dose from this log given to another child;
 * - `medication.unrequestedDose` (violation): a dose on a day the request does not cover.
 *
 * Tolerances come from the rule pack (no national number: a house rule). Times are local times in
 * the school's zone; "a day" is a local calendar day (CONTRACTS.md).
 *
 * @since 0.1.0
 */
import * as Decimal from "../kernel/Decimal.ts"
import type { Finding } from "../kernel/Finding.ts"
import * as F from "../kernel/Finding.ts"
import type { LocalDate } from "../kernel/LocalDate.ts"
import * as LD from "../kernel/LocalDate.ts"
import type { Instant, Zone } from "../kernel/Time.ts"
import * as Time from "../kernel/Time.ts"
import type { DoseGiven, MedicationLog } from "./model.ts"
import type { MedicationRules } from "./rules.ts"

const minute = 60_000

/**
 * One requested slot: a local date and time, and its instant in the school's zone.
 *
 * @since 0.1.0
 * @category models
 */
export interface Slot {
  readonly date: LocalDate
  readonly time: string
  readonly at: Instant
}

/**
 * The requested slots of a log, in time order.
 *
 * @since 0.1.0
 * @category calculations
 */
export const slots = (log: Pick<MedicationLog, "from" | "to" | "times">, zone: Zone): ReadonlyArray<Slot> => {
  const out: Array<Slot> = []
  const times = [...new Set(log.times)].sort()
  for (const date of LD.range(log.from, log.to)) {
    for (const time of times) {
      out.push({ date, time, at: Time.atLocal(date, { hour: Number(time.slice(0, 2)), minute: Number(time.slice(3, 5)) }, zone) })
    }
  }
  return out
}

const iso = (i: Instant): string => Time.formatInstant(i)

const doseText = (d: DoseGiven["dose"]): string => `${Decimal.format(d.amount)} ${d.unit}`

/**
 * The findings of a log as of an instant (a slot is missed only once its late tolerance has
 * passed by `asOf`), in the canonical order. A cancelled log keeps the slots whose late tolerance
 * had passed when it was cancelled (a dose missed before the parent withdrew the request is still
 * missed); a log cancelled without a recorded time keeps the slots up to its last dose.
 *
 * @since 0.1.0
 * @category calculations
 */
export const check = (log: MedicationLog, options: { readonly asOf: Instant; readonly zone: Zone; readonly rules: MedicationRules }): Array<Finding> => {
  const { asOf, zone, rules } = options
  const early = rules.earlyMinutes * minute
  const late = rules.lateMinutes * minute
  const findings: Array<Finding> = []
  const subject = { kind: "medicationLog", id: log.id }
  const all = slots(log, zone)
  const lastDose = log.doses.reduce((m, d) => Math.max(m, d.givenAt.epochMilliseconds), Number.NEGATIVE_INFINITY)
  const cancelledAt = log.cancelledAt?.epochMilliseconds
  const live = log.status !== "cancelled"
    ? all
    : cancelledAt === undefined
    ? all.filter((s) => s.at.epochMilliseconds <= lastDose)
    : all.filter((s) => s.at.epochMilliseconds <= lastDose || s.at.epochMilliseconds + late < cancelledAt)
  const assigned = new Map<Slot, Array<DoseGiven>>()
  const doses = [...log.doses].sort((a, b) => a.givenAt.epochMilliseconds - b.givenAt.epochMilliseconds || (a.id < b.id ? -1 : 1))
  for (const dose of doses) {
    const base = { doseId: dose.id, givenAt: iso(dose.givenAt), givenBy: dose.givenBy }
    if (dose.givenTo !== log.studentId) {
      findings.push(F.make({
        rule: "medication.wrongChild",
        severity: "critical",
        subject: { kind: "medicationDose", id: dose.id },
        at: dose.givenAt,
        evidence: { ...base, logId: log.id, requestedFor: log.studentId, givenTo: dose.givenTo, drug: log.drug },
        explanation: {
          zh: `${log.drug} 是为学生 ${log.studentId} 登记的，却给了学生 ${dose.givenTo}`,
          en: `${log.drug} was requested for student ${log.studentId} but given to student ${dose.givenTo}`
        }
      }))
      continue
    }
    if (!Decimal.equals(dose.dose.amount, log.dose.amount) || dose.dose.unit !== log.dose.unit) {
      findings.push(F.make({
        rule: "medication.wrongAmount",
        severity: "violation",
        subject: { kind: "medicationDose", id: dose.id },
        at: dose.givenAt,
        evidence: { ...base, requested: doseText(log.dose), given: doseText(dose.dose) },
        explanation: {
          zh: `剂量与家长登记不符：登记 ${doseText(log.dose)}，实给 ${doseText(dose.dose)}`,
          en: `the dose differs from the request: requested ${doseText(log.dose)}, given ${doseText(dose.dose)}`
        }
      }))
    }
    const date = Time.localDate(dose.givenAt, zone)
    const sameDay = all.filter((s) => s.date === date)
    if (sameDay.length === 0) {
      findings.push(F.make({
        rule: "medication.unrequestedDose",
        severity: "violation",
        subject: { kind: "medicationDose", id: dose.id },
        at: dose.givenAt,
        evidence: { ...base, date, requestedFrom: log.from, requestedTo: log.to },
        explanation: {
          zh: `${date} 不在家长登记的服药日期（${log.from} 至 ${log.to}）内`,
          en: `${date} is outside the requested dates (${log.from} to ${log.to})`
        }
      }))
      continue
    }
    // the nearest slot of the day (the earlier one on a tie)
    let nearest = sameDay[0]!
    for (const s of sameDay) {
      if (Math.abs(s.at.epochMilliseconds - dose.givenAt.epochMilliseconds) < Math.abs(nearest.at.epochMilliseconds - dose.givenAt.epochMilliseconds)) nearest = s
    }
    const list = assigned.get(nearest) ?? []
    list.push(dose)
    assigned.set(nearest, list)
  }
  for (const slot of live) {
    const given = assigned.get(slot) ?? []
    const slotEvidence = { logId: log.id, drug: log.drug, slot: `${slot.date} ${slot.time}`, slotAt: iso(slot.at) }
    if (given.length === 0) {
      if (asOf.epochMilliseconds > slot.at.epochMilliseconds + late) {
        findings.push(F.make({
          rule: "medication.missedDose",
          severity: "violation",
          subject,
          at: slot.at,
          period: true,
          evidence: slotEvidence,
          explanation: { zh: `${slot.date} ${slot.time} 的 ${log.drug} 未登记服用`, en: `no dose of ${log.drug} recorded for ${slot.date} ${slot.time}` }
        }))
      }
      continue
    }
    const first = given[0]!
    const offset = first.givenAt.epochMilliseconds - slot.at.epochMilliseconds
    const minutes = Math.round(offset / minute)
    if (offset < -early || offset > late) {
      const isEarly = offset < 0
      findings.push(F.make({
        rule: isEarly ? "medication.earlyDose" : "medication.lateDose",
        severity: "warning",
        subject,
        at: slot.at,
        period: true,
        evidence: { ...slotEvidence, doseId: first.id, givenAt: iso(first.givenAt), minutesFromSlot: minutes, toleranceMinutes: isEarly ? rules.earlyMinutes : rules.lateMinutes },
        explanation: isEarly
          ? { zh: `${slot.date} ${slot.time} 的 ${log.drug} 提前 ${-minutes} 分钟服用`, en: `${log.drug} for ${slot.date} ${slot.time} was given ${-minutes} minutes early` }
          : { zh: `${slot.date} ${slot.time} 的 ${log.drug} 推迟 ${minutes} 分钟服用`, en: `${log.drug} for ${slot.date} ${slot.time} was given ${minutes} minutes late` }
      }))
    }
    if (given.length > 1) {
      findings.push(F.make({
        rule: "medication.doubleDose",
        severity: "critical",
        subject,
        at: slot.at,
        period: true,
        evidence: { ...slotEvidence, doses: given.map((d) => ({ doseId: d.id, givenAt: iso(d.givenAt), givenBy: d.givenBy })) },
        explanation: {
          zh: `${slot.date} ${slot.time} 的 ${log.drug} 登记了 ${given.length} 次服用`,
          en: `${log.drug} for ${slot.date} ${slot.time} was given ${given.length} times`
        }
      }))
    }
  }
  return F.sort(findings)
}
