/**
 * The composed rule pack: the identity of a pack and the sections of every module
 * (`{ general, canteen, retention, assets, health, approvals }`), each optional so that a pack may
 * be partial (a `who` pack sets only health). A school's effective pack is a validated partial
 * override merged over a base pack; where a rule is a legal minimum, the merge refuses a weaker
 * value (see `kernel/RulePack.ts`). Whatever pack is installed (`layerRules`, `createHouqin`) is
 * {@link validate}d: each section it holds decoded with its schema and held to `cn`'s legal
 * minimums.
 *
 * @since 0.1.0
 */
import { Context, Effect, Layer, Result, Schema } from "effect"
import * as Decode from "../kernel/Decode.ts"
import type { Path } from "../kernel/Errors.ts"
import { Messages, RulePackError, ValidationError } from "../kernel/Errors.ts"
import { canonicalize } from "../kernel/Json.ts"
import type { LocalDate } from "../kernel/LocalDate.ts"
import { LocalDateSchema } from "../kernel/LocalDate.ts"
import { Currency, Rounding } from "../kernel/Money.ts"
import * as RP from "../kernel/RulePack.ts"
import { section as approvalsSection } from "../approvals/rules.ts"
import * as Time from "../kernel/Time.ts"
import { defaultZone, localDate, ZoneSchema } from "../kernel/Time.ts"
import * as Retention from "../retention/rules.ts"
import { section as assetsSection } from "../assets/rules.ts"
import { section as canteen } from "../canteen/rules.ts"
import { section as health } from "../health/rules.ts"
import { cn } from "./cn.ts"

/**
 * Rules every module shares: the currency of amounts, the rounding of postings and the zone of a
 * school that names none.
 *
 * @since 0.1.0
 * @category sections
 */
export const general = RP.section("general", Schema.Struct({
  currency: Currency,
  rounding: Rounding,
  defaultZone: ZoneSchema
}))

/**
 * Every section, by key.
 *
 * @since 0.1.0
 * @category sections
 */
export const sections = {
  general,
  approvals: approvalsSection,
  retention: Retention.section,
  assets: assetsSection,
  canteen,
  health
} as const

/**
 * A rule pack.
 *
 * @since 0.1.0
 * @category schemas
 */
export const RulePackSchema = Schema.Struct({
  ...RP.Meta.fields,
  general: Schema.optionalKey(general.schema),
  approvals: Schema.optionalKey(approvalsSection.schema),
  retention: Schema.optionalKey(Retention.section.schema),
  assets: Schema.optionalKey(assetsSection.schema),
  canteen: Schema.optionalKey(canteen.schema),
  health: Schema.optionalKey(health.schema)
})

/**
 * @since 0.1.0
 * @category models
 */
export type RulePack = typeof RulePackSchema.Type

/**
 * Decodes a stored or received pack.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decode = Decode.decoder(RulePackSchema)

/**
 * Encodes a pack to its JSON form (for storage).
 *
 * @since 0.1.0
 * @category encoding
 */
export const encode = Decode.encoder(RulePackSchema)

/**
 * A partial override of a pack: a new identity (optional) and, per section, the values that
 * change, in their JSON form.
 *
 * @since 0.1.0
 * @category schemas
 */
export const OverrideSchema = Schema.Struct({
  id: Schema.optionalKey(Schema.String.check(Schema.isMinLength(1))),
  version: Schema.optionalKey(Schema.String.check(Schema.isMinLength(1))),
  effectiveFrom: Schema.optionalKey(LocalDateSchema),
  name: Schema.optionalKey(Messages),
  sections: Schema.optionalKey(Schema.Record(Schema.String, Schema.Unknown))
})

/**
 * @since 0.1.0
 * @category models
 */
export type Override = typeof OverrideSchema.Encoded

const encoder = new TextEncoder()

// FNV-1a, 64 bits, over the UTF-8 bytes (Fowler–Noll–Vo, IETF draft-eastlake-fnv: offset basis
// and prime): a short, stable name for an override, the same in Node and in browsers; not a
// security measure (the audit log hashes with SHA-256)
const FNV64_OFFSET = 0xcbf29ce484222325n
const FNV64_PRIME = 0x100000001b3n
const fnv1a64 = (text: string): string => {
  let h = FNV64_OFFSET
  for (const byte of encoder.encode(text)) h = BigInt.asUintN(64, (h ^ BigInt(byte)) * FNV64_PRIME)
  return h.toString(16).padStart(16, "0")
}

