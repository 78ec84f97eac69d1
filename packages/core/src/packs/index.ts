/**
 * Rule packs: the composed schema, overrides, the `Rules` service and the packs Houqin ships.
 *
 * @since 0.1.0
 */
export * from "./RulePack.ts"
export { cn } from "./cn.ts"
export { who } from "./who.ts"
