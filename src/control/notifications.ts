/** Notification actions on sequences and topics (docs/protocol.md §4.3, §4.5). */
import { runAction } from "./action-runner.js";
import type { CallOptions } from "../options.js";
import { asObject, readArray, readString } from "../protocol/json-fields.js";
import type { ControlContext } from "./control-context.js";
import type { NotificationItem } from "./types.js";

export type NotificationTarget = "sequence" | "topic";

/** The only notification type mosaicod accepts. */
export const NotificationType = { Error: "error" } as const;

export async function createNotification(
  ctx: ControlContext,
  target: NotificationTarget,
  locator: string,
  message: string,
  options?: CallOptions,
): Promise<void> {
  await runAction(ctx, `${target}_notification_create`, { locator, notification_type: NotificationType.Error, msg: message }, options);
}

export async function listNotifications(
  ctx: ControlContext,
  target: NotificationTarget,
  locator: string,
  options?: CallOptions,
): Promise<NotificationItem[]> {
  const response = asObject(await runAction(ctx, `${target}_notification_list`, { locator }, options), "notification list");
  return readArray(response, "notifications", "notification list").map((value) => {
    const item = asObject(value, "notification");
    return {
      locator: readString(item, "name", "notification"),
      type: readString(item, "notification_type", "notification"),
      message: readString(item, "msg", "notification"),
      createdDatetime: readString(item, "created_datetime", "notification"),
    };
  });
}

export async function purgeNotifications(
  ctx: ControlContext,
  target: NotificationTarget,
  locator: string,
  options?: CallOptions,
): Promise<void> {
  await runAction(ctx, `${target}_notification_purge`, { locator }, options);
}
