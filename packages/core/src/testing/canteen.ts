/**
 * fast-check arbitraries of the canteen: stock operations on one ingredient (receipts, issues,
 * spoilage, stocktakes, returns, days passing) for the valuation laws, and purchase lines in
 * decimal-exact units for the conversion laws.
 *
 * @since 0.1.0
 */
import { BigDecimal } from "effect"
import * as fc from "fast-check"
import type { Decimal } from "../kernel/Decimal.ts"
import type { MassUnit, VolumeUnit } from "../kernel/Unit.ts"
import { massUnits, volumeUnits } from "../kernel/Unit.ts"

/**
 * A positive quantity with at most `scale` places (default 3), up to `max` whole units.
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const positiveQuantity = (options: { readonly scale?: number; readonly max?: number } = {}): fc.Arbitrary<Decimal> => {
  const scale = options.scale ?? 3
  return fc.bigInt({ min: 1n, max: BigInt(options.max ?? 500) * 10n ** BigInt(scale) }).map((v) => BigDecimal.normalize(BigDecimal.make(v, scale)))
}

/**
 * One operation on one ingredient's stock. `pick` chooses a lot among the open ones (modulo their
 * number); `fraction` (‰) is the share of it taken.
 *
 * @since 0.1.0
 * @category models
 */
export type StockOp =
  | { readonly _tag: "receive"; readonly quantity: Decimal; readonly value: number; readonly shelfDays: number | undefined }
  | { readonly _tag: "issue"; readonly quantity: Decimal }
  | { readonly _tag: "spoil"; readonly quantity: Decimal }
  | { readonly _tag: "spoilLot"; readonly pick: number; readonly fraction: number }
  | { readonly _tag: "returnLot"; readonly pick: number; readonly fraction: number }
  | { readonly _tag: "stocktake"; readonly delta: Decimal; readonly surplus: boolean }
  | { readonly _tag: "nextDay"; readonly days: number }

/**
 * A stock operation; receipts are weighted so that stock builds up.
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const stockOp: fc.Arbitrary<StockOp> = fc.oneof(
  {
    arbitrary: fc.record({
      _tag: fc.constant("receive" as const),
      quantity: positiveQuantity(),
      value: fc.integer({ min: 0, max: 5_000_000 }),
      shelfDays: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined })
    }),
    weight: 4
  },
  { arbitrary: fc.record({ _tag: fc.constant("issue" as const), quantity: positiveQuantity({ max: 300 }) }), weight: 4 },
  { arbitrary: fc.record({ _tag: fc.constant("spoil" as const), quantity: positiveQuantity({ max: 50 }) }), weight: 1 },
  { arbitrary: fc.record({ _tag: fc.constant("spoilLot" as const), pick: fc.nat(), fraction: fc.integer({ min: 1, max: 1000 }) }), weight: 1 },
  { arbitrary: fc.record({ _tag: fc.constant("returnLot" as const), pick: fc.nat(), fraction: fc.integer({ min: 1, max: 1000 }) }), weight: 1 },
  {
    arbitrary: fc.record({ _tag: fc.constant("stocktake" as const), delta: positiveQuantity({ max: 20 }), surplus: fc.boolean() }),
    weight: 1
  },
  { arbitrary: fc.record({ _tag: fc.constant("nextDay" as const), days: fc.integer({ min: 1, max: 3 }) }), weight: 2 }
)

/**
 * A decimal-exact unit: a mass or volume unit (every conversion among them terminates).
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const exactMassUnit: fc.Arbitrary<MassUnit> = fc.constantFrom(...(Object.keys(massUnits) as Array<MassUnit>))

/**
 * @since 0.1.0
 * @category arbitraries
 */
export const exactVolumeUnit: fc.Arbitrary<VolumeUnit> = fc.constantFrom(...(Object.keys(volumeUnits) as Array<VolumeUnit>))

/**
 * A purchase line in mass units: a quantity (up to 3 places) in one unit at a price (up to 4
 * places of yuan) per another.
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const massLine = fc.record({
  quantity: fc.record({ value: positiveQuantity({ max: 2000 }), unit: exactMassUnit }),
  unitPrice: fc.record({
    amount: fc.bigInt({ min: 0n, max: 10_000_000n }).map((v) => BigDecimal.normalize(BigDecimal.make(v, 4))),
    currency: fc.constant("CNY" as const),
    per: exactMassUnit
  })
})
