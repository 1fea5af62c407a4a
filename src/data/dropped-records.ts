/**
 * Reporting a record a topic writer left out (batch-plan.ts) as the Python
 * SDK 0.7 does (#731, handlers/topic_writer.py): an "error" notification on
 * the topic, with upstream's text, so list_topic_notifications shows it.
 */
import type { ControlContext } from "../control/control-context.js";
import { createNotification } from "../control/notifications.js";
import { MosaicoError } from "../errors/mosaico-error.js";
import type { OversizedRow } from "./batch-plan.js";

/** The notification text upstream sends; `topicName` is the topic part of the locator (`/sensors/imu`). */
export function droppedRecordMessage(topicName: string): string {
  return `Record dropped for topic '${topicName}': its size alone exceeds the transport's message-size limit and it cannot be split further.`;
}

/** What the report needs to know. */
export interface DroppedRecordReport {
  /** `<sequence>/<topic path>` */
  locator: string;
  /** The topic part of the locator. */
  topicName: string;
  /** The most bytes one message may carry. */
  messageBytes: number;
  signal?: AbortSignal;
}

/**
 * Sends the notification and returns the writer's `lastError` text: upstream's
 * message plus the record's timestamp and size. A failed notification does
 * not fail the upload (upstream logs it); the text then says so.
 */
export async function reportDroppedRecord(ctx: ControlContext, report: DroppedRecordReport, row: OversizedRow): Promise<string> {
  const message = droppedRecordMessage(report.topicName);
  const detail = `${message} (timestamp_ns ${row.timestampNs}: ${row.bytes} bytes; one message carries at most ${report.messageBytes})`;
  try {
    await createNotification(ctx, "topic", report.locator, message, { signal: report.signal });
    return detail;
  } catch (reason) {
    return `${detail}; the notification could not be sent: ${MosaicoError.from(reason).rawMessage}`;
  }
}
