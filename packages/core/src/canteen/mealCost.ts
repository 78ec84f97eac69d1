/**
 * Meal costing: the dish prices worked out before the meal (餐前菜价合算) from recipes and current
 * prices, the actual cost after it from the stock issued, the cost per head of the diners counted
 * and its allocation to diner groups, and the variance between plan and actual with its causes.
 *
 * Before the meal, each ingredient's total for the whole meal is priced once — from the stock on
 * hand as the valuation strategy would issue it, or from a reference price list — and split over
 * the dishes that use it by their quantities (largest remainders), so the dishes add up to the
 * meal to the fen. What nothing prices — no stock, no price-list entry, no past purchase — is costed
 * at nothing and named: the costing lists it in `unpriced`, and `unpricedFindings` raises a finding,
 * so that an incomplete total is never read as a price.
 *
 * @since 0.1.0
 */
import { BigDecimal, Option, Result } from "effect"
import type { Decimal } from "../kernel/Decimal.ts"
import * as D from "../kernel/Decimal.ts"
import type { ArithmeticError, CurrencyMismatchError, DimensionMismatchError, OverflowError, ValidationError } from "../kernel/Errors.ts"
import type { Finding } from "../kernel/Finding.ts"
import * as F from "../kernel/Finding.ts"
import type { LocalDate } from "../kernel/LocalDate.ts"
import * as M from "../kernel/Money.ts"
import type { Currency, Money } from "../kernel/Money.ts"
import * as Q from "../kernel/Quantity.ts"
import type { Zone } from "../kernel/Time.ts"
import * as T from "../kernel/Time.ts"
import type { ActualCost, CostLine, DinerCount, DishCost, Ingredient, MealDish, MealIssue, MealKind, PreMealCost, PriceSource, PriceValue } from "./model.ts"
import { mealKindLabels, moneyOf } from "./model.ts"
import { lineTotal } from "./purchase.ts"
import type { Catalogue, RecipeError, Requirement } from "./recipeCost.ts"
import { requirements, sumRequirements } from "./recipeCost.ts"
import { issuableOn } from "./stock.ts"
import type { LotBalance, ValuationStrategy } from "./valuation.ts"
import { proportional } from "./valuation.ts"

/**
 * Where prices come from when a meal is costed.
 *
 * @since 0.1.0
 * @category models
 */
export interface Pricing {
  /** price from the stock on hand (`stock`) or from the reference list first (`priceList`) */
  readonly basis: "stock" | "priceList"
  readonly date: LocalDate
  readonly currency: Currency
  readonly strategy: ValuationStrategy
  /** open lots by ingredient */
  readonly lots: ReadonlyMap<string, ReadonlyArray<LotBalance>>
  /** reference prices by ingredient */
  readonly prices: ReadonlyMap<string, PriceValue>
  /** the newest lot of each ingredient (value and quantity received), for what stock cannot cover */
  readonly lastPurchase: ReadonlyMap<string, { readonly value: Money; readonly quantity: Decimal }>
}

type PriceError = CurrencyMismatchError | DimensionMismatchError | ArithmeticError | OverflowError

const fromList = (ingredient: Ingredient, quantity: Decimal, pricing: Pricing): Result.Result<number, PriceError> | undefined => {
  const price = pricing.prices.get(ingredient.id)
  if (price === undefined) return undefined
  return Result.map(
    lineTotal({ quantity: Q.of(quantity, ingredient.stockUnit), unitPrice: price }, { currency: pricing.currency, conversions: ingredient.conversions }),
    (m) => m.amount
  )
}

/**
 * The value of a quantity of an ingredient (in its stock unit) under a pricing, and where the
 * price came from: stock covers what it can (at the strategy's value), then the reference list,
 * then the latest purchase; what none covers is costed at zero with the source `none`.
 *
 * @since 0.1.0
 * @category math
 */
