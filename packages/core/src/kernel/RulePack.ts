/**
 * Rule packs: the jurisdiction's numbers and rules as data.
 *
 * A pack has an id, a version and an effective date. Each module defines the schema of its own
 * section in its own folder (`retention/rules.ts`) together with its strictness: for each rule that
 * is a legal minimum, which direction is stricter (more grams, more hours, a narrower range, a
 * longer list of banned foods). The composed pack (`packs/`) holds the sections; a school's or a
 * region's effective pack is a validated partial override merged over a base pack, and the merge
 * refuses a weaker value than the base where the base states a legal minimum.
 *
 * @since 0.1.0
 */
import { BigDecimal, Result, Schema } from "effect"
import { canonicalize } from "./Json.ts"
import * as Decode from "./Decode.ts"
import type { Path } from "./Errors.ts"
import { Messages, RulePackError, ValidationError } from "./Errors.ts"
import { LocalDateSchema } from "./LocalDate.ts"

/**
 * Which way a rule is stricter: a `higher` number (minimum grams), a `lower` number (maximum
 * temperature), a `superset` list (banned foods), `true` (a requirement switched on) or `same`
 * (a value that may not change at all: what a reporting rule counts in).
 *
 * @since 0.1.0
 * @category models
 */
export type Direction = "higher" | "lower" | "superset" | "true" | "same"

/**
 * A rule that is a legal minimum: its path inside the section and its stricter direction, with
 * the source of the minimum.
 *
 * @since 0.1.0
 * @category models
 */
export interface Strictness {
  readonly path: ReadonlyArray<string>
  readonly stricter: Direction
  readonly source: string
}

/**
 * A module's section of a rule pack: its key, its schema (JSON-compatible encoded form) and the
 * strictness of its legal minimums.
 *
 * @since 0.1.0
 * @category models
 */
export interface Section<A = unknown, E = unknown> {
  readonly key: string
  readonly schema: Schema.Codec<A, E>
  readonly strictness: ReadonlyArray<Strictness>
}

/**
 * Declares a section.
 *
 * @since 0.1.0
 * @category constructors
 */
export const section = <A, E>(
  key: string,
  schema: Schema.Codec<A, E>,
  strictness: ReadonlyArray<Strictness> = []
): Section<A, E> => ({ key, schema, strictness })

/**
 * The identity of a pack.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Meta = Schema.Struct({
  id: Schema.String.check(Schema.isMinLength(1)),
  version: Schema.String.check(Schema.isMinLength(1)),
  effectiveFrom: LocalDateSchema,
  name: Messages
})

/**
 * @since 0.1.0
 * @category models
 */
export type Meta = typeof Meta.Type

type Plain = { [key: string]: unknown }

const isPlain = (u: unknown): u is Plain =>
  typeof u === "object" && u !== null && !Array.isArray(u) && Object.getPrototypeOf(u) === Object.prototype

/**
 * Deep-merges a partial override into a JSON value: objects merge key by key, anything else
 * (numbers, strings, lists) is replaced.
 *
 * @since 0.1.0
 * @category combinators
 */
export const deepMerge = (base: unknown, override: unknown): unknown => {
  if (!isPlain(base) || !isPlain(override)) return override === undefined ? base : override
  const out: Plain = { ...base }
  for (const [k, v] of Object.entries(override)) out[k] = deepMerge(base[k], v)
  return out
}

const at = (value: unknown, path: ReadonlyArray<string>): unknown => {
  let v: unknown = value
  for (const p of path) {
    if (typeof v !== "object" || v === null) return undefined
    v = (v as Plain)[p]
  }
  return v
}

const compareValues = (a: unknown, b: unknown): number | undefined => {
  if (typeof a === "number" && typeof b === "number") return a - b
  if (BigDecimal.isBigDecimal(a) && BigDecimal.isBigDecimal(b)) return BigDecimal.Order(a, b)
  if (typeof a === "object" && a !== null && typeof b === "object" && b !== null && "value" in a && "value" in b) {
    // durations and other value objects with a numeric `value`
    return compareValues((a).value, (b).value)
  }
  return undefined
}

const canonical = (u: unknown): string => Result.getOrElse(canonicalize(u), () => String(u))

