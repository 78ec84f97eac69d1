/**
 * Categories, capitalisation and the depreciation settings a category allows under the rule pack.
 *
 * - **Capitalisation**: an item whose unit cost reaches the pack's threshold (¥1,000 in `cn`) is a
 *   fixed asset; below it, a low-value consumable — except a batch of like items that lasts over a
 *   year (图书、家具、用具、装具…), which the rules treat as fixed assets when `batchesOfLikeItems`.
 * - **Useful life**: under a pack that enforces the table (government accounting), a life below the
 *   category's minimum, or above the maximum of a ranged category, is refused with a typed error;
 *   the default life is the minimum.
 * - **Non-depreciable classes** (cultural relics, books and archives, animals and plants, land,
 *   assets at a nominal amount) take no depreciation settings.
 *
 * @since 0.1.0
 */
import { Result } from "effect"
import type { Decimal } from "../kernel/Decimal.ts"
import type { Path } from "../kernel/Errors.ts"
import type { Money } from "../kernel/Money.ts"
import { DepreciationRuleError, UsefulLifeError } from "./errors.ts"
import { byId } from "./methods.ts"
import type { AccountClass, DepreciationSettings } from "./model.ts"
import type { AssetsRules, MethodId, UsefulLife } from "./rules.ts"

/**
 * The useful life of a category under a pack, or `undefined` for a category the pack lacks.
 *
 * @since 0.1.0
 * @category getters
 */
export const usefulLifeOf = (rules: AssetsRules, category: string): UsefulLife | undefined =>
  Object.hasOwn(rules.usefulLives, category) ? rules.usefulLives[category] : undefined

/**
 * Checks a useful life (months) against its category under the pack: under a pack that enforces
 * the table (government accounting), a life below the category's minimum, or above the maximum of
 * a ranged category, is a `UsefulLifeError` at `path`; a pack that does not enforce it, or a
 * category with no set life, lets it pass. Registration ({@link settle}) checks the life given;
 * a change of remaining life (`changeRemainingLife`, `revalue`) checks the whole life it makes —
 * the months already charged (`elapsedMonths`) plus those remaining.
 *
 * @since 0.1.0
 * @category calculations
 */
export const checkUsefulLife = (
  rules: AssetsRules,
  category: string,
  months: number,
  path: Path,
  elapsedMonths?: number
): Result.Result<void, UsefulLifeError> => {
  const life = usefulLifeOf(rules, category)
  if (!rules.enforceUsefulLives || life === undefined) return Result.void
  if ((life.minYears !== null && months < life.minYears * 12) || (life.maxYears !== null && months > life.maxYears * 12)) {
    return Result.fail(UsefulLifeError.create({ category, months, minYears: life.minYears, maxYears: life.maxYears, path, elapsedMonths }))
  }
  return Result.void
}

/**
 * Whether an item is a fixed asset or a low-value consumable: its unit cost against the
 * capitalisation threshold (at or above it: a fixed asset), and the rule for batches of like items.
 *
 * @since 0.1.0
 * @category calculations
 */
export const classify = (
  input: { readonly unitCost: Money; readonly batchOfLikeItems?: boolean | undefined },
  rules: AssetsRules
): AccountClass =>
  input.unitCost.amount >= rules.capitalisationThreshold.amount || (rules.batchesOfLikeItems && input.batchOfLikeItems === true)
    ? "fixedAsset"
    : "lowValueConsumable"

/**
 * Depreciation settings as given at registration: everything optional, defaults from the pack.
 *
 * @since 0.1.0
 * @category models
 */
export interface SettingsInput {
  readonly method?: MethodId | undefined
  readonly usefulLifeMonths?: number | undefined
  readonly residualRate?: Decimal | undefined
  readonly totalUnits?: Decimal | undefined
}

/**
 * Checks a category and its depreciation settings against the pack and fills in the defaults:
 * `undefined` for an item that is not depreciated (a low-value consumable, or a non-depreciable
 * class), otherwise complete settings — or a typed error with the path (under `path`) of the field
 * at fault.
 *
 * @since 0.1.0
 * @category calculations
 */
export const settle = (
  input: {
    readonly category: string
    readonly accountClass: AccountClass
    readonly depreciation?: SettingsInput | undefined
  },
  rules: AssetsRules,
  path: Path = []
): Result.Result<DepreciationSettings | undefined, DepreciationRuleError | UsefulLifeError> => {
  const life = usefulLifeOf(rules, input.category)
  if (life === undefined) return Result.fail(DepreciationRuleError.unknownCategory(input.category, [...path, "category"]))
  const given = input.depreciation
  if (input.accountClass === "lowValueConsumable" || !life.depreciable) {
    if (given !== undefined) {
      return Result.fail(input.accountClass === "lowValueConsumable"
        ? DepreciationRuleError.invalid("assets.notCapitalised", [...path, "depreciation"], {
          zh: "低值易耗品不计提折旧，不能设置折旧方法",
          en: "a low-value consumable is not depreciated; no depreciation method may be set"
        })
        : DepreciationRuleError.notDepreciable(input.category, [...path, "depreciation"]))
    }
    return Result.succeed(undefined)
  }
  const methodId = given?.method ?? rules.defaultMethod
  if (!rules.methods.includes(methodId)) {
    return Result.fail(DepreciationRuleError.methodNotAllowed(methodId, rules.accounting, [...path, "depreciation", "method"]))
  }
  const method = byId(methodId)
  const settings: { -readonly [K in keyof DepreciationSettings]: DepreciationSettings[K] } = { method: methodId, adjustments: [] }
  if (method.pattern.basis === "time") {
    const months = given?.usefulLifeMonths ?? (life.minYears === null ? undefined : life.minYears * 12)
    if (months === undefined) {
      return Result.fail(DepreciationRuleError.invalid("assets.usefulLifeRequired", [...path, "depreciation", "usefulLifeMonths"], {
        zh: `“${input.category}”没有规定的折旧年限，请填写使用月数`,
        en: `the category "${input.category}" has no set useful life; give one in months`
      }))
    }
    const checked = checkUsefulLife(rules, input.category, months, [...path, "depreciation", "usefulLifeMonths"])
    if (Result.isFailure(checked)) return Result.fail(checked.failure)
    settings.usefulLifeMonths = months
  } else {
    if (given?.totalUnits === undefined) {
      return Result.fail(DepreciationRuleError.invalid("assets.totalUnitsRequired", [...path, "depreciation", "totalUnits"], {
        zh: "工作量法需要填写预计总工作量",
        en: "units of production needs the total units expected"
      }))
    }
    settings.totalUnits = given.totalUnits
  }
  if (method.convention.residual) {
    settings.residualRate = given?.residualRate ?? rules.defaultResidualRate
  } else if (given?.residualRate !== undefined && given.residualRate.value !== 0n) {
    return Result.fail(DepreciationRuleError.invalid("assets.residualNotAllowed", [...path, "depreciation", "residualRate"], {
      zh: "政府会计计提折旧时不考虑预计净残值",
      en: "government accounting depreciates without a residual value"
    }))
  }
  return Result.succeed(settings)
}
