/**
 * The canteen's records, as Effect Schemas: suppliers and their licences, food handlers with their
 * health certificates and training, ingredients (with the conversions between their purchase and
 * stock units), reference price lists, purchase orders, deliveries and their acceptance, lots with
 * their stock movements, recipes, meals, weekly menus, meal-fee accounts and monthly settlements.
 *
 * Every quantity in stock is kept in its ingredient's **stock unit**, converted exactly from the
 * unit it was bought in (a conversion that does not terminate is refused, never rounded); every
 * amount of money is an integer number of fen. A lot's value is the posted line total of what was
 * accepted, so no price is ever multiplied by a quantity in another unit.
 *
 * @since 0.1.0
 */
import { BigDecimal, Schema } from "effect"
import * as D from "../kernel/Decimal.ts"
import { FindingSchema } from "../kernel/Finding.ts"
import * as Id from "../kernel/Id.ts"
import { LocalDateSchema } from "../kernel/LocalDate.ts"
import type { Money } from "../kernel/Money.ts"
import { Currency, MoneySchema, NonNegativeMoney } from "../kernel/Money.ts"
import { DinerGroupId, SchoolId, StaffId, StudentId } from "../kernel/People.ts"
import { ItemConversionSchema, NonNegativeQuantity, PositiveQuantity } from "../kernel/Quantity.ts"
import { MealId, MealKind } from "../kernel/Meal.ts"
import { InstantSchema } from "../kernel/Time.ts"
import { UnitSchema } from "../kernel/Unit.ts"
import { UnitPriceSchema } from "../kernel/UnitPrice.ts"

// ─── ids ────────────────────────────────────────────────────────────────────────────────────────

/** @since 0.1.0 @category schemas */
export const SupplierId = Id.branded("SupplierId")
/** @since 0.1.0 @category models */
export type SupplierId = typeof SupplierId.Type
/** @since 0.1.0 @category schemas */
export const IngredientId = Id.branded("IngredientId")
/** @since 0.1.0 @category models */
export type IngredientId = typeof IngredientId.Type
/** @since 0.1.0 @category schemas */
export const PriceListId = Id.branded("PriceListId")
/** @since 0.1.0 @category models */
export type PriceListId = typeof PriceListId.Type
/** @since 0.1.0 @category schemas */
export const PurchaseOrderId = Id.branded("PurchaseOrderId")
/** @since 0.1.0 @category models */
export type PurchaseOrderId = typeof PurchaseOrderId.Type
/** @since 0.1.0 @category schemas */
export const DeliveryId = Id.branded("DeliveryId")
/** @since 0.1.0 @category models */
export type DeliveryId = typeof DeliveryId.Type
/** @since 0.1.0 @category schemas */
export const LotId = Id.branded("LotId")
/** @since 0.1.0 @category models */
export type LotId = typeof LotId.Type
/** @since 0.1.0 @category schemas */
export const RecipeId = Id.branded("RecipeId")
/** @since 0.1.0 @category models */
export type RecipeId = typeof RecipeId.Type
/**
 * An amount of fen in a currency, as the canteen's records hold it (a safe integer by
 * construction: every amount is a sum of posted line totals or a share of one).
 *
 * @since 0.1.0
 * @category constructors
 */
export const moneyOf = (amount: number, currency: Currency): Money => ({ amount: amount === 0 ? 0 : amount, currency })

// meals are the kernel's, shared with food sample retention
export { MealId, MealKind, mealKindLabels } from "../kernel/Meal.ts"
/** @since 0.1.0 @category schemas */
export const MenuId = Id.branded("MenuId")
/** @since 0.1.0 @category models */
export type MenuId = typeof MenuId.Type
/** @since 0.1.0 @category schemas */
export const AccountId = Id.branded("AccountId")
/** @since 0.1.0 @category models */
export type AccountId = typeof AccountId.Type
/** @since 0.1.0 @category schemas */
export const SettlementId = Id.branded("SettlementId")
/** @since 0.1.0 @category models */
export type SettlementId = typeof SettlementId.Type

/**
 * The id of one operation on stock (an issue, a spoilage record, a stocktake, a receipt): the
 * movements it wrote on several lots share it.
 *
 * @since 0.1.0
 * @category schemas
 */
export const OperationId = Id.IdString

const Name = Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(200))
const Text = Schema.String.check(Schema.isMaxLength(2000))
const Code = Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(64))

