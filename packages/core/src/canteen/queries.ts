/**
 * The canteen's queries: effects that read and write nothing — the daily publication, the stock on
 * hand, findings, variance, a recipe's cost, statements, the settlement of a month and its
 * verification, and the meals as served (for food sample retention).
 *
 * @since 0.1.0
 */
import { BigDecimal, Effect, Option, Result, Schema } from "effect"
import * as D from "../kernel/Decimal.ts"
import { NotFoundError } from "../kernel/Errors.ts"
import * as F from "../kernel/Finding.ts"
import * as Json from "../kernel/Json.ts"
import * as LD from "../kernel/LocalDate.ts"
import type { Currency } from "../kernel/Money.ts"
import {
  AccompaniedMealRepository,
  AccountRepository,
  DeliveryRepository,
  DisinfectionRepository,
  FoodHandlerRepository,
  HandlerCheckRepository,
  IngredientRepository,
  LotRepository,
  MealRepository,
  MenuRepository,
  RecipeRepository,
  SettlementRepository,
  SupplierRepository
} from "../ports/canteen.ts"
import { budgetFindings as budgetCheck } from "./budget.ts"
import { expiryFindings, foodHandlerFindings, supplierFindings } from "./compliance.ts"
import type { HygieneRegister } from "./hygiene.ts"
import { hygieneFindings as hygieneCheck } from "./hygiene.ts"
import { accountStatement as accountStatementOf, prepaidStatement as statementOf } from "./mealFee.ts"
import { preMealCost, variance as mealVarianceOf } from "./mealCost.ts"
import type { Ingredient, Meal, Menu, Recipe, Settlement, Supplier } from "./model.ts"
import { moneyOf, Settlement as SettlementSchema } from "./model.ts"
import { dailyPublication as publish } from "./publication.ts"
import { contextOf, invalid, loadCatalogue, pricingFor, settlementRecords } from "./reads.ts"
import { settle } from "./settlement.ts"
import { servedMeal } from "./servedMeal.ts"
import { MealKind } from "../kernel/Meal.ts"

export { contextOf } from "./reads.ts"
export type { CanteenContext } from "./reads.ts"

/**
 * The daily publication (每日公示) of a date (`YYYY-MM-DD`; a `ValidationError` otherwise), from
 * the deliveries accepted that day.
 *
 * @since 0.1.0
 * @category queries
 */
export const dailyPublication = Effect.fn("canteen.dailyPublication")(function*(schoolId: string, day: string) {
  const date = yield* Effect.fromResult(LD.make(day, ["date"]))
  const ctx = yield* contextOf(schoolId, date)
  const deliveries = yield* DeliveryRepository.use((r) => r.list(schoolId, { where: { receivedOn: date } }))
  const suppliers = new Map<string, Supplier>()
  const ingredients = new Map<string, Ingredient>()
  for (const d of deliveries) {
    if (!suppliers.has(d.supplierId)) suppliers.set(d.supplierId, yield* SupplierRepository.use((r) => r.get(schoolId, d.supplierId)))
    for (const l of d.lines) if (!ingredients.has(l.ingredientId)) ingredients.set(l.ingredientId, yield* IngredientRepository.use((r) => r.get(schoolId, l.ingredientId)))
  }
  return publish({ date, currency: ctx.currency, deliveries, suppliers, ingredients })
})

/**
 * The stock on hand: every ingredient with open lots, its quantity in the stock unit and value.
 *
 * @since 0.1.0
 * @category queries
 */
export const stockOnHand = Effect.fn("canteen.stockOnHand")(function*(schoolId: string) {
  const lots = yield* LotRepository.use((r) => r.list(schoolId, { where: { open: true } }))
  const by = new Map<string, { ingredientId: string; unit: string; quantity: D.Decimal; value: number; currency: Currency; lots: number }>()
  for (const l of lots) {
    const s = by.get(l.ingredientId) ?? { ingredientId: l.ingredientId, unit: l.unit, quantity: D.fromInt(0), value: 0, currency: l.currency, lots: 0 }
    s.quantity = BigDecimal.normalize(BigDecimal.sum(s.quantity, l.remaining))
    s.value += l.remainingValue.amount
    s.lots += 1
    by.set(l.ingredientId, s)
  }
  return Array.from(by.values(), (s) => ({ ingredientId: s.ingredientId, unit: s.unit, quantity: s.quantity, value: moneyOf(s.value, s.currency), lots: s.lots }))
    .sort((a, b) => (a.ingredientId < b.ingredientId ? -1 : 1))
})

