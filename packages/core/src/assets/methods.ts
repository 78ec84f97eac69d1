/**
 * The depreciation methods Houqin ships, each a convention and a pattern passed around as a value:
 *
 * | id | convention | pattern |
 * | --- | --- | --- |
 * | `governmentStraightLine` | government | straight line |
 * | `governmentUnitsOfProduction` | government | units of production |
 * | `enterpriseStraightLine` | enterprise | straight line |
 * | `doubleDecliningBalance` | enterprise | double-declining balance |
 * | `sumOfYearsDigits` | enterprise | sum of the years' digits |
 * | `unitsOfProduction` | enterprise | units of production |
 *
 * A caller may build others: `{ id, name, convention, pattern }`.
 *
 * @since 0.1.0
 */
import * as Conventions from "./conventions.ts"
import { doubleDecliningBalance as ddbPattern } from "./decliningBalance.ts"
import type { DepreciationMethod } from "./depreciation.ts"
import type { MethodId } from "./rules.ts"
import { straightLine } from "./straightLine.ts"
import { sumOfYearsDigits as sydPattern } from "./sumOfYearsDigits.ts"
import { unitsOfProduction as uopPattern } from "./unitsOfProduction.ts"

/**
 * Government straight line: from the month added, no residual value, not in the month removed.
 *
 * @since 0.1.0
 * @category methods
 */
export const governmentStraightLine: DepreciationMethod = {
  id: "governmentStraightLine",
  name: { zh: "年限平均法（政府会计）", en: "straight line (government)" },
  convention: Conventions.government,
  pattern: straightLine
}

/**
 * Government units of production (工作量法): from the month added, no residual value.
 *
 * @since 0.1.0
 * @category methods
 */
export const governmentUnitsOfProduction: DepreciationMethod = {
  id: "governmentUnitsOfProduction",
  name: { zh: "工作量法（政府会计）", en: "units of production (government)" },
  convention: Conventions.government,
  pattern: uopPattern
}

/**
 * Enterprise straight line: from the month after in service, with residual value.
 *
 * @since 0.1.0
 * @category methods
 */
export const enterpriseStraightLine: DepreciationMethod = {
  id: "enterpriseStraightLine",
  name: { zh: "年限平均法（企业会计）", en: "straight line (enterprise)" },
  convention: Conventions.enterprise,
  pattern: straightLine
}

/**
 * Double-declining balance, switching to straight line over the last two years (enterprise).
 *
 * @since 0.1.0
 * @category methods
 */
export const doubleDecliningBalance: DepreciationMethod = {
  id: "doubleDecliningBalance",
  name: { zh: "双倍余额递减法", en: "double-declining balance" },
  convention: Conventions.enterprise,
  pattern: ddbPattern
}

/**
 * Sum of the years' digits (enterprise).
 *
 * @since 0.1.0
 * @category methods
 */
export const sumOfYearsDigits: DepreciationMethod = {
  id: "sumOfYearsDigits",
  name: { zh: "年数总和法", en: "sum of the years' digits" },
  convention: Conventions.enterprise,
  pattern: sydPattern
}

/**
 * Units of production (enterprise): from the month after in service, with residual value.
 *
 * @since 0.1.0
 * @category methods
 */
export const unitsOfProduction: DepreciationMethod = {
  id: "unitsOfProduction",
  name: { zh: "工作量法（企业会计）", en: "units of production (enterprise)" },
  convention: Conventions.enterprise,
  pattern: uopPattern
}

/**
 * Every shipped method, by id.
 *
 * @since 0.1.0
 * @category methods
 */
export const methods: Readonly<Record<MethodId, DepreciationMethod>> = {
  governmentStraightLine,
  governmentUnitsOfProduction,
  enterpriseStraightLine,
  doubleDecliningBalance,
  sumOfYearsDigits,
  unitsOfProduction
}

/**
 * The shipped method of an id.
 *
 * @since 0.1.0
 * @category methods
 */
export const byId = (id: MethodId): DepreciationMethod => methods[id]
