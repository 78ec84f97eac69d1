/**
 * The monthly settlement against random months of records, under every valuation strategy: a
 * month of purchases (rice by the kg, pork by the 斤, milk by the box of 24 and partly accepted by
 * the bottle), issues to meals and otherwise, spoilage, stocktakes and returns, run through the
 * commands on the memory backend. The settlement's food cost (opening + purchases − closing) is
 * checked against the same cost computed independently: from the commands' own results, from the
 * meals' recorded costs, and from the lots' movements and current balances.
 */
import { BigDecimal, Effect, Exit, Result } from "effect"
import * as fc from "fast-check"
import { assert, describe, it } from "vitest"
import type { LocalDate } from "../kernel/LocalDate.ts"
import * as LD from "../kernel/LocalDate.ts"
import { cn } from "../packs/cn.ts"
import type { RulePack } from "../packs/RulePack.ts"
import { override } from "../packs/RulePack.ts"
import { LotRepository, MealRepository } from "../ports/canteen.ts"
import { saveOrganisation } from "../ports/people.ts"
import { organisation, services } from "../testing/canteenFixtures.ts"
import { acceptDelivery, closeMonth, createPurchaseOrder, issueStock, openAccount, planMeal, postAccountEntries, recordDiners, recordSpoilage, recordStocktake, returnToSupplier, saveIngredient, saveRecipe, saveSupplier } from "./commands.ts"
import { verifySettlement } from "./queries.ts"
import type { Lot } from "./model.ts"

const schoolId = "prop-school"
const ctx = { schoolId, actor: "director-1" }

type Ingredient = "rice" | "pork" | "milk"

interface Purchase {
  readonly ingredient: Ingredient
  /** kg of rice, 斤 of pork, boxes of milk */
  readonly amount: number
  /** fen per kg, per 斤, per box */
  readonly priceFen: number
  /** ‰ accepted (1000 = all) */
  readonly acceptPermille: number
}

interface Day {
  readonly purchases: ReadonlyArray<Purchase>
  readonly meals: ReadonlyArray<{ readonly issues: ReadonlyArray<{ readonly ingredient: Ingredient; readonly milli: number }>; readonly diners: ReadonlyArray<number> }>
  readonly other: ReadonlyArray<{ readonly ingredient: Ingredient; readonly milli: number }>
  readonly spoil: ReadonlyArray<{ readonly ingredient: Ingredient; readonly milli: number }>
  readonly stocktake: ReadonlyArray<{ readonly ingredient: Ingredient; readonly deltaMilli: number }>
  readonly returnPermille: number | undefined
}

const ingredient = fc.constantFrom<Ingredient>("rice", "pork", "milk")
const day: fc.Arbitrary<Day> = fc.record({
  purchases: fc.array(fc.record({
    ingredient,
    amount: fc.integer({ min: 1, max: 60 }),
    priceFen: fc.integer({ min: 100, max: 9_999 }),
    acceptPermille: fc.oneof(fc.constant(1000), fc.integer({ min: 1, max: 999 }))
  }), { maxLength: 3 }),
  meals: fc.array(fc.record({
    issues: fc.array(fc.record({ ingredient, milli: fc.integer({ min: 1, max: 40_000 }) }), { minLength: 1, maxLength: 3 }),
    diners: fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 3 })
  }), { maxLength: 2 }),
  other: fc.array(fc.record({ ingredient, milli: fc.integer({ min: 1, max: 5_000 }) }), { maxLength: 1 }),
  spoil: fc.array(fc.record({ ingredient, milli: fc.integer({ min: 1, max: 3_000 }) }), { maxLength: 1 }),
  stocktake: fc.array(fc.record({ ingredient, deltaMilli: fc.integer({ min: -3_000, max: 3_000 }) }), { maxLength: 1 }),
  returnPermille: fc.option(fc.integer({ min: 1, max: 500 }), { nil: undefined })
})

const month = (first: string, days: number) =>
  fc.uniqueArray(fc.integer({ min: 0, max: days - 1 }), { minLength: 1, maxLength: 6 })
    .chain((offsets) => fc.tuple(...offsets.sort((a, b) => a - b).map((o) => day.map((d) => ({ date: LD.addDays(first as LocalDate, o), ...d })))))

