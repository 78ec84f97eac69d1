/**
 * A small school day, checked by hand: a lunch of three dishes for 400 students, with rice bought
 * by the kg, pork, potatoes and greens bought by the 斤 and the kg, weighed and accepted (one line
 * partly, one rejected), published, costed before the meal from stock, issued (greens over plan),
 * and costed after it for the diners counted. Stock is kept in kg; 1 斤 = 0.5 kg, 1 两 = 50 g.
 * Valuation is FIFO (the `cn` default); each ingredient has one lot, so FIFO is simply the lot's
 * own cost.
 */
import { assert, describe, layer } from "@effect/vitest"
import { Effect, Schema } from "effect"
import * as D from "../kernel/Decimal.ts"
import { AuditLog } from "../ports/AuditLog.ts"
import { saveOrganisation } from "../ports/people.ts"
import { organisation, services } from "../testing/canteenFixtures.ts"
import { acceptDelivery, createPurchaseOrder, issueStock, planMeal, recordDiners, saveFoodHandler, saveIngredient, savePriceList, saveRecipe, saveSupplier } from "./commands.ts"
import { complianceFindings, costRecipe, dailyPublication, stockOnHand } from "./queries.ts"
import { DailyPublication } from "./publication.ts"

const schoolId = "school-day"
const ctx = { schoolId, actor: "director-1" }
const kg = (value: string) => ({ value, unit: "kg" })
const jin = (value: string) => ({ value, unit: "斤" })
const pass = { freshness: "pass", labels: "pass" } as const

const setUp = Effect.gen(function*() {
  yield* saveOrganisation({ ...ctx, organisation: organisation(schoolId) })
  // 绿源农贸's food business licence lapsed on 2026-03-01; 粮油公司's licences are in force
  yield* saveSupplier({
    ...ctx,
    id: "sup-green",
    name: "绿源农贸",
    licences: [
      { kind: "business", number: "91330100MA2B" },
      { kind: "foodBusiness", number: "JY13301000001", validUntil: "2026-03-01" }
    ]
  })
  yield* saveSupplier({
    ...ctx,
    id: "sup-grain",
    name: "粮油公司",
    licences: [
      { kind: "business", number: "91330100MA2C" },
      { kind: "foodBusiness", number: "JY13301000002", validUntil: "2027-12-31" }
    ]
  })
  yield* saveIngredient({ ...ctx, id: "rice", name: "大米", category: "grain", stockUnit: "kg" })
  yield* saveIngredient({ ...ctx, id: "pork", name: "猪肉", category: "meat", stockUnit: "kg", storage: "chilled", agricultural: true })
  yield* saveIngredient({ ...ctx, id: "potato", name: "土豆", category: "vegetable", stockUnit: "kg", agricultural: true })
  yield* saveIngredient({ ...ctx, id: "greens", name: "小白菜", category: "vegetable", stockUnit: "kg", agricultural: true })
  yield* saveIngredient({ ...ctx, id: "tomato", name: "番茄", category: "vegetable", stockUnit: "kg", agricultural: true })
  yield* savePriceList({
    ...ctx,
    id: "prices-march",
    name: "三月参考价",
    source: "区发改委农产品价格监测",
    effectiveFrom: "2026-03-01",
    entries: [
      { ingredientId: "pork", price: { amount: "12", currency: "CNY", per: "jin" } },
      { ingredientId: "rice", price: { amount: "4.2", currency: "CNY", per: "kg" } }
    ]
  })
  // per serving: rice 150 g; pork 1.2 两 (= 60 g, 净料率 0.9) and potato 80 g (0.85); greens 100 g (0.8)
  yield* saveRecipe({ ...ctx, id: "rice-bowl", name: "米饭", kind: "staple", items: [{ _tag: "ingredient", ingredientId: "rice", gross: { value: "150", unit: "g" }, yield: "1" }] })
  yield* saveRecipe({
    ...ctx,
    id: "pork-potato",
    name: "土豆烧肉",
    kind: "main",
    items: [
      { _tag: "ingredient", ingredientId: "pork", gross: { value: "1.2", unit: "两" }, yield: "0.9" },
      { _tag: "ingredient", ingredientId: "potato", gross: { value: "80", unit: "g" }, yield: "0.85" }
    ]
  })
  yield* saveRecipe({ ...ctx, id: "greens-stirfry", name: "清炒小白菜", kind: "side", items: [{ _tag: "ingredient", ingredientId: "greens", gross: { value: "100", unit: "g" }, yield: "0.8" }] })
  yield* createPurchaseOrder({ ...ctx, id: "po-grain", supplierId: "sup-grain", orderedOn: "2026-03-15", deliverOn: "2026-03-16", lines: [{ ingredientId: "rice", quantity: kg("100"), unitPrice: { amount: "4.20", currency: "CNY", per: "kg" } }] })
  yield* createPurchaseOrder({
    ...ctx,
    id: "po-green",
    supplierId: "sup-green",
    orderedOn: "2026-03-15",
    deliverOn: "2026-03-16",
    lines: [
      { ingredientId: "pork", quantity: jin("60"), unitPrice: { amount: "13.50", currency: "CNY", per: "斤" } },
      { ingredientId: "potato", quantity: jin("85"), unitPrice: { amount: "1.35", currency: "CNY", per: "斤" } },
      { ingredientId: "greens", quantity: kg("46"), unitPrice: { amount: "3.99", currency: "CNY", per: "kg" } },
      { ingredientId: "tomato", quantity: kg("10"), unitPrice: { amount: "4.00", currency: "CNY", per: "kg" } }
    ]
  })
})

