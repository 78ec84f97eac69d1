/**
 * Over-delivery at acceptance: more accepted on an order line than its quantity × (1 + the pack's
 * `acceptance.overDeliveryTolerance`, 5% in `cn`) is a finding, never a refusal.
 */
import { assert, describe, it, layer } from "@effect/vitest"
import { Effect, Option } from "effect"
import * as D from "../kernel/Decimal.ts"
import * as T from "../kernel/Time.ts"
import { PurchaseOrderRepository } from "../ports/canteen.ts"
import { saveOrganisation } from "../ports/people.ts"
import { organisation, services } from "../testing/canteenFixtures.ts"
import { overDeliveryFindings } from "./acceptance.ts"
import { acceptDelivery, createPurchaseOrder, saveIngredient, saveSupplier } from "./commands.ts"
import type { DeliveryLine, Ingredient, PurchaseOrder } from "./model.ts"
import { cn } from "./rules.ts"

const dec = (text: string) => Option.getOrThrow(D.parse(text))
const q = (value: string, unit: string) => ({ value: dec(value), unit }) as unknown as DeliveryLine["accepted"]
const at = T.parseInstant("2026-05-07T07:00:00+08:00")!

const pork = { id: "pork", name: "猪肉", stockUnit: "kg", conversions: [] } as unknown as Ingredient
const ingredients = new Map([["pork", pork]])
/** 40 斤 = 20 kg of pork ordered, `received` kg accepted so far */
const order = (received: string) =>
  ({ id: "po-1", schoolId: "s", lines: [{ line: 1, ingredientId: "pork", quantity: q("40", "jin"), received: q(received, "kg") }] }) as unknown as PurchaseOrder
const line = (n: number, accepted: string): Pick<DeliveryLine, "line" | "orderLine" | "ingredientId" | "accepted"> =>
  ({ line: n, orderLine: 1, ingredientId: "pork", accepted: q(accepted, "kg") }) as never

describe("over-delivery tolerance (canteen.acceptance.overDeliveryTolerance)", () => {
  it("cn: 5% (a house rule, no national source)", () => {
    assert.strictEqual(D.format(cn.acceptance.overDeliveryTolerance), "0.05")
  })

  it("20 kg ordered (40 斤), 12 kg accepted before: the limit is 20 × 1.05 = 21 kg; 9 kg more (21) is within it, 9.5 kg (21.5) is not", () => {
    const run = (accepted: string) => overDeliveryFindings({ order: order("12"), deliveryId: "del-2", lines: [line(1, accepted)], ingredients, at, rules: cn })
    assert.deepStrictEqual(run("9"), [])
    const [f, ...rest] = run("9.5")
    assert.strictEqual(rest.length, 0)
    assert.deepStrictEqual([f!.rule, f!.severity, f!.subject], ["canteen.acceptance.overDeliveryTolerance", "warning", { kind: "deliveryLine", id: "del-2:1" }])
    // 12 + 9.5 = 21.5 kg > 21 kg; 1.5 kg over the 20 ordered = 7.5%
    assert.deepStrictEqual(f!.evidence, {
      orderId: "po-1",
      orderLine: 1,
      ingredientId: "pork",
      unit: "kg",
      ordered: "20",
      alreadyAccepted: "12",
      accepted: "9.5",
      total: "21.5",
      limit: "21",
      excess: "1.5",
      tolerance: "0.05"
    })
    assert.include(f!.explanation.zh, "7.5%")
    assert.include(f!.explanation.en, "7.5% over the order (tolerance 5%)")
  })

  it("counts the delivery's earlier lines for the same order line: 12 + 5 + 4.5 = 21.5 kg, the second line tips it", () => {
    const found = overDeliveryFindings({ order: order("12"), deliveryId: "del-2", lines: [line(1, "5"), line(2, "4.5")], ingredients, at, rules: cn })
    assert.deepStrictEqual(found.map((f) => [f.subject.id, f.evidence["alreadyAccepted"], f.evidence["accepted"], f.evidence["total"]]), [["del-2:2", "17", "4.5", "21.5"]])
  })

  it("a school may set its own tolerance: with 0, anything over the order is a finding", () => {
    const strict = { ...cn, acceptance: { ...cn.acceptance, overDeliveryTolerance: dec("0") } }
    assert.strictEqual(overDeliveryFindings({ order: order("12"), deliveryId: "d", lines: [line(1, "8.001")], ingredients, at, rules: strict }).length, 1)
    assert.strictEqual(overDeliveryFindings({ order: order("12"), deliveryId: "d", lines: [line(1, "8")], ingredients, at, rules: strict }).length, 0)
  })
})

const schoolId = "over-delivery"
const ctx = { schoolId, actor: "director-1" }
const pass = { freshness: "pass", labels: "pass" } as const
const delivered = (kg: string) => ({ orderLine: 1, delivered: { value: kg, unit: "kg" }, weighed: { value: kg, unit: "kg" }, checks: pass, decision: "accepted" as const })

layer(services({ prefix: "o" }))((it) => {
  it.effect("acceptDelivery accepts an over-delivery and returns (and stores) the finding: 50 kg ordered, 30 + 23 = 53 kg > 50 × 1.05 = 52.5 kg", () =>
    Effect.gen(function*() {
      yield* saveOrganisation({ ...ctx, organisation: organisation(schoolId) })
      yield* saveSupplier({ ...ctx, id: "sup", name: "粮油店", licences: [{ kind: "business", number: "B" }, { kind: "foodBusiness", number: "F" }] })
      yield* saveIngredient({ ...ctx, id: "rice", name: "大米", category: "grain", stockUnit: "kg" })
      yield* createPurchaseOrder({ ...ctx, id: "po-rice", supplierId: "sup", orderedOn: "2026-05-06", lines: [{ ingredientId: "rice", quantity: { value: "50", unit: "kg" }, unitPrice: { amount: "4", currency: "CNY", per: "kg" } }] })
      const first = yield* acceptDelivery({ ...ctx, id: "del-a", orderId: "po-rice", receivedAt: "2026-05-06T07:00:00+08:00", inspector: "keeper-1", lines: [delivered("30")] })
      assert.deepStrictEqual(first.findings.filter((f) => f.rule === "canteen.acceptance.overDeliveryTolerance"), [])
      const second = yield* acceptDelivery({ ...ctx, id: "del-b", orderId: "po-rice", receivedAt: "2026-05-07T07:00:00+08:00", inspector: "keeper-1", lines: [delivered("23")] })
      // accepted all the same: 23 kg × ¥4 = ¥92.00 into stock
      assert.strictEqual(second.delivery.total.amount, 9200)
      assert.strictEqual(D.format(second.lots[0]!.quantity), "23")
      const over = second.findings.filter((f) => f.rule === "canteen.acceptance.overDeliveryTolerance")
      assert.deepStrictEqual(over.map((f) => [f.subject.id, f.evidence["ordered"], f.evidence["alreadyAccepted"], f.evidence["accepted"], f.evidence["limit"]]), [["del-b:1", "50", "30", "23", "52.5"]])
      assert.deepStrictEqual(second.delivery.findings, second.findings)
      const stored = yield* PurchaseOrderRepository.use((r) => r.get(schoolId, "po-rice"))
      assert.deepStrictEqual([stored.status, D.format(stored.lines[0]!.received.value)], ["received", "53"])
    }))
})
