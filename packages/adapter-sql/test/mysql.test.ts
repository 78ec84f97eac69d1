/**
 * MariaDB's connections: one that sent a statement past 64 KiB is closed instead of going back to
 * the pool. The server's buffer for a connection's incoming packets grows to its largest statement
 * and stays so, and on such a connection the server sends a result of a hundred kilobytes in one
 * piece once complete instead of in parts the client parses meanwhile (a fridge's week read 45 ms
 * on a new connection, 57 ms on one that had sent 128 kB; the dialect's `HEAVY`).
 */
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import type { Pool } from "../src/Dialect.ts"
import { mysql } from "../src/dialects/mysql.ts"
import { mysqlUrl } from "./engines.ts"

describe.skipIf(mysqlUrl === undefined)("MariaDB connections", () => {
  let pool: Pool
  beforeAll(async () => {
    pool = await mysql.open({ dialect: "mysql", url: mysqlUrl!, poolSize: 1 })
  })
  afterAll(() => pool?.close())

  /** runs `sql` on the pool's one connection and says which server connection ran it */
  const on = async (sql: string, params: ReadonlyArray<unknown>): Promise<number> => {
    const c = await pool.acquire()
    try {
      await c.query(sql, params)
      const r = await c.query("SELECT CONNECTION_ID() AS id", [])
      return Number(r.rows[0]!["id"])
    } finally {
      pool.release(c, false)
    }
  }

  it("keeps a connection whose statements stayed under 64 KiB, and replaces one that sent more", async () => {
    const first = await on("SELECT 1", [])
    assert.strictEqual(await on("SELECT 1", []), first, "a small statement: the same connection comes back")
    // 10,000 Chinese characters are 30,000 bytes in UTF-8: with the statement, under 65,536
    const small = "留".repeat(10_000)
    assert.strictEqual(await on("SELECT CHAR_LENGTH(?) AS n", [small]), first, "30 kB: kept")
    // 30,000 Chinese characters are 90,000 bytes: past 65,536
    const large = "留".repeat(30_000)
    const replaced = await on("SELECT CHAR_LENGTH(?) AS n", [large])
    assert.strictEqual(replaced, first, "the statement itself runs on the connection it was sent on")
    const next = await on("SELECT 1", [])
    assert.notStrictEqual(next, first, "90 kB: the connection is closed on release and a new one serves the next statement")
    assert.strictEqual(await on("SELECT 1", []), next, "the new connection is kept again")
  })

  it("replaces the connection a bulk write ran on", async () => {
    const c = await pool.acquire()
    let before: number
    try {
      before = Number((await c.query("SELECT CONNECTION_ID() AS id", [])).rows[0]!["id"])
      await c.query("CREATE TEMPORARY TABLE bulk_probe (id INT, text VARCHAR(512))", [])
      // 1,000 rows of 100 characters: a statement of about 100 kB
      const rows = Array.from({ length: 1000 }, (_, i) => [i, "x".repeat(100)])
      let at = 0
      await c.bulkInsert({ table: "bulk_probe", columns: ["id", "text"] }, { next: (n) => (at >= rows.length ? undefined : rows.slice(at, (at += n))) })
      const counted = await c.query("SELECT COUNT(*) AS n FROM bulk_probe", [])
      assert.strictEqual(Number(counted.rows[0]!["n"]), 1000)
    } finally {
      pool.release(c, false)
    }
    assert.notStrictEqual(await on("SELECT 1", []), before)
  })
})
