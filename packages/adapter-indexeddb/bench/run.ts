/**
 * Runs the adapter's benchmarks (`bench/*.bench.ts`), each in a Node process of its own:
 * 100,000 rows on fake-indexeddb, and bundle sizes. `chromium.ts` (Chromium's own IndexedDB) is
 * run by hand, as it needs /usr/bin/chromium.
 *
 *   pnpm --filter @houqin/adapter-indexeddb bench [filter]
 */
import { spawnSync } from "node:child_process"
import { readdirSync } from "node:fs"
import { join } from "node:path"

const dir = import.meta.dirname
const filter = process.argv[2]
const files = readdirSync(dir).filter((f) => f.endsWith(".bench.ts") && (filter === undefined || f.includes(filter))).sort()
let failed = 0
for (const f of files) {
  console.log(`\n═══ ${f}`)
  const r = spawnSync(process.execPath, ["--conditions=@houqin/source", "--expose-gc", join(dir, f)], { stdio: "inherit" })
  if (r.status !== 0) failed++
}
if (files.length === 0) console.log("no benchmarks matched")
process.exit(failed === 0 ? 0 : 1)
