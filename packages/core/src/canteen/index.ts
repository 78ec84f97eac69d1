/**
 * Canteen costing (`@houqin/core/canteen`): suppliers and their licences, food handlers' health
 * certificates and training, ingredients with exact unit conversions, purchase orders, acceptance
 * of deliveries (weighing, checks, partial acceptance, rejection, returns), stock in lots valued
 * by FIFO, FEFO or moving average, recipes with yield, pre-meal costing and actual meal cost,
 * budgets, price checks, weekly menus with their checks, meal-fee accounts with absence refunds
 * and the prepaid-items ledger, the daily publication, the monthly settlement, and the daily
 * food-safety records (tableware disinfection, accompanied meals, food handlers' morning checks).
 *
 Every module's entry point has the same shape:
 *
 * - the records (schemas and types) and the errors, flat: `Canteen.Lot`, `Canteen.InsufficientStockError`;
 * - `Canteen.Commands`: the effects that write (`Canteen.Commands.acceptDelivery(input)`);
 * - `Canteen.Queries`: the effects that only read (`Canteen.Queries.dailyPublication(schoolId, date)`);
 * - `Canteen.Rules`: the rule-pack section (`section`, the `cn` defaults with their sources, the
 *   `CanteenRules` schema);
 * - `Canteen.Storage`: the storage declaration adapters implement (aggregate specs, repository
 *   services, the `repositories` layer);
 * - the pure calculations, usable with no runtime, as namespaces named after their files:
 *   `Canteen.Valuation.fifo`, `Canteen.MonthlySettlement.settle(records)`,
 *   `Canteen.Publication.dailyPublication(…)`.
 *
 * @since 0.1.0
 */
export * from "./model.ts"
export * from "./errors.ts"
export {
  AccompaniedMeal,
  AccompaniedMealId,
  Companion,
  Disinfection,
  DisinfectionId,
  DisinfectionMethod,
  DisinfectionMinimum,
  HandlerCheck,
  HandlerCheckId,
  HandlerSymptom
} from "./hygiene.ts"
export * as Commands from "./commands.ts"
export * as Queries from "./queries.ts"
export * as Rules from "./rules.ts"
export * as Storage from "../ports/canteen.ts"
export * as Valuation from "./valuation.ts"
export * as Stock from "./stock.ts"
export * as Purchase from "./purchase.ts"
export * as Acceptance from "./acceptance.ts"
export * as RecipeCost from "./recipeCost.ts"
export * as MealCost from "./mealCost.ts"
export * as Budget from "./budget.ts"
export * as PriceCheck from "./priceCheck.ts"
export * as MenuCheck from "./menuCheck.ts"
export * as Compliance from "./compliance.ts"
export * as MealFee from "./mealFee.ts"
export * as MonthlySettlement from "./settlement.ts"
export * as Publication from "./publication.ts"
export * as ServedMeal from "./servedMeal.ts"
export * as Hygiene from "./hygiene.ts"
