/**
 * A fast path for decoding input that is nearly always valid — documents read back from storage,
 * a command's rows — and for encoding values to store, that gives exactly the results of Effect
 * Schema's own decoder and encoder.
 *
 * Effect Schema decodes by interpreting the schema's AST through its effect machinery, about
 * 1.3 µs for a seven-field temperature reading; reading 100,000 rows back from SQLite spends more
 * time there than in the database. {@link compile} turns the AST once into plain functions, one per
 * node: type tests, the schema's own check functions, struct and array walks, and, for the
 * kernel's transformations (instants, decimals, units), a synchronous twin registered next to the
 * schema with {@link withFastTransformation}. A node it does not know (a declaration, a template
 * literal, a record, a transformation without a twin, a `oneOf` union) is handed to Effect Schema's
 * decoder for that node alone, so no schema is out of reach and none is half-supported.
 *
 * Every compiled node is exact: it returns {@link invalid} exactly when Effect Schema would fail,
 * and otherwise the same value (same keys in the same order, same instants and decimals). Where it
 * cannot be sure — a missing optional field with a default, a value that two union members accept —
 * it asks Effect Schema for that node rather than guessing. A differential property test holds the
 * two decoders to the same results over every stored aggregate's schema, on valid documents and on
 * random corruptions of them, and the two encoders likewise on the decoded values and corruptions
 * of those. Failures are left to Effect Schema, which explains them with paths.
 *
 * @since 0.1.0
 */
import type { SchemaAST } from "effect"
import { Result, Schema } from "effect"

/**
 * What a compiled decoder returns for input the schema refuses.
 *
 * @since 0.1.0
 * @category symbols
 */
export const invalid: unique symbol = Symbol.for("@houqin/core/FastDecode/invalid")

/**
 * @since 0.1.0
 * @category symbols
 */
export type Invalid = typeof invalid

/**
 * A compiled decoder: the decoded value, or {@link invalid}.
 *
 * @since 0.1.0
 * @category models
 */
export type Decode<A> = (input: unknown) => A | Invalid

type Fast = (input: unknown) => unknown

type Direction = "decode" | "encode"
const twins = { decode: new WeakMap<SchemaAST.Link["transformation"], Fast>(), encode: new WeakMap<SchemaAST.Link["transformation"], Fast>() }
const options: SchemaAST.ParseOptions = {}

/**
 * Registers the synchronous twins of a schema's one transformation and returns the schema.
 *
 * `decode` receives the encoded side already decoded (for `Schema.String.pipe(Schema.decodeTo(…))`,
 * a string) and must return {@link invalid} exactly when the transformation fails, and otherwise
 * the same value, one that the decoded side's declaration accepts; the decoded side's checks still
 * run. `encode` receives any value and must return {@link invalid} exactly when the decoded side's
 * declaration refuses it or the transformation's encoding fails, and otherwise the same encoded
 * value; the decoded side's checks, and the encoded side's, still run.
 *
 * Schemas derived with `.check(…)` keep the transformation and so its twins. A schema without
 * exactly one transformation is returned as it is: Effect Schema decodes and encodes it.
 *
 * @since 0.1.0
 * @category constructors
 */
export const withFastTransformation = <S extends Schema.Top>(
  schema: S,
  decode: (encoded: S["Encoded"]) => S["Type"] | Invalid,
  encode?: (value: unknown) => S["Encoded"] | Invalid
): S => {
  const links = schema.ast.encoding
  if (links?.length === 1) {
    twins.decode.set(links[0].transformation, decode)
    if (encode !== undefined) twins.encode.set(links[0].transformation, encode)
  }
  return schema
}

const predicates = new WeakMap<SchemaAST.Filter<never>, (value: never) => boolean>()

