/**
 * Instants, the school's time zone, and local calendar dates and times.
 *
 * An instant is a point in time (effect's `DateTime.Utc`, stored in UTC). Durations are elapsed
 * time between instants — "48 hours" is 48 × 3,600 seconds, also across a daylight-saving
 * change — while "a day", "within 3 days" and "the same month" are local calendar units in the
 * school's zone (default Asia/Shanghai). The clock is effect's `Clock` service; the core never
 * reads the system clock itself.
 *
 * @since 0.1.0
 */
import type { Brand} from "effect";
import { Clock, DateTime, Duration, Effect, Layer, Result, Schema, SchemaIssue, SchemaTransformation } from "effect"
import type { Path } from "./Errors.ts"
import * as FastDecode from "./FastDecode.ts"
import { ValidationError } from "./Errors.ts"
import type { LocalDate } from "./LocalDate.ts"
import * as LD from "./LocalDate.ts"

/**
 * A point in time.
 *
 * @since 0.1.0
 * @category models
 */
export type Instant = DateTime.Utc

/**
 * An IANA time zone name that this runtime knows (`"Asia/Shanghai"`).
 *
 * @since 0.1.0
 * @category models
 */
export type Zone = string & Brand.Brand<"Zone">

/**
 * The default school zone: China Standard Time (no daylight saving since 1991).
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultZone = "Asia/Shanghai" as Zone

const formatters = new Map<string, Intl.DateTimeFormat>()

const formatterOf = (zone: string): Intl.DateTimeFormat | undefined => {
  let f = formatters.get(zone)
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat("en-US", {
        timeZone: zone,
        hourCycle: "h23",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        second: "numeric",
        era: "short"
      })
    } catch {
      return undefined
    }
    formatters.set(zone, f)
  }
  return f
}

/**
 * @since 0.1.0
 * @category guards
 */
export const isZone = (u: unknown): u is Zone => typeof u === "string" && u.length > 0 && formatterOf(u) !== undefined

/**
 * A zone from its IANA name, or a typed error.
 *
 * @since 0.1.0
 * @category constructors
 */
export const zone = (name: string, path: Path = []): Result.Result<Zone, ValidationError> =>
  isZone(name)
    ? Result.succeed(name)
    : Result.fail(ValidationError.at(path, {
      zh: `未知的时区：${JSON.stringify(name)}`,
      en: `unknown time zone ${JSON.stringify(name)}`
    }, "time.unknownZone"))

/**
 * An IANA time-zone name.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ZoneSchema = Schema.String.check(
  FastDecode.makeFilter((s: string) => isZone(s), { expected: "an IANA time zone such as Asia/Shanghai", zh: "IANA 时区名（如 Asia/Shanghai）" })
).pipe(Schema.brand("Zone"))

const HOUR = 3_600_000
const offsetCache = new Map<string, Map<number, number>>()

const offsetExact = (ms: number, zone: string): number => {
  const f = formatterOf(zone)!
  let year = 0
  let month = 0
  let day = 0
  let hour = 0
  let minute = 0
  let second = 0
  let bc = false
  for (const p of f.formatToParts(new Date(ms))) {
    switch (p.type) {
      case "year":
        year = Number(p.value)
        break
      case "month":
        month = Number(p.value)
        break
      case "day":
        day = Number(p.value)
        break
      case "hour":
        hour = Number(p.value)
        break
      case "minute":
        minute = Number(p.value)
        break
      case "second":
        second = Number(p.value)
        break
      case "era":
        bc = p.value.startsWith("B")
        break
    }
  }
  if (bc) year = 1 - year
  const local = new Date(0)
  local.setUTCFullYear(year, month - 1, day)
  local.setUTCHours(hour, minute, second, 0)
  return local.getTime() - (ms - (((ms % 1000) + 1000) % 1000))
}

/**
 * The zone's offset from UTC at an instant, in milliseconds (+8 h for Asia/Shanghai).
 *
 * @since 0.1.0
 * @category getters
 */
export const offsetAt = (ms: number, zone: Zone): number => {
  // offsets are cached per hour; an hour whose two ends differ holds a transition and is
  // computed exactly for each instant
  let cache = offsetCache.get(zone)
  if (cache === undefined) {
    cache = new Map()
    offsetCache.set(zone, cache)
  }
  const bucket = Math.floor(ms / HOUR)
  let cached = cache.get(bucket)
  if (cached === undefined) {
    const start = offsetExact(bucket * HOUR, zone)
    const end = offsetExact(bucket * HOUR + HOUR - 1000, zone)
    cached = start === end ? start : Number.NaN
    if (cache.size > 200_000) cache.clear()
    cache.set(bucket, cached)
  }
  return Number.isNaN(cached) ? offsetExact(ms, zone) : cached
}

