/**
 * The canteen's commands: each decodes its input (a `ValidationError` with the field's path for
 * bad input, before anything is read), reads through the canteen's repository services, and writes
 * through one unit of work with one audit entry — all of it or nothing. Queries that write nothing
 * (the daily publication, findings, variance, verification) are effects beside them.
 *
 * Records dated in a settled month are refused (`MonthClosedError`), so a settlement stays
 * reproducible from its records.
 *
 * @since 0.1.0
 */
import { BigDecimal, Effect, Option, Result, Schema } from "effect"
import * as D from "../kernel/Decimal.ts"
import type { Path } from "../kernel/Errors.ts"
import { CurrencyMismatchError, NotFoundError } from "../kernel/Errors.ts"
import type { Finding } from "../kernel/Finding.ts"
import * as F from "../kernel/Finding.ts"
import * as Id from "../kernel/Id.ts"
import type { LocalDate } from "../kernel/LocalDate.ts"
import * as LD from "../kernel/LocalDate.ts"
import { LocalDateSchema } from "../kernel/LocalDate.ts"
import type { Money } from "../kernel/Money.ts"
import { MoneySchema, NonNegativeMoney } from "../kernel/Money.ts"
import { DinerGroupId, StaffId } from "../kernel/People.ts"
import { ItemConversionSchema, NonNegativeQuantity, PositiveQuantity } from "../kernel/Quantity.ts"
import * as T from "../kernel/Time.ts"
import { InstantSchema } from "../kernel/Time.ts"
import { UnitSchema } from "../kernel/Unit.ts"
import { UnitPriceSchema } from "../kernel/UnitPrice.ts"
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
  PriceListRepository,
  PurchaseOrderRepository,
  RecipeRepository,
  SettlementRepository,
  SupplierRepository
} from "../ports/canteen.ts"
import * as Command from "../ports/Command.ts"
import { StudentRepository } from "../ports/people.ts"
import { acceptLines, deliveryStatus, overDeliveryFindings, receiveOnOrder } from "./acceptance.ts"
import { supplierFindings } from "./compliance.ts"
import { InsufficientStockError, InvalidStateError, MonthClosedError } from "./errors.ts"
import {
  AccompaniedMeal,
  AccompaniedMealId,
  Disinfection,
  DisinfectionId,
  disinfectionShortfall,
  HandlerCheck,
  HandlerCheckId,
  handlerCheckOutcome,
  handlerSymptomLabels
} from "./hygiene.ts"
import { absenceRefund, accountBalance, prepaidStatement as statementOf } from "./mealFee.ts"
import { actualCost, latestPurchase, preMealCost, unpricedFindings, variance as mealVarianceOf } from "./mealCost.ts"
import { highRiskFindings, menuFindings } from "./menuCheck.ts"
import type { Account, Delivery, FoodHandler, Ingredient, Lot, Meal, Menu, PriceList, PurchaseOrder, Recipe, Supplier } from "./model.ts"
import {
  AccountEntryKind,
  AccountId,
  CheckOutcome,
  Decision,
  DeliveryId,
  DinerCount,
  DishKind,
  HealthCertificate,
  Holder,
  IngredientCategory,
  IngredientId,
  Licence,
  LotId,
  MealDish,
  MealId,
  MealKind,
  MenuId,
  MenuMeal,
  moneyOf,
  Month,
  PriceEntry,
  PriceListId,
  PurchaseOrderId,
  RecipeId,
  RecipeItem,
  SettlementId,
  SettlementItem,
  StorageKind,
  SupplierId,
  Training
} from "./model.ts"
import { priceFindings } from "./priceCheck.ts"
import { checkConversions, lineTotal, toStockUnit } from "./purchase.ts"
import { checkRecipe } from "./recipeCost.ts"
import { monthRange, previousMonth, settle } from "./settlement.ts"
import * as Stock from "./stock.ts"
import { averageValue, proportional } from "./valuation.ts"
import type { CanteenContext } from "./reads.ts"
import { contextOf, getOr, invalid, loadCatalogue, openLots, priceListOn, pricingFor, settlementRecords } from "./reads.ts"

// ─── shared steps ───────────────────────────────────────────────────────────────────────────────

const Name = Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(200))
const Text = Schema.String.check(Schema.isMaxLength(2000))
const Version = Schema.Int.check(Schema.isGreaterThanOrEqualTo(1))
const Code = Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(64))

/** fails when `month` (`YYYY-MM`) is settled */
const ensureMonthOpen = (schoolId: string, month: string, path: Path) =>
  Effect.gen(function*() {
    const latest = yield* SettlementRepository.use((r) => r.list(schoolId, { orderBy: "month", direction: "desc", limit: 1 }))
    if (latest[0] !== undefined && latest[0].month >= month) return yield* MonthClosedError.create(month, path)
  })

/** fails when `date` falls in a settled month */
const ensureOpen = (schoolId: string, date: LocalDate, path: Path) => ensureMonthOpen(schoolId, LD.monthOf(date), path)

/** writes lots a command changed: new ones (version 0) inserted, others updated at the version read */
const writeLots = (lots: Iterable<Lot>) =>
  Effect.gen(function*() {
    const repo = yield* LotRepository
    const out: Array<Lot> = []
    for (const lot of lots) out.push(lot.version === 0 ? yield* repo.insert(lot) : yield* repo.update(lot))
    return out
  })

const getIngredient = (schoolId: string, id: string, path: Path) =>
  Effect.flatMap(IngredientRepository.use((r) => r.find(schoolId, id)), (o) =>
    Option.isSome(o) ? Effect.succeed(o.value) : Effect.fail(NotFoundError.create("canteen.ingredient", schoolId, id, path)))

const checkStaff = (ctx: CanteenContext, staffId: string, path: Path) =>
  ctx.staff !== undefined && !ctx.staff.has(staffId)
    ? Effect.fail(NotFoundError.create("kernel.staff", "", staffId, path))
    : Effect.void

/**
 * A meal that is no longer planned, refused at `mealId`: cancelled (`canteen.mealCancelled`), or
 * served (`canteen.mealServed`, with the command's own words).
 */
const notPlanned = (meal: Meal, served: { readonly zh: string; readonly en: string }) =>
  meal.status === "cancelled"
    ? InvalidStateError.create({
      code: "canteen.mealCancelled",
      aggregate: "canteen.meal",
      id: meal.id,
      state: meal.status,
      path: ["mealId"],
      zh: `餐次 ${meal.id} 已取消（${meal.cancelReason ?? ""}）`,
      en: `meal ${meal.id} was cancelled (${meal.cancelReason ?? ""})`
    })
    : InvalidStateError.create({ code: "canteen.mealServed", aggregate: "canteen.meal", id: meal.id, state: meal.status, path: ["mealId"], ...served })

const checkDinerGroup = (ctx: CanteenContext, id: string, path: Path) =>
  ctx.dinerGroups !== undefined && !ctx.dinerGroups.has(id)
    ? Effect.fail(NotFoundError.create("kernel.dinerGroup", "", id, path))
    : Effect.void

/** the id given, or a new one from the id service */
const idOr = (given: string | undefined) => (given === undefined ? Id.next : Effect.succeed(given))

/** inserts a new record (version 0), or updates one read at its `version` */
const save = <A extends { readonly version: number }, E1, E2>(
  repo: { readonly insert: (a: A) => Effect.Effect<A, E1>; readonly update: (a: A) => Effect.Effect<A, E2> },
  value: A
): Effect.Effect<A, E1 | E2> => (value.version === 0 ? repo.insert(value) : repo.update(value))

/** one ingredient's lots within a command, with what the command changed */
class Working {
  private readonly lots = new Map<string, Map<string, Lot>>()
  private readonly changed = new Map<string, Lot>()
  private readonly schoolId: string
  constructor(schoolId: string) {
    this.schoolId = schoolId
  }
  load(ingredientId: string) {
    const known = this.lots.get(ingredientId)
    if (known !== undefined) return Effect.succeed(Array.from(known.values()))
    return Effect.map(openLots(this.schoolId, ingredientId), (lots) => {
      const m = new Map(lots.map((l) => [l.id as string, l]))
      this.lots.set(ingredientId, m)
      return Array.from(m.values())
    })
  }
  apply(ingredientId: string, lots: ReadonlyArray<Lot>) {
    const m = this.lots.get(ingredientId) ?? new Map<string, Lot>()
    this.lots.set(ingredientId, m)
    for (const l of lots) {
      m.set(l.id, l)
      this.changed.set(l.id, l)
    }
  }
  written(): Array<Lot> {
    return Array.from(this.changed.values())
  }
}

// ─── suppliers and food handlers ────────────────────────────────────────────────────────────────

/**
 * Records a supplier with its licences: creates it, or replaces it when `version` names the
 * version read.
 *
 * @since 0.1.0
 * @category commands
 */
export const saveSupplier = Command.make({
  name: "canteen.saveSupplier",
  input: Schema.Struct({
    ...Command.contextFields,
    id: Schema.optionalKey(SupplierId),
    version: Schema.optionalKey(Version),
    name: Name,
    contact: Schema.optionalKey(Text),
    licences: Schema.Array(Licence),
    active: Schema.optionalKey(Schema.Boolean)
  }),
  run: (input) =>
    Effect.gen(function*() {
      const repo = yield* SupplierRepository
      for (let i = 0; i < input.licences.length; i++) {
        const l = input.licences[i]!
        if (l.validFrom !== undefined && l.validUntil !== undefined && l.validUntil < l.validFrom) {
          return yield* invalid(["licences", i, "validUntil"], "canteen.licenceDates", "证照的有效期止日早于起日", "a licence cannot end before it starts")
        }
      }
      const id = yield* idOr(input.id)
      return yield* save(repo, {
        schoolId: input.schoolId,
        id,
        version: input.version ?? 0,
        name: input.name,
        ...(input.contact === undefined ? {} : { contact: input.contact }),
        licences: input.licences,
        active: input.active ?? true
      } as unknown as Supplier)
    })
})

