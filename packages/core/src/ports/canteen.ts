/**
 * Storage of the canteen: the aggregate specs (name, schema, projected fields), one repository
 * service per aggregate and the `repositories` layer. Adapters store exactly these; the projected
 * fields are the columns the canteen's commands and queries filter, range and order by.
 *
 * @since 0.1.0
 */
import { Context, Layer } from "effect"
import type {
  Account as AccountType,
  Delivery as DeliveryType,
  FoodHandler as FoodHandlerType,
  Ingredient as IngredientType,
  Lot as LotType,
  Meal as MealType,
  Menu as MenuType,
  PriceList as PriceListType,
  PurchaseOrder as PurchaseOrderType,
  Recipe as RecipeType,
  Settlement as SettlementType,
  Supplier as SupplierType
} from "../canteen/model.ts"
import {
  Account,
  Delivery,
  FoodHandler,
  Ingredient,
  Lot,
  Meal,
  Menu,
  PriceList,
  PurchaseOrder,
  Recipe,
  Settlement,
  Supplier
} from "../canteen/model.ts"
import type { AccompaniedMeal as AccompaniedMealType, Disinfection as DisinfectionType, HandlerCheck as HandlerCheckType } from "../canteen/hygiene.ts"
import { AccompaniedMeal, Disinfection, HandlerCheck } from "../canteen/hygiene.ts"
import { format as decimal } from "../kernel/Decimal.ts"
import * as Repository from "./Repository.ts"
import { aggregate } from "./Storage.ts"

/**
 * Suppliers (`canteen.supplier`), by name and whether active.
 *
 * @since 0.1.0
 * @category specs
 */
export const SupplierSpec = aggregate({
  name: "canteen.supplier",
  schema: Supplier,
  fields: {
    name: { kind: "text", get: (s: SupplierType) => s.name },
    active: { kind: "bool", get: (s: SupplierType) => s.active }
  }
})

/**
 * Food handlers (`canteen.foodHandler`), by name, duty, whether active and the issue date of their
 * latest health certificate (null when none is on record).
 *
 * @since 0.1.0
 * @category specs
 */
export const FoodHandlerSpec = aggregate({
  name: "canteen.foodHandler",
  schema: FoodHandler,
  fields: {
    name: { kind: "text", get: (h: FoodHandlerType) => h.name },
    duty: { kind: "text", get: (h: FoodHandlerType) => h.duty },
    active: { kind: "bool", get: (h: FoodHandlerType) => h.active },
    lastCertificateOn: { kind: "date", get: (h: FoodHandlerType) => h.certificates.map((c) => c.issuedOn as string).sort().at(-1) ?? null }
  }
})

/**
 * Ingredients (`canteen.ingredient`), by name, category, the unit stock is kept in, how it is kept
 * and whether it is fresh produce (食用农产品).
 *
 * @since 0.1.0
 * @category specs
 */
export const IngredientSpec = aggregate({
  name: "canteen.ingredient",
  schema: Ingredient,
  fields: {
    name: { kind: "text", get: (i: IngredientType) => i.name },
    category: { kind: "text", get: (i: IngredientType) => i.category },
    stockUnit: { kind: "text", get: (i: IngredientType) => i.stockUnit },
    storage: { kind: "text", get: (i: IngredientType) => i.storage },
    agricultural: { kind: "bool", get: (i: IngredientType) => i.agricultural }
  }
})

/**
 * Reference price lists (`canteen.priceList`), by name, source and the dates they are in effect
 * (`effectiveTo` null while open).
 *
 * @since 0.1.0
 * @category specs
 */
export const PriceListSpec = aggregate({
  name: "canteen.priceList",
  schema: PriceList,
  fields: {
    name: { kind: "text", get: (p: PriceListType) => p.name },
    source: { kind: "text", get: (p: PriceListType) => p.source },
    effectiveFrom: { kind: "date", get: (p: PriceListType) => p.effectiveFrom },
    effectiveTo: { kind: "date", get: (p: PriceListType) => p.effectiveTo ?? null }
  }
})

/**
 * Purchase orders (`canteen.purchaseOrder`), by supplier (a reference), order and delivery dates,
 * status, who ordered, and the total in fen with its currency. The lines stay in the document.
 *
 * @since 0.1.0
 * @category specs
 */
export const PurchaseOrderSpec = aggregate({
  name: "canteen.purchaseOrder",
  schema: PurchaseOrder,
  fields: {
    supplierId: { kind: "text", get: (o: PurchaseOrderType) => o.supplierId, references: "canteen.supplier" },
    orderedOn: { kind: "date", get: (o: PurchaseOrderType) => o.orderedOn },
    deliverOn: { kind: "date", get: (o: PurchaseOrderType) => o.deliverOn },
    status: { kind: "text", get: (o: PurchaseOrderType) => o.status },
    orderedBy: { kind: "text", get: (o: PurchaseOrderType) => o.orderedBy },
    total: { kind: "int", get: (o: PurchaseOrderType) => o.total.amount },
    currency: { kind: "text", get: (o: PurchaseOrderType) => o.currency }
  }
})

