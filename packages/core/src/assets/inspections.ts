/**
 * Inspection plans (巡检): e.g. outdoor play equipment and electrical appliances every month
 * (每月检查户外大型活动器具、电器设备). A plan's time is cut into periods of its interval from `startsOn`
 * (every n days, weeks or months; months counted from the start date, clamped to month ends); each
 * period must hold at least one inspection. A period without one is missed once it has ended (plus
 * the pack's grace days); a failed inspection is a finding too — a violation when no repair request
 * was opened for it, a warning when one was. A record may say what it found of each asset of the
 * plan (passed, failed with a note, not found): then misses and failures are found asset by asset.
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

const plural = (n: number, zh: string, en: string) => ({ zh: `${n} ${zh}`, en: `${n} ${en}${n === 1 ? "" : "s"}` })

/**
 * Findings for missed (`assets.inspectionMissed`) and failed (`assets.inspectionFailed`)
 * inspections of the plans as of a date. A period that meets a span the plan was switched off
 * (`pauses`) is not checked for misses; the periods before and after it are. (An inactive plan
 * without pauses, switched off before they were kept, is not checked for misses at all.)
 *
 * A period with no record at all is missed by the plan (one finding, subject the plan). A period
 * whose records all carry per-asset `results` is missed, asset by asset, for every asset of the
 * plan that no result of the period names as `passed` or `failed` (subject the asset; the dates it
 * was recorded `notFound`, if any, in the evidence); a record without `results` covers the whole
 * plan, as records always did.
 *
 * A record without `results` that failed is one finding of the plan; a record with `results` gives
 * one finding per asset that `failed` (a violation without a repair request — the result's or the
 * record's — a warning with one) or was `notFound` (a violation: find it, or report its loss).
 *
 * An asset in two plans can be missed or fail in both on the same day: the finding has one id (rule,
 * asset, day) and is reported once, from the plan with the smaller id.
 *
 * @since 0.1.0
 * @category checks
 */
export const inspectionFindings = (
  plans: Iterable<InspectionPlan>,
  asOf: LocalDate,
  rules: AssetsRules,
  zone: Zone = defaultZone,
  /** how assets are named in explanations (default: their ids) */
  names: { readonly asset?: (id: string) => string } = {}
): Array<Finding> => {
  const out: Array<Finding> = []
  const grace = rules.inspectionMissed.graceDays
  const asset = names.asset ?? ((id: string) => id)
  const sorted = [...plans].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  for (const plan of sorted) {
    const pauses = plan.pauses ?? []
    // an inactive plan without pauses was switched off before they were kept: when is unknown
    if (plan.active || pauses.length > 0) {
      for (const p of endedPeriods(plan, LD.addDays(asOf, -grace))) {
        // a period that meets a span the plan was off is not checked
        if (pauses.some((x) => p.start < (x.until ?? "9999-12-31") && x.from < p.end)) continue
        const inPeriod = plan.records.filter((r) => r.date >= p.start && r.date < p.end)
        if (inPeriod.some((r) => r.results === undefined)) continue
        const due = LD.addDays(p.end, grace)
        const last = LD.addDays(p.end, -1)
        if (inPeriod.length === 0) {
          out.push(F.make({
            rule: "assets.inspectionMissed",
            severity: "violation",
            subject: { kind: "inspectionPlan", id: plan.id },
            at: startOfDay(due, zone),
            period: true,
            evidence: { plan: plan.name, periodStart: p.start, periodEnd: last, graceDays: grace, assets: plan.assetIds.length },
            explanation: {
              zh: `巡检计划“${plan.name}”在 ${p.start} 至 ${last} 期间没有检查记录`,
              en: `the inspection plan "${plan.name}" has no inspection from ${p.start} to ${last}`
            }
          }))
          continue
        }
        const inspected = new Set<string>()
        const notFound = new Map<string, Array<LocalDate>>()
        for (const r of inPeriod) {
          for (const x of r.results ?? []) {
            if (x.outcome === "notFound") notFound.set(x.assetId, [...(notFound.get(x.assetId) ?? []), r.date])
            else inspected.add(x.assetId)
          }
        }
        const uninspected = plan.assetIds.filter((id) => !inspected.has(id))
        for (const id of uninspected) {
          const missing = (notFound.get(id) ?? []).sort()
          const count = plural(uninspected.length, "项", "asset")
          out.push(F.make({
            rule: "assets.inspectionMissed",
            severity: "violation",
            subject: { kind: "asset", id },
            at: startOfDay(due, zone),
            period: true,
            evidence: { plan: plan.name, planId: plan.id, assetId: id, periodStart: p.start, periodEnd: last, graceDays: grace, notFoundOn: missing },
            explanation: missing.length === 0
              ? {
                zh: `${asset(id)} 在 ${p.start} 至 ${last} 期间未按巡检计划“${plan.name}”检查（该期间共 ${count.zh}未检）`,
                en: `${asset(id)} was not inspected under "${plan.name}" from ${p.start} to ${last} (${count.en} not inspected in the period)`
              }
              : {
                zh: `${asset(id)} 在 ${p.start} 至 ${last} 期间未按巡检计划“${plan.name}”检查：${missing.join("、")} 巡检时未找到`,
                en: `${asset(id)} was not inspected under "${plan.name}" from ${p.start} to ${last}: not found on ${missing.join(", ")}`
              }
          }))
        }
      }
    }
    for (const r of plan.records) {
      if (r.date > asOf) continue
      if (r.results === undefined) {
        if (r.result !== "fail") continue
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
        continue
      }
      for (const x of r.results) {
        if (x.outcome === "passed") continue
        const repairRequestId = x.repairRequestId ?? r.repairRequestId
        const lost = x.outcome === "notFound"
        const repaired = !lost && repairRequestId !== undefined
        const note = x.note === undefined ? "" : `（${x.note}）`
        const noteEn = x.note === undefined ? "" : ` (${x.note})`
        out.push(F.make({
          rule: "assets.inspectionFailed",
          severity: repaired ? "warning" : "violation",
          subject: { kind: "asset", id: x.assetId },
          at: startOfDay(r.date, zone),
          period: true,
          evidence: {
            plan: plan.name,
            planId: plan.id,
            assetId: x.assetId,
            date: r.date,
            inspector: r.inspector,
            outcome: x.outcome,
            note: x.note ?? null,
            repairRequestId: repairRequestId ?? null
          },
          explanation: lost
            ? {
              zh: `${asset(x.assetId)} 在 ${r.date} 按巡检计划“${plan.name}”巡检时未找到${note}，请查找或报损`,
              en: `${asset(x.assetId)} was not found in the inspection of "${plan.name}" on ${r.date}${noteEn}; find it or report its loss`
            }
            : repaired
            ? {
              zh: `${asset(x.assetId)} 在 ${r.date} 按巡检计划“${plan.name}”检查不合格${note}，已报修`,
              en: `${asset(x.assetId)} failed the inspection of "${plan.name}" on ${r.date}${noteEn}; a repair was requested`
            }
            : {
              zh: `${asset(x.assetId)} 在 ${r.date} 按巡检计划“${plan.name}”检查不合格${note}，未报修`,
              en: `${asset(x.assetId)} failed the inspection of "${plan.name}" on ${r.date}${noteEn} and no repair was requested`
            }
        }))
      }
    }
  }
  const once = new Map<string, Finding>()
  for (const f of out) if (!once.has(f.id)) once.set(f.id, f)
  return F.sort([...once.values()])
}