/**
 * Records a food handler (a member of staff who handles food) with certificates and training:
 * creates the record, or replaces it when `version` names the version read. The staff member must
 * be in the school's organisation when it has one.
 *
 * @since 0.1.0
 * @category commands
 */
export const saveFoodHandler = Command.make({
  name: "canteen.saveFoodHandler",
  input: Schema.Struct({
    ...Command.contextFields,
    staffId: StaffId,
    version: Schema.optionalKey(Version),
    name: Name,
    duty: Schema.Literals(["cook", "helper", "buyer", "storekeeper", "manager", "other"]),
    active: Schema.optionalKey(Schema.Boolean),
    certificates: Schema.optionalKey(Schema.Array(HealthCertificate)),
    trainings: Schema.optionalKey(Schema.Array(Training))
  }),
  run: (input) =>
    Effect.gen(function*() {
      const ctx = yield* contextOf(input.schoolId)
      yield* checkStaff(ctx, input.staffId, ["staffId"])
      const repo = yield* FoodHandlerRepository
      return yield* save(repo, {
        schoolId: input.schoolId,
        id: input.staffId,
        version: input.version ?? 0,
        name: input.name,
        duty: input.duty,
        active: input.active ?? true,
        certificates: input.certificates ?? [],
        trainings: input.trainings ?? []
      })
    })
})

/**
 * Adds a health certificate to a food handler's record.
 *
 * @since 0.1.0
 * @category commands
 */
export const recordHealthCertificate = Command.make({
  name: "canteen.recordHealthCertificate",
  input: Schema.Struct({ ...Command.contextFields, staffId: StaffId, certificate: HealthCertificate }),
  run: (input) =>
    Effect.gen(function*() {
      const repo = yield* FoodHandlerRepository
      const handler = yield* getOr(yield* repo.find(input.schoolId, input.staffId), "canteen.foodHandler", input.schoolId, input.staffId, ["staffId"])
      if (handler.certificates.some((c) => c.number === input.certificate.number)) {
        return yield* invalid(["certificate", "number"], "canteen.duplicateCertificate", `健康证明编号重复：${input.certificate.number}`, `certificate ${input.certificate.number} is already on record`)
      }
      if (input.certificate.validUntil !== undefined && input.certificate.validUntil < input.certificate.issuedOn) {
        return yield* invalid(["certificate", "validUntil"], "canteen.certificateDates", "健康证明的有效期止日早于发证日", "a certificate cannot end before it is issued")
      }
      return yield* repo.update({ ...handler, certificates: [...handler.certificates, input.certificate] })
    })
})

/**
 * Records a training session attended by food handlers.
 *
 * @since 0.1.0
 * @category commands
 */
export const recordTraining = Command.make({
  name: "canteen.recordTraining",
  input: Schema.Struct({
    ...Command.contextFields,
    staffIds: Schema.Array(StaffId).check(Schema.isMinLength(1)),
    training: Training
  }),
  run: (input) =>
    Effect.gen(function*() {
      const repo = yield* FoodHandlerRepository
      const out: Array<FoodHandler> = []
      for (let i = 0; i < input.staffIds.length; i++) {
        const id = input.staffIds[i]!
        const handler = yield* getOr(yield* repo.find(input.schoolId, id), "canteen.foodHandler", input.schoolId, id, ["staffIds", i])
        out.push(yield* repo.update({ ...handler, trainings: [...handler.trainings, input.training] }))
      }
      return out
    })
})

// ─── ingredients, price lists and recipes ───────────────────────────────────────────────────────

/**
 * Records an ingredient: creates it, or replaces it when `version` names the version read. Its
 * conversions are checked (none into itself, the stock unit reachable from each); its stock unit
 * cannot change once it has stock (the quantities on its lots are in that unit).
 *
 * @since 0.1.0
 * @category commands
 */
export const saveIngredient = Command.make({
  name: "canteen.saveIngredient",
  input: Schema.Struct({
    ...Command.contextFields,
    id: Schema.optionalKey(IngredientId),
    version: Schema.optionalKey(Version),
    name: Name,
    category: IngredientCategory,
    stockUnit: UnitSchema,
    conversions: Schema.optionalKey(Schema.Array(ItemConversionSchema)),
    storage: Schema.optionalKey(StorageKind),
    agricultural: Schema.optionalKey(Schema.Boolean),
    hazards: Schema.optionalKey(Schema.Array(Code)),
    tags: Schema.optionalKey(Schema.Array(Code))
  }),
  run: (input) =>
    Effect.gen(function*() {
      const repo = yield* IngredientRepository
      const id = yield* idOr(input.id)
      const ingredient = {
        schoolId: input.schoolId,
        id,
        version: input.version ?? 0,
        name: input.name,
        category: input.category,
        stockUnit: input.stockUnit,
        conversions: input.conversions ?? [],
        storage: input.storage ?? "ambient",
        agricultural: input.agricultural ?? false,
        hazards: input.hazards ?? [],
        tags: input.tags ?? []
      } as unknown as Ingredient
      yield* Effect.fromResult(checkConversions(ingredient))
      if (ingredient.version > 0) {
        const current = yield* repo.get(input.schoolId, id)
        if (current.stockUnit !== ingredient.stockUnit && (yield* LotRepository.use((r) => r.count(input.schoolId, { where: { ingredientId: id } }))) > 0) {
          return yield* InvalidStateError.create({
            code: "canteen.stockUnitInUse",
            aggregate: "canteen.ingredient",
            id,
            state: current.stockUnit,
            path: ["stockUnit"],
            zh: `${current.name} 已有库存批次，库存单位（${current.stockUnit}）不能再改`,
            en: `${current.name} has lots in stock; its stock unit (${current.stockUnit}) cannot change`
          })
        }
      }
      return yield* save(repo, ingredient)
    })
})

/**
 * Records a reference price list: every price in the school's currency, for a known ingredient,
 * per a unit that converts into its stock unit.
 *
 * @since 0.1.0
 * @category commands
 */
export const savePriceList = Command.make({
  name: "canteen.savePriceList",
  input: Schema.Struct({
    ...Command.contextFields,
    id: Schema.optionalKey(PriceListId),
    version: Schema.optionalKey(Version),
    name: Name,
    source: Name,
    effectiveFrom: LocalDateSchema,
    effectiveTo: Schema.optionalKey(LocalDateSchema),
    entries: Schema.Array(PriceEntry)
  }),
  run: (input) =>
    Effect.gen(function*() {
      const ctx = yield* contextOf(input.schoolId)
      for (let i = 0; i < input.entries.length; i++) {
        const e = input.entries[i]!
        const ingredient = yield* getIngredient(input.schoolId, e.ingredientId, ["entries", i, "ingredientId"])
        if (e.price.currency !== ctx.currency) {
          return yield* CurrencyMismatchError.create(ctx.currency, e.price.currency, ["entries", i, "price", "currency"])
        }
        const probe = toStockUnit(ingredient, { value: D.fromInt(1), unit: e.price.per }, ["entries", i, "price", "per"])
        if (Result.isFailure(probe) && probe.failure._tag === "DimensionMismatchError") return yield* probe.failure
      }
      if (input.effectiveTo !== undefined && input.effectiveTo < input.effectiveFrom) {
        return yield* invalid(["effectiveTo"], "canteen.priceListDates", "价格表的止日早于起日", "a price list cannot end before it starts")
      }
      const repo = yield* PriceListRepository
      const id = yield* idOr(input.id)
      return yield* save(repo, {
        schoolId: input.schoolId,
        id,
        version: input.version ?? 0,
        name: input.name,
        source: input.source,
        effectiveFrom: input.effectiveFrom,
        ...(input.effectiveTo === undefined ? {} : { effectiveTo: input.effectiveTo }),
        entries: input.entries
      } as unknown as PriceList)
    })
})

/**
 * Records a recipe: creates it, or replaces it when `version` names the version read. Every
 * ingredient and nested recipe must exist, every quantity must convert exactly into its
 * ingredient's stock unit, and the recipe must not contain itself.
 *
 * @since 0.1.0
 * @category commands
 */
export const saveRecipe = Command.make({
  name: "canteen.saveRecipe",
  input: Schema.Struct({
    ...Command.contextFields,
    id: Schema.optionalKey(RecipeId),
    version: Schema.optionalKey(Version),
    name: Name,
    kind: DishKind,
    tags: Schema.optionalKey(Schema.Array(Code)),
    hazards: Schema.optionalKey(Schema.Array(Code)),
    items: Schema.Array(RecipeItem).check(Schema.isMinLength(1))
  }),
  run: (input) =>
    Effect.gen(function*() {
      const id = yield* idOr(input.id)
      const recipe = {
        schoolId: input.schoolId,
        id,
        version: input.version ?? 0,
        name: input.name,
        kind: input.kind,
        tags: input.tags ?? [],
        hazards: input.hazards ?? [],
        items: input.items
      } as unknown as Recipe
      const catalogue = yield* loadCatalogue(input.schoolId, [], recipe)
      yield* Effect.fromResult(checkRecipe(recipe, catalogue))
      const repo = yield* RecipeRepository
      return yield* save(repo, recipe)
    })
})

