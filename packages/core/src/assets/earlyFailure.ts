/**
 * Early failure (过早损坏): an asset scrapped or lost before `shareOfLife` of its useful life, or
 * repaired `repairCount` times or more before then. The finding does not say why (overload, poor
 * quality, poor handling — the seed documents' three suspects); it says which assets to ask about.
 *
 * The useful life is the asset's own (its depreciation settings) or, without one, the minimum of
 * its category; the life counts from the in-service date (or the acquisition date).
 *
 * @since 0.1.0
 */
import { BigDecimal } from "effect"
import * as D from "../kernel/Decimal.ts"
import type { Finding } from "../kernel/Finding.ts"
import * as F from "../kernel/Finding.ts"
import type { LocalDate } from "../kernel/LocalDate.ts"
import * as LD from "../kernel/LocalDate.ts"
import { roundingMode } from "../kernel/Money.ts"
import type { Zone } from "../kernel/Time.ts"
import { defaultZone, formatInstant, localDate, startOfDay } from "../kernel/Time.ts"
import { usefulLifeOf } from "./categories.ts"
import type { Asset, RepairRequest } from "./model.ts"
import type { AssetsRules } from "./rules.ts"

/**
 * The date before which a failure counts as early, or `undefined` when the asset has no useful
 * life (non-depreciable classes without settings).
 *
 * @since 0.1.0
 * @category calculations
 */
export const earlyBefore = (asset: Asset, rules: AssetsRules): { readonly lifeMonths: number; readonly before: LocalDate } | undefined => {
  const lifeMonths = asset.depreciation?.usefulLifeMonths ?? ((usefulLifeOf(rules, asset.category)?.minYears ?? 0) * 12)
  if (lifeMonths <= 0) return undefined
  const months = Number(D.format(D.round(BigDecimal.multiply(D.fromInt(lifeMonths), rules.earlyFailure.shareOfLife), 0, roundingMode("halfUp"))))
  return { lifeMonths, before: LD.addMonths(asset.inServiceDate ?? asset.acquisitionDate, months) }
}

/**
 * Findings (`assets.earlyFailure`) for the assets that failed early: scrapped or lost before the
 * share of their life, or repaired `repairCount` times before it.
 *
 * @since 0.1.0
 * @category checks
 */
export const earlyFailures = (
  assets: Iterable<Asset>,
  repairs: Iterable<RepairRequest>,
  rules: AssetsRules,
  zone: Zone = defaultZone
): Array<Finding> => {
  const byAsset = new Map<string, Array<RepairRequest>>()
  for (const r of repairs) {
    if (r.assetId === undefined || r.status === "cancelled") continue
    const list = byAsset.get(r.assetId) ?? []
    list.push(r)
    byAsset.set(r.assetId, list)
  }
  const out: Array<Finding> = []
  const share = D.format(rules.earlyFailure.shareOfLife)
  for (const a of assets) {
    const limit = earlyBefore(a, rules)
    if (limit === undefined) continue
    const start = a.inServiceDate ?? a.acquisitionDate
    const d = a.disposal
    if (d !== undefined && (d.kind === "scrapping" || d.kind === "loss") && d.date < limit.before) {
      out.push(F.make({
        rule: "assets.earlyFailure",
        severity: "warning",
        subject: { kind: "asset", id: a.id },
        at: startOfDay(d.date, zone),
        evidence: { tag: a.tag, category: a.category, kind: d.kind, inService: start, disposed: d.date, lifeMonths: limit.lifeMonths, shareOfLife: share, earlyBefore: limit.before },
        explanation: {
          zh: `资产 ${a.tag}（${a.name}）于 ${start} 投入使用，${d.date} 即${d.kind === "loss" ? "报损" : "报废"}，早于使用年限（${limit.lifeMonths} 个月）的 ${share} 倍`,
          en: `asset ${a.tag} (${a.name}) in service from ${start} was ${d.kind === "loss" ? "lost" : "scrapped"} on ${d.date}, before ${share} of its ${limit.lifeMonths}-month life`
        }
      }))
      continue
    }
    const early = (byAsset.get(a.id) ?? [])
      .filter((r) => localDate(r.reportedAt, zone) < limit.before && localDate(r.reportedAt, zone) >= start)
      .sort((x, y) => x.reportedAt.epochMilliseconds - y.reportedAt.epochMilliseconds)
    if (early.length >= rules.earlyFailure.repairCount) {
      const nth = early[rules.earlyFailure.repairCount - 1]!
      out.push(F.make({
        rule: "assets.earlyFailure",
        severity: "warning",
        subject: { kind: "asset", id: a.id },
        at: nth.reportedAt,
        evidence: {
          tag: a.tag,
          category: a.category,
          kind: "repairs",
          inService: start,
          repairs: early.length,
          repairCount: rules.earlyFailure.repairCount,
          reported: early.map((r) => formatInstant(r.reportedAt)),
          lifeMonths: limit.lifeMonths,
          shareOfLife: share,
          earlyBefore: limit.before
        },
        explanation: {
          zh: `资产 ${a.tag}（${a.name}）于 ${start} 投入使用，在使用年限的 ${share} 倍之前已报修 ${early.length} 次`,
          en: `asset ${a.tag} (${a.name}) in service from ${start} was sent for repair ${early.length} times before ${share} of its life`
        }
      }))
    }
  }
  return F.sort(out)
}
