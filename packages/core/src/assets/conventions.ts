/**
 * The two accounting conventions of depreciation.
 *
 * - **government** (《政府会计准则第3号——固定资产》, for public schools and kindergartens): charged
 *   monthly; an asset added in a month is charged from that month, an asset removed in a month is
 *   not charged in that month (当月增加的固定资产，当月开始计提折旧；当月减少的固定资产，当月不再计提折旧);
 *   no residual value (计提折旧时不考虑预计净残值); once fully depreciated, or when scrapped early,
 *   nothing more is charged (提足折旧后…不再计提折旧；提前报废的固定资产，也不再补提折旧).
 * - **enterprise** (《企业会计准则第4号——固定资产》 and its application guide): charged monthly
 *   from the month after the asset goes into service (当月增加的固定资产，当月不计提折旧，从下月起计提折旧),
 *   still charged in the month it is removed and not after (当月减少的固定资产，当月仍计提折旧，从下月起不计提折旧),
 *   with a residual value (预计净残值).
 *
 * @since 0.1.0
 */
import type { LocalDate } from "../kernel/LocalDate.ts"
import type { Convention, Depreciable } from "./depreciation.ts"
import * as Months from "./months.ts"

/**
 * The government convention.
 *
 * @since 0.1.0
 * @category conventions
 */
export const government: Convention = {
  id: "government",
  name: { zh: "政府会计", en: "government accounting" },
  firstMonth: (asset: Depreciable) => Months.indexOf(asset.acquisitionDate),
  lastMonthBeforeRemoval: (removedOn: LocalDate) => Months.indexOf(removedOn) - 1,
  residual: false
}

/**
 * The enterprise convention.
 *
 * @since 0.1.0
 * @category conventions
 */
export const enterprise: Convention = {
  id: "enterprise",
  name: { zh: "企业会计", en: "enterprise accounting" },
  firstMonth: (asset: Depreciable) => Months.indexOf(asset.inServiceDate ?? asset.acquisitionDate) + 1,
  lastMonthBeforeRemoval: (removedOn: LocalDate) => Months.indexOf(removedOn),
  residual: true
}
