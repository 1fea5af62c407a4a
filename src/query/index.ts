/**
 * Typed query builder of mosaico-web (docs/protocol.md §8): the TypeScript
 * counterpart of the Python SDK's `.Q` proxies and query builders.
 *
 * @example
 * ```ts
 * import { IMU, Query, toQueryJson } from "mosaico-web";
 *
 * const body = toQueryJson(
 *   Query.sequence().name.match("drive_*").createdAt.geq(new Date("2026-01-01")),
 *   Query.topic().ontologyTag.eq(IMU.tag),
 *   IMU.Q.acceleration.x.gt(5),
 * );
 * ```
 */
export { Query, toQueryJson, MosaicoQuery } from "./query.js";
export type { QueryPart } from "./query.js";
export { SequenceQuery } from "./sequence-query.js";
export { TopicQuery } from "./topic-query.js";
export { OntologyQuery } from "./ontology-query.js";
export { ontologyField, ontologyList, isOntologyExpression } from "./ontology-expression.js";
export type { OntologyExpression } from "./ontology-expression.js";
export type { Operator, EqualityOps, OrderedOps, TextOps, ScalarOps, MetadataOps } from "./operators.js";
export type { ListOps, ScalarListOps, UntypedListOps } from "./list-operators.js";
export type { JsonScalar, TimestampInput } from "./value-checks.js";
export type { SectionCondition } from "./section-conditions.js";
export { clusterizeRequestBody, intersectRequestBody } from "./temporal-filter.js";
export type { ClusterizeOptions, IntersectOptions } from "./temporal-filter.js";