/**
 * `Schema.makeFilter` of a predicate that answers `true` or `false`, registered so that compiled
 * decoders and encoders call the predicate itself instead of going through the filter's issue
 * machinery. Effect Schema runs the filter as usual.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeFilter = <T>(predicate: (value: T) => boolean, annotations?: Schema.Annotations.Filter): SchemaAST.Filter<T> => {
  const filter = Schema.makeFilter<T>(predicate, annotations)
  predicates.set(filter, predicate)
  return filter
}

type Payload = Readonly<Record<string, unknown>> | null | undefined
const finite = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x)
const cardinal = (x: unknown): x is number => typeof x === "number" && Number.isSafeInteger(x) && x >= 0

/**
 * Effect Schema's own number and length checks, recognised by the representation they carry, as
 * plain tests that answer as the checks do — number comparisons in effect's number order, where
 * NaN is below every number (`NaN >= 0` is false, `NaN <= 10` is true).
 */
const builtin = (check: SchemaAST.Filter<never>): ((value: never) => boolean) | undefined => {
  const representation = check.annotations?.["representation"] as { readonly id?: unknown; readonly payload?: Payload } | undefined
  const p = representation?.payload
  switch (representation?.id) {
    case "effect/schema/isFinite":
      return (v: number) => Number.isFinite(v)
    case "effect/schema/isInt":
      return (v: number) => Number.isSafeInteger(v)
    case "effect/schema/isGreaterThanOrEqualTo": {
      const min = p?.["minimum"]
      return finite(min) ? (v: number) => v >= min : undefined
    }
    case "effect/schema/isGreaterThan": {
      const min = p?.["exclusiveMinimum"]
      return finite(min) ? (v: number) => v > min : undefined
    }
    case "effect/schema/isLessThanOrEqualTo": {
      const max = p?.["maximum"]
      return finite(max) ? (v: number) => !(v > max) : undefined
    }
    case "effect/schema/isLessThan": {
      const max = p?.["exclusiveMaximum"]
      return finite(max) ? (v: number) => !(v >= max) : undefined
    }
    case "effect/schema/isBetween": {
      const min = p?.["minimum"]
      const max = p?.["maximum"]
      if (!finite(min) || !finite(max)) return undefined
      const exMin = p?.["exclusiveMinimum"] === true
      const exMax = p?.["exclusiveMaximum"] === true
      return (v: number) => (exMin ? v > min : v >= min) && (exMax ? !(v >= max) : !(v > max))
    }
    case "effect/schema/isMinLength": {
      const n = p?.["minLength"]
      return cardinal(n) ? (v: { readonly length: number }) => v.length >= n : undefined
    }
    case "effect/schema/isMaxLength": {
      const n = p?.["maxLength"]
      return cardinal(n) ? (v: { readonly length: number }) => v.length <= n : undefined
    }
    default:
      return undefined
  }
}

/** a filter as a test of a value: its registered predicate, effect's check as a plain test, or the filter itself */
const passesOf = (check: SchemaAST.Filter<never>, ast: SchemaAST.AST): ((value: unknown) => boolean) => {
  const direct = predicates.get(check) ?? builtin(check)
  if (direct !== undefined) {
    const test = direct as (value: unknown) => unknown
    return (value) => test(value) === true
  }
  return (value) => check.run(value as never, ast, options) === undefined
}

/**
 * One compiler per direction. Decoding and encoding walk the same AST: a node without a
 * transformation accepts the same values either way (the same type test and checks); a
 * transformation runs its decoding or its encoding twin.
 */
