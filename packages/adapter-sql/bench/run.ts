/**
 * Runs every benchmark of the SQL adapter (`bench/*.bench.ts`), each in a Node process of its own so that
 * one's memory does not weigh on the next. Benchmarks print their own report: throughput, scaling
 * against the raw method of each engine.
 *
 *   pnpm bench                 # all
 *   pnpm bench bulk            # those whose file name contains "bulk"
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
