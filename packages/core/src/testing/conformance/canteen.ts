/**
 * Conformance cases of the canteen's storage: every aggregate reads back exactly as written
 * (decimals to 8 places, Chinese text, money in fen), the projected fields answer the queries the
 * commands make, commands are atomic with one audit entry each, concurrent issues never oversell,
 * and a closed month's settlement is reproducible from what the backend stored.
 *
 * @since 0.1.0
 */
import { Effect, Exit, Option, Result, Schema } from "effect"
import { assert } from "vitest"
import * as Stock from "../../canteen/stock.ts"
import {
  acceptDelivery,
  closeMonth,
  createPurchaseOrder,
  issueStock,
  openAccount,
  planMeal,
  postAccountEntries,
  recordAccompaniedMeal,
  recordDiners,
  recordDisinfection,
  recordHandlerCheck,
  recordHealthCertificate,
  saveFoodHandler,
  saveIngredient,
  saveMenu,
  savePriceList,
  saveRecipe,
  saveSupplier
} from "../../canteen/commands.ts"
import { hygieneRegister, verifySettlement } from "../../canteen/queries.ts"
import * as D from "../../kernel/Decimal.ts"
import * as Json from "../../kernel/Json.ts"
import { AuditLog } from "../../ports/AuditLog.ts"
import {
  AccompaniedMealRepository,
  AccountRepository,
  DeliveryRepository,
  DisinfectionRepository,
  FoodHandlerRepository,
  HandlerCheckRepository,
  IngredientRepository,
  LotRepository,
  LotSpec,
  MealRepository,
  MealSpec,
  MenuRepository,
  PriceListRepository,
  PurchaseOrderRepository,
  RecipeRepository,
  SettlementRepository,
  specs,
  SupplierRepository
} from "../../ports/canteen.ts"
import { applyQuery } from "../../ports/Memory.ts"
import { saveOrganisation } from "../../ports/people.ts"
import type { AggregateRoot, AggregateSpec, Query } from "../../ports/Storage.ts"
import { organisation } from "../canteenFixtures.ts"
import type { Group } from "../conformance.ts"
import type { Lot } from "../../canteen/model.ts"
import type { LocalDate } from "../../kernel/LocalDate.ts"
import { hasFields } from "./expect.ts"

const same = (actual: unknown, expected: unknown, message: string) =>
  assert.strictEqual(Result.getOrThrow(Json.canonicalize(actual)), Result.getOrThrow(Json.canonicalize(expected)), message)

const encoded = <A extends AggregateRoot, E>(spec: AggregateSpec<A, E>, value: A) => Schema.encodeSync(spec.schema)(value)

const pass = { freshness: "pass", labels: "pass" } as const

/** a small canteen: suppliers, ingredients (one with 8-place numbers), recipes, an order accepted into stock */
const setUp = (schoolId: string) =>
  Effect.gen(function*() {
    const ctx = { schoolId, actor: "director-1" }
    yield* saveOrganisation({ ...ctx, organisation: organisation(schoolId) })
    const supplier = yield* saveSupplier({ ...ctx, id: `${schoolId}-sup`, name: "绿源农贸 \"Green\" 'source'; --", licences: [{ kind: "business", number: "B-1" }, { kind: "foodBusiness", number: "F-1", validFrom: "2025-01-01", validUntil: "2027-12-31" }] })
    const rice = yield* saveIngredient({ ...ctx, id: `${schoolId}-rice`, name: "大米 🍚", category: "grain", stockUnit: "kg", tags: ["staple"] })
    const oil = yield* saveIngredient({ ...ctx, id: `${schoolId}-oil`, name: "花生油", category: "oil", stockUnit: "L", conversions: [{ from: "barrel", to: "L", factor: "5" }, { from: "L", to: "kg", factor: "0.91234567" }] })
    const rec = yield* saveRecipe({
      ...ctx,
      id: `${schoolId}-rice-bowl`,
      name: "米饭",
      kind: "staple",
      items: [
        { _tag: "ingredient", ingredientId: `${schoolId}-rice`, gross: { value: "0.12345678", unit: "kg" }, yield: "0.87654321" },
        { _tag: "ingredient", ingredientId: `${schoolId}-oil`, gross: { value: "2", unit: "ml" }, yield: "1" }
      ]
    })
    const order = yield* createPurchaseOrder({
      ...ctx,
      id: `${schoolId}-po`,
      supplierId: `${schoolId}-sup`,
      orderedOn: "2026-03-15",
      lines: [
        { ingredientId: `${schoolId}-rice`, quantity: { value: "100", unit: "斤" }, unitPrice: { amount: "2.15", currency: "CNY", per: "斤" } },
        { ingredientId: `${schoolId}-oil`, quantity: { value: "2", unit: "barrel" }, unitPrice: { amount: "89.9", currency: "CNY", per: "barrel" } }
      ]
    })
    const accepted = yield* acceptDelivery({
      ...ctx,
      id: `${schoolId}-del`,
      orderId: `${schoolId}-po`,
      receivedAt: "2026-03-16T06:30:00+08:00",
      inspector: "keeper-1",
      lines: [
        { orderLine: 1, delivered: { value: "100", unit: "斤" }, weighed: { value: "99.5", unit: "斤" }, checks: pass, decision: "accepted" },
        { orderLine: 2, delivered: { value: "2", unit: "barrel" }, weighed: { value: "2", unit: "barrel" }, checks: pass, decision: "accepted", bestBefore: "2027-03-01" }
      ]
    })
    return { ctx, supplier, rice, oil, recipe: rec, order: order.order, delivery: accepted.delivery, lots: accepted.lots }
  })