const weaker = (rule: Strictness, base: unknown, merged: unknown): boolean => {
  switch (rule.stricter) {
    case "higher":
    case "lower":
      // no value (or null: no limit) where the base sets a number drops the minimum altogether
      if (merged === undefined || merged === null) return compareValues(base, base) !== undefined
  }
  switch (rule.stricter) {
    case "higher": {
      const c = compareValues(merged, base)
      return c !== undefined && c < 0
    }
    case "lower": {
      const c = compareValues(merged, base)
      return c !== undefined && c > 0
    }
    case "true":
      return base === true && merged !== true
    case "superset": {
      if (!Array.isArray(base)) return false
      if (!Array.isArray(merged)) return true
      const have = new Set(merged.map(canonical))
      return base.some((b) => !have.has(canonical(b)))
    }
    case "same":
      return base !== undefined && canonical(merged) !== canonical(base)
  }
}

const describe = (rule: Strictness): Messages => {
  switch (rule.stricter) {
    case "higher":
      return { zh: "不得低于基础规则包的数值", en: "must not be lower than the base pack's value" }
    case "lower":
      return { zh: "不得高于基础规则包的数值", en: "must not be higher than the base pack's value" }
    case "true":
      return { zh: "基础规则包要求的事项不得取消", en: "a requirement of the base pack cannot be switched off" }
    case "superset":
      return { zh: "不得删除基础规则包列出的项目", en: "items listed by the base pack cannot be removed" }
    case "same":
      return { zh: "不得更改基础规则包的取值", en: "must not change the base pack's value" }
  }
}

/**
 * Checks a section's value against the legal minimums of a base value of the same section: the
 * first rule it is weaker on fails with a {@link RulePackError} `rulePack.weakerThanMinimum`
 * naming the rule's path (after `prefix`) and its source. A rule whose part — the first key of its
 * path — the value does not hold is not checked: the value does not set that part (the `who`
 * pack's health section has no outbreak rules), and a module that needs it reports the part as
 * missing. A rule the base does not state is not checked either.
 *
 * @since 0.1.0
 * @category combinators
 */
export const checkMinimums = <A>(
  sec: Pick<Section, "key" | "strictness">,
  base: unknown,
  value: A,
  prefix: Path = [sec.key]
): Result.Result<A, RulePackError> => {
  for (const rule of sec.strictness) {
    const part = rule.path[0]
    if (part !== undefined && at(value, [part]) === undefined) continue
    if (weaker(rule, at(base, rule.path), at(value, rule.path))) {
      const m = describe(rule)
      const path = [...prefix, ...rule.path]
      return Result.fail(RulePackError.create("rulePack.weakerThanMinimum", path, {
        zh: `${path.join(".")} ${m.zh}（法定最低要求，来源：${rule.source}）`,
        en: `${path.join(".")} ${m.en} (a legal minimum; source: ${rule.source})`
      }))
    }
  }
  return Result.succeed(value)
}

/**
 * Merges a partial override (in the encoded, JSON form) over a section's base value: the result
 * is decoded with the section's schema (a typed error with the path for bad input) and checked
 * against the base's legal minimums (a {@link RulePackError} naming the rule for a weaker value).
 *
 * @since 0.1.0
 * @category combinators
 */
export const mergeSection = <A, E>(
  sec: Section<A, E>,
  base: A,
  override: unknown,
  prefix: Path = [sec.key]
): Result.Result<A, ValidationError | RulePackError> => {
  if (override === undefined) return Result.succeed(base)
  if (!isPlain(override)) {
    return Result.fail(ValidationError.at(prefix, { zh: "规则覆盖必须是对象", en: "an override must be an object" }, "rulePack.invalid"))
  }
  const encodedBase = Decode.encoder(sec.schema)(base)
  if (Result.isFailure(encodedBase)) return Result.fail(encodedBase.failure)
  const merged = Decode.decoder(sec.schema)(deepMerge(encodedBase.success, override), prefix)
  if (Result.isFailure(merged)) return Result.fail(merged.failure)
  return checkMinimums(sec, base, merged.success, prefix)
}

/**
 * Fails when a pack has no section that a module needs.
 *
 * @since 0.1.0
 * @category getters
 */
export const requireSection = <P extends { readonly id: string }, K extends keyof P & string>(
  pack: P,
  key: K
): Result.Result<NonNullable<P[K]>, RulePackError> => {
  const s = pack[key]
  return s === undefined || s === null
    ? Result.fail(RulePackError.create("rulePack.missingSection", [key], {
      zh: `规则包 ${pack.id} 缺少“${key}”部分`,
      en: `rule pack ${pack.id} has no "${key}" section`
    }))
    : Result.succeed(s)
}
