/**
 * Testing support: the domain arbitraries for fast-check and the conformance suite every storage
 * backend runs.
 *
 * @since 0.1.0
 */
export * as Arbitraries from "./arbitraries.ts"
export { groups, suite } from "./conformance.ts"
export type { Case, CaseServices, Group, SuiteOptions } from "./conformance.ts"
export * as ApprovalsArbitraries from "./approvals.ts"
export * as RetentionArbitraries from "./retention.ts"
export * as AssetArbitraries from "./assets.ts"
export * as CanteenArbitraries from "./canteen.ts"
export * as CanteenFixtures from "./canteenFixtures.ts"
