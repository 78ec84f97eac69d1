/**
 * Vitest settings shared by the packages: tests import the workspace packages' TypeScript sources
 * through the private `@houqin/source` export condition (so no build is needed to test), and keep
 * Vite's default conditions after it.
 */
import { defaultServerConditions } from "vite"

export const sourceConditions = ["@houqin/source", ...defaultServerConditions]