/**
 * Deliveries (`canteen.delivery`), by order and supplier (references), date and instant received,
 * inspector, acceptance status, and the accepted total in fen with its currency.
 *
 * @since 0.1.0
 * @category specs
 */
export const DeliverySpec = aggregate({
  name: "canteen.delivery",
  schema: Delivery,
  fields: {
    orderId: { kind: "text", get: (d: DeliveryType) => d.orderId, references: "canteen.purchaseOrder" },
    supplierId: { kind: "text", get: (d: DeliveryType) => d.supplierId, references: "canteen.supplier" },
    receivedOn: { kind: "date", get: (d: DeliveryType) => d.receivedOn },
    receivedAt: { kind: "instant", get: (d: DeliveryType) => d.receivedAt.epochMilliseconds },
    inspector: { kind: "text", get: (d: DeliveryType) => d.inspector },
    status: { kind: "text", get: (d: DeliveryType) => d.status },
    total: { kind: "int", get: (d: DeliveryType) => d.total.amount },
    currency: { kind: "text", get: (d: DeliveryType) => d.currency }
  }
})

/**
 * Lots (`canteen.lot`), by ingredient, delivery and supplier (references; the last two null for
 * opening stock and surpluses), source, whether open, the dates received and closed, and
 * best-before: an issue reads one ingredient's open lots; a settlement reads the lots open at a
 * month's start or received in it; pricing reads an ingredient's latest purchase. The quantity
 * received and remaining are exact decimals in the ingredient's stock unit (`unit`), their values
 * integer fen in `currency`.
 *
 * @since 0.1.0
 * @category specs
 */
export const LotSpec = aggregate({
  name: "canteen.lot",
  schema: Lot,
  fields: {
    ingredientId: { kind: "text", get: (l: LotType) => l.ingredientId, references: "canteen.ingredient" },
    source: { kind: "text", get: (l: LotType) => l.source },
    open: { kind: "bool", get: (l: LotType) => l.open },
    receivedOn: { kind: "date", get: (l: LotType) => l.receivedOn },
    closedOn: { kind: "date", get: (l: LotType) => l.closedOn ?? null },
    bestBefore: { kind: "date", get: (l: LotType) => l.bestBefore ?? null },
    deliveryId: { kind: "text", get: (l: LotType) => l.deliveryId ?? null, references: "canteen.delivery" },
    supplierId: { kind: "text", get: (l: LotType) => l.supplierId ?? null, references: "canteen.supplier" },
    quantity: { kind: "decimal", get: (l: LotType) => decimal(l.quantity) },
    remaining: { kind: "decimal", get: (l: LotType) => decimal(l.remaining) },
    unit: { kind: "text", get: (l: LotType) => l.unit },
    value: { kind: "int", get: (l: LotType) => l.value.amount },
    remainingValue: { kind: "int", get: (l: LotType) => l.remainingValue.amount },
    currency: { kind: "text", get: (l: LotType) => l.currency }
  },
  // an ingredient's lots received in a period (the price check's history)
  indexes: [["ingredientId", "receivedOn"]]
})

/**
 * Recipes (`canteen.recipe`), by name and kind of dish.
 *
 * @since 0.1.0
 * @category specs
 */
export const RecipeSpec = aggregate({
  name: "canteen.recipe",
  schema: Recipe,
  fields: {
    name: { kind: "text", get: (r: RecipeType) => r.name },
    kind: { kind: "text", get: (r: RecipeType) => r.kind }
  }
})

/**
 * Meals (`canteen.meal`), by date, kind and status, with the pre-meal cost, and — once served — the
 * diners counted and the actual cost (fen, in `currency`; null before service).
 *
 * @since 0.1.0
 * @category specs
 */
export const MealSpec = aggregate({
  name: "canteen.meal",
  schema: Meal,
  fields: {
    date: { kind: "date", get: (m: MealType) => m.date },
    kind: { kind: "text", get: (m: MealType) => m.kind },
    status: { kind: "text", get: (m: MealType) => m.status },
    plannedCost: { kind: "int", get: (m: MealType) => m.preMealCost.total.amount },
    diners: { kind: "int", get: (m: MealType) => m.actual?.diners ?? null },
    actualCost: { kind: "int", get: (m: MealType) => m.actual?.cost.amount ?? null },
    currency: { kind: "text", get: (m: MealType) => m.currency }
  }
})