/**
 * Makes `DateTime.Utc` values for {@link fromEpochMillis} without `Object.defineProperty`.
 *
 * Effect makes each `DateTime.Utc` as an object of its `Utc` prototype with an enumerable
 * `epochMilliseconds` and a non-enumerable `partsUtc` (its cache of the calendar parts, filled on
 * first use), the last defined by `Object.defineProperty`: about 0.2–0.4 µs a value, the largest
 * single cost of decoding a stored row. Here `partsUtc` starts as an accessor on a prototype between
 * the object and effect's: it reads `undefined`, and effect's first write of the parts defines the
 * same non-enumerable own property on the object that effect's own constructor defines. The values
 * are effect's in every observable way but the prototype chain (the same prototype methods, tag,
 * equality, hash, formatting, enumerable keys; a test holds them to effect's values), made in about
 * 40 ns. If effect's values ever have another shape, effect makes them, as before.
 */
const makeUtc: ((ms: number) => Instant) | undefined = (() => {
  const probe = DateTime.fromEpochSeconds(0)
  const proto = Object.getPrototypeOf(probe) as object | null
  const keys = Reflect.ownKeys(probe)
  const epoch = Object.getOwnPropertyDescriptor(probe, "epochMilliseconds")
  const parts = Object.getOwnPropertyDescriptor(probe, "partsUtc")
  if (
    proto === null || keys.length !== 2 || epoch?.enumerable !== true || epoch.writable !== true || epoch.configurable !== true ||
    parts === undefined || parts.enumerable !== false || parts.writable !== true || parts.value !== undefined || "partsUtc" in proto
  ) return undefined
  const configurable = parts.configurable === true
  const lazy = Object.create(proto, {
    partsUtc: {
      get: () => undefined,
      set(this: object, value: unknown) {
        Object.defineProperty(this, "partsUtc", { value, enumerable: false, writable: true, configurable })
      },
      enumerable: false,
      configurable: false
    }
  }) as object
  function Utc(this: { epochMilliseconds: number }, ms: number) {
    this.epochMilliseconds = ms
  }
  Utc.prototype = lazy
  const make = (ms: number) => new (Utc as unknown as new(ms: number) => Instant)(ms)
  // the values must be effect's: the same instant, equal, hashed alike, and formatted alike
  const sample = make(1_767_225_600_123)
  const theirs = DateTime.makeUnsafe<number>(1_767_225_600_123)
  return DateTime.isDateTime(sample) && DateTime.isUtc(sample) && sample.epochMilliseconds === theirs.epochMilliseconds &&
      DateTime.formatIso(sample) === DateTime.formatIso(theirs) && String(sample) === String(theirs)
    ? make
    : undefined
})()

/**
 * An instant from milliseconds since the Unix epoch.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromEpochMillis = (ms: number): Instant => {
  // `DateTime.makeUnsafe` of a number goes through a `Date`; `fromEpochSeconds` makes the value
  // directly, and gives the same instant whenever the seconds multiply back to the milliseconds
  if (Number.isInteger(ms) && ms >= -8_640_000_000_000_000 && ms <= 8_640_000_000_000_000) {
    // (+ 0: Date makes -0 ms into 0)
    if (makeUtc !== undefined) return makeUtc(ms + 0)
    const seconds = ms / 1000 + 0
    if (seconds * 1000 === ms) return DateTime.fromEpochSeconds(seconds)
  }
  return DateTime.makeUnsafe<number>(ms)
}

/**
 * Milliseconds since the Unix epoch.
 *
 * @since 0.1.0
 * @category getters
 */
export const toEpochMillis = (i: Instant): number => i.epochMilliseconds

const isoPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/

/**
 * Parses an ISO 8601 instant with an explicit offset (`2026-03-15T11:45Z`,
 * `2026-03-15T19:45:00+08:00`). Text without an offset is refused: it names no instant.
 *
 * @since 0.1.0
 * @category constructors
 */
