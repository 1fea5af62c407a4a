/** Notification verbs shared by sequences and topics (docs/protocol.md §4.3, §4.5). */
import type { JsonObject, JsonValue } from "../../../src/protocol/index.js";
import { errors } from "../../core/errors.js";
import { formatUtcDatetime } from "../../core/time.js";
import type { NotificationTarget } from "../../store/notification-store.js";
import type { FlightContext } from "../context.js";
import { defineAction, type ActionDef } from "./action.js";
import { parseLocatorBody, requireString } from "./body.js";

/** The only type mosaicod accepts. */
const NOTIFICATION_TYPES = new Set(["error"]);

export interface NotificationCreate {
  locator: string;
  notification_type: string;
  msg: string;
}

export function parseNotificationCreate(body: JsonObject): NotificationCreate {
  return {
    locator: requireString(body, "locator"),
    notification_type: requireString(body, "notification_type"),
    msg: requireString(body, "msg"),
  };
}

export function requireNotificationType(type: string): string {
  if (!NOTIFICATION_TYPES.has(type)) throw errors.badRequest(`invalid notification type \`${type}\``);
  return type;
}

export function createNotification(
  ctx: FlightContext,
  target: NotificationTarget,
  type: string,
  msg: string,
): null {
  ctx.catalog.notifications.insert(target, type, msg, ctx.now());
  return null;
}

/** `{"notifications": [{name, notification_type, msg, created_datetime}]}` */
export function listNotifications(
  ctx: FlightContext,
  target: NotificationTarget,
  locator: string,
): JsonValue {
  const items = ctx.catalog.notifications.list(target).map((row) => ({
    name: locator,
    notification_type: row.notification_type,
    msg: row.msg,
    created_datetime: formatUtcDatetime(row.created_at_ns),
  }));
  return { notifications: items };
}

/** How a resource kind finds the notification target of a locator. */
export interface NotificationResource {
  /** `sequence` or `topic`: the action name prefix. */
  kind: "sequence" | "topic";
  /** `Sequence` or `Topic`: the label prefix used in permission messages. */
  label: string;
  /** Validates the locator's syntax (INVALID_ARGUMENT). */
  requireLocator(locator: string): void;
  /** Loads the resource (NOT_FOUND) and returns its target and canonical locator. */
  load(ctx: FlightContext, locator: string): { target: NotificationTarget; locator: string };
}

/** The three notification verbs (create, list, purge) of one resource kind. */
export function notificationActions(resource: NotificationResource): ActionDef<unknown>[] {
  return [
    defineAction({
      name: `${resource.kind}_notification_create`,
      label: `${resource.label}NotificationCreate`,
      permission: "write",
      parse: parseNotificationCreate,
      run(ctx, req) {
        resource.requireLocator(req.locator);
        const type = requireNotificationType(req.notification_type);
        return createNotification(ctx, resource.load(ctx, req.locator).target, type, req.msg);
      },
    }),
    defineAction({
      name: `${resource.kind}_notification_list`,
      label: `${resource.label}NotificationList`,
      permission: "read",
      parse: parseLocatorBody,
      run(ctx, req) {
        const { target, locator } = resource.load(ctx, req.locator);
        return listNotifications(ctx, target, locator);
      },
    }),
    defineAction({
      name: `${resource.kind}_notification_purge`,
      label: `${resource.label}NotificationPurge`,
      permission: "delete",
      parse: parseLocatorBody,
      run(ctx, req) {
        ctx.catalog.notifications.purge(resource.load(ctx, req.locator).target);
        return null;
      },
    }),
  ];
}