/**
 * Weekly menus (`canteen.menu`), by week and whether published.
 *
 * @since 0.1.0
 * @category specs
 */
export const MenuSpec = aggregate({
  name: "canteen.menu",
  schema: Menu,
  fields: {
    weekStart: { kind: "date", get: (m: MenuType) => m.weekStart },
    published: { kind: "bool", get: (m: MenuType) => m.published }
  }
})

/**
 * Meal-fee accounts (`canteen.account`), by holder (a student or a member of staff, so no foreign
 * key), diner group, currency and whether active.
 *
 * @since 0.1.0
 * @category specs
 */
export const AccountSpec = aggregate({
  name: "canteen.account",
  schema: Account,
  fields: {
    holderKind: { kind: "text", get: (a: AccountType) => a.holder._tag },
    holderId: { kind: "text", get: (a: AccountType) => a.holder.id },
    dinerGroupId: { kind: "text", get: (a: AccountType) => a.dinerGroupId },
    active: { kind: "bool", get: (a: AccountType) => a.active },
    currency: { kind: "text", get: (a: AccountType) => a.currency }
  }
})

/**
 * Monthly settlements (`canteen.settlement`), one per month of a school (unique), with the
 * month's dates, who closed it, and its totals in fen: income, food cost, other costs and the
 * balance (结余), and the head-meals counted.
 *
 * @since 0.1.0
 * @category specs
 */
export const SettlementSpec = aggregate({
  name: "canteen.settlement",
  schema: Settlement,
  fields: {
    month: { kind: "text", get: (s: SettlementType) => s.month },
    periodStart: { kind: "date", get: (s: SettlementType) => s.from },
    periodEnd: { kind: "date", get: (s: SettlementType) => s.to },
    closedBy: { kind: "text", get: (s: SettlementType) => s.closedBy },
    income: { kind: "int", get: (s: SettlementType) => s.income.total.amount },
    foodCost: { kind: "int", get: (s: SettlementType) => s.food.cost.amount },
    otherCosts: { kind: "int", get: (s: SettlementType) => s.otherCosts.amount },
    balance: { kind: "int", get: (s: SettlementType) => s.balance.amount },
    headMeals: { kind: "int", get: (s: SettlementType) => s.headMeals },
    currency: { kind: "text", get: (s: SettlementType) => s.currency }
  },
  unique: [["month"]]
})

/**
 * Tableware disinfection batches (`canteen.disinfection`), by date, meal (null for a batch of the
 * whole day), method, start and operator.
 *
 * @since 0.1.0
 * @category specs
 */
export const DisinfectionSpec = aggregate({
  name: "canteen.disinfection",
  schema: Disinfection,
  fields: {
    date: { kind: "date", get: (d: DisinfectionType) => d.date },
    meal: { kind: "text", get: (d: DisinfectionType) => d.meal ?? null },
    method: { kind: "text", get: (d: DisinfectionType) => d.method },
    at: { kind: "instant", get: (d: DisinfectionType) => d.at.epochMilliseconds },
    operator: { kind: "text", get: (d: DisinfectionType) => d.operator }
  }
})

/**
 * Accompanied meals (`canteen.accompaniedMeal`, 陪餐记录), by date and meal, and whether a school
 * leader ate.
 *
 * @since 0.1.0
 * @category specs
 */
export const AccompaniedMealSpec = aggregate({
  name: "canteen.accompaniedMeal",
  schema: AccompaniedMeal,
  fields: {
    date: { kind: "date", get: (a: AccompaniedMealType) => a.date },
    meal: { kind: "text", get: (a: AccompaniedMealType) => a.meal },
    leader: { kind: "bool", get: (a: AccompaniedMealType) => a.companions.some((c) => c._tag === "leader") }
  }
})

/**
 * Food handlers' morning checks (`canteen.handlerCheck`, 从业人员晨检), by date, handler and
 * whether the handler was stood down.
 *
 * @since 0.1.0
 * @category specs
 */
export const HandlerCheckSpec = aggregate({
  name: "canteen.handlerCheck",
  schema: HandlerCheck,
  fields: {
    date: { kind: "date", get: (c: HandlerCheckType) => c.date },
    handlerId: { kind: "text", get: (c: HandlerCheckType) => c.handlerId, references: "canteen.foodHandler" },
    standDown: { kind: "bool", get: (c: HandlerCheckType) => c.standDown }
  }
})

/**
 * Every canteen aggregate spec.
 *
 * @since 0.1.0
 * @category specs
 */
