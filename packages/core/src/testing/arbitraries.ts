/**
 * fast-check arbitraries of Houqin's domain values. Every value they produce is accepted by the
 * matching schema (the tests decode them to prove it).
 *
 * @since 0.1.0
 */
import { BigDecimal } from "effect"
import * as fc from "fast-check"
import type { Decimal } from "../kernel/Decimal.ts"
import type { LocalDate } from "../kernel/LocalDate.ts"
import * as LD from "../kernel/LocalDate.ts"
import type { Currency, Money } from "../kernel/Money.ts"
import { currencies } from "../kernel/Money.ts"
import type { Organisation, Student } from "../kernel/People.ts"
import type { Quantity } from "../kernel/Quantity.ts"
import type { Instant } from "../kernel/Time.ts"
import { fromEpochMillis } from "../kernel/Time.ts"
import type { CountUnit, MassUnit, Unit, VolumeUnit } from "../kernel/Unit.ts"
import { countUnits, massUnits, volumeUnits } from "../kernel/Unit.ts"
import type { UnitPrice } from "../kernel/UnitPrice.ts"

/**
 * An exact decimal with at most `scale` places, between `min` and `max` (as bigints of the
 * smallest step; default ±10^12 steps).
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const decimal = (options: { readonly scale?: number; readonly min?: bigint; readonly max?: bigint } = {}): fc.Arbitrary<Decimal> => {
  const scale = options.scale ?? 4
  return fc.bigInt({ min: options.min ?? -(10n ** 12n), max: options.max ?? 10n ** 12n })
    .map((v) => BigDecimal.normalize(BigDecimal.make(v, scale)))
}

/**
 * A non-negative decimal with at most `scale` places, up to `max` steps.
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const nonNegativeDecimal = (options: { readonly scale?: number; readonly max?: bigint } = {}): fc.Arbitrary<Decimal> =>
  decimal({ scale: options.scale ?? 4, min: 0n, max: options.max ?? 10n ** 12n })

/**
 * @since 0.1.0
 * @category arbitraries
 */
export const currency: fc.Arbitrary<Currency> = fc.constantFrom(...(Object.keys(currencies) as Array<Currency>))

/**
 * Money in fen within ±`max` (default ±10^13 fen, 100 billion yuan).
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const money = (options: { readonly min?: number; readonly max?: number; readonly currency?: Currency } = {}): fc.Arbitrary<Money> =>
  fc.integer({ min: options.min ?? -1e13, max: options.max ?? 1e13 }).map((amount) => ({
    amount: amount === 0 ? 0 : amount,
    currency: options.currency ?? "CNY"
  }))

/**
 * @since 0.1.0
 * @category arbitraries
 */
export const massUnit: fc.Arbitrary<MassUnit> = fc.constantFrom(...(Object.keys(massUnits) as Array<MassUnit>))
/**
 * @since 0.1.0
 * @category arbitraries
 */
export const volumeUnit: fc.Arbitrary<VolumeUnit> = fc.constantFrom(...(Object.keys(volumeUnits) as Array<VolumeUnit>))
/**
 * @since 0.1.0
 * @category arbitraries
 */
export const countUnit: fc.Arbitrary<CountUnit> = fc.constantFrom(...(Object.keys(countUnits) as Array<CountUnit>))
/**
 * @since 0.1.0
 * @category arbitraries
 */
export const unit: fc.Arbitrary<Unit> = fc.oneof(massUnit, volumeUnit, countUnit)

