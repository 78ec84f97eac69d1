/**
 * Units of measure: mass (g, 两, 斤, kg, t), volume (ml, L) and count units.
 *
 * Mass and volume units convert exactly among themselves (every factor is a product of 2s and 5s,
 * so every conversion is a terminating decimal). Count units are each their own dimension: a 箱
 * (box) is not a number of 个 (each) except through a conversion recorded as data on one item.
 *
 * Unit codes are ASCII (`"jin"`, `"liang"`, `"box"`); decoding also accepts the Chinese symbols
 * and common spellings (`"斤"`, `"公斤"`, `"千克"`, `"毫升"`, `"箱"`).
 *
 * @since 0.1.0
 */
import { BigDecimal, Effect, Schema, SchemaIssue, SchemaTransformation } from "effect"
import type { Decimal } from "./Decimal.ts"
import * as FastDecode from "./FastDecode.ts"

/**
 * Mass units and their size in grams. 斤 = 500 g and 两 = 50 g (the market units of the PRC,
 * 《关于统一我国计量制度的命令》 1959 / 市制); 公斤 is the kilogram.
 *
 * @since 0.1.0
 * @category constants
 */
export const massUnits = { g: 1, liang: 50, jin: 500, kg: 1000, t: 1_000_000 } as const

/**
 * Volume units and their size in millilitres.
 *
 * @since 0.1.0
 * @category constants
 */
export const volumeUnits = { ml: 1, L: 1000 } as const

/**
 * Count units (Chinese measure words). None converts into another without item data.
 *
 * @since 0.1.0
 * @category constants
 */
export const countUnits = {
  each: { zh: "个", en: "each" },
  piece: { zh: "件", en: "piece" },
  portion: { zh: "份", en: "portion" },
  box: { zh: "箱", en: "box" },
  carton: { zh: "盒", en: "carton" },
  bag: { zh: "袋", en: "bag" },
  pack: { zh: "包", en: "pack" },
  bottle: { zh: "瓶", en: "bottle" },
  can: { zh: "罐", en: "can" },
  barrel: { zh: "桶", en: "barrel" },
  block: { zh: "块", en: "block" },
  strip: { zh: "条", en: "strip" },
  head: { zh: "只", en: "head" },
  bunch: { zh: "把", en: "bunch" },
  stick: { zh: "根", en: "stick" },
  tray: { zh: "板", en: "tray" },
  set: { zh: "套", en: "set" },
  pair: { zh: "双", en: "pair" },
  sheet: { zh: "张", en: "sheet" },
  ream: { zh: "令", en: "ream" },
  roll: { zh: "卷", en: "roll" },
  book: { zh: "本", en: "book" },
  unit: { zh: "台", en: "unit" },
  stem: { zh: "支", en: "stem" },
  basket: { zh: "筐", en: "basket" }
} as const

/**
 * @since 0.1.0
 * @category models
 */
export type MassUnit = keyof typeof massUnits
/**
 * @since 0.1.0
 * @category models
 */
export type VolumeUnit = keyof typeof volumeUnits
/**
 * @since 0.1.0
 * @category models
 */
export type CountUnit = keyof typeof countUnits
/**
 * @since 0.1.0
 * @category models
 */
export type Unit = MassUnit | VolumeUnit | CountUnit

/**
 * A dimension: `"mass"`, `"volume"`, or a count unit (each count unit is its own dimension).
 *
 * @since 0.1.0
 * @category models
 */
export type Dimension = "mass" | "volume" | CountUnit

/**
 * The dimension of a unit, at the type level.
 *
 * @since 0.1.0
 * @category models
 */
export type DimensionOf<U extends Unit> = U extends MassUnit ? "mass" : U extends VolumeUnit ? "volume" : U

/**
 * The units of a dimension, at the type level.
 *
 * @since 0.1.0
 * @category models
 */
export type UnitsOf<D extends Dimension> = D extends "mass" ? MassUnit : D extends "volume" ? VolumeUnit : D

/**
 * All unit codes.
 *
 * @since 0.1.0
 * @category constants
 */
export const units: ReadonlyArray<Unit> = [
  ...Object.keys(massUnits),
  ...Object.keys(volumeUnits),
  ...Object.keys(countUnits)
] as Array<Unit>

/**
 * @since 0.1.0
 * @category guards
 */
export const isMassUnit = (u: string): u is MassUnit => Object.hasOwn(massUnits, u)
/**
 * @since 0.1.0
 * @category guards
 */
export const isVolumeUnit = (u: string): u is VolumeUnit => Object.hasOwn(volumeUnits, u)
/**
 * @since 0.1.0
 * @category guards
 */
export const isCountUnit = (u: string): u is CountUnit => Object.hasOwn(countUnits, u)
/**
 * @since 0.1.0
 * @category guards
 */