// ─── purchases and acceptance ───────────────────────────────────────────────────────────────────

const OrderLineInput = Schema.Struct({
  ingredientId: IngredientId,
  quantity: PositiveQuantity,
  unitPrice: UnitPriceSchema
})

/**
 * Places a purchase order with a supplier. Each line's quantity must convert exactly into its
 * ingredient's stock unit and its price be in the school's currency; line amounts are posted once.
 * Returns the order and the supplier's licence findings on the order date.
 *
 * @since 0.1.0
 * @category commands
 */
export const createPurchaseOrder = Command.make({
  name: "canteen.createPurchaseOrder",
  input: Schema.Struct({
    ...Command.contextFields,
    id: Schema.optionalKey(PurchaseOrderId),
    supplierId: SupplierId,
    orderedOn: LocalDateSchema,
    deliverOn: Schema.optionalKey(LocalDateSchema),
    lines: Schema.Array(OrderLineInput).check(Schema.isMinLength(1))
  }),
  run: (input) =>
    Effect.gen(function*() {
      const ctx = yield* contextOf(input.schoolId)
      const supplier = yield* getOr(yield* SupplierRepository.use((r) => r.find(input.schoolId, input.supplierId)), "canteen.supplier", input.schoolId, input.supplierId, ["supplierId"])
      if (!supplier.active) {
        return yield* InvalidStateError.create({
          code: "canteen.supplierInactive",
          aggregate: "canteen.supplier",
          id: supplier.id,
          state: "inactive",
          path: ["supplierId"],
          zh: `供应商 ${supplier.name} 已停用`,
          en: `supplier ${supplier.name} is no longer active`
        })
      }
      const deliverOn = input.deliverOn ?? input.orderedOn
      if (deliverOn < input.orderedOn) {
        return yield* invalid(["deliverOn"], "canteen.deliverBeforeOrder", "送货日期早于下单日期", "delivery cannot be due before the order")
      }
      const lines: Array<PurchaseOrder["lines"][number]> = []
      let total = 0
      for (let i = 0; i < input.lines.length; i++) {
        const l = input.lines[i]!
        const ingredient = yield* getIngredient(input.schoolId, l.ingredientId, ["lines", i, "ingredientId"])
        yield* Effect.fromResult(toStockUnit(ingredient, l.quantity, ["lines", i, "quantity"]))
        const amount = yield* Effect.fromResult(lineTotal(l, { currency: ctx.currency, conversions: ingredient.conversions, rounding: ctx.rounding, path: ["lines", i] }))
        total += amount.amount
        lines.push({
          line: i + 1,
          ingredientId: l.ingredientId,
          quantity: l.quantity,
          unitPrice: l.unitPrice,
          amount,
          received: { value: D.fromInt(0), unit: ingredient.stockUnit }
        })
      }
      const id = yield* idOr(input.id)
      const order = yield* PurchaseOrderRepository.use((r) =>
        r.insert({
          schoolId: input.schoolId,
          id,
          version: 0,
          supplierId: input.supplierId,
          orderedOn: input.orderedOn,
          deliverOn,
          orderedBy: input.actor,
          currency: ctx.currency,
          lines,
          total: { amount: total, currency: ctx.currency },
          status: "open"
        } as unknown as PurchaseOrder)
      )
      return { order, findings: supplierFindings(supplier, input.orderedOn, ctx.rules, ctx.zone) }
    })
})

/**
 * Cancels what is still to come of a purchase order.
 *
 * @since 0.1.0
 * @category commands
 */
export const cancelPurchaseOrder = Command.make({
  name: "canteen.cancelPurchaseOrder",
  input: Schema.Struct({ ...Command.contextFields, orderId: PurchaseOrderId, version: Version, reason: Text }),
  run: (input) =>
    Effect.gen(function*() {
      const repo = yield* PurchaseOrderRepository
      const order = yield* getOr(yield* repo.find(input.schoolId, input.orderId), "canteen.purchaseOrder", input.schoolId, input.orderId, ["orderId"])
      if (order.status === "received" || order.status === "cancelled") {
        return yield* InvalidStateError.create({
          code: "canteen.orderClosed",
          aggregate: "canteen.purchaseOrder",
          id: order.id,
          state: order.status,
          path: ["orderId"],
          zh: `订单 ${order.id} 已${order.status === "received" ? "收齐" : "取消"}`,
          en: `order ${order.id} is already ${order.status}`
        })
      }
      return yield* repo.update({ ...order, version: input.version, status: "cancelled" })
    })
})

const DeliveryLineInput = Schema.Struct({
  orderLine: Schema.Int.check(Schema.isGreaterThanOrEqualTo(1)),
  delivered: PositiveQuantity,
  weighed: NonNegativeQuantity,
  checks: Schema.Struct({
    freshness: CheckOutcome,
    labels: CheckOutcome,
    temperatureCelsius: Schema.optionalKey(D.DecimalSchema)
  }),
  decision: Decision,
  accepted: Schema.optionalKey(NonNegativeQuantity),
  reason: Schema.optionalKey(Text),
  unitPrice: Schema.optionalKey(UnitPriceSchema),
  bestBefore: Schema.optionalKey(LocalDateSchema)
})

/**
 * Accepts a delivery against its purchase order (验收): weighs and checks each line, accepts,
 * partly accepts or rejects it, and lets the accepted quantity into stock as a new lot at the
 * accepted price (with the valuation strategy's revaluations). The order's received quantities and
 * status follow. Returns the delivery, its lots and the findings raised: the supplier's lapsed or
 * missing licences on the delivery date, prices above the reference or the recent median, and more
 * accepted on an order line than its quantity × (1 + `acceptance.overDeliveryTolerance`) — accepted
 * all the same: a finding, not a refusal.
 *
 * @since 0.1.0
 * @category commands
 */
export const acceptDelivery = Command.make({
  name: "canteen.acceptDelivery",
  input: Schema.Struct({
    ...Command.contextFields,
    id: Schema.optionalKey(DeliveryId),
    orderId: PurchaseOrderId,
    receivedAt: InstantSchema,
    inspector: Code,
    lines: Schema.Array(DeliveryLineInput).check(Schema.isMinLength(1))
  }),
  run: (input) =>
    Effect.gen(function*() {
      const ctx = yield* contextOf(input.schoolId)
      const orders = yield* PurchaseOrderRepository
      const order = yield* getOr(yield* orders.find(input.schoolId, input.orderId), "canteen.purchaseOrder", input.schoolId, input.orderId, ["orderId"])
      if (order.status === "cancelled" || order.status === "received") {
        return yield* InvalidStateError.create({
          code: "canteen.orderClosed",
          aggregate: "canteen.purchaseOrder",
          id: order.id,
          state: order.status,
          path: ["orderId"],
          zh: `订单 ${order.id} 已${order.status === "received" ? "收齐" : "取消"}，不能再验收`,
          en: `order ${order.id} is ${order.status}; nothing more can be accepted against it`
        })
      }
      const receivedOn = T.localDate(input.receivedAt, ctx.zone)
      yield* ensureOpen(input.schoolId, receivedOn, ["receivedAt"])
      const supplier = yield* SupplierRepository.use((r) => r.get(input.schoolId, order.supplierId))
      const ingredients = new Map<string, Ingredient>()
      for (const l of order.lines) {
        if (!ingredients.has(l.ingredientId)) ingredients.set(l.ingredientId, yield* IngredientRepository.use((r) => r.get(input.schoolId, l.ingredientId)))
      }
      const lines = yield* Effect.fromResult(acceptLines({ order, ingredients, lines: input.lines, receivedOn, rules: ctx.rules, rounding: ctx.rounding }))
      const deliveryId = yield* idOr(input.id)
      const reference = yield* priceListOn(input.schoolId, receivedOn)
      const findings: Array<Finding> = [
        ...supplierFindings(supplier, receivedOn, ctx.rules, ctx.zone),
        ...overDeliveryFindings({ order, deliveryId, lines, ingredients, at: input.receivedAt, rules: ctx.rules })
      ]
      const working = new Working(input.schoolId)
      const newLots: Array<string> = []
      const withLots: Array<Delivery["lines"][number]> = []
      for (const line of lines) {
        if (line.accepted.value.value === 0n) {
          withLots.push(line)
          continue
        }
        const ingredient = ingredients.get(line.ingredientId)!
        const history = yield* LotRepository.use((r) =>
          r.list(input.schoolId, { where: { ingredientId: line.ingredientId }, range: { field: "receivedOn", from: LD.addDays(receivedOn, -ctx.rules.priceCheck.historyDays), to: receivedOn } })
        )
        findings.push(...priceFindings({
          subject: { kind: "deliveryLine", id: `${deliveryId}:${line.line}` },
          at: input.receivedAt,
          ingredient,
          unitPrice: line.unitPrice,
          reference: reference?.entries.find((e) => e.ingredientId === line.ingredientId)?.price,
          history: history.filter((h) => h.source === "delivery").map((h) => ({ receivedOn: h.receivedOn, quantity: h.quantity, value: h.value.amount }))
        }, ctx.rules))
        const lots = yield* working.load(line.ingredientId)
        const lotId = yield* Id.next
        const lot = Stock.makeLot({
          schoolId: input.schoolId,
          id: lotId,
          ingredientId: line.ingredientId,
          source: "delivery",
          supplierId: order.supplierId,
          deliveryId,
          receivedOn,
          bestBefore: line.bestBefore,
          unit: ingredient.stockUnit,
          currency: ctx.currency,
          quantity: line.accepted.value,
          value: line.amount.amount,
          operation: deliveryId
        })
        working.apply(line.ingredientId, Stock.arrive(ctx.strategy, lots, lot).lots)
        newLots.push(lotId)
        withLots.push({ ...line, lotId: lotId as Delivery["lines"][number]["lotId"] & string })
      }
      const total = withLots.reduce((a, l) => a + l.amount.amount, 0)
      const delivery = yield* DeliveryRepository.use((r) =>
        r.insert({
          schoolId: input.schoolId,
          id: deliveryId,
          version: 0,
          orderId: order.id,
          supplierId: order.supplierId,
          receivedOn,
          receivedAt: input.receivedAt,
          inspector: input.inspector,
          currency: ctx.currency,
          lines: withLots,
          total: { amount: total, currency: ctx.currency },
          status: deliveryStatus(withLots),
          findings: F.sort(findings)
        } as unknown as Delivery)
      )
      const written = yield* writeLots(working.written())
      yield* orders.update(receiveOnOrder(order, withLots, ingredients))
      return { delivery, lots: written.filter((l) => newLots.includes(l.id)), findings: delivery.findings }
    })
})

