/**
 * Prevalence estimates with confidence intervals, and summary statistics of z-scores.
 *
 * - **Wilson score interval** (Wilson 1927, JASA 22:209-212) for a simple random sample: it keeps
 *   within [0, 1] and stays close to its nominal coverage for small samples and proportions near
 *   0 or 1, where the textbook Wald interval fails (Brown, Cai & DasGupta 2001, Stat Sci 16:101-133).
 * - **Cluster-robust interval**, for children measured class by class or school by school (they
 *   resemble their classmates, so a class is not n independent draws): the prevalence is the ratio
 *   estimator Σyᵢ / Σnᵢ over clusters i (cases yᵢ of nᵢ children), its variance the Taylor-
 *   linearised (sandwich) variance with the cluster as primary sampling unit, with-replacement
 *   approximation and small-sample factor C / (C − 1):
 *   Var = C / (C − 1) · Σ (yᵢ − p̂·nᵢ)² / (Σnᵢ)² (Cochran, Sampling Techniques, 3rd ed. 1977,
 *   §6.11; Lumley, Complex Surveys 2010, §2.3), and the interval p̂ ± t(C − 1)·SE with Student's t
 *   on C − 1 degrees of freedom, cut to [0, 1]. This is what R's survey package gives for a
 *   one-stage cluster design (`svydesign(ids = ~cluster)`, `svymean`, `confint(df = degf(design))`),
 *   as WHO's anthro package uses for prevalences. With fewer than 2 clusters there is no such
 *   interval.
 * - Mean and standard deviation (n − 1) of z-scores, leaving out flagged (implausible) values as
 *   WHO does.
 *
 * The normal and t quantiles are computed here (series for erf, Lentz's continued fraction for the
 * incomplete beta function, Lanczos' log-gamma), to about 12 significant digits.
 *
 * @since 0.1.0
 */

/**
 * A proportion with its interval.
 *
 * @since 0.1.0
 * @category models
 */
export interface Interval {
  readonly estimate: number
  readonly lower: number
  readonly upper: number
  readonly level: number
}

/**
 * A cluster-robust interval with its ingredients.
 *
 * @since 0.1.0
 * @category models
 */
export interface ClusterInterval extends Interval {
  readonly standardError: number
  readonly clusters: number
  readonly degreesOfFreedom: number
  /** the variance relative to a simple random sample of the same size (Kish's design effect) */
  readonly designEffect: number | undefined
}

// ── special functions ───────────────────────────────────────────────────────────────────────────

const lanczos = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7
]
const lanczosG = 7

/**
 * ln Γ(x) for x > 0 (Lanczos approximation, g = 7, n = 9).
 *
 * @since 0.1.0
 * @category math
 */
export const logGamma = (x: number): number => {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x)
  const y = x - 1
  let a = lanczos[0]!
  const t = y + lanczosG + 0.5
  for (let i = 1; i < lanczos.length; i++) a += lanczos[i]! / (y + i)
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(a)
}

const tiny = 1e-300
const epsilon = 1e-15
const maxIterations = 500

/** the continued fraction of the incomplete beta function (modified Lentz) */
const betaFraction = (a: number, b: number, x: number): number => {
  const qab = a + b
  const qap = a + 1
  const qam = a - 1
  let c = 1
  let d = 1 - (qab * x) / qap
  if (Math.abs(d) < tiny) d = tiny
  d = 1 / d
  let h = d
  for (let m = 1; m <= maxIterations; m++) {
    const m2 = 2 * m
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2))
    d = 1 + aa * d
    if (Math.abs(d) < tiny) d = tiny
    c = 1 + aa / c
    if (Math.abs(c) < tiny) c = tiny
    d = 1 / d
    h *= d * c
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2))
    d = 1 + aa * d
    if (Math.abs(d) < tiny) d = tiny
    c = 1 + aa / c
    if (Math.abs(c) < tiny) c = tiny
    d = 1 / d
    const delta = d * c
    h *= delta
    if (Math.abs(delta - 1) < epsilon) break
  }
  return h
}

/**
 * The regularized incomplete beta function I_x(a, b).
 *
 * @since 0.1.0
 * @category math
 */
export const incompleteBeta = (x: number, a: number, b: number): number => {
  if (x <= 0) return 0
  if (x >= 1) return 1
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x))
  return x < (a + 1) / (a + b + 2) ? (front * betaFraction(a, b, x)) / a : 1 - (front * betaFraction(b, a, 1 - x)) / b
}

/**
 * The standard normal distribution function Φ(x).
 *
 * @since 0.1.0
 * @category math
 */
export const normalCdf = (x: number): number => {
  if (x < 0) return 1 - normalCdf(-x)
  if (x > 8) return 1
  // erf(x/√2) by its Taylor series, then Φ = (1 + erf) / 2
  const u = x / Math.SQRT2
  let term = u
  let sum = u
  for (let n = 1; n < maxIterations; n++) {
    term *= (-u * u) / n
    const add = term / (2 * n + 1)
    sum += add
    if (Math.abs(add) < epsilon * Math.abs(sum)) break
  }
  return 0.5 + sum / Math.sqrt(Math.PI)
}