export const parseInstant = (text: string): Instant | undefined => {
  // the form Houqin writes (`2026-03-15T03:45:00.000Z`), read digit by digit; every other form
  // through the pattern below (the result is the same)
  if (text.length === 24) {
    const ms = parseUtcMillis(text)
    if (ms !== undefined) return fromEpochMillis(ms)
  }
  const m = isoPattern.exec(text)
  if (m === null) return undefined
  const [, y, mo, d, h, mi, sec = "0", frac = "", off = "Z"] = m
  if (!LD.isLocalDate(`${y}-${mo}-${d}`)) return undefined
  if (Number(h) > 23 || Number(mi) > 59 || Number(sec) > 59) return undefined
  let offsetMinutes = 0
  if (off !== "Z") {
    const digits = off.replace(":", "")
    const oh = Number(digits.slice(1, 3))
    const om = Number(digits.slice(3, 5))
    if (oh > 23 || om > 59) return undefined
    offsetMinutes = (off.startsWith("-") ? -1 : 1) * (oh * 60 + om)
  }
  const local = LD.toEpochDay(`${y}-${mo}-${d}` as LocalDate) * 86_400_000 +
    Number(h) * HOUR + Number(mi) * 60_000 + Number(sec) * 1000 + Number(frac.padEnd(3, "0").slice(0, 3))
  return fromEpochMillis(local - offsetMinutes * 60_000)
}

/**
 * ISO 8601 text of an instant in UTC: `2026-03-15T11:45:00.000Z`.
 *
 * @since 0.1.0
 * @category formatting
 */
export const formatInstant = (i: Instant): string => formatEpochMillis(i.epochMilliseconds)

/** `"00"` … `"99"` and `"000"` … `"999"`: the digits of a time of day */
const twoDigits = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, "0"))
const threeDigits = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, "0"))
/** the day (days since the epoch) whose `YYYY-MM-DDT` was written last, and that text */
let lastDay = Number.NaN
let lastDayText = ""

/**
 * ISO 8601 text in UTC of milliseconds since the Unix epoch, as `Date.prototype.toISOString`
 * writes it (`2026-03-15T11:45:00.000Z`): the date part is kept for the last day written, so a
 * run of instants of one day (readings, an import) is written without a `Date` each.
 *
 * @since 0.1.0
 * @category formatting
 */
export const formatEpochMillis = (ms: number): string => {
  const day = Math.floor(ms / 86_400_000)
  if (day !== lastDay) {
    const text = new Date(day * 86_400_000).toISOString()
    // years before 0 or after 9999 have a longer form, and a fraction of a millisecond is cut
    // toward zero by Date: both are left to Date
    if (text.length !== 24 || !Number.isInteger(ms)) return new Date(ms).toISOString()
    lastDay = day
    lastDayText = text.slice(0, 11)
  } else if (!Number.isInteger(ms)) return new Date(ms).toISOString()
  let rest = ms - day * 86_400_000
  const hour = Math.floor(rest / HOUR)
  rest -= hour * HOUR
  const minute = Math.floor(rest / 60_000)
  rest -= minute * 60_000
  const second = Math.floor(rest / 1000)
  return `${lastDayText}${twoDigits[hour]!}:${twoDigits[minute]!}:${twoDigits[second]!}.${threeDigits[rest - second * 1000]!}Z`
}

/** days since 1970-01-01 of a date (days_from_civil, as `LocalDate.toEpochDay`) */
const epochDayOf = (y0: number, m: number, d: number): number => {
  const y = m <= 2 ? y0 - 1 : y0
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468
}

// the last date read by parseUtcMillis (as yyyymmdd) and its first millisecond: rows read in time
// order share their dates
let lastDateKey = -1
let lastDateMillis = 0

/**
 * The epoch milliseconds of `YYYY-MM-DDTHH:MM:SS.sssZ` (a real date and time of day, year 1 or
 * later), or `undefined` for any other text. Straight-line code: each character's digit is its
 * code less 48, a digit exactly when that is 0–9 as an unsigned number.
 */
