/**
 * Repositories: the typed access every module uses for its aggregates, over any backend.
 *
 * A module declares an aggregate spec and a repository service per aggregate:
 *
 * ```ts
 * export class SampleRepository extends Context.Service<SampleRepository, Repository.Repository<Sample>>()(
 *   "@houqin/core/retention/SampleRepository"
 * ) {}
 * export const SampleRepositoryLive = Repository.layer(SampleRepository, SampleSpec)
 * ```
 *
 * Writes check versions (a stale version fails with a `ConflictError`), encode through the schema
 * (a value that cannot be stored, such as a decimal with more than 8 places, fails with a typed
 * error before anything is written) and, inside a unit of work, record what they changed for the
 * audit log.
 *
 * @since 0.1.0
 */
import type { Context , Schema } from "effect"
import { Effect, Layer, Option, Result } from "effect"
import * as Decode from "../kernel/Decode.ts"
import type { StorageError, ValidationError } from "../kernel/Errors.ts"
import { NotFoundError } from "../kernel/Errors.ts"
import * as Json from "../kernel/Json.ts"
import type { Change } from "./AuditLog.ts"
import type { AggregateRoot, AggregateSpec, Query, Row, WriteError } from "./Storage.ts"
import { Storage } from "./Storage.ts"
import { CurrentUnitOfWork, key } from "./UnitOfWork.ts"

/**
 * A repository of one aggregate.
 *
 * @since 0.1.0
 * @category models
 */
export interface Repository<A extends AggregateRoot> {
  readonly spec: AggregateSpec<A, unknown>
  /** the record, or a `NotFoundError` */
  readonly get: (schoolId: string, id: string) => Effect.Effect<A, NotFoundError | StorageError>
  readonly find: (schoolId: string, id: string) => Effect.Effect<Option.Option<A>, StorageError>
  readonly list: (schoolId: string, query?: Query) => Effect.Effect<ReadonlyArray<A>, StorageError>
  readonly count: (schoolId: string, query?: Query) => Effect.Effect<number, StorageError>
  /** stores a new record with version 1 and returns it */
  readonly insert: (value: A) => Effect.Effect<A, ValidationError | WriteError>
  /** stores new records with version 1 in one write, recorded as one bulk change */
  readonly insertMany: (values: ReadonlyArray<A>) => Effect.Effect<ReadonlyArray<A>, ValidationError | WriteError>
  /** stores a changed record read at `value.version`; returns it with the next version */
  readonly update: (value: A) => Effect.Effect<A, ValidationError | WriteError | NotFoundError>
  /** removes a record read at `value.version` */
  readonly remove: (value: A) => Effect.Effect<void, ValidationError | WriteError | NotFoundError>
}

