import { BigDecimal } from "effect"
import { describe, expect, it } from "vitest"
import type { LocalDate } from "../kernel/LocalDate.ts"
import { formatInstant, parseInstant } from "../kernel/Time.ts"
import type { ConfigurationStandard } from "./configuration.ts"
import { checkConfiguration } from "./configuration.ts"
import { earlyFailures } from "./earlyFailure.ts"
import { endedPeriods, inspectionFindings } from "./inspections.ts"
import { overdueLoans } from "./loans.ts"
import type { Asset, InspectionPlan, RepairRequest, ReservationCalendar, UsageRecord } from "./model.ts"
import { deadlineOf, missedRepairDeadlines } from "./repairs.ts"
import { cn } from "./rules.ts"
import { lowUtilisation, utilisation } from "./utilisation.ts"

const at = (s: string) => parseInstant(s)!
const d = (s: string) => s as LocalDate

const base: Asset = {
  schoolId: "school-a" as Asset["schoolId"],
  id: "asset-1" as Asset["id"],
  version: 1,
  tag: "JSJ-0001",
  name: "台式计算机",
  category: "通用设备/计算机设备",
  fundingSource: "fiscal",
  cost: { amount: 600_000, currency: "CNY" },
  acquisitionDate: d("2024-03-15"),
  inServiceDate: d("2024-03-15"),
  accountClass: "fixedAsset",
  condition: "good",
  status: "inService",
  statusSince: d("2024-03-15"),
  depreciation: { method: "governmentStraightLine", usefulLifeMonths: 72, adjustments: [] }
}

describe("overdue loans", () => {
  const lent: Asset = { ...base, status: "onLoan", loan: { borrower: "王老师", since: d("2024-05-06"), expectedReturn: d("2024-05-20") } }

  it("is overdue from the day after the expected return date", () => {
    expect(overdueLoans([lent], d("2024-05-20"), cn)).toEqual([])
    const [f] = overdueLoans([lent], d("2024-05-23"), cn)
    expect(f!.rule).toBe("assets.loanOverdue")
    // the first overdue day, 2024-05-21, begins at 00:00 Shanghai = 2024-05-20T16:00Z
    expect(formatInstant(f!.at)).toBe("2024-05-20T16:00:00.000Z")
    expect(f!.evidence["daysOverdue"]).toBe(3)
  })

  it("honours the pack's grace days and ignores assets not on loan", () => {
    expect(overdueLoans([lent], d("2024-05-23"), { ...cn, loanOverdue: { graceDays: 3 } })).toEqual([])
    expect(overdueLoans([{ ...lent, status: "inService" }], d("2024-06-30"), cn)).toEqual([])
  })
})

