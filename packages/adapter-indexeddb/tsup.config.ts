import { defineConfig } from "tsup"

// one entry per public subpath of package.json's `exports`
export default defineConfig({
  entry: { index: "src/index.ts", sync: "src/Sync.ts" },
  format: ["esm"],
  target: "es2023",
  platform: "neutral",
  // declarations come from tsc (scripts/build-types.ts), not from bundling
  dts: false,
  sourcemap: true,
  clean: true,
  splitting: true,
  treeshake: true,
  external: ["effect", "dexie", /^@houqin\/core/]
})
