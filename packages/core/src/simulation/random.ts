/**
 * Seeded, splittable random streams over `pure-rand`'s xoroshiro128+ generator.
 *
 * Every random source of a replication has a stream of its own, derived from the master seed,
 * the replication's index and the source's name (a string such as `arrivals:purchase` or
 * `response:17:s-head:0`): its 128-bit state is four 32-bit words mixed from those three inputs
 * (FNV-1a over the name's UTF-16 code units, then the MurmurHash3 finaliser), the way SplitMix
 * seeds the xorshift family. Adding a source never changes another's numbers, a replication does
 * not depend on which worker runs it or in what order, and two scenarios that use the same source
 * names draw the same numbers — common random numbers for paired comparisons.
 *
 * @since 0.1.0
 */
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64"
import { xoroshiro128plusFromState } from "pure-rand/generator/xoroshiro128plus"
import type { RandomGenerator } from "pure-rand/types/RandomGenerator"

/**
 * A random stream (a mutable `pure-rand` generator: each draw advances it).
 *
 * @since 0.1.0
 * @category models
 */
export type Stream = RandomGenerator

// FNV-1a 32-bit offset basis and prime (Fowler–Noll–Vo, IETF draft-eastlake-fnv)
const FNV_OFFSET = 0x811c9dc5
const FNV_PRIME = 0x01000193
// the golden ratio in 32 bits, and MurmurHash3's fmix32 constants (Appleby, MurmurHash3.cpp)
const GOLDEN = 0x9e3779b9
const M1 = 0x85ebca6b
const M2 = 0xc2b2ae35

const fnv1a = (text: string): number => {
  let h = FNV_OFFSET
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, FNV_PRIME)
  }
  return h >>> 0
}

const fmix32 = (x: number): number => {
  let h = x | 0
  h ^= h >>> 16
  h = Math.imul(h, M1)
  h ^= h >>> 13
  h = Math.imul(h, M2)
  h ^= h >>> 16
  return h | 0
}

/**
 * The stream of one random source of one replication.
 *
 * @since 0.1.0
 * @category constructors
 */
export const stream = (seed: number, replication: number, source: string): Stream => {
  const name = fnv1a(source)
  const a = fmix32(seed ^ GOLDEN)
  const b = fmix32(Math.imul(replication + 1, GOLDEN) ^ a)
  const c = fmix32(name ^ b)
  const d = fmix32((a + c) ^ M2)
  // xoroshiro128+ must not start from the all-zero state
  return xoroshiro128plusFromState(a === 0 && b === 0 && c === 0 && d === 0 ? [1, 0, 0, 0] : [a, b, c, d])
}

/**
 * A uniform number in [0, 1) with 53 random bits.
 *
 * @since 0.1.0
 * @category draws
 */
export const uniform = (s: Stream): number => uniformFloat64(s)

/**
 * An exponential variate with the given mean (inversion: −mean · ln(1 − U)).
 *
 * @since 0.1.0
 * @category draws
 */
export const exponential = (s: Stream, mean: number): number => -mean * Math.log(1 - uniform(s))

/**
 * A standard normal variate (Box–Muller, the cosine branch; two uniforms per draw).
 *
 * @since 0.1.0
 * @category draws
 */
export const normal = (s: Stream): number => {
  const u1 = 1 - uniform(s)
  const u2 = uniform(s)
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2)
}

/**
 * A log-normal variate with the given median and shape σ: median · e^(σZ).
 *
 * @since 0.1.0
 * @category draws
 */
export const logNormal = (s: Stream, median: number, sigma: number): number => median * Math.exp(sigma * normal(s))

/**
 * A Poisson variate with mean λ (Knuth's multiplication method for λ < 30, otherwise the
 * normal approximation rounded and floored at zero). Arrival rates per school day are small.
 *
 * @since 0.1.0
 * @category draws
 */
export const poisson = (s: Stream, lambda: number): number => {
  if (lambda <= 0) return 0
  if (lambda >= 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * normal(s)))
  const limit = Math.exp(-lambda)
  let k = 0
  let p = uniform(s)
  while (p > limit) {
    k++
    p *= uniform(s)
  }
  return k
}

/**
 * An integer in [0, n).
 *
 * @since 0.1.0
 * @category draws
 */
export const index = (s: Stream, n: number): number => Math.min(n - 1, Math.floor(uniform(s) * n))

/**
 * One of the values, by weight.
 *
 * @since 0.1.0
 * @category draws
 */
export const weighted = <A>(s: Stream, items: ReadonlyArray<{ readonly value: A; readonly weight: number }>): A => {
  const total = items.reduce((t, i) => t + i.weight, 0)
  let u = uniform(s) * total
  for (const i of items) {
    u -= i.weight
    if (u < 0) return i.value
  }
  return items[items.length - 1]!.value
}
