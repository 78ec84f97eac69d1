import { defineConfig } from "tsup"

// one entry per public subpath of package.json's `exports`
export default defineConfig({
  entry: {
    index: "src/index.ts"
  },
  format: ["esm"],
  target: "es2023",
  platform: "node",
  dts: { compilerOptions: { composite: false, emitDeclarationOnly: false, declarationMap: false } },
  sourcemap: true,
  clean: true,
  splitting: true,
  treeshake: true,
  external: ["@houqin/core", "effect", "kysely", "better-sqlite3", "pg", "pg-copy-streams", "mysql2", "mysql2/promise"]
})
