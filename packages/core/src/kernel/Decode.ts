/**
 * Decoding untrusted input into domain values: every public decoder goes through here, so that
 * bad input always becomes a {@link ValidationError} with the path of the offending field and a
 * message in zh-CN and en — never a thrown exception.
 *
 * Checks may carry a Chinese message in their annotations under the key `zh`
 * (`Schema.isGreaterThan(0, { expected: "a positive number", zh: "正数" })`); otherwise a generic
 * Chinese message is derived from the kind of problem.
 *
 * @since 0.1.0
 */
import { Effect, Result, Schema, SchemaIssue } from "effect"
import type { Issue, Path } from "./Errors.ts"
import { ValidationError } from "./Errors.ts"
import * as FastDecode from "./FastDecode.ts"

type AnyIssue = SchemaIssue.Issue

const zhOfExpected = (expected: string | undefined): string =>
  expected === undefined ? "值不符合要求" : `值不符合要求（应为 ${expected}）`

const zhOfFilter = (annotations: Record<string, unknown> | undefined): string | undefined => {
  if (annotations === undefined) return undefined
  const zh = annotations["zh"]
  if (typeof zh === "string") return `值不符合要求：应为${zh}`
  return undefined
}

const leafMessages = (issue: SchemaIssue.Leaf): { en: string; zh: string } => {
  const en = SchemaIssue.defaultLeafHook(issue)
  switch (issue._tag) {
    case "MissingKey":
      return { en, zh: "缺少必填字段" }
    case "UnexpectedKey":
      return { en, zh: "不允许的字段" }
    case "InvalidType":
      return { en, zh: `类型不符：${en}` }
    case "InvalidValue": {
      const zh = issue.annotations?.["zh"]
      return { en, zh: typeof zh === "string" ? zh : `取值无效：${en}` }
    }
    case "Forbidden":
      return { en, zh: "不允许的操作" }
    case "OneOf":
      return { en, zh: "同时匹配了多个可选类型" }
  }
}

const collect = (issue: AnyIssue, path: Path, out: Array<Issue>): void => {
  switch (issue._tag) {
    case "Pointer":
      collect(issue.issue, [...path, ...issue.path.map((k) => (typeof k === "symbol" ? String(k) : k))], out)
      return
    case "Composite":
      for (const i of issue.issues) collect(i, path, out)
      return
    case "Encoding":
      collect(issue.issue, path, out)
      return
    case "AnyOf": {
      if (issue.issues.length === 0) {
        const en = SchemaIssue.makeFormatterDefault()(issue)
        out.push({ path, en, zh: `不是允许的取值：${en}` })
      } else {
        for (const i of issue.issues) collect(i, path, out)
      }
      return
    }
    case "Filter": {
      const annotations = issue.filter.annotations as Record<string, unknown> | undefined
      const inner = issue.issue
      const custom = inner._tag === "InvalidValue" ? inner.annotations?.["zh"] : undefined
      const en = SchemaIssue.defaultCheckHook(issue) ?? SchemaIssue.makeFormatterDefault()(issue)
      const zh = typeof custom === "string"
        ? custom
        : zhOfFilter(annotations) ?? zhOfExpected(annotations?.["expected"] as string | undefined)
      out.push({ path, en: en.split("\n")[0] ?? en, zh })
      return
    }
    default:
      out.push({ path, ...leafMessages(issue) })
  }
}

/**
 * Turns a schema issue tree into a flat list of issues with paths and messages.
 *
 * @since 0.1.0
 * @category conversions
 */
export const issuesOf = (issue: AnyIssue, prefix: Path = []): ReadonlyArray<Issue> => {
  const out: Array<Issue> = []
  collect(issue, prefix, out)
  return out
}

/**
 * Turns a schema error into a {@link ValidationError}.
 *
 * @since 0.1.0
 * @category conversions
 */
export const fromSchemaError = (error: Schema.SchemaError, prefix: Path = []): ValidationError =>
  ValidationError.fromIssues(issuesOf(error.issue, prefix))

const options = { errors: "all", onExcessProperty: "ignore" } as const

/**
 * A decoder for untrusted input: a pure function returning the decoded value or a
 * {@link ValidationError}. `prefix` is put in front of every path (the field the input came from).
 *
 * @since 0.1.0
 * @category constructors
 */
export const decoder = <S extends Schema.Decoder<unknown>>(schema: S) => {
  // valid input takes the compiled path (the same results as Effect Schema's, see FastDecode);
  // input it refuses is decoded again by Effect Schema, which reports every issue with its path
  const fast = FastDecode.compile(schema)
  let decode: ReturnType<typeof Schema.decodeUnknownResult<S>> | undefined
  return (input: unknown, prefix: Path = []): Result.Result<S["Type"], ValidationError> => {
    const value = fast(input)
    if (value !== FastDecode.invalid) return Result.succeed(value)
    return Result.mapError((decode ??= Schema.decodeUnknownResult(schema))(input, options), (e) => fromSchemaError(e, prefix))
  }
}

/**
 * Decodes untrusted input in an effect, failing with a {@link ValidationError}.
 *
 * @since 0.1.0
 * @category constructors
 */
export const decodeEffect = <S extends Schema.Decoder<unknown>>(schema: S) => {
  const decode = decoder(schema)
  return (input: unknown, prefix: Path = []): Effect.Effect<S["Type"], ValidationError> =>
    Effect.fromResult(decode(input, prefix))
}

/**
 * An encoder to the JSON-compatible form (the form stored and hashed). Encoding a value that the
 * schema's type accepts does not fail for Houqin's schemas; a failure is returned as a
 * {@link ValidationError} all the same.
 *
 * @since 0.1.0
 * @category constructors
 */
export const encoder = <S extends Schema.Encoder<unknown>>(schema: S) => {
  // the compiled path, as for decoding (the same results as Effect Schema's); a value it refuses is
  // encoded again by Effect Schema for the report
  const fast = FastDecode.compileEncoder(schema)
  let encode: ReturnType<typeof Schema.encodeUnknownResult<S>> | undefined
  return (value: S["Type"]): Result.Result<S["Encoded"], ValidationError> => {
    const out = fast(value)
    if (out !== FastDecode.invalid) return Result.succeed(out)
    return Result.mapError((encode ??= Schema.encodeUnknownResult(schema))(value, { errors: "all" }), (e) => fromSchemaError(e))
  }
}