const units: Record<Ingredient, string> = { rice: "kg", pork: "斤", milk: "box" }
const stockUnits: Record<Ingredient, string> = { rice: "kg", pork: "kg", milk: "bottle" }
/** a quantity in thousandths of the stock unit; milk in whole bottles */
const issueQuantity = (i: Ingredient, milli: number) =>
  i === "milk" ? { value: String(Math.max(1, Math.round(milli / 1000))), unit: "bottle" } : { value: (milli / 1000).toFixed(3), unit: "kg" }

let seq = 0
const next = (p: string) => `${p}-${++seq}`

/** runs an effect that may be refused (not enough stock): a refusal writes nothing and is skipped */
const attempt = <A, E, R>(e: Effect.Effect<A, E, R>) => Effect.map(Effect.exit(e), (exit) => (Exit.isSuccess(exit) ? exit.value : undefined))

interface Tally {
  purchases: number
  returns: number
  issuedOther: number
  spoilage: number
  stocktake: number
}

const runDays = (days: ReadonlyArray<Day & { readonly date: LocalDate }>, tally: Tally) =>
  Effect.gen(function*() {
    for (const d of days) {
      for (const p of d.purchases) {
        const orderId = next("po")
        yield* createPurchaseOrder({ ...ctx, id: orderId, supplierId: "sup", orderedOn: d.date, lines: [{ ingredientId: p.ingredient, quantity: { value: String(p.amount), unit: units[p.ingredient] }, unitPrice: { amount: (p.priceFen / 100).toFixed(2), currency: "CNY", per: units[p.ingredient] } }] })
        const bottles = p.ingredient === "milk" ? p.amount * 24 : undefined
        const accepted = p.acceptPermille === 1000
          ? undefined
          : bottles !== undefined
          ? { value: String(Math.max(1, Math.min(bottles - 1, Math.round((bottles * p.acceptPermille) / 1000)))), unit: "bottle" }
          : { value: ((p.amount * p.acceptPermille) / 1000).toFixed(3), unit: units[p.ingredient] }
        const r = yield* acceptDelivery({
          ...ctx,
          id: next("del"),
          orderId,
          receivedAt: `${d.date}T07:00:00+08:00`,
          inspector: "keeper-1",
          lines: [{
            orderLine: 1,
            delivered: { value: String(p.amount), unit: units[p.ingredient] },
            weighed: { value: String(p.amount), unit: units[p.ingredient] },
            checks: { freshness: "pass", labels: "pass", ...(p.ingredient === "pork" ? { temperatureCelsius: "3" } : {}) },
            decision: accepted === undefined ? "accepted" : "partial",
            ...(accepted === undefined ? {} : { accepted, reason: "部分不合格" }),
            ...(p.ingredient === "milk" ? { bestBefore: LD.addDays(d.date, 10) } : {})
          }]
        })
        tally.purchases += r.delivery.total.amount
      }
      if (d.returnPermille !== undefined) {
        const lots = yield* LotRepository.use((r) => r.list(schoolId, { where: { open: true } }))
        const lot = lots.filter((l) => l.source === "delivery").sort((a, b) => (a.id < b.id ? -1 : 1))[0]
        if (lot !== undefined) {
          const q = lot.unit === "bottle" ? String(Math.max(1, Math.floor((Number(lot.remaining.value) / 10 ** lot.remaining.scale) * d.returnPermille / 1000))) : BigDecimal.format(BigDecimal.round(BigDecimal.multiply(lot.remaining, BigDecimal.make(BigInt(d.returnPermille), 3)), { scale: 3, mode: "floor" }))
          if (Number(q) > 0) {
            const r = yield* attempt(returnToSupplier({ ...ctx, date: d.date, lotId: lot.id, quantity: { value: q, unit: lot.unit }, reason: "质量问题退货" }))
            if (r !== undefined) tally.returns += r.value.amount
          }
        }
      }
      for (const m of d.meals) {
        const mealId = next("meal")
        yield* planMeal({ ...ctx, id: mealId, date: d.date, kind: "lunch", dishes: [{ recipeId: "rice-bowl", plannedServings: 100 }] })
        for (const line of m.issues) {
          yield* attempt(issueStock({ ...ctx, date: d.date, mealId, lines: [{ ingredientId: line.ingredient, quantity: issueQuantity(line.ingredient, line.milli) }] }))
        }
        yield* recordDiners({ ...ctx, mealId, diners: m.diners.map((count, i) => ({ dinerGroupId: ["lower", "middle", "upper"][i]!, count })) })
      }
      for (const line of d.other) {
        const r = yield* attempt(issueStock({ ...ctx, date: d.date, purpose: "教工活动", lines: [{ ingredientId: line.ingredient, quantity: issueQuantity(line.ingredient, line.milli) }] }))
        if (r !== undefined) tally.issuedOther += r.total.amount
      }
      for (const line of d.spoil) {
        const r = yield* attempt(recordSpoilage({ ...ctx, date: d.date, lines: [{ ingredientId: line.ingredient, quantity: issueQuantity(line.ingredient, line.milli), reason: "变质" }] }))
        if (r !== undefined) tally.spoilage += r.total.amount
      }
      for (const c of d.stocktake) {
        const lots = (yield* LotRepository.use((r) => r.list(schoolId, { where: { ingredientId: c.ingredient, open: true } })))
        const book = lots.reduce((a, l) => a + Number(BigDecimal.format(l.remaining)), 0)
        const counted = c.ingredient === "milk" ? Math.max(0, Math.round(book + c.deltaMilli / 1000)) : Math.max(0, Math.round(book * 1000 + c.deltaMilli) / 1000)
        const r = yield* attempt(recordStocktake({ ...ctx, date: d.date, counts: [{ ingredientId: c.ingredient, counted: { value: counted.toFixed(3), unit: stockUnits[c.ingredient] }, surplusValue: { amount: 500, currency: "CNY" } }] }))
        if (r !== undefined) tally.stocktake += r.differences.reduce((a, x) => a + x.value.amount, 0)
      }
    }
  })

