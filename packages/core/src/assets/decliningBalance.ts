/**
 * Double-declining balance (双倍余额递减法): each year's charge is twice the straight-line rate
 * applied to the book value at the start of the year (residual value not deducted), and over the
 * last two years of the life the book value less the residual value is spread evenly
 * (企业会计准则第4号 and its application guide: 应当在其折旧年限到期前两年内，将固定资产账面净值扣除预计净残值后的余额平均摊销).
 *
 * Years are 12-month periods from the first month charged. For a life of `M` months the yearly
 * rate is 2 ÷ (M / 12) = 24 / M; the declining years are the first `M − 24` months (a last short
 * year, when `M` is not whole years, is charged pro rata: book value × 2 × its months ÷ M); the
 * last 24 months (all of them when `M ≤ 24`) are straight line, by year. Each year's charge is
 * rounded to the fen, never takes the book value below the residual value, and is split evenly
 * over its months, the last month of the year absorbing the rounding.
 *
 * ¥100,000, 5 years, residual 4% (¥4,000): rate 40%; year 1: 100,000 × 40% = 40,000; year 2:
 * 60,000 × 40% = 24,000; year 3: 36,000 × 40% = 14,400; then (21,600 − 4,000) ÷ 2 = 8,800 in each
 * of years 4 and 5. Total 96,000 = cost − residual.
 *
 * @since 0.1.0
 */
import type { Pattern, Segment } from "./depreciation.ts"
import { divide, spread } from "./depreciation.ts"

/**
 * The monthly charges of a segment under double-declining balance.
 *
 * @since 0.1.0
 * @category calculations
 */
export const plan = (segment: Segment): Array<number> => {
  const { months, residual, rounding } = segment
  const out: Array<number> = []
  let book = segment.bookValue
  const declining = Math.max(0, months - 24)
  let month = 0
  while (month < declining) {
    const length = Math.min(12, declining - month)
    // book × (24 / months) × (length / 12) = book × 2 × length / months
    const ddb = Number(divide(BigInt(book) * BigInt(2 * length), BigInt(months), rounding))
    const charge = Math.max(0, Math.min(ddb, book - residual))
    spread(charge, length, rounding, out)
    book -= charge
    month += length
  }
  // the last two years: straight line, year by year, the last year absorbing the rounding
  const rest = months - declining
  let left = Math.max(0, book - residual)
  let done = 0
  while (done < rest) {
    const length = Math.min(12, rest - done)
    const charge = done + length >= rest ? left : Math.min(left, Number(divide(BigInt(Math.max(0, book - residual)) * BigInt(length), BigInt(rest), rounding)))
    spread(charge, length, rounding, out)
    left -= charge
    done += length
  }
  return out
}

/**
 * The double-declining-balance pattern.
 *
 * @since 0.1.0
 * @category patterns
 */
export const doubleDecliningBalance: Pattern = {
  id: "doubleDecliningBalance",
  name: { zh: "双倍余额递减法", en: "double-declining balance" },
  basis: "time",
  plan
}
