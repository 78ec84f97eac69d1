import { assert, describe, it } from "vitest"
import * as D from "../kernel/Decimal.ts"
import * as Id from "../kernel/Id.ts"
import { createHouqin } from "../houqin.ts"
import { organisation } from "../testing/canteenFixtures.ts"

describe("the canteen through the Promise API", () => {
  it("runs the commands and rejects with the same typed errors, with their paths", async () => {
    const houqin = createHouqin({ clock: () => Date.parse("2026-03-16T08:00:00+08:00"), ids: Id.layerSequential("p") })
    const ctx = { schoolId: "promise-school", actor: "director-1" }
    try {
      await houqin.people.saveOrganisation({ ...ctx, organisation: organisation(ctx.schoolId) })
      await houqin.canteen.saveSupplier({ ...ctx, id: "sup", name: "供应商", licences: [{ kind: "business", number: "B" }, { kind: "foodBusiness", number: "F" }] })
      const egg = await houqin.canteen.saveIngredient({ ...ctx, id: "egg", name: "鸡蛋", category: "egg", stockUnit: "each", conversions: [{ from: "each", to: "g", factor: "50" }] })
      assert.strictEqual(egg.version, 1)
      // 30 斤 of eggs at 50 g each = 300 eggs; ¥5.60/斤 × 30 = ¥168.00
      const { order } = await houqin.canteen.createPurchaseOrder({ ...ctx, id: "po", supplierId: "sup", orderedOn: "2026-03-16", lines: [{ ingredientId: "egg", quantity: { value: "30", unit: "斤" }, unitPrice: { amount: "5.6", currency: "CNY", per: "斤" } }] })
      assert.strictEqual(order.total.amount, 16800)
      const { lots } = await houqin.canteen.acceptDelivery({
        ...ctx,
        orderId: "po",
        receivedAt: "2026-03-16T07:00:00+08:00",
        inspector: "keeper-1",
        lines: [{ orderLine: 1, delivered: { value: "30", unit: "斤" }, weighed: { value: "30", unit: "斤" }, checks: { freshness: "pass", labels: "pass" }, decision: "accepted" }]
      })
      assert.deepStrictEqual(lots.map((l) => [l.unit, D.format(l.remaining), l.remainingValue]), [["each", "300", { amount: 16800, currency: "CNY" }]])
      const board = await houqin.canteen.dailyPublication(ctx.schoolId, "2026-03-16")
      // the board's total is money, like every amount the canteen returns
      assert.deepStrictEqual(board.total, { amount: 16800, currency: "CNY" })

      const missing = await houqin.canteen.acceptDelivery({ ...ctx, orderId: "nope", receivedAt: "2026-03-16T07:00:00+08:00", inspector: "k", lines: [{ orderLine: 1, delivered: { value: "1", unit: "kg" }, weighed: { value: "1", unit: "kg" }, checks: { freshness: "pass", labels: "pass" }, decision: "accepted" }] })
        .then(() => undefined, (e: unknown) => e as { _tag: string; code: string; path: ReadonlyArray<string | number> })
      assert.deepStrictEqual([missing?._tag, missing?.code, missing?.path], ["NotFoundError", "storage.notFound", ["orderId"]])
      const badDate = await houqin.canteen.dailyPublication(ctx.schoolId, "2026-02-30").then(() => undefined, (e: unknown) => e as { _tag: string; path: ReadonlyArray<string> })
      assert.deepStrictEqual([badDate?._tag, badDate?.path], ["ValidationError", ["date"]])
      assert.isTrue((await houqin.audit.verify(ctx.schoolId)).ok)
    } finally {
      await houqin.dispose()
    }
  })
})