/**
 * A mass quantity with at most `scale` places.
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const mass = (options: { readonly scale?: number; readonly max?: bigint } = {}): fc.Arbitrary<Quantity<"mass">> =>
  fc.tuple(nonNegativeDecimal({ scale: options.scale ?? 3, max: options.max ?? 10n ** 9n }), massUnit)
    .map(([value, unit]) => ({ value, unit }))

/**
 * A volume quantity with at most `scale` places.
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const volume = (options: { readonly scale?: number; readonly max?: bigint } = {}): fc.Arbitrary<Quantity<"volume">> =>
  fc.tuple(nonNegativeDecimal({ scale: options.scale ?? 3, max: options.max ?? 10n ** 9n }), volumeUnit)
    .map(([value, unit]) => ({ value, unit }))

/**
 * A unit price in yuan per a mass unit, with at most `scale` places.
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const massPrice = (options: { readonly scale?: number; readonly max?: bigint } = {}): fc.Arbitrary<UnitPrice<"mass">> =>
  fc.tuple(nonNegativeDecimal({ scale: options.scale ?? 2, max: options.max ?? 10n ** 7n }), massUnit)
    .map(([amount, per]) => ({ amount, currency: "CNY", per }))

/**
 * A local date between `min` and `max` (default 2000-01-01 to 2040-12-31).
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const localDate = (options: { readonly min?: LocalDate; readonly max?: LocalDate } = {}): fc.Arbitrary<LocalDate> =>
  fc.integer({
    min: LD.toEpochDay(options.min ?? ("2000-01-01" as LocalDate)),
    max: LD.toEpochDay(options.max ?? ("2040-12-31" as LocalDate))
  }).map(LD.fromEpochDay)

/**
 * An instant to the minute between `min` and `max` (default 2000 to 2040).
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const instant = (options: { readonly min?: number; readonly max?: number } = {}): fc.Arbitrary<Instant> =>
  fc.integer({ min: Math.floor((options.min ?? 946_684_800_000) / 60_000), max: Math.floor((options.max ?? 2_240_524_800_000) / 60_000) })
    .map((m) => fromEpochMillis(m * 60_000))

/**
 * An id of the id alphabet.
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const id = (prefix = "id"): fc.Arbitrary<string> =>
  fc.stringMatching(/^[a-z0-9]{1,12}$/).map((s) => `${prefix}-${s}`)

/**
 * Text as users type it: Chinese, emoji, quotes and SQL that must be stored as text.
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const text = (options: { readonly maxLength?: number } = {}): fc.Arbitrary<string> =>
  fc.oneof(
    fc.string({ unit: "grapheme", minLength: 1, maxLength: options.maxLength ?? 40 }),
    fc.constantFrom("食堂张师傅", "红烧肉 🍖", "Robert'); DROP TABLE students;--", "\"quoted\" \\ back\\slash", "𠀀 rare 汉字 𪚥")
  ).filter((s) => s.length > 0 && s.length <= (options.maxLength ?? 40) * 2)

/**
 * A small, consistent organisation of one school: roles of the presets' levels, a logistics
 * department with a head, staff, grades, classes and diner groups.
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const organisation = (schoolId: string): fc.Arbitrary<Organisation> =>
  fc.record({
    name: text({ maxLength: 30 }),
    staffCount: fc.integer({ min: 3, max: 12 }),
    gradeCount: fc.integer({ min: 1, max: 6 }),
    classesPerGrade: fc.integer({ min: 1, max: 4 })
  }).map(({ name, staffCount, gradeCount, classesPerGrade }) => {
    const roles = [
      { id: "teamLeader", name: { zh: "班组长", en: "team leader" }, level: 10 },
      { id: "officer", name: { zh: "干事", en: "officer" }, level: 20 },
      { id: "director", name: { zh: "主任", en: "director" }, level: 30 },
      { id: "committee", name: { zh: "园委会", en: "committee" }, level: 40 }
    ]
    const staff = Array.from({ length: staffCount }, (_, i) => ({
      id: `staff-${i + 1}`,
      name: `教职工${i + 1}`,
      departmentId: "dept-logistics",
      roles: [roles[Math.min(i, roles.length - 1)]!.id],
      active: true
    }))
    const grades = Array.from({ length: gradeCount }, (_, i) => ({ id: `grade-${i + 1}`, name: `${i + 1}年级`, level: i + 1 }))
    const classes = grades.flatMap((g, gi) =>
      Array.from({ length: classesPerGrade }, (_, ci) => ({ id: `class-${gi + 1}-${ci + 1}`, gradeId: g.id, name: `${gi + 1}(${ci + 1})班` }))
    )
    return {
      schoolId,
      id: schoolId,
      version: 0,
      school: { id: schoolId, name, kind: "primary", zone: "Asia/Shanghai" },
      roles,
      departments: [{ id: "dept-logistics", name: "后勤处", headId: "staff-3" }],
      staff,
      grades,
      classes,
      dinerGroups: [
        { id: "diners-students", name: "学生", kind: "students", gradeIds: grades.map((g) => g.id) },
        { id: "diners-staff", name: "教职工", kind: "staff" }
      ],
      chains: [{
        links: [
          { roleId: "director", staffId: "staff-3" },
          { roleId: "officer", staffId: "staff-2" },
          { roleId: "teamLeader", staffId: "staff-1" }
        ]
      }]
    } as unknown as Organisation
  })

/**
 * Students of the given classes.
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const students = (
  schoolId: string,
  classIds: ReadonlyArray<string>,
  options: { readonly minLength?: number; readonly maxLength?: number } = {}
): fc.Arbitrary<Array<Student>> =>
  fc.uniqueArray(
    fc.record({
      n: fc.integer({ min: 1, max: 999_999 }),
      name: text({ maxLength: 20 }),
      sex: fc.constantFrom("M" as const, "F" as const),
      birthDate: localDate({ min: "2008-01-01" as LocalDate, max: "2022-12-31" as LocalDate }),
      classId: fc.constantFrom(...classIds)
    }),
    { selector: (s) => s.n, minLength: options.minLength ?? 0, maxLength: options.maxLength ?? 30 }
  ).map((rows) =>
    rows.map((r) => ({
      schoolId,
      id: `student-${r.n}`,
      version: 0,
      name: r.name,
      sex: r.sex,
      birthDate: r.birthDate,
      classId: r.classId,
      enrolled: true
    }) as unknown as Student)
  )