/**
 * Student's t distribution function with `df` degrees of freedom.
 *
 * @since 0.1.0
 * @category math
 */
export const tCdf = (t: number, df: number): number => {
  if (t < 0) return 1 - tCdf(-t, df)
  return 1 - 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5)
}

const invert = (cdf: (x: number) => number, p: number): number => {
  // bisection on a bracket that doubles until it holds p; the functions are increasing
  let lo = 0
  let hi = 1
  while (cdf(hi) < p && hi < 1e8) hi *= 2
  for (let i = 0; i < 200 && hi - lo > 1e-13 * Math.max(1, hi); i++) {
    const mid = (lo + hi) / 2
    if (cdf(mid) < p) lo = mid
    else hi = mid
  }
  return (lo + hi) / 2
}

/**
 * The standard normal quantile for p ≥ 0.5 (the upper critical value of a two-sided interval at
 * level `2p − 1`).
 *
 * @since 0.1.0
 * @category math
 */
export const normalQuantile = (p: number): number => (p < 0.5 ? -invert(normalCdf, 1 - p) : invert(normalCdf, p))

/**
 * Student's t quantile for p ≥ 0.5 with `df` degrees of freedom.
 *
 * @since 0.1.0
 * @category math
 */
export const tQuantile = (p: number, df: number): number => (p < 0.5 ? -invert((x) => tCdf(x, df), 1 - p) : invert((x) => tCdf(x, df), p))

// ── intervals ───────────────────────────────────────────────────────────────────────────────────

const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x)

/**
 * The Wilson score interval of `cases` out of `n` at a confidence level (0.95 by default);
 * undefined for n = 0.
 *
 * @since 0.1.0
 * @category calculations
 */
export const wilson = (cases: number, n: number, level = 0.95): Interval | undefined => {
  if (n <= 0) return undefined
  const z = normalQuantile(1 - (1 - level) / 2)
  const p = cases / n
  const z2 = z * z
  const denominator = 1 + z2 / n
  const centre = (p + z2 / (2 * n)) / denominator
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))
  return { estimate: p, lower: clamp01(centre - half), upper: clamp01(centre + half), level }
}

/**
 * The cluster-robust interval of a prevalence from its clusters' counts, as WHO's anthro gives it
 * (`svyciprop(method = "logit")` over a one-stage cluster design): the Taylor-linearised variance of
 * the ratio estimator Σyᵢ/Σnᵢ with the factor C/(C − 1), carried to the logit scale (SE / (p(1 − p)),
 * what the intercept of a quasi-binomial survey GLM gets), Student's t on C − 1 degrees of freedom
 * there, and back: expit(logit p ± t·SE/(p(1 − p))) — an interval inside (0, 1) that need not be
 * symmetric, never cut at 0. Undefined with fewer than 2 clusters, no children, or a prevalence of
 * 0 or 1 (the logit interval has no width there: read the Wilson interval). `standardError` is on
 * the proportion's scale, as anthro reports it.
 *
 * @since 0.1.0
 * @category calculations
 */
export const clusterRobust = (
  clusters: ReadonlyArray<{ readonly cases: number; readonly n: number }>,
  level = 0.95
): ClusterInterval | undefined => {
  const used = clusters.filter((c) => c.n > 0)
  const c = used.length
  const total = used.reduce((s, k) => s + k.n, 0)
  if (c < 2 || total === 0) return undefined
  const p = used.reduce((s, k) => s + k.cases, 0) / total
  let sum = 0
  for (const k of used) {
    const r = k.cases - p * k.n
    sum += r * r
  }
  if (p <= 0 || p >= 1) return undefined
  const variance = (c / (c - 1)) * sum / (total * total)
  const se = Math.sqrt(variance)
  const df = c - 1
  const t = tQuantile(1 - (1 - level) / 2, df)
  const srs = (p * (1 - p)) / total
  const logit = Math.log(p / (1 - p))
  const half = t * se / (p * (1 - p))
  const expit = (x: number) => 1 / (1 + Math.exp(-x))
  return {
    estimate: p,
    lower: expit(logit - half),
    upper: expit(logit + half),
    level,
    standardError: se,
    clusters: c,
    degreesOfFreedom: df,
    designEffect: srs > 0 ? variance / srs : undefined
  }
}

/**
 * Count, mean and standard deviation (n − 1) of z-scores, leaving out NaN (not scored).
 *
 * @since 0.1.0
 * @category calculations
 */
export const zStatistics = (values: Iterable<number>): { readonly n: number; readonly mean: number | undefined; readonly sd: number | undefined } => {
  let n = 0
  let mean = 0
  let m2 = 0
  for (const v of values) {
    if (Number.isNaN(v)) continue
    n++
    // Welford's update: stable for long runs
    const delta = v - mean
    mean += delta / n
    m2 += delta * (v - mean)
  }
  return { n, mean: n === 0 ? undefined : mean, sd: n < 2 ? undefined : Math.sqrt(m2 / (n - 1)) }
}
