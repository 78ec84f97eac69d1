/**
 * The canonical JSON encoding that audit entries are hashed over: object keys sorted by UTF-16
 * code units, no whitespace, numbers in ECMAScript's shortest round-trip form (as RFC 8785, JSON
 * Canonicalization Scheme), money as integers and decimals as strings (their schemas' encoded
 * forms). The same value encodes to the same bytes in Node and in every browser, so it hashes the
 * same everywhere. SHA-256 comes from WebCrypto (`globalThis.crypto.subtle`).
 *
 * @since 0.1.0
 */
import { Effect, Result } from "effect"
import type { Path } from "./Errors.ts"
import { ValidationError } from "./Errors.ts"

/**
 * A JSON value.
 *
 * @since 0.1.0
 * @category models
 */
export type Json = null | boolean | number | string | ReadonlyArray<Json> | { readonly [key: string]: Json }

const fail = (path: Path, what: string, zh: string) =>
  ValidationError.at(path, {
    zh: `无法规范编码：${zh}`,
    en: `cannot be encoded canonically: ${what}`
  }, "json.notCanonical")

const write = (value: unknown, path: Array<string | number>, out: Array<string>): ValidationError | undefined => {
  switch (typeof value) {
    case "string":
      out.push(JSON.stringify(value))
      return undefined
    case "boolean":
      out.push(value ? "true" : "false")
      return undefined
    case "number":
      if (!Number.isFinite(value)) return fail(path, `the number ${value}`, `非有限数 ${value}`)
      out.push(Object.is(value, -0) ? "0" : String(value))
      return undefined
    case "object": {
      if (value === null) {
        out.push("null")
        return undefined
      }
      if (Array.isArray(value)) {
        out.push("[")
        for (let i = 0; i < value.length; i++) {
          if (i > 0) out.push(",")
          const v: unknown = value[i]
          if (v === undefined) return fail([...path, i], "undefined in an array", "数组中含 undefined")
          path.push(i)
          const e = write(v, path, out)
          path.pop()
          if (e) return e
        }
        out.push("]")
        return undefined
      }
      const proto: unknown = Object.getPrototypeOf(value)
      if (proto !== Object.prototype && proto !== null) {
        return fail(path, `an object of class ${(value).constructor?.name ?? "?"} (encode it with its schema first)`, "非普通对象（请先用其 Schema 编码）")
      }
      const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined).sort()
      out.push("{")
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i]!
        if (i > 0) out.push(",")
        out.push(JSON.stringify(k), ":")
        path.push(k)
        const e = write((value as Record<string, unknown>)[k], path, out)
        path.pop()
        if (e) return e
      }
      out.push("}")
      return undefined
    }
    default:
      return fail(path, `a value of type ${typeof value}`, `类型为 ${typeof value} 的值`)
  }
}

/** what {@link copy} returns for a value without a canonical form */
const FAIL: unique symbol = Symbol("not canonical")

/**
 * Set while copying when an object has a key that JavaScript would not keep in insertion order
 * (an array index such as `"1"`, listed before every other key) or could not set as a plain
 * property (`"__proto__"`): that value is then written by {@link write}.
 */
let irregularKeys = false

const isIrregularKey = (k: string): boolean => {
  const c = k.charCodeAt(0)
  return (c >= 48 && c <= 57 && /^(?:0|[1-9]\d{0,9})$/.test(k) && Number(k) < 4294967295) || k === "__proto__"
}

interface Shape {
  /** an object's own keys, in the order `Object.keys` lists them */
  readonly keys: ReadonlyArray<string>
  /** the same keys sorted by UTF-16 code units */
  readonly sorted: ReadonlyArray<string>
  /** whether a key is one JavaScript does not keep in insertion order (see {@link irregularKeys}) */
  readonly irregular: boolean
}

/**
 * The key lists met last (rows of one table have the same few): the order of the keys of an
 * object of the same shape is looked up rather than sorted again.
 */
const shapes: Array<Shape> = []
let nextShape = 0

const shapeOf = (keys: Array<string>): Shape => {
  const n = keys.length
  search: for (let s = 0; s < shapes.length; s++) {
    const shape = shapes[s]!
    if (shape.keys.length !== n) continue
    for (let i = 0; i < n; i++) if (shape.keys[i] !== keys[i]) continue search
    return shape
  }
  let sorted: Array<string> = keys
  for (let i = 1; i < n; i++) {
    if (keys[i - 1]! > keys[i]!) {
      sorted = [...keys].sort()
      break
    }
  }
  const shape: Shape = { keys, sorted, irregular: keys.some(isIrregularKey) }
  // objects with many keys (maps by id) are not worth remembering
  if (n <= 32) {
    shapes[nextShape] = shape
    nextShape = (nextShape + 1) % 8
  }
  return shape
}