/**
 * A calendar month, `YYYY-MM`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Month = Schema.String.check(
  Schema.makeFilter((s: string) => /^\d{4}-(0[1-9]|1[0-2])$/.test(s), { expected: "a month YYYY-MM", zh: "YYYY-MM 格式的月份" })
)

/**
 * A day of the year without a year, `MM-DD` (the start and end of a season).
 *
 * @since 0.1.0
 * @category schemas
 */
export const MonthDay = Schema.String.check(
  Schema.makeFilter((s: string) => {
    const m = /^(\d{2})-(\d{2})$/.exec(s)
    if (m === null) return false
    const month = Number(m[1])
    const day = Number(m[2])
    const days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    return days !== undefined && day >= 1 && day <= days
  }, { expected: "a day of the year MM-DD", zh: "MM-DD 格式的日期" })
)

// ─── suppliers and food handlers ────────────────────────────────────────────────────────────────

/**
 * Kinds of licence a supplier holds: 营业执照 (business), 食品经营许可证 (food business),
 * 食品生产许可证 (food production), or another document.
 *
 * @since 0.1.0
 * @category schemas
 */
export const LicenceKind = Schema.Literals(["business", "foodBusiness", "foodProduction", "other"])
/** @since 0.1.0 @category models */
export type LicenceKind = typeof LicenceKind.Type

/**
 * A licence: its number and validity. No `validUntil` means it does not expire (营业执照 长期).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Licence = Schema.Struct({
  kind: LicenceKind,
  number: Code,
  validFrom: Schema.optionalKey(LocalDateSchema),
  validUntil: Schema.optionalKey(LocalDateSchema)
})
/** @since 0.1.0 @category models */
export type Licence = typeof Licence.Type

/**
 * A supplier (aggregate `canteen.supplier`).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Supplier = Schema.Struct({
  schoolId: SchoolId,
  id: SupplierId,
  version: Schema.Int,
  name: Name,
  contact: Schema.optionalKey(Text),
  licences: Schema.Array(Licence),
  active: Schema.Boolean
})
/** @since 0.1.0 @category models */
export type Supplier = typeof Supplier.Type

/**
 * A health certificate (健康证明). `validUntil` is what the certificate states, when it states it;
 * otherwise the rule pack's validity counts from `issuedOn`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const HealthCertificate = Schema.Struct({
  number: Code,
  issuedOn: LocalDateSchema,
  validUntil: Schema.optionalKey(LocalDateSchema),
  issuer: Schema.optionalKey(Name)
})
/** @since 0.1.0 @category models */
export type HealthCertificate = typeof HealthCertificate.Type

/**
 * A food-safety training a food handler attended.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Training = Schema.Struct({
  date: LocalDateSchema,
  topic: Name,
  hours: D.PositiveDecimal,
  trainer: Schema.optionalKey(Name)
})
/** @since 0.1.0 @category models */
export type Training = typeof Training.Type

/**
 * A food handler (aggregate `canteen.foodHandler`): a member of staff who handles food, keyed by
 * the staff id of the kernel's people model, with certificates and training on record.
 *
 * @since 0.1.0
 * @category schemas
 */
export const FoodHandler = Schema.Struct({
  schoolId: SchoolId,
  id: StaffId,
  version: Schema.Int,
  name: Name,
  duty: Schema.Literals(["cook", "helper", "buyer", "storekeeper", "manager", "other"]),
  active: Schema.Boolean,
  certificates: Schema.Array(HealthCertificate),
  trainings: Schema.Array(Training)
})
/** @since 0.1.0 @category models */
export type FoodHandler = typeof FoodHandler.Type

// ─── ingredients and prices ─────────────────────────────────────────────────────────────────────

/**
 * How an ingredient is kept: at room temperature, chilled (冷藏) or frozen (冷冻).
 *
 * @since 0.1.0
 * @category schemas
 */
export const StorageKind = Schema.Literals(["ambient", "chilled", "frozen"])
/** @since 0.1.0 @category models */
export type StorageKind = typeof StorageKind.Type

/**
 * Categories of ingredient, for publication and reports.
 *
 * @since 0.1.0
 * @category schemas
 */