/**
 * The id a changed pack takes when its override names none: the base's id, `+` and the FNV-1a
 * (64-bit, hex) of the override's canonical JSON — `cn+3f2a…` — so a changed pack never reports
 * itself as its base, and the same override of the same base always gets the same id.
 *
 * @since 0.1.0
 * @category constructors
 */
export const derivedId = (baseId: string, canonicalOverride: string): string => `${baseId}+${fnv1a64(canonicalOverride)}`

/**
 * Merges a school's or a region's partial override over a base pack. Unknown sections, values
 * that do not fit a section's schema and values weaker than a legal minimum of the base are
 * refused with typed errors naming the rule.
 *
 * The result never carries the base's identity: without an `id`, its id is derived from the base's
 * and the override ({@link derivedId}: `cn+<hash>`, the base's version kept); an override that
 * names the base's own id must give a new `version`, else it is refused (`rulePack.sameIdentity`
 * at `id`).
 *
 * @since 0.1.0
 * @category combinators
 */
export const override = (base: RulePack, input: unknown): Result.Result<RulePack, ValidationError | RulePackError> => {
  const decoded = Decode.decoder(OverrideSchema)(input)
  if (Result.isFailure(decoded)) return Result.fail(decoded.failure)
  const o = decoded.success
  if (o.id === base.id && (o.version === undefined || o.version === base.version)) {
    return Result.fail(RulePackError.create("rulePack.sameIdentity", ["id"], {
      zh: `修改后的规则包不能沿用基础规则包的标识 ${base.id} ${base.version}：请给出新的 id 或 version`,
      en: `a changed pack cannot keep its base's identity ${base.id} ${base.version}: give a new id or version`
    }))
  }
  let id = o.id
  if (id === undefined) {
    const text = canonicalize(o)
    if (Result.isFailure(text)) return Result.fail(text.failure)
    id = derivedId(base.id, text.success)
  }
  let pack: Record<string, unknown> = {
    ...base,
    id,
    ...(o.version === undefined ? {} : { version: o.version }),
    ...(o.effectiveFrom === undefined ? {} : { effectiveFrom: o.effectiveFrom }),
    ...(o.name === undefined ? {} : { name: o.name })
  }
  for (const [key, value] of Object.entries(o.sections ?? {})) {
    const sec = (sections as Record<string, RP.Section<unknown, unknown>>)[key]
    if (sec === undefined) {
      return Result.fail(ValidationError.at(["sections", key], {
        zh: `未知的规则包部分：${key}`,
        en: `unknown rule-pack section ${key}`
      }, "rulePack.unknownSection"))
    }
    const current = (base as Record<string, unknown>)[key]
    if (current === undefined) {
      // a section the base lacks is taken whole, validated
      const whole = Decode.decoder(sec.schema)(value, ["sections", key])
      if (Result.isFailure(whole)) return Result.fail(whole.failure)
      pack = { ...pack, [key]: whole.success }
    } else {
      const merged = RP.mergeSection(sec, current, value, ["sections", key])
      if (Result.isFailure(merged)) return Result.fail(merged.failure)
      pack = { ...pack, [key]: merged.success }
    }
  }
  return Result.succeed(pack as RulePack)
}

const invalid = (error: ValidationError, prefix: Path = []): RulePackError =>
  RulePackError.create("rulePack.invalid", [...prefix, ...error.path], {
    zh: `规则包无效：${error.zh}`,
    en: `invalid rule pack: ${error.en}`
  })

const isObject = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null && !Array.isArray(u)

const metaKeys: ReadonlySet<string> = new Set(Object.keys(RP.Meta.fields))

// the sections and packs already validated, per pack of minimums (packs are immutable values)
const validatedSections = new WeakMap<RulePack, WeakMap<object, unknown>>()
const validatedPacks = new WeakMap<RulePack, WeakMap<object, RulePack>>()

const cacheOf = <V>(caches: WeakMap<RulePack, WeakMap<object, V>>, minimums: RulePack): WeakMap<object, V> => {
  let cache = caches.get(minimums)
  if (cache === undefined) caches.set(minimums, cache = new WeakMap())
  return cache
}

