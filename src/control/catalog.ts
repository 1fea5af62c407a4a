/**
 * Catalog browsing: ListFlights (docs/protocol.md §7) and GetFlightInfo (§6.1).
 */
import { create } from "@bufbuild/protobuf";
import {
  CriteriaSchema,
  FlightDescriptor_DescriptorType,
  FlightDescriptorSchema,
  type FlightEndpoint,
  type FlightInfo,
} from "../gen/arrow/flight/protocol/Flight_pb.js";
import { Code } from "../errors/code.js";
import { MosaicoError } from "../errors/mosaico-error.js";
import { decodeSchemaMetadataBytes } from "../protocol/ipc/schema-metadata-bytes.js";
import { CONTEXT_KEY, PROPERTIES_KEY, USER_METADATA_KEY, parseMetadataValue } from "../protocol/ipc/schema-metadata.js";
import type { CallOptions } from "../options.js";
import type { ControlContext } from "./control-context.js";
import { isJsonObject, type JsonValue } from "../protocol/json.js";
import { assertSequenceName, resolveTopicLocator, splitTopicLocator } from "../protocol/locators.js";
import type { TimeRange, TopicAppMetadata } from "../protocol/codec/wire-types.js";
import type { SequenceInfo, TopicInfo } from "./types.js";

/** Names of all sequences. */
export async function listSequences(ctx: ControlContext, options?: CallOptions): Promise<string[]> {
  try {
    const names: string[] = [];
    for await (const info of ctx.flight.listFlights(create(CriteriaSchema, {}), ctx.callOptions(options))) {
      const name = info.flightDescriptor?.path[0];
      if (name) names.push(name);
    }
    return names;
  } catch (reason) {
    throw MosaicoError.from(reason);
  }
}

export async function getFlightInfo(
  ctx: ControlContext,
  locator: string,
  range: TimeRange | undefined,
  options?: CallOptions,
): Promise<FlightInfo> {
  if (range?.startNs !== undefined && range.endNs !== undefined && range.startNs >= range.endNs) {
    throw new MosaicoError(Code.InvalidArgument, `empty time range: start (${range.startNs}) must be before end (${range.endNs})`);
  }
  const descriptor = create(FlightDescriptorSchema, {
    type: FlightDescriptor_DescriptorType.CMD,
    cmd: ctx.codec.encodeFlightInfoCommand(locator, range),
  });
  try {
    return await ctx.flight.getFlightInfo(descriptor, ctx.callOptions(options));
  } catch (reason) {
    throw MosaicoError.from(reason);
  }
}

/** A `mosaico:*` schema metadata value, parsed (absent key: undefined). */
function metadataValue(metadata: Map<string, string> | undefined, key: string): JsonValue | undefined {
  const text = metadata?.get(key);
  return text === undefined ? undefined : parseMetadataValue(text);
}

function topicFromEndpoint(
  ctx: ControlContext,
  endpoint: FlightEndpoint,
  fallbackLocator: string,
  schemaMetadata?: Map<string, string>,
): TopicInfo {
  const app: TopicAppMetadata | undefined = ctx.codec.decodeTopicAppMetadata(endpoint.appMetadata);
  const locator = app?.locator ?? fallbackLocator;
  const properties = metadataValue(schemaMetadata, PROPERTIES_KEY);
  const props = isJsonObject(properties) ? properties : {};
  const { sequence, name } = splitTopicLocator(locator);
  return {
    locator,
    sequence,
    name,
    createdAtNs: app?.createdAtNs ?? 0n,
    completedAtNs: app?.completedAtNs ?? null,
    locked: app?.locked ?? false,
    ontologyTag: app?.ontologyTag ?? (typeof props.ontology_tag === "string" ? props.ontology_tag : undefined),
    serializationFormat:
      app?.serializationFormat ?? (typeof props.serialization_format === "string" ? props.serialization_format : undefined),
    userMetadata: app?.userMetadata ?? metadataValue(schemaMetadata, USER_METADATA_KEY) ?? null,
    dataInfo: app?.dataInfo,
    timeWindow: app?.timeWindow,
    ticket: endpoint.ticket?.ticket ?? new Uint8Array(),
  };
}

/** Describes a sequence: metadata, sessions, and one entry per topic. */
export async function sequenceInfo(ctx: ControlContext, name: string, options: CallOptions & TimeRange = {}): Promise<SequenceInfo> {
  assertSequenceName(name);
  const info = await getFlightInfo(ctx, name, options, options);
  const app = ctx.codec.decodeSequenceAppMetadata(info.appMetadata);
  const schemaMetadata = decodeSchemaMetadataBytes(info.schema);
  const context = schemaMetadata?.get(CONTEXT_KEY);
  if (context !== undefined && context !== "sequence") {
    throw new MosaicoError(Code.InvalidArgument, `${JSON.stringify(name)} is a ${context}, not a sequence`);
  }
  return {
    name: app?.locator ?? name,
    createdAtNs: app?.createdAtNs ?? 0n,
    userMetadata: app?.userMetadata ?? metadataValue(schemaMetadata, USER_METADATA_KEY) ?? null,
    sessions: app?.sessions ?? [],
    topics: info.endpoint.map((endpoint) => topicFromEndpoint(ctx, endpoint, name)),
  };
}

/** Describes a topic; with a range, the ticket and time window cover only `[startNs, endNs)`. */
export async function topicInfo(ctx: ControlContext, locator: string, options: CallOptions & TimeRange = {}): Promise<TopicInfo> {
  const resolved = resolveTopicLocator(locator);
  const info = await getFlightInfo(ctx, resolved, options, options);
  const endpoint = info.endpoint[0];
  if (!endpoint) throw new MosaicoError(Code.DataLoss, `the server described topic ${resolved} without an endpoint`);
  // Loaded here, not with the catalog: only topicInfo needs the Arrow schema itself.
  const { decodeSchemaBytes } = await import("../protocol/ipc/schema-bytes.js");
  const schema = decodeSchemaBytes(info.schema);
  const topic = topicFromEndpoint(ctx, endpoint, resolved, schema?.metadata);
  // A topic with no DoPut yet has a schema with no fields.
  if (schema && schema.fields.length > 0) topic.schema = schema;
  return topic;
}

async function exists(probe: () => Promise<unknown>): Promise<boolean> {
  try {
    await probe();
    return true;
  } catch (reason) {
    if (reason instanceof MosaicoError && reason.code === Code.NotFound) return false;
    throw reason;
  }
}

export function sequenceExists(ctx: ControlContext, name: string, options?: CallOptions): Promise<boolean> {
  return exists(() => getFlightInfo(ctx, name, undefined, options));
}

export function topicExists(ctx: ControlContext, locator: string, options?: CallOptions): Promise<boolean> {
  return exists(() => getFlightInfo(ctx, resolveTopicLocator(locator), undefined, options));
}
