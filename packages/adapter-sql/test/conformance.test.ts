/**
 * The core's conformance suite — the same cases the memory backend passes — against SQLite (memory
 * and file), PostgreSQL and MariaDB; and with `keepBulkRows` (the server end of device sync) on
 * SQLite in memory and both servers, adding the cases of kept bulk rows.
 */
import { suite } from "@houqin/core/testing"
import { describe } from "vitest"
import { engines, layer } from "./engines.ts"

for (const engine of engines) {
  describe.skipIf(!engine.available)(engine.name, () => {
    suite(engine.name, layer(engine))
  })
}

for (const engine of engines.filter((e) => e.name === "sqlite (memory)" || e.name === "postgres" || e.name === "mariadb")) {
  describe.skipIf(!engine.available)(`${engine.name}, keeping bulk rows`, () => {
    suite(`${engine.name}, keeping bulk rows`, layer(engine, { keepBulkRows: true }), { keepsBulkRows: true })
  })
}