export const price = (
  ingredient: Ingredient,
  quantity: Decimal,
  pricing: Pricing
): Result.Result<{ readonly value: number; readonly sources: ReadonlyArray<PriceSource> }, PriceError> => {
  if (pricing.basis === "priceList") {
    const listed = fromList(ingredient, quantity, pricing)
    if (listed !== undefined) return Result.map(listed, (value) => ({ value, sources: ["priceList"] }))
  }
  const lots = pricing.lots.get(ingredient.id) ?? []
  const eligible = issuableOn(pricing.date)
  let available = BigDecimal.make(0n, 0)
  for (const l of lots) if (eligible(l)) available = BigDecimal.sum(available, l.quantity)
  const fromStock = BigDecimal.isLessThan(available, quantity) ? available : quantity
  let value = 0
  const sources: Array<PriceSource> = []
  if (fromStock.value > 0n) {
    const taken = pricing.strategy.take(lots, BigDecimal.normalize(fromStock), eligible, pricing.date)
    if (Result.isSuccess(taken)) {
      for (const d of taken.success.draws) value += d.value
      sources.push("stock")
    }
  }
  const rest = BigDecimal.normalize(BigDecimal.subtract(quantity, fromStock))
  if (rest.value > 0n) {
    const listed = pricing.basis === "stock" ? fromList(ingredient, rest, pricing) : undefined
    const last = pricing.lastPurchase.get(ingredient.id)
    if (listed !== undefined) {
      if (Result.isFailure(listed)) return Result.fail(listed.failure)
      value += listed.success
      sources.push("priceList")
    } else if (last !== undefined && last.quantity.value > 0n) {
      value += proportional(last.value.amount, rest, last.quantity)
      sources.push("lastPurchase")
    } else {
      sources.push("none")
    }
  }
  return Result.succeed({ value, sources })
}

/**
 * The pre-meal costing of a meal's dishes. An ingredient that nothing prices (in all or in part:
 * its sources include `none`) is costed at nothing and listed in `unpriced`, on the costing and on
 * each dish that uses it: the total is then incomplete, not a price.
 *
 * @since 0.1.0
 * @category math
 */
export const preMealCost = (input: {
  readonly dishes: ReadonlyArray<MealDish>
  readonly plannedDiners: ReadonlyArray<DinerCount>
  readonly catalogue: Catalogue
  readonly pricing: Pricing
  readonly priceListId?: string | undefined
}): Result.Result<PreMealCost, RecipeError | PriceError | ValidationError> => {
  const perDish: Array<Array<Requirement>> = []
  for (let i = 0; i < input.dishes.length; i++) {
    const dish = input.dishes[i]!
    const r = requirements(dish.recipeId, D.fromInt(dish.plannedServings), input.catalogue, ["dishes", i, "recipeId"])
    if (Result.isFailure(r)) return Result.fail(r.failure)
    perDish.push(r.success)
  }
  const totals = sumRequirements(perDish)
  const currency = input.pricing.currency
  const lines: Array<CostLine> = []
  const dishLines: Array<Array<CostLine>> = input.dishes.map(() => [])
  for (const req of totals) {
    const ingredient = input.catalogue.ingredients.get(req.ingredientId)!
    const priced = price(ingredient, req.gross, input.pricing)
    if (Result.isFailure(priced)) return Result.fail(priced.failure)
    lines.push({ ingredientId: ingredient.id, quantity: req.gross, unit: ingredient.stockUnit, value: moneyOf(priced.success.value, currency), sources: priced.success.sources })
    const shares = perDish.map((list) => list.find((r) => r.ingredientId === req.ingredientId)?.gross ?? D.fromInt(0))
    const split = M.allocate({ amount: priced.success.value, currency: input.pricing.currency }, shares)
    if (Result.isFailure(split)) return Result.fail(split.failure as ValidationError)
    shares.forEach((q, d) => {
      if (q.value === 0n) return
      dishLines[d]!.push({ ingredientId: ingredient.id, quantity: q, unit: ingredient.stockUnit, value: split.success[d]!, sources: priced.success.sources })
    })
  }
  const unpricedOf = (ls: ReadonlyArray<CostLine>) => ls.filter((l) => l.sources.includes("none")).map((l) => l.ingredientId)
  const dishes: Array<DishCost> = input.dishes.map((dish, d) => {
    const cost = dishLines[d]!.reduce((a, l) => a + l.value.amount, 0)
    return {
      recipeId: dish.recipeId,
      servings: dish.plannedServings,
      cost: moneyOf(cost, currency),
      perServing: moneyOf(proportional(cost, D.fromInt(1), D.fromInt(dish.plannedServings)), currency),
      lines: dishLines[d]!,
      unpriced: unpricedOf(dishLines[d]!)
    }
  })
  const total = lines.reduce((a, l) => a + l.value.amount, 0)
  const diners = input.plannedDiners.reduce((a, g) => a + g.count, 0)
  return Result.succeed({
    basis: input.pricing.basis,
    ...(input.priceListId === undefined ? {} : { priceListId: input.priceListId }),
    dishes,
    lines,
    total: moneyOf(total, currency),
    ...(diners > 0 ? { perHead: moneyOf(proportional(total, D.fromInt(1), D.fromInt(diners)), currency) } : {}),
    unpriced: unpricedOf(lines)
  } as unknown as PreMealCost)
}

