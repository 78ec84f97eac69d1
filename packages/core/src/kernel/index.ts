/**
 * The shared kernel: money, quantities and units, unit prices, decimals, time and local dates,
 * ids, the people-and-organisation model, typed errors, decoding, findings, canonical JSON and the
 * rule-pack machinery.
 *
 * @since 0.1.0
 */
export * as Decimal from "./Decimal.ts"
export * as Decode from "./Decode.ts"
export * as Errors from "./Errors.ts"
export {
  ArithmeticError,
  ConflictError,
  CurrencyMismatchError,
  DimensionMismatchError,
  DuplicateError,
  isHouqinError,
  NotFoundError,
  OverflowError,
  ReferenceError,
  RulePackError,
  StorageError,
  ValidationError
} from "./Errors.ts"
export type { HouqinError, Messages, Path } from "./Errors.ts"
export * as FastDecode from "./FastDecode.ts"
export * as Finding from "./Finding.ts"
export * as Id from "./Id.ts"
export * as Json from "./Json.ts"
export * as LocalDate from "./LocalDate.ts"
export * as Meal from "./Meal.ts"
export * as Money from "./Money.ts"
export * as People from "./People.ts"
export * as Quantity from "./Quantity.ts"
export * as RulePack from "./RulePack.ts"
export * as Time from "./Time.ts"
export * as Unit from "./Unit.ts"
export * as UnitPrice from "./UnitPrice.ts"
