/**
 * What the client needs of the query builders to send a query or a temporal
 * filter, loaded on the first such call (see data/data-layer.ts for why).
 */
export { toQueryJson } from "./query.js";
export { clusterizeRequestBody, intersectRequestBody } from "./temporal-filter.js";
