/**
 * Expected failures: `failure` / `codeOf` for the SDK (a MosaicoError),
 * `expectError` for raw Flight calls (a ConnectError with a gRPC code).
 */
import { ConnectError } from "@connectrpc/connect";
import { expect } from "vitest";
import { Code, MosaicoError } from "../../../src/node/index.js";

/** Awaits a promise that must reject with a MosaicoError, and returns it. */
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

/** Asserts that `promise` fails with this gRPC code (and exact message if given). */
export async function expectError(
  promise: Promise<unknown>,
  code: Code,
  message?: string | RegExp,
): Promise<ConnectError> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  expect(caught, "expected the call to fail").toBeInstanceOf(ConnectError);
  const error = caught as ConnectError;
  expect(Code[error.code], `message: ${error.rawMessage}`).toBe(Code[code]);
  if (typeof message === "string") expect(error.rawMessage).toBe(message);
  else if (message) expect(error.rawMessage).toMatch(message);
  return error;
}
