import { ensureNodeAbi } from '../native-abi';

/** Once per Vitest run: better-sqlite3 must be built for Node (after `npm start` it is Electron's). */
export default function globalSetup(): void {
  ensureNodeAbi();
}