const parseUtcMillis = (s: string): number | undefined => {
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58 ||
    s.charCodeAt(16) !== 58 || s.charCodeAt(19) !== 46 || s.charCodeAt(23) !== 90) return undefined
  const y0 = s.charCodeAt(0) - 48
  const y1 = s.charCodeAt(1) - 48
  const y2 = s.charCodeAt(2) - 48
  const y3 = s.charCodeAt(3) - 48
  const mo0 = s.charCodeAt(5) - 48
  const mo1 = s.charCodeAt(6) - 48
  const d0 = s.charCodeAt(8) - 48
  const d1 = s.charCodeAt(9) - 48
  const h0 = s.charCodeAt(11) - 48
  const h1 = s.charCodeAt(12) - 48
  const mi0 = s.charCodeAt(14) - 48
  const mi1 = s.charCodeAt(15) - 48
  const s0 = s.charCodeAt(17) - 48
  const s1 = s.charCodeAt(18) - 48
  const m0 = s.charCodeAt(20) - 48
  const m1 = s.charCodeAt(21) - 48
  const m2 = s.charCodeAt(22) - 48
  if (
    (y0 >>> 0) > 9 || (y1 >>> 0) > 9 || (y2 >>> 0) > 9 || (y3 >>> 0) > 9 || (mo0 >>> 0) > 9 || (mo1 >>> 0) > 9 ||
    (d0 >>> 0) > 9 || (d1 >>> 0) > 9 || (h0 >>> 0) > 9 || (h1 >>> 0) > 9 || (mi0 >>> 0) > 9 || (mi1 >>> 0) > 9 ||
    (s0 >>> 0) > 9 || (s1 >>> 0) > 9 || (m0 >>> 0) > 9 || (m1 >>> 0) > 9 || (m2 >>> 0) > 9
  ) return undefined
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3
  const month = mo0 * 10 + mo1
  const day = d0 * 10 + d1
  const hour = h0 * 10 + h1
  const minute = mi0 * 10 + mi1
  const second = s0 * 10 + s1
  if (hour > 23 || minute > 59 || second > 59) return undefined
  const key = year * 10_000 + month * 100 + day
  if (key !== lastDateKey) {
    if (year < 1 || month < 1 || month > 12 || day < 1 || day > (month === 2 ? (LD.isLeapYear(year) ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31)) return undefined
    lastDateMillis = epochDayOf(year, month, day) * 86_400_000
    lastDateKey = key
  }
  return lastDateMillis + hour * HOUR + minute * 60_000 + second * 1000 + m0 * 100 + m1 * 10 + m2
}

/**
 * A locale of the text Houqin writes: Simplified Chinese or English.
 *
 * @since 0.1.0
 * @category models
 */
export type Locale = "zh-CN" | "en"

const pad2 = (n: number): string => String(n).padStart(2, "0")

/**
 * An instant as the school reads it: the local date and wall-clock time in its zone,
 * `2026-04-22 07:35` (`…:05` with `seconds`). Explanations, registers and notices print times this
 * way, never in UTC. The date and the 24-hour time read the same in both locales (ISO order: what
 * Chinese registers print, and unambiguous in English); the locale sets how the zone is named when
 * `withZone` asks for it: zh-CN `2026-04-22 07:35（Asia/Urumqi）`, en `2026-04-22 07:35 (Asia/Urumqi)`.
 *
 * @since 0.1.0
 * @category formatting
 */
export const formatLocal = (
  i: Instant,
  zone: Zone = defaultZone,
  locale: Locale = "zh-CN",
  options: { readonly seconds?: boolean; readonly withZone?: boolean } = {}
): string => {
  const p = localParts(i, zone)
  const time = `${p.date} ${pad2(p.hour)}:${pad2(p.minute)}${options.seconds === true ? `:${pad2(p.second)}` : ""}`
  if (options.withZone !== true) return time
  return locale === "zh-CN" ? `${time}（${zone}）` : `${time} (${zone})`
}

/** the text decoded last and its instant: rows read in time order share their instants in runs */
let lastInstantText = ""
let lastInstant: Instant | undefined

/** the fast decoder's twin of the instant's transformation (instants are immutable: one value may serve two records) */
const decodeInstantFast = (text: string): Instant | FastDecode.Invalid => {
  if (text === lastInstantText && lastInstant !== undefined) return lastInstant
  const i = parseInstant(text)
  if (i === undefined) return FastDecode.invalid
  lastInstantText = text
  lastInstant = i
  return i
}

/**
 * An instant, decoded from ISO 8601 text with an explicit offset and encoded in UTC.
 *
 * @since 0.1.0
 * @category schemas
 */
export const InstantSchema: Schema.decodeTo<Schema.declare<DateTime.Utc>, Schema.String> = FastDecode.withFastTransformation(Schema.String.pipe(
  Schema.decodeTo(
    Schema.declare((u: unknown): u is DateTime.Utc => DateTime.isDateTime(u) && DateTime.isUtc(u), {
      expected: "an instant"
    }),
    SchemaTransformation.transformEffect<DateTime.Utc, string>({
      decode: (text) => {
        const i = parseInstant(text)
        return i === undefined
          ? Effect.fail(new SchemaIssue.InvalidValue({
            message: `expected an ISO 8601 instant with an offset, such as 2026-03-15T11:45:00+08:00; got ${JSON.stringify(text)}`,
            zh: `应为带时区偏移的 ISO 8601 时间（如 2026-03-15T11:45:00+08:00），实际为 ${JSON.stringify(text)}`
          }, text))
          : Effect.succeed(i)
      },
      encode: (i) => Effect.succeed(formatInstant(i))
    })
  )
), decodeInstantFast, (i) => (DateTime.isDateTime(i) && DateTime.isUtc(i) ? formatInstant(i) : FastDecode.invalid))