const makeCompiler = (direction: Direction): ((ast: SchemaAST.AST) => Fast) => {
  const compiled = new WeakMap<SchemaAST.AST, Fast>()

  const delegate = (ast: SchemaAST.AST): Fast => {
    let run: ((input: unknown) => Result.Result<unknown, unknown>) | undefined
    return (input) => {
      const r = (run ??= direction === "decode"
        ? Schema.decodeUnknownResult(Schema.make<Schema.Decoder<unknown>>(ast))
        : Schema.encodeUnknownResult(Schema.make<Schema.Encoder<unknown>>(ast)))(input)
      return Result.isSuccess(r) ? r.success : invalid
    }
  }

  // the checks of a node, flattened out of their groups, each as a test that the value passes
  const leaves = (checks: ReadonlyArray<SchemaAST.Check<never>>, ast: SchemaAST.AST, out: Array<(value: unknown) => boolean>) => {
    for (const check of checks) {
      if (check._tag === "FilterGroup") leaves(check.checks, ast, out)
      else out.push(passesOf(check, ast))
    }
    return out
  }

  const withChecks = (ast: SchemaAST.AST, base: Fast): Fast => {
    const checks = ast.checks
    if (checks === undefined) return base
    const tests = leaves(checks, ast, [])
    const only = tests.length === 1 ? tests[0]! : undefined
    const fails = only !== undefined
      ? (value: unknown) => !only(value)
      : (value: unknown) => {
        for (let i = 0; i < tests.length; i++) if (!tests[i]!(value)) return true
        return false
      }
    // Checks are predicates of the value alone, so a string or a number that passed them passes
    // again: the school id of every row, a fridge's id through its readings, a version, skip their
    // checks after the first (`Object.is`: 0 and -0 are two values to a check)
    let passed: unknown = invalid
    return (input) => {
      const value = base(input)
      if (value === invalid) return invalid
      if (typeof value !== "string" && typeof value !== "number") return fails(value) ? invalid : value
      if (Object.is(value, passed)) return value
      if (fails(value)) return invalid
      passed = value
      return value
    }
  }

  const isOptional = (ast: SchemaAST.AST): boolean => ast.context?.isOptional === true

  // Straight-line code per struct runs about twice as fast as a loop over its fields (constant
  // property names instead of keyed loads and stores); where code cannot be generated (a content
  // security policy without 'unsafe-eval'), the loop does the same work.
  let generate: boolean | undefined
  const canGenerate = (): boolean => {
    if (generate === undefined) {
      try {
        // eslint-disable-next-line @typescript-eslint/no-implied-eval, @typescript-eslint/no-unsafe-call -- a probe: is code generation allowed here?
        generate = new Function("return true")() === true
      } catch {
        generate = false
      }
    }
    return generate
  }

  const generated = (names: ReadonlyArray<string>, parsers: ReadonlyArray<Fast>, skippable: ReadonlyArray<boolean>, whole: Fast): Fast => {
    const lines = [
      "return function (input) {",
      "  if (typeof input !== 'object' || input === null || Array.isArray(input)) return invalid"
    ]
    // each field read once, in the schema's order: a missing required key hands the whole input to
    // Effect Schema, an invalid value ends it
    names.forEach((name, i) => {
      const key = JSON.stringify(name)
      lines.push(`  let v${i} = input[${key}]`)
      if (skippable[i]) {
        lines.push(
          `  const h${i} = v${i} !== undefined || ${key} in input`,
          `  if (h${i}) {`,
          `    v${i} = p${i}(v${i})`,
          `    if (v${i} === invalid) return invalid`,
          "  }"
        )
      } else {
        lines.push(
          `  if (v${i} === undefined && !(${key} in input)) return whole(input)`,
          `  v${i} = p${i}(v${i})`,
          `  if (v${i} === invalid) return invalid`
        )
      }
    })
    // the output's keys in the schema's order: an object literal of the required keys when every
    // optional key comes after them (one shape, made at once), else key by key
    const lastRequired = skippable.lastIndexOf(false)
    const firstOptional = skippable.indexOf(true)
    if (firstOptional === -1 || firstOptional > lastRequired) {
      lines.push(`  const out = { ${names.flatMap((name, i) => (skippable[i] ? [] : [`${JSON.stringify(name)}: v${i}`])).join(", ")} }`)
      names.forEach((name, i) => {
        if (skippable[i]) lines.push(`  if (h${i}) out[${JSON.stringify(name)}] = v${i}`)
      })
    } else {
      lines.push("  const out = {}")
      names.forEach((name, i) => lines.push(skippable[i] ? `  if (h${i}) out[${JSON.stringify(name)}] = v${i}` : `  out[${JSON.stringify(name)}] = v${i}`))
    }
    lines.push("  return out", "}")
    // eslint-disable-next-line @typescript-eslint/no-implied-eval, @typescript-eslint/no-unsafe-call -- the source is built from the schema's own field names, quoted by JSON.stringify
    return new Function("invalid", "whole", ...parsers.map((_, i) => `p${i}`), lines.join("\n"))(invalid, whole, ...parsers) as Fast
  }

  const objects = (ast: SchemaAST.Objects): Fast | undefined => {
    if (ast.indexSignatures.length > 0 || ast.encodingChecks !== undefined) return undefined
    if (ast.propertySignatures.length === 0) return (input) => (input === null || input === undefined ? invalid : input)
    const names = ast.propertySignatures.map((p) => p.name)
    const parsers = ast.propertySignatures.map((p) => compileAst(p.type))
    // a missing optional key is simply left out, unless a transformation may supply a default
    const skippable = ast.propertySignatures.map((p) => isOptional(p.type) && p.type.encoding === undefined)
    let slow: Fast | undefined
    // a required key is missing (Effect Schema fails too), or a default may apply: ask it
    const whole: Fast = (input) => (slow ??= delegate(ast))(input)
    if (names.every((name): name is string => typeof name === "string" && name !== "__proto__") && canGenerate()) {
      return generated(names, parsers, skippable, whole)
    }
    const n = names.length
    return (input) => {
      if (typeof input !== "object" || input === null || Array.isArray(input)) return invalid
      const record = input as Record<PropertyKey, unknown>
      const out: Record<PropertyKey, unknown> = {}
      for (let i = 0; i < n; i++) {
        const name = names[i]!
        if (!(name === "__proto__" ? Object.hasOwn(record, name) : name in record)) {
          if (skippable[i]) continue
          return whole(input)
        }
        const value = parsers[i]!(record[name])
        if (value === invalid) return invalid
        if (name === "__proto__") Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true })
        else out[name] = value
      }
      return out
    }
  }

  const arrays = (ast: SchemaAST.Arrays): Fast | undefined => {
    if (ast.encodingChecks !== undefined) return undefined
    if (ast.elements.length === 0 && ast.rest.length === 1) {
      const item = compileAst(ast.rest[0]!)
      return (input) => {
        if (!Array.isArray(input)) return invalid
        const out = new Array<unknown>(input.length)
        for (let i = 0; i < input.length; i++) {
          const value = item(input[i])
          if (value === invalid) return invalid
          out[i] = value
        }
        return out
      }
    }
    // tuples of required elements only; anything else is Effect Schema's
    if (ast.rest.length > 0 || ast.elements.some(isOptional)) return undefined
    const items = ast.elements.map(compileAst)
    return (input) => {
      if (!Array.isArray(input) || input.length !== items.length) return invalid
      const out = new Array<unknown>(items.length)
      for (let i = 0; i < items.length; i++) {
        const value = items[i]!(input[i])
        if (value === invalid) return invalid
        out[i] = value
      }
      return out
    }
  }

  const union = (ast: SchemaAST.Union): Fast | undefined => {
    if (ast.options?.mode === "oneOf" || ast.encodingChecks !== undefined) return undefined
    const members = ast.types.map(compileAst)
    let whole: Fast | undefined
    return (input) => {
      let found: unknown = invalid
      for (const member of members) {
        const value = member(input)
        if (value === invalid) continue
        // two members accept it: which one Effect Schema picks depends on its candidate order
        if (found !== invalid) return (whole ??= delegate(ast))(input)
        found = value
      }
      return found
    }
  }

  /** the node itself, without its transformation: `undefined` when Effect Schema has to do it */
  const local = (ast: SchemaAST.AST, vouched: boolean): Fast | undefined => {
    switch (ast._tag) {
      case "String":
        return (input) => (typeof input === "string" ? input : invalid)
      case "Number":
        return (input) => (typeof input === "number" ? input : invalid)
      case "Boolean":
        return (input) => (typeof input === "boolean" ? input : invalid)
      case "BigInt":
        return (input) => (typeof input === "bigint" ? input : invalid)
      case "Null":
        return (input) => (input === null ? input : invalid)
      case "Undefined":
        return (input) => (input === undefined ? input : invalid)
      case "Literal": {
        const literal = ast.literal
        return (input) => (input === literal ? input : invalid)
      }
      case "Enum": {
        const values = new Set<unknown>(ast.enums.map(([, v]) => v))
        return (input) => (values.has(input) ? input : invalid)
      }
      case "Unknown":
      case "Any":
        return (input) => input
      case "Objects":
        return objects(ast)
      case "Arrays":
        return arrays(ast)
      case "Union":
        return union(ast)
      case "Declaration":
        // only behind a registered twin, which vouches that its output is of the declared type
        return vouched && ast.encodingChecks === undefined ? (input) => input : undefined
      default:
        return undefined
    }
  }

  const build = (ast: SchemaAST.AST): Fast => {
    const links = ast.encoding
    if (links === undefined) {
      const base = local(ast, false)
      return base === undefined ? delegate(ast) : withChecks(ast, base)
    }
    const link = links.length === 1 ? links[0] : undefined
    const twin = link === undefined ? undefined : twins[direction].get(link.transformation)
    const base = twin === undefined ? undefined : local(ast, true)
    if (link === undefined || twin === undefined || base === undefined) return delegate(ast)
    const encoded = compileAst(link.to)
    const decoded = withChecks(ast, base)
    if (direction === "decode") {
      return (input) => {
        const from = encoded(input)
        if (from === invalid) return invalid
        const value = twin(from)
        return value === invalid ? invalid : decoded(value)
      }
    }
    // encoding: the twin checks the value's type and encodes it; then the decoded side's checks on
    // the value (of the right type by then), and the encoded side's on the result
    return (input) => {
      const out = twin(input)
      return out === invalid || decoded(input) === invalid ? invalid : encoded(out)
    }
  }

  const compileAst = (ast: SchemaAST.AST): Fast => {
    // no cycles reach here: a schema that refers to itself does so through `Schema.suspend`, which
    // is Effect Schema's to decode
    let fast = compiled.get(ast)
    if (fast === undefined) {
      fast = build(ast)
      compiled.set(ast, fast)
    }
    return fast
  }

  return compileAst
}

