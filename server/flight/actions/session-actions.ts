/** Session verbs (docs/protocol.md §4.4). */
import { errors } from "../../core/errors.js";
import { isUuid, newUlid, newUuid } from "../../core/ids.js";
import { requireSessionLocator } from "../../core/locators.js";
import type { SessionRow } from "../../store/rows.js";
import type { FlightContext } from "../context.js";
import { defineAction } from "./action.js";
import { BodyError, optionalString, parseLocatorBody, requireString } from "./body.js";
import { loadSequence } from "./sequence-actions.js";

/** Resolves a session by its UUID (the capability returned by session_create). */
export function loadSessionByUuid(ctx: FlightContext, uuid: string): SessionRow {
  if (!isUuid(uuid)) throw errors.badUuid(uuid);
  const session = ctx.catalog.sessions.findByUuid(uuid);
  if (!session) throw errors.notFound(uuid);
  return session;
}

type SessionRef = { locator: string } | { session_uuid: string };

function deleteSession(ctx: FlightContext, session: SessionRow): null {
  const dataPaths = ctx.catalog.topics
    .listBySession(session.session_id)
    .map((topic) => topic.data_path);
  // Its topics, their chunks and topic notifications cascade.
  ctx.catalog.sessions.delete(session.session_id);
  ctx.catalog.removeTopicData(dataPaths);
  return null;
}

export const sessionActions = [
  defineAction({
    name: "session_create",
    label: "SessionCreate",
    permission: "write",
    parse: parseLocatorBody,
    run(ctx, req) {
      const sequence = loadSequence(ctx, req.locator);
      const session = ctx.catalog.sessions.insert({
        uuid: newUuid(),
        locator: `${sequence.locator}:${newUlid()}`,
        sequence_id: sequence.sequence_id,
        created_at_ns: ctx.now(),
      });
      // J2+ shape; J1 answered only {uuid}.
      return { uuid: session.uuid, locator: session.locator };
    },
  }),
  defineAction({
    name: "session_finalize",
    label: "SessionFinalize",
    permission: "write",
    parse: (body) => ({ session_uuid: requireString(body, "session_uuid") }),
    run(ctx, req) {
      const session = loadSessionByUuid(ctx, req.session_uuid);
      // mosaicod names the session by its UUID in these messages.
      if (session.completed_at_ns !== null) throw errors.sessionAlreadyFinalized(session.uuid);
      const topics = ctx.catalog.topics.listBySession(session.session_id);
      if (topics.length === 0) throw errors.emptySession(session.uuid);
      for (const topic of topics) {
        if (topic.upload_state === "none") throw errors.missingDoPut(topic.locator);
        if (topic.upload_state === "uploading") throw errors.topicUploadInProgress(topic.locator);
      }
      const completedAt = ctx.now();
      ctx.catalog.transaction(() => {
        ctx.catalog.sessions.markCompleted(session.session_id, completedAt);
        ctx.catalog.topics.lockSession(session.session_id, completedAt);
      });
      return null;
    },
  }),
  defineAction({
    name: "session_delete",
    label: "SessionDelete",
    permission: "delete",
    // J2+: {"locator": "seq:ULID"}; J1: {"session_uuid": "..."} — both accepted.
    parse: (body): SessionRef => {
      const locator = optionalString(body, "locator");
      if (locator !== undefined) return { locator };
      const uuid = optionalString(body, "session_uuid");
      if (uuid !== undefined) return { session_uuid: uuid };
      throw new BodyError("missing field `locator`");
    },
    run(ctx, req) {
      if ("session_uuid" in req) return deleteSession(ctx, loadSessionByUuid(ctx, req.session_uuid));
      requireSessionLocator(req.locator);
      const session = ctx.catalog.sessions.findByLocator(req.locator);
      if (!session) throw errors.notFound(req.locator);
      return deleteSession(ctx, session);
    },
  }),
];