export const isUnit = (u: unknown): u is Unit =>
  typeof u === "string" && (isMassUnit(u) || isVolumeUnit(u) || isCountUnit(u))

/**
 * The dimension of a unit.
 *
 * @since 0.1.0
 * @category getters
 */
export const dimensionOf = <U extends Unit>(u: U): DimensionOf<U> =>
  (isMassUnit(u) ? "mass" : isVolumeUnit(u) ? "volume" : u) as DimensionOf<U>

const baseFactors: Record<MassUnit | VolumeUnit, Decimal> = {
  g: BigDecimal.make(1n, 0),
  liang: BigDecimal.make(50n, 0),
  jin: BigDecimal.make(500n, 0),
  kg: BigDecimal.make(1000n, 0),
  t: BigDecimal.make(1_000_000n, 0),
  ml: BigDecimal.make(1n, 0),
  L: BigDecimal.make(1000n, 0)
}

// 1 / factor, exact: 1/50 = 0.02, 1/500 = 0.002, 1/1000 = 0.001, 1/10^6 = 0.000001
const inverseFactors: Record<MassUnit | VolumeUnit, Decimal> = {
  g: BigDecimal.make(1n, 0),
  liang: BigDecimal.make(2n, 2),
  jin: BigDecimal.make(2n, 3),
  kg: BigDecimal.make(1n, 3),
  t: BigDecimal.make(1n, 6),
  ml: BigDecimal.make(1n, 0),
  L: BigDecimal.make(1n, 3)
}

/**
 * The exact factor from `from` to `to` within one dimension (1 kg = 2 斤: `factor("kg", "jin")`
 * is 2), or `undefined` when the units are of different dimensions or are different count units.
 *
 * @since 0.1.0
 * @category getters
 */
export const factor = (from: Unit, to: Unit): Decimal | undefined => {
  if (from === to) return BigDecimal.make(1n, 0)
  if ((isMassUnit(from) && isMassUnit(to)) || (isVolumeUnit(from) && isVolumeUnit(to))) {
    return BigDecimal.normalize(BigDecimal.multiply(baseFactors[from], inverseFactors[to]))
  }
  return undefined
}

/**
 * Labels of a unit in zh-CN and en (`jin` → 斤 / jin).
 *
 * @since 0.1.0
 * @category formatting
 */
export const label = (u: Unit): { readonly zh: string; readonly en: string } => {
  switch (u) {
    case "g":
      return { zh: "克", en: "g" }
    case "liang":
      return { zh: "两", en: "liang (50 g)" }
    case "jin":
      return { zh: "斤", en: "jin (500 g)" }
    case "kg":
      return { zh: "千克", en: "kg" }
    case "t":
      return { zh: "吨", en: "t" }
    case "ml":
      return { zh: "毫升", en: "ml" }
    case "L":
      return { zh: "升", en: "L" }
    default:
      return countUnits[u]
  }
}

const aliases: Record<string, Unit> = {
  "克": "g",
  "gram": "g",
  "grams": "g",
  "两": "liang",
  "兩": "liang",
  "斤": "jin",
  "市斤": "jin",
  "公斤": "kg",
  "千克": "kg",
  "KG": "kg",
  "Kg": "kg",
  "吨": "t",
  "噸": "t",
  "毫升": "ml",
  "mL": "ml",
  "ML": "ml",
  "升": "L",
  "公升": "L",
  "l": "L"
}
for (const [code, names] of Object.entries(countUnits)) aliases[names.zh] = code as CountUnit

/**
 * The unit a text names, by code or alias (`"斤"` → `"jin"`), or `undefined`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const parse = (text: string): Unit | undefined => {
  const t = text.trim()
  if (isUnit(t)) return t
  return Object.hasOwn(aliases, t) ? aliases[t] : undefined
}

/**
 * A unit code, decoded from its code or a known alias, encoded as the code.
 *
 * @since 0.1.0
 * @category schemas
 */
export const UnitSchema: Schema.decodeTo<Schema.Literals<ReadonlyArray<Unit>>, Schema.String> = FastDecode.withFastTransformation(Schema.String.pipe(
  Schema.decodeTo(
    Schema.Literals(units),
    SchemaTransformation.transformEffect<Unit, string>({
      decode: (text) => {
        const u = parse(text)
        return u === undefined
          ? Effect.fail(new SchemaIssue.InvalidValue({
            message: `unknown unit ${JSON.stringify(text)}`,
            zh: `未知的计量单位：${JSON.stringify(text)}`
          }, text))
          : Effect.succeed(u)
      },
      encode: (u) => Effect.succeed(u)
    })
  )
), (text) => parse(text) ?? FastDecode.invalid, (u) => u as Unit)