const compileDecode = makeCompiler("decode")
const compileEncode = makeCompiler("encode")

/**
 * Compiles a schema's decoder (once per AST node; later calls return the same function).
 *
 * @since 0.1.0
 * @category constructors
 */
export const compile = <S extends Schema.Top>(schema: S): Decode<S["Type"]> => compileDecode(schema.ast)

/**
 * Compiles a schema's encoder: the encoded value, or {@link invalid} where Effect Schema's encoding
 * fails; otherwise exactly its result.
 *
 * @since 0.1.0
 * @category constructors
 */
export const compileEncoder = <S extends Schema.Top>(schema: S): ((value: unknown) => S["Encoded"] | Invalid) => compileEncode(schema.ast)

/**
 * `Schema.decodeUnknownResult` with the fast path in front: the same results, the same errors.
 *
 * @since 0.1.0
 * @category constructors
 */
export const decodeUnknownResult = <S extends Schema.Decoder<unknown>>(schema: S) => {
  const fast = compile(schema)
  let slow: ((input: unknown) => Result.Result<S["Type"], Schema.SchemaError>) | undefined
  return (input: unknown): Result.Result<S["Type"], Schema.SchemaError> => {
    const value = fast(input)
    return value === invalid ? (slow ??= Schema.decodeUnknownResult(schema))(input) : Result.succeed(value)
  }
}