export const IngredientCategory = Schema.Literals([
  "grain",
  "vegetable",
  "fruit",
  "meat",
  "poultry",
  "aquatic",
  "egg",
  "dairy",
  "soy",
  "oil",
  "condiment",
  "dryGoods",
  "drink",
  "other"
])
/** @since 0.1.0 @category models */
export type IngredientCategory = typeof IngredientCategory.Type

/**
 * An ingredient (aggregate `canteen.ingredient`). Stock is kept in `stockUnit`; `conversions`
 * are this ingredient's own (a box of this milk holds 24 bottles; one of these eggs is 50 g), so a
 * purchase in 斤, kg, 两 or a count unit converts exactly into stock or is refused. `hazards`
 * name the high-risk foods it is (`greenBeans`), matched against the rule pack's banned list;
 * `agricultural` marks 食用农产品 (fresh produce, meat, eggs), whose purchase records have their
 * own retention period.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Ingredient = Schema.Struct({
  schoolId: SchoolId,
  id: IngredientId,
  version: Schema.Int,
  name: Name,
  category: IngredientCategory,
  stockUnit: UnitSchema,
  conversions: Schema.Array(ItemConversionSchema),
  storage: StorageKind,
  agricultural: Schema.Boolean,
  hazards: Schema.Array(Code),
  tags: Schema.Array(Code)
})
/** @since 0.1.0 @category models */
export type Ingredient = typeof Ingredient.Type

/**
 * One reference price.
 *
 * @since 0.1.0
 * @category schemas
 */
export const PriceEntry = Schema.Struct({
  ingredientId: IngredientId,
  price: UnitPriceSchema,
  note: Schema.optionalKey(Text)
})
/** @since 0.1.0 @category models */
export type PriceEntry = typeof PriceEntry.Type

/**
 * A reference price list (aggregate `canteen.priceList`): market or tender prices a school checks
 * accepted prices against, and costs menus with.
 *
 * @since 0.1.0
 * @category schemas
 */
export const PriceList = Schema.Struct({
  schoolId: SchoolId,
  id: PriceListId,
  version: Schema.Int,
  name: Name,
  source: Name,
  effectiveFrom: LocalDateSchema,
  effectiveTo: Schema.optionalKey(LocalDateSchema),
  entries: Schema.Array(PriceEntry)
})
/** @since 0.1.0 @category models */
export type PriceList = typeof PriceList.Type

// ─── purchases ──────────────────────────────────────────────────────────────────────────────────

/**
 * A line of a purchase order. `received` is what acceptance has let into stock so far, in the
 * ingredient's stock unit.
 *
 * @since 0.1.0
 * @category schemas
 */
export const OrderLine = Schema.Struct({
  line: Schema.Int.check(Schema.isGreaterThanOrEqualTo(1)),
  ingredientId: IngredientId,
  quantity: PositiveQuantity,
  unitPrice: UnitPriceSchema,
  amount: MoneySchema,
  received: NonNegativeQuantity
})
/** @since 0.1.0 @category models */
export type OrderLine = typeof OrderLine.Type

/**
 * The state of a purchase order.
 *
 * @since 0.1.0
 * @category schemas
 */
export const OrderStatus = Schema.Literals(["open", "partiallyReceived", "received", "cancelled"])
/** @since 0.1.0 @category models */
export type OrderStatus = typeof OrderStatus.Type

/**
 * A purchase order (aggregate `canteen.purchaseOrder`).
 *
 * @since 0.1.0
 * @category schemas
 */
export const PurchaseOrder = Schema.Struct({
  schoolId: SchoolId,
  id: PurchaseOrderId,
  version: Schema.Int,
  supplierId: SupplierId,
  orderedOn: LocalDateSchema,
  deliverOn: LocalDateSchema,
  orderedBy: Code,
  currency: Currency,
  lines: Schema.Array(OrderLine),
  total: MoneySchema,
  status: OrderStatus
})
/** @since 0.1.0 @category models */
export type PurchaseOrder = typeof PurchaseOrder.Type

/**
 * A quality check's outcome.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CheckOutcome = Schema.Literals(["pass", "fail"])
/** @since 0.1.0 @category models */
export type CheckOutcome = typeof CheckOutcome.Type

/**
 * The quality checks of a delivered line: freshness and labels as the inspector judged them, and
 * the measured temperature of chilled or frozen food (its outcome follows from the rule pack).
 *
 * @since 0.1.0
 * @category schemas
 */