/**
 * The compliance findings of a date: food handlers' certificates and training, active suppliers'
 * licences, and stock past or near its best-before.
 *
 * @since 0.1.0
 * @category queries
 */
export const complianceFindings = Effect.fn("canteen.complianceFindings")(function*(schoolId: string, day: string) {
  const on = yield* Effect.fromResult(LD.make(day, ["on"]))
  const ctx = yield* contextOf(schoolId, on)
  const handlers = yield* FoodHandlerRepository.use((r) => r.list(schoolId, { where: { active: true } }))
  const suppliers = yield* SupplierRepository.use((r) => r.list(schoolId, { where: { active: true } }))
  const lots = yield* LotRepository.use((r) => r.list(schoolId, { where: { open: true } }))
  const ingredients = new Map((yield* IngredientRepository.use((r) => r.list(schoolId))).map((i) => [i.id as string, i]))
  return F.sort([
    ...foodHandlerFindings(handlers, on, ctx.rules, ctx.zone),
    ...suppliers.flatMap((s) => supplierFindings(s, on, ctx.rules, ctx.zone)),
    ...expiryFindings(lots, ingredients, on, ctx.rules, ctx.zone)
  ])
})

/**
 * Budget findings on the served meals of a period (dates inclusive).
 *
 * @since 0.1.0
 * @category queries
 */
export const budgetFindings = Effect.fn("canteen.budgetFindings")(function*(schoolId: string, first: string, last: string) {
  const from = yield* Effect.fromResult(LD.make(first, ["from"]))
  const to = yield* Effect.fromResult(LD.make(last, ["to"]))
  const ctx = yield* contextOf(schoolId, to)
  const meals = yield* MealRepository.use((r) => r.list(schoolId, { where: { status: "served" }, range: { field: "date", from, to: LD.addDays(to, 1) } }))
  return budgetCheck(meals, ctx.rules, ctx.zone)
})

/**
 * The variance of a meal between its pre-meal costing and what was issued to it.
 *
 * @since 0.1.0
 * @category queries
 */
export const mealVariance = Effect.fn("canteen.mealVariance")(function*(schoolId: string, mealId: string) {
  const meal = yield* MealRepository.use((r) => r.get(schoolId, mealId))
  return mealVarianceOf(meal)
})

/**
 * What a recipe costs (菜价): `servings` of it priced from stock as the valuation strategy would
 * issue it on `date` (`basis: "stock"`) or from the reference price list in force
 * (`"priceList"`), with the cost per serving half-up and the lines per ingredient.
 *
 * @since 0.1.0
 * @category queries
 */
export const costRecipe = Effect.fn("canteen.costRecipe")(function*(
  schoolId: string,
  recipeId: string,
  options: { readonly servings: number; readonly date: string; readonly basis?: "stock" | "priceList"; readonly priceListId?: string }
) {
  const date = yield* Effect.fromResult(LD.make(options.date, ["date"]))
  const ctx = yield* contextOf(schoolId)
  if (!Number.isSafeInteger(options.servings) || options.servings < 1) {
    return yield* invalid(["servings"], "canteen.servings", "份数须为正整数", "servings must be a whole number of at least 1")
  }
  const catalogue = yield* loadCatalogue(schoolId, [{ id: recipeId, path: ["recipeId"] }])
  const pricing = yield* pricingFor(schoolId, catalogue, date, ctx, options.basis ?? "stock", options.priceListId)
  const cost = yield* Effect.fromResult(preMealCost({ dishes: [{ recipeId: recipeId as Recipe["id"], plannedServings: options.servings }], plannedDiners: [], catalogue, pricing, priceListId: pricing.priceListId }))
  return cost.dishes[0]!
})

/**
 * The prepaid-items statement of an account for a term.
 *
 * @since 0.1.0
 * @category queries
 */
export const prepaidStatement = Effect.fn("canteen.prepaidStatement")(function*(schoolId: string, accountId: string, term: string) {
  const account = yield* AccountRepository.use((r) => r.get(schoolId, accountId))
  return statementOf(account, term)
})

/**
 * The meal-fee statement of an account from `from` to `to` (local dates, both included): the
 * balance brought forward, each entry with the balance after it, the totals and the closing
 * balance.
 *
 * @since 0.1.0
 * @category queries
 */
