import { defineConfig } from "tsup"

// one entry per public subpath of package.json's `exports`
export default defineConfig({
  entry: {
    index: "src/index.ts",
    "kernel/index": "src/kernel/index.ts",
    "ports/index": "src/ports/index.ts",
    "packs/index": "src/packs/index.ts",
    "testing/index": "src/testing/index.ts",
    "approvals/index": "src/approvals/index.ts",
    "simulation/index": "src/simulation/index.ts",
    "simulation/workers": "src/simulation/workers.ts",
    "simulation/worker": "src/simulation/worker.ts",
    "retention/index": "src/retention/index.ts",
    "assets/index": "src/assets/index.ts",
    "canteen/index": "src/canteen/index.ts",
    "health/index": "src/health/index.ts"
  },
  format: ["esm"],
  target: "es2023",
  platform: "neutral",
  // declarations come from tsc (scripts/build-types.ts), not from bundling
  dts: false,
  sourcemap: true,
  clean: true,
  splitting: true,
  treeshake: true,
  external: ["effect", "vitest", "@effect/vitest", "fast-check", "pure-rand", /^node:/]
})