export const QualityChecks = Schema.Struct({
  freshness: CheckOutcome,
  labels: CheckOutcome,
  temperatureCelsius: Schema.optionalKey(D.DecimalSchema),
  temperature: Schema.optionalKey(CheckOutcome)
})
/** @since 0.1.0 @category models */
export type QualityChecks = typeof QualityChecks.Type

/**
 * The acceptance decision of a delivered line.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Decision = Schema.Literals(["accepted", "partial", "rejected"])
/** @since 0.1.0 @category models */
export type Decision = typeof Decision.Type

/**
 * A delivered line after acceptance: what the supplier stated, what the scale showed, the checks,
 * the decision, and — in the ingredient's stock unit — what entered stock and what went back.
 * `amount` is the posted total of the accepted quantity at the accepted price, rounded once.
 *
 * @since 0.1.0
 * @category schemas
 */
export const DeliveryLine = Schema.Struct({
  line: Schema.Int.check(Schema.isGreaterThanOrEqualTo(1)),
  orderLine: Schema.Int.check(Schema.isGreaterThanOrEqualTo(1)),
  ingredientId: IngredientId,
  delivered: PositiveQuantity,
  weighed: NonNegativeQuantity,
  checks: QualityChecks,
  decision: Decision,
  accepted: NonNegativeQuantity,
  returned: NonNegativeQuantity,
  reason: Schema.optionalKey(Text),
  unitPrice: UnitPriceSchema,
  amount: MoneySchema,
  bestBefore: Schema.optionalKey(LocalDateSchema),
  lotId: Schema.optionalKey(LotId)
})
/** @since 0.1.0 @category models */
export type DeliveryLine = typeof DeliveryLine.Type

/**
 * A delivery and its acceptance (aggregate `canteen.delivery`), with the findings raised when it
 * was accepted (a lapsed licence, a price above the reference).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Delivery = Schema.Struct({
  schoolId: SchoolId,
  id: DeliveryId,
  version: Schema.Int,
  orderId: PurchaseOrderId,
  supplierId: SupplierId,
  receivedOn: LocalDateSchema,
  receivedAt: InstantSchema,
  inspector: Code,
  currency: Currency,
  lines: Schema.Array(DeliveryLine),
  total: MoneySchema,
  status: Decision,
  findings: Schema.Array(FindingSchema)
})
/** @since 0.1.0 @category models */
export type Delivery = typeof Delivery.Type

// ─── stock ──────────────────────────────────────────────────────────────────────────────────────

/**
 * Kinds of stock movement: `opening` (stock brought forward when the school starts), `receipt`
 * (accepted from a delivery), `issue` (to the kitchen), `spoilage`, `stocktake` (a count's
 * difference: 盘盈 positive, 盘亏 negative), `return` (sent back to the supplier) and `revaluation`
 * (value moved between lots of one ingredient by moving-average valuation; quantity zero, and the
 * revaluations of one operation sum to zero).
 *
 * @since 0.1.0
 * @category schemas
 */
export const MovementKind = Schema.Literals(["opening", "receipt", "issue", "spoilage", "stocktake", "return", "revaluation"])
/** @since 0.1.0 @category models */
export type MovementKind = typeof MovementKind.Type

/**
 * One movement of a lot: signed quantity in the stock unit and signed value in fen (out of the lot
 * is negative), the operation it belongs to and, for an issue to a meal, the meal.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Movement = Schema.Struct({
  seq: Schema.Int.check(Schema.isGreaterThanOrEqualTo(1)),
  kind: MovementKind,
  date: LocalDateSchema,
  quantity: D.DecimalSchema,
  value: MoneySchema,
  operation: OperationId,
  mealId: Schema.optionalKey(MealId),
  reason: Schema.optionalKey(Text)
})
/** @since 0.1.0 @category models */
export type Movement = typeof Movement.Type

