const inExcluded = (value: string | undefined, list: ReadonlyArray<string> | undefined): boolean =>
  list !== undefined && value !== undefined && list.includes(value)

/**
 * Whether a rule matches a request, and why (or why not): every test of the rule's `when` must
 * hold. Amounts compare exactly in integer fen.
 *
 * @since 0.1.0
 */
import type { Messages } from "../kernel/Errors.ts"
import type { Currency } from "../kernel/Money.ts"
import { bandLabel, kindLabel, moneyLabel } from "./labels.ts"
import type { AmountBand, AttributeTest, AttributeValue, Reason, Request, Rule } from "./model.ts"

/**
 * Whether an amount in fen lies in a band.
 *
 * @since 0.1.0
 * @category predicates
 */
export const inBand = (fen: number, band: AmountBand): boolean =>
  (band.gt === undefined || fen > band.gt) &&
  (band.gte === undefined || fen >= band.gte) &&
  (band.lt === undefined || fen < band.lt) &&
  (band.lte === undefined || fen <= band.lte)

/**
 * Whether an attribute test holds for a request's attributes.
 *
 * @since 0.1.0
 * @category predicates
 */
export const attributeHolds = (test: AttributeTest, attributes: Readonly<Record<string, AttributeValue>> | undefined): boolean => {
  const v = attributes?.[test.key]
  switch (test.op) {
    case "present":
      return v !== undefined
    case "absent":
      return v === undefined
    case "eq":
      return v !== undefined && v === test.value
    case "ne":
      return v === undefined || v !== test.value
    case "in":
      return v !== undefined && test.values.includes(v)
    case "gt":
      return typeof v === "number" && v > test.value
    case "gte":
      return typeof v === "number" && v >= test.value
    case "lt":
      return typeof v === "number" && v < test.value
    case "lte":
      return typeof v === "number" && v <= test.value
  }
}

const inList = (value: string | undefined, list: ReadonlyArray<string> | undefined): boolean =>
  list === undefined || (value !== undefined && list.includes(value))

/**
 * Whether a rule matches a request (its kind is among the rule's kinds and every test holds).
 * The fast path used by routing and simulation; {@link explainMatch} gives the reasons.
 *
 * @since 0.1.0
 * @category predicates
 */
export const matches = (rule: Rule, request: Request): boolean => {
  if (!rule.kinds.includes(request.kind)) return false
  const w = rule.when
  if (w.amount !== undefined && !inBand(request.amount.amount, w.amount)) return false
  if (!inList(request.category, w.category)) return false
  if (inExcluded(request.category, w.categoryNot)) return false
  if (!inList(request.fundingSource, w.fundingSource)) return false
  if (!inList(request.supplierStatus, w.supplierStatus)) return false
  if (w.attributes !== undefined) {
    for (const t of w.attributes) if (!attributeHolds(t, request.attributes)) return false
  }
  return true
}

const attributeText = (t: AttributeTest): string => {
  switch (t.op) {
    case "present":
      return `${t.key} present`
    case "absent":
      return `${t.key} absent`
    case "in":
      return `${t.key} in [${t.values.map((v) => JSON.stringify(v)).join(", ")}]`
    default:
      return `${t.key} ${({ eq: "=", ne: "≠", gt: ">", gte: "≥", lt: "<", lte: "≤" } as const)[t.op]} ${JSON.stringify(t.value)}`
  }
}

const show = (v: string | undefined): string => (v === undefined ? "—" : v)

/**
 * One reason per test of a rule, each saying whether it held for the request and which input
 * decided it. `held` is false for the first test that failed (and the reasons stop there).
 *
 * @since 0.1.0
 * @category explanations
 */
export const explainMatch = (rule: Rule, request: Request): { readonly held: boolean; readonly reasons: ReadonlyArray<Reason> } => {
  const reasons: Array<Reason> = []
  const currency: Currency = request.amount.currency
  const kindOk = rule.kinds.includes(request.kind)
  const k = kindLabel[request.kind]
  reasons.push({
    input: "kind",
    value: request.kind,
    test: `kind in [${rule.kinds.join(", ")}]`,
    zh: kindOk ? `申请类型为“${k.zh}”` : `申请类型“${k.zh}”不在本规则适用的类型中`,
    en: kindOk ? `the request is a ${k.en}` : `the rule does not concern a ${k.en}`
  })
  if (!kindOk) return { held: false, reasons }
  const w = rule.when
  if (w.amount !== undefined) {
    const ok = inBand(request.amount.amount, w.amount)
    const b = bandLabel(w.amount, currency)
    const m = moneyLabel(request.amount)
    reasons.push({
      input: "amount",
      value: request.amount.amount,
      test: b.en,
      zh: ok ? `金额 ${m.zh} ${b.zh}` : `金额 ${m.zh} 不满足 ${b.zh}`,
      en: ok ? `amount ${m.en} ${b.en}` : `amount ${m.en} is not ${b.en}`
    })
    if (!ok) return { held: false, reasons }
  }
  const lists: ReadonlyArray<readonly [keyof Request & string, ReadonlyArray<string> | undefined, Messages]> = [
    ["category", w.category, { zh: "类别", en: "category" }],
    ["fundingSource", w.fundingSource, { zh: "资金来源", en: "funding source" }],
    ["supplierStatus", w.supplierStatus, { zh: "供应商状态", en: "supplier status" }]
  ]
  for (const [field, list, label] of lists) {
    if (list === undefined) continue
    const value = request[field] as string | undefined
    const ok = inList(value, list)
    reasons.push({
      input: field,
      value: value ?? null,
      test: `${field} in [${list.join(", ")}]`,
      zh: ok ? `${label.zh}“${show(value)}”属于 ${list.join("、")}` : `${label.zh}“${show(value)}”不属于 ${list.join("、")}`,
      en: ok ? `${label.en} "${show(value)}" is one of ${list.join(", ")}` : `${label.en} "${show(value)}" is not one of ${list.join(", ")}`
    })
    if (!ok) return { held: false, reasons }
  }
  if (w.categoryNot !== undefined) {
    const ok = !inExcluded(request.category, w.categoryNot)
    const value = request.category
    reasons.push({
      input: "category",
      value: value ?? null,
      test: `category not in [${w.categoryNot.join(", ")}]`,
      zh: ok ? `类别“${show(value)}”不属于 ${w.categoryNot.join("、")}` : `类别“${show(value)}”属于本规则排除的 ${w.categoryNot.join("、")}`,
      en: ok ? `category "${show(value)}" is none of ${w.categoryNot.join(", ")}` : `category "${show(value)}" is one of the excluded ${w.categoryNot.join(", ")}`
    })
    if (!ok) return { held: false, reasons }
  }
  for (const t of w.attributes ?? []) {
    const ok = attributeHolds(t, request.attributes)
    const v = request.attributes?.[t.key]
    const text = attributeText(t)
    reasons.push({
      input: `attributes.${t.key}`,
      value: v ?? null,
      test: text,
      zh: ok ? `属性 ${text}（取值 ${v === undefined ? "无" : JSON.stringify(v)}）` : `属性不满足 ${text}（取值 ${v === undefined ? "无" : JSON.stringify(v)}）`,
      en: ok ? `attribute ${text} (value ${v === undefined ? "none" : JSON.stringify(v)})` : `attribute fails ${text} (value ${v === undefined ? "none" : JSON.stringify(v)})`
    })
    if (!ok) return { held: false, reasons }
  }
  return { held: true, reasons }
}
