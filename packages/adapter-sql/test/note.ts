/**
 * A test aggregate with a projected field of every kind (and nullable ones), stored through the
 * same machinery as the modules' aggregates: its migration is derived from its spec.
 */
import { Ports } from "@houqin/core"
import { Schema } from "effect"
import * as fc from "fast-check"
import * as Migrations from "../src/Migrations.ts"
import type { MigrationDefinition } from "../src/Tables.ts"
import { diff, schemaOf } from "../src/Tables.ts"

export const Note = Schema.Struct({
  schoolId: Schema.String,
  id: Schema.String,
  version: Schema.Int,
  title: Schema.String,
  tag: Schema.NullOr(Schema.String),
  at: Schema.Int,
  amountFen: Schema.Int,
  ratio: Schema.Number,
  flag: Schema.Boolean,
  day: Schema.NullOr(Schema.String),
  weight: Schema.NullOr(Schema.String)
})
export type Note = typeof Note.Type

export const NoteSpec = Ports.Storage.aggregate({
  name: "test.note",
  schema: Note,
  fields: {
    title: { kind: "text", get: (n: Note) => n.title },
    tag: { kind: "text", get: (n: Note) => n.tag },
    at: { kind: "instant", get: (n: Note) => n.at },
    amountFen: { kind: "int", get: (n: Note) => n.amountFen },
    ratio: { kind: "number", get: (n: Note) => n.ratio },
    flag: { kind: "bool", get: (n: Note) => n.flag },
    day: { kind: "date", get: (n: Note) => n.day },
    weight: { kind: "decimal", get: (n: Note) => n.weight }
  }
})

export const noteMigration: MigrationDefinition = {
  name: "9001_test_note",
  ddl: "v2",
  steps: diff(schemaOf([]), [NoteSpec]).steps
}

/** the released migrations and the note's table */
export const withNotes: ReadonlyArray<MigrationDefinition> = [...Migrations.migrations, noteMigration]

export const encodeNote = Schema.encodeSync(Note)

/** text that ends up where SQL, COPY and JSON are easiest to break */
export const nastyTexts = [
  "Robert'); DROP TABLE kernel_student;--",
  "' OR '1'='1",
  "\\'; SELECT 1; --",
  "\\N",
  "a\tb\nc\rd\\e",
  "$1 ? %s :name @p `x` \"y\"",
  "食堂张师傅 🍚 留样 125 克",
  "𠀀𪚥 rare 汉字 👨‍👩‍👧",
  "  spaced  ",
  "",
  "ｆｕｌｌｗｉｄｔｈ（全角）",
  "\u202eRTL override",
  "e\u0301 vs é"
] as const

const instants = [Date.UTC(2026, 2, 15, 3, 45), Date.UTC(2026, 2, 15, 3, 45, 0, 1), Date.UTC(1999, 11, 31, 23, 59, 59, 999), Date.UTC(2038, 0, 19, 3, 14, 8)]
// U+FF08 and U+E000 sort between the BMP's CJK and an emoji by code point, not by UTF-16 unit
const tags = ["甲", "乙", "a", "B", "b", "😀", "", "（", "\uE000", "e\u0301", "é"]
const days = ["2026-03-15", "2026-03-16", "2024-02-29", "1999-12-31"]
const weights = ["0", "-0.25", "10", "9.5", "0.00000001", "-99999999.99999999", "123456789.12345678", "2.5"]

/** decimal text of a count of 10⁻⁸ */
const decimalOf = (units: bigint): string => {
  const negative = units < 0n
  const digits = (negative ? -units : units).toString().padStart(9, "0")
  const text = `${digits.slice(0, -8)}.${digits.slice(-8)}`.replace(/\.?0+$/, "")
  return `${negative ? "-" : ""}${text}`
}

/** notes whose field values repeat, so that equality and ranges select something */
export const notes = (schoolId: string, options: { readonly minLength?: number; readonly maxLength?: number } = {}): fc.Arbitrary<Array<Note>> =>
  fc.uniqueArray(
    fc.record({
      n: fc.integer({ min: 1, max: 99_999 }),
      title: fc.oneof(fc.constantFrom(...nastyTexts), fc.string({ unit: "binary", maxLength: 40 }).map((s) => s.split("\u0000").join(""))),
      tag: fc.option(fc.constantFrom(...tags), { nil: null }),
      at: fc.oneof(fc.constantFrom(...instants), fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) })),
      amountFen: fc.oneof(fc.constantFrom(0, 1, -1, 12_345, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER), fc.integer({ min: -1_000_000, max: 1_000_000 })),
      ratio: fc.oneof(fc.constantFrom(0, 0.1, 0.5, -2.25, 1e-9), fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true })),
      flag: fc.boolean(),
      day: fc.option(fc.constantFrom(...days), { nil: null }),
      weight: fc.option(fc.oneof(fc.constantFrom(...weights), fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }).map(decimalOf)), { nil: null })
    }),
    { selector: (r) => r.n, minLength: options.minLength ?? 0, maxLength: options.maxLength ?? 40 }
  ).map((rows) => rows.map(({ n, ...rest }): Note => ({ schoolId, id: `note-${String(n).padStart(5, "0")}`, version: 1, ...rest })))

export const tagValues = tags
export const dayValues = days
export const instantValues = instants
export const weightValues = weights
