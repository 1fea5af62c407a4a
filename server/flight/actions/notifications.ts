/** Notification verbs shared by sequences and topics (protocol §4.3, §4.5). */
import type { JsonObject, JsonValue } from "../../../src/control/json.js";
import { errors } from "../../core/errors.js";
import { formatUtcDatetime } from "../../core/time.js";
import type { NotificationTarget } from "../../store/notification-store.js";
import type { FlightContext } from "../context.js";
import { requireString } from "./body.js";

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