export const accountStatement = Effect.fn("canteen.accountStatement")(function*(schoolId: string, accountId: string, first: string, last: string) {
  const from = yield* Effect.fromResult(LD.make(first, ["from"]))
  const to = yield* Effect.fromResult(LD.make(last, ["to"]))
  const account = yield* AccountRepository.use((r) => r.get(schoolId, accountId))
  return yield* Effect.fromResult(accountStatementOf(account, from, to))
})

/**
 * The settlement of a month (`YYYY-MM`) if it is closed, else none.
 *
 * @since 0.1.0
 * @category queries
 */
export const findSettlement = Effect.fn("canteen.findSettlement")(function*(schoolId: string, month: string) {
  const found = yield* SettlementRepository.use((r) => r.list(schoolId, { where: { month } }))
  return Option.fromNullishOr(found[0])
})

/**
 * The settlement of a month (`YYYY-MM`); a `NotFoundError` (path `["month"]`) when the month is not
 * closed.
 *
 * @since 0.1.0
 * @category queries
 */
export const settlement = Effect.fn("canteen.settlement")(function*(schoolId: string, month: string) {
  const found = yield* findSettlement(schoolId, month)
  return Option.isSome(found) ? found.value : yield* NotFoundError.create("canteen.settlement", schoolId, month, ["month"])
})

/**
 * Verifies a stored settlement: settles the month again from the records as they are now and
 * compares the two, field by field (canonical JSON). `ok` when they are the same.
 *
 * @since 0.1.0
 * @category queries
 */
export const verifySettlement = Effect.fn("canteen.verifySettlement")(function*(schoolId: string, month: string) {
  const repo = yield* SettlementRepository
  const stored = (yield* repo.list(schoolId, { where: { month } }))[0]
  if (stored === undefined) return yield* NotFoundError.create("canteen.settlement", schoolId, month, ["month"])
  const records = yield* settlementRecords(schoolId, month)
  const previous = records.previous
  const again = settle({
    schoolId,
    id: stored.id,
    month,
    currency: stored.currency,
    closedBy: stored.closedBy,
    ...records,
    previous,
    inputs: stored.inputs
  })
  if (Result.isFailure(again)) return { ok: false, differences: [again.failure.code], recomputed: undefined as Settlement | undefined }
  const encode = Schema.encodeSync(SettlementSchema)
  const a = Json.canonicalize({ ...encode(stored), version: 0 })
  const b = Json.canonicalize({ ...encode(again.success), version: 0 })
  const differences = Result.isSuccess(a) && Result.isSuccess(b) && a.success === b.success ? [] : diffKeys(encode(stored), encode(again.success))
  return { ok: differences.length === 0, differences, recomputed: again.success }
})

const diffKeys = (a: Record<string, unknown>, b: Record<string, unknown>): Array<string> =>
  Object.keys({ ...a, ...b }).filter((k) => k !== "version" && JSON.stringify(a[k]) !== JSON.stringify(b[k])).sort()

/**
 * The meals the canteen recorded between two local dates (both included), as served: the kernel's
 * `Meal.ServedMeal`, what food sample retention evaluates (`Retention.Queries.evaluateSchool`
 * reads them itself when it is given no meals). Ordered by date, meal of the day and id. A meal
 * cancelled (`cancelMeal`) was not served and is left out; a meal still planned is taken to be
 * served as planned — whether its diners were counted or not, its samples are due from its time.
 *
 * @since 0.1.0
 * @category queries
 */
export const servedMeals = Effect.fn("canteen.servedMeals")(function*(schoolId: string, first: string, last: string) {
  const from = yield* Effect.fromResult(LD.make(first, ["from"]))
  const to = yield* Effect.fromResult(LD.make(last, ["to"]))
  if (to < from) return yield* invalid(["to"], "canteen.invalidPeriod", "结束日期早于开始日期", "the period ends before it starts")
  const ctx = yield* contextOf(schoolId)
  const meals = (yield* MealRepository.use((r) => r.list(schoolId, { range: { field: "date", from, to: LD.addDays(to, 1) } })))
    .filter((m) => m.status !== "cancelled")
  const names = new Map<string, string>()
  for (const m of meals) {
    for (const d of m.dishes) {
      if (names.has(d.recipeId)) continue
      const recipe = yield* RecipeRepository.use((r) => r.find(schoolId, d.recipeId))
      names.set(d.recipeId, Option.isSome(recipe) ? recipe.value.name : d.recipeId)
    }
  }
  const order = new Map<string, number>(MealKind.literals.map((k, i) => [k, i]))
  return meals
    .map((m) => servedMeal(m, (id) => names.get(id) ?? id, ctx.rules, ctx.zone))
    .sort((a, b) => (a.serviceDate < b.serviceDate ? -1 : a.serviceDate > b.serviceDate ? 1 : order.get(a.meal)! - order.get(b.meal)! || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)))
})