const setUp = Effect.gen(function*() {
  yield* saveOrganisation({ ...ctx, organisation: organisation(schoolId) })
  yield* saveSupplier({ ...ctx, id: "sup", name: "综合供应商", licences: [{ kind: "business", number: "B-1" }, { kind: "foodBusiness", number: "F-1" }] })
  yield* saveIngredient({ ...ctx, id: "rice", name: "大米", category: "grain", stockUnit: "kg" })
  yield* saveIngredient({ ...ctx, id: "pork", name: "猪肉", category: "meat", stockUnit: "kg", storage: "chilled" })
  yield* saveIngredient({ ...ctx, id: "milk", name: "牛奶", category: "dairy", stockUnit: "bottle", conversions: [{ from: "box", to: "bottle", factor: "24" }] })
  yield* saveRecipe({ ...ctx, id: "rice-bowl", name: "米饭", kind: "staple", items: [{ _tag: "ingredient", ingredientId: "rice", gross: { value: "150", unit: "g" }, yield: "1" }] })
  yield* openAccount({ ...ctx, id: "acct-1", holder: { _tag: "staff", id: "cook-1" }, dinerGroupId: "staff" })
})

const sumLots = (lots: ReadonlyArray<Lot>, from: LocalDate, to: LocalDate, kinds: ReadonlyArray<string>) =>
  lots.reduce((a, l) => a + l.movements.filter((m) => m.date >= from && m.date <= to && kinds.includes(m.kind)).reduce((b, m) => b + m.value.amount, 0), 0)

const packFor = (valuation: "fifo" | "fefo" | "movingAverage"): RulePack =>
  Result.getOrThrow(override(cn, { sections: { canteen: { stock: { valuation } } } }))