/**
 * A lot (aggregate `canteen.lot`): one received quantity of one ingredient with its date, its
 * best-before and its value, and every movement since. `remaining` and `remainingValue` are the
 * sums of the movements; a lot is closed on the day its quantity reaches zero (its value is then
 * zero too).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Lot = Schema.Struct({
  schoolId: SchoolId,
  id: LotId,
  version: Schema.Int,
  ingredientId: IngredientId,
  source: Schema.Literals(["delivery", "opening", "surplus"]),
  supplierId: Schema.optionalKey(SupplierId),
  deliveryId: Schema.optionalKey(DeliveryId),
  receivedOn: LocalDateSchema,
  bestBefore: Schema.optionalKey(LocalDateSchema),
  unit: UnitSchema,
  currency: Currency,
  quantity: D.NonNegativeDecimal,
  value: MoneySchema,
  remaining: D.NonNegativeDecimal,
  remainingValue: MoneySchema,
  open: Schema.Boolean,
  closedOn: Schema.optionalKey(LocalDateSchema),
  movements: Schema.Array(Movement)
})
/** @since 0.1.0 @category models */
export type Lot = typeof Lot.Type

// ─── recipes, meals and menus ───────────────────────────────────────────────────────────────────

/**
 * An ingredient of a recipe: the gross quantity per serving (what leaves the store) and the
 * yield (净料率, the usable share after trimming: 0 < yield ≤ 1).
 *
 * @since 0.1.0
 * @category schemas
 */
export const IngredientItem = Schema.TaggedStruct("ingredient", {
  ingredientId: IngredientId,
  gross: PositiveQuantity,
  yield: D.PositiveDecimal.check(
    Schema.makeFilter((d: D.Decimal) => BigDecimal.isLessThanOrEqualTo(d, D.fromInt(1)), {
      expected: "a yield between 0 (exclusive) and 1",
      zh: "大于 0 且不大于 1 的净料率"
    })
  )
})

/**
 * A nested recipe: `servings` of another recipe per serving of this one.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SubRecipeItem = Schema.TaggedStruct("recipe", {
  recipeId: RecipeId,
  servings: D.PositiveDecimal
})

/**
 * @since 0.1.0
 * @category schemas
 */
export const RecipeItem = Schema.Union([IngredientItem, SubRecipeItem])
/** @since 0.1.0 @category models */
export type RecipeItem = typeof RecipeItem.Type

/**
 * Kinds of dish.
 *
 * @since 0.1.0
 * @category schemas
 */
export const DishKind = Schema.Literals(["staple", "main", "side", "soup", "drink", "snack", "dessert", "sauce"])
/** @since 0.1.0 @category models */
export type DishKind = typeof DishKind.Type

/**
 * A recipe (aggregate `canteen.recipe`): per serving. `tags` mark what menu rules count (the rule
 * pack's cooling tags, `cooling` by default); `hazards` name the high-risk foods it is
 * (`coldMeat`, `decoratedCake`), matched against the banned list.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Recipe = Schema.Struct({
  schoolId: SchoolId,
  id: RecipeId,
  version: Schema.Int,
  name: Name,
  kind: DishKind,
  tags: Schema.Array(Code),
  hazards: Schema.Array(Code),
  items: Schema.Array(RecipeItem).check(Schema.isMinLength(1))
})
/** @since 0.1.0 @category models */
export type Recipe = typeof Recipe.Type


/**
 * A dish of a meal with the servings planned.
 *
 * @since 0.1.0
 * @category schemas
 */
export const MealDish = Schema.Struct({
  recipeId: RecipeId,
  plannedServings: Schema.Int.check(Schema.isGreaterThanOrEqualTo(1))
})
/** @since 0.1.0 @category models */
export type MealDish = typeof MealDish.Type

/**
 * The diners of one group at a meal; `weight` scales a group's share of the cost (a staff portion
 * weighs more than a small child's), 1 unless stated.
 *
 * @since 0.1.0
 * @category schemas
 */
export const DinerCount = Schema.Struct({
  dinerGroupId: DinerGroupId,
  count: Schema.Int.check(Schema.isGreaterThanOrEqualTo(0)),
  weight: Schema.optionalKey(D.PositiveDecimal)
})
/** @since 0.1.0 @category models */
export type DinerCount = typeof DinerCount.Type

/**
 * Where a cost line's price came from: the stock on hand (valued as the school's valuation
 * strategy would issue it), a reference price list, the latest purchase price for what stock
 * cannot cover, or nowhere (`none`: no stock, no price — costed at zero and reported).
 *
 * @since 0.1.0
 * @category schemas
 */
export const PriceSource = Schema.Literals(["stock", "priceList", "lastPurchase", "none"])
/** @since 0.1.0 @category models */
export type PriceSource = typeof PriceSource.Type

