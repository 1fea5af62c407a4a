/** Awaits a promise that must reject with a MosaicoError, and returns it. */
import { expect } from "vitest";
import { MosaicoError, type Code } from "../../../src/node/index.js";

export async function failure(promise: Promise<unknown>): Promise<MosaicoError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(MosaicoError);
    return error as MosaicoError;
  }
  throw new Error("expected a rejection");
}

/** The code of the MosaicoError a promise rejects with. */
export async function codeOf(promise: Promise<unknown>): Promise<Code> {
  return (await failure(promise)).code;
}