describe.each(["fifo", "fefo", "movingAverage"] as const)("monthly settlement under %s", (valuation) => {
  it("for any random month, food cost (opening + purchases − closing) = issues to meals + other issues + spoilage + stocktake differences, each computed independently", async () => {
    await fc.assert(fc.asyncProperty(month("2026-03-01", 31), month("2026-04-01", 30), fc.integer({ min: 0, max: 2_000_000 }), async (march, april, feeFen) => {
      seq = 0
      const tally: Tally = { purchases: 0, returns: 0, issuedOther: 0, spoilage: 0, stocktake: 0 }
      const program = Effect.gen(function*() {
        yield* setUp
        yield* runDays(march, { purchases: 0, returns: 0, issuedOther: 0, spoilage: 0, stocktake: 0 })
        const march_ = yield* closeMonth({ ...ctx, month: "2026-03" })
        // opening stock of April, from the lots as they stand after March was closed
        const opening = (yield* LotRepository.use((r) => r.list(schoolId, { where: { open: true } }))).reduce((a, l) => a + l.remainingValue.amount, 0)
        if (feeFen > 0) yield* postAccountEntries({ ...ctx, entries: [{ accountId: "acct-1", date: "2026-04-01", kind: "charge", amount: { amount: feeFen, currency: "CNY" }, days: 22 }] })
        yield* runDays(april, tally)
        const settlement = yield* closeMonth({ ...ctx, month: "2026-04", otherCosts: [{ category: "fuel", label: "燃气费", amount: { amount: 35_000, currency: "CNY" } }] })
        const lots = yield* LotRepository.use((r) => r.list(schoolId))
        const meals = yield* MealRepository.use((r) => r.list(schoolId, { range: { field: "date", from: "2026-04-01", to: "2026-05-01" } }))
        const verified = yield* verifySettlement(schoolId, "2026-04")
        return { march: march_, settlement, opening, lots, meals, verified }
      })
      const { march: closedMarch, settlement: s, opening, lots, meals, verified } = await Effect.runPromise(Effect.provide(program, services({ pack: packFor(valuation), prefix: "p" })))
      const from = "2026-04-01" as LocalDate
      const to = "2026-04-30" as LocalDate
      const closing = lots.reduce((a, l) => a + l.remainingValue.amount, 0)
      // every amount of the settlement is money in the school's currency; the laws are on its fen
      const fen = (m: { readonly amount: number; readonly currency: string }) => {
        assert.strictEqual(m.currency, "CNY")
        return m.amount
      }
      // stock values: opening from the lots after March closed (and March's own closing), closing
      // from the lots' balances now, purchases from the deliveries and returns as accepted
      assert.strictEqual(fen(s.food.opening), opening, "opening = the lots' value after March")
      assert.deepStrictEqual(s.food.opening, closedMarch.food.closing, "opening = March's closing")
      assert.strictEqual(fen(s.food.closing), closing, "closing = the lots' balances now")
      assert.strictEqual(fen(s.food.purchases), tally.purchases - tally.returns, "purchases = accepted deliveries − returns")
      // what left stock: meals' recorded actual costs, the commands' own results
      const mealCosts = meals.reduce((a, m) => a + (m.actual?.cost.amount ?? 0), 0)
      assert.strictEqual(fen(s.consumption.issuedToMeals), mealCosts, "issues to meals = the meals' actual costs")
      assert.strictEqual(fen(s.consumption.issuedOther), tally.issuedOther)
      assert.strictEqual(fen(s.consumption.spoilage), tally.spoilage)
      assert.strictEqual(fen(s.consumption.stocktakeSurplus) - fen(s.consumption.stocktakeShortage), tally.stocktake)
      // the law: opening + purchases − closing = issues + spoilage + stocktake differences
      assert.strictEqual(opening + tally.purchases - tally.returns - closing, mealCosts + tally.issuedOther + tally.spoilage - tally.stocktake)
      assert.deepStrictEqual(s.food.cost, s.consumption.total)
      // and from the lots' movements directly
      assert.strictEqual(-sumLots(lots, from, to, ["issue", "spoilage", "stocktake"]), fen(s.consumption.total))
      assert.strictEqual(sumLots(lots, from, to, ["revaluation"]), 0)
      // the rest of the settlement
      assert.strictEqual(fen(s.income.mealFeesTotal), feeFen)
      assert.strictEqual(fen(s.balance), feeFen - fen(s.food.cost) - 35_000)
      assert.strictEqual(s.headMeals, meals.reduce((a, m) => a + (m.actual?.diners ?? 0), 0))
      assert.isTrue(verified.ok, JSON.stringify(verified.differences))
    }), { numRuns: 15 })
  }, 120_000)
})
