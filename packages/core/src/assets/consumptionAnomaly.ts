/**
 * Unusual consumption (消耗异常): a department's consumption of a supply in a month, judged against
 * its own history.
 *
 * **Method.** For the department and item, take the quantities consumed (issued less returned) in
 * each of the `historyMonths` months before the month judged (12 in `cn`), counting months without
 * requisitions as zero but not months before the department first drew the item. With at least
 * `minHistoryMonths` such months (6), compute the median `m` and the median absolute deviation
 * `MAD = median |xᵢ − m|`, and the modified z-score of the month's quantity `x`:
 *
 *     M = 0.6745 × (x − m) / MAD
 *
 * (Iglewicz & Hoaglin, 1993; 0.6745 makes MAD consistent with the standard deviation of a normal
 * distribution). The month is unusual when `M` exceeds `threshold` (3.5, the cut-off Iglewicz and
 * Hoaglin recommend). When `MAD` is 0 (more than half the months identical), the mean absolute
 * deviation about the median is used instead, `M = (x − m) / (1.253314 × MeanAD)`; when that is 0
 * too (a constant history), any month above the constant is unusual. Only consumption above the
 * usual is flagged: the seed documents ask for an explanation when consumption is excessive.
 *
 * Median and MAD resist the outliers they are meant to find, unlike a mean and standard deviation,
 * and need no distribution assumption beyond a typical month being typical.
 *
 * **Explained.** Once the department has explained the month (`explainConsumption`, kept on the
 * supply item), the finding stays — same id, same numbers — but is lowered to `info`, with the
 * explanation (who, when, what; the latest when there are several) in its evidence and its text.
 *
 * @since 0.1.0
 */
import { BigDecimal } from "effect"
import type { Decimal } from "../kernel/Decimal.ts"
import * as D from "../kernel/Decimal.ts"
import type { Finding } from "../kernel/Finding.ts"
import * as F from "../kernel/Finding.ts"
import type { Instant, Zone } from "../kernel/Time.ts"
import { defaultZone, formatInstant, localDate, startOfDay } from "../kernel/Time.ts"
import type { ConsumableMovement, ConsumableStock } from "./model.ts"
import * as Months from "./months.ts"
import type { YearMonth } from "./months.ts"
import type { AssetsRules } from "./rules.ts"

/**
 * What a department consumed of an item in a month.
 *
 * @since 0.1.0
 * @category models
 */
export interface Consumption {
  readonly departmentId: string
  readonly itemId: string
  readonly month: YearMonth
  readonly quantity: Decimal
}

/**
 * Monthly consumption by department and item from movements: requisitions less returns (returns
 * that name a department).
 *
 * @since 0.1.0
 * @category calculations
 */
export const monthlyConsumption = (movements: Iterable<ConsumableMovement>): Array<Consumption> => {
  const totals = new Map<string, { departmentId: string; itemId: string; month: YearMonth; quantity: Decimal }>()
  for (const m of movements) {
    if ((m.kind !== "requisition" && m.kind !== "return") || m.departmentId === undefined) continue
    const month = m.date.slice(0, 7)
    const key = `${m.departmentId}\u0000${m.itemId}\u0000${month}`
    const q = m.kind === "requisition" ? m.quantity : BigDecimal.negate(m.quantity)
    const t = totals.get(key)
    if (t === undefined) totals.set(key, { departmentId: m.departmentId, itemId: m.itemId, month, quantity: q })
    else t.quantity = BigDecimal.sum(t.quantity, q)
  }
  return [...totals.values()].map((t) => ({ ...t, quantity: BigDecimal.normalize(t.quantity) }))
}

/**
 * A department's explanation of its consumption of an item in a month.
 *
 * @since 0.1.0
 * @category models
 */
export interface ExplainedConsumption {
  readonly itemId: string
  readonly departmentId: string
  readonly month: YearMonth
  readonly text: string
  readonly by: string
  readonly at: Instant
}

/**
 * The explanations kept on supply items (`ConsumableStock.explanations`), flat.
 *
 * @since 0.1.0
 * @category conversions
 */
export const explanationsOf = (items: Iterable<ConsumableStock>): Array<ExplainedConsumption> => {
  const out: Array<ExplainedConsumption> = []
  for (const item of items) for (const e of item.explanations ?? []) out.push({ ...e, itemId: item.id })
  return out
}

const median = (xs: ReadonlyArray<number>): number => {
  const s = [...xs].sort((a, b) => a - b)
  const n = s.length
  return n % 2 === 1 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2
}

/**
 * The robust score of a value against a history (see the module's method).
 *
 * @since 0.1.0
 * @category calculations
 */