// ─── stock ──────────────────────────────────────────────────────────────────────────────────────

const shortfall = (ingredient: Ingredient, requested: D.Decimal, path: Path, issue = false) => (s: { readonly available: D.Decimal }) =>
  InsufficientStockError.create({
    ingredientId: ingredient.id,
    requested: D.format(requested),
    available: D.format(s.available),
    unit: ingredient.stockUnit,
    path,
    issue
  })

/**
 * Issues stock to the kitchen (出库), to a meal or otherwise, valued by the school's valuation
 * strategy: each line's quantity (any unit that converts into the ingredient's stock unit) leaves
 * the lots issuable on its date (received by then, within their best-before). An issue to a meal
 * is recorded on the meal too, and must be dated in the meal's month, on or before its day.
 *
 * @since 0.1.0
 * @category commands
 */
export const issueStock = Command.make({
  name: "canteen.issueStock",
  input: Schema.Struct({
    ...Command.contextFields,
    date: LocalDateSchema,
    mealId: Schema.optionalKey(MealId),
    purpose: Schema.optionalKey(Text),
    lines: Schema.Array(Schema.Struct({ ingredientId: IngredientId, quantity: PositiveQuantity })).check(Schema.isMinLength(1))
  }),
  run: (input) =>
    Effect.gen(function*() {
      const ctx = yield* contextOf(input.schoolId)
      yield* ensureOpen(input.schoolId, input.date, ["date"])
      const meals = yield* MealRepository
      const meal = input.mealId === undefined
        ? undefined
        : yield* getOr(yield* meals.find(input.schoolId, input.mealId), "canteen.meal", input.schoolId, input.mealId, ["mealId"])
      if (meal !== undefined) {
        if (meal.status !== "planned") {
          return yield* notPlanned(meal, { zh: `餐次 ${meal.id} 已登记就餐人数，不能再出库`, en: `meal ${meal.id} has been served; no more stock can be issued to it` })
        }
        if (input.date > meal.date || LD.monthOf(input.date) !== LD.monthOf(meal.date)) {
          return yield* invalid(["date"], "canteen.issueDate", `出库日期须在餐次当日或之前、同一个月内（${meal.date}）`, `an issue to a meal is dated on or before its day, in its month (${meal.date})`)
        }
      }
      const operation = yield* Id.next
      const working = new Working(input.schoolId)
      const issues: Array<{ ingredientId: string; quantity: D.Decimal; unit: string; value: Money; draws: ReadonlyArray<{ lotId: string; quantity: D.Decimal; value: Money }> }> = []
      for (let i = 0; i < input.lines.length; i++) {
        const line = input.lines[i]!
        const ingredient = yield* getIngredient(input.schoolId, line.ingredientId, ["lines", i, "ingredientId"])
        const quantity = yield* Effect.fromResult(toStockUnit(ingredient, line.quantity, ["lines", i, "quantity"]))
        const lots = yield* working.load(ingredient.id)
        const change = yield* Effect.fromResult(Result.mapError(
          Stock.take(ctx.strategy, lots, quantity.value, { kind: "issue", date: input.date, operation, mealId: meal?.id, reason: input.purpose }),
          shortfall(ingredient, quantity.value, ["lines", i, "quantity"], true)
        ))
        working.apply(ingredient.id, change.lots)
        issues.push({
          ingredientId: ingredient.id,
          quantity: change.quantity,
          unit: ingredient.stockUnit,
          value: moneyOf(change.value, ctx.currency),
          draws: change.draws.map((d) => ({ lotId: d.lotId, quantity: d.quantity, value: moneyOf(d.value, ctx.currency) }))
        })
      }
      yield* writeLots(working.written())
      if (meal !== undefined) {
        yield* meals.update({
          ...meal,
          issues: [...meal.issues, ...issues.map((x) => ({ operation, date: input.date, ingredientId: x.ingredientId, quantity: x.quantity, unit: x.unit, value: x.value }))]
        } as Meal)
      }
      return { operation, issues, total: moneyOf(issues.reduce((a, x) => a + x.value.amount, 0), ctx.currency) }
    })
})

/**
 * Records spoilage (报损): a quantity of an ingredient that cannot be used, from a named lot (an
 * expired lot) or by the valuation strategy's order, with a reason.
 *
 * @since 0.1.0
 * @category commands
 */
export const recordSpoilage = Command.make({
  name: "canteen.recordSpoilage",
  input: Schema.Struct({
    ...Command.contextFields,
    date: LocalDateSchema,
    lines: Schema.Array(Schema.Struct({
      ingredientId: IngredientId,
      lotId: Schema.optionalKey(LotId),
      quantity: PositiveQuantity,
      reason: Text.check(Schema.isMinLength(1))
    })).check(Schema.isMinLength(1))
  }),
  run: (input) =>
    Effect.gen(function*() {
      const ctx = yield* contextOf(input.schoolId)
      yield* ensureOpen(input.schoolId, input.date, ["date"])
      const operation = yield* Id.next
      const working = new Working(input.schoolId)
      const out: Array<{ ingredientId: string; quantity: D.Decimal; value: Money }> = []
      for (let i = 0; i < input.lines.length; i++) {
        const line = input.lines[i]!
        const ingredient = yield* getIngredient(input.schoolId, line.ingredientId, ["lines", i, "ingredientId"])
        const quantity = yield* Effect.fromResult(toStockUnit(ingredient, line.quantity, ["lines", i, "quantity"]))
        const lots = yield* working.load(ingredient.id)
        const context = { kind: "spoilage" as const, date: input.date, operation, reason: line.reason }
        if (line.lotId !== undefined && !lots.some((l) => l.id === line.lotId)) {
          return yield* invalid(["lines", i, "lotId"], "canteen.lotNotOpen", `批次 ${line.lotId} 不是 ${ingredient.name} 的在库批次`, `lot ${line.lotId} is not an open lot of ${ingredient.name}`)
        }
        const taken = line.lotId === undefined
          ? Stock.take(ctx.strategy, lots, quantity.value, context)
          : Stock.takeFrom(ctx.strategy, lots, line.lotId, quantity.value, context)
        const change = yield* Effect.fromResult(Result.mapError(taken, shortfall(ingredient, quantity.value, ["lines", i, "quantity"])))
        working.apply(ingredient.id, change.lots)
        out.push({ ingredientId: ingredient.id, quantity: change.quantity, value: moneyOf(change.value, ctx.currency) })
      }
      yield* writeLots(working.written())
      return { operation, lines: out, total: moneyOf(out.reduce((a, x) => a + x.value.amount, 0), ctx.currency) }
    })
})

/**
 * Records a stocktake (盘点): the counted quantity of each ingredient against what the lots hold.
 * A shortage (盘亏) leaves the lots by the valuation strategy; a surplus (盘盈) enters as a new lot
 * valued at the stock's average, else at the latest purchase price, else at the value given.
 *
 * @since 0.1.0
 * @category commands
 */
