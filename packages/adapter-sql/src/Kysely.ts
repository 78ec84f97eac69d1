/**
 * A Kysely instance over the adapter's own connections: Kysely builds and compiles the queries
 * (and runs the migrator), the dialect's pool runs them, so a query of yours and a command of
 * Houqin's share one pool and one transaction discipline.
 *
 * @since 0.1.0
 */
import type { DatabaseConnection, Driver, QueryResult } from "kysely"
import { Kysely } from "kysely"
import type { Database } from "./Backend.ts"
import type { Capabilities, Connection, Pool } from "./Dialect.ts"

class PooledConnection implements DatabaseConnection {
  readonly inner: Connection
  constructor(inner: Connection) {
    this.inner = inner
  }
  async executeQuery<R>(compiled: { readonly sql: string; readonly parameters: ReadonlyArray<unknown> }): Promise<QueryResult<R>> {
    const r = await this.inner.query(compiled.sql, compiled.parameters)
    return { rows: r.rows as Array<R>, numAffectedRows: BigInt(r.affected) }
  }
  streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error("streaming is not supported by @houqin/adapter-sql's Kysely driver")
  }
}

class PoolDriver implements Driver {
  readonly caps: Capabilities
  readonly pool: Pool
  constructor(caps: Capabilities, pool: Pool) {
    this.caps = caps
    this.pool = pool
  }
  init(): Promise<void> {
    return Promise.resolve()
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    return new PooledConnection(await this.pool.acquire())
  }
  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    for (const statement of this.caps.begin) await (connection as PooledConnection).inner.query(statement, [])
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as PooledConnection).inner.query("COMMIT", [])
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as PooledConnection).inner.query("ROLLBACK", [])
  }
  releaseConnection(connection: DatabaseConnection): Promise<void> {
    this.pool.release((connection as PooledConnection).inner, false)
    return Promise.resolve()
  }
  destroy(): Promise<void> {
    // the pool belongs to the storage, which closes it
    return Promise.resolve()
  }
}

/**
 * A Kysely instance over a dialect's pool.
 *
 * @since 0.1.0
 * @category constructors
 */
export const kysely = (caps: Capabilities, pool: Pool): Kysely<Database> =>
  new Kysely<Database>({
    dialect: {
      createAdapter: caps.kysely.adapter,
      createDriver: () => new PoolDriver(caps, pool),
      createIntrospector: (db) => caps.kysely.introspector(db as Kysely<unknown>),
      createQueryCompiler: caps.kysely.compiler
    }
  })
