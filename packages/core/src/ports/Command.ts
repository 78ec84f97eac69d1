/**
 * Commands: the only way Houqin writes. A command validates its input (a `ValidationError` with
 * the path for bad input, before anything is read or written), reads what it needs through
 * repository services, and writes through one unit of work with one audit entry: all of it
 * commits or none does.
 *
 * Every command input carries the school and the actor (a staff id, or `"system"`). A bulk command
 * (an import of readings, an enrolment) names its rows' field with `bulk`: its audit entry then
 * records, in place of the rows, their count and the SHA-256 of their canonical encoding — the rows
 * themselves are in their tables (CONTRACTS.md) — so that entry stays small and quick to hash.
 *
 * @since 0.1.0
 */
import { Effect, Schema } from "effect"
import * as Decode from "../kernel/Decode.ts"
import * as Json from "../kernel/Json.ts"
import type { StorageError, ValidationError } from "../kernel/Errors.ts"
import { SchoolId } from "../kernel/People.ts"
import type { ConflictError } from "../kernel/Errors.ts"
import { AuditLog } from "./AuditLog.ts"
import { UnitOfWork } from "./UnitOfWork.ts"

/**
 * The fields every command input has: the school and who is acting.
 *
 * @since 0.1.0
 * @category schemas
 */
export const contextFields = {
  schoolId: SchoolId,
  actor: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(64))
} as const

type ArrayKeys<T> = { [K in keyof T & string]: NonNullable<T[K]> extends ReadonlyArray<unknown> ? K : never }[keyof T & string]

/**
 * Where a bulk command's rows are in its input: a field holding an array (`"readings"`), or a
 * field of a field (`["batch", "items"]`).
 *
 * @since 0.1.0
 * @category models
 */
export type BulkPath<I> = ArrayKeys<I> | { [K in keyof I & string]: readonly [K, ArrayKeys<NonNullable<I[K]>>] }[keyof I & string]

/**
 * A command: its stable name (`retention.recordSample`, also the audit entry's `command`), its
 * input schema and what it does; for a bulk command, where its rows are in the input.
 *
 * @since 0.1.0
 * @category models
 */
export interface CommandSpec<I extends { readonly schoolId: string; readonly actor: string }, IE, A, E, R> {
  readonly name: string
  readonly input: Schema.Codec<I, IE>
  readonly run: (input: I) => Effect.Effect<A, E, R>
  /**
   * the input field holding a bulk command's rows: the audit entry records `{ count, hash }` in
   * its place (the rows' number and the SHA-256 of their canonical JSON encoding)
   */
  readonly bulk?: BulkPath<I>
}

/**
 * The audit form of a bulk command's encoded input: the rows at `path` replaced by their count
 * and the SHA-256 of their canonical encoding.
 *
 * @since 0.1.0
 * @category encoding
 */
export const summariseRows = (encoded: unknown, path: ReadonlyArray<string>): Effect.Effect<unknown, ValidationError> => {
  const [field, ...rest] = path
  if (field === undefined) {
    const rows = Array.isArray(encoded) ? encoded : []
    return Effect.map(Json.hashCanonical(rows), (hash) => ({ count: rows.length, hash }))
  }
  if (typeof encoded !== "object" || encoded === null || !(field in encoded)) return Effect.succeed(encoded)
  const record = encoded as Record<string, unknown>
  return Effect.map(summariseRows(record[field], rest), (inner) => ({ ...record, [field]: inner }))
}

/**
 * The runnable form of a command: takes untrusted input (decoded with `input`, a
 * `ValidationError` with the path for bad input) and exposes its input schema, so that typed front
 * doors can state what it takes (`Input<typeof cmd>`: the encoded, JSON form).
 *
 * @since 0.1.0
 * @category models
 */
export interface Command<A, E, R, I = unknown, IE = unknown> {
  (input: unknown): Effect.Effect<A, E | ValidationError | ConflictError | StorageError, R | UnitOfWork | AuditLog>
  readonly commandName: string
  /** the input schema: `Schema.Type` is what `run` gets, `Schema.Encoded` what callers send */
  readonly input: Schema.Codec<I, IE>
}

/**
 * The input a command takes, in its encoded (JSON) form: plain strings for dates, instants and
 * decimals, `{ amount, currency }` for money. `Command.Input<typeof Canteen.Commands.planMeal>`.
 *
 * @since 0.1.0
 * @category models
 */
export type Input<C> = C extends { readonly input: Schema.Codec<infer _I, infer IE> } ? IE : never

/**
 * What a command returns when it succeeds.
 *
 * @since 0.1.0
 * @category models
 */
export type Output<C> = C extends Command<infer A, infer _E, infer _R, infer _I, infer _IE> ? A : never

/**
 * Defines a command.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = <I extends { readonly schoolId: string; readonly actor: string }, IE, A, E, R>(
  spec: CommandSpec<I, IE, A, E, R>
): Command<A, E, R, I, IE> => {
  const decode = Decode.decodeEffect(spec.input)
  const encode = Decode.encoder(spec.input)
  const bulk: ReadonlyArray<string> | undefined = spec.bulk === undefined ? undefined : typeof spec.bulk === "string" ? [spec.bulk] : spec.bulk
  const run = (raw: unknown) =>
    Effect.gen(function*() {
      const input = (yield* decode(raw))
      const encoded = yield* Effect.fromResult(encode(input))
      const encodedInput = bulk === undefined ? encoded : yield* summariseRows(encoded, bulk)
      const uow = yield* UnitOfWork
      const audit = yield* AuditLog
      return yield* uow.transaction(spec.run(input), (changes) =>
        Effect.asVoid(audit.append({
          schoolId: input.schoolId,
          actor: input.actor,
          command: spec.name,
          input: encodedInput as Schema.Json,
          changes
        })))
    }).pipe(Effect.withSpan(spec.name))
  return Object.assign(run, { commandName: spec.name, input: spec.input })
}
