/**
 * The LMS method (Cole & Green 1992) as WHO applies it in its R packages `anthro` (0–5 years) and
 * `anthroplus` (5–19 years), re-implemented so that every step rounds the same way as WHO's code:
 *
 * - the z-score of a measurement `y` is `((y / M)^L − 1) / (S·L)`;
 * - for the weight-based indicators (weight-for-age, weight-for-length/height, BMI-for-age, arm
 *   circumference and the skinfolds; WHO 2007 weight- and BMI-for-age) WHO restricts the LMS
 *   curve beyond ±3 SD, where the data are thin: with `SD(k) = M·(1 + L·S·k)^(1/L)`, a z above 3
 *   becomes `3 + (y − SD(3)) / (SD(3) − SD(2))` and a z below −3 becomes
 *   `−3 + (y − SD(−3)) / (SD(−2) − SD(−3))` (WHO Child Growth Standards: Methods and development,
 *   2006, chapter 7);
 * - z-scores are reported rounded to 2 decimals the way R's `round(x, 2)` rounds (R ≥ 4.0.0:
 *   the nearer of the two candidates with 2 decimals, computed in double arithmetic, ties to the
 *   even last digit).
 *
 * These functions are pure arithmetic on numbers: no allocation, no Effect runtime.
 *
 * @since 0.1.0
 */

/**
 * The z-score of `y` on an LMS curve, unrestricted. `L = 0` (the log limit, which never occurs in
 * WHO's tables) is taken as `ln(y / M) / S`.
 *
 * @since 0.1.0
 * @category calculations
 */
export const zPlain = (y: number, l: number, m: number, s: number): number => {
  if (l === 1) return (y / m - 1) / s
  if (l === 0) return Math.log(y / m) / s
  return (Math.pow(y / m, l) - 1) / (s * l)
}

/**
 * The measurement at `k` standard deviations on an LMS curve: `M·(1 + L·S·k)^(1/L)`
 * (`M·e^(S·k)` when `L = 0`). NaN where the curve is undefined (`1 + L·S·k ≤ 0`).
 *
 * @since 0.1.0
 * @category calculations
 */
export const atSd = (k: number, l: number, m: number, s: number): number => {
  if (l === 1) return m * (1 + l * s * k)
  if (l === 0) return m * Math.exp(s * k)
  return m * Math.pow(1 + l * s * k, 1 / l)
}

/**
 * The z-score of `y` with WHO's restricted application beyond ±3 SD (for weight-based
 * indicators): unchanged within ±3, linear in `y` beyond, with the spacing between 2 and 3 SD.
 *
 * @since 0.1.0
 * @category calculations
 */
export const zRestricted = (y: number, l: number, m: number, s: number): number => {
  const z = zPlain(y, l, m, s)
  if (z > 3) {
    const sd3 = atSd(3, l, m, s)
    return 3 + (y - sd3) / (sd3 - atSd(2, l, m, s))
  }
  if (z < -3) {
    const sd3 = atSd(-3, l, m, s)
    return -3 + (y - sd3) / (atSd(-2, l, m, s) - sd3)
  }
  return z
}

/**
 * The measurement whose z-score is `z`: the inverse of {@link zPlain}, or of {@link zRestricted}
 * when `restricted` (linear beyond ±3 SD). NaN where the curve is undefined.
 *
 * @since 0.1.0
 * @category calculations
 */
export const measurementAt = (z: number, l: number, m: number, s: number, restricted: boolean): number => {
  if (restricted && z > 3) {
    const sd3 = atSd(3, l, m, s)
    return sd3 + (z - 3) * (sd3 - atSd(2, l, m, s))
  }
  if (restricted && z < -3) {
    const sd3 = atSd(-3, l, m, s)
    return sd3 + (z + 3) * (atSd(-2, l, m, s) - sd3)
  }
  return atSd(z, l, m, s)
}

const powersOf10 = [1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000]

/**
 * Rounds like R's `round(x, digits)` (R ≥ 4.0.0, which WHO's packages run on): of the two
 * numbers with `digits` decimals around `x`, the nearer one in double arithmetic, and on an exact
 * tie the one with the even last digit. `0.125 → 0.12`, `2.675 → 2.67` (2.675 is stored as
 * 2.67499…), `-1.005 → -1` (stored as −1.00499…). Negative zero comes back as zero.
 *
 * @since 0.1.0
 * @category calculations
 */
export const roundR = (x: number, digits: number): number => {
  const negative = x < 0
  const ax = negative ? -x : x
  if (!(ax < 1e6)) {
    // NaN and ±Infinity come back as they are; beyond 15 significant digits there is nothing left
    // to round (R: log10(x) + digits > DBL_DIG, log10(x) estimated from the binary exponent)
    if (!Number.isFinite(ax) || Math.log10(2) * (0.5 + Math.floor(Math.log2(ax))) + digits > 15) return x
  }
  if (ax === 0) return 0
  const scale = digits >= 0 && digits < powersOf10.length ? powersOf10[digits]! : Math.pow(10, digits)
  const x10 = scale * ax
  const i10 = Math.floor(x10)
  const down = i10 / scale
  const up = (x10 > i10 ? i10 + 1 : i10) / scale
  const du = up - ax
  const dd = ax - down
  const r = du < dd || (du === dd && i10 % 2 === 1) ? up : down
  return negative && r !== 0 ? -r : r
}