describe("repair deadline (default: the same day, 不留问题过夜)", () => {
  const request = (reportedAt: string, dispatchedAt?: string): RepairRequest => ({
    schoolId: "school-a" as RepairRequest["schoolId"],
    id: "repair-1" as RepairRequest["id"],
    version: 1,
    description: "三楼走廊灯不亮",
    location: "教学楼 3F",
    reportedBy: "staff-4",
    reportedAt: at(reportedAt),
    status: dispatchedAt === undefined ? "open" : "dispatched",
    ...(dispatchedAt === undefined ? {} : { dispatchedAt: at(dispatchedAt), dispatchedTo: "总务处维修组" })
  })

  it("falls due at midnight after the day it was reported, in the school's zone", () => {
    // reported 2024-05-06 16:30 Shanghai → due by 2024-05-07 00:00 Shanghai = 2024-05-06T16:00Z
    expect(formatInstant(deadlineOf(request("2024-05-06T16:30+08:00"), cn))).toBe("2024-05-06T16:00:00.000Z")
    // with a 2-day rule: by 2024-05-09 00:00 Shanghai
    expect(formatInstant(deadlineOf(request("2024-05-06T16:30+08:00"), { ...cn, repairDeadline: { days: 2 } }))).toBe("2024-05-08T16:00:00.000Z")
  })

  it("is met by a dispatch the same evening and missed by one the next morning", () => {
    expect(missedRepairDeadlines([request("2024-05-06T16:30+08:00", "2024-05-06T23:59+08:00")], at("2024-05-10T00:00Z"), cn)).toEqual([])
    const [f] = missedRepairDeadlines([request("2024-05-06T16:30+08:00", "2024-05-07T08:10+08:00")], at("2024-05-10T00:00Z"), cn)
    expect(f!.rule).toBe("assets.repairDeadline")
    expect(f!.severity).toBe("violation")
    expect(f!.evidence["handledAt"]).toBe("2024-05-07T00:10:00.000Z")
  })

  it("flags a request still open after its deadline, not before", () => {
    const open = request("2024-05-06T09:00+08:00")
    expect(missedRepairDeadlines([open], at("2024-05-06T23:00+08:00"), cn)).toEqual([])
    expect(missedRepairDeadlines([open], at("2024-05-07T00:00+08:00"), cn).length).toBe(1)
    expect(missedRepairDeadlines([{ ...open, status: "cancelled" }], at("2024-06-01T00:00Z"), cn)).toEqual([])
  })
})

describe("inspection plans (每月检查户外大型活动器具、电器设备)", () => {
  const plan: InspectionPlan = {
    schoolId: "school-a" as InspectionPlan["schoolId"],
    id: "plan-1" as InspectionPlan["id"],
    version: 1,
    name: "户外大型玩具月检",
    assetIds: ["asset-1" as Asset["id"]],
    every: { unit: "month", count: 1 },
    startsOn: d("2024-09-01"),
    active: true,
    records: [
      { date: d("2024-09-10"), inspector: "staff-2", result: "pass" },
      // October: none
      { date: d("2024-11-05"), inspector: "staff-2", result: "fail", notes: "滑梯扶手松动" }
    ]
  }

  it("cuts time into periods from the start date", () => {
    expect(endedPeriods(plan, d("2024-11-30"))).toEqual([
      { start: "2024-09-01", end: "2024-10-01" },
      { start: "2024-10-01", end: "2024-11-01" }
    ])
  })

  it("finds October missed (due 2024-11-01) and November's failed inspection without a repair request", () => {
    const fs = inspectionFindings([plan], d("2024-12-15"), cn)
    expect(fs.map((f) => [f.rule, f.severity, f.evidence["periodStart"] ?? f.evidence["date"]])).toEqual([
      ["assets.inspectionMissed", "violation", "2024-10-01"],
      ["assets.inspectionFailed", "violation", "2024-11-05"]
    ])
    expect(formatInstant(fs[0]!.at)).toBe("2024-10-31T16:00:00.000Z")
  })

  it("lowers a failure to a warning when a repair was requested, and checks no periods of an inactive plan", () => {
    const repaired = { ...plan, records: plan.records.map((r) => (r.result === "fail" ? { ...r, repairRequestId: "repair-9" as RepairRequest["id"] } : r)) }
    expect(inspectionFindings([repaired], d("2024-12-15"), cn).find((f) => f.rule === "assets.inspectionFailed")!.severity).toBe("warning")
    expect(inspectionFindings([{ ...plan, active: false }], d("2024-12-15"), cn).map((f) => f.rule)).toEqual(["assets.inspectionFailed"])
  })
})