/**
 * The ingredients of a costing that nothing priced, in all or in part (from `unpriced`, or — for a
 * costing stored before it — from the lines whose sources include `none`), in the costing's order.
 *
 * @since 0.1.0
 * @category getters
 */
export const unpricedLines = (cost: Pick<PreMealCost, "lines" | "unpriced">): Array<CostLine> => {
  const named = cost.unpriced === undefined ? undefined : new Set<string>(cost.unpriced)
  return cost.lines.filter((l) => (named === undefined ? l.sources.includes("none") : named.has(l.ingredientId)))
}

/**
 * The finding of an incomplete pre-meal costing (`canteen.preMealCost.unpriced`, a warning): the
 * ingredients that no stock, price list or past purchase priced — costed at nothing, so the total
 * is not the meal's price. Evidence: the meal, its date and kind, the incomplete `total` (fen) and
 * each ingredient with its quantity in the costing (stock unit) and where the rest of it was priced
 * from (`pricedFrom`, empty when none of it was). `at` is the start of the meal's day, as for the
 * menu checks. No finding when every ingredient is priced.
 *
 * @since 0.1.0
 * @category checks
 */
export const unpricedFindings = (
  meal: { readonly id: string; readonly date: LocalDate; readonly kind: MealKind },
  cost: Pick<PreMealCost, "lines" | "unpriced" | "total">,
  ingredients: ReadonlyMap<string, Pick<Ingredient, "name">>,
  zone: Zone = T.defaultZone
): Array<Finding> => {
  const missing = unpricedLines(cost)
  if (missing.length === 0) return []
  const named = missing.map((l) => ({ line: l, name: ingredients.get(l.ingredientId)?.name ?? l.ingredientId }))
  // 牛肉（8 kg）/ 牛肉 (8 kg); "in part" when stock, a list or a purchase priced the rest
  const list = (en: boolean) =>
    named.map(({ line, name }) => {
      const what = `${D.format(line.quantity)} ${line.unit}${line.sources.length > 1 ? (en ? ", in part" : "，部分") : ""}`
      return en ? `${name} (${what})` : `${name}（${what}）`
    }).join(en ? ", " : "、")
  const kind = mealKindLabels[meal.kind]
  return [F.make({
    rule: "canteen.preMealCost.unpriced",
    severity: "warning",
    subject: { kind: "meal", id: meal.id },
    at: T.startOfDay(meal.date, zone),
    evidence: {
      mealId: meal.id,
      date: meal.date,
      meal: meal.kind,
      total: cost.total.amount,
      ingredients: named.map(({ line, name }) => ({
        ingredientId: line.ingredientId,
        name,
        quantity: D.format(line.quantity),
        unit: line.unit,
        pricedFrom: line.sources.filter((s) => s !== "none")
      }))
    },
    explanation: {
      zh: `${meal.date} ${kind.zh}的餐前菜价不完整：${list(false)}没有库存、参考价或进货记录可计价，按 0 元计入；合计 ${M.format(cost.total)} 不是完整菜价`,
      en: `the pre-meal costing of ${meal.date} (${kind.en}) is incomplete: ${list(true)} had no stock, reference price or past purchase to price it and is costed at nothing; the total ${M.format(cost.total, "en")} is not a full price`
    }
  })]
}

