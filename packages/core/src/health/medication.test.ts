import { describe, expect, it } from "vitest"
import * as Decimal from "../kernel/Decimal.ts"
import type { LocalDate } from "../kernel/LocalDate.ts"
import type { Instant, Zone } from "../kernel/Time.ts"
import * as Time from "../kernel/Time.ts"
import * as Medication from "./medication.ts"
import type { DoseGiven, MedicationLog } from "./model.ts"
import { medication as rules } from "./rules.ts"

const zone = "Asia/Shanghai" as Zone
const at = (text: string): Instant => Time.parseInstant(text)!
const amount = (text: string) => Decimal.parse(text).pipe((o) => (o._tag === "Some" ? o.value : Decimal.fromInt(0)))

type DoseInput = Omit<Partial<DoseGiven>, "id" | "givenTo" | "givenBy"> & { readonly id: string; readonly givenAt: Instant; readonly givenTo?: string; readonly givenBy?: string }

const log = (doses: ReadonlyArray<DoseInput>): MedicationLog => ({
  schoolId: "school-1",
  id: "med-1",
  version: 1,
  studentId: "student-1",
  classId: "class-1",
  drug: "小儿氨酚黄那敏颗粒",
  dose: { amount: amount("0.5"), unit: "袋" },
  from: "2026-03-16" as LocalDate,
  to: "2026-03-17" as LocalDate,
  times: ["10:00", "14:30"],
  requestedBy: { name: "王女士", relation: "母亲" },
  requestedAt: at("2026-03-16T07:50+08:00"),
  receivedBy: "staff-1",
  status: "active",
  doses: doses.map((d) => ({ givenTo: "student-1", givenBy: "staff-2", dose: { amount: amount("0.5"), unit: "袋" }, ...d }))
} as unknown as MedicationLog)

const rulesOf = (findings: ReadonlyArray<{ readonly rule: string }>) => findings.map((f) => f.rule)

describe("medication log checks (tolerance ±30 minutes: a house rule in the pack)", () => {
  it("four slots (2 days × 10:00 and 14:30 local time), each given on time: no finding", () => {
    const l = log([
      { id: "d1", givenAt: at("2026-03-16T10:05+08:00") },
      { id: "d2", givenAt: at("2026-03-16T14:20+08:00") },
      { id: "d3", givenAt: at("2026-03-17T09:31+08:00") },
      { id: "d4", givenAt: at("2026-03-17T14:59+08:00") }
    ])
    expect(Medication.slots(l, zone).map((s) => Time.formatInstant(s.at))).toEqual([
      "2026-03-16T02:00:00.000Z",
      "2026-03-16T06:30:00.000Z",
      "2026-03-17T02:00:00.000Z",
      "2026-03-17T06:30:00.000Z"
    ])
    expect(Medication.check(l, { asOf: at("2026-03-18T00:00+08:00"), zone, rules })).toEqual([])
  })

  it("a missed dose is due at its slot, and reported only once the late tolerance has passed", () => {
    const l = log([{ id: "d1", givenAt: at("2026-03-16T10:00+08:00") }])
    // at 14:59 the 14:30 dose is not yet late (14:30 + 30 min = 15:00)
    expect(Medication.check(l, { asOf: at("2026-03-16T14:59+08:00"), zone, rules })).toEqual([])
    const f = Medication.check(l, { asOf: at("2026-03-16T15:01+08:00"), zone, rules })
    expect(rulesOf(f)).toEqual(["medication.missedDose"])
    expect(Time.formatInstant(f[0]!.at)).toBe("2026-03-16T06:30:00.000Z")
    expect(f[0]!.severity).toBe("violation")
  })

  it("early and late: more than 30 minutes before or after the slot (10:00 − 31 min, 14:30 + 31 min)", () => {
    const l = log([
      { id: "d1", givenAt: at("2026-03-16T09:29+08:00") },
      { id: "d2", givenAt: at("2026-03-16T15:01+08:00") }
    ])
    const f = Medication.check(l, { asOf: at("2026-03-16T16:00+08:00"), zone, rules })
    expect(rulesOf(f)).toEqual(["medication.earlyDose", "medication.lateDose"])
    expect(f[0]!.evidence["minutesFromSlot"]).toBe(-31)
    expect(f[1]!.evidence["minutesFromSlot"]).toBe(31)
  })

  it("a second dose for one slot is a double dose (critical)", () => {
    const l = log([
      { id: "d1", givenAt: at("2026-03-16T10:00+08:00") },
      { id: "d2", givenAt: at("2026-03-16T10:20+08:00"), givenBy: "staff-3" }
    ])
    const f = Medication.check(l, { asOf: at("2026-03-16T12:00+08:00"), zone, rules })
    expect(rulesOf(f)).toEqual(["medication.doubleDose"])
    expect(f[0]!.severity).toBe("critical")
  })

  it("a dose given to another child (critical), the wrong amount, a day not requested", () => {
    const l = log([
      { id: "d1", givenAt: at("2026-03-16T10:00+08:00"), givenTo: "student-9" },
      { id: "d2", givenAt: at("2026-03-16T14:30+08:00"), dose: { amount: amount("1"), unit: "袋" } },
      { id: "d3", givenAt: at("2026-03-18T10:00+08:00") }
    ])
    const f = Medication.check(l, { asOf: at("2026-03-16T16:00+08:00"), zone, rules })
    // ordered by time, then rule: the 10:00 slot is missed (its dose went to another child)
    expect(rulesOf(f)).toEqual(["medication.missedDose", "medication.wrongChild", "medication.wrongAmount", "medication.unrequestedDose"])
    expect(f.find((x) => x.rule === "medication.wrongChild")!.subject).toEqual({ kind: "medicationDose", id: "d1" })
  })

  it("a cancelled request without a recorded time has no slots after its last dose", () => {
    const l = { ...log([{ id: "d1", givenAt: at("2026-03-16T10:00+08:00") }]), status: "cancelled" as const }
    expect(Medication.check(l, { asOf: at("2026-03-20T00:00+08:00"), zone, rules })).toEqual([])
  })

  it("a request cancelled at a time keeps the slots missed before it: cancelled 16 March 16:00 with no dose given", () => {
    // 10:00 slot: late after 10:30 < 16:00, missed; 14:30: late after 15:00 < 16:00, missed;
    // 17 March's slots come after the cancellation: dropped
    const l = { ...log([]), status: "cancelled" as const, cancelledAt: at("2026-03-16T16:00+08:00") }
    const f = Medication.check(l, { asOf: at("2026-03-20T00:00+08:00"), zone, rules })
    expect(rulesOf(f)).toEqual(["medication.missedDose", "medication.missedDose"])
    // cancelled at 10:20, inside the 10:00 slot's tolerance: the parent withdrew it before it was late
    const early = { ...log([]), status: "cancelled" as const, cancelledAt: at("2026-03-16T10:20+08:00") }
    expect(Medication.check(early, { asOf: at("2026-03-20T00:00+08:00"), zone, rules })).toEqual([])
  })
})
