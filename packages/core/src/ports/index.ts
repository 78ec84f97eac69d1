/**
 * The storage port: the contract adapters implement (`Storage`), repositories, the unit of work,
 * commands, the hash-chained audit log, the memory backend, and the storage of the people model.
 *
 * @since 0.1.0
 */
export * as Approvals from "./approvals.ts"
export * as Assets from "./assets.ts"
export * as AuditLog from "./AuditLog.ts"
export * as Canteen from "./canteen.ts"
export * as Command from "./Command.ts"
export * as Memory from "./Memory.ts"
export * as People from "./people.ts"
export * as Health from "./health.ts"
export * as Repository from "./Repository.ts"
export * as Retention from "./retention.ts"
export * as School from "./School.ts"
export * as Storage from "./Storage.ts"
export * as UnitOfWork from "./UnitOfWork.ts"
export { layerMemory } from "./Memory.ts"
