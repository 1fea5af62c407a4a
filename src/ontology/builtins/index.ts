/** The built-in models of docs/protocol.md §13.3. */
export * from "./scalars.js";
export * from "./geometry.js";
export * from "./kinematics.js";
export * from "./sensors.js";
export * from "./camera.js";
