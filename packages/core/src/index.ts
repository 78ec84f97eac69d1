/**
 * Houqin (后勤): a correct, tested core for the back office of schools, kindergartens and
 * institutional canteens.
 *
 * @since 0.1.0
 */
export * from "./kernel/index.ts"
export * as Ports from "./ports/index.ts"
export * as Packs from "./packs/index.ts"
export { cn } from "./packs/cn.ts"
export type { RulePack } from "./packs/RulePack.ts"
export { Rules } from "./packs/RulePack.ts"
export * as Layers from "./layers.ts"
export { createHouqin } from "./houqin.ts"
export type { Houqin, HouqinOptions } from "./houqin.ts"
export * as Approvals from "./approvals/index.ts"
export * as Simulation from "./simulation/index.ts"
export * as Retention from "./retention/index.ts"
export * as Assets from "./assets/index.ts"
export * as Canteen from "./canteen/index.ts"
export * as Health from "./health/index.ts"