export const specs = [
  SupplierSpec,
  FoodHandlerSpec,
  IngredientSpec,
  PriceListSpec,
  PurchaseOrderSpec,
  DeliverySpec,
  LotSpec,
  RecipeSpec,
  MealSpec,
  MenuSpec,
  AccountSpec,
  SettlementSpec,
  DisinfectionSpec,
  AccompaniedMealSpec,
  HandlerCheckSpec
] as const

/** @since 0.1.0 @category services */
export class SupplierRepository extends Context.Service<SupplierRepository, Repository.Repository<SupplierType>>()(
  "@houqin/core/canteen/SupplierRepository"
) {}
/** @since 0.1.0 @category services */
export class FoodHandlerRepository extends Context.Service<FoodHandlerRepository, Repository.Repository<FoodHandlerType>>()(
  "@houqin/core/canteen/FoodHandlerRepository"
) {}
/** @since 0.1.0 @category services */
export class IngredientRepository extends Context.Service<IngredientRepository, Repository.Repository<IngredientType>>()(
  "@houqin/core/canteen/IngredientRepository"
) {}
/** @since 0.1.0 @category services */
export class PriceListRepository extends Context.Service<PriceListRepository, Repository.Repository<PriceListType>>()(
  "@houqin/core/canteen/PriceListRepository"
) {}
/** @since 0.1.0 @category services */
export class PurchaseOrderRepository extends Context.Service<PurchaseOrderRepository, Repository.Repository<PurchaseOrderType>>()(
  "@houqin/core/canteen/PurchaseOrderRepository"
) {}
/** @since 0.1.0 @category services */
export class DeliveryRepository extends Context.Service<DeliveryRepository, Repository.Repository<DeliveryType>>()(
  "@houqin/core/canteen/DeliveryRepository"
) {}
/** @since 0.1.0 @category services */
export class LotRepository extends Context.Service<LotRepository, Repository.Repository<LotType>>()(
  "@houqin/core/canteen/LotRepository"
) {}
/** @since 0.1.0 @category services */
export class RecipeRepository extends Context.Service<RecipeRepository, Repository.Repository<RecipeType>>()(
  "@houqin/core/canteen/RecipeRepository"
) {}
/** @since 0.1.0 @category services */
export class MealRepository extends Context.Service<MealRepository, Repository.Repository<MealType>>()(
  "@houqin/core/canteen/MealRepository"
) {}
/** @since 0.1.0 @category services */
export class MenuRepository extends Context.Service<MenuRepository, Repository.Repository<MenuType>>()(
  "@houqin/core/canteen/MenuRepository"
) {}
/** @since 0.1.0 @category services */
export class AccountRepository extends Context.Service<AccountRepository, Repository.Repository<AccountType>>()(
  "@houqin/core/canteen/AccountRepository"
) {}
/** @since 0.1.0 @category services */
export class SettlementRepository extends Context.Service<SettlementRepository, Repository.Repository<SettlementType>>()(
  "@houqin/core/canteen/SettlementRepository"
) {}

/** @since 0.1.0 @category services */
export class DisinfectionRepository extends Context.Service<DisinfectionRepository, Repository.Repository<DisinfectionType>>()(
  "@houqin/core/canteen/DisinfectionRepository"
) {}
/** @since 0.1.0 @category services */
export class AccompaniedMealRepository extends Context.Service<AccompaniedMealRepository, Repository.Repository<AccompaniedMealType>>()(
  "@houqin/core/canteen/AccompaniedMealRepository"
) {}
/** @since 0.1.0 @category services */
export class HandlerCheckRepository extends Context.Service<HandlerCheckRepository, Repository.Repository<HandlerCheckType>>()(
  "@houqin/core/canteen/HandlerCheckRepository"
) {}

/**
 * Every canteen repository over a storage backend.
 *
 * @since 0.1.0
 * @category layers
 */
export const repositories = Layer.mergeAll(
  Repository.layer(SupplierRepository, SupplierSpec),
  Repository.layer(FoodHandlerRepository, FoodHandlerSpec),
  Repository.layer(IngredientRepository, IngredientSpec),
  Repository.layer(PriceListRepository, PriceListSpec),
  Repository.layer(PurchaseOrderRepository, PurchaseOrderSpec),
  Repository.layer(DeliveryRepository, DeliverySpec),
  Repository.layer(LotRepository, LotSpec),
  Repository.layer(RecipeRepository, RecipeSpec),
  Repository.layer(MealRepository, MealSpec),
  Repository.layer(MenuRepository, MenuSpec),
  Repository.layer(AccountRepository, AccountSpec),
  Repository.layer(SettlementRepository, SettlementSpec),
  Repository.layer(DisinfectionRepository, DisinfectionSpec),
  Repository.layer(AccompaniedMealRepository, AccompaniedMealSpec),
  Repository.layer(HandlerCheckRepository, HandlerCheckSpec)
)