/**
 * One ingredient of a costing: the gross quantity in the stock unit and its value in fen.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CostLine = Schema.Struct({
  ingredientId: IngredientId,
  quantity: D.NonNegativeDecimal,
  unit: UnitSchema,
  value: MoneySchema,
  sources: Schema.Array(PriceSource)
})
/** @since 0.1.0 @category models */
export type CostLine = typeof CostLine.Type

/**
 * A dish's pre-meal cost: the total for the planned servings and the price per serving (rounded
 * half-up to the fen, for publication). `unpriced` lists the dish's ingredients that no stock,
 * price list or past purchase priced, in all or in part (their line's `sources` include `none`):
 * they are costed at nothing, so the cost is incomplete — not a price to publish — unless it is
 * empty. Optional: costings stored before it have none (read their lines' sources).
 *
 * @since 0.1.0
 * @category schemas
 */
export const DishCost = Schema.Struct({
  recipeId: RecipeId,
  servings: Schema.Int,
  cost: MoneySchema,
  perServing: MoneySchema,
  lines: Schema.Array(CostLine),
  unpriced: Schema.optionalKey(Schema.Array(IngredientId))
})
/** @since 0.1.0 @category models */
export type DishCost = typeof DishCost.Type

/**
 * The pre-meal costing (餐前菜价合算) of a meal. `unpriced` lists the ingredients that no stock,
 * price list or past purchase priced, in all or in part: they are costed at nothing, and the total
 * is incomplete unless it is empty. Optional: costings stored before it have none (read their
 * lines' sources: `none`).
 *
 * @since 0.1.0
 * @category schemas
 */
export const PreMealCost = Schema.Struct({
  basis: Schema.Literals(["stock", "priceList"]),
  priceListId: Schema.optionalKey(PriceListId),
  dishes: Schema.Array(DishCost),
  lines: Schema.Array(CostLine),
  total: MoneySchema,
  perHead: Schema.optionalKey(MoneySchema),
  unpriced: Schema.optionalKey(Schema.Array(IngredientId))
})
/** @since 0.1.0 @category models */
export type PreMealCost = typeof PreMealCost.Type

/**
 * Stock issued to a meal: the operation, the ingredient, the quantity in its stock unit and the
 * value the valuation strategy gave it.
 *
 * @since 0.1.0
 * @category schemas
 */
export const MealIssue = Schema.Struct({
  operation: OperationId,
  date: LocalDateSchema,
  ingredientId: IngredientId,
  quantity: D.PositiveDecimal,
  unit: UnitSchema,
  value: MoneySchema
})
/** @since 0.1.0 @category models */
export type MealIssue = typeof MealIssue.Type

/**
 * A meal's actual cost after service: the cost of stock issued to it, the cost per head of the
 * diners counted (rounded half-up), and its allocation to the diner groups (largest remainders:
 * the parts add up to the cost).
 *
 * @since 0.1.0
 * @category schemas
 */
export const ActualCost = Schema.Struct({
  cost: MoneySchema,
  diners: Schema.Int,
  perHead: Schema.optionalKey(MoneySchema),
  allocation: Schema.Array(Schema.Struct({ dinerGroupId: DinerGroupId, diners: Schema.Int, amount: MoneySchema }))
})
/** @since 0.1.0 @category models */
export type ActualCost = typeof ActualCost.Type

/**
 * A meal (aggregate `canteen.meal`): its dishes and planned diners, the pre-meal costing, the
 * stock issued to it, and — once served — the diners counted and the actual cost. `servedAt` is
 * when service began, when it was given (planned, or recorded with the diners); food sample
 * retention reads the meal as served from it (`servedMeals`), else from the pack's
 * `canteen.serviceTimes`. A planned meal that will not be served (the school closed) is
 * `cancelled`, with `cancelReason` (`cancelMeal`): it keeps its record but is no meal served.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Meal = Schema.Struct({
  schoolId: SchoolId,
  id: MealId,
  version: Schema.Int,
  date: LocalDateSchema,
  kind: MealKind,
  servedAt: Schema.optionalKey(InstantSchema),
  currency: Currency,
  dishes: Schema.Array(MealDish).check(Schema.isMinLength(1)),
  plannedDiners: Schema.Array(DinerCount),
  preMealCost: PreMealCost,
  issues: Schema.Array(MealIssue),
  status: Schema.Literals(["planned", "served", "cancelled"]),
  diners: Schema.Array(DinerCount),
  actual: Schema.optionalKey(ActualCost),
  cancelReason: Schema.optionalKey(Text),
  /**
   * the findings raised when the meal was planned: banned high-risk foods among its dishes, an
   * incomplete pre-meal costing (optional: meals stored before these checks have none)
   */
  findings: Schema.optionalKey(Schema.Array(FindingSchema))
})
/** @since 0.1.0 @category models */
export type Meal = typeof Meal.Type

