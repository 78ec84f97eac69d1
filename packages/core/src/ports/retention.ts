/**
 * Storage of the retention module: fridges, samples (with their disposal) and temperature
 * readings, each an aggregate with its projected fields and a repository service.
 *
 * Projected fields are what queries filter, range and order by, and the columns an ERP team reads
 * with plain SQL: samples by service date, meal, dish, fridge, weight, taker, reviewer and
 * disposal; readings by fridge and instant, with the temperature (a fridge's readings of a
 * period, in time order, are the compliance check's stream). A sample and a reading name their
 * fridge (a foreign key): a fridge is retired, never removed, while they name it.
 *
 * @since 0.1.0
 */
import { Context, Layer } from "effect"
import type { Fridge as FridgeType, Reading as ReadingType, Sample as SampleType } from "../retention/model.ts"
import { Fridge, Reading, Sample } from "../retention/model.ts"
import { format as decimal } from "../kernel/Decimal.ts"
import * as Repository from "./Repository.ts"
import { aggregate } from "./Storage.ts"

/**
 * The fridge aggregate (`retention.fridge`).
 *
 * @since 0.1.0
 * @category specs
 */
export const FridgeSpec = aggregate({
  name: "retention.fridge",
  schema: Fridge,
  fields: {
    name: { kind: "text", get: (f: FridgeType) => f.name },
    location: { kind: "text", get: (f: FridgeType) => f.location ?? null },
    dedicated: { kind: "bool", get: (f: FridgeType) => f.dedicated },
    active: { kind: "bool", get: (f: FridgeType) => f.active }
  }
})

/**
 * The sample aggregate (`retention.sample`), queryable by service date, meal, dish, fridge (a
 * reference), time taken, weight in grams (an exact decimal), taker, reviewer and disposal.
 *
 * @since 0.1.0
 * @category specs
 */
export const SampleSpec = aggregate({
  name: "retention.sample",
  schema: Sample,
  fields: {
    mealId: { kind: "text", get: (s: SampleType) => s.mealId },
    serviceDate: { kind: "date", get: (s: SampleType) => s.serviceDate },
    meal: { kind: "text", get: (s: SampleType) => s.meal },
    dishId: { kind: "text", get: (s: SampleType) => s.dishId },
    dishName: { kind: "text", get: (s: SampleType) => s.dishName ?? null },
    fridgeId: { kind: "text", get: (s: SampleType) => s.fridgeId, references: "retention.fridge" },
    takenAt: { kind: "instant", get: (s: SampleType) => s.takenAt.epochMilliseconds },
    grams: { kind: "decimal", get: (s: SampleType) => (s.grams === undefined ? null : decimal(s.grams)) },
    takerId: { kind: "text", get: (s: SampleType) => s.takerId ?? null },
    reviewerId: { kind: "text", get: (s: SampleType) => s.reviewerId ?? null },
    disposed: { kind: "bool", get: (s: SampleType) => s.disposal !== undefined },
    disposedAt: { kind: "instant", get: (s: SampleType) => s.disposal?.at.epochMilliseconds ?? null },
    disposedBy: { kind: "text", get: (s: SampleType) => s.disposal?.by ?? null }
  }
})

/**
 * The temperature reading aggregate (`retention.reading`), queryable by fridge (a reference) and
 * instant, with the temperature in °C and who recorded it.
 *
 * @since 0.1.0
 * @category specs
 */
export const ReadingSpec = aggregate({
  name: "retention.reading",
  schema: Reading,
  fields: {
    fridgeId: { kind: "text", get: (r: ReadingType) => r.fridgeId, references: "retention.fridge" },
    at: { kind: "instant", get: (r: ReadingType) => r.at.epochMilliseconds },
    celsius: { kind: "number", get: (r: ReadingType) => r.celsius },
    recordedBy: { kind: "text", get: (r: ReadingType) => r.recordedBy ?? null }
  },
  // a fridge's readings over a period, and paging back from an instant (the compliance check)
  indexes: [["fridgeId", "at"]]
})

/**
 * @since 0.1.0
 * @category services
 */
export class FridgeRepository extends Context.Service<FridgeRepository, Repository.Repository<FridgeType>>()(
  "@houqin/core/retention/FridgeRepository"
) {}

/**
 * @since 0.1.0
 * @category services
 */
export class SampleRepository extends Context.Service<SampleRepository, Repository.Repository<SampleType>>()(
  "@houqin/core/retention/SampleRepository"
) {}

/**
 * @since 0.1.0
 * @category services
 */
export class ReadingRepository extends Context.Service<ReadingRepository, Repository.Repository<ReadingType>>()(
  "@houqin/core/retention/ReadingRepository"
) {}

/**
 * Every aggregate spec of the retention module (for adapters' migrations).
 *
 * @since 0.1.0
 * @category specs
 */
export const specs = [FridgeSpec, SampleSpec, ReadingSpec] as const

/**
 * The retention repositories over a storage backend.
 *
 * @since 0.1.0
 * @category layers
 */
export const repositories = Layer.mergeAll(
  Repository.layer(FridgeRepository, FridgeSpec),
  Repository.layer(SampleRepository, SampleSpec),
  Repository.layer(ReadingRepository, ReadingSpec)
)
