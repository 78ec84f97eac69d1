/**
 * @houqin/adapter-sql — Houqin's storage on SQL through Kysely: SQLite embedded by default
 * (better-sqlite3), PostgreSQL (pg) and MariaDB (mysql2).
 *
 * @since 0.1.0
 */
export { dialects, layer, make, migrateToLatest, open } from "./SqlStorage.ts"
export type { CommonOptions, Handle, SqlOptions } from "./SqlStorage.ts"
export type { Database, SqlBackend } from "./Backend.ts"
export type { Capabilities, DdlV1, DialectName } from "./Dialect.ts"
export type { SqliteDatabaseLike, SqliteOptions, SqliteStatementLike } from "./dialects/sqlite.ts"
export type { CopyFrom, PgClientLike, PgPoolLike, PostgresOptions } from "./dialects/postgres.ts"
export type { MysqlConnectionLike, MysqlOptions, MysqlPoolLike } from "./dialects/mysql.ts"
export * as Migrations from "./Migrations.ts"
export * as Specs from "./Specs.ts"
export * as Tables from "./Tables.ts"
