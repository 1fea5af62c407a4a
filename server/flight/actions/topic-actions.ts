/** Topic verbs (docs/protocol.md §4.5). */
import { errors } from "../../core/errors.js";
import { newUlid, newUuid } from "../../core/ids.js";
import { requireTopicLocator } from "../../core/locators.js";
import { userMetadataToText } from "../../core/user-metadata.js";
import type { TopicRow } from "../../store/rows.js";
import type { FlightContext } from "../context.js";
import { defineAction } from "./action.js";
import { BodyError, parseLocatorBody, requireField, requireString } from "./body.js";
import { notificationActions } from "./notifications.js";
import { loadSessionByUuid } from "./session-actions.js";

export const SERIALIZATION_FORMATS = ["default", "ragged", "image"] as const;

/**
 * mosaicod validates ontology tags but the exact rule was not inspected
 * (docs/protocol.md §4.5); we accept ASCII letters, digits, `_` and `-`. A dot is
 * refused because query fields are written `<tag>.<path>`.
 */
const ONTOLOGY_TAG_RE = /^[A-Za-z0-9_-]+$/;

export function loadTopic(ctx: FlightContext, locator: string): TopicRow {
  requireTopicLocator(locator);
  const topic = ctx.catalog.topics.findByLocator(locator);
  if (!topic) throw errors.notFound(locator);
  return topic;
}


export const topicActions = [
  defineAction({
    name: "topic_create",
    label: "TopicCreate",
    permission: "write",
    parse: (body) => {
      const format = requireString(body, "serialization_format");
      if (!(SERIALIZATION_FORMATS as readonly string[]).includes(format)) {
        throw new BodyError(`unknown variant \`${format}\``);
      }
      return {
        locator: requireString(body, "locator"),
        session_uuid: requireString(body, "session_uuid"),
        serialization_format: format,
        ontology_tag: requireString(body, "ontology_tag"),
        user_metadata: requireField(body, "user_metadata"),
      };
    },
    run(ctx, req) {
      // Same order of checks as mosaicod: metadata, session UUID, locator.
      const userMetadata = userMetadataToText(req.user_metadata);
      const session = loadSessionByUuid(ctx, req.session_uuid);
      const parts = requireTopicLocator(req.locator);
      if (!ONTOLOGY_TAG_RE.test(req.ontology_tag)) {
        throw errors.badRequest(`invalid ontology tag \`${req.ontology_tag}\``);
      }
      if (session.completed_at_ns !== null) throw errors.sessionAlreadyFinalized(session.uuid);
      const sequenceLocator = session.locator.slice(0, session.locator.indexOf(":"));
      if (parts.sequence !== sequenceLocator) {
        throw errors.badRequest(
          `topic \`${req.locator}\` does not belong to sequence \`${sequenceLocator}\` of the session`,
        );
      }
      if (ctx.catalog.topics.findByLocator(req.locator)) throw errors.alreadyExists(req.locator);
      const topic = ctx.catalog.topics.insert({
        locator: req.locator,
        uuid: newUuid(),
        sequence_id: session.sequence_id,
        session_id: session.session_id,
        ontology_tag: req.ontology_tag,
        serialization_format: req.serialization_format,
        user_metadata: userMetadata,
        created_at_ns: ctx.now(),
        data_path: `tp_${newUlid()}`,
      });
      return { uuid: topic.uuid };
    },
  }),
  defineAction({
    name: "topic_delete",
    label: "TopicDelete",
    permission: "delete",
    parse: parseLocatorBody,
    run(ctx, req) {
      // Open or locked does not matter (mosaicod J2 allows data loss here).
      const topic = loadTopic(ctx, req.locator);
      ctx.catalog.topics.delete(topic.topic_id);
      ctx.catalog.removeTopicData([topic.data_path]);
      return null;
    },
  }),
  ...notificationActions({
    kind: "topic",
    label: "Topic",
    requireLocator: requireTopicLocator,
    load(ctx, locator) {
      const row = loadTopic(ctx, locator);
      return { target: { topicId: row.topic_id }, locator: row.locator };
    },
  }),
];