export const recordStocktake = Command.make({
  name: "canteen.recordStocktake",
  input: Schema.Struct({
    ...Command.contextFields,
    date: LocalDateSchema,
    counts: Schema.Array(Schema.Struct({
      ingredientId: IngredientId,
      counted: NonNegativeQuantity,
      surplusValue: Schema.optionalKey(NonNegativeMoney)
    })).check(Schema.isMinLength(1)),
    note: Schema.optionalKey(Text)
  }),
  run: (input) =>
    Effect.gen(function*() {
      const ctx = yield* contextOf(input.schoolId)
      yield* ensureOpen(input.schoolId, input.date, ["date"])
      const operation = yield* Id.next
      const working = new Working(input.schoolId)
      const out: Array<{ ingredientId: string; book: D.Decimal; counted: D.Decimal; difference: D.Decimal; unit: string; value: Money }> = []
      for (let i = 0; i < input.counts.length; i++) {
        const c = input.counts[i]!
        const ingredient = yield* getIngredient(input.schoolId, c.ingredientId, ["counts", i, "ingredientId"])
        const counted = yield* Effect.fromResult(toStockUnit(ingredient, c.counted, ["counts", i, "counted"]))
        const lots = (yield* working.load(ingredient.id)).filter((l) => l.receivedOn <= input.date)
        let book = D.fromInt(0)
        for (const l of lots) book = BigDecimal.sum(book, l.remaining)
        const difference = BigDecimal.normalize(BigDecimal.subtract(counted.value, book))
        let value = 0
        if (difference.value < 0n) {
          const change = yield* Effect.fromResult(Result.mapError(
            Stock.take(ctx.strategy, lots, BigDecimal.negate(difference), { kind: "stocktake", date: input.date, operation, reason: input.note }),
            shortfall(ingredient, BigDecimal.negate(difference), ["counts", i, "counted"])
          ))
          working.apply(ingredient.id, change.lots)
          value = -change.value
        } else if (difference.value > 0n) {
          if (c.surplusValue !== undefined && c.surplusValue.currency !== ctx.currency) {
            return yield* CurrencyMismatchError.create(ctx.currency, c.surplusValue.currency, ["counts", i, "surplusValue", "currency"])
          }
          let basis = c.surplusValue?.amount ?? averageValue(lots.map(Stock.balance), difference)
          if (basis === undefined) {
            const last = latestPurchase(yield* LotRepository.use((r) => r.list(input.schoolId, { where: { ingredientId: ingredient.id } })))
            if (Option.isSome(last)) basis = proportional(last.value.value.amount, difference, last.value.quantity)
          }
          if (basis === undefined) {
            return yield* invalid(["counts", i, "surplusValue"], "canteen.surplusValueRequired", `${ingredient.name} 没有库存或进货记录可作盘盈计价依据，请填写盘盈金额`, `${ingredient.name} has no stock or purchase to value the surplus by; give its value`)
          }
          const lotId = yield* Id.next
          const lot = Stock.makeLot({
            schoolId: input.schoolId,
            id: lotId,
            ingredientId: ingredient.id,
            source: "surplus",
            receivedOn: input.date,
            unit: ingredient.stockUnit,
            currency: ctx.currency,
            quantity: difference,
            value: basis,
            operation,
            reason: input.note
          })
          const change = Stock.arrive(ctx.strategy, yield* working.load(ingredient.id), lot)
          working.apply(ingredient.id, change.lots)
          value = basis
        }
        out.push({ ingredientId: ingredient.id, book: BigDecimal.normalize(book), counted: counted.value, difference, unit: ingredient.stockUnit, value: moneyOf(value, ctx.currency) })
      }
      yield* writeLots(working.written())
      return { operation, differences: out }
    })
})

/**
 * Returns stock to its supplier after acceptance (退货): a quantity of one lot, credited at what was
 * paid for that lot — its own cost under FIFO and FEFO, its own unit cost under moving average
 * (whose average of what stays then moves). Returns reduce the month's purchases. A return dated
 * before its lot was received is refused.
 *
 * @since 0.1.0
 * @category commands
 */
export const returnToSupplier = Command.make({
  name: "canteen.returnToSupplier",
  input: Schema.Struct({
    ...Command.contextFields,
    date: LocalDateSchema,
    lotId: LotId,
    quantity: PositiveQuantity,
    reason: Text.check(Schema.isMinLength(1))
  }),
  run: (input) =>
    Effect.gen(function*() {
      const ctx = yield* contextOf(input.schoolId)
      yield* ensureOpen(input.schoolId, input.date, ["date"])
      const lot = yield* getOr(yield* LotRepository.use((r) => r.find(input.schoolId, input.lotId)), "canteen.lot", input.schoolId, input.lotId, ["lotId"])
      if (lot.source !== "delivery" || !lot.open) {
        return yield* InvalidStateError.create({
          code: "canteen.notReturnable",
          aggregate: "canteen.lot",
          id: lot.id,
          state: lot.open ? lot.source : "closed",
          path: ["lotId"],
          zh: `批次 ${lot.id} 不是在库的进货批次，不能退货`,
          en: `lot ${lot.id} is not an open lot from a delivery; it cannot be returned`
        })
      }
      if (lot.receivedOn > input.date) {
        return yield* invalid(["date"], "canteen.returnBeforeReceipt", `批次 ${lot.id} 于 ${lot.receivedOn} 入库，退货日期不能更早（${input.date}）`, `lot ${lot.id} was received on ${lot.receivedOn}; it cannot be returned on ${input.date}, before that`)
      }
      const ingredient = yield* getIngredient(input.schoolId, lot.ingredientId, ["lotId"])
      const quantity = yield* Effect.fromResult(toStockUnit(ingredient, input.quantity, ["quantity"]))
      const working = new Working(input.schoolId)
      const lots = yield* working.load(ingredient.id)
      const operation = yield* Id.next
      const change = yield* Effect.fromResult(Result.mapError(
        Stock.takeFrom(ctx.strategy, lots, lot.id, quantity.value, { kind: "return", date: input.date, operation, reason: input.reason }),
        shortfall(ingredient, quantity.value, ["quantity"])
      ))
      working.apply(ingredient.id, change.lots)
      yield* writeLots(working.written())
      return { operation, lotId: lot.id, quantity: change.quantity, value: moneyOf(change.value, ctx.currency) }
    })
})

/**
 * Records the stock a school has when it starts using the canteen module (期初库存), as lots at
 * the values given. Refused once the school has any lot or settlement.
 *
 * @since 0.1.0
 * @category commands
 */
export const recordOpeningStock = Command.make({
  name: "canteen.recordOpeningStock",
  input: Schema.Struct({
    ...Command.contextFields,
    date: LocalDateSchema,
    lines: Schema.Array(Schema.Struct({
      ingredientId: IngredientId,
      quantity: PositiveQuantity,
      value: NonNegativeMoney,
      bestBefore: Schema.optionalKey(LocalDateSchema)
    })).check(Schema.isMinLength(1))
  }),
  run: (input) =>
    Effect.gen(function*() {
      const ctx = yield* contextOf(input.schoolId)
      const lotCount = yield* LotRepository.use((r) => r.count(input.schoolId))
      const settled = yield* SettlementRepository.use((r) => r.count(input.schoolId))
      if (lotCount > 0 || settled > 0) {
        return yield* InvalidStateError.create({
          code: "canteen.openingAfterStart",
          aggregate: "canteen.lot",
          id: input.schoolId,
          state: "started",
          path: ["lines"],
          zh: "已有库存批次或月结记录，不能再登记期初库存",
          en: "the school already has lots or settlements; opening stock can no longer be recorded"
        })
      }
      const operation = yield* Id.next
      const working = new Working(input.schoolId)
      for (let i = 0; i < input.lines.length; i++) {
        const line = input.lines[i]!
        const ingredient = yield* getIngredient(input.schoolId, line.ingredientId, ["lines", i, "ingredientId"])
        const quantity = yield* Effect.fromResult(toStockUnit(ingredient, line.quantity, ["lines", i, "quantity"]))
        if (line.value.currency !== ctx.currency) return yield* CurrencyMismatchError.create(ctx.currency, line.value.currency, ["lines", i, "value", "currency"])
        const lot = Stock.makeLot({
          schoolId: input.schoolId,
          id: yield* Id.next,
          ingredientId: ingredient.id,
          source: "opening",
          receivedOn: input.date,
          bestBefore: line.bestBefore,
          unit: ingredient.stockUnit,
          currency: ctx.currency,
          quantity: quantity.value,
          value: line.value.amount,
          operation
        })
        const change = Stock.arrive(ctx.strategy, yield* working.load(ingredient.id), lot)
        working.apply(ingredient.id, change.lots)
      }
      return yield* writeLots(working.written())
    })
})

// ─── meals ──────────────────────────────────────────────────────────────────────────────────────

/**
 * Plans a meal and works out its dish prices before it (餐前菜价合算): from the stock on hand as
 * the valuation strategy would issue it (`basis: "stock"`, the default), or from a reference
 * price list (`"priceList"`: the one named, else the one in force on the date). What stock cannot
 * cover is priced from the list, then the latest purchase. `servedAt`, when given, is when service
 * is planned to begin (else the pack's `canteen.serviceTimes`): food sample retention expects the
 * dishes' samples from then. The meal is stored with its `findings`: the weekly menu's check of
 * banned high-risk foods (`canteen.highRiskFoods`, subject `mealDish`) on its dishes — recorded,
 * not refused, as a menu with them is saved — and an incomplete costing
 * (`canteen.preMealCost.unpriced`: ingredients nothing priced, costed at nothing and listed in the
 * costing's `unpriced`).
 *
 * @since 0.1.0
 * @category commands
 */
