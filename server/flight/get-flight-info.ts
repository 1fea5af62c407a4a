/**
 * GetFlightInfo (docs/protocol.md §6.1) and GetSchema (§6.3, J3 only). The locator is
 * tried as a sequence, then as a topic; a session locator is refused.
 */
import { create } from "@bufbuild/protobuf";
import {
  encodeJsonBytes,
  FlightEndpointSchema,
  FlightInfoSchema,
  SchemaResultSchema,
  TicketSchema,
  type FlightDescriptor,
  type FlightEndpoint,
  type FlightInfo,
  type SchemaResult,
} from "../../src/protocol/index.js";
import { errors } from "../core/errors.js";
import { isSequenceLocator, parseSessionLocator, parseTopicLocator } from "../core/locators.js";
import type { TopicRow } from "../store/rows.js";
import {
  sequenceAppMetadata,
  sequenceSchemaMetadata,
  topicAppMetadata,
  topicSchemaMetadata,
  type TimeWindow,
} from "./app-metadata.js";
import { schemaWithMetadata } from "./arrow-schema.js";
import { encodeTicket } from "./bincode-ticket.js";
import type { FlightContext } from "./context.js";
import { parseFlightCommand } from "./flight-command.js";

async function topicEndpoint(
  ctx: FlightContext,
  topic: TopicRow,
  window: TimeWindow | undefined,
): Promise<FlightEndpoint> {
  const ticket = encodeTicket({ locator: topic.locator, ...window });
  return create(FlightEndpointSchema, {
    ticket: create(TicketSchema, { ticket }),
    appMetadata: encodeJsonBytes(
      await topicAppMetadata(ctx.generation.name, ctx.catalog, topic, window),
    ),
  });
}

async function sequenceInfo(
  ctx: FlightContext,
  descriptor: FlightDescriptor,
  locator: string,
  window: TimeWindow | undefined,
): Promise<FlightInfo> {
  const sequence = ctx.catalog.sequences.findByLocator(locator);
  if (!sequence) throw errors.notFound(locator);
  const topics = ctx.catalog.topics.listBySequence(sequence.sequence_id);
  // One topic at a time: a window may read the chunks straddling its bounds.
  const endpoint: FlightEndpoint[] = [];
  for (const topic of topics) endpoint.push(await topicEndpoint(ctx, topic, window));
  return create(FlightInfoSchema, {
    schema: schemaWithMetadata(null, sequenceSchemaMetadata(ctx.generation, sequence)),
    flightDescriptor: descriptor,
    endpoint,
    totalRecords: -1n,
    totalBytes: -1n,
    appMetadata: encodeJsonBytes(sequenceAppMetadata(ctx.generation.name, ctx.catalog, sequence)),
  });
}

async function topicInfo(
  ctx: FlightContext,
  descriptor: FlightDescriptor,
  topic: TopicRow,
  window: TimeWindow | undefined,
): Promise<FlightInfo> {
  return create(FlightInfoSchema, {
    schema: schemaWithMetadata(topic.arrow_schema, topicSchemaMetadata(ctx.generation, topic)),
    flightDescriptor: descriptor,
    endpoint: [await topicEndpoint(ctx, topic, window)],
    totalRecords: -1n,
    totalBytes: -1n,
  });
}

export async function getFlightInfo(
  ctx: FlightContext,
  descriptor: FlightDescriptor,
): Promise<FlightInfo> {
  const { resourceLocator: locator, window } = parseFlightCommand(descriptor);
  if (isSequenceLocator(locator)) return sequenceInfo(ctx, descriptor, locator, window);
  if (parseTopicLocator(locator)) {
    const topic = ctx.catalog.topics.findByLocator(locator);
    if (!topic) throw errors.notFound(locator);
    return topicInfo(ctx, descriptor, topic, window);
  }
  if (parseSessionLocator(locator)) throw errors.unsupportedLocator(locator);
  throw errors.badLocator(locator);
}

/** 0.7 (J3) GetSchema: the topic's Arrow schema. */
export function getSchema(ctx: FlightContext, descriptor: FlightDescriptor): SchemaResult {
  const { resourceLocator: locator } = parseFlightCommand(descriptor);
  if (!parseTopicLocator(locator)) throw errors.locatorKindMismatch(locator, "topic");
  const topic = ctx.catalog.topics.findByLocator(locator);
  if (!topic) throw errors.notFound(locator);
  return create(SchemaResultSchema, {
    schema: schemaWithMetadata(topic.arrow_schema, topicSchemaMetadata(ctx.generation, topic)),
  });
}
