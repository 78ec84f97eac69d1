/**
 * Summary statistics of replications: means with 95% confidence intervals (Student's t), paired
 * differences, percentiles.
 *
 * @since 0.1.0
 */

/**
 * A mean with its 95% confidence interval over `n` replications.
 *
 * @since 0.1.0
 * @category models
 */
export interface Estimate {
  readonly n: number
  readonly mean: number
  readonly sd: number
  readonly low: number
  readonly high: number
}

/**
 * The p-th percentile (0–100) of sorted values, by linear interpolation between closest ranks
 * (the method of Excel's PERCENTILE.INC and NumPy's default); `NaN` for no values.
 *
 * @since 0.1.0
 * @category statistics
 */
export const percentile = (sorted: ReadonlyArray<number>, p: number): number => {
  if (sorted.length === 0) return Number.NaN
  const rank = (p / 100) * (sorted.length - 1)
  const lo = Math.floor(rank)
  const hi = Math.ceil(rank)
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo)
}

/**
 * P(|T| ≤ t) for Student's t with an integer number ν of degrees of freedom, by the closed forms
 * of Abramowitz & Stegun 26.7.3 (ν odd) and 26.7.4 (ν even), with θ = arctan(t / √ν).
 *
 * @since 0.1.0
 * @category statistics
 */
export const tTwoSided = (t: number, nu: number): number => {
  const theta = Math.atan(t / Math.sqrt(nu))
  const c2 = Math.cos(theta) ** 2
  const sin = Math.sin(theta)
  if (nu % 2 === 1) {
    if (nu === 1) return (2 / Math.PI) * theta
    let term = 1
    let sum = 1
    for (let k = 3; k <= nu - 2; k += 2) {
      term *= ((k - 1) / k) * c2
      sum += term
    }
    return (2 / Math.PI) * (theta + sin * Math.cos(theta) * sum)
  }
  let term = 1
  let sum = 1
  for (let k = 2; k <= nu - 2; k += 2) {
    term *= ((k - 1) / k) * c2
    sum += term
  }
  return sin * sum
}

/**
 * Student's t quantile for a two-sided 95% interval with ν degrees of freedom (an integer ≥ 1):
 * the t with P(|T| ≤ t) = 0.95, found by bisection on {@link tTwoSided} to 1e−12.
 *
 * @since 0.1.0
 * @category statistics
 */
export const t975 = (nu: number): number => {
  if (!Number.isInteger(nu) || nu < 1) return Number.NaN
  let lo = 0
  let hi = 64
  while (hi - lo > 1e-12) {
    const mid = (lo + hi) / 2
    if (tTwoSided(mid, nu) < 0.95) lo = mid
    else hi = mid
  }
  return (lo + hi) / 2
}

/**
 * The mean of values with its 95% confidence interval (mean ± t·sd/√n). With one value the
 * interval is that value; non-finite values are left out.
 *
 * @since 0.1.0
 * @category statistics
 */
export const estimate = (values: ReadonlyArray<number>): Estimate => {
  const xs = values.filter((v) => Number.isFinite(v))
  const n = xs.length
  if (n === 0) return { n: 0, mean: Number.NaN, sd: Number.NaN, low: Number.NaN, high: Number.NaN }
  let sum = 0
  for (const x of xs) sum += x
  const mean = sum / n
  if (n === 1) return { n, mean, sd: 0, low: mean, high: mean }
  let ss = 0
  for (const x of xs) ss += (x - mean) ** 2
  const sd = Math.sqrt(ss / (n - 1))
  const half = t975(n - 1) * sd / Math.sqrt(n)
  return { n, mean, sd, low: mean - half, high: mean + half }
}
