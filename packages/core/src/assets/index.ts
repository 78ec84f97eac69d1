/**
 * `@houqin/core/assets`: the asset register and lifecycle, depreciation as of any date, stocktake,
 * repairs and inspections, consumables, reservations and utilisation.
 *
 * The entry point has the shape of every module's:
 *
 * - the records (schemas and types) and the errors, flat: `Assets.Asset`, `Assets.IllegalTransitionError`;
 * - `Assets.Commands`: the effects that write (`Assets.Commands.registerAsset(input)`);
 * - `Assets.Queries`: the effects that only read (`Assets.Queries.valuationReport(schoolId, on)`);
 * - `Assets.Rules`: the rule-pack section (`section`, the `cn` and `enterprise` defaults with their
 *   sources, the `AssetsRules` schema);
 * - `Assets.Storage`: the storage declaration adapters implement (aggregate specs, repository
 *   services, the `repositories` layer);
 * - the pure calculations (a schedule, a value as of a date, a stocktake comparison, the checks
 *   that return findings), plain functions that need no Effect runtime.
 *
 * ```ts
 * import { valueAt, governmentStraightLine } from "@houqin/core/assets"
 * valueAt({ cost: { amount: 600_000, currency: "CNY" }, acquisitionDate: "2024-03-15", usefulLifeMonths: 72 },
 *   "2025-03-31", governmentStraightLine)
 * ```
 *
 * @since 0.1.0
 */
export * from "./model.ts"
export * from "./errors.ts"
export * as Commands from "./commands.ts"
export * as Queries from "./queries.ts"
export * as Rules from "./rules.ts"
export * as Storage from "../ports/assets.ts"
// the depreciation methods a record names are the pack's
export { MethodId } from "./rules.ts"
export * from "./assetValue.ts"
export * from "./categories.ts"
export { categories, categoryIds, classes } from "./categories.generated.ts"
export type { CategoryId, CategoryRow } from "./categories.generated.ts"
export * from "./configuration.ts"
export * as Consumables from "./consumables.ts"
export * from "./consumptionAnomaly.ts"
export * as Conventions from "./conventions.ts"
export * as DecliningBalance from "./decliningBalance.ts"
export * from "./depreciation.ts"
export * from "./earlyFailure.ts"
export * as Inspections from "./inspections.ts"
export * from "./lifecycle.ts"
export * from "./loans.ts"
export * from "./methods.ts"
export * as Months from "./months.ts"
export { receivingRecord } from "./reallocation.ts"
export * as Repairs from "./repairs.ts"
export * as Reservations from "./reservations.ts"
export * as Stocktakes from "./stocktake.ts"
export * as StraightLine from "./straightLine.ts"
export * as SumOfYearsDigits from "./sumOfYearsDigits.ts"
export * as UnitsOfProduction from "./unitsOfProduction.ts"
export * from "./utilisation.ts"