describe("inspection plans with per-asset results (one record per extinguisher, not per plan)", () => {
  // three fire extinguishers, inspected monthly from 2024-09-01
  const ext = (n: number) => `ext-${n}` as Asset["id"]
  const plan: InspectionPlan = {
    schoolId: "school-a" as InspectionPlan["schoolId"],
    id: "plan-ext" as InspectionPlan["id"],
    version: 1,
    name: "灭火器月检",
    assetIds: [ext(1), ext(2), ext(3)],
    every: { unit: "month", count: 1 },
    startsOn: d("2024-09-01"),
    active: true,
    records: []
  }
  const names = { asset: (id: string) => `MHQ-${id.slice(4)} 灭火器` }

  it("keeps a record without results meaning what it did: it covers the whole plan", () => {
    const whole = { ...plan, records: [{ date: d("2024-09-10"), inspector: "staff-2", result: "pass" as const }] }
    // September ended 2024-10-01 and holds one plan-wide record: nothing missed, nothing failed
    expect(inspectionFindings([whole], d("2024-10-15"), cn)).toEqual([])
  })

  it("finds each asset no result of the period names as missed, subject the asset, once the period ends", () => {
    // September: ext-1 passed on the 10th, ext-2 failed on the 20th (inspected: covered), ext-3 never
    // named → ext-3 alone is missed, due 2024-10-01 00:00 Shanghai = 2024-09-30T16:00Z
    const partial: InspectionPlan = {
      ...plan,
      records: [
        { date: d("2024-09-10"), inspector: "staff-2", result: "pass", results: [{ assetId: ext(1), outcome: "passed" }] },
        { date: d("2024-09-20"), inspector: "staff-2", result: "fail", results: [{ assetId: ext(2), outcome: "failed", note: "压力表指针在红区" }] }
      ]
    }
    // before the period has ended only the failure is known
    expect(inspectionFindings([partial], d("2024-09-30"), cn).map((f) => f.rule)).toEqual(["assets.inspectionFailed"])
    const fs = inspectionFindings([partial], d("2024-10-15"), cn, undefined, names)
    expect(fs.map((f) => [f.rule, f.severity, f.subject.kind, f.subject.id])).toEqual([
      ["assets.inspectionFailed", "violation", "asset", "ext-2"],
      ["assets.inspectionMissed", "violation", "asset", "ext-3"]
    ])
    const missed = fs[1]!
    expect(formatInstant(missed.at)).toBe("2024-09-30T16:00:00.000Z")
    expect(missed.evidence).toMatchObject({ planId: "plan-ext", periodStart: "2024-09-01", periodEnd: "2024-09-30", notFoundOn: [] })
    expect(missed.explanation.zh).toContain("MHQ-3 灭火器")
    // the failure names the asset, the note and that no repair was requested
    expect(fs[0]!.evidence).toMatchObject({ assetId: "ext-2", outcome: "failed", note: "压力表指针在红区", repairRequestId: null })
    expect(fs[0]!.explanation.en).toBe("MHQ-2 灭火器 failed the inspection of \"灭火器月检\" on 2024-09-20 (压力表指针在红区) and no repair was requested")
  })

  it("still finds a month with no record at all once, for the plan, not thirty times", () => {
    // October holds nothing: one plan-level miss (evidence: 3 assets), as before per-asset results
    const sept = { date: d("2024-09-10"), inspector: "staff-2", result: "pass" as const, results: [ext(1), ext(2), ext(3)].map((assetId) => ({ assetId, outcome: "passed" as const })) }
    const fs = inspectionFindings([{ ...plan, records: [sept] }], d("2024-11-15"), cn)
    expect(fs.map((f) => [f.rule, f.subject.kind, f.evidence["periodStart"], f.evidence["assets"]])).toEqual([
      ["assets.inspectionMissed", "inspectionPlan", "2024-10-01", 3]
    ])
  })

  it("lets a plan-wide record in the period cover the assets the per-asset records left out", () => {
    const mixed: InspectionPlan = {
      ...plan,
      records: [
        { date: d("2024-09-10"), inspector: "staff-2", result: "pass", results: [{ assetId: ext(1), outcome: "passed" }] },
        { date: d("2024-09-25"), inspector: "staff-3", result: "pass" }
      ]
    }
    expect(inspectionFindings([mixed], d("2024-10-15"), cn)).toEqual([])
  })

  it("treats an asset not found as not inspected, and as a failure: a violation even with a repair request", () => {
    // ext-3 not found on 2024-09-12 → failed (notFound) at that day; no other result names it in
    // September → missed at 2024-10-01 with notFoundOn ["2024-09-12"]
    const lost: InspectionPlan = {
      ...plan,
      records: [{
        date: d("2024-09-12"),
        inspector: "staff-2",
        result: "fail",
        repairRequestId: "repair-1" as RepairRequest["id"],
        results: [{ assetId: ext(1), outcome: "passed" }, { assetId: ext(2), outcome: "passed" }, { assetId: ext(3), outcome: "notFound" }]
      }]
    }
    const fs = inspectionFindings([lost], d("2024-10-15"), cn)
    expect(fs.map((f) => [f.rule, f.severity, f.subject.id, f.evidence["outcome"] ?? f.evidence["notFoundOn"]])).toEqual([
      ["assets.inspectionFailed", "violation", "ext-3", "notFound"],
      ["assets.inspectionMissed", "violation", "ext-3", ["2024-09-12"]]
    ])
  })

  it("lowers a failed asset to a warning when a repair was requested for it (on the result or the record)", () => {
    const withRepair = (r: Partial<InspectionPlan["records"][number]>, x: Record<string, unknown>): InspectionPlan => ({
      ...plan,
      active: false,
      records: [{ date: d("2024-09-20"), inspector: "staff-2", result: "fail", ...r, results: [{ assetId: ext(2), outcome: "failed", note: "喷管老化", ...x }] }]
    })
    const severity = (p: InspectionPlan) => inspectionFindings([p], d("2024-10-15"), cn).map((f) => f.severity)
    expect(severity(withRepair({}, { repairRequestId: "repair-2" }))).toEqual(["warning"])
    expect(severity(withRepair({ repairRequestId: "repair-3" as RepairRequest["id"] }, {}))).toEqual(["warning"])
    expect(severity(withRepair({}, {}))).toEqual(["violation"])
  })

  it("reports an asset missed by two plans on one day once, whatever order the plans come in", () => {
    // both plans hold a September record naming only ext-1 → ext-2 and ext-3 missed in each; the
    // findings' ids (rule, asset, due day) coincide, so each asset is reported once, from plan-a
    const rec = { date: d("2024-09-10"), inspector: "staff-2", result: "pass" as const, results: [{ assetId: ext(1), outcome: "passed" as const }] }
    const a = { ...plan, id: "plan-a" as InspectionPlan["id"], records: [rec] }
    const b = { ...plan, id: "plan-b" as InspectionPlan["id"], records: [rec] }
    const ab = inspectionFindings([a, b], d("2024-10-15"), cn)
    expect(ab.map((f) => [f.subject.id, f.evidence["planId"]])).toEqual([["ext-2", "plan-a"], ["ext-3", "plan-a"]])
    expect(inspectionFindings([b, a], d("2024-10-15"), cn)).toEqual(ab)
  })
})