/**
 * Validates a whole pack given as a value (the form `createHouqin({ rules })` and
 * {@link layerRules} take), section by section:
 *
 * - its identity is decoded with the pack's `Meta` schema;
 * - each section it holds is decoded with that section's schema (through its encoded form), and a
 *   key that is no section is refused (`rulePack.unknownSection`);
 * - each section is held to the legal minimums (`strictness`) of the same section of `minimums`
 *   (default `cn`, the national rules): `RulePack.checkMinimums`, the check that `override` makes.
 *   Only what the pack holds is checked: a section it lacks, or a part of a section it lacks (the
 *   `who` pack's health section has no outbreak rules), is not, and the module that needs it fails
 *   with `rulePack.missingSection` when asked. A section that is `minimums`' own is taken as it is.
 *
 * Every failure is a {@link RulePackError} with the path of the offending field from the pack's
 * root and zh + en messages: `rulePack.invalid` (with the first schema issue's path and message),
 * `rulePack.unknownSection` or `rulePack.weakerThanMinimum`.
 *
 * @since 0.1.0
 * @category decoding
 */
export const validate = (pack: unknown, minimums: RulePack = cn): Result.Result<RulePack, RulePackError> => {
  if (!isObject(pack)) {
    return Result.fail(RulePackError.create("rulePack.invalid", [], { zh: "规则包必须是对象", en: "a rule pack must be an object" }))
  }
  const packs = cacheOf(validatedPacks, minimums)
  const known = packs.get(pack)
  if (known !== undefined) return Result.succeed(known)
  const meta = Decode.decoder(RP.Meta)(pack)
  if (Result.isFailure(meta)) return Result.fail(invalid(meta.failure))
  const out: Record<string, unknown> = { ...meta.success }
  const done = cacheOf(validatedSections, minimums)
  for (const [key, value] of Object.entries(pack)) {
    if (metaKeys.has(key) || value === undefined) continue
    const sec = (sections as Record<string, RP.Section<unknown, unknown>>)[key]
    if (sec === undefined) {
      return Result.fail(RulePackError.create("rulePack.unknownSection", [key], {
        zh: `未知的规则包部分：${key}`,
        en: `unknown rule-pack section ${key}`
      }))
    }
    const base = (minimums as Record<string, unknown>)[key]
    const seen = isObject(value) ? done.get(value) : undefined
    if (value === base || seen !== undefined) {
      out[key] = seen ?? value
      continue
    }
    const encoded = Decode.encoder(sec.schema)(value)
    if (Result.isFailure(encoded)) return Result.fail(invalid(encoded.failure, [key]))
    const decoded = Decode.decoder(sec.schema)(encoded.success, [key])
    if (Result.isFailure(decoded)) return Result.fail(invalid(decoded.failure))
    const checked = RP.checkMinimums(sec, base, decoded.success, [key])
    if (Result.isFailure(checked)) return Result.fail(checked.failure)
    if (isObject(value)) done.set(value, checked.success)
    out[key] = checked.success
  }
  const valid = out as RulePack
  packs.set(pack, valid)
  return Result.succeed(valid)
}

/**
 * The section of a pack a module needs, or a typed error when the pack has none.
 *
 * @since 0.1.0
 * @category getters
 */
export const sectionOf = <K extends keyof typeof sections>(pack: RulePack, key: K) => RP.requireSection(pack, key)

/**
 * A school's packs over time: each in force from its `effectiveFrom` (a local date) until the next
 * one's. A school that adopts stricter rules from the autumn term lists both packs; the change
 * takes effect on its date, without a deployment.
 *
 * @since 0.1.0
 * @category models
 */
export type PackHistory = ReadonlyArray<RulePack>

/**
 * Validates a school's packs over time: at least one, each {@link validate}d (an error's path starts
 * with the pack's index), no two with the same `effectiveFrom` (`rulePack.sameEffectiveDate` at
 * `[i, "effectiveFrom"]`). The packs come back in order of `effectiveFrom`.
 *
 * @since 0.1.0
 * @category decoding
 */
