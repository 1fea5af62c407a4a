/** How the server stores a topic (docs/protocol.md §13.1); sent in `topic_create`. */
export const SerializationFormat = { Default: "default", Ragged: "ragged", Image: "image" } as const;
/** One of the SerializationFormat values. */
export type SerializationFormat = (typeof SerializationFormat)[keyof typeof SerializationFormat];
