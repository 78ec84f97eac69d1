/**
 * What the canteen's commands and queries read before they act: the school's canteen context
 * (rules, currency, rounding, zone, valuation strategy, staff and diner groups), the recipes and
 * ingredients a costing needs, the prices it uses, and the records a month's settlement is computed
 * from. Internal to the module: `Commands` and `Queries` are its public surface.
 *
 * @since 0.1.0
 */
import { Effect, Option } from "effect"
import type * as D from "../kernel/Decimal.ts"
import type { Path } from "../kernel/Errors.ts"
import { NotFoundError, ValidationError } from "../kernel/Errors.ts"
import type { LocalDate } from "../kernel/LocalDate.ts"
import * as LD from "../kernel/LocalDate.ts"
import type { Currency, Money } from "../kernel/Money.ts"
import type { Zone } from "../kernel/Time.ts"
import { sectionOf } from "../packs/RulePack.ts"
import {
  AccountRepository,
  DeliveryRepository,
  IngredientRepository,
  LotRepository,
  MealRepository,
  PriceListRepository,
  RecipeRepository,
  SettlementRepository
} from "../ports/canteen.ts"
import { schoolOf } from "../ports/School.ts"
import { latestPurchase } from "./mealCost.ts"
import type { Ingredient, Recipe } from "./model.ts"
import type { Catalogue } from "./recipeCost.ts"
import type { CanteenRules } from "./rules.ts"
import { monthRange, previousMonth } from "./settlement.ts"
import * as Stock from "./stock.ts"
import type { ValuationStrategy } from "./valuation.ts"
import { strategies } from "./valuation.ts"

/**
 * What every canteen command reads first: the school's canteen rules, currency, rounding, time
 * zone and valuation strategy.
 *
 * @since 0.1.0
 * @category models
 */
export interface CanteenContext {
  readonly rules: CanteenRules
  readonly currency: Currency
  readonly rounding: "halfUp" | "halfEven" | "halfDown" | "up" | "down" | "ceiling" | "floor"
  readonly zone: Zone
  readonly strategy: ValuationStrategy
  readonly staff: ReadonlySet<string> | undefined
  readonly dinerGroups: ReadonlySet<string> | undefined
}

/**
 * The canteen context of a school: its rule pack's canteen section (a `RulePackError` when the
 * pack has none), currency and rounding, its time zone (`Ports.School.zoneOf`: its organisation's,
 * else the pack's default),
 * and the valuation strategy the pack names.
 *
 * @since 0.1.0
 * @category queries
 */
export const contextOf = Effect.fn("canteen.context")(function*(schoolId: string, on?: LocalDate) {
  const school = yield* schoolOf(schoolId, on)
  const { pack, zone } = school
  const org = school.organisation
  const rules = yield* Effect.fromResult(sectionOf(pack, "canteen"))
  const context: CanteenContext = {
    rules,
    currency: pack.general?.currency ?? "CNY",
    rounding: pack.general?.rounding ?? "halfUp",
    zone,
    strategy: strategies[rules.stock.valuation],
    staff: Option.isSome(org) ? new Set(org.value.staff.map((s) => s.id as string)) : undefined,
    dinerGroups: Option.isSome(org) ? new Set(org.value.dinerGroups.map((g) => g.id as string)) : undefined
  }
  return context
})

/**
 * The open lots of an ingredient.
 *
 * @since 0.1.0
 * @category queries
 */
export const openLots = (schoolId: string, ingredientId: string) =>
  LotRepository.use((r) => r.list(schoolId, { where: { ingredientId, open: true } }))

/**
 * A `ValidationError` at a path with a code and both messages.
 *
 * @since 0.1.0
 * @category constructors
 */
export const invalid = (path: Path, code: string, zh: string, en: string) => ValidationError.at(path, { zh, en }, code)

/**
 * The record found, or a `NotFoundError` naming the aggregate, id and path.
 *
 * @since 0.1.0
 * @category combinators
 */
export const getOr = <A>(found: Option.Option<A>, aggregate: string, schoolId: string, id: string, path: Path): Effect.Effect<A, NotFoundError> =>
  Option.isSome(found) ? Effect.succeed(found.value) : Effect.fail(NotFoundError.create(aggregate, schoolId, id, path))

/**
 * Every recipe a set of recipes needs (nested ones too) and their ingredients.
 *
 * @since 0.1.0
 * @category queries
 */
