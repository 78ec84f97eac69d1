import { defineProject } from "vitest/config"
import { sourceConditions } from "../../vitest.shared.ts"

export default defineProject({
  resolve: { conditions: sourceConditions },
  ssr: { resolve: { conditions: sourceConditions } },
  test: {
    name: "adapter-sql",
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    environment: "node",
    // the server suites share two engines; their files run one after another
    fileParallelism: false
  }
})