/**
 * @since 0.1.0
 * @category cases
 */
export const canteenCases: Group = {
  name: "canteen",
  cases: [
    {
      name: "round trip: every canteen aggregate reads back exactly as written",
      run: Effect.gen(function*() {
        const s = yield* setUp("conf-canteen-rt")
        const { ctx } = s
        const handler = yield* saveFoodHandler({ ...ctx, staffId: "cook-1", name: "张师傅", duty: "cook", trainings: [{ date: "2026-02-20", topic: "食品安全", hours: "2.5" }] })
        const handler2 = yield* recordHealthCertificate({ ...ctx, staffId: "cook-1", certificate: { number: "HC-1", issuedOn: "2025-06-01", issuer: "区疾控中心" } })
        const list = yield* savePriceList({ ...ctx, id: "conf-canteen-rt-prices", name: "参考价", source: "发改委", effectiveFrom: "2026-03-01", entries: [{ ingredientId: "conf-canteen-rt-rice", price: { amount: "2.12345678", currency: "CNY", per: "斤" } }] })
        const meal = yield* planMeal({ ...ctx, id: "conf-canteen-rt-meal", date: "2026-03-16", kind: "lunch", dishes: [{ recipeId: "conf-canteen-rt-rice-bowl", plannedServings: 300 }], plannedDiners: [{ dinerGroupId: "lower", count: 300 }] })
        const menu = yield* saveMenu({ ...ctx, id: "conf-canteen-rt-menu", weekStart: "2026-03-16", meals: [{ date: "2026-03-16", kind: "lunch", dishes: ["conf-canteen-rt-rice-bowl"] }] })
        const account = yield* openAccount({ ...ctx, id: "conf-canteen-rt-acct", holder: { _tag: "staff", id: "cook-2" }, dinerGroupId: "staff" })
        const [withEntry] = yield* postAccountEntries({ ...ctx, entries: [{ accountId: "conf-canteen-rt-acct", date: "2026-03-01", kind: "deposit", amount: { amount: 9_007_199_254_740, currency: "CNY" }, note: "预存 \\ \u00e9" }] })
        const disinfection = yield* recordDisinfection({ ...ctx, id: "conf-canteen-rt-dis", date: "2026-03-16", meal: "lunch", at: "2026-03-16T13:05:00+08:00", method: "chlorine", chlorineMgPerL: "249.99999999", seconds: 300, items: "餐盘 300、碗 300 🥣", operator: "cook-1" })
        const accompanied = yield* recordAccompaniedMeal({ ...ctx, id: "conf-canteen-rt-acc", date: "2026-03-16", meal: "lunch", at: "2026-03-16T12:00:00+08:00", companions: [{ _tag: "leader", staffId: "director-1" }, { _tag: "parent", name: "O'Brien \"家长\"; --" }], rating: "fair", problems: ["汤偏咸", "米饭偏硬"], recordedBy: "director-1" })
        const checked = yield* recordHandlerCheck({ ...ctx, id: "conf-canteen-rt-chk", date: "2026-03-16", handlerId: "cook-1", at: "2026-03-16T06:30:00+08:00", symptoms: ["skinWound", "cough"], celsius: "36.55", checkedBy: "director-1" })
        assert.deepStrictEqual(disinfection.shortfall, [{ measure: "chlorineMgPerL", value: "249.99999999", minimum: "250" }])
        assert.isTrue(checked.check.standDown)
        const checks: Array<[AggregateSpec<AggregateRoot, unknown>, AggregateRoot]> = [
          [specs[0] as never, s.supplier],
          [specs[1] as never, handler2],
          [specs[2] as never, s.rice],
          [specs[2] as never, s.oil],
          [specs[3] as never, list],
          [specs[4] as never, (yield* PurchaseOrderRepository.use((r) => r.get(ctx.schoolId, s.order.id)))],
          [specs[5] as never, s.delivery],
          ...s.lots.map((l) => [specs[6] as never, l] as [AggregateSpec<AggregateRoot, unknown>, AggregateRoot]),
          [specs[7] as never, s.recipe],
          [specs[8] as never, meal],
          [specs[9] as never, menu.menu],
          [specs[10] as never, withEntry!.account],
          [specs[12] as never, disinfection.disinfection],
          [specs[13] as never, accompanied],
          [specs[14] as never, checked.check]
        ]
        assert.strictEqual(handler.version, 1)
        assert.strictEqual(account.version, 1)
        const repos = {
          "canteen.supplier": SupplierRepository,
          "canteen.foodHandler": FoodHandlerRepository,
          "canteen.ingredient": IngredientRepository,
          "canteen.priceList": PriceListRepository,
          "canteen.purchaseOrder": PurchaseOrderRepository,
          "canteen.delivery": DeliveryRepository,
          "canteen.lot": LotRepository,
          "canteen.recipe": RecipeRepository,
          "canteen.meal": MealRepository,
          "canteen.menu": MenuRepository,
          "canteen.account": AccountRepository,
          "canteen.settlement": SettlementRepository,
          "canteen.disinfection": DisinfectionRepository,
          "canteen.accompaniedMeal": AccompaniedMealRepository,
          "canteen.handlerCheck": HandlerCheckRepository
        } as const
        for (const [spec, value] of checks) {
          const repo = repos[spec.name as keyof typeof repos] as unknown as typeof SupplierRepository
          const stored = yield* repo.use((r) => r.get(ctx.schoolId, value.id))
          same(encoded(spec, stored as never), encoded(spec, value as never), `${spec.name} ${value.id}`)
        }
        // the register reads the three back by their dates; the meal is planned, not served, so
        // only the batch below its minimum is a finding
        const register = yield* hygieneRegister(ctx.schoolId, "2026-03-16", "2026-03-16")
        assert.deepStrictEqual([register.disinfections.length, register.accompaniedMeals.length, register.handlerChecks.length], [1, 1, 1])
        assert.deepStrictEqual(register.findings.map((f) => `${f.rule} ${f.subject.id}`), ["canteen.hygiene.disinfection.chlorine conf-canteen-rt-dis"])
      })
    },
    {
      name: "queries: lots by ingredient and state, ranges on dates, meals by date, as the reference answers them",
      run: Effect.gen(function*() {
        const s = yield* setUp("conf-canteen-q")
        const { ctx } = s
        for (const [day, kind] of [["2026-03-16", "lunch"], ["2026-03-17", "breakfast"], ["2026-03-17", "lunch"], ["2026-03-20", "dinner"]] as const) {
          const meal = yield* planMeal({ ...ctx, date: day, kind, dishes: [{ recipeId: "conf-canteen-q-rice-bowl", plannedServings: 50 }] })
          yield* issueStock({ ...ctx, date: day, mealId: meal.id, lines: [{ ingredientId: "conf-canteen-q-rice", quantity: { value: "10", unit: "kg" } }] })
        }
        const lots = yield* LotRepository.use((r) => r.list(ctx.schoolId))
        const meals = yield* MealRepository.use((r) => r.list(ctx.schoolId))
        const lotQueries: Array<Query> = [
          { where: { ingredientId: "conf-canteen-q-rice", open: true } },
          { where: { open: false } },
          { range: { field: "receivedOn", from: "2026-03-16", to: "2026-03-17" } },
          { where: { open: true }, range: { field: "receivedOn", to: "2026-04-01" } },
          { range: { field: "closedOn", from: "2026-03-01" } },
          { where: { deliveryId: "conf-canteen-q-del" }, orderBy: "bestBefore", direction: "desc" }
        ]
        for (const q of lotQueries) {
          same((yield* LotRepository.use((r) => r.list(ctx.schoolId, q))).map((l) => l.id), applyQuery(LotSpec, lots, q).map((l) => l.id), JSON.stringify(q))
        }
        const mealQueries: Array<Query> = [
          { range: { field: "date", from: "2026-03-17", to: "2026-03-18" } },
          { where: { kind: "lunch" }, orderBy: "date", direction: "desc" },
          { where: { status: "planned" }, range: { field: "date", from: "2026-03-01", to: "2026-04-01" }, limit: 2, offset: 1 }
        ]
        for (const q of mealQueries) {
          same((yield* MealRepository.use((r) => r.list(ctx.schoolId, q))).map((m) => m.id), applyQuery(MealSpec, meals, q).map((m) => m.id), JSON.stringify(q))
        }
        // 40 kg of rice left the 49.75 kg lot (99.5 斤): it holds 9.75 kg, and its movements add up
        const rice = (yield* LotRepository.use((r) => r.list(ctx.schoolId, { where: { ingredientId: "conf-canteen-q-rice" } })))[0]!
        assert.strictEqual(D.format(rice.remaining), "9.75")
        assert.strictEqual(rice.movements.length, 5)
        assert.isTrue(Stock.isConsistent(rice))
      })
    },
    {
      name: "atomicity: an issue with one line short writes no lot, no meal and no audit entry",
      run: Effect.gen(function*() {
        const s = yield* setUp("conf-canteen-atomic")
        const { ctx } = s
        const meal = yield* planMeal({ ...ctx, date: "2026-03-16", kind: "lunch", dishes: [{ recipeId: "conf-canteen-atomic-rice-bowl", plannedServings: 10 }] })
        const before = yield* LotRepository.use((r) => r.list(ctx.schoolId))
        const head = yield* AuditLog.use((a) => a.head(ctx.schoolId))
        const exit = yield* Effect.exit(issueStock({
          ...ctx,
          date: "2026-03-16",
          mealId: meal.id,
          lines: [{ ingredientId: "conf-canteen-atomic-rice", quantity: { value: "40", unit: "kg" } }, { ingredientId: "conf-canteen-atomic-oil", quantity: { value: "11", unit: "L" } }]
        }))
        assert.isTrue(Exit.isFailure(exit))
        same((yield* LotRepository.use((r) => r.list(ctx.schoolId))).map((l) => encoded(LotSpec, l)), before.map((l) => encoded(LotSpec, l)), "lots unchanged")
        assert.strictEqual((yield* MealRepository.use((r) => r.get(ctx.schoolId, meal.id))).issues.length, 0)
        same(Option.getOrNull(yield* AuditLog.use((a) => a.head(ctx.schoolId))), Option.getOrNull(head), "audit head unchanged")
      })
    },
    {
      name: "concurrency: two issues racing for the last stock never oversell it",
      run: Effect.gen(function*() {
        const s = yield* setUp("conf-canteen-race")
        const { ctx } = s
        for (let trial = 0; trial < 10; trial++) {
          const lots = yield* LotRepository.use((r) => r.list(ctx.schoolId, { where: { ingredientId: "conf-canteen-race-oil", open: true } }))
          const left = lots.reduce((a, l) => a + Number(l.remaining.value) / 10 ** l.remaining.scale, 0)
          if (left < 0.2) break
          // each asks for 60% of what is left: both cannot succeed
          const ask = (Math.floor(left * 600) / 1000).toFixed(3)
          const results = yield* Effect.all([
            Effect.exit(issueStock({ ...ctx, date: "2026-03-16", lines: [{ ingredientId: "conf-canteen-race-oil", quantity: { value: ask, unit: "L" } }] })),
            Effect.exit(issueStock({ ...ctx, date: "2026-03-16", lines: [{ ingredientId: "conf-canteen-race-oil", quantity: { value: ask, unit: "L" } }] }))
          ], { concurrency: 2 })
          assert.strictEqual(results.filter(Exit.isSuccess).length, 1, `trial ${trial}: exactly one issue succeeds`)
          const after = yield* LotRepository.use((r) => r.list(ctx.schoolId, { where: { ingredientId: "conf-canteen-race-oil" } }))
          for (const l of after) assert.isTrue(Stock.isConsistent(l), `lot ${l.id} after trial ${trial}`)
        }
      }),
      timeout: 120_000
    },
    {
      name: "settlement: a closed month is reproducible from the stored records, and closed to new records",
      run: Effect.gen(function*() {
        const s = yield* setUp("conf-canteen-month")
        const { ctx } = s
        const meal = yield* planMeal({ ...ctx, date: "2026-03-16", kind: "lunch", dishes: [{ recipeId: "conf-canteen-month-rice-bowl", plannedServings: 200 }] })
        yield* issueStock({ ...ctx, date: "2026-03-16", mealId: meal.id, lines: [{ ingredientId: "conf-canteen-month-rice", quantity: { value: "24.69135600", unit: "kg" } }, { ingredientId: "conf-canteen-month-oil", quantity: { value: "400", unit: "ml" } }] })
        yield* recordDiners({ ...ctx, mealId: meal.id, diners: [{ dinerGroupId: "lower", count: 120 }, { dinerGroupId: "upper", count: 78 }] })
        const settlement = yield* closeMonth({ ...ctx, month: "2026-03", subsidies: [{ category: "nutrition", label: "营养改善计划", amount: { amount: 99000, currency: "CNY" }, dinerGroupId: "lower" }] })
        const stored = yield* SettlementRepository.use((r) => r.get(ctx.schoolId, settlement.id))
        same(encoded(specs[11] as never, stored as never), encoded(specs[11] as never, settlement as never), "settlement round trip")
        const verified = yield* verifySettlement(ctx.schoolId, "2026-03")
        assert.isTrue(verified.ok, JSON.stringify(verified.differences))
        assert.deepStrictEqual(settlement.food.cost, settlement.consumption.total)
        assert.deepStrictEqual(settlement.food.purchases, s.delivery.total)
        const late = yield* Effect.flip(issueStock({ ...ctx, date: "2026-03-31", lines: [{ ingredientId: "conf-canteen-month-rice", quantity: { value: "1", unit: "kg" } }] }))
        assert.strictEqual((late as { code: string }).code, "canteen.monthClosed")
        const entries = yield* AuditLog.use((a) => a.entries(ctx.schoolId))
        assert.strictEqual(entries.at(-1)!.command, "canteen.closeMonth")
        assert.isTrue((yield* AuditLog.use((a) => a.verify(ctx.schoolId))).ok)
      })
    },
    {
      name: "decimals: lots order and range by the exact value of their quantity (8 places), and equal values in any spelling are equal",
      run: Effect.gen(function*() {
        const s = yield* setUp("conf-canteen-decimal")
        const { schoolId } = s.ctx
        const quantities = ["10", "0.00000001", "123456789.12345678", "9.5", "0", "10.00000001", "9.50000001", "99999999.99999999", "2", "0.5"]
        const lots = quantities.map((q, i) =>
          Stock.makeLot({
            schoolId,
            id: `${schoolId}-open-${i}`,
            ingredientId: s.rice.id,
            source: "opening",
            receivedOn: "2026-03-01" as LocalDate,
            unit: "kg",
            currency: "CNY",
            quantity: Option.getOrThrow(D.parse(q)),
            value: i * 100,
            operation: `${schoolId}-opening`
          })
        )
        yield* LotRepository.use((r) => r.insertMany(lots))
        const all = yield* LotRepository.use((r) => r.list(schoolId))
        const ids = (list: ReadonlyArray<Lot>) => list.map((l) => l.id)
        const opening = { source: "opening" } as const
        // by value: 0 < 0.00000001 < 0.5 < 2 < 9.5 < 9.50000001 < 10 < 10.00000001 < 99999999.99999999 < 123456789.12345678
        assert.deepStrictEqual(
          ids(yield* LotRepository.use((r) => r.list(schoolId, { where: opening, orderBy: "quantity" }))),
          [4, 1, 9, 8, 3, 6, 0, 5, 7, 2].map((i) => `${schoolId}-open-${i}`)
        )
        const queries: Array<Query> = [
          { where: opening, orderBy: "quantity", direction: "desc", limit: 3, offset: 1 },
          { where: opening, range: { field: "quantity", from: "9.50", to: "10.00000001" } },
          { where: { quantity: "10.000" } },
          { where: { quantity: ["9.5", "1e1", "0.000000010"] } },
          // bounds with more than 8 places: x ≥ 9.500000001 holds for 9.50000001, not for 9.5
          { range: { field: "quantity", from: "9.500000001", to: "100000000" } },
          { where: opening, range: { field: "quantity", to: "0.000000005" } },
          { range: { field: "remaining", from: "0.5", to: "2.0" }, orderBy: "remaining" },
          // 17 significant digits: as doubles these two would be one number
          { where: { quantity: "123456789.12345679" } },
          { range: { field: "quantity", from: "123456789.12345679" } },
          { range: { field: "quantity", from: "123456789.12345678", to: "123456789.12345679" } }
        ]
        for (const q of queries) {
          assert.deepStrictEqual(ids(yield* LotRepository.use((r) => r.list(schoolId, q))), ids(applyQuery(LotSpec, all, q)), JSON.stringify(q))
          const { limit: _l, offset: _o, ...unpaged } = q
          assert.strictEqual(yield* LotRepository.use((r) => r.count(schoolId, q)), applyQuery(LotSpec, all, unpaged).length, `count ${JSON.stringify(q)}`)
        }
        assert.deepStrictEqual(
          ids(yield* LotRepository.use((r) => r.list(schoolId, { where: opening, range: { field: "quantity", from: "9.500000001", to: "10.00000001" } }))),
          [6, 0].map((i) => `${schoolId}-open-${i}`)
        )
        assert.deepStrictEqual(ids(yield* LotRepository.use((r) => r.list(schoolId, { where: { ...opening, quantity: ["1e1", "0.000000010"] } }))), [1, 0].map((i) => `${schoolId}-open-${i}`).sort())
        assert.deepStrictEqual(ids(yield* LotRepository.use((r) => r.list(schoolId, { where: { quantity: "123456789.12345679" } }))), [])
        assert.deepStrictEqual(ids(yield* LotRepository.use((r) => r.list(schoolId, { range: { field: "quantity", from: "123456789.12345678", to: "123456789.12345679" } }))), [`${schoolId}-open-2`])
      })
    },
    {
      name: "integrity: a lot naming a delivery or an ingredient that does not exist, or a delivery naming a missing order, is refused; a supplier or an order still named cannot be removed",
      run: Effect.gen(function*() {
        const s = yield* setUp("conf-canteen-refs")
        const { schoolId } = s.ctx
        const lot = (id: string, over: { readonly ingredientId?: string; readonly deliveryId?: string }) =>
          Stock.makeLot({
            schoolId,
            id,
            ingredientId: over.ingredientId ?? s.rice.id,
            source: "delivery",
            supplierId: s.supplier.id,
            deliveryId: over.deliveryId ?? s.delivery.id,
            receivedOn: "2026-03-16" as LocalDate,
            unit: "kg",
            currency: "CNY",
            quantity: D.fromInt(1),
            value: 100,
            operation: id
          })
        hasFields(yield* Effect.flip(LotRepository.use((r) => r.insert(lot("lot-x", { deliveryId: "delivery-404" })))), {
          _tag: "ReferenceError",
          code: "storage.missingReference",
          path: ["deliveryId"],
          target: "canteen.delivery",
          targetId: "delivery-404"
        })
        const before = yield* LotRepository.use((r) => r.count(schoolId))
        hasFields(yield* Effect.flip(LotRepository.use((r) => r.insertMany([lot("lot-y", {}), lot("lot-z", { ingredientId: "ingredient-404" })]))), {
          _tag: "ReferenceError",
          code: "storage.missingReference",
          path: ["ingredientId"],
          id: "lot-z"
        })
        assert.strictEqual(yield* LotRepository.use((r) => r.count(schoolId)), before, "nothing of a refused bulk write is kept")
        hasFields(yield* Effect.flip(DeliveryRepository.use((r) => r.insert({ ...s.delivery, id: `${schoolId}-del-2` as typeof s.delivery.id, version: 0, orderId: "po-404" as typeof s.delivery.orderId }))), {
          _tag: "ReferenceError",
          code: "storage.missingReference",
          path: ["orderId"]
        })
        const supplier = yield* SupplierRepository.use((r) => r.get(schoolId, s.supplier.id))
        hasFields(yield* Effect.flip(SupplierRepository.use((r) => r.remove(supplier))), { _tag: "ReferenceError", code: "storage.referenced", aggregate: "canteen.supplier", id: s.supplier.id })
        const order = yield* PurchaseOrderRepository.use((r) => r.get(schoolId, s.order.id))
        hasFields(yield* Effect.flip(PurchaseOrderRepository.use((r) => r.remove(order))), {
          _tag: "ReferenceError",
          code: "storage.referenced",
          aggregate: "canteen.purchaseOrder",
          id: s.order.id,
          target: "canteen.delivery",
          targetId: s.delivery.id
        })
        assert.strictEqual((yield* PurchaseOrderRepository.use((r) => r.get(schoolId, s.order.id))).version, order.version)
      })
    }
  ]
}