describe("early failure", () => {
  it("flags a computer scrapped after 2 years of a 6-year life (before half of it)", () => {
    // 72 months × 0.5 = 36 months → early before 2027-03-15
    const scrapped: Asset = { ...base, status: "disposed", removedOn: d("2026-03-01"), disposal: { kind: "scrapping", date: d("2026-03-01"), approvedBy: "staff-3", reason: "主板烧毁" } }
    const [f] = earlyFailures([scrapped], [], cn)
    expect(f!.evidence["earlyBefore"]).toBe("2027-03-15")
    expect(earlyFailures([{ ...scrapped, disposal: { ...scrapped.disposal!, date: d("2027-03-15") } }], [], cn)).toEqual([])
  })

  it("flags the second repair before half the life", () => {
    const repair = (id: string, when: string): RepairRequest => ({
      schoolId: "school-a" as RepairRequest["schoolId"],
      id: id as RepairRequest["id"],
      version: 1,
      assetId: base.id,
      description: "无法开机",
      reportedBy: "staff-4",
      reportedAt: at(when),
      status: "completed"
    })
    expect(earlyFailures([base], [repair("r1", "2024-09-01T09:00+08:00")], cn)).toEqual([])
    const [f] = earlyFailures([base], [repair("r1", "2024-09-01T09:00+08:00"), repair("r2", "2025-01-10T09:00+08:00")], cn)
    expect(f!.evidence["repairs"]).toBe(2)
    expect(formatInstant(f!.at)).toBe("2025-01-10T01:00:00.000Z")
  })
})

