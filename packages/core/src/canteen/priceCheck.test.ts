import { BigDecimal, Option } from "effect"
import { assert, describe, it } from "vitest"
import * as D from "../kernel/Decimal.ts"
import type { LocalDate } from "../kernel/LocalDate.ts"
import * as T from "../kernel/Time.ts"
import type { Ingredient } from "./model.ts"
import { median, priceFindings } from "./priceCheck.ts"
import { cn } from "./rules.ts"

const dec = (s: string) => Option.getOrThrow(D.parse(s))
const at = T.fromEpochMillis(Date.parse("2026-03-16T06:45:00+08:00"))
const greens = { schoolId: "s", id: "greens", version: 1, name: "小白菜", category: "vegetable", stockUnit: "kg", conversions: [], storage: "ambient", agricultural: true, hazards: [], tags: [] } as unknown as Ingredient
const milk = { ...greens, id: "milk", name: "牛奶", stockUnit: "bottle", conversions: [{ from: "box", to: "bottle", factor: D.fromInt(24) }] } as unknown as Ingredient
const history = (values: Array<[number, string]>) => values.map(([value, q], i) => ({ receivedOn: `2026-03-0${i + 1}` as LocalDate, quantity: dec(q), value }))

describe("price checks", () => {
  it("compares per stock unit: ¥1.80/斤 is ¥3.60/kg, 20% above a ¥3.00/kg reference (threshold 10%)", () => {
    const f = priceFindings({ subject: { kind: "deliveryLine", id: "d:1" }, at, ingredient: greens, unitPrice: { amount: dec("1.8"), currency: "CNY", per: "jin" }, reference: { amount: dec("3"), currency: "CNY", per: "kg" }, history: [] }, cn)
    assert.deepStrictEqual(f.map((x) => [x.rule, x.evidence["acceptedPerStockUnit"], x.evidence["referencePerStockUnit"], x.evidence["excess"]]), [["canteen.priceCheck.referenceThreshold", "3.6", "3", "0.2"]])
  })

  it("exactly 10% above is not above the threshold", () => {
    assert.deepStrictEqual(priceFindings({ subject: { kind: "x", id: "1" }, at, ingredient: greens, unitPrice: { amount: dec("3.3"), currency: "CNY", per: "kg" }, reference: { amount: dec("3"), currency: "CNY", per: "kg" }, history: [] }, cn), [])
  })

  it("against its own history: the median of the last purchases (¥3.00, ¥3.10, ¥3.20, ¥9.99/kg → median ¥3.15), 15% threshold", () => {
    const h = history([[3000, "10"], [3100, "10"], [6400, "20"], [9990, "10"]])
    // ¥3.70/kg is 17.46% above ¥3.15
    const f = priceFindings({ subject: { kind: "x", id: "1" }, at, ingredient: greens, unitPrice: { amount: dec("3.7"), currency: "CNY", per: "kg" }, history: h }, cn)
    assert.deepStrictEqual(f.map((x) => [x.rule, x.evidence["medianPerStockUnit"], x.evidence["excess"], x.evidence["purchases"]]), [["canteen.priceCheck.historyThreshold", "3.15", "0.1746", 4]])
    // ¥3.60/kg is 14.29% above: no finding; fewer than 3 earlier purchases: no history check
    assert.deepStrictEqual(priceFindings({ subject: { kind: "x", id: "1" }, at, ingredient: greens, unitPrice: { amount: dec("3.6"), currency: "CNY", per: "kg" }, history: h }, cn), [])
    assert.deepStrictEqual(priceFindings({ subject: { kind: "x", id: "1" }, at, ingredient: greens, unitPrice: { amount: dec("9"), currency: "CNY", per: "kg" }, history: h.slice(0, 2) }, cn), [])
  })

  it("a price per box of 24 compares per bottle: ¥66/box is ¥2.75 a bottle, 10% over ¥2.50 (not more)", () => {
    const f = priceFindings({ subject: { kind: "x", id: "1" }, at, ingredient: milk, unitPrice: { amount: dec("66"), currency: "CNY", per: "box" }, reference: { amount: dec("2.5"), currency: "CNY", per: "bottle" }, history: [] }, cn)
    assert.deepStrictEqual(f, [])
    const g = priceFindings({ subject: { kind: "x", id: "1" }, at, ingredient: milk, unitPrice: { amount: dec("67"), currency: "CNY", per: "box" }, reference: { amount: dec("2.5"), currency: "CNY", per: "bottle" }, history: [] }, cn)
    // 67 ÷ 24 = 2.791666… a bottle; ÷ 2.5 = 1.1167
    assert.deepStrictEqual(g.map((x) => x.evidence["excess"]), ["0.1167"])
  })

  it("median of an odd and an even count", () => {
    assert.strictEqual(D.format(median([dec("3"), dec("1"), dec("2")])!), "2")
    assert.strictEqual(D.format(median([dec("4"), dec("1"), dec("2"), dec("3")])!), "2.5")
    assert.isUndefined(median([]))
    assert.isTrue(BigDecimal.equals(median([dec("7")])!, dec("7")))
  })
})