export const validateHistory = (packs: ReadonlyArray<unknown>, minimums: RulePack = cn): Result.Result<PackHistory, RulePackError> => {
  if (packs.length === 0) {
    return Result.fail(RulePackError.create("rulePack.noPacks", [], { zh: "至少需要一个规则包", en: "at least one rule pack is needed" }))
  }
  const out: Array<{ readonly pack: RulePack; readonly index: number }> = []
  for (let i = 0; i < packs.length; i++) {
    const r = validate(packs[i], minimums)
    if (Result.isFailure(r)) return Result.fail(RulePackError.create(r.failure.code, [i, ...r.failure.path], { zh: r.failure.zh, en: r.failure.en }))
    const twin = out.find((x) => x.pack.effectiveFrom === r.success.effectiveFrom)
    if (twin !== undefined) {
      return Result.fail(RulePackError.create("rulePack.sameEffectiveDate", [i, "effectiveFrom"], {
        zh: `规则包 ${r.success.id} 与规则包 ${twin.pack.id}（第 ${twin.index + 1} 个）的生效日期同为 ${r.success.effectiveFrom}`,
        en: `rule packs ${r.success.id} and ${twin.pack.id} (no. ${twin.index + 1}) both take effect on ${r.success.effectiveFrom}`
      }))
    }
    out.push({ pack: r.success, index: i })
  }
  return Result.succeed(out.map((x) => x.pack).sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0)))
}

/**
 * The pack in force on a date: the one with the latest `effectiveFrom` on or before it; before the
 * first pack takes effect, the first.
 *
 * @since 0.1.0
 * @category getters
 */
export const inForce = (history: PackHistory, on: LocalDate): RulePack => {
  let found = history[0]!
  for (const pack of history) if (pack.effectiveFrom <= on && pack.effectiveFrom >= found.effectiveFrom) found = pack
  return found
}

/**
 * The rule packs in force: the pack of each school, on a date (default: today).
 *
 * @since 0.1.0
 * @category services
 */
export class Rules extends Context.Service<Rules, {
  /**
   * The school's pack in force on `on` (a local date); without `on`, today's — the clock's date in
   * the zone of the school's newest pack (`general.defaultZone`, else Asia/Shanghai). A school
   * with one pack has it on every date.
   */
  readonly forSchool: (schoolId: string, on?: LocalDate) => Effect.Effect<RulePack, RulePackError>
}>()("@houqin/core/Rules") {}

const pick = (history: PackHistory, on: LocalDate | undefined): Effect.Effect<RulePack> => {
  if (history.length === 1) return Effect.succeed(history[0]!)
  if (on !== undefined) return Effect.succeed(inForce(history, on))
  const zone = history[history.length - 1]!.general?.defaultZone ?? defaultZone
  return Effect.map(Time.now, (now) => inForce(history, localDate(now, zone)))
}

// histories already validated, by identity (a function that returns the same array each time is
// checked once)
const validatedHistories = new WeakMap<object, PackHistory>()
const historyOf = (rules: RulePack | PackHistory): Result.Result<PackHistory, RulePackError> => {
  if (!Array.isArray(rules)) return Result.map(validate(rules), (pack) => [pack])
  const known = validatedHistories.get(rules)
  if (known !== undefined) return Result.succeed(known)
  const r = validateHistory(rules)
  if (Result.isSuccess(r)) validatedHistories.set(rules, r.success)
  return r
}

/**
 * One pack for every school, a school's packs over time ({@link PackHistory}: each takes effect on
 * its `effectiveFrom`), or a function from school to either (a district serving many schools from
 * one database). Each pack is {@link validate}d against `cn`'s legal minimums: the layer's own when
 * it is built (the layer fails with the `RulePackError`), a function's each time a school's is
 * asked for (`forSchool` fails with it; a pack already validated is not checked again).
 *
 * @since 0.1.0
 * @category layers
 */
export const layerRules = (rules: RulePack | PackHistory | ((schoolId: string) => RulePack | PackHistory)): Layer.Layer<Rules, RulePackError> =>
  typeof rules === "function"
    ? Layer.succeed(Rules, {
      forSchool: (schoolId, on) => Effect.flatMap(Effect.suspend(() => Effect.fromResult(historyOf(rules(schoolId)))), (history) => pick(history, on))
    })
    : Layer.effect(
      Rules,
      Effect.map(Effect.suspend(() => Effect.fromResult(historyOf(rules))), (history) => ({ forSchool: (_schoolId, on) => pick(history, on) }))
    )
