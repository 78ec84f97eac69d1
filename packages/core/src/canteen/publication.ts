/**
 * The daily publication (每日公示 / 上黑板公布): the day's accepted purchases with quantities, unit
 * prices, amounts and suppliers, and what was rejected, as a plain data structure a report can
 * print or a board can show. `DailyPublication` is its schema (encode it for JSON).
 *
 * @since 0.1.0
 */
import { Result, Schema } from "effect"
import type { LocalDate } from "../kernel/LocalDate.ts"
import { LocalDateSchema } from "../kernel/LocalDate.ts"
import { Currency, MoneySchema } from "../kernel/Money.ts"
import { QuantitySchema } from "../kernel/Quantity.ts"
import * as Q from "../kernel/Quantity.ts"
import { UnitPriceSchema } from "../kernel/UnitPrice.ts"
import type { Delivery, Ingredient, Supplier } from "./model.ts"
import { DeliveryId, IngredientCategory, IngredientId, moneyOf, SupplierId } from "./model.ts"

/**
 * One published purchase line: the accepted quantity in the ingredient's stock unit and, when it
 * converts exactly, in the unit it was priced in (as bought: 100 斤 at ¥3.5/斤).
 *
 * @since 0.1.0
 * @category schemas
 */
export const PublishedLine = Schema.Struct({
  deliveryId: DeliveryId,
  line: Schema.Int,
  supplierId: SupplierId,
  supplier: Schema.String,
  ingredientId: IngredientId,
  ingredient: Schema.String,
  category: IngredientCategory,
  quantity: QuantitySchema,
  purchased: Schema.optionalKey(QuantitySchema),
  unitPrice: UnitPriceSchema,
  amount: MoneySchema
})

/**
 * The daily publication.
 *
 * @since 0.1.0
 * @category schemas
 */
export const DailyPublication = Schema.Struct({
  date: LocalDateSchema,
  currency: Currency,
  lines: Schema.Array(PublishedLine),
  rejected: Schema.Array(Schema.Struct({
    deliveryId: DeliveryId,
    line: Schema.Int,
    supplier: Schema.String,
    ingredient: Schema.String,
    quantity: QuantitySchema,
    reason: Schema.String
  })),
  bySupplier: Schema.Array(Schema.Struct({ supplierId: SupplierId, supplier: Schema.String, lines: Schema.Int, amount: MoneySchema })),
  total: MoneySchema
})

/**
 * @since 0.1.0
 * @category models
 */
export type DailyPublication = typeof DailyPublication.Type

/**
 * The publication of a day from its deliveries (those received on other days are left out),
 * lines in delivery then line order, suppliers by amount (largest first).
 *
 * @since 0.1.0
 * @category reports
 */
export const dailyPublication = (input: {
  readonly date: LocalDate
  readonly currency: Currency
  readonly deliveries: ReadonlyArray<Delivery>
  readonly suppliers: ReadonlyMap<string, Supplier>
  readonly ingredients: ReadonlyMap<string, Ingredient>
}): DailyPublication => {
  const lines: Array<DailyPublication["lines"][number]> = []
  const rejected: Array<DailyPublication["rejected"][number]> = []
  const totals = new Map<string, { supplier: string; lines: number; amount: number }>()
  const deliveries = input.deliveries
    .filter((d) => d.receivedOn === input.date)
    .slice()
    .sort((a, b) => (a.receivedAt.epochMilliseconds - b.receivedAt.epochMilliseconds) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  for (const d of deliveries) {
    const supplier = input.suppliers.get(d.supplierId)?.name ?? d.supplierId
    for (const l of d.lines) {
      const ingredient = input.ingredients.get(l.ingredientId)
      const name = ingredient?.name ?? l.ingredientId
      if (l.returned.value.value > 0n) {
        rejected.push({ deliveryId: d.id, line: l.line, supplier, ingredient: name, quantity: l.returned, reason: l.reason ?? "" })
      }
      if (l.accepted.value.value === 0n) continue
      const purchased = ingredient === undefined ? undefined : Result.getOrUndefined(Q.convertWith(l.accepted, l.unitPrice.per, ingredient.conversions))
      lines.push({
        deliveryId: d.id,
        line: l.line,
        supplierId: d.supplierId,
        supplier,
        ingredientId: l.ingredientId,
        ingredient: name,
        category: ingredient?.category ?? "other",
        quantity: l.accepted,
        ...(purchased === undefined ? {} : { purchased }),
        unitPrice: l.unitPrice,
        amount: l.amount
      })
      const t = totals.get(d.supplierId) ?? { supplier, lines: 0, amount: 0 }
      t.lines += 1
      t.amount += l.amount.amount
      totals.set(d.supplierId, t)
    }
  }
  return {
    date: input.date,
    currency: input.currency,
    lines,
    rejected,
    bySupplier: Array.from(totals, ([supplierId, t]) => ({ supplierId: supplierId as Supplier["id"], supplier: t.supplier, lines: t.lines, amount: moneyOf(t.amount, input.currency) }))
      .sort((a, b) => b.amount.amount - a.amount.amount || (a.supplierId < b.supplierId ? -1 : 1)),
    total: moneyOf(lines.reduce((a, l) => a + l.amount.amount, 0), input.currency)
  }
}
