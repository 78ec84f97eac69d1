/**
 * The core's conformance suite — the same cases the memory backend passes — against SQLite (memory
 * and file), PostgreSQL and MariaDB.
 */
import { suite } from "@houqin/core/testing"
import { describe } from "vitest"
import { engines, layer } from "./engines.ts"

for (const engine of engines) {
  describe.skipIf(!engine.available)(engine.name, () => {
    suite(engine.name, layer(engine))
  })
}
