/**
 * The words of explanations in zh-CN and en: request kinds, conditions, approver sets and
 * quorums, amount tests.
 *
 * @since 0.1.0
 */
import type { Messages } from "../kernel/Errors.ts"
import * as Money from "../kernel/Money.ts"
import type { AmountBand, ConditionKind, Quorum, RequestKind } from "./model.ts"

/**
 * The name of a request kind.
 *
 * @since 0.1.0
 * @category formatting
 */
export const kindLabel: Readonly<Record<RequestKind, Messages>> = {
  purchase: { zh: "采购", en: "purchase" },
  assetDisposal: { zh: "资产处置", en: "asset disposal" },
  repair: { zh: "维修", en: "repair" },
  requisition: { zh: "领用", en: "requisition" },
  budgetChange: { zh: "预算调整", en: "budget change" }
}

/**
 * The name of a condition.
 *
 * @since 0.1.0
 * @category formatting
 */
export const conditionLabel: Readonly<Record<ConditionKind, Messages>> = {
  collectiveDecision: { zh: "集体决策", en: "a collective decision" },
  form: { zh: "填表审批", en: "an approval form" },
  designatedPurchasingPoint: { zh: "到指定的政府采购点购置", en: "buying at a designated government purchasing point" },
  governmentProcurement: { zh: "按《政府采购法》实施政府采购", en: "government procurement under the Government Procurement Law" },
  openTender: { zh: "公开招标", en: "an open tender" },
  mandatoryTender: { zh: "依法必须招标", en: "a tender required by law" }
}

/**
 * Every condition kind, in the order explanations list them.
 *
 * @since 0.1.0
 * @category constants
 */
export const conditionOrder: ReadonlyArray<ConditionKind> = [
  "collectiveDecision",
  "form",
  "designatedPurchasingPoint",
  "governmentProcurement",
  "openTender",
  "mandatoryTender"
]

/**
 * The words of a quorum over `size` eligible approvers.
 *
 * @since 0.1.0
 * @category formatting
 */
export const quorumLabel = (q: Quorum, size: number): Messages => {
  switch (q.type) {
    case "oneOf":
      return { zh: `${size} 人中任一人`, en: `one of ${size}` }
    case "nOf":
      return { zh: `${size} 人中 ${q.n} 人`, en: `${q.n} of ${size}` }
    case "all":
      return { zh: `全体 ${size} 人`, en: `all ${size}` }
    case "chain":
      return { zh: `${size} 人按级别依次全部`, en: `all ${size} in order of level` }
  }
}

const fmt = (fen: number, currency: Money.Currency, locale: "zh-CN" | "en") => Money.format({ amount: fen, currency }, locale)

/**
 * The tests of an amount band as text: `≤ ¥1,000.00`, `> CNY 1,000.00`, `≥ ¥500.00 且 < ¥1,000.00`.
 *
 * @since 0.1.0
 * @category formatting
 */
export const bandLabel = (band: AmountBand, currency: Money.Currency): Messages => {
  let byCurrency = bandCache.get(band)
  if (byCurrency === undefined) {
    byCurrency = new Map()
    bandCache.set(band, byCurrency)
  }
  let hit = byCurrency.get(currency)
  if (hit === undefined) {
    hit = bandText(band, currency)
    byCurrency.set(currency, hit)
  }
  return hit
}

const bandCache = new WeakMap<AmountBand, Map<string, Messages>>()

const bandText = (band: AmountBand, currency: Money.Currency): Messages => {
  const parts = (locale: "zh-CN" | "en"): Array<string> => {
    const out: Array<string> = []
    if (band.gt !== undefined) out.push(`> ${fmt(band.gt, currency, locale)}`)
    if (band.gte !== undefined) out.push(`≥ ${fmt(band.gte, currency, locale)}`)
    if (band.lt !== undefined) out.push(`< ${fmt(band.lt, currency, locale)}`)
    if (band.lte !== undefined) out.push(`≤ ${fmt(band.lte, currency, locale)}`)
    return out
  }
  return { zh: parts("zh-CN").join(" 且 "), en: parts("en").join(" and ") }
}

/**
 * An amount as text in both languages.
 *
 * @since 0.1.0
 * @category formatting
 */
export const moneyLabel = (m: Money.Money): Messages => ({ zh: Money.format(m, "zh-CN"), en: Money.format(m, "en") })
