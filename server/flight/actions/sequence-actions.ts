/** Sequence verbs (docs/protocol.md §4.3). */
import { errors } from "../../core/errors.js";
import { newUuid } from "../../core/ids.js";
import { requireSequenceLocator } from "../../core/locators.js";
import { userMetadataToText } from "../../core/user-metadata.js";
import type { SequenceRow } from "../../store/rows.js";
import type { FlightContext } from "../context.js";
import { defineAction } from "./action.js";
import { parseLocatorBody, requireField, requireString } from "./body.js";
import { notificationActions } from "./notifications.js";


/** Validates the locator and loads the sequence, or throws NOT_FOUND. */
export function loadSequence(ctx: FlightContext, locator: string): SequenceRow {
  requireSequenceLocator(locator);
  const row = ctx.catalog.sequences.findByLocator(locator);
  if (!row) throw errors.notFound(locator);
  return row;
}

export const sequenceActions = [
  defineAction({
    name: "sequence_create",
    label: "SequenceCreate",
    permission: "write",
    parse: (body) => ({
      locator: requireString(body, "locator"),
      user_metadata: requireField(body, "user_metadata"),
    }),
    run(ctx, req) {
      requireSequenceLocator(req.locator);
      const userMetadata = userMetadataToText(req.user_metadata);
      if (ctx.catalog.sequences.findByLocator(req.locator)) {
        throw errors.alreadyExists(req.locator);
      }
      ctx.catalog.sequences.insert({
        locator: req.locator,
        uuid: newUuid(),
        created_at_ns: ctx.now(),
        user_metadata: userMetadata,
      });
      return null;
    },
  }),
  defineAction({
    name: "sequence_delete",
    label: "SequenceDelete",
    permission: "delete",
    parse: parseLocatorBody,
    run(ctx, req) {
      const sequence = loadSequence(ctx, req.locator);
      const dataPaths = ctx.catalog.topics
        .listBySequence(sequence.sequence_id)
        .map((topic) => topic.data_path);
      // Sessions, topics, chunks and notifications go with it (ON DELETE CASCADE).
      ctx.catalog.sequences.delete(sequence.sequence_id);
      ctx.catalog.removeTopicData(dataPaths);
      return null;
    },
  }),
  ...notificationActions({
    kind: "sequence",
    label: "Sequence",
    requireLocator: requireSequenceLocator,
    load(ctx, locator) {
      const row = loadSequence(ctx, locator);
      return { target: { sequenceId: row.sequence_id }, locator: row.locator };
    },
  }),
];