describe("configuration check against a standard given as data", () => {
  // an illustrative standard, not a national one: 1 computer per 10 students, 1 piano per class
  const standard: ConfigurationStandard = {
    id: "example",
    name: { zh: "示例配置标准", en: "example standard" },
    lines: [
      { key: "computers", name: { zh: "学生用计算机", en: "student computers" }, categories: ["通用设备/计算机设备"], basis: "students", every: 10, atLeast: BigDecimal.fromBigInt(1n) },
      { key: "pianos", name: { zh: "钢琴", en: "pianos" }, categories: ["专用设备/文艺设备"], basis: "classes", every: 1, atLeast: BigDecimal.fromBigInt(1n) }
    ]
  }
  const computers = Array.from({ length: 12 }, (_, i) => ({ ...base, id: `c${i}` as Asset["id"] }))

  it("requires ⌈students × atLeast ÷ every⌉ and counts what is on the books", () => {
    // 125 students ÷ 10 = 12.5 → 13 computers required; 12 held (a 13th is disposed and does not count)
    const disposed = { ...base, id: "c-old" as Asset["id"], status: "disposed" as const }
    const r = checkConfiguration([...computers, disposed], standard, { students: 125, classes: 0, staff: 20 }, at("2024-09-01T00:00+08:00"))
    expect(r.lines.map((l) => [l.key, l.held, l.required, l.meets])).toEqual([["computers", 12, 13, false], ["pianos", 0, 0, true]])
    expect(r.findings.map((f) => f.subject.id)).toEqual(["example/computers"])
  })
})

describe("utilisation", () => {
  const usage = (date: string, hours: string): UsageRecord => ({
    schoolId: "school-a" as UsageRecord["schoolId"],
    id: `u-${date}`,
    version: 1,
    assetId: base.id,
    date: d(date),
    hours: BigDecimal.fromStringUnsafe(hours),
    recordedBy: "staff-1"
  })

  it("divides hours used by the capacity of the period", () => {
    // 2024-09-02 … 2024-09-15 = 14 days → 40 h × 14 ÷ 7 = 80 h of capacity; 12 h used → 0.15
    const calendar: ReservationCalendar = {
      schoolId: "school-a" as ReservationCalendar["schoolId"],
      id: base.id,
      version: 1,
      reservations: [{ id: "r1", from: at("2024-09-03T08:00+08:00"), to: at("2024-09-03T12:00+08:00"), bookedBy: "staff-5", status: "booked" }]
    }
    const [u] = utilisation({ assets: [base], usage: [usage("2024-09-03", "4"), usage("2024-09-10", "8"), usage("2024-09-20", "30")], calendars: [calendar], from: d("2024-09-02"), to: d("2024-09-15") }, cn)
    expect(BigDecimal.format(u!.capacity)).toBe("80")
    expect(BigDecimal.format(u!.share)).toBe("0.15")
    expect(BigDecimal.format(u!.bookedHours)).toBe("4")
    // 0.15 < 0.2: low utilisation
    expect(lowUtilisation([u!], cn).map((f) => f.evidence["share"])).toEqual(["0.15"])
    expect(lowUtilisation([u!], { ...cn, lowUtilisation: { ...cn.lowUtilisation, minimum: BigDecimal.fromStringUnsafe("0.15") } })).toEqual([])
  })
})
