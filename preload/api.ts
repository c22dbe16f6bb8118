/**
 * Builds `window.lectern` from the contract: one named method per channel and one
 * subscribe function per event. Transport-agnostic, so the Chromium test harness
 * runs this same code over `page.exposeBinding` instead of `ipcRenderer`.
 */
import * as v from 'valibot';
import { CHANNEL_NAMES, EVENT_NAMES, channels, err, events, type LecternApi } from './contract';

/** Sends one request to main and resolves with main's raw answer. */
export type Invoke = (channel: string, input: unknown) => Promise<unknown>;
/** Subscribes to one main → renderer event; returns the unsubscribe function. */
export type Subscribe = (event: string, listener: (payload: unknown) => void) => () => void;

export function buildApi(invoke: Invoke, subscribe: Subscribe): LecternApi {
  const api: Record<string, unknown> = {};
  for (const name of CHANNEL_NAMES) {
    // Main always answers with a Result; a rejected invoke (no handler, destroyed
    // frame) becomes one too, so the renderer has a single error path.
    api[channels[name].method] = (input?: unknown) =>
      invoke(name, input).catch((cause: unknown) =>
        err('internal', `${name} failed: ${cause instanceof Error ? cause.message : String(cause)}`),
      );
  }
  for (const name of EVENT_NAMES) {
    const schema = events[name].payload;
    api[events[name].method] = (listener: unknown) => {
      if (typeof listener !== 'function') {
        throw new TypeError(`${events[name].method} takes a function`);
      }
      // Parse what main sends as unknown first; drop anything off-contract.
      return subscribe(name, (payload) => {
        const parsed = v.safeParse(schema, payload);
        if (parsed.success) (listener as (p: unknown) => void)(parsed.output);
      });
    };
  }
  return Object.freeze(api) as LecternApi;
}
