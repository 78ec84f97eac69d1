/**
 * Utilisation (使用率): how much of its capacity an asset was used over a period, from usage
 * records (hours or sessions used) and reservations (hours booked).
 *
 * Capacity is the pack's school week (`hoursPerWeek`, `sessionsPerWeek`) × the days of the period
 * ÷ 7. An asset is measured in hours when it has hour records in the period, otherwise in sessions
 * when it has session records, otherwise in hours (and so at zero). Below `minimum` of capacity it
 * is a finding: equipment that may be wasted through low use (使用率过低). Booked hours beside used
 * hours show bookings that were not used.
 *
 * @since 0.1.0
 */
import { BigDecimal } from "effect"
import type { Decimal } from "../kernel/Decimal.ts"
import * as D from "../kernel/Decimal.ts"
import type { Finding } from "../kernel/Finding.ts"
import * as F from "../kernel/Finding.ts"
import type { LocalDate } from "../kernel/LocalDate.ts"
import * as LD from "../kernel/LocalDate.ts"
import { divideRounded } from "../kernel/Money.ts"
import type { Zone } from "../kernel/Time.ts"
import { defaultZone, startOfDay } from "../kernel/Time.ts"
import type { Asset, ReservationCalendar, UsageRecord } from "./model.ts"
import type { AssetsRules } from "./rules.ts"

/**
 * The utilisation of one asset over a period.
 *
 * @since 0.1.0
 * @category models
 */
export interface Utilisation {
  readonly assetId: string
  readonly from: LocalDate
  readonly to: LocalDate
  readonly measure: "hours" | "sessions"
  readonly usedHours: Decimal
  readonly usedSessions: number
  readonly bookedHours: Decimal
  readonly capacity: Decimal
  /** used ÷ capacity, to 4 places */
  readonly share: Decimal
}

const HOUR = 3_600_000

/**
 * The utilisation of each asset over the days `from` to `to` (both included).
 *
 * @since 0.1.0
 * @category calculations
 */
export const utilisation = (
  input: {
    readonly assets: Iterable<Pick<Asset, "id">>
    readonly usage: Iterable<UsageRecord>
    readonly calendars?: Iterable<ReservationCalendar> | undefined
    readonly from: LocalDate
    readonly to: LocalDate
    readonly zone?: Zone | undefined
  },
  rules: AssetsRules
): Array<Utilisation> => {
  const zone = input.zone ?? defaultZone
  const days = LD.daysBetween(input.from, input.to) + 1
  const start = startOfDay(input.from, zone).epochMilliseconds
  const end = startOfDay(LD.addDays(input.to, 1), zone).epochMilliseconds
  const used = new Map<string, { hours: Decimal; sessions: number; hourRecords: number; sessionRecords: number }>()
  for (const u of input.usage) {
    if (u.date < input.from || u.date > input.to) continue
    const t = used.get(u.assetId) ?? { hours: D.fromInt(0), sessions: 0, hourRecords: 0, sessionRecords: 0 }
    if (u.hours !== undefined) {
      t.hours = BigDecimal.sum(t.hours, u.hours)
      t.hourRecords++
    }
    if (u.sessions !== undefined) {
      t.sessions += u.sessions
      t.sessionRecords++
    }
    used.set(u.assetId, t)
  }
  const booked = new Map<string, number>()
  for (const c of input.calendars ?? []) {
    let ms = 0
    for (const r of c.reservations) {
      if (r.status !== "booked") continue
      const a = Math.max(start, r.from.epochMilliseconds)
      const b = Math.min(end, r.to.epochMilliseconds)
      if (b > a) ms += b - a
    }
    booked.set(c.id, ms)
  }
  const out: Array<Utilisation> = []
  for (const asset of input.assets) {
    const u = used.get(asset.id) ?? { hours: D.fromInt(0), sessions: 0, hourRecords: 0, sessionRecords: 0 }
    const measure = u.hourRecords === 0 && u.sessionRecords > 0 ? "sessions" : "hours"
    const perWeek = measure === "hours" ? rules.lowUtilisation.hoursPerWeek : rules.lowUtilisation.sessionsPerWeek
    const capacity = divideRounded(BigDecimal.multiply(perWeek, D.fromInt(days)), D.fromInt(7), 4, "halfUp")
    const amount = measure === "hours" ? u.hours : D.fromInt(u.sessions)
    const share = capacity.value === 0n ? D.fromInt(0) : divideRounded(amount, capacity, 4, "halfUp")
    out.push({
      assetId: asset.id,
      from: input.from,
      to: input.to,
      measure,
      usedHours: BigDecimal.normalize(u.hours),
      usedSessions: u.sessions,
      bookedHours: divideRounded(D.fromInt(booked.get(asset.id) ?? 0), D.fromInt(HOUR), 4, "halfUp"),
      capacity,
      share
    })
  }
  return out
}

/**
 * Findings (`assets.lowUtilisation`) for the utilisations below the pack's minimum share, at the
 * start of the period.
 *
 * @since 0.1.0
 * @category checks
 */
export const lowUtilisation = (
  report: Iterable<Utilisation>,
  rules: AssetsRules,
  zone: Zone = defaultZone,
  /** how an asset is named in explanations (default: its id); the register's tag and name read best */
  assetName: (assetId: string) => string = (id) => id
): Array<Finding> => {
  const out: Array<Finding> = []
  for (const u of report) {
    if (!BigDecimal.isLessThan(u.share, rules.lowUtilisation.minimum)) continue
    const pct = D.format(BigDecimal.multiply(u.share, D.fromInt(100)))
    const min = D.format(BigDecimal.multiply(rules.lowUtilisation.minimum, D.fromInt(100)))
    out.push(F.make({
      rule: "assets.lowUtilisation",
      severity: "info",
      subject: { kind: "asset", id: u.assetId },
      at: startOfDay(u.from, zone),
      period: true,
      evidence: {
        from: u.from,
        to: u.to,
        measure: u.measure,
        used: u.measure === "hours" ? D.format(u.usedHours) : u.usedSessions,
        bookedHours: D.format(u.bookedHours),
        capacity: D.format(u.capacity),
        share: D.format(u.share),
        minimum: D.format(rules.lowUtilisation.minimum)
      },
      explanation: {
        zh: `资产 ${assetName(u.assetId)} 在 ${u.from} 至 ${u.to} 的使用率为 ${pct}%，低于 ${min}%`,
        en: `asset ${assetName(u.assetId)} was used ${pct}% of its capacity from ${u.from} to ${u.to}, below ${min}%`
      }
    }))
  }
  return F.sort(out)
}