layer(services({ prefix: "t" }))((it) => {
  describe("a school day: lunch of 3 dishes for 400 students", () => {
    it.effect("purchases in 斤 and kg are weighed, accepted, published, costed before and after the meal, to the fen", () =>
      Effect.gen(function*() {
        yield* setUp

        // ── acceptance ───────────────────────────────────────────────────────────────────────
        // rice: 100 kg at ¥4.20/kg = ¥420.00 = 42000 fen
        const grain = yield* acceptDelivery({
          ...ctx,
          id: "del-grain",
          orderId: "po-grain",
          receivedAt: "2026-03-16T06:30:00+08:00",
          inspector: "keeper-1",
          lines: [{ orderLine: 1, delivered: kg("100"), weighed: kg("100"), checks: pass, decision: "accepted" }]
        })
        assert.strictEqual(grain.delivery.total.amount, 42000)
        assert.deepStrictEqual(grain.findings.map((f) => f.rule), [])

        const green = yield* acceptDelivery({
          ...ctx,
          id: "del-green",
          orderId: "po-green",
          receivedAt: "2026-03-16T06:45:00+08:00",
          inspector: "keeper-1",
          lines: [
            // pork: 60.5 斤 on the scale (= 30.25 kg), 4 °C: 60.5 × ¥13.50 = ¥816.75 = 81675 fen
            { orderLine: 1, delivered: jin("60"), weighed: jin("60.5"), checks: { ...pass, temperatureCelsius: "4" }, decision: "accepted" },
            // potatoes: 85 斤 weighed, 5 斤 sprouted and sent back; 80 斤 (= 40 kg) × ¥1.35 = ¥108.00
            { orderLine: 2, delivered: jin("85"), weighed: jin("85"), checks: { freshness: "fail", labels: "pass" }, decision: "partial", accepted: jin("80"), reason: "5斤发芽" },
            // greens: 46 kg on the invoice, 45.5 kg on the scale: 45.5 × ¥3.99 = ¥181.545 → ¥181.55 (half-up, once)
            { orderLine: 3, delivered: kg("46"), weighed: kg("45.5"), checks: pass, decision: "accepted" },
            // tomatoes: rotten, rejected
            { orderLine: 4, delivered: kg("10"), weighed: kg("10"), checks: { freshness: "fail", labels: "pass" }, decision: "rejected", reason: "腐烂" }
          ]
        })
        const d = green.delivery
        assert.strictEqual(d.status, "partial")
        assert.deepStrictEqual(d.lines.map((l) => [l.ingredientId, D.format(l.accepted.value), l.accepted.unit, l.amount.amount]), [
          ["pork", "30.25", "kg", 81675],
          ["potato", "40", "kg", 10800],
          ["greens", "45.5", "kg", 18155],
          ["tomato", "0", "kg", 0]
        ])
        // returned: potatoes 85 − 80 = 5 斤 = 2.5 kg; tomatoes 10 kg
        assert.deepStrictEqual(d.lines.map((l) => D.format(l.returned.value)), ["0", "2.5", "0", "10"])
        // 81675 + 10800 + 18155 = 110630 fen
        assert.strictEqual(d.total.amount, 110630)
        // findings: 绿源's food business licence lapsed (from 2026-03-02, Beijing time); pork at
        // ¥13.50/斤 is 12.5% above the reference ¥12.00/斤 (threshold 10%)
        assert.deepStrictEqual(green.findings.map((f) => [f.rule, f.severity]), [
          ["canteen.suppliers.requiredLicences", "violation"],
          ["canteen.priceCheck.referenceThreshold", "warning"]
        ])
        assert.strictEqual(green.findings[0]!.at.epochMilliseconds, Date.parse("2026-03-02T00:00:00+08:00"))
        // per kg: ¥27.00 accepted, ¥24.00 reference; 27 ÷ 24 − 1 = 0.125
        assert.deepStrictEqual(green.findings[1]!.evidence, {
          ingredientId: "pork",
          unit: "kg",
          acceptedPrice: "CNY 13.50 / jin (500 g)",
          acceptedPerStockUnit: "27",
          referencePerStockUnit: "24",
          excess: "0.125",
          threshold: "0.1"
        })

        // ── daily publication (每日公示) ─────────────────────────────────────────────────────
        const board = yield* dailyPublication(schoolId, "2026-03-16")
        // 42000 + 110630 = 152630 fen = ¥1,526.30
        assert.deepStrictEqual(board.total, { amount: 152630, currency: "CNY" })
        assert.deepStrictEqual(board.lines.map((l) => [l.ingredient, l.supplier, l.purchased === undefined ? null : `${D.format(l.purchased.value)} ${l.purchased.unit}`, l.amount.amount]), [
          ["大米", "粮油公司", "100 kg", 42000],
          ["猪肉", "绿源农贸", "60.5 jin", 81675],
          ["土豆", "绿源农贸", "80 jin", 10800],
          ["小白菜", "绿源农贸", "45.5 kg", 18155]
        ])
        assert.deepStrictEqual(board.rejected.map((r) => [r.ingredient, D.format(r.quantity.value), r.reason]), [["土豆", "2.5", "5斤发芽"], ["番茄", "10", "腐烂"]])
        assert.deepStrictEqual(board.bySupplier.map((s) => [s.supplier, s.lines, s.amount.amount]), [["绿源农贸", 3, 110630], ["粮油公司", 1, 42000]])
        // the publication encodes to plain JSON for reports
        const json = Schema.encodeSync(DailyPublication)(board)
        assert.deepStrictEqual(json.lines[1]!.quantity, { value: "30.25", unit: "kg" })

        // ── pre-meal costing (餐前菜价合算) from stock ────────────────────────────────────────
        const meal = yield* planMeal({
          ...ctx,
          id: "lunch-16",
          date: "2026-03-16",
          kind: "lunch",
          dishes: [
            { recipeId: "rice-bowl", plannedServings: 400 },
            { recipeId: "pork-potato", plannedServings: 400 },
            { recipeId: "greens-stirfry", plannedServings: 400 }
          ],
          plannedDiners: [{ dinerGroupId: "lower", count: 133 }, { dinerGroupId: "middle", count: 133 }, { dinerGroupId: "upper", count: 134 }]
        })
        const plan = meal.preMealCost
        // rice 400 × 150 g = 60 kg: 42000 × 60 ÷ 100 = 25200
        // pork 400 × 1.2 两 = 480 两 = 24 kg: 81675 × 24 ÷ 30.25 = 64800
        // potato 400 × 80 g = 32 kg: 10800 × 32 ÷ 40 = 8640
        // greens 400 × 100 g = 40 kg: 18155 × 40 ÷ 45.5 = 15960.44 → 15960
        assert.deepStrictEqual(plan.lines.map((l) => [l.ingredientId, D.format(l.quantity), l.value.amount]), [
          ["rice", "60", 25200],
          ["pork", "24", 64800],
          ["potato", "32", 8640],
          ["greens", "40", 15960]
        ])
        // dish prices per serving: 25200 ÷ 400 = 63; (64800 + 8640) ÷ 400 = 183.6 → 184; 15960 ÷ 400 = 39.9 → 40
        assert.deepStrictEqual(plan.dishes.map((x) => [x.recipeId, x.cost.amount, x.perServing.amount]), [
          ["rice-bowl", 25200, 63],
          ["pork-potato", 73440, 184],
          ["greens-stirfry", 15960, 40]
        ])
        // 25200 + 73440 + 15960 = 114600 fen; per head 114600 ÷ 400 = 286.5 → 287 (half-up)
        assert.deepStrictEqual(plan.total, { amount: 114600, currency: "CNY" })
        assert.deepStrictEqual(plan.perHead, { amount: 287, currency: "CNY" })
        // the dish alone, from the reference list where it has a price: pork 24 kg = 48 斤 × ¥12.00
        // = 57600; potatoes are not listed, so from stock: 8640; (57600 + 8640) ÷ 400 = 165.6 → 166
        const listed = yield* costRecipe(schoolId, "pork-potato", { servings: 400, date: "2026-03-16", basis: "priceList" })
        assert.deepStrictEqual([listed.cost.amount, listed.perServing.amount, listed.lines.map((l) => l.sources.join("+"))], [66240, 166, ["priceList", "stock"]])

        // ── issue (出库): rice in 斤, greens 2 kg over plan ─────────────────────────────────
        const issued = yield* issueStock({
          ...ctx,
          date: "2026-03-16",
          mealId: "lunch-16",
          lines: [
            { ingredientId: "rice", quantity: jin("120") },
            { ingredientId: "pork", quantity: kg("24") },
            { ingredientId: "potato", quantity: kg("32") },
            { ingredientId: "greens", quantity: kg("42") }
          ]
        })
        // greens 42 kg: 18155 × 42 ÷ 45.5 = 16758.46 → 16758; 25200 + 64800 + 8640 + 16758 = 115398
        assert.deepStrictEqual(issued.issues.map((x) => [x.ingredientId, D.format(x.quantity), x.value.amount]), [
          ["rice", "60", 25200],
          ["pork", "24", 64800],
          ["potato", "32", 8640],
          ["greens", "42", 16758]
        ])
        assert.deepStrictEqual(issued.total, { amount: 115398, currency: "CNY" })

        // ── after the meal: diners counted, actual cost, allocation, variance ────────────────
        const served = yield* recordDiners({
          ...ctx,
          mealId: "lunch-16",
          diners: [{ dinerGroupId: "lower", count: 133 }, { dinerGroupId: "middle", count: 133 }, { dinerGroupId: "upper", count: 134 }]
        })
        const actual = served.meal.actual!
        assert.deepStrictEqual(actual.cost, { amount: 115398, currency: "CNY" })
        // 115398 ÷ 400 = 288.495 → 288 (half-up rounds .495 down)
        assert.strictEqual(actual.perHead?.amount, 288)
        // shares 115398 × 133/400 = 38369.835, × 133/400 = 38369.835, × 134/400 = 38658.33;
        // floors 38369 + 38369 + 38658 = 115396, the 2 fen left go to the largest remainders
        assert.deepStrictEqual(actual.allocation.map((a) => a.amount.amount), [38370, 38370, 38658])
        // variance: greens 2 kg over plan at the planned 15960 ÷ 40 kg = 399 fen/kg → 798 fen of
        // quantity variance; no price variance (same lot); 115398 − 114600 = 798
        const v = served.variance
        assert.deepStrictEqual(v.difference, { amount: 798, currency: "CNY" })
        assert.deepStrictEqual(v.lines.filter((l) => l.causes.length > 0).map((l) => [l.ingredientId, l.quantityVariance.amount, l.priceVariance.amount, l.causes]), [["greens", 798, 0, ["quantity"]]])
        assert.deepStrictEqual(v.causes, ["quantity"])

        // ── stock left ───────────────────────────────────────────────────────────────────────
        // rice 40 kg (42000 − 25200 = 16800), pork 6.25 kg (81675 − 64800 = 16875), potato 8 kg
        // (10800 − 8640 = 2160), greens 3.5 kg (18155 − 16758 = 1397)
        const stock = yield* stockOnHand(schoolId)
        assert.deepStrictEqual(stock.map((s) => [s.ingredientId, D.format(s.quantity), s.value.amount]), [
          ["greens", "3.5", 1397],
          ["pork", "6.25", 16875],
          ["potato", "8", 2160],
          ["rice", "40", 16800]
        ])

        // ── every command left one audit entry; the chain verifies ───────────────────────────
        const audit = yield* AuditLog
        const entries = yield* audit.entries(schoolId)
        assert.deepStrictEqual(entries.slice(-5).map((e) => e.command), [
          "canteen.acceptDelivery",
          "canteen.acceptDelivery",
          "canteen.planMeal",
          "canteen.issueStock",
          "canteen.recordDiners"
        ])
        assert.isTrue((yield* audit.verify(schoolId)).ok)
      }))

    it.effect("compliance on the day: a cook's certificate issued 2025-03-10 lapsed after 2026-03-09", () =>
      Effect.gen(function*() {
        const ctx = { schoolId: "school-day-hc", actor: "director-1" }
        yield* saveOrganisation({ ...ctx, organisation: organisation(ctx.schoolId) })
        yield* saveFoodHandler({
          ...ctx,
          staffId: "cook-1",
          name: "张师傅",
          duty: "cook",
          certificates: [{ number: "HC-2025-001", issuedOn: "2025-03-10" }],
          trainings: [{ date: "2026-02-20", topic: "食品安全法规", hours: "4" }]
        })
        yield* saveFoodHandler({
          ...ctx,
          staffId: "cook-2",
          name: "李师傅",
          duty: "cook",
          certificates: [{ number: "HC-2025-002", issuedOn: "2025-04-01" }],
          trainings: [{ date: "2026-02-20", topic: "食品安全法规", hours: "4" }]
        })
        const findings = (yield* complianceFindings(ctx.schoolId, "2026-03-16")).filter((f) => f.subject.kind === "foodHandler")
        // cook-1: valid 12 months from 2025-03-10, through 2026-03-09 → lapsed from 2026-03-10
        // cook-2: valid through 2026-03-31, 15 days left < 30 → a warning to renew
        assert.deepStrictEqual(findings.map((f) => [f.subject.id, f.rule, f.severity]), [
          ["cook-1", "canteen.healthCertificate.validityMonths", "violation"],
          ["cook-2", "canteen.healthCertificate.warnDays", "warning"]
        ])
        assert.strictEqual(findings[0]!.evidence["validUntil"], "2026-03-09")
        assert.strictEqual(findings[0]!.at.epochMilliseconds, Date.parse("2026-03-10T00:00:00+08:00"))
      }))
  })
})