export const planMeal = Command.make({
  name: "canteen.planMeal",
  input: Schema.Struct({
    ...Command.contextFields,
    id: Schema.optionalKey(MealId),
    date: LocalDateSchema,
    kind: MealKind,
    servedAt: Schema.optionalKey(InstantSchema),
    dishes: Schema.Array(MealDish).check(Schema.isMinLength(1)),
    plannedDiners: Schema.optionalKey(Schema.Array(DinerCount)),
    basis: Schema.optionalKey(Schema.Literals(["stock", "priceList"])),
    priceListId: Schema.optionalKey(PriceListId)
  }),
  run: (input) =>
    Effect.gen(function*() {
      const ctx = yield* contextOf(input.schoolId)
      yield* ensureOpen(input.schoolId, input.date, ["date"])
      const plannedDiners = input.plannedDiners ?? []
      for (let i = 0; i < plannedDiners.length; i++) yield* checkDinerGroup(ctx, plannedDiners[i]!.dinerGroupId, ["plannedDiners", i, "dinerGroupId"])
      const catalogue = yield* loadCatalogue(input.schoolId, input.dishes.map((d, i) => ({ id: d.recipeId, path: ["dishes", i, "recipeId"] })))
      const pricing = yield* pricingFor(input.schoolId, catalogue, input.date, ctx, input.basis ?? "stock", input.priceListId)
      const cost = yield* Effect.fromResult(preMealCost({ dishes: input.dishes, plannedDiners, catalogue, pricing, priceListId: pricing.priceListId }))
      const id = yield* idOr(input.id)
      // the weekly menu's check of banned high-risk foods, on the dishes as planned, and what the
      // costing could not price
      const findings = F.sort([
        ...highRiskFindings({ kind: "meal", id }, [{ date: input.date, kind: input.kind, dishes: input.dishes.map((d) => d.recipeId) }], catalogue, ctx.rules, ctx.zone),
        ...unpricedFindings({ id, date: input.date, kind: input.kind }, cost, catalogue.ingredients, ctx.zone)
      ])
      return yield* MealRepository.use((r) =>
        r.insert({
          schoolId: input.schoolId,
          id,
          version: 0,
          date: input.date,
          kind: input.kind,
          ...(input.servedAt === undefined ? {} : { servedAt: input.servedAt }),
          currency: ctx.currency,
          dishes: input.dishes,
          plannedDiners,
          preMealCost: cost,
          issues: [],
          status: "planned",
          diners: [],
          findings
        } as unknown as Meal)
      )
    })
})

/**
 * Records the diners counted at a meal (就餐人数) and closes it: the actual cost of the stock
 * issued to it, the cost per head, its allocation to the diner groups, and the variance against
 * the pre-meal costing. `servedAt`, when given, records when service began.
 *
 * @since 0.1.0
 * @category commands
 */
export const recordDiners = Command.make({
  name: "canteen.recordDiners",
  input: Schema.Struct({
    ...Command.contextFields,
    mealId: MealId,
    diners: Schema.Array(DinerCount).check(Schema.isMinLength(1)),
    servedAt: Schema.optionalKey(InstantSchema)
  }),
  run: (input) =>
    Effect.gen(function*() {
      const ctx = yield* contextOf(input.schoolId)
      const repo = yield* MealRepository
      const meal = yield* getOr(yield* repo.find(input.schoolId, input.mealId), "canteen.meal", input.schoolId, input.mealId, ["mealId"])
      yield* ensureOpen(input.schoolId, meal.date, ["mealId"])
      if (meal.status !== "planned") {
        return yield* notPlanned(meal, { zh: `餐次 ${meal.id} 已登记过就餐人数`, en: `the diners of meal ${meal.id} are already recorded` })
      }
      const seen = new Set<string>()
      for (let i = 0; i < input.diners.length; i++) {
        const g = input.diners[i]!.dinerGroupId
        yield* checkDinerGroup(ctx, g, ["diners", i, "dinerGroupId"])
        if (seen.has(g)) return yield* invalid(["diners", i, "dinerGroupId"], "canteen.duplicateDinerGroup", `就餐组重复：${g}`, `diner group ${g} is listed twice`)
        seen.add(g)
      }
      const served = yield* repo.update({
        ...meal,
        ...(input.servedAt === undefined ? {} : { servedAt: input.servedAt }),
        diners: input.diners,
        status: "served",
        actual: actualCost(meal.issues, input.diners, meal.currency)
      })
      return { meal: served, variance: mealVarianceOf(served) }
    })
})

/**
 * Cancels a planned meal that will not be served (停餐: the school closed, an outing, a holiday
 * moved), at the version read, with the reason. The meal keeps its record, `cancelled` with its
 * `cancelReason`, but is no longer a meal served: food sample retention expects no samples of it
 * (`servedMeals` leaves it out) and the month closes without it. Refused for a meal served
 * (`canteen.mealServed`) or already cancelled (`canteen.mealCancelled`), for one with stock issued
 * to it (`canteen.mealHasIssues`: that stock has left the store and is costed to the meal), and in
 * a settled month.
 *
 * @since 0.1.0
 * @category commands
 */
export const cancelMeal = Command.make({
  name: "canteen.cancelMeal",
  input: Schema.Struct({ ...Command.contextFields, mealId: MealId, version: Version, reason: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(2000)) }),
  run: (input) =>
    Effect.gen(function*() {
      const repo = yield* MealRepository
      const meal = yield* getOr(yield* repo.find(input.schoolId, input.mealId), "canteen.meal", input.schoolId, input.mealId, ["mealId"])
      yield* ensureOpen(input.schoolId, meal.date, ["mealId"])
      if (meal.status !== "planned") {
        return yield* notPlanned(meal, { zh: `餐次 ${meal.id} 已登记就餐人数，不能取消`, en: `meal ${meal.id} has been served; it cannot be cancelled` })
      }
      if (meal.issues.length > 0) {
        return yield* InvalidStateError.create({
          code: "canteen.mealHasIssues",
          aggregate: "canteen.meal",
          id: meal.id,
          state: meal.status,
          path: ["mealId"],
          zh: `餐次 ${meal.id} 已有 ${meal.issues.length} 笔出库，不能取消：出库的食材已计入该餐成本`,
          en: `meal ${meal.id} has ${meal.issues.length} stock issues; it cannot be cancelled: the stock issued is costed to it`
        })
      }
      return yield* repo.update({ ...meal, version: input.version, status: "cancelled", cancelReason: input.reason })
    })
})

// ─── menus ──────────────────────────────────────────────────────────────────────────────────────

/**
 * Records a weekly menu (from Monday) and checks it: banned high-risk foods and the hot-season
 * rule. A menu with a violation cannot be published. Returns the menu and its findings.
 *
 * @since 0.1.0
 * @category commands
 */
export const saveMenu = Command.make({
  name: "canteen.saveMenu",
  input: Schema.Struct({
    ...Command.contextFields,
    id: Schema.optionalKey(MenuId),
    version: Schema.optionalKey(Version),
    weekStart: LocalDateSchema,
    meals: Schema.Array(MenuMeal),
    published: Schema.optionalKey(Schema.Boolean)
  }),
  run: (input) =>
    Effect.gen(function*() {
      const ctx = yield* contextOf(input.schoolId)
      if (LD.dayOfWeek(input.weekStart) !== 1) {
        return yield* invalid(["weekStart"], "canteen.weekStart", `周食谱须从星期一开始：${input.weekStart}`, `a weekly menu starts on a Monday: ${input.weekStart}`)
      }
      const end = LD.addDays(input.weekStart, 6)
      const refs: Array<{ id: string; path: Path }> = []
      for (let i = 0; i < input.meals.length; i++) {
        const m = input.meals[i]!
        if (m.date < input.weekStart || m.date > end) {
          return yield* invalid(["meals", i, "date"], "canteen.menuDate", `${m.date} 不在 ${input.weekStart} 这一周内`, `${m.date} is not in the week of ${input.weekStart}`)
        }
        m.dishes.forEach((d, j) => refs.push({ id: d, path: ["meals", i, "dishes", j] }))
      }
      const catalogue = yield* loadCatalogue(input.schoolId, refs)
      const id = yield* idOr(input.id)
      const findings = menuFindings({ id, weekStart: input.weekStart, meals: input.meals }, catalogue, ctx.rules, ctx.zone)
      if (input.published === true) {
        const blocking = F.atLeast(findings, "violation")
        if (blocking.length > 0) {
          return yield* InvalidStateError.create({
            code: "canteen.menuHasViolations",
            aggregate: "canteen.menu",
            id,
            state: "draft",
            path: ["published"],
            zh: `食谱有 ${blocking.length} 项违规（${blocking[0]!.explanation.zh}），不能公布`,
            en: `the menu has ${blocking.length} violations (${blocking[0]!.explanation.en}); it cannot be published`
          })
        }
      }
      const repo = yield* MenuRepository
      const menu = yield* save(repo, {
        schoolId: input.schoolId,
        id,
        version: input.version ?? 0,
        weekStart: input.weekStart,
        meals: input.meals,
        published: input.published ?? false,
        findings
      } as unknown as Menu)
      return { menu, findings }
    })
})

// ─── meal-fee accounts ──────────────────────────────────────────────────────────────────────────

/**
 * Opens a meal-fee account for a student or a member of staff in a diner group (one active
 * account per holder).
 *
 * @since 0.1.0
 * @category commands
 */
export const openAccount = Command.make({
  name: "canteen.openAccount",
  input: Schema.Struct({ ...Command.contextFields, id: Schema.optionalKey(AccountId), holder: Holder, dinerGroupId: DinerGroupId }),
  run: (input) =>
    Effect.gen(function*() {
      const ctx = yield* contextOf(input.schoolId)
      yield* checkDinerGroup(ctx, input.dinerGroupId, ["dinerGroupId"])
      if (input.holder._tag === "staff") yield* checkStaff(ctx, input.holder.id, ["holder", "id"])
      else {
        const student = yield* StudentRepository.use((r) => r.find(input.schoolId, input.holder.id))
        if (Option.isNone(student) && ctx.staff !== undefined) return yield* NotFoundError.create("kernel.student", input.schoolId, input.holder.id, ["holder", "id"])
      }
      const repo = yield* AccountRepository
      const existing = yield* repo.count(input.schoolId, { where: { holderKind: input.holder._tag, holderId: input.holder.id, active: true } })
      if (existing > 0) {
        return yield* InvalidStateError.create({
          code: "canteen.accountExists",
          aggregate: "canteen.account",
          id: input.holder.id,
          state: "active",
          path: ["holder"],
          zh: `${input.holder.id} 已有伙食费账户`,
          en: `${input.holder.id} already has a meal-fee account`
        })
      }
      const id = yield* idOr(input.id)
      return yield* repo.insert({
        schoolId: input.schoolId,
        id,
        version: 0,
        holder: input.holder,
        dinerGroupId: input.dinerGroupId,
        currency: ctx.currency,
        active: true,
        entries: [],
        prepaid: []
      } as unknown as Account)
    })
})

