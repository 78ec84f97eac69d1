/**
 * Inspection plans (巡检): e.g. outdoor play equipment and electrical appliances every month
 * (每月检查户外大型活动器具、电器设备). A plan's time is cut into periods of its interval from `startsOn`
 * (every n days, weeks or months; months counted from the start date, clamped to month ends); each
 * period must hold at least one inspection. A period without one is missed once it has ended (plus
 * the pack's grace days); a failed inspection is a finding too — a violation when no repair request
 * was opened for it, a warning when one was.
 *
 * @since 0.1.0
 */
import type { Finding } from "../kernel/Finding.ts"
import * as F from "../kernel/Finding.ts"
import type { LocalDate } from "../kernel/LocalDate.ts"
import * as LD from "../kernel/LocalDate.ts"
import type { Zone } from "../kernel/Time.ts"
import { defaultZone, startOfDay } from "../kernel/Time.ts"
import type { InspectionPlan } from "./model.ts"
import type { AssetsRules } from "./rules.ts"

/**
 * The start of the k-th period of a plan (k = 0 is `startsOn`).
 *
 * @since 0.1.0
 * @category calculations
 */
export const periodStart = (plan: Pick<InspectionPlan, "startsOn" | "every">, k: number): LocalDate => {
  const { unit, count } = plan.every
  return unit === "month"
    ? LD.addMonths(plan.startsOn, k * count)
    : LD.addDays(plan.startsOn, k * count * (unit === "week" ? 7 : 1))
}

/**
 * The periods of a plan that have ended by a date: `[start, end)` with `end` the next start.
 *
 * @since 0.1.0
 * @category calculations
 */
export const endedPeriods = (
  plan: Pick<InspectionPlan, "startsOn" | "every">,
  asOf: LocalDate
): Array<{ readonly start: LocalDate; readonly end: LocalDate }> => {
  const out: Array<{ start: LocalDate; end: LocalDate }> = []
  for (let k = 0; ; k++) {
    const start = periodStart(plan, k)
    const end = periodStart(plan, k + 1)
    if (end > asOf) break
    out.push({ start, end })
  }
  return out
}

/**
 * Findings for missed (`assets.inspectionMissed`) and failed (`assets.inspectionFailed`)
 * inspections of the plans as of a date. Inactive plans are not checked for missed periods.
 *
 * @since 0.1.0
 * @category checks
 */
export const inspectionFindings = (
  plans: Iterable<InspectionPlan>,
  asOf: LocalDate,
  rules: AssetsRules,
  zone: Zone = defaultZone
): Array<Finding> => {
  const out: Array<Finding> = []
  const grace = rules.inspectionMissed.graceDays
  for (const plan of plans) {
    const dates = plan.records.map((r) => r.date).sort()
    if (plan.active) {
      for (const p of endedPeriods(plan, LD.addDays(asOf, -grace))) {
        const done = dates.some((d) => d >= p.start && d < p.end)
        if (done) continue
        const due = LD.addDays(p.end, grace)
        out.push(F.make({
          rule: "assets.inspectionMissed",
          severity: "violation",
          subject: { kind: "inspectionPlan", id: plan.id },
          at: startOfDay(due, zone),
          period: true,
          evidence: { plan: plan.name, periodStart: p.start, periodEnd: LD.addDays(p.end, -1), graceDays: grace, assets: plan.assetIds.length },
          explanation: {
            zh: `巡检计划“${plan.name}”在 ${p.start} 至 ${LD.addDays(p.end, -1)} 期间没有检查记录`,
            en: `the inspection plan "${plan.name}" has no inspection from ${p.start} to ${LD.addDays(p.end, -1)}`
          }
        }))
      }
    }
    for (const r of plan.records) {
      if (r.result !== "fail" || r.date > asOf) continue
      const repaired = r.repairRequestId !== undefined
      out.push(F.make({
        rule: "assets.inspectionFailed",
        severity: repaired ? "warning" : "violation",
        subject: { kind: "inspectionPlan", id: plan.id },
        at: startOfDay(r.date, zone),
        period: true,
        evidence: { plan: plan.name, date: r.date, inspector: r.inspector, notes: r.notes ?? null, repairRequestId: r.repairRequestId ?? null },
        explanation: repaired
          ? { zh: `巡检计划“${plan.name}”在 ${r.date} 检查不合格，已报修`, en: `the inspection of "${plan.name}" on ${r.date} failed; a repair was requested` }
          : { zh: `巡检计划“${plan.name}”在 ${r.date} 检查不合格，未报修`, en: `the inspection of "${plan.name}" on ${r.date} failed and no repair was requested` }
      }))
    }
  }
  return F.sort(out)
}