/**
 * A meal of a weekly menu.
 *
 * @since 0.1.0
 * @category schemas
 */
export const MenuMeal = Schema.Struct({
  date: LocalDateSchema,
  kind: MealKind,
  dishes: Schema.Array(RecipeId).check(Schema.isMinLength(1))
})
/** @since 0.1.0 @category models */
export type MenuMeal = typeof MenuMeal.Type

/**
 * A weekly menu (aggregate `canteen.menu`), from Monday `weekStart`, with the findings its checks
 * raised when it was saved.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Menu = Schema.Struct({
  schoolId: SchoolId,
  id: MenuId,
  version: Schema.Int,
  weekStart: LocalDateSchema,
  meals: Schema.Array(MenuMeal),
  published: Schema.Boolean,
  findings: Schema.Array(FindingSchema)
})
/** @since 0.1.0 @category models */
export type Menu = typeof Menu.Type

// ─── meal-fee accounts ──────────────────────────────────────────────────────────────────────────

/**
 * The holder of a meal-fee account: a student or a member of staff.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Holder = Schema.Union([
  Schema.TaggedStruct("student", { id: StudentId }),
  Schema.TaggedStruct("staff", { id: StaffId })
])
/** @since 0.1.0 @category models */
export type Holder = typeof Holder.Type

/**
 * Kinds of meal-fee entry: a `deposit` paid in, a `charge` of the meal fee (the canteen's
 * income), a `refund` of fees for days absent (back into the account, reducing income), a `payout`
 * of the balance to the payer, an `adjustment` (signed).
 *
 * @since 0.1.0
 * @category schemas
 */
export const AccountEntryKind = Schema.Literals(["deposit", "charge", "refund", "payout", "adjustment"])
/** @since 0.1.0 @category models */
export type AccountEntryKind = typeof AccountEntryKind.Type

/**
 * A meal-fee entry. `amount` is in fen: positive for every kind but `adjustment`, which is signed.
 * `days` is the number of meal days a charge or a refund covers; `month` the month it is for, whose
 * income it is (a fee collected on 26 February for March: `"2026-03"`) — without it, the month of
 * its date.
 *
 * @since 0.1.0
 * @category schemas
 */
export const AccountEntry = Schema.Struct({
  seq: Schema.Int.check(Schema.isGreaterThanOrEqualTo(1)),
  date: LocalDateSchema,
  kind: AccountEntryKind,
  amount: MoneySchema,
  days: Schema.optionalKey(Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))),
  month: Schema.optionalKey(Month),
  note: Schema.optionalKey(Text)
})
/** @since 0.1.0 @category models */
export type AccountEntry = typeof AccountEntry.Type

/**
 * Kinds of prepaid-items entry (代办费): money paid in, an item bought for the child, the balance
 * paid back at the end of term.
 *
 * @since 0.1.0
 * @category schemas
 */
export const PrepaidEntry = Schema.Struct({
  seq: Schema.Int.check(Schema.isGreaterThanOrEqualTo(1)),
  date: LocalDateSchema,
  term: Code,
  kind: Schema.Literals(["deposit", "purchase", "refund"]),
  amount: NonNegativeMoney,
  item: Schema.optionalKey(Name),
  quantity: Schema.optionalKey(D.PositiveDecimal),
  note: Schema.optionalKey(Text)
})
/** @since 0.1.0 @category models */
export type PrepaidEntry = typeof PrepaidEntry.Type

/**
 * A meal-fee account (aggregate `canteen.account`) of one diner, with its prepaid-items ledger.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Account = Schema.Struct({
  schoolId: SchoolId,
  id: AccountId,
  version: Schema.Int,
  holder: Holder,
  dinerGroupId: DinerGroupId,
  currency: Currency,
  active: Schema.Boolean,
  entries: Schema.Array(AccountEntry),
  prepaid: Schema.Array(PrepaidEntry)
})
/** @since 0.1.0 @category models */
export type Account = typeof Account.Type

