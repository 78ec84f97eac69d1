/**
 * The services every command needs, over one storage backend: the unit of work, the audit log and
 * the repository of every aggregate of every module.
 *
 * @since 0.1.0
 */
import { Layer } from "effect"
import * as AuditLog from "./ports/AuditLog.ts"
import * as Assets from "./ports/assets.ts"
import * as Canteen from "./ports/canteen.ts"
import * as Memory from "./ports/Memory.ts"
import * as People from "./ports/people.ts"
import * as Retention from "./ports/retention.ts"
import * as Health from "./ports/health.ts"
import type { Storage } from "./ports/Storage.ts"
import * as UnitOfWork from "./ports/UnitOfWork.ts"
import * as Approvals from "./ports/approvals.ts"

/**
 * Every repository service, unit of work and audit log over a `Storage` backend.
 *
 * @since 0.1.0
 * @category layers
 */
export const services = Layer.mergeAll(
  Layer.effect(UnitOfWork.UnitOfWork, UnitOfWork.make),
  Layer.effect(AuditLog.AuditLog, AuditLog.make),
  People.repositories,
  Approvals.repositories,
  Retention.repositories,
  Assets.repositories,
  Canteen.repositories,
  Health.repositories
)

/**
 * The services a backend layer gives, with the backend itself.
 *
 * @since 0.1.0
 * @category models
 */
export type Services = Layer.Success<typeof services> | Storage

/**
 * All services over a backend.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = <E, R>(backend: Layer.Layer<Storage, E, R>): Layer.Layer<Services, E, R> =>
  Layer.provideMerge(services, backend)

/**
 * All services over a fresh memory backend.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerMemory: Layer.Layer<Services> = layer(Memory.layerMemory)
