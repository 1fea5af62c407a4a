/** Topic actions (docs/protocol.md §4.5). */
import { runAction } from "./action-runner.js";
import type { CallOptions } from "../options.js";
import { asObject, readString } from "../protocol/json-fields.js";
import type { ControlContext } from "./control-context.js";
import type { JsonValue, UserMetadataInput } from "../protocol/json.js";
import { SerializationFormat } from "../protocol/serialization-format.js";


/** What `topic_create` needs: where the topic goes, its session, and how it is typed and stored. */
export interface CreateTopicRequest {
  /** `<sequence>/<topic path>` */
  locator: string;
  sessionUuid: string;
  ontologyTag: string;
  serializationFormat?: SerializationFormat;
  userMetadata?: UserMetadataInput;
}

/** Declares a topic inside an open session; returns the topic uuid DoPut needs. */
export async function createTopic(ctx: ControlContext, request: CreateTopicRequest, options?: CallOptions): Promise<string> {
  const response = await runAction(
    ctx,
    "topic_create",
    {
      locator: request.locator,
      session_uuid: request.sessionUuid,
      serialization_format: request.serializationFormat ?? SerializationFormat.Default,
      ontology_tag: request.ontologyTag,
      user_metadata: (request.userMetadata ?? {}) as JsonValue,
    },
    options,
  );
  return readString(asObject(response, "topic_create"), "uuid", "topic_create");
}

/** Deletes an unlocked topic and its data. */
export async function deleteTopic(ctx: ControlContext, locator: string, options?: CallOptions): Promise<void> {
  await runAction(ctx, "topic_delete", { locator }, options);
}
