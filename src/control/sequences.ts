/** Sequence actions (docs/protocol.md §4.3). */
import { runAction } from "./action-runner.js";
import type { CallOptions } from "../options.js";
import type { ControlContext } from "./control-context.js";
import type { JsonValue, UserMetadataInput } from "../protocol/json.js";
import { assertSequenceName } from "../protocol/locators.js";

/** Options of createSequence(). */
export interface CreateSequenceOptions extends CallOptions {
  /** Free-form JSON metadata; keys may not contain dots (nest objects instead). */
  userMetadata?: UserMetadataInput | undefined;
}

/** Creates an empty sequence (`sequence_create`). */
export async function createSequence(ctx: ControlContext, name: string, options: CreateSequenceOptions = {}): Promise<void> {
  assertSequenceName(name);
  await runAction(ctx, "sequence_create", { locator: name, user_metadata: (options.userMetadata ?? {}) as JsonValue }, options);
}

/** Deletes the sequence with all its sessions, topics and data. */
export async function deleteSequence(ctx: ControlContext, name: string, options?: CallOptions): Promise<void> {
  assertSequenceName(name);
  await runAction(ctx, "sequence_delete", { locator: name }, options);
}