// ─── settlement ─────────────────────────────────────────────────────────────────────────────────

/**
 * An amount entered when a month is closed (another cost, a subsidy, other income).
 *
 * @since 0.1.0
 * @category schemas
 */
export const SettlementItem = Schema.Struct({
  category: Code,
  label: Name,
  amount: NonNegativeMoney,
  dinerGroupId: Schema.optionalKey(DinerGroupId)
})
/** @since 0.1.0 @category models */
export type SettlementItem = typeof SettlementItem.Type

/**
 * What the person closing a month enters: costs other than food (fuel, wages, utilities),
 * subsidies and other income.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SettlementInputs = Schema.Struct({
  otherCosts: Schema.Array(SettlementItem),
  subsidies: Schema.Array(SettlementItem),
  otherIncome: Schema.Array(SettlementItem)
})
/** @since 0.1.0 @category models */
export type SettlementInputs = typeof SettlementInputs.Type

/**
 * Meal-fee income of one diner group in a month.
 *
 * @since 0.1.0
 * @category schemas
 */
export const GroupIncome = Schema.Struct({
  dinerGroupId: DinerGroupId,
  charged: MoneySchema,
  refunded: MoneySchema,
  net: MoneySchema
})

/**
 * One diner group's share of a month's meals.
 *
 * @since 0.1.0
 * @category schemas
 */
export const GroupMeals = Schema.Struct({
  dinerGroupId: DinerGroupId,
  headMeals: Schema.Int,
  mealCost: MoneySchema,
  income: MoneySchema
})

/**
 * A monthly settlement (月结; aggregate `canteen.settlement`), as data a report can publish.
 * All amounts are integer fen in `currency`.
 *
 * - `food.cost` = `food.opening` + `food.purchases` − `food.closing` (食品成本);
 * - `consumption.total` — the same cost, from what left stock: issues to meals and otherwise,
 *   spoilage, stocktake shortages less surpluses; the settlement is refused when they differ;
 * - `balance` = `income.total` − `food.cost` − `otherCosts.total` (结余, positive or negative);
 * - `costPerHeadMeal` = `food.cost` ÷ `headMeals` (half-up to the fen);
 * - `foodCostRatio` = `food.cost` ÷ `income.total` (4 places, half-up), absent without income.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Settlement = Schema.Struct({
  schoolId: SchoolId,
  id: SettlementId,
  version: Schema.Int,
  month: Month,
  from: LocalDateSchema,
  to: LocalDateSchema,
  currency: Currency,
  closedBy: Code,
  inputs: SettlementInputs,
  income: Schema.Struct({
    mealFees: Schema.Array(GroupIncome),
    mealFeesTotal: MoneySchema,
    subsidies: MoneySchema,
    other: MoneySchema,
    total: MoneySchema
  }),
  food: Schema.Struct({
    opening: MoneySchema,
    receipts: MoneySchema,
    returns: MoneySchema,
    purchases: MoneySchema,
    closing: MoneySchema,
    cost: MoneySchema
  }),
  consumption: Schema.Struct({
    issuedToMeals: MoneySchema,
    issuedOther: MoneySchema,
    spoilage: MoneySchema,
    stocktakeShortage: MoneySchema,
    stocktakeSurplus: MoneySchema,
    total: MoneySchema
  }),
  otherCosts: MoneySchema,
  balance: MoneySchema,
  meals: Schema.Int,
  headMeals: Schema.Int,
  costPerHeadMeal: Schema.optionalKey(MoneySchema),
  foodCostRatio: Schema.optionalKey(D.DecimalSchema),
  byDinerGroup: Schema.Array(GroupMeals),
  records: Schema.Struct({
    lots: Schema.Int,
    deliveries: Schema.Int,
    meals: Schema.Int,
    accounts: Schema.Int
  })
})
/** @since 0.1.0 @category models */
export type Settlement = typeof Settlement.Type

/**
 * A quantity as decoded: an exact decimal and any unit.
 *
 * @since 0.1.0
 * @category models
 */
export type QuantityValue = typeof NonNegativeQuantity.Type

/**
 * A unit price as decoded.
 *
 * @since 0.1.0
 * @category models
 */
export type PriceValue = typeof UnitPriceSchema.Type