/**
 * A repository for a spec over the storage backend.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = <A extends AggregateRoot, E>(spec: AggregateSpec<A, E>): Effect.Effect<Repository<A>, never, Storage> =>
  Effect.map(Storage, (storage) => {
    const raw = storage.repository(spec)
    const encode = Decode.encoder(spec.schema)
    const toRow = (value: A): Effect.Effect<Row<A>, ValidationError> =>
      Effect.fromResult(Result.map(encode(value), (encoded) => ({ value, encoded })))
    const remember = (schoolId: string, id: string, value: Option.Option<A>) =>
      Effect.flatMap(CurrentUnitOfWork, (uow) =>
        Effect.sync(() => {
          if (uow !== undefined && Option.isSome(value)) uow.reads.set(key(spec.name, schoolId, id), value.value)
        }))
    const record = (change: Change) =>
      Effect.flatMap(CurrentUnitOfWork, (uow) =>
        Effect.sync(() => {
          uow?.changes.push(change)
        }))
    const before = (value: A): Effect.Effect<unknown, StorageError> =>
      Effect.flatMap(CurrentUnitOfWork, (uow) => {
        const k = key(spec.name, value.schoolId, value.id)
        const read = uow?.reads.get(k) as A | undefined
        const found: Effect.Effect<Option.Option<A>, StorageError> = read !== undefined && read.version === value.version
          ? Effect.succeed(Option.some(read))
          : raw.get(value.schoolId, value.id)
        return Effect.map(found, (o) => (Option.isSome(o) ? Result.getOrUndefined(encode(o.value)) : undefined))
      })
    const find = (schoolId: string, id: string) => Effect.tap(raw.get(schoolId, id), (o) => remember(schoolId, id, o))
    return {
      spec: spec,
      find,
      get: (schoolId, id) =>
        Effect.flatMap(find(schoolId, id), (o) =>
          Option.isSome(o) ? Effect.succeed(o.value) : Effect.fail(NotFoundError.create(spec.name, schoolId, id))),
      list: (schoolId, query) => raw.list(schoolId, query),
      count: (schoolId, query) => raw.count(schoolId, query),
      insert: (value) =>
        Effect.gen(function*() {
          const stored = { ...value, version: 1 }
          const row = yield* toRow(stored)
          yield* raw.insert([row])
          yield* record({ aggregate: spec.name, op: "insert", id: stored.id, version: 1, after: row.encoded as Schema.Json })
          return stored
        }),
      insertMany: (values) =>
        Effect.suspend((): Effect.Effect<ReadonlyArray<A>, ValidationError | WriteError> => {
          if (values.length === 0) return Effect.succeed([])
          // one pass over the rows, as the backend asks for them: each is encoded through the
          // schema and written as canonical JSON; the rows' hash (of the list's canonical text, as
          // `Json.hashCanonical(encoded)`) starts once the last row is encoded, while the backend
          // writes the last ones
          const n = values.length
          const stored = new Array<A>(n)
          // the rows' UTF-8 is added batch by batch, in order; a batch asked for again (to
          // diagnose a failed write) is not added twice
          const hasher = Json.listHash()
          let hash: Effect.Effect<string> | undefined
          const rowsOf = (start: number, end: number): Result.Result<ReadonlyArray<Row<A>>, ValidationError> => {
            const out = new Array<Row<A>>(end - start)
            const texts = new Array<string>(end - start)
            for (let i = start; i < end; i++) {
              const value = { ...values[i]!, version: 1 }
              const encoded = encode(value)
              if (Result.isFailure(encoded)) return Result.fail(encoded.failure)
              const text = Json.canonicalize(encoded.success)
              if (Result.isFailure(text)) {
                // the error names the row's index, as the whole list's encoding would
                const before = values.slice(0, i).map((v) => Result.getOrUndefined(encode({ ...v, version: 1 })))
                const all = Json.canonicalize([...before, encoded.success])
                return Result.fail(Result.isFailure(all) ? all.failure : text.failure)
              }
              stored[i] = value
              texts[i - start] = text.success
              out[i - start] = { value, encoded: encoded.success, canonical: text.success }
            }
            if (start === hasher.count) {
              hasher.add(texts)
              if (end === n) hash = hasher.digest()
            }
            return Result.succeed(out)
          }
          const write = raw.insertSource !== undefined
            ? raw.insertSource({ length: n, rows: rowsOf })
            : Effect.flatMap(Effect.fromResult(rowsOf(0, n)), raw.insert)
          return write.pipe(
            // a backend that asked for the rows out of order: the hash of every row, from scratch
            Effect.andThen(Effect.suspend(() => hash ?? Effect.orDie(Json.hashCanonical(stored.map((v) => Result.getOrThrow(encode(v))))))),
            Effect.flatMap((hash) => record({ aggregate: spec.name, op: "bulkInsert", count: n, hash })),
            Effect.as(stored as ReadonlyArray<A>)
          )
        }),
      update: (value) =>
        Effect.gen(function*() {
          const previous = yield* before(value)
          const stored = { ...value, version: value.version + 1 }
          const row = yield* toRow(stored)
          yield* raw.update(row, value.version)
          yield* record({
            aggregate: spec.name,
            op: "update",
            id: stored.id,
            version: stored.version,
            ...(previous === undefined ? {} : { before: previous as Schema.Json }),
            after: row.encoded as Schema.Json
          })
          return stored
        }),
      remove: (value) =>
        Effect.gen(function*() {
          const previous = yield* before(value)
          yield* raw.remove(value.schoolId, value.id, value.version)
          yield* record({
            aggregate: spec.name,
            op: "remove",
            id: value.id,
            version: value.version,
            ...(previous === undefined ? {} : { before: previous as Schema.Json })
          })
        })
    }
  })

/**
 * The layer of a repository service for a spec.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = <I, A extends AggregateRoot, E>(
  service: Context.Service<I, Repository<A>>,
  spec: AggregateSpec<A, E>
): Layer.Layer<I, never, Storage> => Layer.effect(service, make(spec))