/**
 * The local date of an instant in a zone.
 *
 * @since 0.1.0
 * @category conversions
 */
export const localDate = (i: Instant, zone: Zone = defaultZone): LocalDate => {
  const ms = i.epochMilliseconds
  return LD.fromEpochDay(Math.floor((ms + offsetAt(ms, zone)) / 86_400_000))
}

/**
 * The local wall-clock parts of an instant in a zone.
 *
 * @since 0.1.0
 * @category conversions
 */
export const localParts = (
  i: Instant,
  zone: Zone = defaultZone
): {
  readonly date: LocalDate
  readonly hour: number
  readonly minute: number
  readonly second: number
} => {
  const ms = i.epochMilliseconds
  const local = ms + offsetAt(ms, zone)
  const day = Math.floor(local / 86_400_000)
  const inDay = local - day * 86_400_000
  return {
    date: LD.fromEpochDay(day),
    hour: Math.floor(inDay / HOUR),
    minute: Math.floor((inDay % HOUR) / 60_000),
    second: Math.floor((inDay % 60_000) / 1000)
  }
}

/**
 * The instant of a local date and wall-clock time in a zone. A time that does not exist (skipped
 * by a daylight-saving change) is moved forward by the gap; a time that occurs twice takes the
 * earlier one ("compatible", as in Temporal).
 *
 * @since 0.1.0
 * @category conversions
 */
export const atLocal = (
  date: LocalDate,
  time: { readonly hour: number; readonly minute: number; readonly second?: number },
  zone: Zone = defaultZone
): Instant => {
  const local = LD.toEpochDay(date) * 86_400_000 + time.hour * HOUR + time.minute * 60_000 + (time.second ?? 0) * 1000
  const before = offsetAt(local - 86_400_000, zone)
  const after = offsetAt(local + 86_400_000, zone)
  const candidates = [local - before, local - after].filter((t) => t + offsetAt(t, zone) === local)
  if (candidates.length > 0) return fromEpochMillis(Math.min(...candidates))
  // in a gap: interpret with the offset in force before the transition
  return fromEpochMillis(local - before)
}

/**
 * The first instant of a local date in a zone.
 *
 * @since 0.1.0
 * @category conversions
 */
export const startOfDay = (date: LocalDate, zone: Zone = defaultZone): Instant => atLocal(date, { hour: 0, minute: 0 }, zone)

/**
 * The elapsed time from `from` to `to` (negative when `to` is earlier).
 *
 * @since 0.1.0
 * @category math
 */
export const elapsedMillis = (from: Instant, to: Instant): number => to.epochMilliseconds - from.epochMilliseconds

/**
 * The instant a duration after another: elapsed time, not wall-clock time.
 *
 * @since 0.1.0
 * @category math
 */
export const plus = (i: Instant, d: Duration.Input): Instant =>
  fromEpochMillis(i.epochMilliseconds + Duration.toMillis(d))

/**
 * Compares two instants: −1, 0 or 1.
 *
 * @since 0.1.0
 * @category comparisons
 */
export const compare = (a: Instant, b: Instant): -1 | 0 | 1 =>
  a.epochMilliseconds < b.epochMilliseconds ? -1 : a.epochMilliseconds > b.epochMilliseconds ? 1 : 0

/**
 * The current instant, from effect's `Clock` service.
 *
 * @since 0.1.0
 * @category constructors
 */
export const now: Effect.Effect<Instant> = Effect.map(Clock.currentTimeMillis, fromEpochMillis)

/**
 * A `Clock` layer that reads the time from a function (for the Promise API's `clock` option and
 * for replays): sleeping still uses the default clock.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerClock = (read: () => number | Date | Instant): Layer.Layer<never> => {
  const base = Clock.Clock.defaultValue()
  const millis = (): number => {
    const t = read()
    return typeof t === "number" ? t : t instanceof Date ? t.getTime() : t.epochMilliseconds
  }
  return Layer.succeed(Clock.Clock, {
    currentTimeMillisUnsafe: millis,
    currentTimeMillis: Effect.sync(millis),
    currentTimeNanosUnsafe: () => BigInt(millis()) * 1_000_000n,
    currentTimeNanos: Effect.sync(() => BigInt(millis()) * 1_000_000n),
    monotonicTimeNanosUnsafe: () => base.monotonicTimeNanosUnsafe(),
    monotonicTimeNanos: base.monotonicTimeNanos,
    sleep: (d) => base.sleep(d)
  })
}