/**
 * The daily food-safety records of a period (dates inclusive) with their findings
 * (`Hygiene.hygieneFindings`): the tableware disinfection batches, accompanied meals and food
 * handlers' morning checks, each in time order, and the meals served that they are checked
 * against — what a register (消毒记录表, 陪餐记录表, 晨检记录表) prints.
 *
 * @since 0.1.0
 * @category queries
 */
export const hygieneRegister = Effect.fn("canteen.hygieneRegister")(function*(schoolId: string, first: string, last: string) {
  const from = yield* Effect.fromResult(LD.make(first, ["from"]))
  const to = yield* Effect.fromResult(LD.make(last, ["to"]))
  if (to < from) return yield* invalid(["to"], "canteen.invalidPeriod", `结束日期 ${to} 早于开始日期 ${from}`, `the period ends (${to}) before it begins (${from})`)
  const ctx = yield* contextOf(schoolId)
  const range = { field: "date", from, to: LD.addDays(to, 1) } as const
  const meals = (yield* MealRepository.use((r) => r.list(schoolId, { where: { status: "served" }, range }))).map((m) => ({ date: m.date, kind: m.kind }))
  const byTime = <A extends { readonly at: { readonly epochMilliseconds: number }; readonly id: string }>(xs: ReadonlyArray<A>) =>
    [...xs].sort((a, b) => a.at.epochMilliseconds - b.at.epochMilliseconds || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const disinfections = byTime(yield* DisinfectionRepository.use((r) => r.list(schoolId, { range })))
  const accompaniedMeals = byTime(yield* AccompaniedMealRepository.use((r) => r.list(schoolId, { range })))
  const handlerChecks = byTime(yield* HandlerCheckRepository.use((r) => r.list(schoolId, { range })))
  const handlers = yield* FoodHandlerRepository.use((r) => r.list(schoolId))
  const findings = hygieneCheck({ meals, disinfections, accompaniedMeals, handlerChecks, handlers }, ctx.rules, ctx.zone)
  const register: HygieneRegister = { from, to, meals, disinfections, accompaniedMeals, handlerChecks, findings }
  return register
})

/**
 * The findings on a period's daily food-safety records (dates inclusive): disinfection below its
 * method's minimum or missing after a meal, meals without an accompanied-meal record or without a
 * school leader at the table, food handlers without a morning check or not stood down.
 *
 * @since 0.1.0
 * @category queries
 */
export const hygieneFindings = Effect.fn("canteen.hygieneFindings")(function*(schoolId: string, first: string, last: string) {
  return (yield* hygieneRegister(schoolId, first, last)).findings
})

/**
 * The weekly menu of the week starting on a Monday, with what its publication prints: the recipes
 * of its dishes and the week's planned meals (for the pre-meal prices). Of several menus saved for
 * the week, the published one (the last by id if more than one), else the last by id; a
 * `NotFoundError` at `weekStart` when the week has none.
 *
 * @since 0.1.0
 * @category queries
 */
export const weeklyMenu = Effect.fn("canteen.weeklyMenu")(function*(schoolId: string, weekStart: string) {
  const start = yield* Effect.fromResult(LD.make(weekStart, ["weekStart"]))
  const menus = yield* MenuRepository.use((r) => r.list(schoolId, { where: { weekStart: start } }))
  const pick = (xs: ReadonlyArray<Menu>) => [...xs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).at(-1)
  const menu = pick(menus.filter((m) => m.published)) ?? pick(menus)
  if (menu === undefined) return yield* NotFoundError.create("canteen.menu", schoolId, start, ["weekStart"])
  const ids = [...new Set(menu.meals.flatMap((m) => m.dishes))].sort()
  const recipes: Array<Recipe> = []
  for (const id of ids) {
    const recipe = yield* RecipeRepository.use((r) => r.find(schoolId, id))
    if (Option.isSome(recipe)) recipes.push(recipe.value)
  }
  const meals: ReadonlyArray<Meal> = yield* MealRepository.use((r) => r.list(schoolId, { range: { field: "date", from: start, to: LD.addDays(start, 7) } }))
  return { menu, recipes, meals }
})