/**
 * Posts meal-fee entries (deposits, monthly charges, refunds, payouts, adjustments) to accounts in
 * one command. Amounts are in the school's currency; all but adjustments are positive. A charge
 * or a refund is income of the month it is for (`month`, else the month of its date: a fee
 * collected on 26 February for March gives `month: "2026-03"`), so it is refused when that month
 * or the month of its date is settled. Returns the accounts with their balances.
 *
 * @since 0.1.0
 * @category commands
 */
export const postAccountEntries = Command.make({
  name: "canteen.postAccountEntries",
  input: Schema.Struct({
    ...Command.contextFields,
    entries: Schema.Array(Schema.Struct({
      accountId: AccountId,
      date: LocalDateSchema,
      kind: AccountEntryKind,
      amount: MoneySchema,
      days: Schema.optionalKey(Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))),
      month: Schema.optionalKey(Month),
      note: Schema.optionalKey(Text)
    })).check(Schema.isMinLength(1))
  }),
  run: (input) =>
    Effect.gen(function*() {
      const ctx = yield* contextOf(input.schoolId)
      const repo = yield* AccountRepository
      const accounts = new Map<string, Account>()
      for (let i = 0; i < input.entries.length; i++) {
        const e = input.entries[i]!
        if (e.amount.currency !== ctx.currency) return yield* CurrencyMismatchError.create(ctx.currency, e.amount.currency, ["entries", i, "amount", "currency"])
        if (e.kind !== "adjustment" && e.amount.amount <= 0) {
          return yield* invalid(["entries", i, "amount"], "canteen.amountNotPositive", "金额必须大于 0（调整除外）", "the amount must be greater than zero (except for adjustments)")
        }
        if (e.kind === "charge" || e.kind === "refund") {
          // dated in an open month, and income of an open month (a fee is income of the month it is for)
          yield* ensureOpen(input.schoolId, e.date, ["entries", i, "date"])
          if (e.month !== undefined) yield* ensureMonthOpen(input.schoolId, e.month, ["entries", i, "month"])
        }
        const account = accounts.get(e.accountId) ?? (yield* getOr(yield* repo.find(input.schoolId, e.accountId), "canteen.account", input.schoolId, e.accountId, ["entries", i, "accountId"]))
        accounts.set(account.id, {
          ...account,
          entries: [...account.entries, {
            seq: account.entries.length + 1,
            date: e.date,
            kind: e.kind,
            amount: e.amount,
            ...(e.days === undefined ? {} : { days: e.days }),
            ...(e.month === undefined ? {} : { month: e.month }),
            ...(e.note === undefined ? {} : { note: e.note })
          }]
        })
      }
      const out: Array<{ account: Account; balance: Money }> = []
      for (const a of accounts.values()) {
        const saved = yield* repo.update(a)
        out.push({ account: saved, balance: accountBalance(saved.entries, saved.currency) })
      }
      return out
    })
})

/**
 * Refunds a month's meal fee for days absent under the rule pack's `mealFeeRefund` rule: the
 * month's charges (their amount and days) give the daily fee; runs of consecutive absent meal days
 * (in the school's meal days of the month) give the days refunded. One refund per account and
 * month. The refund is dated `date` (default: the month's last day) and records the month it is
 * for, whose income it reduces: refused once that month is settled.
 *
 * @since 0.1.0
 * @category commands
 */
export const refundAbsence = Command.make({
  name: "canteen.refundAbsence",
  input: Schema.Struct({
    ...Command.contextFields,
    accountId: AccountId,
    month: Month,
    absent: Schema.Array(LocalDateSchema),
    mealDays: Schema.Array(LocalDateSchema).check(Schema.isMinLength(1)),
    date: Schema.optionalKey(LocalDateSchema)
  }),
  run: (input) =>
    Effect.gen(function*() {
      const ctx = yield* contextOf(input.schoolId)
      const { from, to } = monthRange(input.month)
      const date = input.date ?? to
      // the refund is income (negative) of the month it is for, and is dated when it is posted
      yield* ensureMonthOpen(input.schoolId, input.month, ["month"])
      yield* ensureOpen(input.schoolId, date, ["date"])
      for (let i = 0; i < input.mealDays.length; i++) {
        const d = input.mealDays[i]!
        if (d < from || d > to) return yield* invalid(["mealDays", i], "canteen.mealDayOutsideMonth", `${d} 不在 ${input.month}`, `${d} is not in ${input.month}`)
      }
      const repo = yield* AccountRepository
      const account = yield* getOr(yield* repo.find(input.schoolId, input.accountId), "canteen.account", input.schoolId, input.accountId, ["accountId"])
      const inMonth = (e: Account["entries"][number]) => (e.month ?? LD.monthOf(e.date)) === input.month
      const charges = account.entries.filter((e) => e.kind === "charge" && inMonth(e))
      const state = (code: string, zh: string, en: string) =>
        InvalidStateError.create({ code, aggregate: "canteen.account", id: account.id, state: input.month, path: ["month"], zh, en })
      if (charges.length === 0) return yield* state("canteen.nothingToRefund", `${input.month} 没有收取伙食费`, `no meal fee was charged for ${input.month}`)
      if (account.entries.some((e) => e.kind === "refund" && inMonth(e))) {
        return yield* state("canteen.refundExists", `${input.month} 已退过伙食费`, `the meal fee of ${input.month} has already been refunded`)
      }
      const charge = { amount: moneyOf(charges.reduce((a, e) => a + e.amount.amount, 0), account.currency), days: charges.reduce((a, e) => a + (e.days ?? 0), 0) }
      if (charge.days === 0) return yield* state("canteen.chargeWithoutDays", `${input.month} 的收费没有登记天数，无法按天退费`, `the charges of ${input.month} record no days; a daily refund cannot be worked out`)
      const refund = yield* Effect.fromResult(absenceRefund({ charge, absent: input.absent, mealDays: input.mealDays, rules: ctx.rules }))
      if (refund.amount.amount === 0) return { account, refund }
      const saved = yield* repo.update({
        ...account,
        entries: [...account.entries, { seq: account.entries.length + 1, date, kind: "refund", amount: refund.amount, days: refund.days, month: input.month, note: `absent ${refund.days} days` }]
      })
      return { account: saved, refund }
    })
})

/**
 * Records prepaid-items entries (代办费): money paid in, items bought for the child, refunds.
 *
 * @since 0.1.0
 * @category commands
 */
export const recordPrepaidItems = Command.make({
  name: "canteen.recordPrepaidItems",
  input: Schema.Struct({
    ...Command.contextFields,
    accountId: AccountId,
    entries: Schema.Array(Schema.Struct({
      date: LocalDateSchema,
      term: Code,
      kind: Schema.Literals(["deposit", "purchase", "refund"]),
      amount: NonNegativeMoney,
      item: Schema.optionalKey(Name),
      quantity: Schema.optionalKey(D.PositiveDecimal),
      note: Schema.optionalKey(Text)
    })).check(Schema.isMinLength(1))
  }),
  run: (input) =>
    Effect.gen(function*() {
      const ctx = yield* contextOf(input.schoolId)
      const repo = yield* AccountRepository
      const account = yield* getOr(yield* repo.find(input.schoolId, input.accountId), "canteen.account", input.schoolId, input.accountId, ["accountId"])
      const prepaid = [...account.prepaid]
      for (let i = 0; i < input.entries.length; i++) {
        const e = input.entries[i]!
        if (e.amount.currency !== ctx.currency) return yield* CurrencyMismatchError.create(ctx.currency, e.amount.currency, ["entries", i, "amount", "currency"])
        if (e.kind === "purchase" && e.item === undefined) return yield* invalid(["entries", i, "item"], "canteen.itemRequired", "代办物品须填写名称", "a prepaid item needs its name")
        prepaid.push({
          seq: prepaid.length + 1,
          date: e.date,
          term: e.term,
          kind: e.kind,
          amount: e.amount,
          ...(e.item === undefined ? {} : { item: e.item }),
          ...(e.quantity === undefined ? {} : { quantity: e.quantity }),
          ...(e.note === undefined ? {} : { note: e.note })
        })
      }
      return yield* repo.update({ ...account, prepaid })
    })
})

/**
 * Settles a term's prepaid items (代办费结算): the statement for parents, and a refund of what is
 * left (多退) posted to the ledger. A negative balance (少补) is left for the parents to pay.
 *
 * @since 0.1.0
 * @category commands
 */
export const closePrepaidTerm = Command.make({
  name: "canteen.closePrepaidTerm",
  input: Schema.Struct({ ...Command.contextFields, accountId: AccountId, term: Code, date: LocalDateSchema }),
  run: (input) =>
    Effect.gen(function*() {
      const repo = yield* AccountRepository
      const account = yield* getOr(yield* repo.find(input.schoolId, input.accountId), "canteen.account", input.schoolId, input.accountId, ["accountId"])
      const before = statementOf(account, input.term)
      if (before.balance.amount <= 0) return { account, statement: before, refunded: moneyOf(0, account.currency) }
      const saved = yield* repo.update({
        ...account,
        prepaid: [...account.prepaid, { seq: account.prepaid.length + 1, date: input.date, term: input.term, kind: "refund", amount: before.balance, note: "term settlement" }]
      })
      return { account: saved, statement: statementOf(saved, input.term), refunded: before.balance }
    })
})

