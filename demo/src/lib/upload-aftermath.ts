/**
 * What a failed upload left on the server once its session's error policy
 * ran: the sequence, its sessions and their state, its notifications.
 */
import type { MosaicoClient, SessionErrorPolicy } from "../sdk.js";

export async function describeAftermath(client: MosaicoClient, sequence: string, policy: SessionErrorPolicy): Promise<string[]> {
  const lines: string[] = [];
  if (!(await client.sequenceExists(sequence))) {
    return policy === "delete"
      ? [`Nothing kept: the session, its data and the sequence ${sequence} were deleted (policy: delete), so the same name can be used again.`]
      : [`Sequence ${sequence} does not exist.`];
  }
  const info = await client.sequenceInfo(sequence);
  lines.push(`Sequence ${sequence}: ${info.sessions.length} session(s), ${info.topics.length} topic(s) kept.`);
  for (const s of info.sessions) lines.push(`Session ${s.locator.split(":")[1] ?? s.locator}: ${s.locked ? "finalized" : "open"}, ${s.topics.length} topic(s).`);
  const notes = await client.listSequenceNotifications(sequence).catch(() => []);
  for (const n of notes) lines.push(`Notification (${n.type}): ${n.message}`);
  if (policy === "delete" && info.sessions.length === 0) lines.push("The failed session and its data were deleted (policy: delete).");
  return lines;
}