/**
 * A copy of a JSON value with every object's keys inserted in canonical order (sorted by UTF-16
 * code units, `undefined` members left out), which `JSON.stringify` then writes in that order
 * with the escapes and number forms RFC 8785 asks for; or {@link FAIL} at the first value that has
 * no canonical form.
 */
const copy = (value: unknown): unknown => {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value
    case "number":
      return Number.isFinite(value) ? value : FAIL
    case "object": {
      if (value === null) return null
      if (Array.isArray(value)) {
        const n = value.length
        const out = new Array<unknown>(n)
        for (let i = 0; i < n; i++) {
          const v: unknown = value[i]
          if (v === undefined) return FAIL
          const c = copy(v)
          if (c === FAIL) return FAIL
          out[i] = c
        }
        return out
      }
      const proto: unknown = Object.getPrototypeOf(value)
      if (proto !== Object.prototype && proto !== null) return FAIL
      const shape = shapeOf(Object.keys(value))
      if (shape.irregular) irregularKeys = true
      const keys = shape.sorted
      const out: Record<string, unknown> = {}
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i]!
        const v: unknown = (value as Record<string, unknown>)[k]
        if (v === undefined) continue
        const c = copy(v)
        if (c === FAIL) return FAIL
        out[k] = c
      }
      return out
    }
    default:
      return FAIL
  }
}

/**
 * The canonical JSON text of a value, or a typed error naming the path of the first value that
 * has no canonical form (a non-finite number, a bigint, a class instance such as a `Date`).
 *
 * Values are copied with sorted keys and written by `JSON.stringify` (several times faster than
 * writing piece by piece); the careful walk that names a refused value's path, and writes the rare
 * objects whose keys JavaScript reorders (array indices such as `"1"`), gives the same bytes.
 *
 * @since 0.1.0
 * @category encoding
 */
export const canonicalize = (value: unknown): Result.Result<string, ValidationError> => {
  irregularKeys = false
  const copied = copy(value)
  if (copied !== FAIL && !irregularKeys) return Result.succeed(JSON.stringify(copied))
  const out: Array<string> = []
  const error = write(value, [], out)
  return error ? Result.fail(error) : Result.succeed(out.join(""))
}

const hex = (bytes: ArrayBuffer): string => {
  const view = new Uint8Array(bytes)
  let s = ""
  for (let i = 0; i < view.length; i++) s += view[i]!.toString(16).padStart(2, "0")
  return s
}

const encoder = new TextEncoder()

/**
 * The SHA-256 of a text's UTF-8 bytes, as lowercase hex, through WebCrypto.
 *
 * @since 0.1.0
 * @category hashing
 */
export const sha256Hex = (text: string): Effect.Effect<string> =>
  Effect.promise(() => globalThis.crypto.subtle.digest("SHA-256", encoder.encode(text))).pipe(Effect.map(hex))

/**
 * The SHA-256 of a list's canonical JSON encoding, built batch by batch from the canonical texts
 * of its items (each item's {@link canonicalize}): each batch is turned into UTF-8 as it is added
 * (while, say, a backend writes the previous rows), and `digest` starts the SHA-256 of the whole
 * at once (WebCrypto, off the main thread where the platform does so); the effect it returns
 * waits for it. The same hash as {@link hashCanonical} of the items, however they were split.
 *
 * @since 0.1.0
 * @category hashing
 */
export interface ListHash {
  /** the items added so far */
  readonly count: number
  /** appends the next items' canonical texts */
  readonly add: (items: ReadonlyArray<string>) => void
  /** starts the digest of the list of every item added */
  readonly digest: () => Effect.Effect<string>
}

/**
 * A new, empty {@link ListHash}.
 *
 * @since 0.1.0
 * @category hashing
 */
export const listHash = (): ListHash => {
  const parts: Array<Uint8Array> = []
  let count = 0
  let size = 0
  return {
    get count() {
      return count
    },
    add: (items) => {
      if (items.length === 0) return
      const bytes = encoder.encode(`${count === 0 ? "[" : ","}${items.join(",")}`)
      parts.push(bytes)
      size += bytes.length
      count += items.length
    },
    digest: () => {
      const all = new Uint8Array(size + (count === 0 ? 2 : 1))
      let at = 0
      if (count === 0) all[at++] = 0x5b
      for (const part of parts) {
        all.set(part, at)
        at += part.length
      }
      all[at] = 0x5d
      const pending = globalThis.crypto.subtle.digest("SHA-256", all)
      // a digest nobody waits for (the write it belonged to failed) must not end as an unhandled rejection
      pending.catch(() => undefined)
      return Effect.map(Effect.promise(() => pending), hex)
    }
  }
}

/**
 * The SHA-256 of a value's canonical JSON encoding.
 *
 * @since 0.1.0
 * @category hashing
 */
export const hashCanonical = (value: unknown): Effect.Effect<string, ValidationError> =>
  Effect.flatMap(Effect.fromResult(canonicalize(value)), sha256Hex)