/**
 * A meal's actual cost: the cost of the stock issued to it, per head of the diners counted
 * (half-up to the fen), and allocated to the diner groups by diners × weight (largest remainders:
 * the parts add up to the cost exactly).
 *
 * @since 0.1.0
 * @category math
 */
export const actualCost = (issues: ReadonlyArray<Pick<MealIssue, "value">>, diners: ReadonlyArray<DinerCount>, currency: Currency): ActualCost => {
  const cost = issues.reduce((a, i) => a + i.value.amount, 0)
  const count = diners.reduce((a, g) => a + g.count, 0)
  const weights = diners.map((g) => BigDecimal.multiply(D.fromInt(g.count), g.weight ?? D.fromInt(1)))
  const parts = weights.some((w) => w.value > 0n) ? M.allocate({ amount: cost, currency }, weights) : undefined
  const amounts = parts !== undefined && Result.isSuccess(parts) ? parts.success.map((m) => m.amount) : diners.map(() => 0)
  return {
    cost: moneyOf(cost, currency),
    diners: count,
    ...(count > 0 ? { perHead: moneyOf(proportional(cost, D.fromInt(1), D.fromInt(count)), currency) } : {}),
    allocation: diners.map((g, i) => ({ dinerGroupId: g.dinerGroupId, diners: g.count, amount: moneyOf(amounts[i] ?? 0, currency) }))
  }
}

/**
 * Why an ingredient's actual cost differs from the plan: more or less used (`quantity`), a
 * different price (`price`), not in the plan (`unplanned`), planned but not issued (`notIssued`).
 *
 * @since 0.1.0
 * @category models
 */
export type VarianceCause = "quantity" | "price" | "unplanned" | "notIssued"

/**
 * One ingredient's variance. `quantityVariance` = (actual − planned quantity) × planned unit cost,
 * half-up; `priceVariance` = the rest of the difference, so the two add up to
 * `actual.value − planned.value` exactly.
 *
 * @since 0.1.0
 * @category models
 */
export interface VarianceLine {
  readonly ingredientId: string
  readonly planned: { readonly quantity: Decimal; readonly value: Money }
  readonly actual: { readonly quantity: Decimal; readonly value: Money }
  readonly quantityVariance: Money
  readonly priceVariance: Money
  readonly causes: ReadonlyArray<VarianceCause>
}

/**
 * A meal's variance between plan and actual.
 *
 * @since 0.1.0
 * @category models
 */
export interface MealVariance {
  readonly planned: Money
  readonly actual: Money
  readonly difference: Money
  readonly plannedDiners: number
  readonly actualDiners: number
  readonly plannedPerHead?: Money
  readonly actualPerHead?: Money
  readonly lines: ReadonlyArray<VarianceLine>
  /** every cause behind a non-zero difference, and `diners` when fewer or more ate than planned */
  readonly causes: ReadonlyArray<VarianceCause | "diners">
}

/**
 * The variance of a meal between its pre-meal costing and the stock issued to it.
 *
 * @since 0.1.0
 * @category math
 */