export const loadCatalogue = (schoolId: string, recipeIds: ReadonlyArray<{ readonly id: string; readonly path: Path }>, extra?: Recipe) =>
  Effect.gen(function*() {
    const recipesRepo = yield* RecipeRepository
    const recipes = new Map<string, Recipe>()
    const ingredients = new Map<string, Ingredient>()
    if (extra !== undefined) recipes.set(extra.id, extra)
    const queue: Array<{ readonly id: string; readonly path: Path }> = [...recipeIds]
    if (extra !== undefined) {
      extra.items.forEach((item, i) => {
        if (item._tag === "recipe") queue.push({ id: item.recipeId, path: ["items", i, "recipeId"] })
      })
    }
    while (queue.length > 0) {
      const { id, path } = queue.shift()!
      if (recipes.has(id)) continue
      const recipe = yield* getOr(yield* recipesRepo.find(schoolId, id), "canteen.recipe", schoolId, id, path)
      recipes.set(id, recipe)
      for (const item of recipe.items) if (item._tag === "recipe") queue.push({ id: item.recipeId, path })
    }
    const ingredientRepo = yield* IngredientRepository
    for (const recipe of recipes.values()) {
      for (let i = 0; i < recipe.items.length; i++) {
        const item = recipe.items[i]!
        if (item._tag !== "ingredient" || ingredients.has(item.ingredientId)) continue
        const found = yield* ingredientRepo.find(schoolId, item.ingredientId)
        if (Option.isSome(found)) ingredients.set(item.ingredientId, found.value)
      }
    }
    const catalogue: Catalogue = { recipes, ingredients }
    return catalogue
  })

/**
 * The reference price list in force on a date, if any.
 *
 * @since 0.1.0
 * @category queries
 */
export const priceListOn = (schoolId: string, date: LocalDate) =>
  Effect.map(
    PriceListRepository.use((r) => r.list(schoolId, { range: { field: "effectiveFrom", to: LD.addDays(date, 1) }, orderBy: "effectiveFrom", direction: "desc" })),
    (lists) => lists.find((l) => l.effectiveTo === undefined || l.effectiveTo >= date)
  )

/**
 * The prices of a costing: the open lots and latest purchase of each ingredient, and a price list.
 *
 * @since 0.1.0
 * @category queries
 */
export const pricingFor = (
  schoolId: string,
  catalogue: Catalogue,
  date: LocalDate,
  ctx: CanteenContext,
  basis: "stock" | "priceList",
  priceListId: string | undefined
) =>
  Effect.gen(function*() {
    const list = priceListId === undefined
      ? yield* priceListOn(schoolId, date)
      : yield* getOr(yield* PriceListRepository.use((r) => r.find(schoolId, priceListId)), "canteen.priceList", schoolId, priceListId, ["priceListId"])
    const lots = new Map<string, ReadonlyArray<ReturnType<typeof Stock.balance>>>()
    const lastPurchase = new Map<string, { readonly value: Money; readonly quantity: D.Decimal }>()
    for (const id of catalogue.ingredients.keys()) {
      lots.set(id, (yield* openLots(schoolId, id)).map(Stock.balanceOn(date)))
      const recent = latestPurchase(yield* LotRepository.use((r) => r.list(schoolId, { where: { ingredientId: id, source: "delivery" }, orderBy: "receivedOn", direction: "desc", limit: 1 })))
      if (Option.isSome(recent)) lastPurchase.set(id, recent.value)
    }
    const prices = new Map((list?.entries ?? []).map((e) => [e.ingredientId as string, e.price]))
    return { basis, date, currency: ctx.currency, strategy: ctx.strategy, lots, prices, lastPurchase, priceListId: list?.id }
  })

/**
 * Every record a month's settlement is computed from.
 *
 * @since 0.1.0
 * @category queries
 */
export const settlementRecords = (schoolId: string, month: string) =>
  Effect.gen(function*() {
    const { from, to } = monthRange(month)
    const next = LD.addDays(to, 1)
    const lotsRepo = yield* LotRepository
    const open = yield* lotsRepo.list(schoolId, { where: { open: true }, range: { field: "receivedOn", to: next } })
    const closed = yield* lotsRepo.list(schoolId, { where: { open: false }, range: { field: "closedOn", from } })
    const lots = [...open, ...closed.filter((l) => l.receivedOn <= to)]
    const deliveries = yield* DeliveryRepository.use((r) => r.list(schoolId, { range: { field: "receivedOn", from, to: next } }))
    const meals = yield* MealRepository.use((r) => r.list(schoolId, { range: { field: "date", from, to: next } }))
    const accounts = yield* AccountRepository.use((r) => r.list(schoolId))
    const previous = yield* SettlementRepository.use((r) => r.list(schoolId, { where: { month: previousMonth(month) } }))
    return { lots, deliveries, meals, accounts, previous: previous[0] }
  })
