/**
 * Vite build of the Mosaico demo dashboard. The SDK comes from ../src through
 * demo/src/sdk.ts (its public entry, never src/node): the guard below fails
 * the build if a Node-only module of the SDK is ever pulled in.
 */
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";

const sdkNodeDir = fileURLToPath(new URL("../src/node/", import.meta.url));

function forbidNodeOnlySdk(): Plugin {
  return {
    name: "mosaico-demo:forbid-node-sdk",
    load(id) {
      if (id.startsWith(sdkNodeDir)) throw new Error(`the browser build must not include ${id} (src/node is Node-only)`);
      return null;
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "./",
  plugins: [forbidNodeOnlySdk()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    chunkSizeWarningLimit: 1500,
    sourcemap: true,
  },
  server: { port: 6780, strictPort: false },
});