export const variance = (meal: {
  readonly preMealCost: PreMealCost
  readonly issues: ReadonlyArray<MealIssue>
  readonly plannedDiners: ReadonlyArray<DinerCount>
  readonly diners: ReadonlyArray<DinerCount>
}): MealVariance => {
  const currency = meal.preMealCost.total.currency
  const actual = new Map<string, { quantity: Decimal; value: number }>()
  for (const i of meal.issues) {
    const a = actual.get(i.ingredientId)
    actual.set(i.ingredientId, a === undefined ? { quantity: i.quantity, value: i.value.amount } : { quantity: BigDecimal.sum(a.quantity, i.quantity), value: a.value + i.value.amount })
  }
  const ids = [...meal.preMealCost.lines.map((l) => l.ingredientId as string), ...Array.from(actual.keys()).filter((id) => !meal.preMealCost.lines.some((l) => l.ingredientId === id))]
  const lines: Array<VarianceLine> = ids.map((id) => {
    const p = meal.preMealCost.lines.find((l) => l.ingredientId === id)
    const planned = { quantity: p?.quantity ?? D.fromInt(0), value: p?.value.amount ?? 0 }
    const a = actual.get(id)
    const act = { quantity: BigDecimal.normalize(a?.quantity ?? D.fromInt(0)), value: a?.value ?? 0 }
    const difference = act.value - planned.value
    let quantityVariance: number
    const causes: Array<VarianceCause> = []
    if (planned.quantity.value === 0n) {
      quantityVariance = difference
      if (act.quantity.value > 0n) causes.push("unplanned")
    } else if (act.quantity.value === 0n) {
      quantityVariance = difference
      causes.push("notIssued")
    } else {
      // (Qa − Qp) × Vp / Qp
      quantityVariance = proportional(planned.value, BigDecimal.normalize(BigDecimal.subtract(act.quantity, planned.quantity)), planned.quantity)
      if (quantityVariance !== 0 || !BigDecimal.equals(act.quantity, planned.quantity)) causes.push("quantity")
      if (difference - quantityVariance !== 0) causes.push("price")
    }
    return {
      ingredientId: id,
      planned: { quantity: planned.quantity, value: moneyOf(planned.value, currency) },
      actual: { quantity: act.quantity, value: moneyOf(act.value, currency) },
      quantityVariance: moneyOf(quantityVariance, currency),
      priceVariance: moneyOf(difference - quantityVariance, currency),
      causes
    }
  })
  const plannedDiners = meal.plannedDiners.reduce((a, g) => a + g.count, 0)
  const actualDiners = meal.diners.reduce((a, g) => a + g.count, 0)
  const actualTotal = lines.reduce((a, l) => a + l.actual.value.amount, 0)
  const plannedTotal = meal.preMealCost.total.amount
  const causes = new Set<VarianceCause | "diners">()
  for (const l of lines) for (const c of l.causes) causes.add(c)
  if (actualDiners !== plannedDiners && meal.diners.length > 0) causes.add("diners")
  return {
    planned: meal.preMealCost.total,
    actual: moneyOf(actualTotal, currency),
    difference: moneyOf(actualTotal - plannedTotal, currency),
    plannedDiners,
    actualDiners,
    ...(plannedDiners > 0 ? { plannedPerHead: moneyOf(proportional(plannedTotal, D.fromInt(1), D.fromInt(plannedDiners)), currency) } : {}),
    ...(actualDiners > 0 ? { actualPerHead: moneyOf(proportional(actualTotal, D.fromInt(1), D.fromInt(actualDiners)), currency) } : {}),
    lines,
    causes: Array.from(causes)
  }
}

/**
 * The latest purchase of an ingredient from its lots (the newest lot received from a delivery).
 *
 * @since 0.1.0
 * @category getters
 */
export const latestPurchase = (
  lots: ReadonlyArray<{ readonly receivedOn: string; readonly id: string; readonly source: string; readonly value: Money; readonly quantity: Decimal }>
): Option.Option<{ readonly value: Money; readonly quantity: Decimal }> => {
  let best: (typeof lots)[number] | undefined
  for (const l of lots) {
    if (l.source !== "delivery" || l.quantity.value === 0n) continue
    if (best === undefined || l.receivedOn > best.receivedOn || (l.receivedOn === best.receivedOn && l.id > best.id)) best = l
  }
  return best === undefined ? Option.none() : Option.some({ value: best.value, quantity: best.quantity })
}