// ─── monthly settlement ─────────────────────────────────────────────────────────────────────────

/**
 * Closes a month (月结): settles it from its records — income, food cost two ways, other costs,
 * balance, cost per head-meal, food cost ratio — and stores the settlement. Refused when the month
 * is already closed, a later one is, the previous month has records but no settlement while an
 * earlier month is settled, a meal of the month has no diners recorded, or the records disagree
 * (`SettlementMismatchError`). After closing, nothing more can be dated in the month.
 *
 * @since 0.1.0
 * @category commands
 */
export const closeMonth = Command.make({
  name: "canteen.closeMonth",
  input: Schema.Struct({
    ...Command.contextFields,
    id: Schema.optionalKey(SettlementId),
    month: Month,
    otherCosts: Schema.optionalKey(Schema.Array(SettlementItem)),
    subsidies: Schema.optionalKey(Schema.Array(SettlementItem)),
    otherIncome: Schema.optionalKey(Schema.Array(SettlementItem))
  }),
  run: (input) =>
    Effect.gen(function*() {
      const ctx = yield* contextOf(input.schoolId)
      const repo = yield* SettlementRepository
      const latest = (yield* repo.list(input.schoolId, { orderBy: "month", direction: "desc", limit: 1 }))[0]
      if (latest !== undefined && latest.month >= input.month) {
        return yield* InvalidStateError.create({
          code: "canteen.monthAlreadyClosed",
          aggregate: "canteen.settlement",
          id: latest.id,
          state: latest.month,
          path: ["month"],
          zh: latest.month === input.month ? `${input.month} 已月结` : `${latest.month} 已月结，不能再结更早的 ${input.month}`,
          en: latest.month === input.month ? `${input.month} is already closed` : `${latest.month} is closed; the earlier ${input.month} can no longer be closed`
        })
      }
      if (latest !== undefined && latest.month !== previousMonth(input.month)) {
        return yield* InvalidStateError.create({
          code: "canteen.monthSkipped",
          aggregate: "canteen.settlement",
          id: latest.id,
          state: latest.month,
          path: ["month"],
          zh: `上次月结为 ${latest.month}，须先结 ${previousMonth(input.month)}`,
          en: `the last month closed is ${latest.month}; close ${previousMonth(input.month)} first`
        })
      }
      const records = yield* settlementRecords(input.schoolId, input.month)
      const id = input.id ?? (yield* Id.next)
      const settlement = yield* Effect.fromResult(settle({
        schoolId: input.schoolId,
        id,
        month: input.month,
        currency: ctx.currency,
        closedBy: input.actor,
        ...records,
        inputs: { otherCosts: input.otherCosts ?? [], subsidies: input.subsidies ?? [], otherIncome: input.otherIncome ?? [] }
      }))
      return yield* repo.insert(settlement)
    })
})

// ─── daily food-safety records ──────────────────────────────────────────────────────────────────

/**
 * A record's fields as a command's input: the record's own schema without the school, id and
 * version (the command context gives the school, the id may be given, the version is 0).
 */
const recordFields = <F extends { readonly schoolId: unknown; readonly id: unknown; readonly version: unknown }>(fields: F): Omit<F, "schoolId" | "id" | "version"> => {
  const { schoolId: _school, id: _id, version: _version, ...rest } = fields
  return rest
}

/** a new record from a command's input: its fields, the school, an id (given or new) and version 0 */
const newRecord = <I extends { readonly schoolId: string; readonly actor: string; readonly id?: string }>(input: I) =>
  Effect.map(idOr(input.id), (id) => {
    const { actor: _actor, ...fields } = input
    return { ...fields, id, version: 0 }
  })

/**
 * Records a tableware disinfection batch (餐用具消毒). The measure its method is judged by is
 * required (`celsius` for heat, infrared and dishwasher, `chlorineMgPerL` for chlorine) and the
 * other refused; the operator must be on the school's staff. Returns the record and how it falls
 * short of the pack's minimum (empty when it meets it): a batch below the minimum is kept, as the
 * record of what was done, and is a finding in `hygieneFindings`.
 *
 * @since 0.1.0
 * @category commands
 */
export const recordDisinfection = Command.make({
  name: "canteen.recordDisinfection",
  input: Schema.Struct({ ...Command.contextFields, id: Schema.optionalKey(DisinfectionId), ...recordFields(Disinfection.fields) }),
  run: (input) =>
    Effect.gen(function*() {
      const ctx = yield* contextOf(input.schoolId)
      yield* checkStaff(ctx, input.operator, ["operator"])
      const byChlorine = input.method === "chlorine"
      if (byChlorine && input.chlorineMgPerL === undefined) {
        return yield* invalid(["chlorineMgPerL"], "canteen.disinfectionMeasure", "含氯消毒须记录有效氯浓度（mg/L）", "a chlorine soak needs its available chlorine (mg/L)")
      }
      if (!byChlorine && input.celsius === undefined) {
        return yield* invalid(["celsius"], "canteen.disinfectionMeasure", "热力、红外线或洗碗机消毒须记录温度（°C）", "heat, infrared and dishwasher disinfection need their temperature (°C)")
      }
      if (byChlorine && input.celsius !== undefined) {
        return yield* invalid(["celsius"], "canteen.disinfectionMeasure", "含氯消毒不记录温度", "a chlorine soak is judged by its concentration, not a temperature")
      }
      if (!byChlorine && input.chlorineMgPerL !== undefined) {
        return yield* invalid(["chlorineMgPerL"], "canteen.disinfectionMeasure", "只有含氯消毒记录有效氯浓度", "only a chlorine soak has an available chlorine")
      }
      const record = (yield* newRecord(input)) as unknown as Disinfection
      const saved = yield* DisinfectionRepository.use((r) => r.insert(record))
      return { disinfection: saved, shortfall: disinfectionShortfall(saved, ctx.rules) }
    })
})

/**
 * Records an accompanied meal (陪餐记录): the meal by date and kind, who ate with the students
 * (staff on the school's staff), the rating and the problems found.
 *
 * @since 0.1.0
 * @category commands
 */
export const recordAccompaniedMeal = Command.make({
  name: "canteen.recordAccompaniedMeal",
  input: Schema.Struct({
    ...Command.contextFields,
    id: Schema.optionalKey(AccompaniedMealId),
    ...recordFields(AccompaniedMeal.fields),
    problems: Schema.optionalKey(AccompaniedMeal.fields.problems)
  }),
  run: (input) =>
    Effect.gen(function*() {
      const ctx = yield* contextOf(input.schoolId)
      for (let i = 0; i < input.companions.length; i++) {
        const c = input.companions[i]!
        if (c._tag !== "parent") yield* checkStaff(ctx, c.staffId, ["companions", i, "staffId"])
      }
      yield* checkStaff(ctx, input.recordedBy, ["recordedBy"])
      const record = (yield* newRecord({ ...input, problems: input.problems ?? [] })) as unknown as AccompaniedMeal
      return yield* AccompaniedMealRepository.use((r) => r.insert(record))
    })
})

/**
 * Records a food handler's morning check (从业人员晨检): the symptoms seen and the temperature.
 * Whether the handler stands down from handling ready-to-eat food follows from the pack
 * (`handlerCheckOutcome`: a listed symptom, or a temperature at or above the fever threshold);
 * `standDown: true` may stand a handler down for another reason, but `false` cannot clear one the
 * rules stand down (a `ValidationError` on `standDown`). The handler must be on record.
 *
 * @since 0.1.0
 * @category commands
 */
export const recordHandlerCheck = Command.make({
  name: "canteen.recordHandlerCheck",
  input: Schema.Struct({
    ...Command.contextFields,
    id: Schema.optionalKey(HandlerCheckId),
    ...recordFields(HandlerCheck.fields),
    symptoms: Schema.optionalKey(HandlerCheck.fields.symptoms),
    standDown: Schema.optionalKey(HandlerCheck.fields.standDown)
  }),
  run: (input) =>
    Effect.gen(function*() {
      const ctx = yield* contextOf(input.schoolId)
      yield* getOr(yield* FoodHandlerRepository.use((r) => r.find(input.schoolId, input.handlerId)), "canteen.foodHandler", input.schoolId, input.handlerId, ["handlerId"])
      yield* checkStaff(ctx, input.checkedBy, ["checkedBy"])
      const symptoms = Array.from(new Set(input.symptoms ?? []))
      const outcome = handlerCheckOutcome({ symptoms, celsius: input.celsius }, ctx.rules)
      if (input.standDown === false && outcome.standDown) {
        return yield* invalid(
          ["standDown"],
          "canteen.handlerMustStandDown",
          `有${outcome.reasons.map((s) => handlerSymptomLabels[s].zh).join("、")}，应暂停接触直接入口食品的工作`,
          `${outcome.reasons.map((s) => handlerSymptomLabels[s].en).join(", ")}: the handler must stand down from ready-to-eat food`
        )
      }
      const record = (yield* newRecord({ ...input, symptoms, standDown: input.standDown ?? outcome.standDown })) as unknown as HandlerCheck
      return { check: yield* HandlerCheckRepository.use((r) => r.insert(record)), reasons: outcome.reasons }
    })
})