export const modifiedZScore = (x: number, history: ReadonlyArray<number>): {
  readonly median: number
  readonly mad: number
  readonly meanAbsoluteDeviation: number
  /** `null` when the history is constant: then any value above it is unusual */
  readonly score: number | null
} => {
  const m = median(history)
  const deviations = history.map((h) => Math.abs(h - m))
  const mad = median(deviations)
  const meanAd = deviations.reduce((a, b) => a + b, 0) / deviations.length
  const score = mad > 0
    ? (0.6745 * (x - m)) / mad
    : meanAd > 0
    ? (x - m) / (1.253314 * meanAd)
    : null
  return { median: m, mad, meanAbsoluteDeviation: meanAd, score }
}

const round4 = (n: number): number => Math.round(n * 10_000) / 10_000

/**
 * Findings (`assets.consumptionAnomaly`) for the departments whose consumption of an item in
 * `month` is unusually high against their own history: a warning asking for an explanation, or,
 * once the department has given one for the month, `info` with the explanation in the evidence.
 *
 * @since 0.1.0
 * @category checks
 */
export const consumptionAnomalies = (
  consumption: Iterable<Consumption>,
  month: YearMonth,
  rules: AssetsRules,
  zone: Zone = defaultZone,
  /** how departments and supply items are named in explanations (default: their ids) */
  names: { readonly department?: (id: string) => string; readonly item?: (id: string) => string } = {},
  /** the departments' explanations (`explanationsOf(items)`); the latest of a department, item and month counts */
  explained: Iterable<ExplainedConsumption> = []
): Array<Finding> => {
  const { threshold, historyMonths, minHistoryMonths } = rules.consumptionAnomaly
  const department = names.department ?? ((id: string) => id)
  const item = names.item ?? ((id: string) => id)
  const limit = Number(D.format(threshold))
  const target = Months.indexOf(month)
  const series = new Map<string, { departmentId: string; itemId: string; byMonth: Map<number, number>; exact: Map<number, Decimal>; first: number }>()
  for (const c of consumption) {
    const key = `${c.departmentId}\u0000${c.itemId}`
    const i = Months.indexOf(c.month)
    let s = series.get(key)
    if (s === undefined) {
      s = { departmentId: c.departmentId, itemId: c.itemId, byMonth: new Map(), exact: new Map(), first: i }
      series.set(key, s)
    }
    s.byMonth.set(i, (s.byMonth.get(i) ?? 0) + Number(D.format(c.quantity)))
    const e = s.exact.get(i)
    s.exact.set(i, e === undefined ? c.quantity : BigDecimal.sum(e, c.quantity))
    if (i < s.first) s.first = i
  }
  const latest = new Map<string, ExplainedConsumption>()
  for (const e of explained) {
    if (e.month !== month) continue
    const key = `${e.departmentId}\u0000${e.itemId}`
    const had = latest.get(key)
    if (had === undefined || e.at.epochMilliseconds >= had.at.epochMilliseconds) latest.set(key, e)
  }
  const out: Array<Finding> = []
  for (const s of series.values()) {
    const x = s.byMonth.get(target)
    if (x === undefined || x <= 0) continue
    const from = Math.max(s.first, target - historyMonths)
    const history: Array<number> = []
    for (let i = from; i < target; i++) history.push(s.byMonth.get(i) ?? 0)
    if (history.length < minHistoryMonths) continue
    const z = modifiedZScore(x, history)
    const unusual = z.score === null ? x > z.median : z.score > limit
    if (!unusual) continue
    const score = z.score === null ? "—" : round4(z.score)
    const why = latest.get(`${s.departmentId}\u0000${s.itemId}`)
    const stated = why === undefined ? undefined : { text: why.text, by: why.by, at: formatInstant(why.at) }
    const on = why === undefined ? "" : localDate(why.at, zone)
    const zh = `${department(s.departmentId)} ${month} 领用${item(s.itemId)} ${x}，远高于其近 ${history.length} 个月的中位数 ${z.median}（稳健 z 分数 ${score} > ${limit}）`
    const en = `${department(s.departmentId)} drew ${x} of ${item(s.itemId)} in ${month}, far above its median of ${z.median} over ${history.length} months (modified z-score ${score} > ${limit})`
    out.push(F.make({
      rule: "assets.consumptionAnomaly",
      severity: stated === undefined ? "warning" : "info",
      subject: { kind: "department", id: `${s.departmentId}/${s.itemId}` },
      at: startOfDay(Months.firstDay(target), zone),
      period: true,
      evidence: {
        departmentId: s.departmentId,
        itemId: s.itemId,
        month,
        quantity: D.format(s.exact.get(target) ?? D.fromInt(0)),
        median: z.median,
        mad: z.mad,
        score: z.score === null ? null : round4(z.score),
        threshold: limit,
        historyMonths: history.length,
        explanation: stated ?? null
      },
      explanation: stated === undefined
        ? { zh: `${zh}，请说明原因`, en: `${en}; an explanation is due` }
        : { zh: `${zh}；${stated.by} 已于 ${on} 说明：${stated.text}`, en: `${en}; explained by ${stated.by} on ${on}: ${stated.text}` }
    }))
  }
  return F.sort(out)
}
